/**
 * The dashboard's DOM-free logic, tested in Node: grid clustering of markers, stacking the stats
 * rows into timeline series and mapping a brushed range back to filter dates, planning the quote
 * highlight in an article, and reading/writing filters in the URL. The browser flow itself is in
 * dashboard.test.ts.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { gridCluster, GridClusterError } from '../../web/src/grid-cluster.ts';
import { autoBucket, bucketEnd, rangeOfBuckets, stackByPerpetrator, tickLabels, TimelineDataError } from '../../web/src/timeline-series.ts';
import { planHighlight, QuoteSpanError } from '../../web/src/article-highlight.ts';
import { activeFilterCount, filtersToParams, isIsoDate, parseFilters } from '../../web/src/incident-filters.ts';
import { orderPerpetrators, perpetratorStyle, OTHER_COLOUR } from '../../web/src/perpetrator-palette.ts';
import { perpetratorMix, markerDiameter } from '../../web/src/incident-map-style.ts';
import { dateText } from '../../web/src/incident-format.ts';

describe('gridCluster', () => {
  const pt = (x: number, y: number, item: string) => ({ x, y, item });

  test('points in one cell form one cluster at their mean; far points stay alone', () => {
    const clusters = gridCluster([pt(10, 10, 'a'), pt(30, 20, 'b'), pt(500, 500, 'c')], 56);
    assert.deepEqual(clusters.map((c) => c.items), [['a', 'b'], ['c']]);
    assert.deepEqual([clusters[0].x, clusters[0].y], [20, 15]);
    assert.equal(clusters[0].samePosition, false);
  });

  test('neighbours across a cell edge are merged rather than drawn on top of each other', () => {
    const clusters = gridCluster([pt(55, 10, 'a'), pt(57, 10, 'b')], 56);
    assert.deepEqual(clusters.map((c) => c.items), [['a', 'b']]);
  });

  test('points a cell apart or more are not merged', () => {
    assert.equal(gridCluster([pt(0, 0, 'a'), pt(60, 0, 'b'), pt(0, 120, 'c')], 56).length, 3);
  });

  test('cell size 0 groups only identical positions and flags them', () => {
    const clusters = gridCluster([pt(5, 5, 'a'), pt(5, 5, 'b'), pt(5.001, 5, 'c')], 0);
    assert.deepEqual(clusters.map((c) => [c.items, c.samePosition]), [[['a', 'b'], true], [['c'], true]]);
  });

  test('output is the same for the same input (first member order)', () => {
    const input = [pt(400, 0, 'z'), pt(0, 0, 'a'), pt(3, 3, 'b')];
    assert.deepEqual(gridCluster(input, 56), gridCluster(input, 56));
    assert.deepEqual(gridCluster(input, 56).map((c) => c.items[0]), ['z', 'a']);
  });

  test('points without finite coordinates are left out', () => {
    assert.equal(gridCluster([pt(Number.NaN, 0, 'a'), pt(1, 1, 'b')], 56).length, 1);
  });

  for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
    test(`cell size ${bad} is refused with a named error`, () => {
      assert.throws(() => gridCluster([], bad), (err: unknown) => err instanceof GridClusterError && /cell size/.test(err.message));
    });
  }
});

describe('timeline series', () => {
  const rows = [
    { key: '2019-09-18', perpetrator: 'syrian-government', incidents: 1, killed: 3, civilians: 3 },
    { key: '2019-09-16', perpetrator: 'russia', incidents: 2, killed: 5, civilians: 5 },
    { key: '2019-09-18', perpetrator: 'russia', incidents: 1, killed: 12, civilians: 12 },
  ];

  test('fills empty days, orders perpetrators by the palette and stacks running sums', () => {
    const s = stackByPerpetrator(rows, 'day');
    assert.deepEqual(s.keys, ['2019-09-16', '2019-09-17', '2019-09-18']);
    assert.deepEqual(s.perpetrators, ['russia', 'syrian-government']);
    assert.deepEqual(s.raw, [[5, 0, 12], [0, 0, 3]]);
    assert.deepEqual(s.stacked, [[5, 0, 12], [5, 0, 15]]);
    assert.deepEqual(s.incidents, [2, 0, 2]);
    assert.equal(s.xs[0], Date.UTC(2019, 8, 16) / 1000);
  });

  test('weeks step by seven days from the first bucket', () => {
    const s = stackByPerpetrator([
      { key: '2019-09-02', incidents: 1, killed: 1, civilians: 0 },
      { key: '2019-09-23', incidents: 1, killed: 2, civilians: 0 },
    ], 'week');
    assert.deepEqual(s.keys, ['2019-09-02', '2019-09-09', '2019-09-16', '2019-09-23']);
    assert.deepEqual(s.perpetrators, ['unknown'], 'rows without a perpetrator count as unknown');
  });

  test('no rows give an empty series', () => {
    assert.deepEqual(stackByPerpetrator([], 'day').keys, []);
  });

  test('a malformed key is refused naming the key', () => {
    assert.throws(() => stackByPerpetrator([{ key: 'Sept 18', incidents: 1, killed: 1, civilians: 0 }], 'day'), (err: unknown) => err instanceof TimelineDataError && err.message.includes('"Sept 18"'));
  });

  const brushCases: [string, 'day' | 'week', number, number, { from: string; to: string }][] = [
    ['one day', 'day', 1, 1, { from: '2019-09-17', to: '2019-09-17' }],
    ['reversed drag', 'day', 2, 0, { from: '2019-09-16', to: '2019-09-18' }],
    ['beyond the ends is clamped', 'day', -3, 9, { from: '2019-09-16', to: '2019-09-18' }],
  ];
  for (const [name, bucket, a, b, expected] of brushCases) {
    test(`brushed range: ${name}`, () => {
      assert.deepEqual(rangeOfBuckets(stackByPerpetrator(rows, bucket), a, b), expected);
    });
  }

  test('a brushed week ends on its seventh day', () => {
    assert.equal(bucketEnd('2019-09-16', 'week'), '2019-09-22');
    assert.equal(bucketEnd('2019-12-30', 'week'), '2020-01-05');
  });

  test('months and years end on their last calendar day', () => {
    assert.equal(bucketEnd('2020-02-01', 'month'), '2020-02-29');
    assert.equal(bucketEnd('2019-12-01', 'month'), '2019-12-31');
    assert.equal(bucketEnd('2019-01-01', 'year'), '2019-12-31');
  });

  test('months and years are stacked with the empty ones between them kept', () => {
    const s = stackByPerpetrator(
      [
        { key: '2019-11-01', perpetrator: 'russia', incidents: 1, killed: 3, civilians: 0 },
        { key: '2020-02-01', perpetrator: 'shared', incidents: 2, killed: 5, civilians: 0 },
      ],
      'month',
    );
    assert.deepEqual(s.keys, ['2019-11-01', '2019-12-01', '2020-01-01', '2020-02-01']);
    assert.deepEqual(s.perpetrators, ['russia', 'shared']);
    assert.deepEqual(s.stacked[1], [3, 0, 0, 5]);
    assert.deepEqual(stackByPerpetrator([{ key: '2015-01-01', incidents: 1, killed: 1, civilians: 0 }, { key: '2018-01-01', incidents: 1, killed: 2, civilians: 0 }], 'year').keys, [
      '2015-01-01',
      '2016-01-01',
      '2017-01-01',
      '2018-01-01',
    ]);
  });

  test('tick labels always carry the year', () => {
    const s = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 1000;
    assert.deepEqual(tickLabels([s('2019-12-16'), s('2019-12-23'), s('2020-01-06')], 'week'), ['16 Dec 2019', '23 Dec', '6 Jan 2020']);
    assert.deepEqual(tickLabels([s('2019-11-01'), s('2019-12-01')], 'month'), ['Nov 2019', 'Dec 2019']);
    assert.deepEqual(tickLabels([s('2016-01-01'), s('2017-01-01')], 'year'), ['2016', '2017']);
  });

  // Eight years of weekly bars would be a pixel wide: long spans take months, then years.
  const bucketCases: [string, string, 'day' | 'week' | 'month' | 'year'][] = [
    ['2019-09-01', '2019-09-30', 'day'],
    ['2019-01-01', '2019-04-30', 'day'],
    ['2019-01-01', '2019-05-01', 'week'],
    ['2019-01-01', '2020-12-20', 'week'],
    ['2016-01-01', '2023-12-31', 'month'],
    ['2005-01-01', '2023-12-31', 'year'],
  ];
  for (const [first, last, expected] of bucketCases) {
    test(`auto bucket for ${first}..${last} is ${expected}`, () => assert.equal(autoBucket(first, last), expected));
  }
});

describe('planHighlight', () => {
  const text = 'Intro line.\n\nAt least 12 civilians were killed in Ariha, a monitor said. More text.';
  const start = text.indexOf('At least');
  const end = text.indexOf(' More');
  const quote = text.slice(start, end);

  test('cuts the text into before, the quote with its fields, and after', () => {
    const f12 = { start: text.indexOf('12'), end: text.indexOf('12') + 2, label: 'killed.civilians = 12 (rule cas.at-least)' };
    const ariha = { start: text.indexOf('Ariha'), end: text.indexOf('Ariha') + 5, label: 'place = Ariha (rule place.in)' };
    const plan = planHighlight(text, start, end, quote, [ariha, f12]);
    assert.deepEqual(plan.before, [0, start]);
    assert.deepEqual(plan.after, [end, text.length]);
    assert.equal(plan.matches, true);
    assert.deepEqual(plan.quote.map((p) => [text.slice(p.start, p.end), p.field !== null]), [
      ['At least ', false],
      ['12', true],
      [' civilians were killed in ', false],
      ['Ariha', true],
      [', a monitor said.', false],
    ]);
  });

  test('fields outside the quote or overlapping an earlier field are left out', () => {
    const plan = planHighlight(text, start, end, quote, [
      { start: 0, end: 5, label: 'outside' },
      { start: start, end: start + 11, label: 'first' },
      { start: start + 9, end: start + 20, label: 'overlapping' },
    ]);
    assert.deepEqual(plan.quote.filter((p) => p.field).map((p) => p.field), ['first']);
    assert.equal(plan.quote.map((p) => text.slice(p.start, p.end)).join(''), quote, 'the pieces cover the quote exactly');
  });

  test('a quote that no longer matches the text is flagged, not hidden', () => {
    assert.equal(planHighlight(text, start, end, 'At least 13 civilians', []).matches, false);
  });

  const badSpans: [number, number][] = [[-1, 5], [5, 5], [10, 4], [0, text.length + 1], [1.5, 4]];
  for (const [s, e] of badSpans) {
    test(`span ${s}..${e} is refused with the text length in the message`, () => {
      assert.throws(() => planHighlight(text, s, e, '', []), (err: unknown) => err instanceof QuoteSpanError && err.message.includes(`${text.length} characters`));
    });
  }
});

describe('incident filters in the URL', () => {
  test('round-trip in a fixed key order', () => {
    const f = parseFilters(new URLSearchParams('q=air strike&perpetrator=russia&from=2019-09-01&min_killed=5'));
    assert.deepEqual(f, { from: '2019-09-01', perpetrator: 'russia', min_killed: '5', q: 'air strike' });
    assert.equal(filtersToParams(f).toString(), 'from=2019-09-01&perpetrator=russia&min_killed=5&q=air+strike');
    assert.equal(activeFilterCount(f), 4);
  });

  test('omitting the dates (the timeline spans every date)', () => {
    assert.equal(filtersToParams({ from: '2019-09-01', to: '2019-09-30', admin1: 'Idlib' }, ['from', 'to']).toString(), 'admin1=Idlib');
  });

  const dropped: [string, string][] = [
    ['from=2019-02-30', 'impossible date'],
    ['to=19-09-2019', 'not ISO'],
    ['min_killed=-1', 'negative'],
    ['min_killed=2.5', 'not an integer'],
    ['perpetrator=%20', 'blank'],
    ['limit=10', 'not a filter'],
  ];
  for (const [query, why] of dropped) {
    test(`a hand-edited link with ${query} (${why}) drops that value`, () => {
      assert.deepEqual(parseFilters(new URLSearchParams(query)), {});
    });
  }

  test('isIsoDate accepts leap days only in leap years', () => {
    assert.equal(isIsoDate('2020-02-29'), true);
    assert.equal(isIsoDate('2019-02-29'), false);
  });
});

describe('marker style', () => {
  const sizes: [number | null, number][] = [[null, 14], [0, 14], [1, 17], [4, 22], [100, 62], [10_000, 64]];
  for (const [killed, diameter] of sizes) {
    test(`killed ${killed} draws a ${diameter}px marker (area grows with the count)`, () => assert.equal(markerDiameter(killed), diameter));
  }

  test('a cluster ring has one slice per perpetrator, sized by share', () => {
    assert.equal(perpetratorMix(['russia', 'russia', 'sdf', 'russia']), `conic-gradient(${perpetratorStyle('russia').colour} 0.0deg 270.0deg, ${perpetratorStyle('sdf').colour} 270.0deg 360.0deg)`);
  });

  test('unknown perpetrator ids share the "other" colour and sort after the known ones', () => {
    assert.equal(perpetratorStyle('wagner').colour, OTHER_COLOUR);
    assert.deepEqual(orderPerpetrators(['wagner', 'isis', 'russia', 'abc']), ['russia', 'isis', 'abc', 'wagner']);
  });
});

describe('date text', () => {
  const cases: [Parameters<typeof dateText>[0], string][] = [
    [{ start: '2019-11-05', end: '2019-11-05', precision: 'day' }, '2019-11-05'],
    [{ start: '2019-11-06', end: '2019-11-06', precision: 'reported' }, '2019-11-06 (reported)'],
    [{ start: '2019-11-01', end: '2019-11-07', precision: 'range' }, '2019-11-01 – 2019-11-07'],
    [{ start: null, end: null, precision: 'unknown' }, 'date unknown'],
  ];
  for (const [date, text] of cases) test(`${date.precision} → ${text}`, () => assert.equal(dateText(date), text));
});
