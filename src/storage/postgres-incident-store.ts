/**
 * The team store: PostgreSQL behind the same Kysely implementation as SQLite
 * (./kysely-incident-store.ts). This module opens a connection pool for a `postgres://` URL,
 * checks the server answers, refuses a database that holds someone else's tables, and migrates.
 * JSON columns come back as their text (the implementation parses bodies itself, as on SQLite) and
 * 64-bit counts as numbers; the store's sessions run without parallel query workers. Passwords never
 * appear in errors: the URL is shown with '***'.
 */
import pg from 'pg';
import { Kysely, PostgresDialect, sql } from './kysely-runtime.ts';
import type { StoreDatabase } from './store-schema.ts';
import type { IncidentRendering } from './incident-store.ts';
import { KyselyIncidentStore, type StoreOptions } from './kysely-incident-store.ts';
import { assertTallyDatabase, migrateStore } from './store-migrations.ts';
import { StoreOpenError, describeError } from './store-errors.ts';
import { redactLocation } from './store-location.ts';

/** Connections per store; a page query holds one for a few milliseconds. */
const DEFAULT_POOL_SIZE = 10;

/** PostgreSQL type oids (pg_type) whose default parsing we replace. */
const OID = { int8: 20, json: 114, jsonb: 3802 } as const;

const typeParsers = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === OID.json || oid === OID.jsonb) return (value: string) => value;
    // count(*) and sums are int8; our counts stay far below 2^53.
    if (oid === OID.int8) return (value: string) => Number(value);
    return format === undefined ? pg.types.getTypeParser(oid) : pg.types.getTypeParser(oid, format);
  }) as typeof pg.types.getTypeParser,
};

/** A Kysely instance over a new pool for `url`. */
export function postgresKysely(url: string, options: StoreOptions = {}): Kysely<StoreDatabase> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? DEFAULT_POOL_SIZE,
    types: typeParsers,
    // A page query takes a few milliseconds; starting parallel workers for it took ~20 ms more
    // (measured at a million incidents), and under many clients they only compete for cores.
    options: '-c max_parallel_workers_per_gather=0',
  });
  // An idle connection dropped by the server is removed from the pool; the next query reports
  // the problem to its caller. Without a listener the event would end the process.
  pool.on('error', () => {});
  return new Kysely<StoreDatabase>({ dialect: new PostgresDialect({ pool }) });
}

/**
 * Open the store in the database named by `url` (which must exist), creating or migrating its
 * tables; `rendering` makes the incident pages the store keeps (IncidentRendering). Throws
 * StoreOpenError when the server cannot be reached or refuses the login, the database does not
 * exist, or it holds tables that are not a Tally store's; SchemaVersionError when a newer Tally
 * migrated it.
 */
export async function openPostgresStore(url: string, rendering: IncidentRendering, options: StoreOptions = {}): Promise<KyselyIncidentStore> {
  const location = redactLocation(url);
  const db = postgresKysely(url, options);
  try {
    try {
      await sql`SELECT 1`.execute(db);
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      throw new StoreOpenError(location, `${describeError(err) || 'connection failed'}${typeof code === 'string' ? ` (${code})` : ''}`, { cause: err });
    }
    await assertTallyDatabase(db, 'postgres', location);
    await migrateStore(db, 'postgres', location);
    return new KyselyIncidentStore(db, 'postgres', location, rendering, options);
  } catch (err) {
    await db.destroy();
    throw err;
  }
}
