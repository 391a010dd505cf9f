/**
 * The embedded IncidentStore on SQLite (better-sqlite3): one file, WAL journal, foreign keys on,
 * a busy timeout so a CLI run and the API can share the file. Domain objects (mentions, incidents,
 * claims, tallies) are stored whole as JSON in a `body` column — the only thing read back, so they
 * round-trip exactly — with copies of the fields later features filter on in indexed columns.
 * Schema changes go through ./sqlite-migrations.ts. Every write that replaces a set runs in one
 * transaction and uses prepared statements (a 10k-row gazetteer loads in a fraction of a second).
 */
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import type BetterSqlite3 from 'better-sqlite3';
import type { Article, CountSummary, Incident, Mention, Tally, Warning } from '../domain/types.ts';
import type { GazetteerEntry } from '../domain/gazetteer-entry.ts';
import type { DocumentWriteResult, IncidentStore, StoredDocument } from './incident-store.ts';
import { applySqliteMigrations, sqliteSchemaVersion } from './sqlite-migrations.ts';
import { headlineCount } from '../export/headline-counts.ts';

/** The path could not be opened as a Tally store (not SQLite, corrupt, unreadable, someone else's DB). */
export class StoreOpenError extends Error {
  override name = 'StoreOpenError';
  constructor(
    readonly path: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`cannot open store '${path}': ${reason}`, options);
  }
}

/** A write was refused or failed; the transaction rolled back and the store is unchanged. */
export class StoreWriteError extends Error {
  override name = 'StoreWriteError';
  constructor(
    readonly operation: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${operation}: ${message}`, options);
  }
}

const BUSY_TIMEOUT_MS = 5000;

/**
 * Content hash of a document version: sha256 over the text AND every metadata field, in a fixed
 * order with a format tag. Every field reaches some output — published anchors relative dates,
 * language picks the extractor, outlet becomes claims' outlet and the CSV source, url and title
 * are exported — so a corrected field must produce a visible new version rather than be silently
 * dropped; earlier versions stay stored, and re-putting identical input writes nothing.
 * The text is hashed byte-for-byte (no whitespace normalisation): claim offsets index it.
 */
export function documentContentHash(article: Article): string {
  const canonical = JSON.stringify([
    'tally-document/1',
    article.text,
    article.published,
    article.url,
    article.outlet,
    article.title,
    article.language,
  ]);
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

interface DocumentRow {
  id: string;
  version: number;
  content_hash: string;
  text: string;
  published: string | null;
  url: string | null;
  outlet: string | null;
  title: string | null;
  language: string | null;
  ingested_at: string;
}

interface GazetteerRow {
  id: string;
  name: string;
  ascii_name: string;
  alt_names: string;
  lat: number;
  lon: number;
  feature_class: string;
  feature_code: string;
  country: string;
  admin1_code: string | null;
  admin1_name: string | null;
  admin2_code: string | null;
  admin2_name: string | null;
  population: number;
}

function toStoredDocument(row: DocumentRow): StoredDocument {
  return {
    id: row.id,
    text: row.text,
    published: row.published,
    url: row.url,
    outlet: row.outlet,
    title: row.title,
    language: row.language,
    version: row.version,
    contentHash: row.content_hash,
    ingestedAt: row.ingested_at,
  };
}

function toGazetteerEntry(row: GazetteerRow): GazetteerEntry {
  return {
    id: row.id,
    name: row.name,
    asciiName: row.ascii_name,
    alternateNames: JSON.parse(row.alt_names) as string[],
    lat: row.lat,
    lon: row.lon,
    featureClass: row.feature_class,
    featureCode: row.feature_code,
    countryCode: row.country,
    admin1Code: row.admin1_code,
    admin1Name: row.admin1_name,
    admin2Code: row.admin2_code,
    admin2Name: row.admin2_name,
    population: row.population,
  };
}

function countOf(summary: CountSummary, category: keyof CountSummary): number | null {
  return summary[category]?.best ?? null;
}

/** Words an analyst may search an incident by (FTS5 column). */
function searchText(incident: Incident): string {
  const places = [incident.location, ...incident.places].flatMap((p) => (p ? [p.name, p.admin1, p.admin2] : []));
  return [
    ...places,
    incident.eventType,
    ...incident.perpetrators,
    ...incident.targets,
    ...incident.claims.flatMap((c) => [c.claimant, c.outlet, c.quote]),
  ]
    .filter((s): s is string => typeof s === 'string' && s.length > 0)
    .join('\n');
}

function describeError(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

type WarningRow = { run_id: string; code: string; message: string; source: string };

/** Every statement the store runs, prepared once per connection. */
function prepareStatements(db: BetterSqlite3.Database) {
  return {
    currentDoc: db.prepare<[string], DocumentRow>('SELECT * FROM documents WHERE id = ? AND is_current = 1'),
    docVersions: db.prepare<[string], DocumentRow>('SELECT * FROM documents WHERE id = ? ORDER BY version'),
    currentDocs: db.prepare<[], DocumentRow>('SELECT * FROM documents WHERE is_current = 1 ORDER BY id'),
    retireDoc: db.prepare<[string]>('UPDATE documents SET is_current = 0 WHERE id = ? AND is_current = 1'),
    insertDoc: db.prepare(
      `INSERT INTO documents (id, version, content_hash, text, published, url, outlet, title, language, ingested_at, is_current)
       VALUES (@id, @version, @content_hash, @text, @published, @url, @outlet, @title, @language, @ingested_at, 1)`,
    ),
    deleteMentions: db.prepare<[string, number]>('DELETE FROM mentions WHERE doc_id = ? AND doc_version = ?'),
    insertMention: db.prepare(
      `INSERT INTO mentions (doc_id, doc_version, seq, id, kind, event_type, date_start, date_end, body)
       VALUES (@doc_id, @doc_version, @seq, @id, @kind, @event_type, @date_start, @date_end, @body)`,
    ),
    currentMentions: db.prepare<[], { body: string }>(
      `SELECT m.body FROM mentions m JOIN documents d ON d.id = m.doc_id AND d.version = m.doc_version
       WHERE d.is_current = 1 ORDER BY m.doc_id, m.seq`,
    ),
    docMentions: db.prepare<[string], { body: string }>(
      `SELECT m.body FROM mentions m JOIN documents d ON d.id = m.doc_id AND d.version = m.doc_version
       WHERE d.is_current = 1 AND m.doc_id = ? ORDER BY m.seq`,
    ),
    insertIncident: db.prepare(
      `INSERT INTO incidents (id, seq, event_type, date_start, date_end, date_precision, location_name, gazetteer_id,
         admin1, admin2, geo_precision, lat, lon, killed_best, killed_min, killed_max, civilians_killed, children_killed,
         women_killed, fighters_killed, injured_best, perpetrators_disputed, review_status, body)
       VALUES (@id, @seq, @event_type, @date_start, @date_end, @date_precision, @location_name, @gazetteer_id,
         @admin1, @admin2, @geo_precision, @lat, @lon, @killed_best, @killed_min, @killed_max, @civilians_killed,
         @children_killed, @women_killed, @fighters_killed, @injured_best, @perpetrators_disputed, @review_status, @body)`,
    ),
    insertPerpetrator: db.prepare<[string, string, number]>(
      'INSERT OR IGNORE INTO incident_perpetrators (incident_id, perpetrator, position) VALUES (?, ?, ?)',
    ),
    insertIncidentDocument: db.prepare<[string, string, number]>(
      'INSERT OR IGNORE INTO incident_documents (incident_id, document_id, position) VALUES (?, ?, ?)',
    ),
    insertClaim: db.prepare(
      `INSERT INTO claims (incident_id, seq, claimant, document_id, outlet, published, span_start, span_end, quote, killed_total, body)
       VALUES (@incident_id, @seq, @claimant, @document_id, @outlet, @published, @span_start, @span_end, @quote, @killed_total, @body)`,
    ),
    insertSearch: db.prepare<[string, string]>('INSERT INTO incident_search (incident_id, content) VALUES (?, ?)'),
    insertTally: db.prepare(
      `INSERT INTO tallies (id, seq, document_id, claimant, period_start, period_end, area, perpetrator, killed_total,
         killed_civilians, displaced, body)
       VALUES (@id, @seq, @document_id, @claimant, @period_start, @period_end, @area, @perpetrator, @killed_total,
         @killed_civilians, @displaced, @body)`,
    ),
    listIncidents: db.prepare<[], { body: string }>('SELECT body FROM incidents ORDER BY seq'),
    listTallies: db.prepare<[], { body: string }>('SELECT body FROM tallies ORDER BY seq'),
    insertWarning: db.prepare<[string, string, string, string]>(
      'INSERT INTO warnings (run_id, code, message, source) VALUES (?, ?, ?, ?)',
    ),
    allWarnings: db.prepare<[], WarningRow>(
      'SELECT run_id, code, message, source FROM warnings ORDER BY id',
    ),
    runWarnings: db.prepare<[string], WarningRow>(
      'SELECT run_id, code, message, source FROM warnings WHERE run_id = ? ORDER BY id',
    ),
    insertPlace: db.prepare(
      `INSERT INTO gazetteer (id, name, ascii_name, alt_names, lat, lon, feature_class, feature_code, country,
         admin1_code, admin1_name, admin2_code, admin2_name, population)
       VALUES (@id, @name, @ascii_name, @alt_names, @lat, @lon, @feature_class, @feature_code, @country,
         @admin1_code, @admin1_name, @admin2_code, @admin2_name, @population)`,
    ),
    setGazetteerMeta: db.prepare<[string, number]>(
      `INSERT INTO gazetteer_meta (singleton, source, entry_count) VALUES (1, ?, ?)
       ON CONFLICT (singleton) DO UPDATE SET source = excluded.source, entry_count = excluded.entry_count`,
    ),
    loadGazetteer: db.prepare<[], GazetteerRow>('SELECT * FROM gazetteer ORDER BY rowid'),
    gazetteerSource: db.prepare<[], { source: string }>('SELECT source FROM gazetteer_meta WHERE singleton = 1'),
  };
}

export class SqliteIncidentStore implements IncidentStore {
  private readonly stmt: ReturnType<typeof prepareStatements>;

  constructor(
    private readonly db: BetterSqlite3.Database,
    readonly path: string,
  ) {
    this.stmt = prepareStatements(db);
  }

  /** Highest applied migration. */
  schemaVersion(): number {
    return sqliteSchemaVersion(this.db);
  }

  putDocument(article: Article, ingestedAt: string): DocumentWriteResult {
    const hash = documentContentHash(article);
    return this.transaction((): DocumentWriteResult => {
      const current = this.stmt.currentDoc.get(article.id);
      if (current && current.content_hash === hash) return 'unchanged';
      if (current) this.stmt.retireDoc.run(article.id);
      this.stmt.insertDoc.run({
        id: article.id,
        version: current ? current.version + 1 : 1,
        content_hash: hash,
        text: article.text,
        published: article.published,
        url: article.url,
        outlet: article.outlet,
        title: article.title,
        language: article.language,
        ingested_at: ingestedAt,
      });
      return current ? 'new_version' : 'new';
    });
  }

  getDocument(id: string): StoredDocument | null {
    const row = this.stmt.currentDoc.get(id);
    return row ? toStoredDocument(row) : null;
  }

  listDocuments(): StoredDocument[] {
    return this.stmt.currentDocs.all().map(toStoredDocument);
  }

  listDocumentVersions(id: string): StoredDocument[] {
    return this.stmt.docVersions.all(id).map(toStoredDocument);
  }

  replaceMentions(docId: string, mentions: Mention[]): void {
    const op = `replaceMentions('${docId}')`;
    this.transaction(() => {
      const doc = this.stmt.currentDoc.get(docId);
      if (!doc) throw new StoreWriteError(op, `no document '${docId}' is stored; put the document before its mentions`);
      this.stmt.deleteMentions.run(docId, doc.version);
      mentions.forEach((m, seq) => {
        if (m.docId !== docId) {
          throw new StoreWriteError(op, `mention #${seq} '${m.id}' belongs to document '${m.docId}', not '${docId}'`);
        }
        try {
          this.stmt.insertMention.run({
            doc_id: docId,
            doc_version: doc.version,
            seq,
            id: m.id,
            kind: m.kind,
            event_type: m.eventType?.value ?? null,
            date_start: m.date?.start ?? null,
            date_end: m.date?.end ?? null,
            body: JSON.stringify(m),
          });
        } catch (err) {
          throw new StoreWriteError(op, `mention #${seq} '${m.id}': ${describeError(err)}`, { cause: err });
        }
      });
    });
  }

  listMentions(): Mention[] {
    return this.stmt.currentMentions.all().map((r) => JSON.parse(r.body) as Mention);
  }

  listMentionsForDocument(docId: string): Mention[] {
    return this.stmt.docMentions.all(docId).map((r) => JSON.parse(r.body) as Mention);
  }

  replaceIncidents(incidents: Incident[], tallies: Tally[]): void {
    const op = 'replaceIncidents';
    this.transaction(() => {
      // Children first: faster than cascading row by row.
      this.db.exec(`DELETE FROM claims; DELETE FROM incident_perpetrators; DELETE FROM incident_documents;
                    DELETE FROM incident_search; DELETE FROM incidents; DELETE FROM tallies;`);
      incidents.forEach((incident, seq) => {
        try {
          this.insertIncident(incident, seq);
        } catch (err) {
          throw new StoreWriteError(op, `incident #${seq} '${incident.id}': ${describeError(err)}`, { cause: err });
        }
      });
      tallies.forEach((tally, seq) => {
        try {
          this.stmt.insertTally.run({
            id: tally.id,
            seq,
            document_id: tally.document,
            claimant: tally.claimant,
            period_start: tally.period?.start ?? null,
            period_end: tally.period?.end ?? null,
            area: tally.area,
            perpetrator: tally.perpetrator,
            killed_total: tally.killed.total ?? null,
            killed_civilians: tally.killed.civilians ?? null,
            displaced: tally.displaced,
            body: JSON.stringify(tally),
          });
        } catch (err) {
          throw new StoreWriteError(op, `tally #${seq} '${tally.id}': ${describeError(err)}`, { cause: err });
        }
      });
    });
  }

  private insertIncident(incident: Incident, seq: number): void {
    const loc = incident.location;
    this.stmt.insertIncident.run({
      id: incident.id,
      seq,
      event_type: incident.eventType,
      date_start: incident.date.start,
      date_end: incident.date.end,
      date_precision: incident.date.precision,
      location_name: loc?.name ?? null,
      gazetteer_id: loc?.gazetteerId ?? null,
      admin1: loc?.admin1 ?? null,
      admin2: loc?.admin2 ?? null,
      geo_precision: loc?.precision ?? null,
      lat: loc?.lat ?? null,
      lon: loc?.lon ?? null,
      killed_best: headlineCount(incident.killed, 'best'),
      killed_min: headlineCount(incident.killed, 'min'),
      killed_max: headlineCount(incident.killed, 'max'),
      civilians_killed: countOf(incident.killed, 'civilians'),
      children_killed: countOf(incident.killed, 'children'),
      women_killed: countOf(incident.killed, 'women'),
      fighters_killed: countOf(incident.killed, 'fighters'),
      injured_best: headlineCount(incident.injured, 'best'),
      perpetrators_disputed: incident.perpetratorsDisputed ? 1 : 0,
      review_status: incident.review.status,
      body: JSON.stringify(incident),
    });
    incident.perpetrators.forEach((p, i) => this.stmt.insertPerpetrator.run(incident.id, p, i));
    incident.documents.forEach((d, i) => this.stmt.insertIncidentDocument.run(incident.id, d, i));
    incident.claims.forEach((c, i) => {
      this.stmt.insertClaim.run({
        incident_id: incident.id,
        seq: i,
        claimant: c.claimant,
        document_id: c.document,
        outlet: c.outlet,
        published: c.published,
        span_start: c.start,
        span_end: c.end,
        quote: c.quote,
        killed_total: c.killed.total ?? null,
        body: JSON.stringify(c),
      });
    });
    this.stmt.insertSearch.run(incident.id, searchText(incident));
  }

  listIncidents(): Incident[] {
    return this.stmt.listIncidents.all().map((r) => JSON.parse(r.body) as Incident);
  }

  listTallies(): Tally[] {
    return this.stmt.listTallies.all().map((r) => JSON.parse(r.body) as Tally);
  }

  addWarnings(runId: string, warnings: Warning[]): void {
    this.transaction(() => {
      for (const w of warnings) this.stmt.insertWarning.run(runId, w.code, w.message, w.source);
    });
  }

  listWarnings(runId?: string): (Warning & { runId: string })[] {
    const rows = runId === undefined ? this.stmt.allWarnings.all() : this.stmt.runWarnings.all(runId);
    return rows.map((r) => ({ code: r.code, message: r.message, source: r.source, runId: r.run_id }));
  }

  replaceGazetteer(entries: Iterable<GazetteerEntry>, source: string): number {
    const op = `replaceGazetteer(source '${source}')`;
    return this.transaction((): number => {
      this.db.exec('DELETE FROM gazetteer');
      let n = 0;
      for (const e of entries) {
        try {
          this.stmt.insertPlace.run({
            id: e.id,
            name: e.name,
            ascii_name: e.asciiName,
            alt_names: JSON.stringify(e.alternateNames),
            lat: e.lat,
            lon: e.lon,
            feature_class: e.featureClass,
            feature_code: e.featureCode,
            country: e.countryCode,
            admin1_code: e.admin1Code,
            admin1_name: e.admin1Name,
            admin2_code: e.admin2Code,
            admin2_name: e.admin2Name,
            population: e.population,
          });
        } catch (err) {
          throw new StoreWriteError(op, `entry #${n} '${e.id}': ${describeError(err)}`, { cause: err });
        }
        n++;
      }
      this.stmt.setGazetteerMeta.run(source, n);
      return n;
    });
  }

  loadGazetteer(): GazetteerEntry[] {
    return this.stmt.loadGazetteer.all().map(toGazetteerEntry);
  }

  gazetteerSource(): string | null {
    return this.stmt.gazetteerSource.get()?.source ?? null;
  }

  transaction<T>(fn: () => T): T {
    // IMMEDIATE takes the write lock up front (waiting up to busy_timeout): a deferred transaction
    // that reads and then writes fails at once with SQLITE_BUSY when another process wrote in
    // between. Nested calls become savepoints, so store methods may run inside a caller's.
    return this.db.transaction(fn).immediate();
  }

  close(): void {
    this.db.close();
  }
}

/** SQLite result codes meaning "this file is not a usable database". */
const UNUSABLE_FILE_CODES = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT', 'SQLITE_CANTOPEN', 'SQLITE_IOERR', 'SQLITE_PERM', 'SQLITE_READONLY']);

function isUnusableFileError(err: unknown): err is Error & { code: string } {
  if (!(err instanceof Database.SqliteError)) return false;
  return [...UNUSABLE_FILE_CODES].some((code) => err.code === code || err.code.startsWith(`${code}_`));
}

/** Tables of a database that has never been migrated: anything there means it is not ours. */
function foreignTables(db: BetterSqlite3.Database): string[] {
  const rows = db
    .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all();
  return rows.map((r) => r.name);
}

/**
 * Open (creating if needed) a store at `path`, or `:memory:`; applies pending migrations.
 * Throws StoreOpenError when the file is not a SQLite database, is corrupt, cannot be opened, or is
 * a SQLite database that is not a Tally store; SchemaVersionError when a newer Tally wrote it.
 */
export function openSqliteStore(path: string): SqliteIncidentStore {
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
    if (sqliteSchemaVersion(db) === 0) {
      const tables = foreignTables(db);
      if (tables.length > 0) {
        throw new StoreOpenError(path, `it is a SQLite database but not a Tally store (no schema_migrations table; has ${tables.slice(0, 5).join(', ')}${tables.length > 5 ? ', …' : ''})`);
      }
    }
    applySqliteMigrations(db, path);
    return new SqliteIncidentStore(db, path);
  } catch (err) {
    db.close();
    if (isUnusableFileError(err)) throw new StoreOpenError(path, `${err.message} (${err.code})`, { cause: err });
    throw err;
  }
}
