/**
 * The SQLite store: the shared IncidentStore contract on a temporary file, then what only SQLite
 * has — pragmas, the schema and its migrations, refusal of files that are not Tally stores, the
 * filter columns and full-text index later features query, and gazetteer bulk-load speed.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, readFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { openSqliteStore, StoreOpenError, StoreWriteError, documentContentHash } from '../../src/storage/sqlite-incident-store.ts';
import {
  applySqliteMigrations,
  MigrationFailedError,
  MigrationListError,
  SchemaVersionError,
  SQLITE_MIGRATIONS,
  type SqliteMigration,
} from '../../src/storage/sqlite-migrations.ts';
import { runStoreContract } from './store-contract.ts';
import { makeArticle, makeGazetteerEntry, makeIncident, makeMention, makePlace, range } from './domain-fixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'tally-sqlite-test-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let fileCounter = 0;
const freshPath = (label: string) => join(dir, `${label}-${++fileCounter}.db`);

const contractPath = freshPath('contract');
runStoreContract('sqlite (file)', () => openSqliteStore(contractPath));

/** Read-only look at a store's file from a second connection (WAL allows it while the store is open). */
function inspect<T>(path: string, fn: (db: Database.Database) => T): T {
  const db = new Database(path, { readonly: true });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

describe('sqlite store: opening', () => {
  test(':memory: works and starts empty', () => {
    const store = openSqliteStore(':memory:');
    try {
      assert.equal(store.schemaVersion(), SQLITE_MIGRATIONS.length);
      assert.deepEqual(store.listDocuments(), []);
      assert.deepEqual(store.listIncidents(), []);
      assert.equal(store.gazetteerSource(), null);
      assert.equal(store.putDocument(makeArticle(), '2026-01-01T00:00:00Z'), 'new');
    } finally {
      store.close();
    }
  });

  test('a file store uses the WAL journal', () => {
    const path = freshPath('wal');
    openSqliteStore(path).close();
    assert.equal(inspect(path, (db) => db.pragma('journal_mode', { simple: true })), 'wal');
  });

  test('mentions reference their document version by foreign key', () => {
    const path = freshPath('fk');
    openSqliteStore(path).close();
    const fks = inspect(path, (db) => db.prepare<[], { table: string; from: string; to: string }>("SELECT * FROM pragma_foreign_key_list('mentions')").all());
    assert.deepEqual(
      fks.map((f) => [f.table, f.from, f.to]),
      [
        ['documents', 'doc_id', 'id'],
        ['documents', 'doc_version', 'version'],
      ],
    );
  });

  const unusable: [string, () => string][] = [
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
      () => {
        const p = freshPath('header');
        openSqliteStore(p).close();
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
    test(`${label} → StoreOpenError naming the path`, () => {
      const path = make();
      assert.throws(
        () => openSqliteStore(path),
        (err: unknown) => err instanceof StoreOpenError && err.path === path && err.message.includes(path),
      );
    });
  }

  test('a SQLite database that is not a Tally store is refused, not migrated', () => {
    const path = freshPath('foreign');
    const db = new Database(path);
    db.exec('CREATE TABLE people (name TEXT)');
    db.close();
    assert.throws(() => openSqliteStore(path), (err: unknown) => err instanceof StoreOpenError && /not a Tally store.*people/.test(err.message));
    assert.deepEqual(inspect(path, (d) => d.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'documents'").get()), { n: 0 });
  });
});

describe('sqlite store: several processes at once', () => {
  test('six processes opening a new file together: one migration, every write lands', async () => {
    const path = freshPath('concurrent');
    const script = fileURLToPath(new URL('./concurrent-writer.ts', import.meta.url));
    const run = promisify(execFile);
    await Promise.all([1, 2, 3, 4, 5, 6].map((n) => run(process.execPath, ['--import', 'tsx', script, path, String(n)])));
    const store = openSqliteStore(path);
    try {
      assert.deepEqual(
        store.listDocuments().map((d) => d.id),
        ['writer-1', 'writer-2', 'writer-3', 'writer-4', 'writer-5', 'writer-6'],
      );
      assert.equal(store.listWarnings().length, 6);
    } finally {
      store.close();
    }
    assert.deepEqual(inspect(path, (db) => db.prepare('SELECT version FROM schema_migrations').pluck().all()), SQLITE_MIGRATIONS.map((m) => m.version));
  });
});

describe('sqlite store: schema and migrations', () => {
  test('the first migration creates every table and the filter indexes', () => {
    const path = freshPath('schema');
    openSqliteStore(path).close();
    const names = inspect(path, (db) =>
      db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type IN ('table', 'index') ORDER BY name").all().map((r) => r.name),
    );
    for (const table of [
      'schema_migrations',
      'documents',
      'mentions',
      'incidents',
      'incident_perpetrators',
      'incident_documents',
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
    for (const index of ['incidents_date_start', 'incidents_admin1', 'incidents_event_type', 'incidents_lat_lon', 'claims_claimant', 'incident_perpetrators_perpetrator']) {
      assert.ok(names.includes(index), `index ${index}`);
    }
  });

  test('reopening applies nothing: one schema_migrations row per migration, first applied_at kept', () => {
    const path = freshPath('reopen');
    openSqliteStore(path).close();
    const before = inspect(path, (db) => db.prepare('SELECT version, name, applied_at FROM schema_migrations ORDER BY version').all());
    openSqliteStore(path).close();
    openSqliteStore(path).close();
    const afterRows = inspect(path, (db) => db.prepare('SELECT version, name, applied_at FROM schema_migrations ORDER BY version').all());
    assert.deepEqual(afterRows, before);
    assert.equal(afterRows.length, SQLITE_MIGRATIONS.length);
  });

  test('a database from a newer schema is refused with a SchemaVersionError naming path and versions', () => {
    const path = freshPath('future');
    openSqliteStore(path).close();
    const db = new Database(path);
    db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, 'added-by-a-newer-tally', '2030-01-01')").run(SQLITE_MIGRATIONS.length + 1);
    db.close();
    assert.throws(
      () => openSqliteStore(path),
      (err: unknown) =>
        err instanceof SchemaVersionError &&
        err.path === path &&
        err.databaseVersion === SQLITE_MIGRATIONS.length + 1 &&
        err.knownVersion === SQLITE_MIGRATIONS.length &&
        err.message.includes('added-by-a-newer-tally'),
    );
  });

  test('a migration recorded under another name is refused', () => {
    const path = freshPath('renamed');
    openSqliteStore(path).close();
    const db = new Database(path);
    db.prepare("UPDATE schema_migrations SET name = 'something-else' WHERE version = 1").run();
    db.close();
    assert.throws(() => openSqliteStore(path), (err: unknown) => err instanceof SchemaVersionError && /something-else/.test(err.message));
  });

  const m1: SqliteMigration = { version: 1, name: 'one', sql: 'CREATE TABLE a (x INTEGER);' };
  const m2: SqliteMigration = { version: 2, name: 'two', sql: 'CREATE TABLE b (y INTEGER);' };
  const m3bad: SqliteMigration = { version: 3, name: 'three', sql: 'CREATE TABLE c (z INTEGER); INSERT INTO no_such_table VALUES (1);' };
  const tables = (db: Database.Database) =>
    db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('a', 'b', 'c') ORDER BY name").all().map((r) => r.name);

  test('migrations apply in order, only the pending ones, and report what they applied', () => {
    const db = new Database(':memory:');
    try {
      assert.deepEqual(applySqliteMigrations(db, 'mem', [m1]), [1]);
      assert.deepEqual(applySqliteMigrations(db, 'mem', [m1]), []);
      assert.deepEqual(applySqliteMigrations(db, 'mem', [m1, m2]), [2]);
      assert.deepEqual(tables(db), ['a', 'b']);
    } finally {
      db.close();
    }
  });

  test('a failing migration rolls back every pending migration of that run', () => {
    const db = new Database(':memory:');
    try {
      applySqliteMigrations(db, 'mem', [m1]);
      assert.throws(
        () => applySqliteMigrations(db, 'mem', [m1, m2, m3bad]),
        (err: unknown) => err instanceof MigrationFailedError && err.migration.version === 3 && /mem: migration 3 'three'/.test(err.message),
      );
      assert.deepEqual(tables(db), ['a']);
      assert.deepEqual(db.prepare('SELECT version FROM schema_migrations').pluck().all(), [1]);
    } finally {
      db.close();
    }
  });

  const badLists: [string, SqliteMigration[]][] = [
    ['a gap', [m1, { ...m2, version: 3 }]],
    ['not starting at 1', [m2]],
    ['a repeated name', [m1, { ...m2, name: 'one' }]],
  ];
  for (const [label, list] of badLists) {
    test(`a migration list with ${label} is rejected`, () => {
      const db = new Database(':memory:');
      try {
        assert.throws(() => applySqliteMigrations(db, 'mem', list), MigrationListError);
      } finally {
        db.close();
      }
    });
  }

  test('the shipped migration list is well formed', () => {
    assert.deepEqual(
      SQLITE_MIGRATIONS.map((m) => m.version),
      SQLITE_MIGRATIONS.map((_, i) => i + 1),
    );
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

describe('sqlite store: filter columns and text search', () => {
  test('incident columns hold the figures filters use; absent counts are NULL, not 0', () => {
    const path = freshPath('columns');
    const store = openSqliteStore(path);
    try {
      store.replaceIncidents(
        [
          makeIncident({ id: 'col-total' }),
          makeIncident({
            id: 'col-split',
            location: null,
            places: [],
            perpetrators: ['syrian-government', 'opposition'],
            killed: { civilians: range(3, 3, 4), fighters: range(10, 9, 12) },
            injured: {},
            review: { status: 'confirmed' },
          }),
          makeIncident({ id: 'col-none', killed: {}, injured: {} }),
        ],
        [],
      );
    } finally {
      store.close();
    }
    const rows = inspect(path, (db) =>
      db.prepare('SELECT id, admin1, lat, lon, killed_best, killed_min, killed_max, civilians_killed, fighters_killed, injured_best, review_status FROM incidents ORDER BY seq').all(),
    );
    assert.deepEqual(rows, [
      { id: 'col-total', admin1: 'Idlib', lat: 35.86447, lon: 36.80591, killed_best: 7, killed_min: 7, killed_max: 8, civilians_killed: 7, fighters_killed: null, injured_best: 20, review_status: 'unreviewed' },
      { id: 'col-split', admin1: null, lat: null, lon: null, killed_best: 13, killed_min: 12, killed_max: 16, civilians_killed: 3, fighters_killed: 10, injured_best: null, review_status: 'confirmed' },
      { id: 'col-none', admin1: 'Idlib', lat: 35.86447, lon: 36.80591, killed_best: null, killed_min: null, killed_max: null, civilians_killed: null, fighters_killed: null, injured_best: null, review_status: 'unreviewed' },
    ]);
    const perps = inspect(path, (db) => db.prepare("SELECT incident_id FROM incident_perpetrators WHERE perpetrator = 'opposition'").pluck().all());
    assert.deepEqual(perps, ['col-split']);
  });

  test('incidents are findable by place, transliteration-free quote words and claimant', () => {
    const path = freshPath('fts');
    const store = openSqliteStore(path);
    try {
      store.replaceIncidents(
        [
          makeIncident({ id: 'fts-saraqib' }),
          makeIncident({ id: 'fts-maarat', location: makePlace({ name: 'Maʿarrat al-Nuʿmān' }), places: [], claims: [] }),
        ],
        [],
      );
    } finally {
      store.close();
    }
    const search = (q: string) =>
      inspect(path, (db) => db.prepare('SELECT incident_id FROM incident_search WHERE incident_search MATCH ? ORDER BY incident_id').pluck().all(q));
    assert.deepEqual(search('saraqib'), ['fts-saraqib']);
    assert.deepEqual(search('warplanes'), ['fts-saraqib']);
    assert.deepEqual(search('sohr'), ['fts-saraqib']);
    assert.deepEqual(search('idlib'), ['fts-maarat', 'fts-saraqib']);
  });
});

describe('sqlite store: gazetteer bulk load', () => {
  // Load speed belongs to `npm run bench`; this checks a bulk load lands whole.
  test('10,000 entries load in one call and read back intact', () => {
    const store = openSqliteStore(freshPath('gaz-bulk'));
    try {
      const entries = Array.from({ length: 10_000 }, (_, i) => makeGazetteerEntry(i));
      const n = store.replaceGazetteer(entries, 'test:bulk');
      assert.equal(n, 10_000);
      assert.deepEqual(store.loadGazetteer(), entries);
    } finally {
      store.close();
    }
  });

  test('a write error names the operation and entry', () => {
    const store = openSqliteStore(':memory:');
    try {
      const bad = makeGazetteerEntry(5, { name: null as unknown as string });
      assert.throws(
        () => store.replaceGazetteer([makeGazetteerEntry(4), bad], 'test:bad'),
        (err: unknown) => err instanceof StoreWriteError && /replaceGazetteer\(source 'test:bad'\): entry #1 'geonames:100005'/.test(err.message),
      );
    } finally {
      store.close();
    }
  });
});
