import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { scoreRun } from '../../src/eval/score-run.ts';
import type { GoldIncident } from '../../src/eval/gold-file.ts';
import type { ExportIncident } from '../../src/eval/incidents-export.ts';
import {
  ARTICLES,
  SENTENCE_STRIKE,
  SENTENCE_TALLY,
  goldFile,
  goldIncident,
  goldTally,
  spanOf,
  systemExport,
  systemIncident,
  systemTally,
} from './eval-builders.ts';

function scoreOne(g: Partial<GoldIncident>, s: Partial<ExportIncident>) {
  return scoreRun({ gold: goldFile([goldIncident({ id: 'G1', ...g })]), system: systemExport([systemIncident({ id: 'S1', ...s })]), articles: ARTICLES });
}

describe('incidents: precision, recall, F1', () => {
  test('counts matched, missed and spurious incidents', () => {
    const gold = goldFile([goldIncident({ id: 'G1' }), goldIncident({ id: 'G2', places: ['Binnish'] })]);
    const system = systemExport([
      systemIncident({ id: 'S1' }),
      systemIncident({ id: 'S2', location: { name: 'Taftanaz', lat: null, lon: null, admin1: 'Idlib', precision: 'locality' } }),
      systemIncident({ id: 'S3', documents: ['a2'], claims: [] }),
    ]);
    const r = scoreRun({ gold, system, articles: ARTICLES });
    assert.deepEqual(
      { gold: r.incidents.gold, system: r.incidents.system, matched: r.incidents.matched },
      { gold: 2, system: 3, matched: 1 },
    );
    assert.equal(r.incidents.precision, 1 / 3);
    assert.equal(r.incidents.recall, 1 / 2);
    assert.equal(r.incidents.f1, (2 * (1 / 3) * (1 / 2)) / (1 / 3 + 1 / 2));
    assert.equal(r.summary['incidents.f1'], r.incidents.f1);
  });

  test('optional gold incidents are neutral whether found or not', () => {
    const gold = goldFile([
      goldIncident({ id: 'G1' }),
      goldIncident({ id: 'G-OPT-FOUND', optional: true, places: ['Binnish'] }),
      goldIncident({ id: 'G-OPT-MISSED', optional: true, places: ['Sarmin'] }),
    ]);
    const system = systemExport([
      systemIncident({ id: 'S1' }),
      systemIncident({ id: 'S2', location: { name: 'Binnish', lat: null, lon: null, admin1: 'Idlib', precision: 'locality' }, perpetrators: ['isis'] }),
    ]);
    const r = scoreRun({ gold, system, articles: ARTICLES });
    assert.deepEqual(
      [r.incidents.gold, r.incidents.goldOptional, r.incidents.system, r.incidents.matched, r.incidents.matchedOptional],
      [1, 2, 1, 1, 1],
    );
    assert.equal(r.incidents.precision, 1);
    assert.equal(r.incidents.recall, 1);
    assert.deepEqual(r.misses, []);
    assert.deepEqual(r.falsePositives, []);
    // Attributes are scored over required pairs only: S2's wrong perpetrator is not counted.
    assert.deepEqual(r.perpetrators.exact, { n: 1, of: 1, rate: 1 });
  });

  test('nothing to measure gives null rates, not zeros', () => {
    const r = scoreRun({ gold: goldFile([]), system: systemExport([]), articles: [] });
    assert.equal(r.incidents.precision, null);
    assert.equal(r.incidents.recall, null);
    assert.equal(r.incidents.f1, null);
    assert.equal(r.summary['figures.accuracy'], null);
  });
});

describe('figures', () => {
  const cases: [string, GoldIncident['killed'], ExportIncident['killed'], { right: number; of: number; wrong: [string, number | null][] }][] = [
    ['best within min–max is right', { total: { min: 4, max: 6 } }, { total: { best: 5 } }, { right: 1, of: 1, wrong: [] }],
    ['bounds are inclusive', { total: { min: 4, max: 6 } }, { total: { best: 6 } }, { right: 1, of: 1, wrong: [] }],
    ['best outside the range is wrong', { total: { min: 4, max: 6 } }, { total: { best: 7 } }, { right: 0, of: 1, wrong: [['killed.total', 7]] }],
    ['a missing category is wrong', { total: { min: 4, max: 4 }, children: { min: 1, max: 1 } }, { total: { best: 4 } }, { right: 1, of: 2, wrong: [['killed.children', null]] }],
    ['system categories absent from gold are not scored', { total: { min: 4, max: 4 } }, { total: { best: 4 }, women: { best: 2 } }, { right: 1, of: 1, wrong: [] }],
  ];
  for (const [name, gold, sys, expected] of cases) {
    test(name, () => {
      const r = scoreOne({ killed: gold }, { killed: sys });
      assert.equal(r.figures.accuracy.n, expected.right);
      assert.equal(r.figures.accuracy.of, expected.of);
      assert.deepEqual(r.figures.wrong.map((w) => [w.field, w.system]), expected.wrong);
    });
  }

  test('injured figures count too, and wrong figures name gold id, range and system best', () => {
    const r = scoreOne({ injured: { total: { min: 10, max: 12 } } }, { injured: { total: { best: 3 } } });
    assert.deepEqual(r.figures.wrong, [{ goldId: 'G1', systemId: 'S1', field: 'injured.total', gold: { min: 10, max: 12 }, system: 3 }]);
  });
});

describe('perpetrators, event type, claimants', () => {
  const perpetrators: [string, string[], string[], boolean, boolean][] = [
    ['same set in another order', ['russia', 'syrian-government'], ['syrian-government', 'russia'], true, true],
    ['one side missing: overlap only', ['russia', 'syrian-government'], ['russia'], false, true],
    ['disjoint', ['turkey'], ['sdf'], false, false],
    ['unknown in gold, nothing in system', ['unknown'], [], true, true],
    ['both empty', [], [], true, true],
  ];
  for (const [name, gold, sys, exact, overlap] of perpetrators) {
    test(`perpetrators: ${name}`, () => {
      const r = scoreOne({ perpetrators: gold }, { perpetrators: sys });
      assert.equal(r.perpetrators.exact.n, exact ? 1 : 0);
      assert.equal(r.perpetrators.overlap.n, overlap ? 1 : 0);
      assert.equal(r.perpetrators.differences.length, exact ? 0 : 1);
    });
  }

  const claim = (claimant: string) => ({ claimant, document: 'a1', quote: SENTENCE_STRIKE, ...spanOf(SENTENCE_STRIKE) });
  const claimants: [string, string[], string[], boolean, boolean][] = [
    ['same set, repeated claims', ['white-helmets', 'sohr'], ['sohr', 'white-helmets', 'sohr'], true, true],
    ['one claimant in common', ['white-helmets', 'sohr'], ['sohr'], false, true],
    ['different claimants', ['sana'], ['sohr'], false, false],
    ['both without claimant', [], [], true, true],
    ['gold without claimant, system with one', [], ['journalist'], false, false],
  ];
  for (const [name, gold, sys, exact, overlap] of claimants) {
    test(`claimants: ${name}`, () => {
      const r = scoreOne({ claimants: gold }, { claims: sys.map(claim) });
      assert.equal(r.claimants.exact.n, exact ? 1 : 0);
      assert.equal(r.claimants.overlap.n, overlap ? 1 : 0);
    });
  }

  test('event type: equal or not', () => {
    assert.equal(scoreOne({}, {}).eventType.equal.rate, 1);
    const r = scoreOne({}, { event_type: 'shelling' });
    assert.equal(r.eventType.equal.rate, 0);
    assert.deepEqual(r.eventType.differences[0].system, ['shelling']);
  });
});

describe('documents', () => {
  const twoDocs: GoldIncident['mentions'] = [
    { doc: 'a1', quote: SENTENCE_STRIKE, optional: false },
    { doc: 'a2', quote: 'four civilians died', optional: false },
  ];
  const cases: [string, GoldIncident['mentions'], string[], boolean][] = [
    ['same set', twoDocs, ['a1', 'a2'], true],
    ['a document missing', twoDocs, ['a1'], false],
    ['an extra document', [twoDocs[0]], ['a1', 'a2'], false],
    ['an optional mention may be linked', [twoDocs[0], { ...twoDocs[1], optional: true }], ['a1', 'a2'], true],
    ['an optional mention may be left out', [twoDocs[0], { ...twoDocs[1], optional: true }], ['a1'], true],
  ];
  for (const [name, mentions, docs, exact] of cases) {
    test(`exact document set: ${name}`, () => {
      const r = scoreOne({ mentions }, { documents: docs });
      assert.equal(r.incidents.matched, 1);
      assert.equal(r.documents.exact.n, exact ? 1 : 0);
    });
  }

  test('cross-document: fully linked when one matching system incident holds all gold documents', () => {
    const gold = goldFile([goldIncident({ id: 'G1', mentions: twoDocs }), goldIncident({ id: 'G2', places: ['Binnish'], mentions: twoDocs }), goldIncident({ id: 'G3', places: ['Sarmin'] })]);
    const binnish = { name: 'Binnish', lat: null, lon: null, admin1: 'Idlib', precision: 'locality' as const };
    const system = systemExport([
      systemIncident({ id: 'S1', documents: ['a1', 'a2'] }),
      // G2 split across two system incidents: not fully linked (S1 holds both documents, but it is
      // the Kafr Hamra event, not Binnish, so it does not link G2).
      systemIncident({ id: 'S2', location: binnish, documents: ['a1'] }),
      systemIncident({ id: 'S3', location: binnish, documents: ['a2'], claims: [] }),
    ]);
    const r = scoreRun({ gold, system, articles: ARTICLES });
    assert.deepEqual(r.documents.crossDocument, { n: 1, of: 2, rate: 0.5 });
    assert.deepEqual(
      r.documents.crossDocumentResults.map((c) => [c.goldId, c.linked, c.covered]),
      [
        ['G1', true, 2],
        ['G2', false, 1],
      ],
    );
  });
});

describe('tallies', () => {
  const tallySpan = spanOf(SENTENCE_TALLY);
  const cases: [string, Parameters<typeof systemTally>[0][], Partial<ExportIncident>[], { recognised: string | null; via: string | null; turned: string[] }][] = [
    ['recognised: system tally span overlaps the gold quote', [{ id: 'T1', ...tallySpan, killed: {} }], [], { recognised: 'T1', via: 'span', turned: [] }],
    ['recognised: system tally quote (no offsets) found in the text', [{ id: 'T1', quote: 'killed across the province', killed: {} }], [], { recognised: 'T1', via: 'span', turned: [] }],
    ['recognised: equal killed figure elsewhere in the document', [{ id: 'T1', quote: 'another sentence', start: 0, end: 10 }], [], { recognised: 'T1', via: 'figure', turned: [] }],
    ['not recognised: system tally in another document', [{ id: 'T1', document: 'a2' }], [], { recognised: null, via: null, turned: [] }],
    [
      'turned into incident: an unmatched system incident claims the tally sentence',
      [],
      [{ id: 'S9', location: { name: 'Idlib', lat: null, lon: null, admin1: 'Idlib', precision: 'admin1' }, claims: [{ claimant: 'sohr', document: 'a1', quote: SENTENCE_TALLY, ...tallySpan }] }],
      { recognised: null, via: null, turned: ['S9'] },
    ],
    [
      'both recognised and turned into incident',
      [{ id: 'T1' }],
      [{ id: 'S9', location: null, claims: [{ claimant: 'sohr', document: 'a1', quote: 'since the start of the month' }] }],
      { recognised: 'T1', via: 'span', turned: ['S9'] },
    ],
  ];
  for (const [name, sysTallies, extraIncidents, expected] of cases) {
    test(name, () => {
      const gold = goldFile([goldIncident({ id: 'G1' })], [goldTally({ id: 'GT1' })]);
      const system = systemExport(
        [systemIncident({ id: 'S1' }), ...extraIncidents.map((s) => systemIncident({ id: 'S?', ...s }))],
        sysTallies.map((t) => systemTally(t)),
      );
      const r = scoreRun({ gold, system, articles: ARTICLES });
      const [result] = r.tallies.results;
      assert.equal(result.recognisedBy, expected.recognised);
      assert.equal(result.via, expected.via);
      assert.deepEqual(result.turnedInto, expected.turned);
      assert.equal(r.tallies.turnedIntoIncident, expected.turned.length ? 1 : 0);
      assert.equal(r.tallies.recognised.n, expected.recognised ? 1 : 0);
    });
  }

  test('a MATCHED system incident whose claim covers the tally sentence is not "turned into incident"', () => {
    const gold = goldFile([goldIncident({ id: 'G1' })], [goldTally({ id: 'GT1' })]);
    const claims = [
      { claimant: 'white-helmets', document: 'a1', quote: SENTENCE_STRIKE, ...spanOf(SENTENCE_STRIKE) },
      { claimant: 'sohr', document: 'a1', quote: SENTENCE_TALLY, ...tallySpan },
    ];
    const r = scoreRun({ gold, system: systemExport([systemIncident({ id: 'S1', claims })]), articles: ARTICLES });
    assert.equal(r.incidents.matched, 1);
    assert.deepEqual(r.tallies.results[0].turnedInto, []);
  });

  test('a gold quote not in its article is a warning, and texts are compared instead', () => {
    const gold = goldFile([], [goldTally({ id: 'GT1', quote: 'A sentence the article does not contain.' })]);
    const system = systemExport([], [systemTally({ id: 'T1', quote: 'the article does not contain', killed: {} })]);
    const r = scoreRun({ gold, system, articles: ARTICLES });
    assert.equal(r.tallies.results[0].recognisedBy, 'T1');
    assert.deepEqual(r.warnings.map((w) => [w.code, w.source]), [
      ['quote_not_found', 'gold tally GT1'],
      ['quote_not_found', 'system tally T1'],
    ]);
  });
});

describe('misses and false positives', () => {
  const cases: [string, Partial<ExportIncident>, string, RegExp][] = [
    ['no document shared', { documents: ['b7'], claims: [] }, 'document', /no system incident cites/],
    ['date', { date: { start: '2020-03-01', end: '2020-03-01', precision: 'day' } }, 'date', /system 2020-03-01 \(day\) vs gold 2020-02-11/],
    ['place', { location: { name: 'Sarmin', lat: null, lon: null, admin1: 'Idlib', precision: 'locality' } }, 'place', /Sarmin.*vs gold Kafr Hamra/],
  ];
  for (const [name, sys, reason, detail] of cases) {
    test(`a miss says why the best candidate failed: ${name}`, () => {
      const r = scoreOne({}, sys);
      assert.equal(r.misses.length, 1);
      assert.equal(r.misses[0].goldId, 'G1');
      assert.equal(r.misses[0].reason, reason);
      assert.match(r.misses[0].detail, detail);
      assert.equal(r.misses[0].quote, SENTENCE_STRIKE);
      assert.deepEqual(r.misses[0].documents, ['a1']);
    });
  }

  test('the best candidate is the one that got furthest: place failure over date failure', () => {
    const gold = goldFile([goldIncident({ id: 'G1' })]);
    const system = systemExport([
      systemIncident({ id: 'S1', date: { start: '2020-03-01', end: '2020-03-01', precision: 'day' } }),
      systemIncident({ id: 'S2', location: { name: 'Sarmin', lat: null, lon: null, admin1: 'Idlib', precision: 'locality' } }),
    ]);
    const [miss] = scoreRun({ gold, system, articles: ARTICLES }).misses;
    assert.deepEqual([miss.reason, miss.candidateId], ['place', 'S2']);
  });

  test('a gold incident whose only candidate went to another gold incident is "taken"', () => {
    const gold = goldFile([goldIncident({ id: 'G1' }), goldIncident({ id: 'G2' })]);
    const [miss] = scoreRun({ gold, system: systemExport([systemIncident({ id: 'S1' })]), articles: ARTICLES }).misses;
    assert.deepEqual([miss.goldId, miss.reason, miss.candidateId], ['G2', 'taken', 'S1']);
    assert.match(miss.detail, /paired with G1/);
  });

  test('a false positive lists id, documents, quote, date, place and killed', () => {
    const r = scoreOne({}, { documents: ['b7'], claims: [{ claimant: 'sohr', document: 'b7', quote: 'Shelling hit a school.' }], killed: { total: { best: 3 } } });
    assert.deepEqual(r.falsePositives, [
      { systemId: 'S1', documents: ['b7'], quote: 'Shelling hit a school.', date: '2020-02-11 day', place: 'Kafr Hamra (locality)', killed: 3 },
    ]);
  });
});
