/**
 * Incident mentions with no date (the document has no publication date and its text states none):
 * the linker keeps each as an incident of unknown date unless strong evidence ties it to another
 * report. Cases are hand-built mentions (test/storage/domain-fixtures.ts, US local-news style
 * places and figures written for these tests): joining a dated incident on the place and more,
 * joining another undated report only on the same locality AND figures that can be one count AND
 * the same event type (or as a syndicated copy), never on the place alone; every member of an
 * undated incident must agree; ids and incidents do not depend on the order mentions are given.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CountSet, Mention, ResolvedPlace } from '../../src/domain/types.ts';
import { linkMentions, stableId, undatedEvidence, type LinkResult } from '../../src/pipeline/link/link-mentions.ts';
import { makeMention, prov } from '../storage/domain-fixtures.ts';

const DAYTON: ResolvedPlace = { name: 'Dayton', gazetteerId: 'test:dayton', lat: 39.759, lon: -84.192, admin1: 'Ohio', admin2: null, precision: 'locality' };
const KETTERING: ResolvedPlace = { name: 'Kettering', gazetteerId: 'test:kettering', lat: 39.69, lon: -84.169, admin1: 'Ohio', admin2: null, precision: 'locality' };
const AKRON: ResolvedPlace = { name: 'Akron', gazetteerId: 'test:akron', lat: 41.081, lon: -81.519, admin1: 'Ohio', admin2: null, precision: 'locality' };

function count(value: number): CountSet['total'] {
  return { value, min: value, max: value, qualifier: 'exact', prov: prov('count.test', 0, String(value)) };
}

interface Report {
  doc: string;
  index?: number;
  place?: ResolvedPlace | null;
  killed?: number | null;
  injured?: number | null;
  type?: 'attack' | 'explosion' | 'armed_clash' | null;
  dated?: string;
  perpetrator?: string;
  claimant?: string;
  quote?: string;
}

/** One mention of a shooting-style report; undated unless `dated` gives its day. */
function report(r: Report): Mention {
  const index = r.index ?? 0;
  const place = r.place === undefined ? DAYTON : r.place;
  return makeMention(r.doc, index, {
    quote: r.quote ?? `A report from ${r.doc} about ${place?.name ?? 'an unnamed town'}, police said.`,
    eventType: r.type === null ? null : { value: r.type ?? 'attack', prov: prov('event.test', 0, 'shooting') },
    date: r.dated ? { start: r.dated, end: r.dated, precision: 'day', prov: prov('date.test', 0, 'Tuesday') } : null,
    places: place ? [{ name: place.name, role: 'event', adminHint: null, prov: prov('place.test', 0, place.name) }] : [],
    resolvedPlaces: place ? [place] : [],
    perpetrators: r.perpetrator ? [{ value: r.perpetrator, prov: prov('actor.test', 0, r.perpetrator) }] : [],
    claimants: [{ value: r.claimant ?? 'police', prov: prov('claimant.test', 0, 'said') }],
    killed: r.killed === null || r.killed === undefined ? {} : { total: count(r.killed) },
    injured: r.injured === null || r.injured === undefined ? {} : { total: count(r.injured) },
  });
}

const DOCS = new Map<string, { outlet: string | null; published: string | null }>();
const link = (mentions: Mention[], groupOf: ReadonlyMap<string, string> = new Map()): LinkResult => linkMentions(mentions, DOCS, 'latest', groupOf);

/** Each incident as its sorted mention ids, in output order. */
function clusters(result: LinkResult): string[][] {
  return result.incidents.map((i) => i.mentionIds);
}

describe('undated incident mentions become incidents of unknown date', () => {
  test('a lone undated report is an incident with date unknown, its id from its mention', () => {
    const m = report({ doc: 'u-lone', killed: 1 });
    const result = link([m]);
    assert.equal(result.incidents.length, 1);
    const [incident] = result.incidents;
    assert.deepEqual(incident.date, { start: null, end: null, precision: 'unknown' });
    assert.equal(incident.id, stableId('inc', m.id));
    assert.deepEqual(incident.documents, ['u-lone']);
    assert.deepEqual(incident.killed, { total: { best: 1, min: 1, max: 1 } });
    assert.deepEqual(result.undated.map((x) => x.id), [m.id], 'returned for the run report');
  });

  test('incidents of unknown date come after every dated one, by id', () => {
    const dated = [report({ doc: 'd-later', dated: '2021-05-02', place: AKRON, killed: 2 }), report({ doc: 'd-earlier', dated: '2021-05-01', place: KETTERING, killed: 3 })];
    const undated = [report({ doc: 'u-1', killed: 1 }), report({ doc: 'u-2', place: AKRON, killed: 9, type: 'armed_clash' })];
    const result = link([...undated, ...dated]);
    assert.deepEqual(result.incidents.map((i) => i.date.start), ['2021-05-01', '2021-05-02', null, null]);
    const tail = result.incidents.slice(2).map((i) => i.id);
    assert.deepEqual(tail, [...tail].sort());
  });
});

describe('an undated report joins a dated incident only on strong evidence', () => {
  test('same place, same figures and type: it joins, and the incident keeps its day', () => {
    const dated = report({ doc: 'j-dated', dated: '2021-05-01', killed: 4 });
    const undated = report({ doc: 'j-undated', killed: 4 });
    const result = link([undated, dated]);
    assert.deepEqual(clusters(result), [['j-dated#0', 'j-undated#0']]);
    assert.deepEqual(result.incidents[0].date, { start: '2021-05-01', end: '2021-05-01', precision: 'day' });
    assert.deepEqual(result.undated, [], 'nothing left undated');
    assert.deepEqual(result.links.find((l) => l.b === 'j-undated#0')?.reasons, ['undated report', 'same place']);
  });

  test('a different toll in the same town is not enough: one dead and six dead are two events', () => {
    const result = link([report({ doc: 't-dated', dated: '2021-05-01', killed: 6 }), report({ doc: 't-undated', killed: 1 })]);
    assert.equal(result.incidents.length, 2);
    assert.deepEqual(result.incidents[1].documents, ['t-undated']);
    // A death beside a report of wounded only is another event too; a large toll that rose is one.
    assert.equal(link([report({ doc: 'w-dated', dated: '2021-05-01', killed: null, injured: 3 }), report({ doc: 'w-undated', killed: 1 })]).incidents.length, 2);
    assert.equal(link([report({ doc: 'r-dated', dated: '2021-05-01', killed: 40 }), report({ doc: 'r-undated', killed: 58 })]).incidents.length, 1);
    // Three dead and four dead, even with one perpetrator: a town struck again on another day.
    const again = link([report({ doc: 'a-dated', dated: '2021-05-01', killed: 3, perpetrator: 'drone-force' }), report({ doc: 'a-undated', killed: 4, perpetrator: 'drone-force' })]);
    assert.equal(again.incidents.length, 2);
    assert.equal(again.incidents[1].date.precision, 'unknown');
    assert.equal(link([report({ doc: 'f-dated', dated: '2021-05-01', killed: 5 }), report({ doc: 'f-undated', killed: 7 })]).incidents.length, 1, 'five then seven: a toll that rose');
  });

  test('the place alone is not enough: with nothing else in common it is an incident of its own', () => {
    const result = link([report({ doc: 'p-dated', dated: '2021-05-01', killed: 1 }), report({ doc: 'p-undated', killed: null, injured: 2, type: null, claimant: 'witnesses' })]);
    assert.equal(result.incidents.length, 2);
    assert.deepEqual(result.incidents[1].date.precision, 'unknown');
  });

  test('a syndicated copy joins the incident of its dated copy even without a place', () => {
    const quote = 'A man was killed in a shooting outside a store, police said.';
    const dated = report({ doc: 'wire-dated', dated: '2021-05-01', place: null, killed: 1, quote });
    const copy = report({ doc: 'wire-copy', place: null, killed: 1, quote });
    const groupOf = new Map([
      ['wire-dated', 'g1'],
      ['wire-copy', 'g1'],
    ]);
    assert.equal(link([dated, copy]).incidents.length, 2, 'not copies: two incidents');
    const result = link([dated, copy], groupOf);
    assert.deepEqual(clusters(result), [['wire-copy#0', 'wire-dated#0']]);
    assert.equal(result.incidents[0].date.precision, 'day');
    assert.deepEqual(result.links.find((l) => l.b === 'wire-copy#0')?.reasons, ['undated report', 'syndicated copies']);
  });
});

describe('two undated reports share an incident only on strong evidence', () => {
  const cases: [string, Report, Report, boolean][] = [
    ['same locality, same killed figure, same event type', { doc: 'a', killed: 1 }, { doc: 'b', killed: 1 }, true],
    ['a rising toll (2 then 3) in the same locality and type', { doc: 'a', killed: 2 }, { doc: 'b', killed: 3 }, true],
    ['no deaths, the same wounded count', { doc: 'a', killed: null, injured: 2 }, { doc: 'b', killed: null, injured: 2 }, true],
    ['the place alone: no figures in either', { doc: 'a', killed: null }, { doc: 'b', killed: null }, false],
    ['the place alone: one states a death, the other only wounded', { doc: 'a', killed: 1 }, { doc: 'b', killed: null, injured: 1 }, false],
    ['figures too far apart (1 and 40)', { doc: 'a', killed: 1 }, { doc: 'b', killed: 40 }, false],
    ['different event types', { doc: 'a', killed: 3, type: 'attack' }, { doc: 'b', killed: 3, type: 'explosion' }, false],
    ['no event type read in either', { doc: 'a', killed: 1, type: null }, { doc: 'b', killed: 1, type: null }, false],
    ['neighbouring towns (same county, 8 km apart)', { doc: 'a', killed: 1 }, { doc: 'b', killed: 1, place: KETTERING }, false],
    ['no place in either', { doc: 'a', killed: 1, place: null }, { doc: 'b', killed: 1, place: null }, false],
    ['perpetrators in conflict', { doc: 'a', killed: 1, perpetrator: 'gang-a' }, { doc: 'b', killed: 1, perpetrator: 'gang-b' }, false],
    ['two mentions of one document', { doc: 'a', killed: 1 }, { doc: 'a', index: 1, killed: 1 }, false],
  ];
  for (const [label, a, b, joined] of cases) {
    test(`${label}: ${joined ? 'one incident' : 'two incidents'}`, () => {
      const ma = report(a);
      const mb = report(b);
      const result = link([ma, mb]);
      assert.equal(result.incidents.length, joined ? 1 : 2);
      for (const incident of result.incidents) assert.equal(incident.date.precision, 'unknown');
      assert.equal(undatedEvidence(ma, mb) !== null, joined);
      if (joined) {
        const evidence = result.links.find((l) => l.b === mb.id);
        assert.ok(evidence && evidence.reasons.includes('same locality') && evidence.reasons.includes('same event type'), JSON.stringify(evidence));
        assert.deepEqual(result.undated.map((m) => m.id).sort(), [ma.id, mb.id].sort());
      }
    });
  }

  test('syndicated copies with no place or event type: one incident, one claim carried by both', () => {
    const quote = 'Two people were wounded in a shooting late at night, police said.';
    const a = report({ doc: 'copy-a', place: null, type: null, killed: null, injured: 2, quote });
    const b = report({ doc: 'copy-b', place: null, type: null, killed: null, injured: 2, quote });
    const groupOf = new Map([
      ['copy-a', 'wire'],
      ['copy-b', 'wire'],
    ]);
    const result = link([a, b], groupOf);
    assert.deepEqual(clusters(result), [['copy-a#0', 'copy-b#0']]);
    assert.deepEqual(result.incidents[0].claims.map((c) => c.documents), [['copy-a', 'copy-b']]);
    assert.deepEqual(result.links.at(-1)?.reasons, ['undated reports', 'syndicated copies', 'same sentence']);
  });

  test('copies telling two events of one story stay two incidents (places conflict)', () => {
    const groupOf = new Map([
      ['story-a', 'wire'],
      ['story-b', 'wire'],
    ]);
    const mentions = [
      report({ doc: 'story-a', index: 0, killed: 1 }),
      report({ doc: 'story-a', index: 1, place: AKRON, killed: 2 }),
      report({ doc: 'story-b', index: 0, killed: 1 }),
      report({ doc: 'story-b', index: 1, place: AKRON, killed: 2 }),
    ];
    assert.deepEqual(clusters(link(mentions, groupOf)).sort(), [
      ['story-a#0', 'story-b#0'],
      ['story-a#1', 'story-b#1'],
    ]);
  });

  test('every member must agree: a third report compatible with one member but not the other founds its own', () => {
    // a (1 killed) and b (3 killed) agree; c (15 killed) is compatible with b (15 <= 3*5+5) but not with a (15 > 1*5+5).
    const result = link([report({ doc: 'm-a', killed: 1 }), report({ doc: 'm-b', killed: 3 }), report({ doc: 'm-c', killed: 15 })]);
    assert.deepEqual(clusters(result), [['m-a#0', 'm-b#0'], ['m-c#0']]);
  });
});

describe('undated incidents do not depend on the order of the mentions', () => {
  const mentions = [
    report({ doc: 'o-1', killed: 1 }),
    report({ doc: 'o-2', killed: 1 }),
    report({ doc: 'o-3', killed: 40 }),
    report({ doc: 'o-4', place: AKRON, killed: null, injured: 3 }),
    report({ doc: 'o-5', place: AKRON, killed: null, injured: 3 }),
    report({ doc: 'o-6', place: KETTERING, killed: 2, dated: '2021-06-01' }),
    report({ doc: 'o-7', place: KETTERING, killed: 2 }),
    report({ doc: 'o-8', place: null, killed: 5, type: 'explosion' }),
  ];
  const expected = JSON.stringify(link(mentions).incidents);

  test('the fixture links dated and undated reports and keeps some apart', () => {
    const result = JSON.parse(expected) as LinkResult['incidents'];
    assert.deepEqual(
      result.map((i) => [i.date.precision, i.mentionIds]),
      [
        ['day', ['o-6#0', 'o-7#0']],
        ...[
          ['o-1#0', 'o-2#0'],
          ['o-3#0'],
          ['o-4#0', 'o-5#0'],
          ['o-8#0'],
        ]
          .map((ids) => ({ ids, id: stableId('inc', ids[0]) }))
          .sort((a, b) => (a.id < b.id ? -1 : 1))
          .map(({ ids }) => ['unknown', ids]),
      ],
    );
  });

  for (const [label, order] of [
    ['reversed', [...mentions].reverse()],
    ['rotated', [...mentions.slice(3), ...mentions.slice(0, 3)]],
    ['interleaved', mentions.filter((_, i) => i % 2).concat(mentions.filter((_, i) => i % 2 === 0))],
  ] as const) {
    test(`${label}: the same incidents with the same ids`, () => {
      assert.equal(JSON.stringify(link([...order]).incidents), expected);
    });
  }
});

describe('the day of a statement dates the words, the event on or before it', () => {
  test('"the ministry stated on May 2" joins the incident of May 1; a day stated for the event does not', () => {
    const withDate = (doc: string, day: string, rule: string): Mention => {
      const m = report({ doc, dated: day, killed: 58 });
      return { ...m, date: { ...m.date!, prov: prov(rule, 0, 'on May 2') } };
    };
    const event = withDate('s-event', '2021-05-01', 'month-day');
    assert.equal(link([event, withDate('s-statement', '2021-05-02', 'month-day@report')]).incidents.length, 1);
    assert.equal(link([event, withDate('s-later', '2021-05-02', 'month-day')]).incidents.length, 2);
  });
});
