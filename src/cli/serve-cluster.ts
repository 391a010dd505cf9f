/**
 * `tally serve --workers N`: N worker processes (node:cluster) serve one address, each with its
 * own connection to the store, so a server uses every core instead of one event loop. SQLite
 * allows any number of readers beside one writer (WAL), and PostgreSQL any number of clients;
 * each worker keeps its own cached counts and statistics, checked against the store's data
 * version on every request (src/storage/read-cache.ts), so a write by any worker — or by a
 * `tally ingest` elsewhere — is seen by all.
 *
 * The primary process only coordinates: it starts the workers (./serve-worker-main.ts, through
 * bin/tally-serve-worker.js), hands them their configuration over the IPC channel, reports the
 * first start-up failure (a taken port, say) as the server's own, replaces a worker that dies
 * after start-up, and runs the cluster-wide write lock: POST /api/v1/documents ingests and
 * relinks, and two relinks at once would each replace the incident set computed from a store
 * the other was changing, so a worker asks the primary before writing and tells it when done.
 * Stopping sends every worker `stop`; each finishes the requests in flight and closes its store.
 *
 * Metrics (GET /metrics) must count every worker's requests, whichever worker the scrape lands
 * on. Each worker counts its own; the one scraped asks the primary, which asks every live worker
 * for its counts and process sample (waiting at most METRICS_WAIT_MS), adds the counts up with
 * the last ones reported by workers that have since died (so totals never go down), and answers
 * with the text. Nothing crosses IPC per request: only per scrape. A worker that dies loses the
 * requests it answered after the last scrape.
 */
import cluster, { type Worker } from 'node:cluster';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WriteGate } from '../api/app-deps.ts';
import type { AllowedHosts } from '../api/host-check.ts';
import type { LogLevel } from '../api/server-log.ts';
import { mergeSnapshots, processSample, prometheusText, type MetricsSnapshot, type ProcessSample } from '../api/request-metrics.ts';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The worker's entry point: registers the TypeScript loader, then runs ./serve-worker-main.ts. */
export const WORKER_ENTRY = join(REPO_ROOT, 'bin', 'tally-serve-worker.js');
/** How long a stopping worker may take to finish its requests before it is killed. */
const STOP_GRACE_MS = 15_000;
/** How long a scrape waits for the workers' counts; a busy or stuck worker's last ones are used after. */
const METRICS_WAIT_MS = 2_000;

/** Everything a worker needs to open the store and serve it (plain values: it crosses IPC). */
export interface WorkerConfig {
  location: string;
  host: string;
  port: number;
  /** --allowed-hosts, or the default for `host`, already decided by the primary. */
  allowedHosts: AllowedHosts;
  token: string;
  boundariesDir: string | null;
  webDist: string | null;
  /** --gazetteer; null resolves posted documents' places with the store's gazetteer. */
  gazetteerDir: string | null;
  version: string;
  /** TALLY_NOW when set, so every worker stamps writes with the same clock as the CLI. */
  fixedNow: string | null;
  /** --private: reads need a login or token too. */
  privateReads: boolean;
  /** --open-export-limit; null: the route's default. */
  openExportLimit: number | null;
  /** --log-level of the request log each worker writes to standard output. */
  logLevel: LogLevel;
}

/** Primary → worker. */
export type ToWorker =
  | { tally: 'config'; config: WorkerConfig }
  | { tally: 'stop' }
  | { tally: 'granted'; id: number }
  /** Send your counts (round `id` of a scrape). */
  | { tally: 'report-metrics'; id: number }
  /** The cluster's metrics text, answering the worker's `metrics` of the same id. */
  | { tally: 'metrics-text'; id: number; text: string };
/** Worker → primary. */
export type FromWorker =
  /** Sent once the worker listens for messages (one sent earlier would be lost). */
  | { tally: 'hello' }
  | { tally: 'listening'; address: string; port: number }
  | { tally: 'failed'; message: string }
  | { tally: 'lock'; id: number }
  | { tally: 'release'; id: number }
  /** GET /metrics landed here: the cluster's metrics text, please. */
  | { tally: 'metrics'; id: number }
  | { tally: 'metrics-report'; id: number; snapshot: MetricsSnapshot; process: ProcessSample };

export interface ClusterServer {
  address: string;
  port: number;
  workers: number;
  close: () => Promise<void>;
}

function isFromWorker(m: unknown): m is FromWorker {
  return typeof m === 'object' && m !== null && typeof (m as { tally?: unknown }).tally === 'string';
}

/**
 * Start `count` workers serving `config`; resolves once all listen, rejects with the first
 * worker's start-up failure (after stopping the others). `log` receives notices (a replaced
 * worker).
 */
export async function startCluster(config: WorkerConfig, count: number, log: (line: string) => void): Promise<ClusterServer> {
  if (!cluster.isPrimary) throw new Error('startCluster runs in the primary process');
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`workers must be a positive integer, got ${count}`);
  // execArgv: the entry loads the build or the sources itself (bin/entry.js); the primary's own flags (a test runner's) stay out.
  cluster.setupPrimary({ exec: WORKER_ENTRY, args: [], execArgv: [] });

  let stopping = false;
  const live = new Set<Worker>();
  // The write lock: who holds it and who waits, in arrival order.
  let holder: { worker: Worker; id: number } | null = null;
  const waiting: { worker: Worker; id: number }[] = [];
  const grantNext = () => {
    while (!holder && waiting.length) {
      const next = waiting.shift()!;
      if (!live.has(next.worker)) continue;
      holder = next;
      next.worker.send({ tally: 'granted', id: next.id } satisfies ToWorker);
    }
  };
  const releaseHeldBy = (worker: Worker) => {
    if (holder?.worker === worker) holder = null;
    for (let i = waiting.length - 1; i >= 0; i--) if (waiting[i].worker === worker) waiting.splice(i, 1);
    grantNext();
  };

  // Metrics: the last counts each worker reported (kept after it dies), and the scrapes under way.
  const reported = new Map<number, MetricsSnapshot>();
  const rounds = new Map<number, { waiting: Set<Worker>; processes: ProcessSample[]; finish: () => void }>();
  let nextRound = 1;
  const clusterMetrics = async (): Promise<string> => {
    const id = nextRound++;
    const processes = [processSample('primary')];
    await new Promise<void>((done) => {
      const waiting = new Set(live);
      const finish = () => {
        clearTimeout(timer);
        rounds.delete(id);
        done();
      };
      const timer = setTimeout(finish, METRICS_WAIT_MS);
      rounds.set(id, { waiting, processes, finish });
      for (const worker of [...waiting]) {
        try {
          worker.send({ tally: 'report-metrics', id } satisfies ToWorker);
        } catch {
          waiting.delete(worker);
        }
      }
      if (!waiting.size) finish();
    });
    return prometheusText(mergeSnapshots([...reported.values()]), processes);
  };
  const notWaitingFor = (worker: Worker) => {
    for (const round of [...rounds.values()]) if (round.waiting.delete(worker) && !round.waiting.size) round.finish();
  };

  const spawn = (onListening: (m: { address: string; port: number }) => void, onFailed: (message: string) => void): Worker => {
    const worker = cluster.fork();
    live.add(worker);
    let serving = false;
    worker.on('message', (m: unknown) => {
      if (!isFromWorker(m)) return;
      if (m.tally === 'hello') worker.send({ tally: 'config', config } satisfies ToWorker);
      else if (m.tally === 'listening') {
        serving = true;
        onListening(m);
      }
      else if (m.tally === 'failed') onFailed(m.message);
      else if (m.tally === 'lock') {
        waiting.push({ worker, id: m.id });
        grantNext();
      } else if (m.tally === 'release' && holder?.worker === worker && holder.id === m.id) {
        holder = null;
        grantNext();
      } else if (m.tally === 'metrics') {
        void clusterMetrics().then((text) => {
          if (worker.isConnected()) worker.send({ tally: 'metrics-text', id: m.id, text } satisfies ToWorker);
        });
      } else if (m.tally === 'metrics-report') {
        reported.set(worker.id, m.snapshot);
        const round = rounds.get(m.id);
        if (round?.waiting.delete(worker)) {
          round.processes.push(m.process);
          if (!round.waiting.size) round.finish();
        }
      }
    });
    worker.on('exit', (code, signal) => {
      live.delete(worker);
      releaseHeldBy(worker);
      notWaitingFor(worker);
      const how = `(code ${code}, signal ${signal})`;
      if (!serving) onFailed(`worker ${worker.process.pid} exited ${how} before serving`);
      else if (!stopping) {
        log(`tally serve: worker ${worker.process.pid} exited ${how}; starting another`);
        spawn(
          () => undefined,
          (message) => log(`tally serve: the replacement worker failed: ${message}`),
        );
      }
    });
    return worker;
  };

  const stopAll = async () => {
    stopping = true;
    await Promise.all(
      [...live].map(
        (worker) =>
          new Promise<void>((done) => {
            if (worker.isDead()) return done();
            const timer = setTimeout(() => worker.process.kill('SIGKILL'), STOP_GRACE_MS);
            worker.once('exit', () => {
              clearTimeout(timer);
              done();
            });
            try {
              worker.send({ tally: 'stop' } satisfies ToWorker);
            } catch {
              worker.process.kill('SIGTERM');
            }
          }),
      ),
    );
  };

  const bound = await new Promise<{ address: string; port: number }>((done, fail) => {
    let listening = 0;
    let settled = false;
    for (let i = 0; i < count; i++) {
      spawn(
        (m) => {
          if (settled) return;
          if (++listening === count) {
            settled = true;
            done(m);
          }
        },
        (message) => {
          if (settled) return;
          settled = true;
          fail(new Error(message));
        },
      );
    }
  }).catch(async (err: unknown) => {
    await stopAll();
    throw err;
  });
  return { ...bound, workers: count, close: stopAll };
}

/**
 * The worker side of the write lock: asks the primary, runs the write when granted, releases.
 * Writes of one worker also queue among themselves, so at most one request per worker waits on
 * the primary.
 */
export function clusterWriteGate(send: (m: FromWorker) => void, onGranted: (listener: (id: number) => void) => void): WriteGate {
  let nextId = 1;
  const granted = new Map<number, () => void>();
  onGranted((id) => {
    granted.get(id)?.();
    granted.delete(id);
  });
  let last: Promise<unknown> = Promise.resolve();
  return <T>(write: () => Promise<T>): Promise<T> => {
    const run = last.then(async () => {
      const id = nextId++;
      await new Promise<void>((done) => {
        granted.set(id, done);
        send({ tally: 'lock', id });
      });
      try {
        return await write();
      } finally {
        send({ tally: 'release', id });
      }
    });
    last = run.catch(() => undefined);
    return run;
  };
}

/**
 * The worker side of GET /metrics: asks the primary for the cluster's metrics text and resolves
 * with its answer.
 */
export function clusterMetricsText(send: (m: FromWorker) => void, onText: (listener: (id: number, text: string) => void) => void): () => Promise<string> {
  let nextId = 1;
  const asked = new Map<number, (text: string) => void>();
  onText((id, text) => {
    asked.get(id)?.(text);
    asked.delete(id);
  });
  return () =>
    new Promise<string>((done) => {
      const id = nextId++;
      asked.set(id, done);
      send({ tally: 'metrics', id });
    });
}
