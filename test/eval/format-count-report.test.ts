/**
 * The text of the count reports: headline figures always, misses only with --verbose (one row each,
 * the quote behind a wrong figure underneath), and the per-document notes from ingest warnings and
 * tallies.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { documentNotes, formatCountsReport } from '../../src/eval/format-count-report.ts';
import { scoreCounts } from '../../src/eval/score-counts.ts';
import { exportOf, incident } from './count-builders.ts';

const score = scoreCounts(
  [
    { id: 'a', killed: 1, injured: 0 },
    { id: 'b', killed: 0, injured: 1 },
  ],
  exportOf(incident('i1', ['a'], { total: 1 }), incident('i2', ['b'], { total: 2 })),
);

test('formatCountsReport: without verbose the misses are only counted', () => {
  assert.equal(
    formatCountsReport(score),
    [
      'Per-article counts (2 articles)',
      '  killed exact   0.500 (1/2)  empty export 0.500 (1/2)',
      '  injured exact  0.500 (1/2)  empty export 0.500 (1/2)',
      '  both exact     0.500 (1/2)  empty export 0.000 (0/2)',
      '',
      'Articles with a wrong figure: 1 (--verbose lists them)',
      '',
    ].join('\n'),
  );
});

test('formatCountsReport: verbose lists each miss with its source incident, quote and notes', () => {
  const text = formatCountsReport(score, { verbose: true, notes: new Map([['b', 'no-date']]) });
  assert.match(text, /\n  article  gold k\/i  system k\/i  killed from  injured from  notes\n  b        0\/1       2\/0         i2           —             no-date\n      killed 2: "i2 in b"\n/);
});

test('documentNotes: warnings by code per document (offsets and mention ids dropped) and tally figures', () => {
  const warnings = [
    { code: 'no-date', message: '', source: 'd1' },
    { code: 'undated-incident', message: '', source: 'd1#0' },
    { code: 'undated-incident', message: '', source: 'd1#1' },
    { code: 'place-not-found', message: '', source: 'd2@40' },
  ];
  const tallies = [{ document: 'd2', killed: { total: 7 }, injured: {} }];
  assert.deepEqual(
    documentNotes(warnings, tallies),
    new Map([
      ['d1', 'no-date, undated-incident×2'],
      ['d2', 'place-not-found, tally 7k'],
    ]),
  );
});
