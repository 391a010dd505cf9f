/**
 * One entry point from a store location to an open store: a `postgres://` (or `postgresql://`)
 * URL opens PostgreSQL, anything else is a SQLite file path (or ':memory:'). Other URL schemes are
 * refused rather than taken for odd file names. The PostgreSQL driver is loaded only when a URL
 * asks for it, so SQLite runs (the CLI default) do not pay for it at start-up. The caller gives the
 * rendering of the incident pages the store keeps (IncidentRendering; the composition roots pass
 * src/export's incidents/1 rendering).
 */
import type { KyselyIncidentStore, StoreOptions } from './kysely-incident-store.ts';
import type { IncidentRendering } from './incident-store.ts';
import { openSqliteStore } from './sqlite-incident-store.ts';
import { StoreOpenError } from './store-errors.ts';
import { isPostgresUrl, redactLocation } from './store-location.ts';

export { isPostgresUrl } from './store-location.ts';

export async function openStore(location: string, rendering: IncidentRendering, options: StoreOptions = {}): Promise<KyselyIncidentStore> {
  if (isPostgresUrl(location)) {
    const { openPostgresStore } = await import('./postgres-incident-store.ts');
    return openPostgresStore(location, rendering, options);
  }
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(location);
  if (scheme) throw new StoreOpenError(redactLocation(location), `'${scheme[1]}://' is not a store this build opens; use a SQLite file path or a postgres:// URL`);
  return openSqliteStore(location, rendering, options);
}
