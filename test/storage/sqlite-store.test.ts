/**
 * The SQLite store: the shared IncidentStore contract on a temporary file, then what only SQLite
 * has — pragmas, the schema and its migrations (run through Kysely's Migrator in one transaction),
 * refusal of files that are not Tally stores, several processes opening one new file, the filter
 * columns and the FTS5 index — and the entry points that pick a backend from a location.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, readFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isUtf8 } from 'node:buffer';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { sql } from '../../src/storage/kysely-runtime.ts';
import { openSqliteStore, sqliteKysely } from '../../src/storage/sqlite-incident-store.ts';
import { openStore } from '../../src/storage/open-store.ts';
import { documentContentHash } from '../../src/storage/document-content-hash.ts';
import { MIGRATION_TABLE, STORE_MIGRATIONS, migrateStore, migrationKey, type StoreMigration } from '../../src/storage/store-migrations.ts';
import { MigrationFailedError, MigrationListError, SchemaVersionError, StoreOpenError } from '../../src/storage/store-errors.ts';
import { searchWords } from '../../src/storage/search-text.ts';
import type { IncidentFilter } from '../../src/storage/incident-store.ts';
import { runQueryContract, runStoreContract } from './store-contract.ts';
import { parseArticle } from '../../src/pipeline/ingest/parse-article.ts';
import { makeArticle, makeIncident, makePlace, range } from './domain-fixtures.ts';
import { QUERY_INCIDENTS, dated } from './query-fixtures.ts';
import { checkUndatedMigration } from './undated-migration.ts';
import { KyselyIncidentStore } from '../../src/storage/kysely-incident-store.ts';
import { IncidentQuery, parseFilter, type AccessPath, type PageKey } from '../../src/storage/incident-query-plan.ts';
import { INCIDENT_JSON_REVISION, incidentJson, incidentsJsonRendering } from '../../src/export/incidents-json.ts';

const dir = mkdtempSync(join(tmpdir(), 'tally-sqlite-test-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let fileCounter = 0;
const freshPath = (label: string) => join(dir, `${label}-${++fileCounter}.db`);

const contractPath = freshPath('contract');
runStoreContract('sqlite (file)', () => openSqliteStore(contractPath, incidentsJsonRendering));
// Every access path of the list query: conditions always checked row by row on a walked index,
// and always the smallest condition's own index (src/storage/incident-query-plan.ts).
const walkPath = freshPath('walk-every-row');
// …and statistics and counts read from the incidents rather than the day-statistics table.
runQueryContract('sqlite, smallSet 0, dayStats off', () => openSqliteStore(walkPath, incidentsJsonRendering, { smallSet: 0, dayStats: false }));
const smallestPath = freshPath('smallest-drives');
runQueryContract('sqlite, smallSet 1e9', () => openSqliteStore(smallestPath, incidentsJsonRendering, { smallSet: 1e9 }));

/** Read-only look at a store's file from a second connection (WAL allows it while the store is open). */
function inspect<T>(path: string, fn: (db: Database.Database) => T): T {
  const db = new Database(path, { readonly: true });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

describe('sqlite: text from JSON with lone surrogates', () => {
  test('is stored as valid UTF-8 (other SQLite clients can read the file)', async () => {
    const path = freshPath('surrogates');
    const store = await openSqliteStore(path, incidentsJsonRendering);
    try {
      const line = String.raw`{"id": "lone-\udfff", "text": "Airstrikes killed three civilians in Ariha\ud800, rescuers said."}`;
      await store.putDocument(parseArticle(JSON.parse(line), 'surrogates.jsonl:1'), '2026-01-10T08:00:00Z');
    } finally {
      await store.close();
    }
    const row = inspect(path, (db) => db.prepare('SELECT hex(id) AS id, hex(text) AS text FROM documents').get() as { id: string; text: string });
    for (const hex of [row.id, row.text]) assert.ok(isUtf8(Buffer.from(hex, 'hex')), `stored bytes are not valid UTF-8: ${hex}`);
    assert.equal(Buffer.from(row.text, 'hex').toString('utf8'), 'Airstrikes killed three civilians in Ariha\uFFFD, rescuers said.');
    assert.equal(Buffer.from(row.id, 'hex').toString('utf8'), 'lone-\uFFFD');
  });
});

async function touch(path: string): Promise<void> {
  await (await openSqliteStore(path, incidentsJsonRendering)).close();
}

describe('sqlite store: opening', () => {
  test(':memory: works and starts empty', async () => {
    const store = await openSqliteStore(':memory:', incidentsJsonRendering);
    try {
      assert.equal(await store.schemaVersion(), STORE_MIGRATIONS.length);
      assert.equal(store.dialect, 'sqlite');
      assert.deepEqual(await store.listDocuments(), []);
      assert.deepEqual(await store.listIncidents(), []);
      assert.equal(await store.gazetteerSource(), null);
      assert.equal(await store.putDocument(makeArticle(), '2026-01-01T00:00:00Z'), 'new');
    } finally {
      await store.close();
    }
  });

  test('a file store uses the WAL journal', async () => {
    const path = freshPath('wal');
    await touch(path);
    assert.equal(inspect(path, (db) => db.pragma('journal_mode', { simple: true })), 'wal');
  });

  test('mentions reference their document version by foreign key', async () => {
    const path = freshPath('fk');
    await touch(path);
    const fks = inspect(path, (db) => db.prepare<[], { table: string; from: string; to: string }>("SELECT * FROM pragma_foreign_key_list('mentions')").all());
    assert.deepEqual(
      fks.map((f) => [f.table, f.from, f.to]),
      [
        ['documents', 'doc_id', 'id'],
        ['documents', 'doc_version', 'version'],
      ],
    );
  });

  const unusable: [string, () => Promise<string> | string][] = [
    [
      'a text file',
      () => {
        const p = freshPath('text');
        writeFileSync(p, 'Reports said shelling continued overnight. This is not a database.\n'.repeat(50));
        return p;
      },
    ],
    [
      'a store whose header was overwritten',
      async () => {
        const p = freshPath('header');
        await touch(p);
        const bytes = readFileSync(p);
        bytes.write('garbage header!!', 0, 'latin1');
        writeFileSync(p, bytes);
        return p;
      },
    ],
    ['a path inside a missing folder', () => join(dir, 'no-such-folder', 'x.db')],
    [
      'a folder',
      () => {
        const p = freshPath('folder');
        mkdirSync(p);
        return p;
      },
    ],
  ];
  for (const [label, make] of unusable) {
    test(`${label} → StoreOpenError naming the path`, async () => {
      const path = await make();
      await assert.rejects(openSqliteStore(path, incidentsJsonRendering), (err: unknown) => err instanceof StoreOpenError && err.path === path && err.message.includes(path));
    });
  }

  test('a SQLite database that is not a Tally store is refused, not migrated', async () => {
    const path = freshPath('foreign');
    const db = new Database(path);
    db.exec('CREATE TABLE people (name TEXT)');
    db.close();
    await assert.rejects(openSqliteStore(path, incidentsJsonRendering), (err: unknown) => err instanceof StoreOpenError && /not a Tally store.*people/.test(err.message));
    assert.deepEqual(inspect(path, (d) => d.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name IN ('documents', ?)").get(MIGRATION_TABLE)), { n: 0 });
  });

  test('a store of the development builds before this schema is refused with what to do', async () => {
    const path = freshPath('pre-kysely');
    const db = new Database(path);
    db.exec("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT, applied_at TEXT); INSERT INTO schema_migrations VALUES (1, 'initial-schema', '2026-01-01'); CREATE TABLE documents (id TEXT);");
    db.close();
    await assert.rejects(openSqliteStore(path, incidentsJsonRendering), (err: unknown) => err instanceof StoreOpenError && err.path === path && /development build.*ingest the documents again/.test(err.message));
  });
});

describe('store locations', () => {
  test('openStore opens a file path as SQLite and refuses unknown URL schemes', async () => {
    const path = freshPath('open-store');
    const store = await openStore(path, incidentsJsonRendering);
    try {
      assert.deepEqual([store.dialect, store.location], ['sqlite', path]);
    } finally {
      await store.close();
    }
    await assert.rejects(openStore('mysql://root@localhost/tally', incidentsJsonRendering), (err: unknown) => err instanceof StoreOpenError && /'mysql:\/\/' is not a store/.test(err.message));
  });

  test('an unreachable PostgreSQL server is a StoreOpenError that hides the password', async () => {
    // Port 1 on the loopback interface: nothing listens there, the connection is refused at once.
    const url = 'postgres://tally:s3cret-pass@127.0.0.1:1/tally';
    await assert.rejects(
      openStore(url, incidentsJsonRendering),
      (err: unknown) => err instanceof StoreOpenError && err.path === 'postgres://tally:***@127.0.0.1:1/tally' && !err.message.includes('s3cret') && /ECONNREFUSED/.test(err.message),
    );
  });
});

describe('sqlite store: several processes at once', () => {
  test('a migrated store opens and reads while another connection holds the write lock', async () => {
    const path = freshPath('locked');
    const first = await openSqliteStore(path, incidentsJsonRendering);
    await first.putDocument(makeArticle({ id: 'locked-doc' }), '2026-01-01T00:00:00Z');
    await first.close();
    const writer = new Database(path);
    writer.exec('BEGIN IMMEDIATE');
    try {
      const started = Date.now();
      const reader = await openSqliteStore(path, incidentsJsonRendering);
      try {
        assert.deepEqual((await reader.listDocuments()).map((d) => d.id), ['locked-doc']);
      } finally {
        await reader.close();
      }
      assert.ok(Date.now() - started < 2000, 'opening did not wait for the lock');
    } finally {
      writer.exec('ROLLBACK');
      writer.close();
    }
  });

  test('six processes opening a new file together: one migration, every write lands', async () => {
    const path = freshPath('concurrent');
    const script = fileURLToPath(new URL('./concurrent-writer.ts', import.meta.url));
    const run = promisify(execFile);
    await Promise.all([1, 2, 3, 4, 5, 6].map((n) => run(process.execPath, ['--import', 'tsx', script, path, String(n)])));
    const store = await openSqliteStore(path, incidentsJsonRendering);
    try {
      assert.deepEqual(
        (await store.listDocuments()).map((d) => d.id),
        ['writer-1', 'writer-2', 'writer-3', 'writer-4', 'writer-5', 'writer-6'],
      );
      assert.equal((await store.listWarnings()).length, 6);
    } finally {
      await store.close();
    }
    assert.deepEqual(inspect(path, (db) => db.prepare(`SELECT name FROM ${MIGRATION_TABLE} ORDER BY name`).pluck().all()), STORE_MIGRATIONS.map(migrationKey));
  });
});

describe('sqlite store: schema and migrations', () => {
  test('the first migration creates every table and the filter indexes', async () => {
    const path = freshPath('schema');
    await touch(path);
    const names = inspect(path, (db) =>
      db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type IN ('table', 'index') ORDER BY name").all().map((r) => r.name),
    );
    for (const table of [
      MIGRATION_TABLE,
      'documents',
      'mentions',
      'incidents',
      'incident_bodies',
      'incident_perpetrators',
      'incident_documents',
      'incident_claimants',
      'claims',
      'tallies',
      'warnings',
      'gazetteer',
      'gazetteer_meta',
      'review_decisions',
      'audit_log',
      'incident_search',
    ]) {
      assert.ok(names.includes(table), `table ${table}`);
    }
    for (const index of ['incidents_order', 'incidents_admin1', 'incidents_event_type', 'incidents_review_status', 'incidents_lat_lon', 'incidents_span_days', 'incident_perpetrators_order', 'incident_claimants_order', 'incident_documents_order']) {
      assert.ok(names.includes(index), `index ${index}`);
    }
  });

  test('reopening applies nothing: one row per migration, the first timestamp kept', async () => {
    const path = freshPath('reopen');
    await touch(path);
    const rows = () => inspect(path, (db) => db.prepare(`SELECT name, timestamp FROM ${MIGRATION_TABLE} ORDER BY name`).all());
    const before = rows();
    await touch(path);
    await touch(path);
    assert.deepEqual(rows(), before);
    assert.equal(before.length, STORE_MIGRATIONS.length);
  });

  test('a database from a newer schema is refused with a SchemaVersionError naming path and versions', async () => {
    const path = freshPath('future');
    await touch(path);
    const db = new Database(path);
    const next = STORE_MIGRATIONS.length + 1;
    db.prepare(`INSERT INTO ${MIGRATION_TABLE} (name, timestamp) VALUES (?, '2030-01-01T00:00:00.000Z')`).run(migrationKey({ version: next, name: 'added-by-a-newer-tally' }));
    db.close();
    await assert.rejects(
      openSqliteStore(path, incidentsJsonRendering),
      (err: unknown) =>
        err instanceof SchemaVersionError &&
        err.path === path &&
        err.databaseVersion === next &&
        err.knownVersion === STORE_MIGRATIONS.length &&
        err.message.includes('added-by-a-newer-tally'),
    );
  });

  test('a migration recorded under another name is refused', async () => {
    const path = freshPath('renamed');
    await touch(path);
    const db = new Database(path);
    db.prepare(`UPDATE ${MIGRATION_TABLE} SET name = '0001-something-else' WHERE name = '0001-initial-schema'`).run();
    db.close();
    await assert.rejects(openSqliteStore(path, incidentsJsonRendering), (err: unknown) => err instanceof SchemaVersionError && /recorded as 'something-else'.*calls it 'initial-schema'/.test(err.message));
  });

  const m1: StoreMigration = { version: 1, name: 'one', up: (db) => sql`CREATE TABLE a (x INTEGER)`.execute(db).then(() => undefined) };
  const m2: StoreMigration = { version: 2, name: 'two', up: (db) => sql`CREATE TABLE b (y INTEGER)`.execute(db).then(() => undefined) };
  const m3bad: StoreMigration = {
    version: 3,
    name: 'three',
    up: async (db) => {
      await sql`CREATE TABLE c (z INTEGER)`.execute(db);
      await sql`INSERT INTO no_such_table VALUES (1)`.execute(db);
    },
  };
  const tables = (db: Database.Database) =>
    db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('a', 'b', 'c') ORDER BY name").all().map((r) => r.name);

  /** A raw connection and a Kysely instance over it with the store's dialect settings. */
  async function withKysely(fn: (raw: Database.Database, db: ReturnType<typeof sqliteKysely>) => Promise<void>): Promise<void> {
    const raw = new Database(':memory:');
    const db = sqliteKysely(raw);
    try {
      await fn(raw, db);
    } finally {
      await db.destroy();
    }
  }

  test('migrations apply in order, only the pending ones, and report what they applied', () =>
    withKysely(async (raw, db) => {
      assert.deepEqual(await migrateStore(db, 'sqlite', 'mem', [m1]), [1]);
      assert.deepEqual(await migrateStore(db, 'sqlite', 'mem', [m1]), []);
      assert.deepEqual(await migrateStore(db, 'sqlite', 'mem', [m1, m2]), [2]);
      assert.deepEqual(tables(raw), ['a', 'b']);
    }));

  test('a failing migration rolls back every pending migration of that run', () =>
    withKysely(async (raw, db) => {
      await migrateStore(db, 'sqlite', 'mem', [m1]);
      await assert.rejects(
        migrateStore(db, 'sqlite', 'mem', [m1, m2, m3bad]),
        (err: unknown) => err instanceof MigrationFailedError && err.migration.version === 3 && /mem: migration 3 'three'.*no_such_table/.test(err.message),
      );
      assert.deepEqual(tables(raw), ['a']);
      assert.deepEqual(raw.prepare(`SELECT name FROM ${MIGRATION_TABLE}`).pluck().all(), ['0001-one']);
    }));

  const badLists: [string, StoreMigration[]][] = [
    ['a gap', [m1, { ...m2, version: 3 }]],
    ['not starting at 1', [m2]],
    ['a repeated name', [m1, { ...m2, name: 'one' }]],
    ['a name that is not kebab-case', [{ ...m1, name: 'One Two' }]],
  ];
  for (const [label, list] of badLists) {
    test(`a migration list with ${label} is rejected before anything runs`, () =>
      withKysely(async (raw, db) => {
        await assert.rejects(migrateStore(db, 'sqlite', 'mem', list), MigrationListError);
        assert.deepEqual(tables(raw), []);
      }));
  }

  test('migration 3 makes the day columns nullable, rebuilding the incident tables with every row, index and foreign key', async () => {
    const path = freshPath('undated-migration');
    const incidentTables = ['incidents', 'incident_bodies', 'incident_perpetrators', 'incident_documents', 'incident_claimants', 'claims', 'incident_day_stats'];
    await checkUndatedMigration({
      async openAtVersion2() {
        const raw = new Database(path);
        raw.pragma('journal_mode = WAL');
        raw.pragma('foreign_keys = ON');
        const db = sqliteKysely(raw);
        await migrateStore(db, 'sqlite', path, STORE_MIGRATIONS.slice(0, 2));
        return new KyselyIncidentStore(db, 'sqlite', path, incidentsJsonRendering);
      },
      reopen: () => openSqliteStore(path, incidentsJsonRendering),
      openFresh: () => openSqliteStore(freshPath('undated-migration-fresh'), incidentsJsonRendering),
      nullability: async (table) =>
        new Map(inspect(path, (db) => db.prepare<[string], { name: string; notnull: number }>('SELECT name, "notnull" FROM pragma_table_info(?)').all(table).map((c) => [c.name, c.notnull === 0]))),
      indexNames: async () =>
        inspect(path, (db) =>
          db
            .prepare<[], { name: string }>(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN (${incidentTables.map((t) => `'${t}'`).join(', ')}) ORDER BY name`)
            .all()
            .map((r) => r.name),
        ),
      foreignKeys: async () =>
        inspect(path, (db) =>
          db
            .prepare<[], { t: string; col: string; ref: string; to: string }>(
              "SELECT m.name AS t, f.\"from\" AS col, f.\"table\" AS ref, f.\"to\" AS \"to\" FROM sqlite_master AS m, pragma_foreign_key_list(m.name) AS f WHERE m.type = 'table'",
            )
            .all()
            .map((r) => `${r.t}.${r.col} -> ${r.ref}.${r.to}`)
            .sort(),
        ),
    });
  });

  test('the shipped migration list is well formed and sorts as Kysely runs it', () => {
    assert.deepEqual(
      STORE_MIGRATIONS.map((m) => m.version),
      STORE_MIGRATIONS.map((_, i) => i + 1),
    );
    const keys = STORE_MIGRATIONS.map(migrationKey);
    assert.deepEqual([...keys].sort(), keys);
  });
});

describe('sqlite store: documents', () => {
  const base = makeArticle();
  const fields: [string, Partial<typeof base>][] = [
    ['text', { text: `${base.text} ` }],
    ['published', { published: '2019-11-07' }],
    ['url', { url: 'https://example.org/news/1?updated' }],
    ['outlet', { outlet: 'Another Wire' }],
    ['title', { title: 'Strikes hit Idlib town (updated)' }],
    ['language', { language: 'fr' }],
  ];
  for (const [field, change] of fields) {
    test(`the content hash covers ${field}`, () => {
      assert.notEqual(documentContentHash({ ...base, ...change }), documentContentHash(base));
    });
  }
  test('the content hash ignores the id and is stable', () => {
    assert.equal(documentContentHash({ ...base, id: 'other' }), documentContentHash(base));
    assert.equal(documentContentHash(base), documentContentHash({ ...base }));
  });
});

describe('sqlite store: pages with incidents of unknown date', () => {
  test('both parts of a page (dated, then undated) are read from the page-order index in order, never sorted', async () => {
    const path = freshPath('undated-plans');
    const store = await openSqliteStore(path, incidentsJsonRendering);
    try {
      const incidents = Array.from({ length: 400 }, (_, i) =>
        makeIncident({
          id: `plan-${String(i).padStart(3, '0')}`,
          date: i % 5 === 0 ? { start: null, end: null, precision: 'unknown' } : { start: `2019-${String((i % 12) + 1).padStart(2, '0')}-10`, end: `2019-${String((i % 12) + 1).padStart(2, '0')}-10`, precision: 'day' },
          location: makePlace({ admin1: ['Idlib', 'Aleppo'][i % 2] }),
        }),
      );
      await store.replaceIncidents(incidents, []);
    } finally {
      await store.close();
    }
    const compiler = sqliteKysely(new Database(':memory:'));
    try {
      const cases: [IncidentFilter, AccessPath, PageKey | null, RegExp][] = [
        [{}, { via: 'order' }, null, /incidents_order/],
        [{ admin1: 'idlib' }, { via: 'column', key: 'admin1' }, { day: 18000, id: 'plan-100' }, /incidents_admin1/],
        [{ perpetrator: 'russia' }, { via: 'child', key: 'perpetrator' }, { day: null, id: 'plan-100' }, /incident_perpetrators_order/],
      ];
      for (const [filter, path2, after, index] of cases) {
        const compiled = new IncidentQuery('sqlite', parseFilter(filter), path2).page(after, 51).compile(compiler);
        const plan = inspect(path, (db) => db.prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${compiled.sql}`).all(...compiled.parameters).map((r) => r.detail).join('\n'));
        assert.match(plan, index, plan);
        assert.doesNotMatch(plan, /TEMP B-TREE/, `${JSON.stringify(filter)}: ${plan}`);
        if (after?.day !== null) assert.match(plan, /UNION ALL/, 'dated and undated parts');
      }
    } finally {
      await compiler.destroy();
    }
  });
});

describe('sqlite store: filter columns and text index', () => {
  test('incident columns hold the figures filters use; absent counts are NULL, not 0', async () => {
    const path = freshPath('columns');
    const store = await openSqliteStore(path, incidentsJsonRendering);
    try {
      await store.replaceIncidents(
        [
          makeIncident({ id: 'col-total' }),
          makeIncident({
            id: 'col-split',
            date: { start: '2019-11-30', end: '2019-12-02', precision: 'range' },
            location: null,
            places: [],
            perpetrators: ['syrian-government', 'opposition'],
            killed: { civilians: range(3, 3, 4), fighters: range(10, 9, 12) },
            injured: {},
            review: { status: 'confirmed' },
          }),
          makeIncident({ id: 'col-none', location: makePlace({ admin1: 'Deir ez-Zor' }), killed: {}, injured: {} }),
        ],
        [],
      );
    } finally {
      await store.close();
    }
    const rows = inspect(path, (db) =>
      db
        .prepare(
          'SELECT id, start_day, end_day, span_days, admin1, admin1_key, lat, lon, killed_best, killed_min, killed_max, civilians_killed, fighters_killed, injured_best, review_status FROM incidents ORDER BY seq',
        )
        .all(),
    );
    const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
    assert.deepEqual(rows, [
      { id: 'col-total', start_day: day('2019-11-05'), end_day: day('2019-11-05'), span_days: 0, admin1: 'Idlib', admin1_key: 'idlib', lat: 35.86447, lon: 36.80591, killed_best: 7, killed_min: 7, killed_max: 8, civilians_killed: 7, fighters_killed: null, injured_best: 20, review_status: 'unreviewed' },
      { id: 'col-split', start_day: day('2019-11-30'), end_day: day('2019-12-02'), span_days: 2, admin1: null, admin1_key: null, lat: null, lon: null, killed_best: 13, killed_min: 12, killed_max: 16, civilians_killed: 3, fighters_killed: 10, injured_best: null, review_status: 'confirmed' },
      { id: 'col-none', start_day: day('2019-11-05'), end_day: day('2019-11-05'), span_days: 0, admin1: 'Deir ez-Zor', admin1_key: 'deir ez-zor', lat: 35.86447, lon: 36.80591, killed_best: null, killed_min: null, killed_max: null, civilians_killed: null, fighters_killed: null, injured_best: null, review_status: 'unreviewed' },
    ]);
    const perps = inspect(path, (db) => db.prepare("SELECT incident_id FROM incident_perpetrators WHERE perpetrator = 'opposition'").pluck().all());
    assert.deepEqual(perps, ['col-split']);
  });

  test('the FTS5 index holds the normalised words, keyed by incident seq, and is rebuilt on replace', async () => {
    const path = freshPath('fts');
    const store = await openSqliteStore(path, incidentsJsonRendering);
    try {
      await store.replaceIncidents([makeIncident({ id: 'fts-old', location: makePlace({ name: 'Kafr Nabl' }), places: [], claims: [] })], []);
      await store.replaceIncidents(
        [
          makeIncident({ id: 'fts-saraqib' }),
          makeIncident({ id: 'fts-maarat', location: makePlace({ name: 'Maʿarrat al-Nuʿmān' }), places: [], claims: [] }),
        ],
        [],
      );
    } finally {
      await store.close();
    }
    const search = (q: string) =>
      inspect(path, (db) =>
        db.prepare('SELECT i.id FROM incident_search s JOIN incidents i ON i.seq = s.rowid WHERE incident_search MATCH ? ORDER BY i.id').pluck().all(q),
      );
    assert.deepEqual(search('saraqib'), ['fts-saraqib']);
    assert.deepEqual(search('warplanes'), ['fts-saraqib']);
    assert.deepEqual(search('sohr'), ['fts-saraqib']);
    assert.deepEqual(search('maarrat'), ['fts-maarat']);
    assert.deepEqual(search('idlib'), ['fts-maarat', 'fts-saraqib']);
    assert.deepEqual(search('nabl'), [], 'the previous set left the index');
  });

  const words: [string, string[]][] = [
    ['Maʿarrat al-Nuʿmān', ['maarrat', 'al', 'numan']],
    ["Ma'arrat an-Nu’man", ['maarrat', 'an', 'numan']],
    ['Le réseau a recensé 277 civils', ['le', 'reseau', 'a', 'recense', '277', 'civils']],
    ['قصف على حَلَب', ['قصف', 'على', 'حلب']],
    ['أريحا', ['اريحا']],
    ['white-helmets, SOHR; «Idlib»', ['white', 'helmets', 'sohr', 'idlib']],
    [' — ', []],
  ];
  for (const [text, expected] of words) {
    test(`search words of ${JSON.stringify(text)}`, () => {
      assert.deepEqual(searchWords(text), expected);
    });
  }
});

describe('sqlite store: read model (migration 2)', () => {
  /** Every statistics answer the API offers, for comparing two stores. */
  async function allStats(store: Awaited<ReturnType<typeof openSqliteStore>>) {
    const out: unknown[] = [];
    for (const filter of [{}, { admin1: 'idlib' }, { perpetrator: 'russia', from: '2019-11-20' }]) {
      for (const groupBy of ['day', 'week', 'month', 'perpetrator'] as const) out.push(await store.stats(filter, groupBy, groupBy !== 'perpetrator'), await store.stats(filter, groupBy, groupBy !== 'perpetrator', 'sole'));
      out.push(await store.countIncidents(filter));
    }
    return out;
  }

  test('a store linked before migration 2 gets its day statistics summed by the migration, and renders pages from bodies until the next replace', async () => {
    const reference = freshPath('read-model-reference');
    const old = freshPath('read-model-old');
    // Only dated incidents: a store of migration 1's time could hold no other.
    for (const path of [reference, old]) {
      const store = await openSqliteStore(path, incidentsJsonRendering);
      await store.replaceIncidents(dated(QUERY_INCIDENTS), []);
      await store.close();
    }
    // Take `old` back to what migration 1 left: no read model, incidents as linked then, no users
    // tables. (Migration 3 runs again on top and keeps the day columns it already made nullable.)
    const db = new Database(old);
    db.exec(`DROP TABLE incident_day_stats; DROP TABLE store_state; ALTER TABLE incident_bodies DROP COLUMN api_json;
      DROP TABLE incident_id_mentions; DROP TABLE incident_ids; DROP TABLE sessions; DROP TABLE api_tokens; DROP TABLE users;
      DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete; DROP INDEX review_decisions_version; DROP INDEX review_decisions_status;
      ALTER TABLE review_decisions DROP COLUMN version; ALTER TABLE review_decisions DROP COLUMN body;
      DROP TABLE feed_items; DROP TABLE feeds; DROP INDEX warnings_fingerprint; DROP INDEX warnings_at;
      ALTER TABLE warnings DROP COLUMN at; ALTER TABLE warnings DROP COLUMN document_id; ALTER TABLE warnings DROP COLUMN fingerprint;
      ALTER TABLE documents DROP COLUMN provenance; ALTER TABLE documents DROP COLUMN detected_language;
      DELETE FROM ${MIGRATION_TABLE} WHERE name IN ('0002-read-model', '0003-undated-incidents', '0004-incident-ids', '0005-users-and-roles', '0006-review-and-audit', '0007-sole-perpetrator-stats', '0008-real-world-ingest');`);
    db.close();
    const migrated = await openSqliteStore(old, incidentsJsonRendering);
    const fresh = await openSqliteStore(reference, incidentsJsonRendering);
    try {
      assert.equal(await migrated.schemaVersion(), STORE_MIGRATIONS.length);
      assert.deepEqual(await allStats(migrated), await allStats(fresh));
      assert.ok(inspect(old, (d) => d.prepare('SELECT count(*) AS n FROM incident_day_stats').get() as { n: number }).n > 0);
      const page = await migrated.queryIncidentJson({ admin1: 'idlib' }, { limit: 5 });
      assert.deepEqual(page, await fresh.queryIncidentJson({ admin1: 'idlib' }, { limit: 5 }));
      assert.deepEqual(
        page.items.map((t) => JSON.parse(t)),
        (await fresh.queryIncidents({ admin1: 'idlib' }, { limit: 5 })).items.map((i) => incidentJson(i)),
      );
      await migrated.replaceIncidents(dated(QUERY_INCIDENTS), []);
      const stored = inspect(old, (d) => d.prepare('SELECT count(*) AS n FROM incident_bodies WHERE api_json IS NULL').get() as { n: number });
      assert.equal(stored.n, 0, 'the replace wrote every rendering');
    } finally {
      await migrated.close();
      await fresh.close();
    }
  });

  test('renderings made by a build with another revision are not served: pages are rendered from the bodies', async () => {
    const path = freshPath('stale-rendering');
    const store = await openSqliteStore(path, incidentsJsonRendering);
    try {
      await store.replaceIncidents([...QUERY_INCIDENTS], []);
      const expected = await store.queryIncidentJson({}, { limit: 4 });
      const db = new Database(path);
      db.prepare(`UPDATE store_state SET value = ? WHERE key = 'incident_json_revision'`).run(INCIDENT_JSON_REVISION + 1);
      db.exec(`UPDATE incident_bodies SET api_json = '{"rendered":"by another build"}'`);
      db.close();
      assert.deepEqual(await store.queryIncidentJson({}, { limit: 4 }), expected);
      await store.replaceIncidents([...QUERY_INCIDENTS], []);
      assert.equal(inspect(path, (d) => d.prepare(`SELECT value FROM store_state WHERE key = 'incident_json_revision'`).pluck().get()), INCIDENT_JSON_REVISION);
      assert.deepEqual(await store.queryIncidentJson({}, { limit: 4 }), expected);
    } finally {
      await store.close();
    }
  });
});

describe('sqlite store: real-world ingest (migration 8)', () => {
  test('a store of migration 7 keeps its documents and warnings; the warnings log and feed tables arrive', async () => {
    const path = freshPath('migration-8');
    const store = await openSqliteStore(path, incidentsJsonRendering);
    const article = makeArticle({ id: 'm8-doc' });
    await store.putDocument(article, '2026-01-01T00:00:00Z');
    await store.close();
    // Take the store back to what migration 7 left, with a warning written then.
    const db = new Database(path);
    db.exec(`DROP TABLE feed_items; DROP TABLE feeds; DROP INDEX warnings_fingerprint; DROP INDEX warnings_at;
      ALTER TABLE warnings DROP COLUMN at; ALTER TABLE warnings DROP COLUMN document_id; ALTER TABLE warnings DROP COLUMN fingerprint;
      ALTER TABLE documents DROP COLUMN provenance; ALTER TABLE documents DROP COLUMN detected_language;
      INSERT INTO warnings (run_id, code, message, source) VALUES ('m8-run', 'no-date', 'm8-doc has no date', 'm8-doc');
      DELETE FROM ${MIGRATION_TABLE} WHERE name = '0008-real-world-ingest';`);
    db.close();
    const migrated = await openSqliteStore(path, incidentsJsonRendering);
    try {
      assert.equal(await migrated.schemaVersion(), STORE_MIGRATIONS.length);
      const { version: _v, contentHash: _h, ingestedAt: _i, ...kept } = (await migrated.getDocument('m8-doc'))!;
      assert.deepEqual(kept, { ...article, provenance: null, detectedLanguage: null });
      assert.deepEqual(await migrated.listWarnings('m8-run'), [{ runId: 'm8-run', code: 'no-date', message: 'm8-doc has no date', source: 'm8-doc', at: null, documentId: null }]);
      // New warnings are kept once from now on.
      const w = { code: 'input-rejected', message: 'x.jsonl:1: invalid JSON', source: 'x.jsonl:1' };
      await migrated.addWarnings('m8-run-2', [w], '2026-02-01T00:00:00Z');
      await migrated.addWarnings('m8-run-3', [w], '2026-02-02T00:00:00Z');
      assert.equal((await migrated.listWarnings({ code: 'input-rejected' })).length, 1);
    } finally {
      await migrated.close();
    }
  });
});
