/** The one headline-figure rule every stage uses (extraction, linking, exports, the store). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { headlineFigure, headlineOfCounts, type CategoryFigures } from '../../src/domain/headline-figure.ts';
import type { CountSet } from '../../src/domain/types.ts';

const cases: [string, CategoryFigures, number | null][] = [
  ['total stated wins over categories', { total: 8, civilians: 20 }, 8],
  ['civilians only', { civilians: 6 }, 6],
  ['fighters only', { fighters: 4 }, 4],
  ['civilians and fighters are disjoint: added', { civilians: 3, fighters: 10 }, 13],
  ['children are a subset of civilians: not added', { civilians: 5, children: 3 }, 5],
  ['children and women only: the larger', { children: 2, women: 3 }, 3],
  ['women only', { women: 1 }, 1],
  ['nothing stated is null, not zero', {}, null],
  ['zero stated is zero', { total: 0 }, 0],
];

for (const [label, figures, want] of cases) {
  test(`headline figure: ${label}`, () => {
    assert.equal(headlineFigure(figures), want);
    const counts: CountSet = {};
    for (const [k, v] of Object.entries(figures)) counts[k as keyof CountSet] = { value: v, min: v, max: v, qualifier: 'exact', prov: { rule: 't', span: { start: 0, end: 0 }, text: '' } };
    assert.equal(headlineOfCounts(counts), want);
  });
}
