/**
 * The embedded store: SQLite in one file (better-sqlite3) behind the Kysely implementation
 * (./kysely-incident-store.ts). This module opens the file and configures the connection: WAL
 * journal (readers never wait for the writer), a busy timeout so a CLI run and the API can share
 * the file, foreign keys on. Two adjustments to Kysely's SQLite dialect: transactions start with
 * BEGIN IMMEDIATE, and migrations run in a transaction (SQLite has transactional DDL; Kysely's
 * adapter does not claim it), so processes opening one new file together migrate it once.
 * Prepared statements are cached per SQL text, as Kysely's driver prepares on every query.
 */
import Database from 'better-sqlite3';
import type BetterSqlite3 from 'better-sqlite3';
import type { DatabaseConnection, Driver, DialectAdapter, SqliteDatabase, SqliteDialectConfig } from 'kysely';
import { CompiledQuery, Kysely, SqliteAdapter, SqliteDialect, SqliteDriver } from './kysely-runtime.ts';
import type { StoreDatabase } from './store-schema.ts';
import type { IncidentRendering } from './incident-store.ts';
import { KyselyIncidentStore, type StoreOptions } from './kysely-incident-store.ts';
import { assertTallyDatabase, migrateStore } from './store-migrations.ts';
import { StoreOpenError, describeError } from './store-errors.ts';

const BUSY_TIMEOUT_MS = 5000;
/** Prepared statements kept per connection (least recently used dropped first). */
const STATEMENT_CACHE_SIZE = 500;
/**
 * Reads go through a memory map of up to this many bytes (no copy per page) and a page cache of
 * this many KiB: a million incidents' filter columns and indexes stay in memory between queries.
 */
const MMAP_BYTES = 1 << 30;
const CACHE_KIB = 64 * 1024;

/**
 * IMMEDIATE takes the write lock up front (waiting up to busy_timeout): a deferred transaction
 * that reads and then writes fails at once with SQLITE_BUSY when another process wrote in between.
 * Every transaction of the store writes, so all of them are immediate.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

/** SQLite runs CREATE TABLE/INDEX inside transactions; saying so makes Kysely's Migrator use one. */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class TallySqliteDialect extends SqliteDialect {
  constructor(private readonly settings: SqliteDialectConfig) {
    super(settings);
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.settings);
  }
  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}

/** The connection as Kysely's driver sees it, with prepared statements reused per SQL text. */
function withStatementCache(db: BetterSqlite3.Database): SqliteDatabase {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    prepare(text: string) {
      let stmt = cache.get(text);
      if (stmt) {
        cache.delete(text); // re-inserted below: Map order is recency order
      } else {
        stmt = db.prepare(text);
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
      }
      cache.set(text, stmt);
      return stmt as unknown as ReturnType<SqliteDatabase['prepare']>;
    },
    close() {
      cache.clear();
      db.close();
    },
  };
}

/** A Kysely instance over an open better-sqlite3 connection, with the store's dialect settings. */
export function sqliteKysely(db: BetterSqlite3.Database): Kysely<StoreDatabase> {
  return new Kysely<StoreDatabase>({ dialect: new TallySqliteDialect({ database: withStatementCache(db) }) });
}

/** SQLite result codes meaning "this file is not a usable database". */
const UNUSABLE_FILE_CODES = ['SQLITE_NOTADB', 'SQLITE_CORRUPT', 'SQLITE_CANTOPEN', 'SQLITE_IOERR', 'SQLITE_PERM', 'SQLITE_READONLY'];

function isUnusableFileError(err: unknown): err is Error & { code: string } {
  if (!(err instanceof Database.SqliteError)) return false;
  return UNUSABLE_FILE_CODES.some((code) => err.code === code || err.code.startsWith(`${code}_`));
}

function openConnection(path: string): BetterSqlite3.Database {
  let db: BetterSqlite3.Database;
  try {
    db = new Database(path);
  } catch (err) {
    throw new StoreOpenError(path, describeError(err), { cause: err });
  }
  try {
    // Wait for other connections before anything takes a lock (switching to WAL does).
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    // journal_mode is the first statement that reads the file: a non-database fails here.
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    // Under WAL, NORMAL never corrupts; an OS crash or power loss may roll back the latest commits
    // (SQLite docs, PRAGMA synchronous) — acceptable for data that re-ingest can rebuild.
    db.pragma('synchronous = NORMAL');
    db.pragma(`mmap_size = ${MMAP_BYTES}`);
    db.pragma(`cache_size = -${CACHE_KIB}`);
    return db;
  } catch (err) {
    db.close();
    if (isUnusableFileError(err)) throw new StoreOpenError(path, `${err.message} (${err.code})`, { cause: err });
    throw err;
  }
}

/**
 * Open (creating if needed) a store at `path`, or `:memory:`; applies pending migrations.
 * `rendering` makes the incident pages the store keeps (IncidentRendering).
 * Throws StoreOpenError when the file is not a SQLite database, is corrupt, cannot be opened, or is
 * a SQLite database that is not a Tally store; SchemaVersionError when a newer Tally wrote it.
 */
export async function openSqliteStore(path: string, rendering: IncidentRendering, options: StoreOptions = {}): Promise<KyselyIncidentStore> {
  const raw = openConnection(path);
  const db = sqliteKysely(raw);
  try {
    await assertTallyDatabase(db, 'sqlite', path);
    await migrateStore(db, 'sqlite', path);
    return new KyselyIncidentStore(db, 'sqlite', path, rendering, options);
  } catch (err) {
    await db.destroy();
    if (raw.open) raw.close();
    if (isUnusableFileError(err)) throw new StoreOpenError(path, `${err.message} (${err.code})`, { cause: err });
    throw err;
  }
}
