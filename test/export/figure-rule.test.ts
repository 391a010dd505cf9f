/**
 * The figure rule every export shares (src/export/figure-rule.ts): no category above the total of
 * the same bound; an analyst's edited figure stands and raises the total; locked counts are kept.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analystFigures, boundedCounts } from '../../src/export/figure-rule.ts';
import type { CountSummary, IncidentReview } from '../../src/domain/types.ts';
import { range } from '../storage/domain-fixtures.ts';

const cases: [string, CountSummary, IncidentReview, CountSummary][] = [
  ['a category above the total is capped, bound by bound', { total: range(7, 7, 9), civilians: range(9, 8, 12) }, { status: 'unreviewed' }, { total: range(7, 7, 9), civilians: range(7, 7, 9) }],
  ['categories within the total are unchanged', { total: range(7, 5, 9), civilians: range(5, 4, 6), children: range(1) }, { status: 'unreviewed' }, { total: range(7, 5, 9), civilians: range(5, 4, 6), children: range(1) }],
  ['no total: unchanged (the headline is built from the categories)', { civilians: range(9), fighters: range(4) }, { status: 'unreviewed' }, { civilians: range(9), fighters: range(4) }],
  [
    'an analyst’s category figure stands and raises the total of its bound',
    { total: range(2, 2, 2), civilians: range(3, 2, 3) },
    { status: 'edited', machine: { 'killed.civilians.best': 2, 'killed.civilians.max': 2 } },
    { total: range(3, 2, 3), civilians: range(3, 2, 3) },
  ],
  [
    'an analyst’s total stands: categories are capped at it',
    { total: range(4, 4, 4), civilians: range(6) },
    { status: 'edited', machine: { 'killed.total.best': 6, 'killed.total.min': 6, 'killed.total.max': 6 } },
    { total: range(4, 4, 4), civilians: range(4, 4, 4) },
  ],
  ['locked counts are written as locked', { total: range(2), civilians: range(3) }, { status: 'confirmed', locked: true, machine: { killed: {} } }, { total: range(2), civilians: range(3) }],
];

for (const [label, summary, review, expected] of cases) {
  test(`figure rule: ${label}`, () => {
    const out = boundedCounts(summary, analystFigures(review, 'killed'));
    assert.deepEqual(out, expected);
    for (const r of Object.values(out)) assert.ok(r.min <= r.best && r.best <= r.max, JSON.stringify(r));
  });
}

test('analystFigures: only the outcome asked for', () => {
  assert.deepEqual(analystFigures({ status: 'edited', machine: { 'injured.total.best': 1, 'killed.women.min': 0, date: null } }, 'killed'), new Set(['women.min']));
});
