/**
 * Miss traces (issue 10) on short reports written for this test, through the real pipeline: a count
 * miss names the rule of the winning figure and the kind rule of a losing tally; a figure read in a
 * background sentence is shown dropped with its kind rule; reports of one event left apart say why
 * (dates apart, places apart, no incident mention); `tally eval --format jsonl`, `--limit` and
 * `--article` select and print traces, and non-verbose output carries none.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../../src/cli/main.ts';
import { runCountsEval, runReportedIncidentsEval, traceMisses } from '../../src/services/run-eval.ts';
import { pendingCountTraces, pendingReportedTraces, selectMisses } from '../../src/eval/trace-misses.ts';
import type { MissTrace } from '../../src/eval/miss-trace.ts';

const NOW = '2026-01-01T00:00:00Z';
let dir = '';
const path = (name: string) => join(dir, name);

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'tally-miss-trace-'));
  const articles = [
    { id: 'a1', published: '2016-05-04', text: 'Two men were shot and killed in Omaha on Tuesday night, police said. Five people have been shot in separate shootings across the city this week.' },
    { id: 'a2', published: '2016-06-14', text: 'A man was shot and wounded in Tulsa on Monday, police said. In 2013 a gunman killed six neighbours in the same street.' },
    { id: 'b1', published: '2016-07-06', text: 'A man was shot and killed in Omaha on Tuesday, police said.' },
    { id: 'b2', published: '2016-07-06', text: 'A man was shot and killed in Denver on Tuesday, police said.' },
    { id: 'b3', published: '2016-07-20', text: 'A woman was shot and killed in Omaha on Tuesday, police said.' },
    { id: 'b4', published: '2016-07-06', text: 'The city council met on Wednesday to discuss the budget for next year.' },
  ];
  writeFileSync(path('articles.jsonl'), articles.map((a) => JSON.stringify(a)).join('\n') + '\n');
  // The gold of a1 counts the week's wounded as its own; a2's gold takes the 2013 dead.
  writeFileSync(path('counts.csv'), 'id,killed,injured\na1,1,5\na2,6,1\n');
  writeFileSync(path('incidents.csv'), 'incident_id,date,state,city_or_county,killed,injured,documents\n1,2016-07-05,Nebraska,Omaha,1,0,b1 b2 b3 b4\n');
});

after(() => rmSync(dir, { recursive: true, force: true }));

async function countTraces(): Promise<MissTrace[]> {
  const run = await runCountsEval({ counts: path('counts.csv'), articles: path('articles.jsonl'), now: NOW });
  return traceMisses(run, path('articles.jsonl'), pendingCountTraces(run.score));
}

test('a count miss names the rule of the winning figure and the kind rule of the losing tally', async () => {
  const a1 = (await countTraces()).find((t) => t.id === 'a1');
  assert.ok(a1, 'a1 is a miss');
  assert.equal(a1.mode, 'counts');
  const killed = a1.figures.find((f) => f.outcome === 'killed');
  assert.ok(killed?.won, 'the killed figure has a source');
  assert.equal(killed.won.value, 2);
  assert.equal(killed.won.mention, 'a1#0');
  assert.equal(killed.won.text, 'Two men were shot and killed');
  const lead = a1.documents[0].mentions.find((m) => m.id === 'a1#0')!;
  assert.deepEqual(killed.won.rules, [lead.killed[0].rule]);
  assert.match(killed.won.rules[0], /^cas\./);
  assert.equal(lead.used, true, 'the lead went to the scored incident');

  const injured = a1.figures.find((f) => f.outcome === 'injured')!;
  const tally = injured.lost.find((l) => l.from === 'a1#1');
  assert.ok(tally, 'the week\'s five wounded lost');
  assert.equal(tally.value, 5);
  assert.equal(tally.gold, true);
  assert.equal(tally.kind, 'tally');
  assert.equal(tally.kindRule, 'kind.round-up');
  assert.match(tally.why, /tally/);
  const tallyMention = a1.documents[0].mentions.find((m) => m.id === 'a1#1')!;
  assert.equal(tallyMention.used, false);
  assert.match(tallyMention.into ?? '', /^tly-/);
});

test('a figure read in a background sentence is shown dropped, with its kind rule', async () => {
  const a2 = (await countTraces()).find((t) => t.id === 'a2')!;
  const killed = a2.figures.find((f) => f.outcome === 'killed')!;
  assert.equal(killed.won, null, 'no incident of a2 states a death');
  const six = killed.lost.find((l) => l.value === 6);
  assert.ok(six, 'the six of 2013 are listed');
  assert.equal(six.kind, 'background');
  assert.equal(six.kindRule, 'kind.year-only');
  assert.match(six.why, /background \(kind\.year-only\): dropped/);
  assert.deepEqual(a2.documents[0].dropped.map((d) => [d.kindRule, d.killed.map((r) => r.value)]), [['kind.year-only', [6]]]);
  const place = a2.documents[0].mentions[0].places[0];
  assert.equal(place.name, 'Tulsa');
  assert.equal(place.precision, 'locality');
  assert.match(place.rule ?? '', /^place\./);
  assert.match(a2.documents[0].mentions[0].date?.rule ?? '', /weekday/);
});

test('reports of one event left apart: dates apart, places apart, no incident mention', async () => {
  const run = await runReportedIncidentsEval({ incidents: path('incidents.csv'), articles: path('articles.jsonl'), now: NOW });
  const pending = selectMisses(pendingReportedTraces(run.score, run.gold), {});
  const traces = await traceMisses(run, path('articles.jsonl'), pending.filter((p) => p.miss === 'not-linked'));
  assert.equal(traces.length, 1);
  const links = new Map(traces[0].links.map((l) => [`${l.a}-${l.b}`, l]));
  assert.equal(links.get('b1-b2')?.refusal, 'places-conflict');
  assert.match(links.get('b1-b2')!.detail, /Omaha.*Denver/);
  assert.equal(links.get('b1-b3')?.refusal, 'dates-apart');
  assert.match(links.get('b1-b3')!.detail, /2016-07-05.*2016-07-19/);
  assert.equal(links.get('b1-b4')?.verdict, 'no-incident-mention');
  assert.match(links.get('b1-b4')!.detail, /b4 has no incident mention \(no mention at all\)/);
});

function tally(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/tally.js', ...args], { cwd: REPO_ROOT, env: { ...process.env, TALLY_NOW: NOW }, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('eval --format jsonl: one miss-trace/1 object per line; --limit and --article select', () => {
  const all = tally('eval', '--counts', path('counts.csv'), '--articles', path('articles.jsonl'), '--format', 'jsonl');
  assert.equal(all.status, 0, all.stderr);
  const lines = all.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(lines.map((l) => [l.format, l.id]), [['miss-trace/1', 'a1'], ['miss-trace/1', 'a2']]);
  const one = tally('eval', '--counts', path('counts.csv'), '--articles', path('articles.jsonl'), '--format', 'jsonl', '--limit', '1');
  assert.equal(one.stdout.trimEnd().split('\n').length, 1);
  const a2 = tally('eval', '--counts', path('counts.csv'), '--articles', path('articles.jsonl'), '--format', 'jsonl', '--article', 'a2');
  assert.deepEqual(a2.stdout.trimEnd().split('\n').map((l) => JSON.parse(l).id), ['a2']);
});

test('eval --verbose prints the traces after the lists; without it there are none', () => {
  const verbose = tally('eval', '--counts', path('counts.csv'), '--articles', path('articles.jsonl'), '--verbose', '--article', 'a1');
  assert.equal(verbose.status, 0, verbose.stderr);
  assert.match(verbose.stdout, /Articles with a wrong figure \(2\)/);
  assert.match(verbose.stdout, /Traces of misses \(1\)\n\n● document-figures a1: gold k\/i 1\/5, system 2\/0/);
  assert.match(verbose.stdout, /lost 5 \(= gold\) a1#1 tally kind\.round-up/);
  const plain = tally('eval', '--counts', path('counts.csv'), '--articles', path('articles.jsonl'));
  assert.doesNotMatch(plain.stdout, /Traces|lost/);
  const misuse = tally('eval', '--counts', path('counts.csv'), '--articles', path('articles.jsonl'), '--limit', '2');
  assert.equal(misuse.status, 2);
  assert.match(misuse.stderr, /--limit selects traces: add --verbose or --format jsonl/);
});
