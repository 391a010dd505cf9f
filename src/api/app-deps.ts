/**
 * What the HTTP app is built from. The composition root (src/cli/serve-command.ts, or a test)
 * opens the store, builds the place resolver and reads configuration; the app and its services
 * receive them here and never read the environment or the clock themselves.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { IncidentStore } from '../storage/incident-store.ts';
import type { PlaceResolver } from '../pipeline/geocode/place-resolver.ts';
import type { ErrorLogger } from './error-handler.ts';

export interface AppDeps {
  store: IncidentStore;
  /** Resolves places of documents posted for ingest. */
  resolver: PlaceResolver;
  /** Bearer token required by writes; an empty string makes the API read-only. */
  token: string;
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
  /** Receives unexpected errors (the client only sees a 500 with a generic message). */
  logError?: ErrorLogger;
}

export type ApiApp = OpenAPIHono;
