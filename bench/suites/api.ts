/**
 * HTTP API latency at scale: `--incidents` synthetic incidents (default 1,000,000) are loaded with
 * store.replaceIncidents into a SQLite file in a temporary folder and into a fresh PostgreSQL
 * database (created on `--pg`, dropped afterwards; `--pg off` or an unreachable server skips it),
 * then served as `tally serve --workers N` serves them (src/cli/serve-cluster.ts; N = `--workers`,
 * default one per core) and, for comparison, by one event loop. Measured, in this order:
 *
 * - the first request of each of 100 filters nobody has asked for yet, one client at a time (what
 *   a new filter costs: its total counted, its index chosen);
 * - with `--connections` concurrent autocannon clients for `--duration` seconds each: a filtered
 *   list page (admin1 + date window + min_killed, limit 50), the page after it (following
 *   next_cursor), a varied run drawing from a thousand governorate × month × min_killed filters,
 *   weekly statistics by perpetrator for one governorate, and the list page on one event loop.
 *
 * Incidents come from one mulberry32 stream (`--seed`): dates over 2017–2019, Syrian towns of the
 * embedded gazetteer drawn with a skew, perpetrators, killed figures and 1–3 claims with
 * claimants. Each backend is loaded and served by a child process (this file, run directly with
 * `--child`) with a large heap; on a 2-core machine the server and the load tool share the cores,
 * which the summary states. Reports generation and load time, p50/p90/p99/max latency and
 * requests/s, and whether the SQLite list query meets its p99 < 50 ms target.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Claim, EventType, Incident, ResolvedPlace } from '../../src/domain/types.ts';
import { DEFAULT_SEED, Rng } from '../generate-corpus.ts';
import { formatCount, peakRssBytes } from '../measure.ts';
import { BenchOptionError, integerOption, type JsonValue, type Suite, type SuiteContext, type SuiteOutcome } from '../suite.ts';
import { syntheticPlaces, type SyntheticTown } from './linking.ts';
import { EVENT_TYPE_WEIGHTS, PERPETRATOR_WEIGHTS, TARGETS, isoDay, skewedPicker, weighted } from '../synthetic-vocabulary.ts';
import { defaultAllowedHosts } from '../../src/api/host-check.ts';

const THIS_FILE = fileURLToPath(import.meta.url);
const REPO_ROOT = resolve(dirname(THIS_FILE), '..', '..');
const require = createRequire(import.meta.url);

export const DEFAULT_INCIDENTS = 1_000_000;
export const DEFAULT_PG_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const DEFAULT_DURATION_S = 15;
const DEFAULT_CONNECTIONS = 50;
const DEFAULT_LOAD_LIMIT_S = 1200;
/** `tally serve --workers` of the measured server: one per core, as a team server would run. */
const DEFAULT_WORKERS = Math.min(8, os.availableParallelism());
/** Filters whose first request is timed, one at a time. */
const COLD_FILTERS = 100;
/** Heap ceiling of the loading/serving child: a million incident objects plus their rows and JSON. */
const CHILD_HEAP_MB = 16_384;
/** Seconds of untimed load before each measured query (JIT, page cache, statement cache). */
const WARMUP_S = 5;
const TARGET_P99_MS = 50;

const DAY_MS = 86_400_000;
const FIRST_DAY = Date.UTC(2017, 0, 1) / DAY_MS;
const SPAN_DAYS = 3 * 365;

/** The measured requests; the list window is one year in the middle of the generated three. */
export const LIST_PATH = '/api/v1/incidents?admin1=Idlib&from=2018-01-01&to=2018-12-31&min_killed=1&limit=50';
export const STATS_PATH = '/api/v1/stats?group_by=week&by_perpetrator=true&admin1=Idlib';

const CLAIMANTS: readonly [string, number][] = [
  ['sohr', 40],
  ['white-helmets', 15],
  ['snhr', 10],
  ['local-sources', 12],
  ['sana', 8],
  ['medics', 5],
  ['witnesses', 5],
  ['un', 3],
];
const OUTLETS = ['Levant Wire Service (fictional)', 'Orontes Daily (fictional)', 'Euphrates Monitor Bulletin (fictional)', 'Northern Desk News (fictional)'];
const EVENT_WORDS: Record<EventType, string> = {
  air_strike: 'Air strikes hit',
  shelling: 'Shelling hit',
  armed_clash: 'Clashes broke out in',
  explosion: 'A car bomb went off in',
  attack: 'Gunmen attacked',
  territory_change: 'Forces advanced on',
  other: 'Violence was reported in',
};

/**
 * `count` incidents as linking would have left them, deterministic in (count, seed): one town
 * each (a few towns are hit often), a day over 2017–2019, one perpetrator (sometimes two,
 * disputed), killed figures (none for ~10%), and 1–3 claims by different claimants with their
 * documents and quotes written here.
 */
export function generateIncidents(count: number, seed: number, towns: readonly SyntheticTown[] = syntheticPlaces().towns): Incident[] {
  if (towns.length === 0) throw new BenchOptionError('api: the embedded gazetteer has no Syrian towns to place incidents in', 'incidents', String(count));
  const rng = new Rng(seed);
  const pickTown = skewedPicker(rng, towns);
  const width = String(count).length;
  const incidents: Incident[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const town = pickTown();
    const day = FIRST_DAY + rng.int(0, SPAN_DAYS - 1);
    const date = isoDay(day);
    const eventType = weighted(rng, EVENT_TYPE_WEIGHTS);
    const perpetrator = weighted(rng, PERPETRATOR_WEIGHTS);
    const disputed = rng.chance(0.05);
    const perpetrators = disputed ? [perpetrator, weighted(rng, PERPETRATOR_WEIGHTS)].filter((p, k, a) => a.indexOf(p) === k) : [perpetrator];
    const r = rng.float();
    const killed = r < 0.1 ? null : r < 0.35 ? rng.int(1, 2) : r < 0.75 ? rng.int(3, 10) : r < 0.95 ? rng.int(11, 40) : rng.int(41, 150);
    const civilians = killed !== null && rng.chance(0.6) ? rng.int(Math.ceil(killed / 2), killed) : null;
    const injured = killed !== null && rng.chance(0.5) ? rng.int(killed, killed * 3 + 2) : null;
    const place: ResolvedPlace = { name: town.spellings[0], gazetteerId: town.gazetteerId, lat: town.lat, lon: town.lon, admin1: town.admin1, admin2: null, precision: 'locality' };
    const nClaims = rng.int(1, 3);
    const claims: Claim[] = [];
    const documents: string[] = [];
    const used = new Set<string>();
    for (let c = 0; c < nClaims; c++) {
      const claimant = weighted(rng, CLAIMANTS);
      if (used.has(claimant)) continue;
      used.add(claimant);
      const document = `doc-${String(i).padStart(width, '0')}-${c}`;
      documents.push(document);
      const stated = killed === null ? null : Math.max(1, killed - rng.int(0, Math.floor(killed / 4)));
      const quote = `${EVENT_WORDS[eventType]} ${place.name}${stated === null ? '' : `, killing ${stated} people`}, according to ${claimant}.`;
      claims.push({
        claimant,
        document,
        documents: [document],
        outlet: rng.pick(OUTLETS),
        published: isoDay(day + rng.int(0, 1)),
        quote,
        start: 0,
        end: quote.length,
        killed: stated === null ? {} : { total: stated },
        injured: {},
        rules: ['count.killed'],
      });
    }
    const best = killed;
    incidents[i] = {
      id: `inc-${String(i).padStart(width, '0')}`,
      eventType,
      date: { start: date, end: date, precision: 'day' },
      location: place,
      places: [place],
      perpetrators,
      perpetratorsDisputed: perpetrators.length > 1,
      killed: best === null ? {} : { total: { best, min: Math.min(best, ...claims.map((c) => c.killed.total ?? best)), max: best }, ...(civilians === null ? {} : { civilians: { best: civilians, min: civilians, max: civilians } }) },
      injured: injured === null ? {} : { total: { best: injured, min: injured, max: injured } },
      targets: rng.chance(0.2) ? [rng.pick(TARGETS)] : [],
      claims,
      documents,
      mentionIds: documents.map((d) => `${d}#0`),
      independentSources: claims.length,
      review: { status: 'unreviewed' },
    };
  }
  return incidents;
}

// ---- child: load a store and serve it ---------------------------------------------------------

/** What the child prints (one JSON line) once the servers listen. */
interface ChildReady {
  /** `tally serve --workers N`: N worker processes (src/cli/serve-cluster.ts). */
  port: number;
  workers: number;
  /** The same app served by the child's own event loop (`--workers 1`), for comparison. */
  singlePort: number;
  incidents: number;
  generateSeconds: number;
  loadSeconds: number;
  peakRssBytes: number;
}

async function childMain(backend: string, location: string, count: number, seed: number, workers: number): Promise<void> {
  const log = (line: string) => process.stderr.write(`  [${backend}] ${line}\n`);
  const [{ openStore }, { incidentsJsonRendering }, { embeddedDefault }, { startServer }, { startCluster }, { serverLog }] = await Promise.all([
    import('../../src/storage/open-store.ts'),
    import('../../src/export/incidents-json.ts'),
    import('../../src/services/gazetteer-service.ts'),
    import('../../src/cli/serve-command.ts'),
    import('../../src/cli/serve-cluster.ts'),
    import('../../src/api/server-log.ts'),
  ]);
  let t = process.hrtime.bigint();
  let incidents: Incident[] | null = generateIncidents(count, seed);
  const generateSeconds = Number(process.hrtime.bigint() - t) / 1e9;
  log(`generated ${formatCount(count)} incidents in ${generateSeconds.toFixed(1)} s; loading with replaceIncidents …`);
  const store = await openStore(location, incidentsJsonRendering, { poolSize: 10 });
  t = process.hrtime.bigint();
  await store.replaceIncidents(incidents, []);
  const loadSeconds = Number(process.hrtime.bigint() - t) / 1e9;
  incidents = null;
  log(`loaded in ${loadSeconds.toFixed(1)} s`);
  // Gigabytes were just written: have the kernel write them out now, so its writeback does not
  // compete with the servers for the cores during the first measurements.
  const t0 = process.hrtime.bigint();
  execFileSync('sync');
  log(`sync in ${(Number(process.hrtime.bigint() - t0) / 1e9).toFixed(1)} s`);
  // The servers of `tally serve`: this process's own (--workers 1) and a cluster of `workers`.
  const common = { host: '127.0.0.1', port: 0, allowedHosts: defaultAllowedHosts('127.0.0.1'), token: '', boundariesDir: null, webDist: null, version: 'bench' };
  // The request log stays off standard output, which carries the ready line to the parent.
  const single = await startServer({ ...common, store, resolver: embeddedDefault().resolver, clock: () => '2020-01-01T00:00:00Z', logError: (err, where) => log(`${where}: ${String(err)}`), log: serverLog({ level: 'warn' }) });
  const cluster = await startCluster({ ...common, location, gazetteerDir: null, fixedNow: '2020-01-01T00:00:00Z', privateReads: false, openExportLimit: null, logLevel: 'warn' }, workers, log);
  const ready: ChildReady = { port: cluster.port, workers, singlePort: single.port, incidents: count, generateSeconds, loadSeconds, peakRssBytes: peakRssBytes() };
  process.stdout.write(`${JSON.stringify(ready)}\n`);
  const stop = () => {
    void Promise.all([single.close(), cluster.close()])
      .then(() => store.close())
      .finally(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.stdin.on('end', stop); // the parent went away
  process.stdin.resume();
}

// ---- parent: drive the children with autocannon ----------------------------------------------

interface AutocannonHistogram {
  average: number;
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  total: number;
}
interface AutocannonResult {
  latency: AutocannonHistogram;
  requests: AutocannonHistogram;
  non2xx: number;
  errors: number;
  timeouts: number;
  duration: number;
}
interface AutocannonRequest {
  path?: string;
}
type Autocannon = (opts: {
  url: string;
  connections: number;
  duration: number;
  pipelining?: number;
  requests?: { setupRequest: (req: AutocannonRequest) => AutocannonRequest }[];
}) => Promise<AutocannonResult>;
const autocannon = require('autocannon') as Autocannon;

interface QueryResult {
  query: string;
  path: string;
  /** `total` of the list response or rows of the stats response, as a check the query selects something. */
  answer: string;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  meanMs: number;
  requestsPerSecond: number;
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

interface BackendResult {
  backend: string;
  ready: ChildReady;
  databaseBytes: number | null;
  queries: QueryResult[];
}

/** Thrown when a backend cannot be loaded or served; the message names the backend and what happened. */
export class ApiBenchError extends Error {
  constructor(
    readonly backend: string,
    message: string,
  ) {
    super(`api bench (${backend}): ${message}`);
    this.name = 'ApiBenchError';
  }
}

function startChild(backend: string, location: string, count: number, seed: number, workers: number, limitS: number): Promise<{ child: ChildProcess; ready: ChildReady }> {
  const child = spawn(
    process.execPath,
    [`--max-old-space-size=${CHILD_HEAP_MB}`, '--import', 'tsx', THIS_FILE, '--child', '--backend', backend, '--location', location, '--incidents', String(count), '--seed', String(seed), '--workers', String(workers)],
    { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'inherit'] },
  );
  return new Promise((done, fail) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new ApiBenchError(backend, `generating and loading ${formatCount(count)} incidents took longer than ${limitS} s (--load-limit); child killed`));
    }, limitS * 1000);
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => {
      clearTimeout(timer);
      try {
        done({ child, ready: JSON.parse(line) as ChildReady });
      } catch {
        child.kill('SIGKILL');
        fail(new ApiBenchError(backend, `child printed ${JSON.stringify(line.slice(0, 200))} instead of its ready line`));
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      fail(new ApiBenchError(backend, `child exited (code ${code}, signal ${signal}) before serving`));
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      done();
    });
    child.kill('SIGTERM');
  });
}

async function getJson(base: string, path: string, backend: string): Promise<Record<string, unknown>> {
  const res = await fetch(base + path);
  const body = (await res.json()) as Record<string, unknown>;
  if (res.status !== 200) throw new ApiBenchError(backend, `GET ${path} answered ${res.status}: ${JSON.stringify(body).slice(0, 300)}`);
  return body;
}

/** autocannon's result for `paths` (one path, or a pool each request draws from in turn). */
async function load(base: string, paths: readonly string[], connections: number, duration: number): Promise<AutocannonResult> {
  if (paths.length === 1) return autocannon({ url: base + paths[0], connections, duration });
  let next = 0;
  return autocannon({
    url: base,
    connections,
    duration,
    requests: [
      {
        setupRequest: (req) => {
          req.path = paths[next++ % paths.length];
          return req;
        },
      },
    ],
  });
}

async function measure(base: string, query: string, paths: readonly string[], answer: string, connections: number, durationS: number, log: (l: string) => void): Promise<QueryResult> {
  await load(base, paths, connections, WARMUP_S);
  log(`  ${query}: ${connections} connections for ${durationS} s …`);
  const r = await load(base, paths, connections, durationS);
  const path = paths.length === 1 ? paths[0] : `${paths.length} paths, e.g. ${paths[0]}`;
  return {
    query,
    path,
    answer,
    p50Ms: r.latency.p50,
    p90Ms: r.latency.p90,
    p99Ms: r.latency.p99,
    maxMs: r.latency.max,
    meanMs: r.latency.mean,
    requestsPerSecond: r.requests.average,
    requests: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
  };
}

/** The last day of the month starting at `first` (YYYY-MM-01). */
function monthEnd(first: string): string {
  const d = new Date(`${first}T00:00:00Z`);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).toISOString().slice(0, 10);
}

/**
 * List queries a team's dashboards would send: every governorate × month of the generated years ×
 * two minimum-killed settings, shuffled (seeded). Used in turn by the varied-filter run.
 */
export function variedListPaths(seed: number, governorates: readonly string[]): string[] {
  const paths: string[] = [];
  for (const g of governorates) {
    for (let m = 0; m < 36; m++) {
      const first = `${2017 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}-01`;
      for (const k of [1, 5]) paths.push(`/api/v1/incidents?admin1=${encodeURIComponent(g)}&from=${first}&to=${monthEnd(first)}&min_killed=${k}&limit=50`);
    }
  }
  return new Rng(seed).shuffle(paths);
}

/**
 * Filters no request of the run has used (perpetrator × governorate × event type × quarter), so
 * each first request counts its total and chooses its index afresh: what a new filter costs.
 */
export function coldListPaths(seed: number, governorates: readonly string[], n: number): string[] {
  const rng = new Rng(seed ^ 0x5eed);
  const out = new Set<string>();
  while (out.size < n) {
    const quarter = rng.int(0, 11);
    const first = `${2017 + Math.floor(quarter / 4)}-${String((quarter % 4) * 3 + 1).padStart(2, '0')}-01`;
    const last = monthEnd(`${first.slice(0, 5)}${String((quarter % 4) * 3 + 3).padStart(2, '0')}-01`);
    const perpetrator = weighted(rng, PERPETRATOR_WEIGHTS);
    const eventType = weighted(rng, EVENT_TYPE_WEIGHTS);
    out.add(`/api/v1/incidents?perpetrator=${perpetrator}&admin1=${encodeURIComponent(rng.pick(governorates))}&event_type=${eventType}&from=${first}&to=${last}&limit=50`);
  }
  return [...out];
}

/** One client, one request after another, each path once: latency of a filter's first request. */
async function firstRequests(base: string, query: string, paths: readonly string[], backend: string, log: (l: string) => void): Promise<QueryResult> {
  log(`  ${query}: ${paths.length} requests, one at a time …`);
  const ms: number[] = [];
  const started = process.hrtime.bigint();
  let matched = 0;
  for (const path of paths) {
    const t = process.hrtime.bigint();
    const body = await getJson(base, path, backend);
    ms.push(Number(process.hrtime.bigint() - t) / 1e6);
    matched += typeof body.total === 'number' ? body.total : 0;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] * 10) / 10;
  return {
    query,
    path: `${paths.length} paths, e.g. ${paths[0]}`,
    answer: `${formatCount(matched / paths.length)} matching on average`,
    p50Ms: at(0.5),
    p90Ms: at(0.9),
    p99Ms: at(0.99),
    maxMs: at(1),
    meanMs: ms.reduce((a, b) => a + b, 0) / ms.length,
    requestsPerSecond: paths.length / seconds,
    requests: paths.length,
    non2xx: 0,
    errors: 0,
    timeouts: 0,
  };
}

async function benchBackend(backend: string, location: string, count: number, seed: number, o: RunSettings, log: (l: string) => void, sizeOf: () => Promise<number | null>): Promise<BackendResult> {
  log(`api: ${backend}: generating and loading ${formatCount(count)} incidents …`);
  const { child, ready } = await startChild(backend, location, count, seed, o.workers, o.loadLimitS);
  try {
    const base = `http://127.0.0.1:${ready.port}`;
    const singleBase = `http://127.0.0.1:${ready.singlePort}`;
    const queries: QueryResult[] = [];
    const governorates = [...new Set(syntheticPlaces().towns.map((t) => t.admin1))].sort();
    // Before anything else touches them: first requests of filters nobody asked for yet.
    queries.push(await firstRequests(base, 'list, first request of a filter (1 client)', coldListPaths(seed, governorates, COLD_FILTERS), backend, log));
    const first = await getJson(base, LIST_PATH, backend);
    const cursor = typeof first.next_cursor === 'string' ? first.next_cursor : null;
    const firstItems = Array.isArray(first.items) ? first.items.length : 0;
    const listAnswer = `${firstItems} of total ${String(first.total)}`;
    queries.push(await measure(base, 'list page 1', [LIST_PATH], listAnswer, o.connections, o.durationS, log));
    if (cursor) {
      const page2 = `${LIST_PATH}&cursor=${encodeURIComponent(cursor)}`;
      const second = await getJson(base, page2, backend);
      const n = Array.isArray(second.items) ? second.items.length : 0;
      queries.push(await measure(base, 'list page 2 (cursor)', [page2], `${n} of total ${String(second.total)}`, o.connections, o.durationS, log));
    }
    const varied = variedListPaths(seed, governorates);
    queries.push(await measure(base, 'list, varied filters', varied, `${formatCount(varied.length)} governorate × month × min_killed filters in turn`, o.connections, o.durationS, log));
    const stats = await getJson(base, STATS_PATH, backend);
    const rows = Array.isArray(stats.rows) ? stats.rows.length : 0;
    queries.push(await measure(base, 'stats week × perpetrator', [STATS_PATH], `${rows} rows`, o.connections, o.durationS, log));
    queries.push(await measure(singleBase, 'list page 1, --workers 1', [LIST_PATH], listAnswer, o.connections, o.durationS, log));
    return { backend, ready, databaseBytes: await sizeOf().catch(() => null), queries };
  } finally {
    await stopChild(child);
  }
}

interface RunSettings {
  connections: number;
  durationS: number;
  loadLimitS: number;
  workers: number;
}

function fileBytes(path: string): number | null {
  let n = 0;
  for (const p of [path, `${path}-wal`]) if (existsSync(p)) n += statSync(p).size;
  return n || null;
}

async function pgAdmin(url: string) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  return client;
}

async function pgDatabaseBytes(adminUrl: string, name: string): Promise<number | null> {
  const client = await pgAdmin(adminUrl);
  try {
    const r = await client.query<{ n: string }>('SELECT pg_database_size($1) AS n', [name]);
    return Number(r.rows[0]?.n ?? NaN) || null;
  } finally {
    await client.end();
  }
}

async function run(context: SuiteContext): Promise<SuiteOutcome> {
  const count = integerOption(context.options, 'incidents', 1);
  const seed = integerOption(context.options, 'seed', 0, 0xffffffff);
  const settings: RunSettings = {
    connections: integerOption(context.options, 'connections', 1, 10_000),
    durationS: integerOption(context.options, 'duration', 1, 3600),
    loadLimitS: integerOption(context.options, 'load-limit', 10),
    workers: integerOption(context.options, 'workers', 1, 256),
  };
  const pgUrl = (context.options.get('pg') ?? DEFAULT_PG_URL).trim();
  const notes: string[] = [];
  const results: BackendResult[] = [];
  const failures: Record<string, JsonValue> = {};

  // SQLite: a file in a temporary folder, removed afterwards.
  const dir = mkdtempSync(join(os.tmpdir(), 'tally-bench-api-'));
  const file = join(dir, 'bench.sqlite');
  try {
    results.push(await benchBackend('sqlite', file, count, seed, settings, context.log, async () => fileBytes(file)));
  } catch (e) {
    failures.sqlite = e instanceof Error ? e.message : String(e);
    notes.push(`SQLite FAILED: ${String(failures.sqlite)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  // PostgreSQL: a fresh database on the server, dropped afterwards.
  if (pgUrl === 'off') {
    notes.push('PostgreSQL skipped (--pg off).');
  } else {
    const name = `tally_bench_${randomBytes(4).toString('hex')}`;
    let created = false;
    try {
      const admin = await pgAdmin(pgUrl);
      try {
        await admin.query(`CREATE DATABASE ${name}`);
        created = true;
      } finally {
        await admin.end();
      }
    } catch (e) {
      notes.push(`PostgreSQL skipped: could not create a database on ${pgUrl.replace(/:[^:@/]*@/, ':***@')}: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (created) {
      const url = new URL(pgUrl);
      url.pathname = `/${name}`;
      try {
        results.push(await benchBackend('postgres', url.toString(), count, seed, settings, context.log, () => pgDatabaseBytes(pgUrl, name)));
      } catch (e) {
        failures.postgres = e instanceof Error ? e.message : String(e);
        notes.push(`PostgreSQL FAILED: ${String(failures.postgres)}`);
      } finally {
        try {
          const admin = await pgAdmin(pgUrl);
          try {
            await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
          } finally {
            await admin.end();
          }
        } catch (e) {
          notes.push(`could not drop PostgreSQL database ${name}: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
    }
  }

  const sqliteList = results.find((r) => r.backend === 'sqlite')?.queries.find((q) => q.query === 'list page 1');
  const verdict = sqliteList
    ? `SQLite list page 1 (tally serve --workers ${settings.workers}) p99 = ${sqliteList.p99Ms} ms: ${sqliteList.p99Ms < TARGET_P99_MS ? 'MEETS' : 'MISSES'} the target p99 < ${TARGET_P99_MS} ms`
    : `SQLite list query not measured, target p99 < ${TARGET_P99_MS} ms not checked`;
  for (const r of results) for (const q of r.queries) if (q.non2xx || q.errors || q.timeouts) notes.push(`${r.backend} ${q.query}: ${q.non2xx} non-2xx answers, ${q.errors} errors, ${q.timeouts} timeouts during the run`);

  const mb = (n: number | null) => (n === null ? 'n/a' : `${(n / (1024 * 1024)).toFixed(0)} MB`);
  const rows: string[][] = [];
  for (const r of results) {
    for (const q of r.queries) {
      // autocannon gives 0 latencies when no request completed (all hit its 10 s timeout).
      const lat = (ms: number) => (q.requests === 0 ? `>10000 (${q.timeouts} timeouts)` : String(ms));
      rows.push([r.backend, q.query, q.answer, lat(q.p50Ms), lat(q.p90Ms), lat(q.p99Ms), lat(q.maxMs), formatCount(q.requestsPerSecond), formatCount(q.requests)]);
    }
  }
  const loads = results.map((r) => `${r.backend}: generate ${r.ready.generateSeconds.toFixed(1)} s, replaceIncidents ${r.ready.loadSeconds.toFixed(1)} s (${formatCount(r.ready.incidents / r.ready.loadSeconds)} incidents/s), store ${mb(r.databaseBytes)}, child peak RSS ${mb(r.ready.peakRssBytes)}`);
  return {
    parameters: { incidents: count, seed, workers: settings.workers, connections: settings.connections, durationSeconds: settings.durationS, warmupSeconds: WARMUP_S, loadLimitSeconds: settings.loadLimitS, pg: pgUrl === 'off' ? 'off' : pgUrl.replace(/:[^:@/]*@/, ':***@'), listPath: LIST_PATH, statsPath: STATS_PATH },
    summary: [
      ['data', `${formatCount(count)} synthetic incidents (seed ${seed}), 2017–2019, Syrian towns of the embedded gazetteer, 1–3 claims each; one replaceIncidents call per backend`],
      ['load', loads.join('; ') || 'n/a'],
      ['server', `tally serve --workers ${settings.workers} (worker processes sharing the port, src/cli/serve-cluster.ts) in a child process; "--workers 1" rows: the same app on the child's own event loop`],
      ['load tool', `autocannon, ${settings.connections} connections, ${settings.durationS} s per query after ${WARMUP_S} s warm-up, loopback; the load tool and the server share ${os.cpus().length} cores`],
      ['first requests', `${COLD_FILTERS} filters never asked before (perpetrator × governorate × event type × quarter), one client, one request at a time, before any other load: each counts its total and chooses its index afresh`],
      ['list', LIST_PATH],
      ['stats', STATS_PATH],
      ['target', verdict],
    ],
    table: { columns: ['backend', 'query', 'answer', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'req/s', 'requests'], rows },
    results: {
      targetP99Ms: TARGET_P99_MS,
      sqliteListMeetsTarget: sqliteList ? sqliteList.p99Ms < TARGET_P99_MS : null,
      backends: results.map((r) => ({ ...r, ready: { ...r.ready } }) as unknown as JsonValue),
      failures,
    },
    notes: [verdict, ...notes],
  };
}

export const apiSuite: Suite = {
  name: 'api',
  description: 'HTTP API p50/p99 latency of a filtered list page and a stats query under concurrent clients, SQLite and PostgreSQL, at 1M incidents',
  options: [
    { name: 'incidents', valueName: 'n', description: 'synthetic incidents loaded into each store', defaultValue: String(DEFAULT_INCIDENTS) },
    { name: 'seed', valueName: 'n', description: 'seed of the corpus generator', defaultValue: String(DEFAULT_SEED) },
    { name: 'connections', valueName: 'n', description: 'concurrent HTTP clients (autocannon connections)', defaultValue: String(DEFAULT_CONNECTIONS) },
    { name: 'duration', valueName: 's', description: 'seconds of load per measured query', defaultValue: String(DEFAULT_DURATION_S) },
    { name: 'workers', valueName: 'n', description: 'worker processes of the measured server (tally serve --workers); list page 1 is also measured on one', defaultValue: String(DEFAULT_WORKERS) },
    { name: 'load-limit', valueName: 's', description: 'seconds generating + loading one store may take before its child is killed', defaultValue: String(DEFAULT_LOAD_LIMIT_S) },
    { name: 'pg', valueName: 'url|off', description: 'PostgreSQL server where a scratch database is created and dropped ("off" skips PostgreSQL)', defaultValue: DEFAULT_PG_URL },
  ],
  run,
};

// Run directly with --child: load one store and serve it until SIGTERM.
if (process.argv[1] && resolve(process.argv[1]) === THIS_FILE) {
  const { values } = parseArgs({
    options: { child: { type: 'boolean' }, backend: { type: 'string' }, location: { type: 'string' }, incidents: { type: 'string' }, seed: { type: 'string' }, workers: { type: 'string' } },
  });
  if (!values.child || !values.location) {
    process.stderr.write('bench/suites/api.ts is run by `npm run bench -- api`; run directly it takes --child --backend B --location L --incidents N --seed S\n');
    process.exit(2);
  }
  const count = integerOption(new Map([['incidents', values.incidents ?? '']]), 'incidents', 1);
  const seed = integerOption(new Map([['seed', values.seed ?? String(DEFAULT_SEED)]]), 'seed', 0, 0xffffffff);
  const workers = integerOption(new Map([['workers', values.workers ?? '1']]), 'workers', 1, 256);
  await childMain(values.backend ?? 'store', values.location, count, seed, workers);
}
