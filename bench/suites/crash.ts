/**
 * `npm run bench -- crash`: crash safety as a tool kept (issue 13). An ingest of a synthetic
 * corpus (with a few malformed lines) is killed with SIGKILL at a random moment, then run again to
 * the end, `--crash-runs` times on SQLite and `--crash-pg-runs` times on PostgreSQL (when
 * TALLY_BENCH_PG_URL or TALLY_TEST_PG_URL names a server). After each resume:
 * - the store's integrity check passes (SQLite's `PRAGMA integrity_check`; on both stores one current
 *   version per document and every mention belonging to a stored version);
 * - no document was lost or doubled (every id once, every one at version 1: the same text twice
 *   is no new version);
 * - the export (`tally export --format json`) is byte-identical to the export of a clean run, and
 *   so is the warnings log (`tally warnings --json`): no warning lost or written twice.
 * The kill moments are drawn from a seeded generator over the clean run's duration (a moment drawn
 * after the run ended by itself is drawn again within the time it took, on a fresh store), so a
 * failure can be replayed with the same --crash-seed. test/bench/crash.test.ts runs a short version in CI.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import pg from 'pg';
import { generateCorpus, mulberry32 } from '../generate-corpus.ts';
import { integerOption, type Suite, type SuiteContext, type SuiteOutcome } from '../suite.ts';

const REPO = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const TALLY = join(REPO, 'bin', 'tally.js');
const NOW = '2026-06-01T00:00:00Z';

export interface CrashOptions {
  articles: number;
  sqliteRuns: number;
  pgRuns: number;
  /** A PostgreSQL server to make one database per run in; null skips the PostgreSQL runs. */
  pgUrl: string | null;
  seed: number;
  log: (line: string) => void;
}

export interface CrashTrial {
  store: 'sqlite' | 'postgres';
  killAfterMs: number;
  /** Whether the kill landed before the ingest ended by itself. */
  killed: boolean;
  problems: string[];
}

export interface CrashReport {
  cleanMs: number;
  documents: number;
  trials: CrashTrial[];
}

interface Ran {
  status: number | null;
  signal: NodeJS.Signals | null;
  out: string;
  err: string;
  ms: number;
}

/** `tally ARGS`, killed with SIGKILL after `killAfterMs` when given. */
function tally(args: readonly string[], killAfterMs: number | null = null): Promise<Ran> {
  return new Promise((done, fail) => {
    const start = performance.now();
    const child = spawn(process.execPath, [TALLY, ...args], { cwd: REPO, env: { ...process.env, TALLY_NOW: NOW, TALLY_DB: '' } });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
    const timer = killAfterMs === null ? null : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('error', fail);
    child.on('close', (status, signal) => {
      if (timer) clearTimeout(timer);
      done({ status, signal, out, err, ms: performance.now() - start });
    });
  });
}

/** The corpus: synthetic articles, with two malformed lines among them. */
function writeCorpus(file: string, articles: number, seed: number): number {
  const lines = generateCorpus({ articles, seed }).map((a) => JSON.stringify(a.article));
  lines.splice(Math.floor(lines.length / 3), 0, '{"id": "broken", "text": ');
  lines.splice(Math.floor((2 * lines.length) / 3), 0, JSON.stringify({ id: 'no-text' }));
  writeFileSync(file, `${lines.join('\n')}\n`);
  return articles;
}

/** The export and the warnings log of a store, as bytes compared across runs. */
async function snapshot(db: string, dir: string, label: string): Promise<{ exported: string; warnings: string }> {
  const out = join(dir, `${label}.json`);
  const exp = await tally(['export', '--db', db, '--format', 'json', '--out', out]);
  if (exp.status !== 0) throw new Error(`export of ${label} failed: ${exp.err}`);
  const warnings = await tally(['warnings', '--db', db, '--json']);
  if (warnings.status !== 0) throw new Error(`warnings of ${label} failed: ${warnings.err}`);
  return { exported: readFileSync(out, 'utf8'), warnings: warnings.out };
}

async function sqliteIntegrity(path: string, documents: number): Promise<string[]> {
  const db = new Database(path, { readonly: true });
  try {
    const problems: string[] = [];
    const check = db.prepare('PRAGMA integrity_check').all() as { integrity_check: string }[];
    if (check.length !== 1 || check[0].integrity_check !== 'ok') problems.push(`integrity_check: ${JSON.stringify(check).slice(0, 300)}`);
    problems.push(...storeChecks((q) => db.prepare(q).all() as Record<string, unknown>[], documents));
    return problems;
  } finally {
    db.close();
  }
}

async function postgresIntegrity(url: string, documents: number): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const rows: Record<string, Record<string, unknown>[]> = {};
    for (const q of STORE_QUERIES) rows[q] = (await client.query(q)).rows;
    return storeChecks((q) => rows[q], documents);
  } finally {
    await client.end();
  }
}

const DOCS = "select count(*) as n, count(distinct id) as ids, sum(case when version = 1 then 1 else 0 end) as first from documents";
const CURRENT = 'select id from documents group by id having sum(is_current) <> 1';
const ORPHANS = 'select count(*) as n from mentions m where not exists (select 1 from documents d where d.id = m.doc_id and d.version = m.doc_version)';
const STORE_QUERIES = [DOCS, CURRENT, ORPHANS];

/** Checks both stores answer alike: documents once each at version 1, one current version each, no orphan mention. */
function storeChecks(query: (q: string) => Record<string, unknown>[], documents: number): string[] {
  const problems: string[] = [];
  const d = query(DOCS)[0];
  if (Number(d.n) !== documents || Number(d.ids) !== documents || Number(d.first) !== documents) {
    problems.push(`documents: ${d.n} rows, ${d.ids} ids, ${d.first} at version 1; expected ${documents} of each`);
  }
  const current = query(CURRENT);
  if (current.length) problems.push(`${current.length} documents without exactly one current version`);
  const orphans = Number(query(ORPHANS)[0].n);
  if (orphans) problems.push(`${orphans} mentions of no stored document version`);
  return problems;
}

/** Makes a database on the server for one run; returns its URL and how to drop it. */
async function makeDatabase(serverUrl: string, name: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.href,
    drop: async () => {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export async function runCrashTrials(o: CrashOptions): Promise<CrashReport> {
  const dir = mkdtempSync(join(tmpdir(), 'tally-crash-'));
  try {
    const corpus = join(dir, 'corpus.jsonl');
    const documents = writeCorpus(corpus, o.articles, o.seed);
    o.log(`crash: clean run over ${documents} articles`);
    const cleanDb = join(dir, 'clean.db');
    const clean = await tally(['ingest', '--db', cleanDb, corpus]);
    if (clean.status !== 1) throw new Error(`the clean ingest should exit 1 (two malformed lines), got ${clean.status}: ${clean.err}`);
    const reference = await snapshot(cleanDb, dir, 'clean');
    const random = mulberry32(o.seed);
    const trials: CrashTrial[] = [];
    const plan: ('sqlite' | 'postgres')[] = [...Array(o.sqliteRuns).fill('sqlite'), ...(o.pgUrl ? Array(o.pgRuns).fill('postgres') : [])];
    for (const [i, store] of plan.entries()) {
      let killAfterMs = 0;
      let location = '';
      let drop = async (): Promise<void> => undefined;
      let killed = false;
      // A kill drawn after the ingest would have ended anyway kills nothing: draw again, within the
      // time that run took, on a fresh store (at most a few times; the trial then counts as not killed).
      let bound = clean.ms;
      for (let attempt = 0; attempt < 4 && !killed; attempt++) {
        await drop();
        killAfterMs = Math.floor(random() * bound);
        if (store === 'sqlite') {
          location = join(dir, `run-${i}-${attempt}.db`);
          drop = async () => undefined;
        } else ({ url: location, drop } = await makeDatabase(o.pgUrl!, `tally_crash_${process.pid}_${i}`));
        const first = await tally(['ingest', '--db', location, corpus], killAfterMs);
        killed = first.signal === 'SIGKILL';
        if (!killed) bound = Math.max(1, first.ms * 0.95);
      }
      try {
        const resumed = await tally(['ingest', '--db', location, corpus]);
        const problems: string[] = [];
        if (resumed.status !== 1) problems.push(`the resumed ingest exited ${resumed.status}: ${resumed.err.slice(0, 300)}`);
        problems.push(...(store === 'sqlite' ? await sqliteIntegrity(location, documents) : await postgresIntegrity(location, documents)));
        const after = await snapshot(location, dir, `run-${i}`);
        if (after.exported !== reference.exported) problems.push('the export differs from the clean run');
        if (after.warnings !== reference.warnings) problems.push('the warnings log differs from the clean run');
        trials.push({ store, killAfterMs, killed, problems });
        o.log(`crash: run ${i + 1}/${plan.length} (${store}) killed after ${killAfterMs} ms${killed ? '' : ' (it had finished)'}: ${problems.length ? problems.join('; ') : 'identical'}`);
      } finally {
        await drop();
      }
    }
    return { cleanMs: clean.ms, documents, trials };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function run({ options, log }: SuiteContext): Promise<SuiteOutcome> {
  const articles = integerOption(options, 'crash-articles', 1, 100_000);
  const sqliteRuns = integerOption(options, 'crash-runs', 0, 10_000);
  const pgRuns = integerOption(options, 'crash-pg-runs', 0, 10_000);
  const seed = integerOption(options, 'crash-seed', 0, 0xffffffff);
  const pgUrl = process.env.TALLY_BENCH_PG_URL ?? process.env.TALLY_TEST_PG_URL ?? null;
  const report = await runCrashTrials({ articles, sqliteRuns, pgRuns, pgUrl, seed, log });
  const rows = (['sqlite', 'postgres'] as const).map((store) => {
    const mine = report.trials.filter((t) => t.store === store);
    const identical = mine.filter((t) => t.problems.length === 0).length;
    return { store, runs: mine.length, killed: mine.filter((t) => t.killed).length, identical };
  });
  return {
    parameters: { articles, sqliteRuns, pgRuns, seed, postgres: pgUrl ? 'yes' : 'no (set TALLY_BENCH_PG_URL)' },
    summary: [
      ['corpus', `${report.documents} synthetic articles and 2 malformed lines; clean ingest ${(report.cleanMs / 1000).toFixed(1)} s`],
      ['kills', 'SIGKILL at a moment drawn uniformly over the clean run, then the same ingest run to the end'],
    ],
    table: {
      columns: ['store', 'runs', 'killed mid-run', 'identical exports'],
      rows: rows.map((r) => [r.store, String(r.runs), String(r.killed), `${r.identical}/${r.runs}`]),
    },
    results: { cleanMs: Math.round(report.cleanMs), documents: report.documents, stores: rows, failures: report.trials.filter((t) => t.problems.length).map((t) => ({ store: t.store, killAfterMs: t.killAfterMs, problems: t.problems })) },
    notes: report.trials.filter((t) => t.problems.length).map((t) => `${t.store} killed after ${t.killAfterMs} ms: ${t.problems.join('; ')}`),
  };
}

export const crashSuite: Suite = {
  name: 'crash',
  description: 'SIGKILL an ingest at random moments, resume it, and check integrity, nothing lost or doubled, and a byte-identical export',
  options: [
    { name: 'crash-runs', valueName: 'n', description: 'kills on SQLite', defaultValue: '100' },
    { name: 'crash-pg-runs', valueName: 'n', description: 'kills on PostgreSQL (needs TALLY_BENCH_PG_URL or TALLY_TEST_PG_URL)', defaultValue: '20' },
    { name: 'crash-articles', valueName: 'n', description: 'articles in the ingested corpus', defaultValue: '150' },
    { name: 'crash-seed', valueName: 'n', description: 'seed of the corpus and the kill moments', defaultValue: '7' },
  ],
  run,
};
