/**
 * The US development sets (../shared/corpus/gvdb, gva), read by path: the scorers reproduce the
 * reference figures each README states for a system that does nothing, and a full run (ingest with
 * the embedded gazetteer, export, score) holds the regression floors of GVDB_THRESHOLDS and
 * GVA_THRESHOLDS. Needs ../shared; skips with a message when it is absent, fails instead under
 * TALLY_REQUIRE_SHARED=1 (CI).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCountsEval, runReportedIncidentsEval } from '../../src/services/run-eval.ts';
import { checkThresholds, type ThresholdResult } from '../../src/eval/eval-thresholds.ts';
import { parseCountsCsv, parseIncidentsCsv } from '../../src/eval/count-gold.ts';
import { countSummary, scoreCounts } from '../../src/eval/score-counts.ts';
import { reportedIncidentsSummary, scoreReportedIncidents } from '../../src/eval/score-linking.ts';
import { GVA_THRESHOLDS, GVDB_THRESHOLDS, REPO_ROOT } from '../../src/cli/main.ts';

const CORPUS = join(REPO_ROOT, '..', 'shared', 'corpus');
const GVDB = { counts: join(CORPUS, 'gvdb', 'counts.csv'), articles: join(CORPUS, 'gvdb', 'articles.jsonl') };
const GVA = { incidents: join(CORPUS, 'gva', 'incidents.csv'), articles: join(CORPUS, 'gva', 'articles.jsonl') };
const needed = [...Object.values(GVDB), ...Object.values(GVA)];
const missing = needed.filter((p) => !existsSync(p));
const skip = missing.length && process.env.TALLY_REQUIRE_SHARED !== '1' ? `missing ${missing.join(', ')}` : false;
const NOW = '2026-01-01T00:00:00Z';
const EMPTY = { incidents: [] };

function assertMet(results: ThresholdResult<string>[]): void {
  const failed = results.filter((r) => !r.ok);
  assert.deepEqual(
    failed.map((r) => `${r.key}=${r.value}`),
    [],
    `below the floor: ${failed.map((r) => `${r.key} ${r.value} (min ${r.min}, max ${r.max})`).join('; ')}`,
  );
}

test('gvdb: an empty export scores the share of zero gold counts', { skip }, () => {
  assert.deepEqual(missing, [], `needs ${missing.join(', ')}`);
  const gold = parseCountsCsv(readFileSync(GVDB.counts, 'utf8'), GVDB.counts);
  assert.equal(gold.length, 500);
  const score = scoreCounts(gold, EMPTY);
  assert.deepEqual(score.exact, score.emptyBaseline);
  assert.equal(score.exact.killed.n, gold.filter((g) => g.killed === 0).length);
});

test('gva: a system that does nothing scores what the README says', { skip }, () => {
  assert.deepEqual(missing, [], `needs ${missing.join(', ')}`);
  const gold = parseIncidentsCsv(readFileSync(GVA.incidents, 'utf8'), GVA.incidents);
  assert.equal(gold.length, 1708);
  assert.equal(gold.filter((g) => g.documents.length >= 2).length, 785);
  const score = scoreReportedIncidents(gold, EMPTY);
  const summary = reportedIncidentsSummary(score);
  assert.equal(score.reports.documents, 2935);
  // "An all-zero system scores both 0.000", "links nothing scores B-cubed F1 0.74 and 0 incidents linked".
  assert.equal(summary['reports.both_exact']!.toFixed(3), '0.000');
  assert.equal(summary['linking.bcubed_precision'], 1);
  assert.ok(Math.abs(summary['linking.bcubed_f1']! - 0.74) < 0.01, `B-cubed F1 ${summary['linking.bcubed_f1']}`);
  assert.equal(summary['linking.fully_linked'], 0);
});

test('gvdb: a full run holds the regression floors', { skip }, async () => {
  assert.deepEqual(missing, [], `needs ${missing.join(', ')}`);
  const run = await runCountsEval({ ...GVDB, now: NOW });
  assertMet(checkThresholds(countSummary(run.score), GVDB_THRESHOLDS));
});

test('gva: a full run holds the regression floors', { skip }, async () => {
  assert.deepEqual(missing, [], `needs ${missing.join(', ')}`);
  const run = await runReportedIncidentsEval({ ...GVA, now: NOW });
  assertMet(checkThresholds(reportedIncidentsSummary(run.score), GVA_THRESHOLDS));
});
