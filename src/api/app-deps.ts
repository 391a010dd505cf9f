/**
 * What the HTTP app is built from. The composition root (src/cli/serve-command.ts, or a test)
 * opens the store, builds the place resolver and reads configuration; the app and its services
 * receive them here and never read the environment or the clock themselves.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { IncidentStore } from '../storage/incident-store.ts';
import type { PlaceResolver } from '../pipeline/geocode/place-resolver.ts';
import type { Article } from '../domain/types.ts';
import type { ExtractResult } from '../pipeline/extract/extract-document.ts';
import type { ErrorLogger } from './error-handler.ts';
import type { AllowedHosts } from './host-check.ts';
import type { LoginRateLimiter } from './login-rate-limit.ts';

export interface AppDeps {
  store: IncidentStore;
  /**
   * Resolves places of documents posted for ingest; a function builds it on first need (the
   * embedded gazetteer takes seconds and hundreds of MB, which a server that only reads never pays).
   */
  resolver: PlaceResolver | (() => Promise<PlaceResolver>);
  /**
   * The server's own bearer token (the admin bootstrap: every permission); an empty string accepts
   * none, so only users' tokens and sessions can write.
   */
  token: string;
  /**
   * Host names requests may name (Host header, port aside; ./host-check.ts), others get 421; absent
   * or 'any': every host. `tally serve` passes the loopback names when it listens on loopback.
   */
  allowedHosts?: AllowedHosts;
  /** Reads need a login or token too (tally serve --private); default false: reads are open. */
  privateReads?: boolean;
  /** How long a login session lasts, in seconds (default 12 hours). */
  sessionSeconds?: number;
  /** Counts failed logins (default: a fresh in-memory limiter with the default limits). */
  loginLimiter?: LoginRateLimiter;
  /** Folder holding syria_admin{0,1,2}_*.geojson; null when boundaries are not served. */
  boundariesDir?: string | null;
  /** The dashboard's built files (web/dist); null or a missing folder serves a short notice at `/`. */
  webDist?: string | null;
  /** ISO date-time now: stamps ingests and exports. */
  clock: () => string;
  /** Version reported by /health and the OpenAPI description. */
  version?: string;
  /** Largest POST body accepted, in bytes (default 20 MiB). */
  maxBodyBytes?: number;
  /**
   * GET /api/v1/export of more incidents than this needs credentials with the read permission
   * (default DEFAULT_OPEN_EXPORT_LIMIT in ./routes/export-route.ts): a whole-store export is
   * heavy, so an anonymous caller cannot start one over a large store.
   */
  openExportLimit?: number;
  /**
   * Longest extraction of one posted document, ms (default API_DOCUMENT_BUDGET_MS): a request's
   * document over it is rejected in the answer, and the process's other requests wait no longer.
   */
  documentBudgetMs?: number;
  /**
   * Extracts posted documents off the event loop (`tally serve` gives a worker thread with a time
   * and memory budget: ../services/extraction-worker.ts); absent: on the event loop, with
   * `documentBudgetMs`.
   */
  extractor?: { extract(article: Article): Promise<ExtractResult> };
  /** Receives unexpected errors (the client only sees a 500 with a generic message). */
  logError?: ErrorLogger;
  /**
   * Runs a write (an ingest and its relink) when no other write of this server runs. Default: one
   * at a time within this process; the workers of `tally serve --workers N` pass one that waits
   * for every worker's writes (src/cli/serve-cluster.ts).
   */
  exclusiveWrite?: WriteGate;
  /**
   * The Prometheus text GET /metrics serves (src/api/request-metrics.ts); without it there is no
   * /metrics. In a worker of `tally serve --workers N` it asks the primary for every worker's counts.
   */
  metrics?: () => Promise<string>;
}

export type WriteGate = <T>(write: () => Promise<T>) => Promise<T>;

/** A WriteGate for one process: writes run one after another, in the order they arrive. */
export function serialWrites(): WriteGate {
  let last: Promise<unknown> = Promise.resolve();
  return <T>(write: () => Promise<T>): Promise<T> => {
    const run = last.then(write);
    last = run.catch(() => undefined);
    return run;
  };
}

export type ApiApp = OpenAPIHono;
