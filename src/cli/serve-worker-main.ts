/**
 * One worker of `tally serve --workers N` (./serve-cluster.ts), started through
 * bin/tally-serve-worker.js: waits for its configuration from the primary, opens its own
 * connection to the store, serves the app on the shared address, and writes only when the
 * primary's write lock is granted. It counts its own requests and sends the counts when the
 * primary gathers them for a scrape of /metrics (ask the primary, which asks every worker). Stops — finishing requests in flight, then closing the store —
 * on the primary's `stop`, on SIGINT/SIGTERM (a terminal's Ctrl+C reaches every process of the
 * group), or when the primary goes away.
 */
import cluster from 'node:cluster';
import { openStore } from '../storage/open-store.ts';
import { incidentsJsonRendering } from '../export/incidents-json.ts';
import type { IncidentStore } from '../storage/incident-store.ts';
import { clusterMetricsText, clusterWriteGate, type FromWorker, type ToWorker, type WorkerConfig } from './serve-cluster.ts';
import { RequestMetrics, processSample } from '../api/request-metrics.ts';
import { serverLog } from '../api/server-log.ts';
import { extractionSpec, startServer, type RunningServer } from './serve-command.ts';
import { buildOnFirstUse, resolverFor } from '../services/gazetteer-service.ts';

if (cluster.isPrimary || !process.send) {
  process.stderr.write('tally-serve-worker: this is started by `tally serve --workers N`, not run directly\n');
  process.exit(2);
}

const send = (m: FromWorker) => {
  if (process.connected) process.send!(m);
};
const grantListeners: ((id: number) => void)[] = [];
const metricsTextListeners: ((id: number, text: string) => void)[] = [];
/** This worker's request counts, sent to the primary when it gathers a scrape's. */
const metrics = new RequestMetrics();
let store: IncidentStore | null = null;
let server: RunningServer | null = null;
let stopped: Promise<void> | null = null;

function stop(): Promise<void> {
  stopped ??= (async () => {
    try {
      await server?.close();
      await store?.close();
    } finally {
      process.exit(0);
    }
  })();
  return stopped;
}

async function start(config: WorkerConfig): Promise<void> {
  try {
    store = await openStore(config.location, incidentsJsonRendering);
    // Built when this worker is first posted a document (see serve-command.ts).
    const opened = store;
    const resolver = buildOnFirstUse(async () => (await resolverFor(opened, config.gazetteerDir)).resolver);
    server = await startServer({
      store,
      resolver,
      extraction: extractionSpec(config.location, config.gazetteerDir),
      host: config.host,
      port: config.port,
      allowedHosts: config.allowedHosts,
      token: config.token,
      boundariesDir: config.boundariesDir,
      webDist: config.webDist,
      clock: () => config.fixedNow ?? new Date().toISOString(),
      version: config.version,
      privateReads: config.privateReads,
      openExportLimit: config.openExportLimit ?? undefined,
      exclusiveWrite: clusterWriteGate(send, (listener) => grantListeners.push(listener)),
      log: serverLog({ level: config.logLevel }),
      metrics,
      metricsText: clusterMetricsText(send, (listener) => metricsTextListeners.push(listener)),
    });
    send({ tally: 'listening', address: server.address, port: server.port });
  } catch (err) {
    send({ tally: 'failed', message: err instanceof Error ? err.message : String(err) });
    await store?.close().catch(() => undefined);
    process.exit(1);
  }
}

process.on('message', (m: ToWorker) => {
  if (m?.tally === 'config') void start(m.config);
  else if (m?.tally === 'granted') for (const listener of grantListeners) listener(m.id);
  else if (m?.tally === 'stop') void stop();
  else if (m?.tally === 'report-metrics') send({ tally: 'metrics-report', id: m.id, snapshot: metrics.snapshot(), process: processSample('worker') });
  else if (m?.tally === 'metrics-text') for (const listener of metricsTextListeners) listener(m.id, m.text);
});
process.on('disconnect', () => void stop());
send({ tally: 'hello' });
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
