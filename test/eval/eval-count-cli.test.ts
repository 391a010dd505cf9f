/**
 * `tally eval --counts` and `--incidents` end to end: the real entry point on three short reports
 * written for this test (two of one shooting, one unrelated), a counts table with a quoted newline,
 * and an incidents table; plus the usage error when not exactly one gold option is given.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../../src/cli/main.ts';

let dir = '';
const path = (name: string) => join(dir, name);

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'tally-eval-cli-'));
  const articles = [
    { id: 't1', published: '2016-02-23', text: 'Two people were killed and three others were wounded in a shooting in Omaha on Tuesday night, police said.' },
    { id: 't2', published: '2016-02-23', text: 'Police in Omaha said two people died and three were hurt when a gunman opened fire on Tuesday night.' },
    { id: 't3', published: '2016-02-24', text: 'The city council met on Wednesday to discuss the budget for next year.' },
  ];
  writeFileSync(path('articles.jsonl'), articles.map((a) => JSON.stringify(a)).join('\n') + '\n');
  writeFileSync(path('counts.csv'), 'id,killed,injured,city\nt1,2,3,"Omaha,\nNE"\nt2,2,3,Omaha\nt3,1,0,\n');
  writeFileSync(path('incidents.csv'), 'incident_id,date,state,city_or_county,killed,injured,documents\n1,2016-02-23,Nebraska,Omaha,2,3,t1 t2\n2,2016-02-24,Nebraska,Omaha,1,0,t3\n');
});

after(() => rmSync(dir, { recursive: true, force: true }));

function tally(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/tally.js', ...args], { cwd: REPO_ROOT, env: { ...process.env, TALLY_NOW: '2026-01-01T00:00:00Z' }, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('eval --counts: per-article exact shares beside the empty export, misses listed with --verbose', () => {
  const r = tally('eval', '--counts', path('counts.csv'), '--articles', path('articles.jsonl'), '--verbose');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /killed exact +0\.667 \(2\/3\) +empty export 0\.000 \(0\/3\)/);
  assert.match(r.stdout, /both exact +0\.667 \(2\/3\)/);
  assert.match(r.stdout, /Articles with a wrong figure \(1\)\n.*\n +t3 +1\/0 +0\/0/);
});

test('eval --incidents: per-report counts, linking and incident figures', () => {
  const r = tally('eval', '--incidents', path('incidents.csv'), '--articles', path('articles.jsonl'), '--json');
  assert.equal(r.status, 0, r.stderr);
  const summary = JSON.parse(r.stdout).summary;
  // Whether t1 and t2 link is the linker's business; the figures and the absence of wrong merges are not.
  assert.deepEqual(Object.keys(summary).sort(), [
    'incidents.both_exact',
    'linking.bcubed_f1',
    'linking.bcubed_precision',
    'linking.bcubed_recall',
    'linking.fully_linked',
    'reports.both_exact',
    'reports.injured_exact',
    'reports.killed_exact',
  ]);
  assert.deepEqual([summary['reports.killed_exact'], summary['reports.injured_exact'], summary['reports.both_exact']], [2 / 3, 1, 2 / 3]);
  assert.equal(summary['linking.bcubed_precision'], 1);
  assert.equal(summary['incidents.both_exact'], 1);
});

test('eval: exactly one of --gold, --counts, --incidents', () => {
  const none = tally('eval', '--articles', path('articles.jsonl'));
  assert.equal(none.status, 2);
  assert.match(none.stderr, /expected one of --gold, --counts, --incidents; got none/);
  const two = tally('eval', '--counts', path('counts.csv'), '--incidents', path('incidents.csv'), '--articles', path('articles.jsonl'));
  assert.equal(two.status, 2);
  assert.match(two.stderr, /got --counts and --incidents/);
});
