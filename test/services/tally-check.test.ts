/**
 * Tally checks: a monitor's total over a period and area against the sum of the incidents held for
 * it. Rules are table-driven over hand-built domain objects (period bounds, area readings,
 * perpetrator restriction, statuses); one case runs the real pipeline in-process on three short
 * articles written for this test (two daily SOHR-style reports and the monitor's running total);
 * the `tally tallies` command is exercised in-process on a temporary store. No sentence here is
 * copied from a news article.
 */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import type { Claim, CountRange, Incident, ResolvedPlace, Tally } from '../../src/domain/types.ts';
import {
  checkTallies,
  governorateOf,
  interpretArea,
  regionKey,
  statusOf,
  SYRIA_REGIONS,
  type AreaScope,
  type TallyCheck,
} from '../../src/services/tally-check.ts';
import { SYRIA_GOVERNORATES } from '../../src/pipeline/geocode/syria-admin-names.ts';
import { openSqliteStore } from '../../src/storage/sqlite-incident-store.ts';
import { incidentsJsonRendering } from '../../src/export/incidents-json.ts';
import { embeddedDefault } from '../../src/services/gazetteer-service.ts';
import { ingestItems } from '../../src/services/ingest-batch.ts';
import type { InputItem } from '../../src/pipeline/ingest/read-inputs.ts';
import { registerTalliesCommand, TALLIES_JSON_FORMAT } from '../../src/cli/tallies-command.ts';

// ---------------------------------------------------------------------------------------------
// Builders

function place(name: string, admin1: string | null, precision: ResolvedPlace['precision'] = 'locality', admin2: string | null = null): ResolvedPlace {
  return { name, gazetteerId: null, lat: null, lon: null, admin1, admin2, precision };
}

function r(n: number): CountRange {
  return { best: n, min: n, max: n };
}

function claim(claimant: string, document = 'doc-a'): Claim {
  return { claimant, document, documents: [document], outlet: null, published: null, quote: 'A strike killed civilians, a monitor said.', start: 0, end: 40, killed: {}, injured: {}, rules: [] };
}

interface IncidentSpec {
  id: string;
  date?: string | [string, string] | { start: string; end: string; precision: 'day' | 'range' | 'reported' } | 'unknown';
  places?: ResolvedPlace[];
  perpetrators?: string[];
  killed?: Partial<Record<'total' | 'civilians' | 'children' | 'women' | 'fighters', number>>;
  claimants?: string[];
  rejected?: boolean;
}

function incident(s: IncidentSpec): Incident {
  const d = s.date ?? '2019-11-04';
  const date: Incident['date'] =
    d === 'unknown' ? { start: null, end: null, precision: 'unknown' } : typeof d === 'string' ? { start: d, end: d, precision: 'day' } : Array.isArray(d) ? { start: d[0], end: d[1], precision: 'range' } : d;
  const places = s.places ?? [place('Saraqib', 'Idlib')];
  const killed: Incident['killed'] = {};
  for (const [k, v] of Object.entries(s.killed ?? { total: 3, civilians: 3 })) killed[k as keyof typeof killed] = r(v);
  return {
    id: s.id,
    eventType: 'air_strike',
    date,
    location: places[0] ?? null,
    places,
    perpetrators: s.perpetrators ?? ['russia'],
    perpetratorsDisputed: false,
    killed,
    injured: {},
    targets: [],
    claims: (s.claimants ?? ['sohr']).map((c) => claim(c)),
    documents: ['doc-a'],
    mentionIds: [`doc-a#${s.id}`],
    review: { status: s.rejected ? 'rejected' : 'unreviewed' },
  };
}

function tally(overrides: Partial<Tally> = {}): Tally {
  return {
    id: 'tly-1',
    document: 'doc-total',
    claimant: 'sohr',
    period: { start: '2019-11-02', end: '2019-11-06' },
    area: 'Idlib',
    perpetrator: null,
    killed: { civilians: 20 },
    injured: {},
    displaced: null,
    quote: 'In five days of air strikes on Idlib province, 20 civilians were killed, the monitor said.',
    start: 0,
    end: 90,
    ...overrides,
  };
}

function only(checks: TallyCheck[]): TallyCheck {
  assert.equal(checks.length, 1, `expected one check, got ${checks.length}`);
  return checks[0];
}

// ---------------------------------------------------------------------------------------------

describe('period: an incident counts when its whole date range lies inside the tally period', () => {
  // Tally period 2019-11-02 .. 2019-11-06, bounds included.
  const rows: [string, IncidentSpec['date'], 'counted' | 'partial' | 'outside'][] = [
    ['first day of the period', '2019-11-02', 'counted'],
    ['last day of the period', '2019-11-06', 'counted'],
    ['the day before', '2019-11-01', 'outside'],
    ['the day after', '2019-11-07', 'outside'],
    ['a range inside', ['2019-11-03', '2019-11-05'], 'counted'],
    ['a range equal to the period', ['2019-11-02', '2019-11-06'], 'counted'],
    ['a range starting before', ['2019-11-01', '2019-11-03'], 'partial'],
    ['a range running past the end', ['2019-11-05', '2019-11-08'], 'partial'],
    ['a range containing the period', ['2019-10-01', '2019-11-30'], 'partial'],
    ['a reported (publication) day inside', { start: '2019-11-06', end: '2019-11-06', precision: 'reported' }, 'counted'],
    ['a reported day after', { start: '2019-11-07', end: '2019-11-07', precision: 'reported' }, 'outside'],
  ];
  for (const [name, date, expected] of rows) {
    test(name, () => {
      const c = only(checkTallies([tally()], [incident({ id: 'inc-x', date })]));
      assert.deepEqual(
        { counted: c.incidentIds, partial: c.partialIds },
        { counted: expected === 'counted' ? ['inc-x'] : [], partial: expected === 'partial' ? ['inc-x'] : [] },
      );
    });
  }
});

describe('incidents of unknown date: in no period', () => {
  test('never counted; listed as undated when in the area and perpetrator scope, the check goes on', () => {
    const incidents = [
      incident({ id: 'inc-dated', date: '2019-11-03', killed: { civilians: 8 } }),
      incident({ id: 'inc-undated-idlib', date: 'unknown', killed: { civilians: 12 } }),
      incident({ id: 'inc-undated-hama', date: 'unknown', places: [place('Kafr Zita', 'Hama')] }),
      incident({ id: 'inc-undated-isis', date: 'unknown', perpetrators: ['isis'] }),
    ];
    const c = only(checkTallies([tally({ perpetrator: 'russia' })], incidents));
    assert.deepEqual(c.incidentIds, ['inc-dated']);
    assert.deepEqual(c.undatedIds, ['inc-undated-idlib']);
    assert.deepEqual([c.partialIds, c.unplacedIds], [[], []]);
    assert.equal(c.categories[0].anyClaimant.incidents, 8, 'the undated 12 are not summed');
  });

  test('an unplaced incident of unknown date is neither unplaced-in-period nor undated-in-area', () => {
    const c = only(checkTallies([tally({ area: 'Idlib' })], [incident({ id: 'inc-nowhere', date: 'unknown', places: [] })]));
    assert.deepEqual([c.incidentIds, c.unplacedIds, c.undatedIds], [[], [], []]);
  });
});

describe('area: governorates, regions, the country, lists and places', () => {
  const rows: [string | null, ResolvedPlace[], boolean][] = [
    ['Idlib', [place('Saraqib', 'Idlib')], true],
    ['Idlib province', [place('Saraqeb', 'Idleb')], true],
    ['Idlib governorate', [place('Idlib', 'Idlib Governorate', 'admin1')], true],
    ['Idlib', [place('Kafr Nabuda', 'Hama')], false],
    ['southern Idlib countryside', [place('Kafranbel', 'Idlib')], true],
    ["Syria's Idlib", [place('Kafranbel', 'Idlib')], true],
    ['Idlib, Syria', [place('al-Sahara', 'Aleppo')], false],
    // An admin1-precision place with no admin1 of its own is placed by its name.
    ['Idlib', [place('Idlib', null, 'admin1')], true],
    ['northwestern Syria', [place('Kafr Nabuda', 'Hama')], true],
    ['north-west Syria', [place('Kessab', 'Latakia')], true],
    ['northwestern Syria', [place('Tabqa', 'Raqqa')], false],
    ['north-east Syria', [place('Qamishli', 'Hasakah')], true],
    ['northeastern Syria', [place('Deir ez-Zor', 'Deir al-Zour')], true],
    ['northeastern Syria', [place('Saraqib', 'Idlib')], false],
    ['the Idlib de-escalation zone', [place('Kafr Nabuda', 'Hama')], true],
    ['Syria', [place('Busra al-Harir', 'Daraa')], true],
    ['across Syria', [place('Douma', 'Rif Dimashq')], true],
    ['Damascus countryside', [place('Douma', 'Rif Dimashq')], true],
    ['Damascus countryside', [place('Mezzeh', 'Damascus')], false],
    ['Idlib, western Aleppo, Latakia mountains', [place('al-Sahara', 'Aleppo')], true],
    ['Idlib, western Aleppo, Latakia mountains', [place('Kafr Nabuda', 'Hama')], false],
    ['Idlib and Hama', [place('Kafr Nabuda', 'Hama')], true],
    // A multi-place incident is in the area when any of its places is.
    ['Hama', [place('Saraqib', 'Idlib'), place('Kafr Nabuda', 'Hama')], true],
    // Cities: matched by name (transliteration-tolerant), not by governorate.
    ['Saraqib', [place('Saraqeb', 'Idlib')], true],
    ['Saraqib city', [place('Saraqeb', 'Idlib')], true],
    ['Saraqib', [place('Kafranbel', 'Idlib')], false],
    // A city is its own places; its district ("… district", "… countryside") is the district's places,
    // spelt as SYRIA_DISTRICT_ALIASES groups them.
    ['Maarrat al-Numan', [place('Kafr Sajna', 'Idlib', 'locality', "Al Ma'ra")], false],
    ['Maarrat al-Numan countryside', [place('Kafr Sajna', 'Idlib', 'locality', "Al Ma'ra")], true],
    ['Maarrat al-Numan district', [place('Kafr Sajna', 'Idlib', 'locality', 'Al Ma`ra District')], true],
    ['Jisr al-Shughur district', [place('Badama', 'Idlib', 'locality', 'Jisr ash-Shughur')], true],
    ['Jisr al-Shughur district', [place('Kafr Sajna', 'Idlib', 'locality', "Al Ma'ra")], false],
    // No area: every incident.
    [null, [place('Tabqa', 'Raqqa')], true],
  ];
  for (const [area, places, inside] of rows) {
    test(`${area ?? '(no area)'} ${inside ? 'includes' : 'excludes'} ${places.map((p) => `${p.name}/${p.admin1}`).join('+')}`, () => {
      const c = only(checkTallies([tally({ area })], [incident({ id: 'inc-x', places })]));
      assert.deepEqual(c.incidentIds, inside ? ['inc-x'] : []);
    });
  }

  test('an incident with no governorate is listed as unplaced under a governorate area, not counted', () => {
    const c = only(checkTallies([tally({ area: 'Idlib' })], [incident({ id: 'inc-u', places: [place('al-Naqir', null)] })]));
    assert.deepEqual([c.incidentIds, c.unplacedIds], [[], ['inc-u']]);
  });

  test('the optional lookup places an area phrase the built-in rules do not know', () => {
    const lookup = (a: string) => (/zawiya/i.test(a) ? 'Idlib' : null);
    const incidents = [incident({ id: 'inc-i', places: [place('Kansafra', 'Idlib')] })];
    const without = only(checkTallies([tally({ area: 'Jabal al-Zawiya' })], incidents));
    const withLookup = only(checkTallies([tally({ area: 'Jabal al-Zawiya' })], incidents, lookup));
    assert.deepEqual([without.incidentIds, withLookup.incidentIds], [[], ['inc-i']]);
  });
});

describe('interpretArea: how an area phrase is read', () => {
  const rows: [string | null, AreaScope][] = [
    [null, { kind: 'any' }],
    ['Syria', { kind: 'country', country: 'Syria' }],
    ['all of Syria', { kind: 'country', country: 'Syria' }],
    ['Idlib', { kind: 'governorates', governorates: ['Idlib'], regions: [], districts: [], places: [] }],
    ['Edlib province', { kind: 'governorates', governorates: ['Idlib'], regions: [], districts: [], places: [] }],
    ['Rural Damascus', { kind: 'governorates', governorates: ['Rif Dimashq'], regions: [], districts: [], places: [] }],
    ['northwestern Syria', { kind: 'governorates', governorates: ['Aleppo', 'Hama', 'Idlib', 'Latakia'], regions: ['northwest'], districts: [], places: [] }],
    ['North-Eastern Syria', { kind: 'governorates', governorates: ['Al-Hasakah', 'Deir ez-Zor', 'Raqqa'], regions: ['northeast'], districts: [], places: [] }],
    ['Idlib region', { kind: 'governorates', governorates: ['Aleppo', 'Hama', 'Idlib', 'Latakia'], regions: ['idlib-zone'], districts: [], places: [] }],
    ['Idlib, western Aleppo, Latakia mountains', { kind: 'governorates', governorates: ['Aleppo', 'Idlib', 'Latakia'], regions: [], districts: [], places: [] }],
    ['the town of Saraqib', { kind: 'governorates', governorates: [], regions: [], districts: [], places: ['Saraqib'] }],
    ['Maarrat al-Numan district', { kind: 'governorates', governorates: [], regions: [], districts: ['Maarrat al-Numan'], places: [] }],
    ['Saraqib and its countryside', { kind: 'governorates', governorates: [], regions: [], districts: ['Saraqib'], places: [] }],
    ['Idlib and Hama', { kind: 'governorates', governorates: ['Hama', 'Idlib'], regions: [], districts: [], places: [] }],
  ];
  for (const [area, scope] of rows) {
    test(String(area), () => assert.deepEqual(interpretArea(area), scope));
  }

  test('every region lists only governorates SYRIA_GOVERNORATES knows, and no two regions share a name', () => {
    const known = new Set(SYRIA_GOVERNORATES.map((g) => g.name));
    const seen = new Map<string, string>();
    for (const region of SYRIA_REGIONS) {
      for (const g of region.governorates) assert.ok(known.has(g), `region ${region.id}: unknown governorate '${g}'`);
      for (const n of region.names) {
        const k = regionKey(n);
        assert.equal(seen.get(k), undefined, `region name '${n}' (key '${k}') is in ${seen.get(k)} and ${region.id}`);
        seen.set(k, region.id);
      }
    }
  });

  const govRows: [string, string | null][] = [
    ['Idleb', 'Idlib'],
    ['Idlib Governorate', 'Idlib'],
    ['Hasakah', 'Al-Hasakah'],
    ['Deir al-Zour', 'Deir ez-Zor'],
    ['Sweida', 'As-Suwayda'],
    ['Homs', 'Homs'],
    ['Saraqib', null],
  ];
  for (const [name, expected] of govRows) {
    test(`governorateOf(${name}) = ${expected}`, () => assert.equal(governorateOf(name)?.name ?? null, expected));
  }
});

describe('perpetrator restriction', () => {
  const incidents = [
    incident({ id: 'inc-ru', perpetrators: ['russia'] }),
    incident({ id: 'inc-both', perpetrators: ['russia', 'syrian-government'] }),
    incident({ id: 'inc-gov', perpetrators: ['syrian-government'] }),
    incident({ id: 'inc-unk', perpetrators: ['unknown'] }),
    incident({ id: 'inc-none', perpetrators: [] }),
  ];
  const all = ['inc-both', 'inc-gov', 'inc-none', 'inc-ru', 'inc-unk'];
  const rows: [string, string | null, 'match' | 'ignore', string[]][] = [
    ['a tally naming Russia counts incidents that list Russia', 'russia', 'match', ['inc-both', 'inc-ru']],
    ['the restriction can be turned off', 'russia', 'ignore', all],
    ['a tally naming no perpetrator counts every incident', null, 'match', all],
    ["a tally's 'unknown' is no restriction", 'unknown', 'match', all],
  ];
  for (const [name, perpetrator, mode, expected] of rows) {
    test(name, () => {
      const c = only(checkTallies([tally({ perpetrator })], incidents, undefined, { perpetrator: mode }));
      assert.deepEqual(c.incidentIds, expected);
      assert.equal(c.perpetrator, mode === 'match' && perpetrator !== 'unknown' ? perpetrator : null);
    });
  }
});

describe('statuses: matches within ±10% of the tally figure', () => {
  const rows: [number, number, string][] = [
    [20, 20, 'matches'],
    [20, 18, 'matches'],
    [20, 22, 'matches'],
    [20, 17, 'incidents-below'],
    [20, 23, 'incidents-above'],
    [8, 7, 'incidents-below'], // 12.5% short: small tallies get no extra slack
    [277, 250, 'matches'],
    [0, 0, 'matches'],
    [0, 1, 'incidents-above'],
  ];
  for (const [figure, sum, status] of rows) {
    test(`tally ${figure}, incidents ${sum}: ${status}`, () => assert.equal(statusOf(figure, sum), status));
  }
});

describe('figures, claimants and what is checked', () => {
  test('sums best figures per category, with difference, coverage, ids and the headline status', () => {
    const c = only(
      checkTallies(
        [tally({ killed: { civilians: 20, children: 5, women: 3 } })],
        [
          incident({ id: 'inc-a', date: '2019-11-02', killed: { total: 7, civilians: 7, children: 2 } }),
          incident({ id: 'inc-b', date: '2019-11-04', killed: { total: 8, civilians: 6, fighters: 2, women: 1 } }),
          incident({ id: 'inc-c', date: '2019-11-05', killed: { total: 4, civilians: 4, children: 4 }, claimants: ['white-helmets'] }),
        ],
      ),
    );
    assert.equal(c.headline, 'civilians');
    assert.equal(c.status, 'incidents-below');
    const byCat = Object.fromEntries(c.categories.map((k) => [k.category, k]));
    assert.deepEqual(Object.keys(byCat), ['civilians', 'children', 'women']);
    assert.deepEqual(byCat.civilians.anyClaimant, { incidents: 17, difference: -3, coverage: 0.85, status: 'incidents-below', incidentIds: ['inc-a', 'inc-b', 'inc-c'] });
    assert.deepEqual(byCat.children.anyClaimant, { incidents: 6, difference: 1, coverage: 1.2, status: 'incidents-above', incidentIds: ['inc-a', 'inc-c'] });
    assert.deepEqual(byCat.women.anyClaimant, { incidents: 1, difference: -2, coverage: 1 / 3, status: 'incidents-below', incidentIds: ['inc-b'] });
    // Same claimant: inc-c is claimed by the White Helmets only.
    assert.deepEqual(byCat.civilians.sameClaimant, { incidents: 13, difference: -7, coverage: 0.65, status: 'incidents-below', incidentIds: ['inc-a', 'inc-b'] });
    assert.deepEqual(c.sameClaimantIds, ['inc-a', 'inc-b']);
  });

  test('a tally with no claimant has no same-claimant comparison', () => {
    const c = only(checkTallies([tally({ claimant: null })], [incident({ id: 'inc-a' })]));
    assert.equal(c.categories[0].sameClaimant, null);
  });

  test('a total equal to the civilian figure is not checked as a total; a distinct total is, with the headline-count fallback', () => {
    const incidents = [incident({ id: 'inc-a', killed: { total: 6, civilians: 6 } }), incident({ id: 'inc-f', killed: { fighters: 9 } }), incident({ id: 'inc-k', killed: { civilians: 3, fighters: 1 } })];
    const restated = only(checkTallies([tally({ killed: { total: 9, civilians: 9 } })], incidents));
    assert.deepEqual(restated.categories.map((k) => k.category), ['civilians']);
    const distinct = only(checkTallies([tally({ killed: { total: 20, civilians: 9 } })], incidents));
    const total = distinct.categories.find((k) => k.category === 'total')!;
    // inc-f has no total: its 9 fighters count; inc-k: civilians 3 + fighters 1.
    assert.deepEqual([total.anyClaimant.incidents, total.anyClaimant.status, distinct.headline], [19, 'matches', 'civilians']);
  });

  test('a tally with only a total is headed by the total', () => {
    const c = only(checkTallies([tally({ killed: { total: 6 } })], [incident({ id: 'inc-a', killed: { total: 6, civilians: 6 } })]));
    assert.deepEqual([c.headline, c.status], ['total', 'matches']);
  });

  test('tallies without a period or without a checkable killed figure are not checked', () => {
    const checks = checkTallies(
      [
        tally({ id: 'no-period', period: null }),
        tally({ id: 'displaced-only', killed: {}, displaced: 40000 }),
        tally({ id: 'fighters-only', killed: { fighters: 13 } }),
        tally({ id: 'checked' }),
      ],
      [incident({ id: 'inc-a' })],
    );
    assert.deepEqual(checks.map((c) => c.tallyId), ['checked']);
  });

  test('rejected incidents never count; a zero figure has no coverage ratio', () => {
    const c = only(checkTallies([tally({ killed: { civilians: 0 } })], [incident({ id: 'inc-r', rejected: true })]));
    assert.deepEqual([c.incidentIds, c.categories[0].anyClaimant.coverage, c.status], [[], null, 'matches']);
  });

  test('output does not depend on the order incidents are given in', () => {
    const incidents = [incident({ id: 'inc-b', date: '2019-11-03' }), incident({ id: 'inc-a', date: '2019-11-04' }), incident({ id: 'inc-p', date: ['2019-11-01', '2019-11-03'] })];
    assert.deepEqual(checkTallies([tally()], incidents), checkTallies([tally()], [...incidents].reverse()));
  });
});

// ---------------------------------------------------------------------------------------------
// The real pipeline: two daily reports and the monitor's running total over the same days.

function article(id: string, published: string, text: string): InputItem {
  return { kind: 'article', source: `test:${id}`, article: { id, text, published, url: null, outlet: 'Test Wire', title: null, language: 'en' } };
}

const ARTICLES: InputItem[] = [
  article(
    'daily-nov-3',
    '2019-11-03',
    'Russian warplanes killed seven civilians, including two children, in air strikes on the town of Maarat al-Numan in Idlib province on Saturday, the Syrian Observatory for Human Rights said. The Britain-based monitor said the jets hit a vegetable market in the town centre.',
  ),
  article(
    'daily-nov-5',
    '2019-11-05',
    'Russian air strikes killed five civilians in the village of Kafranbel in southern Idlib on Monday, according to the Syrian Observatory for Human Rights. Separately, shelling by government forces killed three civilians in the town of Kafr Nabuda in northern Hama on Monday, the Observatory said.',
  ),
  article(
    'monitor-total',
    '2019-11-06',
    'Russian air strikes have killed a total of 12 civilians in Idlib province since November 2, the Syrian Observatory for Human Rights said. The monitor said the raids were the heaviest since the truce announced in August.',
  ),
];

describe('in-process pipeline: a monitor total compared with the daily incidents', () => {
  test('the five-day total is kept as a tally and matches the two Idlib incidents it covers', async () => {
    const store = await openSqliteStore(':memory:', incidentsJsonRendering);
    try {
      await ingestItems(store, embeddedDefault().resolver, ARTICLES, { now: '2019-11-07T00:00:00Z', runId: 'tally-check-test' });
      const tallies = await store.listTallies();
      const incidents = await store.listIncidents();
      const total = tallies.find((t) => t.document === 'monitor-total' && t.killed.civilians === 12);
      assert.ok(total, `no 12-civilian tally from monitor-total; tallies: ${JSON.stringify(tallies)}`);
      assert.deepEqual([total.claimant, total.period], ['sohr', { start: '2019-11-02', end: '2019-11-06' }]);
      // The total is not also an incident.
      assert.equal(incidents.filter((i) => i.documents.includes('monitor-total')).length, 0);

      const idOf = (re: RegExp) => {
        const found = incidents.filter((i) => i.places.some((p) => re.test(p.name)));
        assert.equal(found.length, 1, `one incident at ${re}; incidents: ${JSON.stringify(incidents.map((i) => [i.id, i.places.map((p) => p.name)]))}`);
        return found[0].id;
      };
      const maarat = idOf(/maar/i);
      const kafranbel = idOf(/kafranbel/i);
      const hama = idOf(/nabuda/i);

      const check = checkTallies(tallies, incidents).find((c) => c.tallyId === total.id);
      assert.ok(check);
      assert.deepEqual(check.incidentIds, [maarat, kafranbel].sort());
      assert.ok(!check.incidentIds.includes(hama), 'the Hama shelling is outside the area (and by another perpetrator)');
      const civilians = check.categories.find((c) => c.category === 'civilians')!;
      assert.deepEqual([civilians.anyClaimant.incidents, civilians.sameClaimant?.incidents, check.status], [12, 12, 'matches']);
    } finally {
      await store.close();
    }
  });
});

// ---------------------------------------------------------------------------------------------
// The command, in-process on a temporary store.

describe('tally tallies command', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tally-tallies-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const db = join(dir, 'store.db');
  before(async () => {
    const seeded = await openSqliteStore(db, incidentsJsonRendering);
    try {
      await seeded.replaceIncidents(
        [
          incident({ id: 'inc-a', date: '2019-11-02', killed: { civilians: 7 } }),
          incident({ id: 'inc-b', date: '2019-11-04', killed: { civilians: 5 } }),
          incident({ id: 'inc-undated', date: 'unknown', killed: { civilians: 4 } }),
        ],
        [tally({ id: 'tly-five-days', killed: { civilians: 12, children: 3 } }), tally({ id: 'tly-displaced', period: null, area: null, killed: {}, displaced: 40000, claimant: 'un', quote: 'Some 40,000 people fled the fighting, the United Nations said.' })],
      );
    } finally {
      await seeded.close();
    }
  });

  class TestUsageError extends Error {}

  async function run(args: string[]): Promise<string[]> {
    const lines: string[] = [];
    const program = new Command('tally').exitOverride();
    registerTalliesCommand(program, {
      dbPath: (o) => o ?? db,
      openStore: (location) => openSqliteStore(location, incidentsJsonRendering),
      usageError: (m) => new TestUsageError(m),
      out: (l) => lines.push(l),
      areaLookup: () => () => null,
    });
    await program.parseAsync(['tallies', ...args], { from: 'user' });
    return lines;
  }

  test('lists every tally with claimant, period, area, figures and a quote snippet', async () => {
    const lines = await run(['--db', db]);
    const five = lines.findIndex((l) => l.startsWith('tly-five-days '));
    assert.match(lines[five], /^tly-five-days {2}sohr {2}2019-11-02\.\.2019-11-06 {2}Idlib {2}killed civilians 12, children 3$/);
    assert.match(lines[five + 1], /^ {2}"In five days of air strikes on Idlib province, 20 civilians were killed, the monitor said\." \(doc-total\)$/);
    assert.ok(lines.includes('tly-displaced  un  no period  no area  displaced 40000'), lines.join('\n'));
    assert.equal(lines.at(-1), '2 tallies');
  });

  test('--check prints one row per category with the incidents sum and status', async () => {
    const lines = await run(['--db', db, '--check']);
    assert.match(lines[0], /^tally\s+claimant\s+period\s+area \[read as\]\s+perpetrator\s+category\s+tally\s+incidents\s+diff\s+coverage\s+status\s+same claimant$/);
    assert.match(lines[1], /^tly-five-days\s+sohr\s+2019-11-02\.\.2019-11-06\s+Idlib \[Idlib\]\s+-\s+civilians\s+12\s+12\s+0\s+100%\s+matches\s+12 \(matches\)$/);
    assert.match(lines[2], /^\s+children\s+3\s+0\s+-3\s+0%\s+incidents-below\s+0 \(incidents-below\)$/);
    assert.ok(lines.includes('tly-five-days: 2 incidents counted: inc-a, inc-b'), lines.join('\n'));
    assert.ok(lines.includes('  in the area but of unknown date, not counted: inc-undated'), lines.join('\n'));
    assert.equal(lines.at(-1), '1 of 2 tallies checked (matches 1); the rest have no period or no killed figure');
  });

  test('--check --json prints tallies/1 with the comparisons', async () => {
    const doc = JSON.parse((await run(['--db', db, '--check', '--json'])).join('\n'));
    assert.equal(doc.format, TALLIES_JSON_FORMAT);
    assert.deepEqual(doc.tallies.map((t: { id: string }) => t.id).sort(), ['tly-displaced', 'tly-five-days']);
    assert.equal(doc.checks.length, 1);
    const [check] = doc.checks;
    assert.deepEqual(check.undated_ids, ['inc-undated']);
    assert.deepEqual(
      { tally: check.tally, status: check.status, area_scope: check.area_scope, civilians: check.categories[0] },
      {
        tally: 'tly-five-days',
        status: 'matches',
        area_scope: { kind: 'governorates', governorates: ['Idlib'], regions: [], districts: [], places: [] },
        civilians: {
          category: 'civilians',
          tally: 12,
          any_claimant: { incidents: 12, difference: 0, coverage: 1, status: 'matches', incident_ids: ['inc-a', 'inc-b'] },
          same_claimant: { incidents: 12, difference: 0, coverage: 1, status: 'matches', incident_ids: ['inc-a', 'inc-b'] },
        },
      },
    );
  });

  test('--json without --check lists the tallies only', async () => {
    const doc = JSON.parse((await run(['--db', db, '--json'])).join('\n'));
    assert.deepEqual([doc.tallies.length, 'checks' in doc], [2, false]);
  });

  test('a missing store is a usage error naming the path', async () => {
    const missing = join(dir, 'nope.db');
    await assert.rejects(run(['--db', missing]), (e: Error) => e instanceof TestUsageError && e.message.includes(missing) && /no such store/.test(e.message));
  });

  test('--any-perpetrator without --check is a usage error', async () => {
    await assert.rejects(run(['--db', db, '--any-perpetrator']), (e: Error) => e instanceof TestUsageError && /--any-perpetrator/.test(e.message));
  });
});
