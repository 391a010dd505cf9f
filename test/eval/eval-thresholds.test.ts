import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkThresholds, type Thresholds } from '../../src/eval/eval-thresholds.ts';
import type { EvalSummary } from '../../src/eval/score-run.ts';

const SUMMARY = {
  'incidents.f1': 0.6,
  'figures.accuracy': null,
  'tallies.turned_into_incident': 2,
} as unknown as EvalSummary;

const CASES: [string, Thresholds, boolean[]][] = [
  ['a number is a minimum, reached', { 'incidents.f1': 0.6 }, [true]],
  ['a number is a minimum, missed', { 'incidents.f1': 0.61 }, [false]],
  ['a maximum for a count', { 'tallies.turned_into_incident': { max: 1 } }, [false]],
  ['min and max', { 'incidents.f1': { min: 0.5, max: 0.7 } }, [true]],
  ['an unmeasured score fails', { 'figures.accuracy': 0 }, [false]],
];

for (const [name, thresholds, ok] of CASES) {
  test(`checkThresholds: ${name}`, () => {
    assert.deepEqual(checkThresholds(SUMMARY, thresholds).map((r) => r.ok), ok);
  });
}

test('checkThresholds: results in key order with value and bounds', () => {
  assert.deepEqual(checkThresholds(SUMMARY, { 'tallies.turned_into_incident': { max: 3 }, 'incidents.f1': 0.5 }), [
    { key: 'incidents.f1', value: 0.6, min: 0.5, max: null, ok: true },
    { key: 'tallies.turned_into_incident', value: 2, min: null, max: 3, ok: true },
  ]);
});
