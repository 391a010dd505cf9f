/**
 * Tests of the golden comparator itself (golden-compare.ts), so that a golden test passing or
 * failing means the pipeline agreed or disagreed, not that the comparison was lenient or wrong.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compareCase, formatDifferences, type ActualIncident, type ExpectedCount, type ExpectedIncident, type GoldenCase, type NormalisedCase } from './golden-compare.ts';

const expectedIncident = (over: Partial<ExpectedIncident> = {}): ExpectedIncident => ({
  label: 'Saraqib strike',
  event_type: 'air_strike',
  date: { start: '2020-01-15', end: '2020-01-15', precision: 'day' },
  location: { name: 'Saraqib', gazetteer_id: 'atc:1', admin1: 'Idlib', precision: 'locality' },
  places: [{ name: 'Saraqib', gazetteer_id: 'atc:1' }],
  perpetrators: ['russia'],
  killed: { total: 5 },
  injured: {},
  targets: [],
  claimants: ['sohr'],
  documents: ['d1'],
  ...over,
});

const actualIncident = (over: Partial<ActualIncident> = {}): ActualIncident => ({
  event_type: 'air_strike',
  date: { start: '2020-01-15', end: '2020-01-15', precision: 'day' },
  location: { name: 'Sarāqib', gazetteer_id: 'atc:1', admin1: 'Idlib', precision: 'locality' },
  places: [{ name: 'Sarāqib', gazetteer_id: 'atc:1' }],
  perpetrators: ['russia'],
  killed: { total: 5 },
  injured: {},
  targets: [],
  claimants: ['sohr'],
  documents: ['d1'],
  claims: [],
  ...over,
});

const golden = (incidents: ExpectedIncident[], tallies: GoldenCase['tallies'] = []): GoldenCase => ({ name: 'c', articles: ['d1'], incidents, tallies });
const actual = (incidents: ActualIncident[], tallies: NormalisedCase['tallies'] = []): NormalisedCase => ({ name: 'c', incidents, tallies });

describe('golden comparator', () => {
  test('identical incidents give no differences', () => {
    assert.deepEqual(compareCase(golden([expectedIncident()]), actual([actualIncident()])), []);
  });

  const countRows: [string, ExpectedCount, ActualIncident['killed'][string], boolean][] = [
    ['exact number, exact figure', 5, 5, true],
    ['exact number, a range around it', 5, { best: 5, min: 5, max: 6 }, false],
    ['range, same range, best inside', { min: 18, max: 19 }, { best: 19, min: 18, max: 19 }, true],
    ['range, wider actual range', { min: 18, max: 19 }, { best: 19, min: 3, max: 19 }, false],
    ['range with best, other best', { min: 18, max: 19, best: 18 }, { best: 19, min: 18, max: 19 }, false],
  ];
  for (const [name, exp, act, same] of countRows) {
    test(`counts: ${name}`, () => {
      const diffs = compareCase(golden([expectedIncident({ killed: { total: exp } })]), actual([actualIncident({ killed: { total: act } })]));
      assert.equal(diffs.length === 0, same, formatDifferences('c', diffs));
    });
  }

  test('a category stated on one side only is a difference', () => {
    const diffs = compareCase(golden([expectedIncident()]), actual([actualIncident({ killed: { total: 5, children: 1 } })]));
    assert.deepEqual(diffs.map((d) => [d.group, d.where, d.expected, d.actual]), [['figures', 'incident "Saraqib strike" killed.children', 'not stated', '1']]);
  });

  test('a misplaced incident of the same date, type and documents is a location difference, not missing + extra', () => {
    const misplaced = actualIncident({ location: { name: "Syria's Saraqib", gazetteer_id: null, admin1: null, precision: 'country' }, places: [] });
    const diffs = compareCase(golden([expectedIncident()]), actual([misplaced]));
    assert.deepEqual([...new Set(diffs.map((d) => d.group))], ['when-where-what']);
    assert.ok(diffs.some((d) => d.where.endsWith(' location')));
  });

  test('an incident with no counterpart is missing, and an unexpected one is extra', () => {
    const elsewhere = actualIncident({ location: { name: 'Ariha', gazetteer_id: 'atc:2', admin1: 'Idlib', precision: 'locality' }, date: { start: '2020-01-14', end: '2020-01-14', precision: 'day' } });
    const diffs = compareCase(golden([expectedIncident()]), actual([elsewhere]));
    assert.deepEqual(diffs.map((d) => [d.group, d.where]), [
      ['incidents', 'incident "Saraqib strike"'],
      ['incidents', 'extra incident'],
    ]);
  });

  test('tallies: total is ignored unless expected, perpetrator compared only when given', () => {
    const exp = golden([], [{ label: 'June', document: 'd1', claimant: 'snhr', period: { start: '2020-06-01', end: '2020-06-30' }, killed: { civilians: 112 }, injured: {}, displaced: null }]);
    const act = actual([], [{ document: 'd1', claimant: 'snhr', period: { start: '2020-06-01', end: '2020-06-30' }, perpetrator: 'russia', killed: { total: 112, civilians: 112 }, injured: {}, displaced: null, quote: 'q' }]);
    assert.deepEqual(compareCase(exp, act), []);
    exp.tallies[0].perpetrator = null;
    assert.deepEqual(compareCase(exp, act).map((d) => d.where), ['tally "June" perpetrator']);
  });
});
