/**
 * The review queue's reasons (src/pipeline/review/review-reasons.ts): each rule fires on an
 * invented incident that has the trait and stays quiet on one that has not; the uncertainty is the
 * sum of the weights.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { REVIEW_REASONS, reviewReasons, uncertainty, WEAK_LINK_SCORE, type ReviewReasonId } from '../../src/pipeline/review/review-reasons.ts';
import type { Incident } from '../../src/domain/types.ts';
import { makeClaim, makeIncident, makePlace, range } from '../storage/domain-fixtures.ts';

const ids = (incident: Incident): ReviewReasonId[] => reviewReasons(incident).map((r) => r.id);

/** Two independent claims that agree, placed at a village, dated: nothing to look at. */
const calm = (): Incident =>
  makeIncident({
    claims: [makeClaim({ claimant: 'monitor', document: 'a', killed: { total: 7 } }), makeClaim({ claimant: 'rescuers', document: 'b', killed: { total: 7 } })],
    documents: ['a', 'b'],
    independentSources: 2,
    killed: { total: range(7) },
    injured: {},
  });

describe('review reasons', () => {
  test('a dated, placed incident whose two sources agree has none', () => {
    assert.deepEqual(reviewReasons(calm()), []);
    assert.equal(uncertainty([]), 0);
  });

  test('claims of different claimants with different tolls conflict, named with their figures', () => {
    const i = { ...calm(), claims: [makeClaim({ claimant: 'monitor', document: 'a', killed: { total: 12 } }), makeClaim({ claimant: 'ministry', document: 'b', killed: { total: 7 } })] };
    const r = reviewReasons(i).find((x) => x.id === 'conflicting-figures');
    assert.equal(r?.detail, 'killed: 7 (ministry), 12 (monitor)');
  });

  test("one claimant's total and its part in one document are no conflict", () => {
    const i = { ...calm(), claims: [makeClaim({ claimant: 'monitor', document: 'a', killed: { total: 14 } }), makeClaim({ claimant: 'monitor', document: 'a', killed: { fighters: 9 } })], independentSources: 2 };
    assert.ok(!ids(i).includes('conflicting-figures'));
  });

  test('disputed perpetrator, undated, unplaced and governorate-only', () => {
    assert.ok(ids({ ...calm(), perpetratorsDisputed: true, perpetrators: ['air-force', 'rebels'] }).includes('disputed-perpetrator'));
    assert.ok(ids({ ...calm(), date: { start: null, end: null, precision: 'unknown' } }).includes('undated'));
    assert.ok(ids({ ...calm(), location: null, places: [] }).includes('unplaced'));
    const province = makePlace({ name: 'Idlib', precision: 'admin1', gazetteerId: null });
    const r = reviewReasons({ ...calm(), location: province, places: [province] });
    assert.deepEqual(r.map((x) => x.id), ['governorate-only']);
    assert.equal(r[0].detail, 'Idlib (admin1)');
  });

  test('a join scored below the weak-link line is weak; a stronger one is not', () => {
    assert.ok(ids({ ...calm(), link: { weakest: WEAK_LINK_SCORE - 1, reasons: ['same governorate', 'same day'] } }).includes('weak-link'));
    assert.ok(!ids({ ...calm(), link: { weakest: WEAK_LINK_SCORE + 2, reasons: ['same place', 'same killed figure'] } }).includes('weak-link'));
  });

  test("a figure stated outside its claim's quote is named with its claim", () => {
    const claim = makeClaim({ claimant: 'monitor', document: 'a', start: 0, end: 40, killed: { total: 7 }, figures: [{ outcome: 'killed', category: 'total', value: 7, start: 80, end: 85, rule: 'r' }] });
    const r = reviewReasons({ ...calm(), claims: [claim, calm().claims[1]] }).find((x) => x.id === 'figure-outside-quote');
    assert.equal(r?.detail, 'killed 7 in claim 1');
    const inside = { ...claim, figures: [{ ...claim.figures![0], start: 10, end: 15 }] };
    assert.ok(!ids({ ...calm(), claims: [inside, calm().claims[1]] }).includes('figure-outside-quote'));
  });

  test('large figures, rising tolls and single sources', () => {
    assert.ok(ids({ ...calm(), killed: { total: range(40) } }).includes('large-figure'));
    assert.ok(!ids({ ...calm(), killed: { total: range(24) } }).includes('large-figure'));
    const rising = [makeClaim({ claimant: 'monitor', document: 'a', published: '2023-01-01', killed: { total: 5 } }), makeClaim({ claimant: 'monitor', document: 'b', published: '2023-01-02', killed: { total: 9 } })];
    assert.equal(reviewReasons({ ...calm(), claims: rising }).find((x) => x.id === 'rising-toll')?.detail, 'killed 5 → 9');
    const falling = [makeClaim({ claimant: 'monitor', document: 'a', published: '2023-01-01', killed: { total: 9 } }), makeClaim({ claimant: 'monitor', document: 'b', published: '2023-01-02', killed: { total: 5 } })];
    assert.ok(!ids({ ...calm(), claims: falling }).includes('rising-toll'));
    assert.ok(ids({ ...calm(), independentSources: 1 }).includes('single-source'));
  });

  test('a machine value that differs from an analyst edit is the heaviest reason', () => {
    const i = { ...calm(), review: { status: 'edited' as const, disagreements: [{ field: 'killed.total.best', human: 4, machine: 6, decision: 3 }] } };
    const r = reviewReasons(i);
    assert.equal(r[0].id, 'machine-disagrees');
    assert.equal(r[0].detail, 'killed.total.best');
    assert.equal(uncertainty(r), REVIEW_REASONS.find((x) => x.id === 'machine-disagrees')!.weight);
  });

  test('the uncertainty sums the weights and every rule has an id, a label and an example', () => {
    const i = { ...calm(), date: { start: null, end: null, precision: 'unknown' as const }, location: null, places: [] };
    assert.equal(uncertainty(reviewReasons(i)), 5);
    for (const r of REVIEW_REASONS) assert.ok(r.weight > 0 && r.label.length > 0 && r.example.length > 0, r.id);
  });
});
