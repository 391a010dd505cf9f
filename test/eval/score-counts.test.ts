/**
 * Per-document counts: the largest headline best among the incidents citing a document, 0 when
 * none; killed, injured and both exact, the empty-export baseline, and the misses with the incident
 * and claim behind each wrong figure.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { figuresByDocument } from '../../src/eval/document-figures.ts';
import { countSummary, scoreCounts } from '../../src/eval/score-counts.ts';
import { exportOf, incident } from './count-builders.ts';

const FIGURES: [string, ReturnType<typeof exportOf>, string, [number | null, number | null]][] = [
  // label, system, document, [killed, injured] (null: no incident states one)
  ['no incident cites the document', exportOf(incident('i1', ['b'], { total: 2 })), 'a', [null, null]],
  ['one incident', exportOf(incident('i1', ['a'], { total: 2 }, { total: 5 })), 'a', [2, 5]],
  ['the largest of two incidents', exportOf(incident('i1', ['a'], { total: 1 }), incident('i2', ['a', 'b'], { total: 3 })), 'a', [3, null]],
  ['headline: civilians + fighters when no total', exportOf(incident('i1', ['a'], { civilians: 2, fighters: 1 })), 'a', [3, null]],
  ['headline: children are not added to civilians', exportOf(incident('i1', ['a'], { civilians: 4, children: 3 })), 'a', [4, null]],
  ['an incident stating only injured gives no killed', exportOf(incident('i1', ['a'], {}, { total: 1 })), 'a', [null, 1]],
  ['a stated zero is a figure', exportOf(incident('i1', ['a'], { total: 0 })), 'a', [0, null]],
];

for (const [label, system, doc, [killed, injured]] of FIGURES) {
  test(`figuresByDocument: ${label}`, () => {
    const f = figuresByDocument(system).get(doc);
    assert.deepEqual([f?.killed?.value ?? null, f?.injured?.value ?? null], [killed, injured]);
  });
}

test('figuresByDocument: the source is the incident and the quote of the claim stating the figure', () => {
  const i = incident('i1', ['a', 'b'], { total: 3 });
  const system = exportOf({ ...i, claims: [{ document: 'b', quote: 'two dead', killed: { total: 2 }, injured: {} }, { document: 'a', quote: 'three dead', killed: { total: 3 }, injured: {} }] });
  assert.deepEqual(figuresByDocument(system).get('b')?.killed, { value: 3, incidentId: 'i1', quote: 'three dead' });
});

test('scoreCounts: exact shares, the empty-export baseline and the misses', () => {
  const gold = [
    { id: 'a', killed: 1, injured: 0 }, // right: 1/0
    { id: 'b', killed: 0, injured: 2 }, // injured wrong: 0/1
    { id: 'c', killed: 0, injured: 0 }, // right: no incident
    { id: 'd', killed: 2, injured: 1 }, // both wrong: no incident
  ];
  const system = exportOf(incident('i1', ['a'], { total: 1 }), incident('i2', ['b'], {}, { total: 1 }));
  const score = scoreCounts(gold, system);
  assert.deepEqual(countSummary(score), { 'killed.exact': 3 / 4, 'injured.exact': 2 / 4, 'both.exact': 2 / 4 });
  // Every figure 0: killed right for b and c, injured for a and c, both for c.
  assert.deepEqual(score.emptyBaseline, {
    killed: { n: 2, of: 4, rate: 2 / 4 },
    injured: { n: 2, of: 4, rate: 2 / 4 },
    both: { n: 1, of: 4, rate: 1 / 4 },
  });
  assert.deepEqual(score.misses, [
    { id: 'b', gold: { killed: 0, injured: 2 }, system: { killed: null, injured: { value: 1, incidentId: 'i2', quote: 'i2 in b' } } },
    { id: 'd', gold: { killed: 2, injured: 1 }, system: { killed: null, injured: null } },
  ]);
});

test('scoreCounts: a miss keeps the gold incident of a report', () => {
  const score = scoreCounts([{ id: 'r1', killed: 1, injured: 0, incident: '10' }], exportOf());
  assert.equal(score.misses[0].incident, '10');
});

test('scoreCounts: nothing to score gives null rates', () => {
  assert.deepEqual(countSummary(scoreCounts([], exportOf())), { 'killed.exact': null, 'injured.exact': null, 'both.exact': null });
});
