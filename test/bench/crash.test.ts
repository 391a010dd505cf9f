/**
 * The crash tool (bench/suites/crash.ts) in short, as CI runs it: ingests killed with SIGKILL at
 * random moments and resumed give the clean run's export and warnings, with nothing lost or
 * doubled, on SQLite and (when a server is given) PostgreSQL. `npm run bench -- crash` runs the
 * long version (100 and 20 kills).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCrashTrials } from '../../bench/suites/crash.ts';

const pgUrl = process.env.TALLY_TEST_PG_URL ?? null;

test('ingests killed at random moments and resumed give the clean export', { timeout: 600_000 }, async (t) => {
  if (!pgUrl && process.env.TALLY_REQUIRE_PG) assert.fail('TALLY_TEST_PG_URL is not set but TALLY_REQUIRE_PG is');
  const report = await runCrashTrials({ articles: 60, sqliteRuns: 4, pgRuns: 1, pgUrl, seed: 11, log: (l) => t.diagnostic(l) });
  assert.equal(report.trials.length, pgUrl ? 5 : 4);
  assert.ok(report.trials.every((x) => x.killed), 'every kill landed mid-run');
  for (const trial of report.trials) assert.deepEqual(trial.problems, [], `${trial.store} killed after ${trial.killAfterMs} ms`);
});
