/**
 * The PostgreSQL store: the shared IncidentStore contract, then what only PostgreSQL has — its
 * opening errors, the refusal of a database holding other tables, byte-order text columns, the
 * text-search index, transactional migrations, and several processes opening one new database.
 *
 * Needs a server: env TALLY_TEST_PG_URL names a database to connect to as a user that may create
 * databases (e.g. postgres://postgres@127.0.0.1:5432/postgres). Each run creates its own databases
 * (tally_test_<random>) and drops them afterwards. Without the variable these tests are skipped,
 * unless TALLY_REQUIRE_PG=1 (CI), which makes them fail instead.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { sql } from '../../src/storage/kysely-runtime.ts';
import { openPostgresStore, postgresKysely } from '../../src/storage/postgres-incident-store.ts';
import { openStore } from '../../src/storage/open-store.ts';
import { MIGRATION_TABLE, STORE_MIGRATIONS, migrateStore, migrationKey, type StoreMigration } from '../../src/storage/store-migrations.ts';
import { MigrationFailedError, SchemaVersionError, StoreOpenError } from '../../src/storage/store-errors.ts';
import { runQueryContract, runStoreContract } from './store-contract.ts';
import { makeIncident, makePlace } from './domain-fixtures.ts';
import { checkUndatedMigration } from './undated-migration.ts';
import { KyselyIncidentStore } from '../../src/storage/kysely-incident-store.ts';
import { incidentsJsonRendering } from '../../src/export/incidents-json.ts';
import { IncidentQuery, parseFilter, type AccessPath, type PageKey } from '../../src/storage/incident-query-plan.ts';
import type { IncidentFilter } from '../../src/storage/incident-store.ts';

const ADMIN_URL = process.env.TALLY_TEST_PG_URL;
const REQUIRED = process.env.TALLY_REQUIRE_PG === '1';
const MISSING = 'TALLY_TEST_PG_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/postgres); the PostgreSQL store tests need a server';

/** The admin URL pointing at another database on the same server. */
function databaseUrl(admin: string, database: string): string {
  const url = new URL(admin);
  url.pathname = `/${database}`;
  return url.toString();
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Fresh databases of this run, dropped (with any connection left open) when the file ends. */
const created: string[] = [];
async function freshDatabase(label: string): Promise<string> {
  const name = `tally_test_${randomBytes(6).toString('hex')}_${label}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  created.push(name);
  return databaseUrl(ADMIN_URL!, name);
}

async function query<R extends pg.QueryResultRow>(url: string, text: string, values: unknown[] = []): Promise<R[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<R>(text, values)).rows;
  } finally {
    await client.end();
  }
}

if (!ADMIN_URL) {
  if (REQUIRED) {
    test('PostgreSQL store', () => assert.fail(`TALLY_REQUIRE_PG=1 but ${MISSING}`));
  } else {
    test('PostgreSQL store', { skip: MISSING }, () => {});
  }
} else {
  after(async () => {
    await admin(async (c) => {
      for (const name of created) await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    });
  });

  // The contract's database is created in a `before` of its own describe; `open` reads it lazily.
  let contractUrl = '';
  describe('postgres contract database', () => {
    before(async () => {
      contractUrl = await freshDatabase('contract');
    });
    runStoreContract('postgres', () => openPostgresStore(contractUrl, incidentsJsonRendering));
  });

  // Every access path of the list query (see sqlite-store.test.ts).
  for (const smallSet of [0, 1e9]) {
    let url = '';
    describe(`postgres query database, smallSet ${smallSet}`, () => {
      before(async () => {
        url = await freshDatabase(`paths_${smallSet === 0 ? 'walk' : 'smallest'}`);
      });
      runQueryContract(`postgres, smallSet ${smallSet}${smallSet === 0 ? ', dayStats off' : ''}`, () => openPostgresStore(url, incidentsJsonRendering, { smallSet, dayStats: smallSet !== 0 }));
    });
  }

  describe('postgres store: opening', () => {
    test('openStore opens a postgres:// URL as PostgreSQL at the latest schema', async () => {
      const url = await freshDatabase('open');
      const store = await openStore(url, incidentsJsonRendering);
      try {
        assert.deepEqual([store.dialect, store.location, await store.schemaVersion()], ['postgres', url, STORE_MIGRATIONS.length]);
      } finally {
        await store.close();
      }
    });

    test('a database that does not exist is a StoreOpenError naming it, with the password hidden', async () => {
      const url = new URL(databaseUrl(ADMIN_URL, 'tally_test_no_such_database'));
      url.password = 'not-the-password';
      await assert.rejects(
        openPostgresStore(url.toString(), incidentsJsonRendering),
        (err: unknown) =>
          err instanceof StoreOpenError && err.path.includes(':***@') && !err.message.includes('not-the-password') && /tally_test_no_such_database/.test(err.message),
      );
    });

    test('a database holding other tables is refused, not migrated', async () => {
      const url = await freshDatabase('foreign');
      await query(url, 'CREATE TABLE people (name text)');
      await assert.rejects(openPostgresStore(url, incidentsJsonRendering), (err: unknown) => err instanceof StoreOpenError && /PostgreSQL database but not a Tally store.*people/.test(err.message));
      const tables = await query<{ table_name: string }>(url, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1");
      assert.deepEqual(tables.map((t) => t.table_name), ['people']);
    });

    test('a database from a newer schema is refused with a SchemaVersionError', async () => {
      const url = await freshDatabase('future');
      await (await openPostgresStore(url, incidentsJsonRendering)).close();
      const next = STORE_MIGRATIONS.length + 1;
      await query(url, `INSERT INTO ${MIGRATION_TABLE} (name, timestamp) VALUES ($1, '2030-01-01T00:00:00.000Z')`, [migrationKey({ version: next, name: 'added-by-a-newer-tally' })]);
      await assert.rejects(openPostgresStore(url, incidentsJsonRendering), (err: unknown) => err instanceof SchemaVersionError && err.databaseVersion === next && /added-by-a-newer-tally/.test(err.message));
    });

    test('four processes opening a new database together: one migration, every write lands', async () => {
      const url = await freshDatabase('concurrent');
      const script = fileURLToPath(new URL('./concurrent-writer.ts', import.meta.url));
      const run = promisify(execFile);
      await Promise.all([1, 2, 3, 4].map((n) => run(process.execPath, ['--import', 'tsx', script, url, String(n)])));
      const store = await openPostgresStore(url, incidentsJsonRendering);
      try {
        assert.deepEqual((await store.listDocuments()).map((d) => d.id), ['writer-1', 'writer-2', 'writer-3', 'writer-4']);
      } finally {
        await store.close();
      }
      const rows = await query<{ name: string }>(url, `SELECT name FROM ${MIGRATION_TABLE} ORDER BY name`);
      assert.deepEqual(rows.map((r) => r.name), STORE_MIGRATIONS.map(migrationKey));
    });
  });

  describe('postgres store: schema', () => {
    let url = '';
    before(async () => {
      url = await freshDatabase('schema');
      await (await openPostgresStore(url, incidentsJsonRendering)).close();
    });

    test('every text column compares in byte order (collation "C"), as SQLite does', async () => {
      const rows = await query<{ table_name: string; column_name: string; collation_name: string | null }>(
        url,
        `SELECT table_name, column_name, collation_name FROM information_schema.columns
         WHERE table_schema = 'public' AND data_type = 'text' AND table_name NOT LIKE 'tally_migrations%'`,
      );
      assert.ok(rows.length > 50, `${rows.length} text columns`);
      assert.deepEqual(rows.filter((r) => r.collation_name !== 'C').map((r) => `${r.table_name}.${r.column_name}`), []);
    });

    test('bodies are json (kept byte for byte), the text index is a GIN index', async () => {
      const bodies = await query<{ table_name: string; data_type: string }>(url, "SELECT table_name, data_type FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'body' ORDER BY 1");
      assert.deepEqual(bodies.map((b) => [b.table_name, b.data_type]), [['claims', 'json'], ['incident_bodies', 'json'], ['mentions', 'json'], ['review_decisions', 'json'], ['tallies', 'json']]);
      const [index] = await query<{ indexdef: string }>(url, "SELECT indexdef FROM pg_indexes WHERE indexname = 'incidents_search'");
      assert.match(index.indexdef, /USING gin \(array_to_tsvector\(string_to_array\(search_text, ' '::text\)\)\)/);
    });

    test('a filtered page is read from an index, not by sorting the table', async () => {
      const store = await openPostgresStore(url, incidentsJsonRendering);
      try {
        const incidents = Array.from({ length: 2000 }, (_, i) =>
          makeIncident({
            id: `plan-${String(i).padStart(4, '0')}`,
            date: { start: `2019-${String((i % 12) + 1).padStart(2, '0')}-10`, end: `2019-${String((i % 12) + 1).padStart(2, '0')}-10`, precision: 'day' },
            location: makePlace({ admin1: ['Idlib', 'Aleppo', 'Hama', 'Homs'][i % 4] }),
          }),
        );
        await store.replaceIncidents(incidents, []);
      } finally {
        await store.close();
      }
      const plan = await query<{ 'QUERY PLAN': string }>(
        url,
        `EXPLAIN SELECT seq, start_day, id FROM incidents i WHERE admin1_key = 'idlib' AND (start_day, id) < (18000, 'plan-1000') ORDER BY start_day DESC, id DESC LIMIT 51`,
      );
      const text = plan.map((r) => r['QUERY PLAN']).join('\n');
      assert.match(text, /Index (Only )?Scan Backward using incidents_admin1/, text);
      assert.doesNotMatch(text, /Sort/, text);
    });
  });

  describe('postgres store: pages with incidents of unknown date', () => {
    test('both parts of a page (dated, then undated) are read backwards from the page-order index, never sorted', async () => {
      const url = await freshDatabase('undated_plans');
      const store = await openPostgresStore(url, incidentsJsonRendering);
      try {
        const incidents = Array.from({ length: 2000 }, (_, i) =>
          makeIncident({
            id: `plan-${String(i).padStart(4, '0')}`,
            date: i % 5 === 0 ? { start: null, end: null, precision: 'unknown' } : { start: `2019-${String((i % 12) + 1).padStart(2, '0')}-10`, end: `2019-${String((i % 12) + 1).padStart(2, '0')}-10`, precision: 'day' },
            location: makePlace({ admin1: ['Idlib', 'Aleppo', 'Hama', 'Homs'][i % 4] }),
          }),
        );
        await store.replaceIncidents(incidents, []);
      } finally {
        await store.close();
      }
      const db = postgresKysely(url);
      try {
        const cases: [IncidentFilter, AccessPath, PageKey | null, RegExp][] = [
          [{}, { via: 'order' }, null, /Index Only Scan Backward using incidents_order/],
          [{ admin1: 'idlib' }, { via: 'column', key: 'admin1' }, { day: 18000, id: 'plan-1000' }, /Index Only Scan Backward using incidents_admin1/],
          [{ perpetrator: 'russia' }, { via: 'child', key: 'perpetrator' }, { day: null, id: 'plan-1000' }, /Index Only Scan Backward using incident_perpetrators_order/],
        ];
        for (const [filter, path, after, index] of cases) {
          const compiled = new IncidentQuery('postgres', parseFilter(filter), path).page(after, 51).compile(db);
          const text = (await query<{ 'QUERY PLAN': string }>(url, `EXPLAIN ${compiled.sql}`, [...compiled.parameters])).map((r) => r['QUERY PLAN']).join('\n');
          assert.match(text, index, text);
          assert.doesNotMatch(text, /Sort/, `${JSON.stringify(filter)}: ${text}`);
          if (after?.day !== null) assert.match(text, /start_day IS NULL/, 'the undated part is read by the index too');
        }
      } finally {
        await db.destroy();
      }
    });
  });

  describe('postgres store: migrations', () => {
    const m1: StoreMigration = { version: 1, name: 'one', up: (db) => sql`CREATE TABLE a (x integer)`.execute(db).then(() => undefined) };
    const m2: StoreMigration = { version: 2, name: 'two', up: (db) => sql`CREATE TABLE b (y integer)`.execute(db).then(() => undefined) };
    const m3bad: StoreMigration = {
      version: 3,
      name: 'three',
      up: async (db) => {
        await sql`CREATE TABLE c (z integer)`.execute(db);
        await sql`INSERT INTO no_such_table VALUES (1)`.execute(db);
      },
    };

    test('migration 3 drops the NOT NULL of the day columns and keeps every row', async () => {
      const url = await freshDatabase('undated_migration');
      const freshUrl = await freshDatabase('undated_migration_fresh');
      await checkUndatedMigration({
        async openAtVersion2() {
          const db = postgresKysely(url);
          await migrateStore(db, 'postgres', 'pg-test', STORE_MIGRATIONS.slice(0, 2));
          return new KyselyIncidentStore(db, 'postgres', 'pg-test', incidentsJsonRendering);
        },
        reopen: () => openPostgresStore(url, incidentsJsonRendering),
        openFresh: () => openPostgresStore(freshUrl, incidentsJsonRendering),
        nullability: async (table) =>
          new Map(
            (await query<{ column_name: string; is_nullable: string }>(url, 'SELECT column_name, is_nullable FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1', [table])).map((c) => [
              c.column_name,
              c.is_nullable === 'YES',
            ]),
          ),
        // The tables of migration 4 (issued incident ids) are not the incident tables migration 3 rebuilds.
        indexNames: async () =>
          (await query<{ indexname: string }>(url, "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND (tablename LIKE '%incident%' OR tablename = 'claims') AND tablename NOT IN ('incident_ids', 'incident_id_mentions') ORDER BY indexname")).map((r) => r.indexname),
        foreignKeys: async () =>
          (
            await query<{ key: string }>(
              url,
              `SELECT kcu.table_name || '.' || kcu.column_name || ' -> ' || ccu.table_name || '.' || ccu.column_name AS key
               FROM information_schema.table_constraints AS tc
               JOIN information_schema.key_column_usage AS kcu ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema
               JOIN information_schema.constraint_column_usage AS ccu ON ccu.constraint_name = tc.constraint_name AND ccu.table_schema = tc.table_schema
               WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = current_schema()`,
            )
          )
            .map((r) => r.key)
            .sort(),
      });
    });

    test('pending migrations apply in order; a failing one rolls back every migration of its run', async () => {
      const url = await freshDatabase('migrations');
      const db = postgresKysely(url);
      try {
        assert.deepEqual(await migrateStore(db, 'postgres', 'pg-test', [m1]), [1]);
        assert.deepEqual(await migrateStore(db, 'postgres', 'pg-test', [m1]), []);
        await assert.rejects(
          migrateStore(db, 'postgres', 'pg-test', [m1, m2, m3bad]),
          (err: unknown) => err instanceof MigrationFailedError && err.migration.version === 3 && /no_such_table/.test(err.message),
        );
      } finally {
        await db.destroy();
      }
      const tables = await query<{ table_name: string }>(url, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name IN ('a', 'b', 'c') ORDER BY 1");
      assert.deepEqual(tables.map((t) => t.table_name), ['a']);
      const recorded = await query<{ name: string }>(url, `SELECT name FROM ${MIGRATION_TABLE}`);
      assert.deepEqual(recorded.map((r) => r.name), ['0001-one']);
    });
  });
}
