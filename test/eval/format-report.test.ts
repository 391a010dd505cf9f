import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_LIST_LIMIT, formatReport } from '../../src/eval/format-report.ts';
import { scoreRun } from '../../src/eval/score-run.ts';
import { ARTICLES, goldFile, goldIncident, systemExport, systemIncident } from './eval-builders.ts';

function reportWithMisses(missCount: number) {
  const gold = goldFile([
    goldIncident({ id: 'G-00', killed: { total: { min: 4, max: 4 } } }),
    ...Array.from({ length: missCount }, (_, i) => goldIncident({ id: `G-M${String(i).padStart(2, '0')}`, places: [`Village ${i}`] })),
  ]);
  const system = systemExport([systemIncident({ id: 'S-00', killed: { total: { best: 9 } } }), systemIncident({ id: 'S-FP', documents: ['b7'], claims: [] })]);
  return scoreRun({ gold, system, articles: ARTICLES });
}

describe('formatReport', () => {
  test('headline scores with n/N', () => {
    const text = formatReport(reportWithMisses(2));
    assert.match(text, /^Evaluation against gold\n/);
    assert.match(text, /Incidents\s+gold 3\s+system 2\s+matched 1/);
    assert.match(text, /precision 0\.500\s+recall 0\.333\s+F1 0\.400/);
    assert.match(text, /Figures\s+accuracy 0\.000 \(0\/1\)/);
    assert.match(text, /\n {2}G-00\s+S-00\s+killed\.total\s+4\s+9\n/);
    assert.match(text, /False positives \(1\)\n.*\n {2}S-FP\s+b7\s+2020-02-11 day\s+Kafr Hamra \(locality\)/);
    // The quote of a missed incident goes on its own line under its row.
    assert.match(text, /\n {2}G-M00\s+a1\s+place\s+S-00\s+system Kafr Hamra \(locality, Idlib\) vs gold Village 0 \(gold has no coordinates\)\n {6}"Warplanes struck the town/);
    assert.ok(text.endsWith('\n'));
  });

  test(`lists are cut to ${DEFAULT_LIST_LIMIT} rows unless verbose`, () => {
    const report = reportWithMisses(20);
    const short = formatReport(report);
    const long = formatReport(report, { verbose: true });
    const rows = (text: string) => text.split('\n').filter((l) => /^ {2}G-M\d\d /.test(l)).length;
    assert.equal(rows(short), DEFAULT_LIST_LIMIT);
    assert.match(short, /… 5 more \(verbose lists all\)/);
    assert.equal(rows(long), 20);
    assert.doesNotMatch(long, /more \(verbose lists all\)/);
  });

  test('rates that could not be measured print as a dash', () => {
    const text = formatReport(scoreRun({ gold: goldFile([]), system: systemExport([]), articles: [] }));
    assert.match(text, /precision —\s+recall —\s+F1 —/);
    assert.match(text, /Figures\s+accuracy — \(0\/0\)/);
  });
});
