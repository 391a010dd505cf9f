/**
 * Schema migrations for the SQLite store. Each migration is data — a number, a stable name and the
 * SQL it runs — applied in order, all pending ones in one IMMEDIATE transaction together with their
 * rows in `schema_migrations`, so a database is always at exactly one known version and two
 * processes opening the same file cannot both migrate it. Reopening applies nothing. A database
 * that records a migration this build does not know (written by a newer Tally) is refused rather
 * than guessed at. Never edit a released migration: add the next number.
 *
 * The first schema is designed for features that come later (HTTP filters by date range, bbox,
 * admin1, perpetrator, event type, minimum killed, claimant, text; a review queue whose decisions
 * survive re-linking; an audit log), so those features add code, not reshaped data.
 */
import type BetterSqlite3 from 'better-sqlite3';

export interface SqliteMigration {
  /** 1, 2, 3, … with no gaps. */
  version: number;
  /** Stable kebab-case name, checked against what the database recorded. */
  name: string;
  sql: string;
}

/** The database was written by a newer build (or by a different migration history). */
export class SchemaVersionError extends Error {
  override name = 'SchemaVersionError';
  constructor(
    readonly path: string,
    readonly databaseVersion: number,
    readonly knownVersion: number,
    detail: string,
  ) {
    super(`${path}: database schema is at version ${databaseVersion}, this build knows versions up to ${knownVersion}: ${detail}`);
  }
}

/** One migration's SQL failed; the transaction rolled back, the database is as it was. */
export class MigrationFailedError extends Error {
  override name = 'MigrationFailedError';
  constructor(
    readonly path: string,
    readonly migration: { version: number; name: string },
    cause: unknown,
  ) {
    super(`${path}: migration ${migration.version} '${migration.name}' failed, nothing was applied: ${(cause as Error).message}`, { cause });
  }
}

/** The migration list itself is malformed (a programming error, caught by tests). */
export class MigrationListError extends Error {
  override name = 'MigrationListError';
}

const MIGRATION_1_INITIAL = `
-- Every version of every document. Exactly one row per id has is_current = 1.
CREATE TABLE documents (
  id           TEXT    NOT NULL,
  version      INTEGER NOT NULL CHECK (version >= 1),
  content_hash TEXT    NOT NULL,
  text         TEXT    NOT NULL,
  published    TEXT,
  url          TEXT,
  outlet       TEXT,
  title        TEXT,
  language     TEXT,
  ingested_at  TEXT    NOT NULL,
  is_current   INTEGER NOT NULL CHECK (is_current IN (0, 1)),
  PRIMARY KEY (id, version)
);
CREATE UNIQUE INDEX documents_one_current ON documents (id) WHERE is_current = 1;
CREATE INDEX documents_published ON documents (published);

-- Mentions belong to one version of one document; seq keeps extraction order.
CREATE TABLE mentions (
  doc_id      TEXT    NOT NULL,
  doc_version INTEGER NOT NULL,
  seq         INTEGER NOT NULL,
  id          TEXT    NOT NULL,
  kind        TEXT    NOT NULL,
  event_type  TEXT,
  date_start  TEXT,
  date_end    TEXT,
  body        TEXT    NOT NULL,
  PRIMARY KEY (doc_id, doc_version, seq),
  UNIQUE (doc_id, doc_version, id),
  FOREIGN KEY (doc_id, doc_version) REFERENCES documents (id, version) ON DELETE CASCADE
);
CREATE INDEX mentions_id ON mentions (id);
CREATE INDEX mentions_kind ON mentions (kind);

-- Linking output. body is the whole Incident as JSON (the source of truth when read back);
-- the other columns are copies kept for filtering and sorting.
CREATE TABLE incidents (
  id                    TEXT    PRIMARY KEY,
  seq                   INTEGER NOT NULL,
  event_type            TEXT    NOT NULL,
  date_start            TEXT    NOT NULL,
  date_end              TEXT    NOT NULL,
  date_precision        TEXT    NOT NULL,
  location_name         TEXT,
  gazetteer_id          TEXT,
  admin1                TEXT,
  admin2                TEXT,
  geo_precision         TEXT,
  lat                   REAL,
  lon                   REAL,
  killed_best           INTEGER,
  killed_min            INTEGER,
  killed_max            INTEGER,
  civilians_killed      INTEGER,
  children_killed       INTEGER,
  women_killed          INTEGER,
  fighters_killed       INTEGER,
  injured_best          INTEGER,
  perpetrators_disputed INTEGER NOT NULL,
  review_status         TEXT    NOT NULL,
  body                  TEXT    NOT NULL
);
CREATE INDEX incidents_seq ON incidents (seq);
CREATE INDEX incidents_date_start ON incidents (date_start);
CREATE INDEX incidents_date_end ON incidents (date_end);
CREATE INDEX incidents_admin1 ON incidents (admin1);
CREATE INDEX incidents_event_type ON incidents (event_type);
CREATE INDEX incidents_lat_lon ON incidents (lat, lon);
CREATE INDEX incidents_killed_best ON incidents (killed_best);
CREATE INDEX incidents_review_status ON incidents (review_status);

CREATE TABLE incident_perpetrators (
  incident_id TEXT    NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
  perpetrator TEXT    NOT NULL,
  position    INTEGER NOT NULL,
  PRIMARY KEY (incident_id, perpetrator)
);
CREATE INDEX incident_perpetrators_perpetrator ON incident_perpetrators (perpetrator);

-- document_id names a document id (any version), so it carries no foreign key.
CREATE TABLE incident_documents (
  incident_id TEXT    NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
  document_id TEXT    NOT NULL,
  position    INTEGER NOT NULL,
  PRIMARY KEY (incident_id, document_id)
);
CREATE INDEX incident_documents_document ON incident_documents (document_id);

CREATE TABLE claims (
  incident_id  TEXT    NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
  seq          INTEGER NOT NULL,
  claimant     TEXT    NOT NULL,
  document_id  TEXT    NOT NULL,
  outlet       TEXT,
  published    TEXT,
  span_start   INTEGER NOT NULL,
  span_end     INTEGER NOT NULL,
  quote        TEXT    NOT NULL,
  killed_total INTEGER,
  body         TEXT    NOT NULL,
  PRIMARY KEY (incident_id, seq)
);
CREATE INDEX claims_claimant ON claims (claimant);
CREATE INDEX claims_document ON claims (document_id);

-- Free-text search over incidents: place names, perpetrators, claimants, targets and quotes.
CREATE VIRTUAL TABLE incident_search USING fts5 (
  incident_id UNINDEXED,
  content,
  tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TABLE tallies (
  id               TEXT    PRIMARY KEY,
  seq              INTEGER NOT NULL,
  document_id      TEXT    NOT NULL,
  claimant         TEXT,
  period_start     TEXT,
  period_end       TEXT,
  area             TEXT,
  perpetrator      TEXT,
  killed_total     INTEGER,
  killed_civilians INTEGER,
  displaced        INTEGER,
  body             TEXT    NOT NULL
);
CREATE INDEX tallies_seq ON tallies (seq);
CREATE INDEX tallies_document ON tallies (document_id);
CREATE INDEX tallies_claimant ON tallies (claimant);
CREATE INDEX tallies_period ON tallies (period_start, period_end);

CREATE TABLE warnings (
  id      INTEGER PRIMARY KEY,
  run_id  TEXT NOT NULL,
  code    TEXT NOT NULL,
  message TEXT NOT NULL,
  source  TEXT NOT NULL
);
CREATE INDEX warnings_run ON warnings (run_id);
CREATE INDEX warnings_code ON warnings (code);

CREATE TABLE gazetteer (
  id            TEXT    PRIMARY KEY,
  name          TEXT    NOT NULL,
  ascii_name    TEXT    NOT NULL,
  alt_names     TEXT    NOT NULL,
  lat           REAL    NOT NULL,
  lon           REAL    NOT NULL,
  feature_class TEXT    NOT NULL,
  feature_code  TEXT    NOT NULL,
  country       TEXT    NOT NULL,
  admin1_code   TEXT,
  admin1_name   TEXT,
  admin2_code   TEXT,
  admin2_name   TEXT,
  population    INTEGER NOT NULL
);
CREATE INDEX gazetteer_ascii_name ON gazetteer (ascii_name);
CREATE INDEX gazetteer_admin ON gazetteer (country, admin1_code, admin2_code);

CREATE TABLE gazetteer_meta (
  singleton   INTEGER PRIMARY KEY CHECK (singleton = 1),
  source      TEXT    NOT NULL,
  entry_count INTEGER NOT NULL
);

-- Analyst decisions. No foreign key to incidents: incidents are replaced on every linking run,
-- decisions must outlive them. incident_key is a run-independent key (e.g. a fingerprint of the
-- incident's mention ids) used to re-attach a decision after re-linking; superseded_by chains
-- a decision to the one that replaced it.
CREATE TABLE review_decisions (
  id            INTEGER PRIMARY KEY,
  incident_id   TEXT NOT NULL,
  incident_key  TEXT,
  decision      TEXT NOT NULL,
  status        TEXT NOT NULL,
  patch         TEXT,
  reviewer      TEXT,
  note          TEXT,
  decided_at    TEXT NOT NULL,
  superseded_by INTEGER REFERENCES review_decisions (id)
);
CREATE INDEX review_decisions_incident ON review_decisions (incident_id);
CREATE INDEX review_decisions_key ON review_decisions (incident_key);

CREATE TABLE audit_log (
  id          INTEGER PRIMARY KEY,
  at          TEXT NOT NULL,
  actor       TEXT,
  action      TEXT NOT NULL,
  entity_type TEXT NOT NULL,
  entity_id   TEXT,
  detail      TEXT
);
CREATE INDEX audit_log_entity ON audit_log (entity_type, entity_id);
CREATE INDEX audit_log_at ON audit_log (at);
`;

/** Every migration this build knows, in order. Append only. */
export const SQLITE_MIGRATIONS: readonly SqliteMigration[] = [
  { version: 1, name: 'initial-schema', sql: MIGRATION_1_INITIAL },
];

const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS schema_migrations (
  version    INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  applied_at TEXT NOT NULL
)`;

interface AppliedRow {
  version: number;
  name: string;
}

/** Versions must be 1..n without gaps, names unique. */
export function checkMigrationList(migrations: readonly SqliteMigration[]): void {
  const names = new Set<string>();
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) {
      throw new MigrationListError(`migration at position ${i} ('${m.name}') has version ${m.version}, expected ${i + 1}: versions must run 1, 2, 3, … without gaps`);
    }
    if (names.has(m.name)) throw new MigrationListError(`migration ${m.version}: name '${m.name}' is used twice`);
    names.add(m.name);
  });
}

/**
 * Bring the database to the last known version. Returns the versions applied now (empty when it
 * was already current). `path` only labels errors. The applied_at column is informational (SQLite's
 * clock), never compared by anything.
 */
export function applySqliteMigrations(
  db: BetterSqlite3.Database,
  path: string,
  migrations: readonly SqliteMigration[] = SQLITE_MIGRATIONS,
): number[] {
  checkMigrationList(migrations);
  const migrate = db.transaction((): number[] => {
    db.exec(CREATE_MIGRATIONS_TABLE);
    const applied = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all() as AppliedRow[];
    const known = migrations.length;
    for (const row of applied) {
      const mine = migrations[row.version - 1];
      if (row.version > known || !mine) {
        throw new SchemaVersionError(path, applied[applied.length - 1].version, known, `migration ${row.version} '${row.name}' is unknown; open it with a newer Tally`);
      }
      if (mine.name !== row.name) {
        throw new SchemaVersionError(path, applied[applied.length - 1].version, known, `migration ${row.version} is recorded as '${row.name}' but this build calls it '${mine.name}'`);
      }
    }
    const done = new Set(applied.map((r) => r.version));
    const record = db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))");
    const now: number[] = [];
    for (const m of migrations) {
      if (done.has(m.version)) continue;
      try {
        db.exec(m.sql);
      } catch (err) {
        throw new MigrationFailedError(path, m, err);
      }
      record.run(m.version, m.name);
      now.push(m.version);
    }
    return now;
  });
  return migrate.immediate();
}

/** Highest applied version, 0 for a database never migrated. */
export function sqliteSchemaVersion(db: BetterSqlite3.Database): number {
  const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
  if (!exists) return 0;
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null };
  return row.v ?? 0;
}
