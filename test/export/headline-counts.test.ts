/**
 * The single "killed" figure shared by the CSV `fatalities`, GeoJSON `killed_*` and the store's
 * filter columns: total, else civilians + fighters, else the larger of children and women.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { headlineCount } from '../../src/domain/headline-figure.ts';
import { acledFatalities } from '../../src/export/headline-counts.ts';
import type { CountSummary } from '../../src/domain/types.ts';
import { range } from '../storage/domain-fixtures.ts';

const cases: [string, CountSummary, [number | null, number | null, number | null], number][] = [
  // label, summary, [best, min, max], ACLED fatalities
  ['total stated', { total: range(8, 7, 12), civilians: range(20) }, [8, 7, 12], 7],
  ['civilians only', { civilians: range(6, 6, 9) }, [6, 6, 9], 6],
  ['civilians and fighters add up', { civilians: range(3, 3, 4), fighters: range(10, 9, 12) }, [13, 12, 16], 12],
  ['civilians with children: children are a subset, not added', { civilians: range(5), children: range(3) }, [5, 5, 5], 5],
  ['children and women only: the larger', { children: range(2, 2, 5), women: range(3) }, [3, 3, 5], 3],
  ['nothing stated', {}, [null, null, null], 0],
  ['zero stated is zero, not absent', { total: range(0) }, [0, 0, 0], 0],
];

for (const [label, summary, [best, min, max], fatalities] of cases) {
  test(`headline count: ${label}`, () => {
    assert.deepEqual([headlineCount(summary, 'best'), headlineCount(summary, 'min'), headlineCount(summary, 'max')], [best, min, max]);
    assert.equal(acledFatalities({ killed: summary, claims: [], review: { status: 'unreviewed' } }), fatalities);
  });
}
