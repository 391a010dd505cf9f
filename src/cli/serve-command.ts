/**
 * `tally serve --db FILE|postgres://... [--port 8080] [--host 127.0.0.1] [--allowed-hosts a,b]
 * [--gazetteer DIR] [--boundaries DIR] [--token T] [--workers N] [--private] [--log-level info]`: serves the HTTP API
 * (src/api), the dashboard and /metrics over any store, in this process or (--workers above 1) in
 * N worker processes sharing the port (./serve-cluster.ts). Each request is written as one JSON
 * line to standard output (src/api/server-log.ts) and counted in the metrics
 * (src/api/request-observer.ts).
 * This is where the server's configuration is read — options, then the environment
 * (TALLY_API_TOKEN) — and handed to `createApp` as plain values. It binds 127.0.0.1 unless told
 * otherwise (the API can write to the store), answers on a loopback address only to requests
 * naming a loopback host unless --allowed-hosts names others (DNS rebinding, src/api/host-check.ts),
 * prints the address, and on SIGINT/SIGTERM stops
 * accepting requests, lets those in flight finish and closes the store. `serveStore` is exported
 * so `tally demo` can serve the store it has just filled the same way.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAdaptorServer } from '@hono/node-server';
import type { Command } from 'commander';
import { createApp } from '../api/app.ts';
import type { AppDeps, WriteGate } from '../api/app-deps.ts';
import { defaultAllowedHosts, parseAllowedHosts, type AllowedHosts } from '../api/host-check.ts';
import { startCluster, type WorkerConfig } from './serve-cluster.ts';
import { packageVersion } from '../services/package-version.ts';
import type { DestinationStream } from 'pino';
import { RequestMetrics, processSample, prometheusText } from '../api/request-metrics.ts';
import { observedFetch } from '../api/request-observer.ts';
import { RouteTable } from '../api/route-table.ts';
import { LOG_LEVELS, logErrorsTo, serverLog, type LogLevel, type ServerLog } from '../api/server-log.ts';
import type { IncidentStore } from '../storage/incident-store.ts';
import type { PlaceResolver } from '../pipeline/geocode/place-resolver.ts';
import { buildOnFirstUse, gazetteerSourceOf, resolverFor } from '../services/gazetteer-service.ts';
import { API_MEMORY_BUDGET_MB, ExtractionWorker, type GazetteerSpec } from '../services/extraction-worker.ts';
import { API_DOCUMENT_BUDGET_MS } from '../api/routes/document-routes.ts';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DEFAULT_PORT = 8080;
export const DEFAULT_HOST = '127.0.0.1';

export interface ServeCommandDeps {
  /** The store location for a --db value (env TALLY_DB and the default applied). */
  dbPath: (option: string | undefined) => string;
  /** Opens a SQLite file or a PostgreSQL URL. */
  openStore: (location: string) => Promise<IncidentStore> | IncidentStore;
  /** An error main() reports as a usage error (exit status 2). */
  usageError: (message: string) => Error;
  out: (line: string) => void;
  /** ISO date-time now (main's clock, which honours TALLY_NOW). */
  now: () => string;
  /** Environment to read TALLY_API_TOKEN and TALLY_SHARED_DIR from (default process.env). */
  env?: NodeJS.ProcessEnv;
  /**
   * Resolves when the server should stop (default: the first SIGINT or SIGTERM). Tests pass a
   * promise they control.
   */
  stopSignal?: () => Promise<void>;
  /** Where this process's request log goes (default standard output; workers write to theirs); tests keep the lines. */
  logTo?: DestinationStream;
}

export interface ServeOptions {
  store: IncidentStore;
  resolver: PlaceResolver | (() => Promise<PlaceResolver>);
  /**
   * Where a worker thread extracting posted documents finds its places (started on the first
   * post; ../services/extraction-worker.ts): the server's other requests never wait for an
   * extraction, and a document over the time or memory budget is rejected. Absent: posted documents
   * are extracted on the event loop with `resolver`.
   */
  extraction?: GazetteerSpec;
  host: string;
  port: number;
  /** Hosts requests may name (default: from `host`, see defaultAllowedHosts). */
  allowedHosts?: AllowedHosts;
  token: string;
  boundariesDir: string | null;
  webDist: string | null;
  clock: () => string;
  version: string;
  logError?: AppDeps['logError'];
  exclusiveWrite?: WriteGate;
  /** Reads need a login or token too (--private). */
  privateReads?: boolean;
  /** Largest export an anonymous caller may start (--open-export-limit; default the route's). */
  openExportLimit?: number;
  /** The request log (default: info and above, to standard output). */
  log?: ServerLog;
  /** This process's request counts (default: new ones); a cluster worker keeps them to report to the primary. */
  metrics?: RequestMetrics;
  /** The text GET /metrics serves (default: this process's counts and its own process metrics). */
  metricsText?: () => Promise<string>;
}

export interface RunningServer {
  /** The address to print: http://localhost:PORT for a loopback bind. */
  url: string;
  /** The address and port actually bound. */
  address: string;
  port: number;
  close: () => Promise<void>;
}

/** The URL a user on this machine opens for a bound host and port. */
export function displayUrl(host: string, port: number): string {
  const loopbackOrAny = ['127.0.0.1', 'localhost', '::1', '0.0.0.0', '::', ''].includes(host);
  if (loopbackOrAny) return `http://localhost:${port}`;
  return host.includes(':') ? `http://[${host}]:${port}` : `http://${host}:${port}`;
}

/** Listens with the API app over `store`; rejects with a readable message when the port is taken. */
export async function startServer(o: ServeOptions): Promise<RunningServer> {
  const log = o.log ?? serverLog();
  const metrics = o.metrics ?? new RequestMetrics();
  const extractor = o.extraction ? new ExtractionWorker({ gazetteer: o.extraction, timeBudgetMs: API_DOCUMENT_BUDGET_MS, memoryBudgetMb: API_MEMORY_BUDGET_MB }) : undefined;
  const app = createApp({
    store: o.store,
    resolver: o.resolver,
    token: o.token,
    allowedHosts: o.allowedHosts ?? defaultAllowedHosts(o.host),
    boundariesDir: o.boundariesDir,
    webDist: o.webDist,
    clock: o.clock,
    version: o.version,
    logError: o.logError ?? logErrorsTo(log),
    exclusiveWrite: o.exclusiveWrite,
    privateReads: o.privateReads ?? false,
    openExportLimit: o.openExportLimit,
    extractor,
    metrics: o.metricsText ?? (async () => prometheusText(metrics.snapshot(), [processSample('server')])),
  });
  const server = createAdaptorServer({ fetch: observedFetch(app.fetch, { log, metrics, routes: new RouteTable(app) }) }) as Server;
  await new Promise<void>((done, fail) => {
    const onError = (e: NodeJS.ErrnoException) => {
      const why =
        e.code === 'EADDRINUSE'
          ? `port ${o.port} on ${o.host} is already in use; choose another with --port`
          : e.code === 'EACCES'
            ? `not allowed to listen on port ${o.port} (ports below 1024 need privileges); choose another with --port`
            : e.code === 'EADDRNOTAVAIL' || e.code === 'ENOTFOUND'
              ? `--host ${o.host} is not an address of this machine`
              : e.message;
      fail(new Error(`cannot listen on ${o.host}:${o.port}: ${why}`, { cause: e }));
    };
    server.once('error', onError);
    server.listen(o.port, o.host, () => {
      server.off('error', onError);
      done();
    });
  });
  const { address, port } = server.address() as AddressInfo;
  return {
    url: displayUrl(o.host, port),
    address,
    port,
    close: async () => {
      await new Promise<void>((done) => {
        server.close(() => done());
        // Idle keep-alive connections would hold close() open; requests in flight still finish.
        server.closeIdleConnections();
      });
      await extractor?.close();
    },
  };
}

/** The extraction thread's places for a store served from `location` (a store in memory cannot be opened twice). */
export function extractionSpec(location: string, gazetteerDir: string | null): GazetteerSpec {
  return location === ':memory:' && gazetteerDir === null ? { kind: 'embedded' } : { kind: 'store', location, gazetteerDir };
}

function parsePort(value: string, usageError: (m: string) => Error): number {
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65535) throw usageError(`--port ${value}: expected a port number from 0 to 65535`);
  return Number(value);
}

function untilSignal(): Promise<void> {
  return new Promise((done) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      done();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

const isPostgres = (location: string) => /^postgres(?:ql)?:\/\//i.test(location);

/** The location with a URL's password hidden, for printing. */
function shownLocation(location: string): string {
  return isPostgres(location) ? location.replace(/\/\/([^:/@]+):[^@/]*@/, '//$1:***@') : location;
}

export interface ServeStoreOptions {
  /** How the store was named (--db), for the start-up line. */
  location: string;
  host?: string;
  port?: number;
  /** --allowed-hosts; undefined: the loopback names on a loopback address, else any (defaultAllowedHosts). */
  allowedHosts?: AllowedHosts;
  /** Where places of posted documents are resolved (built on first need), and the name to print for it. */
  resolver: PlaceResolver | (() => Promise<PlaceResolver>);
  gazetteerSource: string;
  /** --token; undefined reads TALLY_API_TOKEN, else a random token is made and printed. */
  token?: string;
  /** --boundaries; undefined uses ../shared/data/boundaries when present. */
  boundariesDir?: string;
  /** Say "(new, empty)" after the store's name. */
  isNewStore?: boolean;
  /** Processes serving (default 1: this one); above 1, workers open `location` themselves. */
  workers?: number;
  /** --gazetteer, handed to workers (which build their own resolver); null: the store's. */
  gazetteerDir?: string | null;
  /** --private: reads need a login or token too. */
  privateReads?: boolean;
  /** --open-export-limit: largest export an anonymous caller may start. */
  openExportLimit?: number;
  /** --log-level (default info). */
  logLevel?: LogLevel;
}

/**
 * Serves an open store until the stop signal (SIGINT/SIGTERM), printing the address, then stops
 * the server; the caller closes the store. `tally serve` and `tally demo` both end here.
 */
export async function serveStore(store: IncidentStore, o: ServeStoreOptions, deps: Omit<ServeCommandDeps, 'dbPath' | 'openStore'>): Promise<void> {
  const env = deps.env ?? process.env;
  const host = o.host ?? DEFAULT_HOST;
  const allowedHosts = o.allowedHosts ?? defaultAllowedHosts(host);
  const sharedBoundaries = join(env.TALLY_SHARED_DIR ?? join(REPO_ROOT, '..', 'shared'), 'data', 'boundaries');
  const boundariesDir = o.boundariesDir ?? (existsSync(sharedBoundaries) ? sharedBoundaries : null);
  const given = o.token ?? env.TALLY_API_TOKEN;
  if (given !== undefined && given.trim() === '') throw deps.usageError('--token / TALLY_API_TOKEN is empty; give a token or leave both unset for a random one');
  const token = given ?? randomBytes(24).toString('base64url');
  const workers = o.workers ?? 1;
  const webDist = join(REPO_ROOT, 'web', 'dist');
  let server: { url: string; close: () => Promise<void> };
  if (workers > 1) {
    const config: WorkerConfig = {
      location: o.location,
      host,
      port: o.port ?? DEFAULT_PORT,
      allowedHosts,
      token,
      boundariesDir,
      webDist,
      gazetteerDir: o.gazetteerDir ?? null,
      version: packageVersion(),
      fixedNow: env.TALLY_NOW ?? null,
      privateReads: o.privateReads ?? false,
      openExportLimit: o.openExportLimit ?? null,
      logLevel: o.logLevel ?? 'info',
    };
    const running = await startCluster(config, workers, (line) => process.stderr.write(`${line}\n`));
    server = { url: displayUrl(host, running.port), close: running.close };
  } else {
    const log = serverLog({ level: o.logLevel, destination: deps.logTo });
    server = await startServer({ store, resolver: o.resolver, extraction: extractionSpec(o.location, o.gazetteerDir ?? null), host, port: o.port ?? DEFAULT_PORT, allowedHosts, token, boundariesDir, webDist, clock: deps.now, version: packageVersion(), privateReads: o.privateReads ?? false, openExportLimit: o.openExportLimit, log });
  }
  try {
    deps.out(`store: ${shownLocation(o.location)}${o.isNewStore ? ' (new, empty)' : ''}; gazetteer: ${o.gazetteerSource}; boundaries: ${boundariesDir ?? 'none'}`);
    if (given === undefined) deps.out(`server token, acting as admin (writes, users, tokens): ${token}  (set TALLY_API_TOKEN to choose one)`);
    if (o.privateReads) deps.out('private: reads need a login or a token (--private)');
    if (host === '0.0.0.0' || host === '::') deps.out(`listening on all interfaces (--host ${host})`);
    deps.out(`answering to hosts: ${allowedHosts === 'any' ? 'any (name them with --allowed-hosts)' : `${allowedHosts.join(', ')} (--allowed-hosts)`}`);
    if (workers > 1) deps.out(`${workers} worker processes share the port`);
    deps.out(`Tally is serving on ${server.url}  (API ${server.url}/api/v1, press Ctrl+C to stop)`);
    await (deps.stopSignal ?? untilSignal)();
  } finally {
    await server.close();
  }
}

export function registerServeCommand(program: Command, deps: ServeCommandDeps): Command {
  return program
    .command('serve')
    .description('serve the HTTP API (/api/v1, OpenAPI at /api/v1/openapi.json) and the dashboard over a store')
    .option('--db <location>', 'SQLite file or postgres:// URL (env TALLY_DB)')
    .option('--port <port>', 'port to listen on (0: any free port)', String(DEFAULT_PORT))
    .option('--host <host>', 'address to bind (0.0.0.0 exposes the server to the network)', DEFAULT_HOST)
    .option('--allowed-hosts <names>', 'host names requests may name in their Host header, comma-separated, * for any; others get 421 (default: localhost, 127.0.0.1, [::1] when bound to a loopback address, which stops DNS rebinding; any host otherwise)')
    .option('--gazetteer <dir>', "GeoNames dump folder for places of posted documents (default: the store's gazetteer, else the embedded towns)")
    .option('--boundaries <dir>', 'folder with syria_admin{0,1,2}_*.geojson for the map (default: ../shared/data/boundaries when present)')
    .option('--token <token>', 'the server token, acting as admin: writes, users, tokens (env TALLY_API_TOKEN, which keeps it out of the process list; default: a random token printed at start)')
    .option('--private', 'reads need a login or a token too (default: reads are open, writes need a role that may)')
    .option('--workers <n>', 'processes serving the port, each with its own store connection (use the number of cores for many users; a :memory: store needs 1)', '1')
    .option('--open-export-limit <n>', 'largest whole export (GET /api/v1/export) a caller without credentials may start, in incidents (default 10000)')
    .option('--log-level <level>', `request log on standard output, one JSON line per request: ${LOG_LEVELS.join(', ')} (env TALLY_LOG_LEVEL)`)
    .action(async (o: { db?: string; port: string; host: string; allowedHosts?: string; gazetteer?: string; boundaries?: string; token?: string; workers: string; private?: boolean; openExportLimit?: string; logLevel?: string }) => {
      const port = parsePort(o.port, deps.usageError);
      let allowedHosts: AllowedHosts | undefined;
      if (o.allowedHosts !== undefined) {
        const parsed = parseAllowedHosts(o.allowedHosts);
        if ('problem' in parsed) throw deps.usageError(`--allowed-hosts ${o.allowedHosts}: ${parsed.problem}`);
        allowedHosts = parsed.hosts;
      }
      const logLevel = o.logLevel ?? (deps.env ?? process.env).TALLY_LOG_LEVEL ?? 'info';
      if (o.openExportLimit !== undefined && !/^\d{1,9}$/.test(o.openExportLimit)) throw deps.usageError(`--open-export-limit ${o.openExportLimit}: expected a number of incidents (0 or more)`);
      const openExportLimit = o.openExportLimit === undefined ? undefined : Number(o.openExportLimit);
      if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) throw deps.usageError(`--log-level ${logLevel}: expected one of ${LOG_LEVELS.join(', ')}`);
      if (!/^\d{1,3}$/.test(o.workers) || Number(o.workers) < 1 || Number(o.workers) > 256) throw deps.usageError(`--workers ${o.workers}: expected a whole number from 1 to 256`);
      const workers = Number(o.workers);
      const location = deps.dbPath(o.db);
      if (o.gazetteer !== undefined && !existsSync(o.gazetteer)) throw deps.usageError(`--gazetteer ${o.gazetteer}: no such folder`);
      if (o.boundaries !== undefined && !existsSync(o.boundaries)) throw deps.usageError(`--boundaries ${o.boundaries}: no such folder`);
      const given = o.token ?? (deps.env ?? process.env).TALLY_API_TOKEN;
      if (given !== undefined && given.trim() === '') throw deps.usageError('--token / TALLY_API_TOKEN is empty; give a token or leave both unset for a random one');

      if (workers > 1 && location === ':memory:') throw deps.usageError('--workers above 1 needs a store file or PostgreSQL: each worker opens the store itself, and :memory: would give each its own empty one');
      const isNewStore = !isPostgres(location) && location !== ':memory:' && !existsSync(location);
      const store = await deps.openStore(location);
      try {
        // The gazetteer is built when a document is first posted, not at start: a server that only
        // reads never builds it (seconds and hundreds of MB for the embedded one, per worker).
        const gazetteerSource = await gazetteerSourceOf(store, o.gazetteer ?? null);
        const resolver = buildOnFirstUse(async () => (await resolverFor(store, o.gazetteer ?? null)).resolver);
        await serveStore(
          store,
          { location, host: o.host, port, allowedHosts, resolver, gazetteerSource, token: o.token, boundariesDir: o.boundaries, isNewStore, workers, gazetteerDir: o.gazetteer ?? null, privateReads: o.private ?? false, openExportLimit, logLevel: logLevel as LogLevel },
          deps,
        );
      } finally {
        await store.close();
      }
    });
}
