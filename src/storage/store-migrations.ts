/**
 * Schema migrations of the store, one list for both backends. Each migration is an object in code
 * (a number, a stable name and an `up` written with Kysely's schema builder), handed to Kysely's
 * Migrator through a provider, so no migration files are read from disk at run time. All pending
 * migrations run in ONE transaction together with their rows in `tally_migrations` (SQLite and
 * PostgreSQL both have transactional DDL; the SQLite dialect takes the write lock up front, the
 * PostgreSQL one an advisory lock), so a database is always at exactly one known version and two
 * processes opening it at once cannot both migrate it. Reopening applies nothing. A database that
 * records a migration this build does not know (written by a newer Tally) is refused rather than
 * guessed at. Never edit a released migration: add the next number.
 *
 * The schemas differ only where the databases do: PostgreSQL text columns use the "C" collation
 * (byte order, as SQLite compares, so ids sort and paginate identically), identity columns are
 * spelled differently, and text search is an FTS5 table on SQLite and a GIN index over the same
 * words on PostgreSQL (docs/decisions/0007-store.md).
 */
import type { ColumnDefinitionBuilder, CreateTableBuilder, Expression, Kysely, Migration } from 'kysely';
import { Migrator, sql } from './kysely-runtime.ts';
import type { StoreDialect } from './store-schema.ts';
import { dayStatsRows } from './day-stats.ts';
import { MigrationFailedError, MigrationListError, SchemaVersionError, StoreOpenError, describeError } from './store-errors.ts';

export interface StoreMigration {
  /** 1, 2, 3, … with no gaps. */
  version: number;
  /** Stable kebab-case name; with the version it is the key recorded in `tally_migrations`. */
  name: string;
  up(db: Kysely<any>, dialect: StoreDialect): Promise<void>;
}

export const MIGRATION_TABLE = 'tally_migrations';
export const MIGRATION_LOCK_TABLE = 'tally_migrations_lock';
/** The table of the SQLite-only history before this store was rebuilt on Kysely. */
const PRE_KYSELY_MIGRATION_TABLE = 'schema_migrations';

type DataType = Parameters<CreateTableBuilder<string, never>['addColumn']>[1];

interface ColumnTypes {
  text: DataType;
  integer: DataType;
  real: DataType;
  /** JSON kept as its exact text: `json` on PostgreSQL preserves it byte for byte (jsonb would reorder keys). */
  json: DataType;
}

function columnTypes(dialect: StoreDialect): ColumnTypes {
  return dialect === 'postgres'
    ? { text: sql`text collate "C"`, integer: 'integer', real: 'double precision', json: 'json' }
    : { text: 'text', integer: 'integer', real: 'double precision', json: 'text' };
}

/** An integer key the database assigns in insertion order. */
function identity(dialect: StoreDialect) {
  return (col: ColumnDefinitionBuilder) => (dialect === 'postgres' ? col.primaryKey().generatedByDefaultAsIdentity() : col.primaryKey());
}

const notNull = (col: ColumnDefinitionBuilder) => col.notNull();

function condition(text: string): Expression<boolean> {
  return sql<boolean>`${sql.raw(text)}`;
}

/**
 * The first schema, designed for what the HTTP API filters on (date range, bounding box, admin1,
 * perpetrator, event type, minimum killed, claimant, review status, document, text), a review
 * queue whose decisions survive re-linking, and an audit log.
 */
async function initialSchema(db: Kysely<any>, dialect: StoreDialect): Promise<void> {
  const t = columnTypes(dialect);
  const s = db.schema;

  // Every version of every document. Exactly one row per id has is_current = 1.
  await s
    .createTable('documents')
    .addColumn('id', t.text, notNull)
    .addColumn('version', t.integer, notNull)
    .addColumn('content_hash', t.text, notNull)
    .addColumn('text', t.text, notNull)
    .addColumn('published', t.text)
    .addColumn('url', t.text)
    .addColumn('outlet', t.text)
    .addColumn('title', t.text)
    .addColumn('language', t.text)
    .addColumn('ingested_at', t.text, notNull)
    .addColumn('is_current', t.integer, notNull)
    .addPrimaryKeyConstraint('documents_pk', ['id', 'version'])
    .addCheckConstraint('documents_version_check', condition('version >= 1'))
    .addCheckConstraint('documents_is_current_check', condition('is_current in (0, 1)'))
    .execute();
  await s.createIndex('documents_one_current').unique().on('documents').column('id').where(condition('is_current = 1')).execute();
  await s.createIndex('documents_published').on('documents').column('published').execute();

  // Mentions belong to one version of one document; seq keeps extraction order.
  await s
    .createTable('mentions')
    .addColumn('doc_id', t.text, notNull)
    .addColumn('doc_version', t.integer, notNull)
    .addColumn('seq', t.integer, notNull)
    .addColumn('id', t.text, notNull)
    .addColumn('kind', t.text, notNull)
    .addColumn('event_type', t.text)
    .addColumn('date_start', t.text)
    .addColumn('date_end', t.text)
    .addColumn('body', t.json, notNull)
    .addPrimaryKeyConstraint('mentions_pk', ['doc_id', 'doc_version', 'seq'])
    .addUniqueConstraint('mentions_doc_id_unique', ['doc_id', 'doc_version', 'id'])
    .addForeignKeyConstraint('mentions_document_fk', ['doc_id', 'doc_version'], 'documents', ['id', 'version'], (fk) => fk.onDelete('cascade'))
    .execute();
  await s.createIndex('mentions_id').on('mentions').column('id').execute();
  await s.createIndex('mentions_kind').on('mentions').column('kind').execute();

  // Linking output, split in two: `incidents` holds the columns filters and the page order read
  // (a narrow row, so walking an index and checking a row stays cheap at a million incidents) and
  // `incident_bodies` the whole Incident as JSON, the source of truth when read back, fetched only
  // for the rows of a page. Pages are ordered by (start_day desc, id desc): each equality filter
  // has an index ending in (start_day, id), so a filtered page is read in index order and stops
  // after `limit` rows (src/storage/incident-query-plan.ts).
  await s
    .createTable('incidents')
    .addColumn('id', t.text, (c) => c.primaryKey())
    .addColumn('seq', t.integer, notNull)
    .addColumn('event_type', t.text, notNull)
    .addColumn('date_start', t.text, notNull)
    .addColumn('date_end', t.text, notNull)
    .addColumn('start_day', t.integer, notNull)
    .addColumn('end_day', t.integer, notNull)
    .addColumn('span_days', t.integer, notNull)
    .addColumn('date_precision', t.text, notNull)
    .addColumn('location_name', t.text)
    .addColumn('gazetteer_id', t.text)
    .addColumn('admin1', t.text)
    .addColumn('admin1_key', t.text)
    .addColumn('admin2', t.text)
    .addColumn('geo_precision', t.text)
    .addColumn('lat', t.real)
    .addColumn('lon', t.real)
    .addColumn('killed_best', t.integer)
    .addColumn('killed_min', t.integer)
    .addColumn('killed_max', t.integer)
    .addColumn('civilians_killed', t.integer)
    .addColumn('children_killed', t.integer)
    .addColumn('women_killed', t.integer)
    .addColumn('fighters_killed', t.integer)
    .addColumn('injured_best', t.integer)
    .addColumn('perpetrators_disputed', t.integer, notNull)
    .addColumn('review_status', t.text, notNull)
    .addColumn('search_text', t.text, notNull)
    .addUniqueConstraint('incidents_seq_unique', ['seq'])
    .execute();
  await s.createIndex('incidents_order').on('incidents').columns(['start_day', 'id']).execute();
  await s.createIndex('incidents_admin1').on('incidents').columns(['admin1_key', 'start_day', 'id']).execute();
  await s.createIndex('incidents_event_type').on('incidents').columns(['event_type', 'start_day', 'id']).execute();
  await s.createIndex('incidents_review_status').on('incidents').columns(['review_status', 'start_day', 'id']).execute();
  await s.createIndex('incidents_killed_best').on('incidents').column('killed_best').execute();
  await s.createIndex('incidents_lat_lon').on('incidents').columns(['lat', 'lon']).execute();
  await s.createIndex('incidents_span_days').on('incidents').column('span_days').execute();

  await s
    .createTable('incident_bodies')
    .addColumn('seq', t.integer, (c) => c.primaryKey().references('incidents.seq').onDelete('cascade'))
    .addColumn('body', t.json, notNull)
    .execute();

  // One row per incident and value, with the incident's start_day copied so each filter can be
  // walked in page order: (value, start_day, incident_id).
  const childTable = async (table: string, column: string, extra: (b: CreateTableBuilder<string, never>) => CreateTableBuilder<string, never> = (b) => b) => {
    await extra(
      s
        .createTable(table)
        .addColumn('incident_id', t.text, (c) => c.notNull().references('incidents.id').onDelete('cascade'))
        .addColumn(column, t.text, notNull),
    )
      .addColumn('start_day', t.integer, notNull)
      .addPrimaryKeyConstraint(`${table}_pk`, ['incident_id', column] as never)
      .execute();
    await s.createIndex(`${table}_order`).on(table).columns([column, 'start_day', 'incident_id']).execute();
  };
  await childTable('incident_perpetrators', 'perpetrator', (b) => b.addColumn('position', t.integer, notNull));
  // document_id names a document id (any version), so it carries no foreign key.
  await childTable('incident_documents', 'document_id', (b) => b.addColumn('position', t.integer, notNull));
  // The distinct claimants of an incident's claims (two claims by one monitor are one row).
  await childTable('incident_claimants', 'claimant');

  await s
    .createTable('claims')
    .addColumn('incident_id', t.text, (c) => c.notNull().references('incidents.id').onDelete('cascade'))
    .addColumn('seq', t.integer, notNull)
    .addColumn('claimant', t.text, notNull)
    .addColumn('document_id', t.text, notNull)
    .addColumn('outlet', t.text)
    .addColumn('published', t.text)
    .addColumn('span_start', t.integer, notNull)
    .addColumn('span_end', t.integer, notNull)
    .addColumn('quote', t.text, notNull)
    .addColumn('killed_total', t.integer)
    .addColumn('body', t.json, notNull)
    .addPrimaryKeyConstraint('claims_pk', ['incident_id', 'seq'])
    .execute();
  await s.createIndex('claims_document').on('claims').column('document_id').execute();

  // Text search over incidents.search_text (words already normalised by src/storage/search-text.ts,
  // so both databases index the same tokens). SQLite: a contentless FTS5 table keyed by
  // incidents.seq; PostgreSQL: a GIN index over the words as a tsvector, taken verbatim (no parser,
  // no stemming, no dependence on the server's locale).
  if (dialect === 'sqlite') {
    await sql`CREATE VIRTUAL TABLE incident_search USING fts5 (search_text, content = '', tokenize = 'unicode61 remove_diacritics 0')`.execute(db);
  } else {
    await sql`CREATE INDEX incidents_search ON incidents USING gin (array_to_tsvector(string_to_array(search_text, ' ')))`.execute(db);
  }

  // How many incidents hold each search word (computed with the words, so identical on both
  // databases): the text filter reads it to decide whether a word is rare enough for the text
  // index or common enough to be checked row by row.
  await s
    .createTable('search_terms')
    .addColumn('term', t.text, (c) => c.primaryKey())
    .addColumn('incidents', t.integer, notNull)
    .execute();

  await s
    .createTable('tallies')
    .addColumn('id', t.text, (c) => c.primaryKey())
    .addColumn('seq', t.integer, notNull)
    .addColumn('document_id', t.text, notNull)
    .addColumn('claimant', t.text)
    .addColumn('period_start', t.text)
    .addColumn('period_end', t.text)
    .addColumn('area', t.text)
    .addColumn('perpetrator', t.text)
    .addColumn('killed_total', t.integer)
    .addColumn('killed_civilians', t.integer)
    .addColumn('displaced', t.integer)
    .addColumn('body', t.json, notNull)
    .execute();
  await s.createIndex('tallies_seq').on('tallies').column('seq').execute();
  await s.createIndex('tallies_document').on('tallies').column('document_id').execute();
  await s.createIndex('tallies_claimant').on('tallies').column('claimant').execute();
  await s.createIndex('tallies_period').on('tallies').columns(['period_start', 'period_end']).execute();

  await s
    .createTable('warnings')
    .addColumn('id', t.integer, identity(dialect))
    .addColumn('run_id', t.text, notNull)
    .addColumn('code', t.text, notNull)
    .addColumn('message', t.text, notNull)
    .addColumn('source', t.text, notNull)
    .execute();
  await s.createIndex('warnings_run').on('warnings').column('run_id').execute();
  await s.createIndex('warnings_code').on('warnings').column('code').execute();

  await s
    .createTable('gazetteer')
    .addColumn('id', t.text, (c) => c.primaryKey())
    .addColumn('seq', t.integer, notNull)
    .addColumn('name', t.text, notNull)
    .addColumn('ascii_name', t.text, notNull)
    .addColumn('alt_names', t.json, notNull)
    .addColumn('lat', t.real, notNull)
    .addColumn('lon', t.real, notNull)
    .addColumn('feature_class', t.text, notNull)
    .addColumn('feature_code', t.text, notNull)
    .addColumn('country', t.text, notNull)
    .addColumn('admin1_code', t.text)
    .addColumn('admin1_name', t.text)
    .addColumn('admin2_code', t.text)
    .addColumn('admin2_name', t.text)
    .addColumn('population', t.integer, notNull)
    .execute();
  await s.createIndex('gazetteer_seq').on('gazetteer').column('seq').execute();
  await s.createIndex('gazetteer_ascii_name').on('gazetteer').column('ascii_name').execute();
  await s.createIndex('gazetteer_admin').on('gazetteer').columns(['country', 'admin1_code', 'admin2_code']).execute();

  await s
    .createTable('gazetteer_meta')
    .addColumn('singleton', t.integer, (c) => c.primaryKey())
    .addColumn('source', t.text, notNull)
    .addColumn('entry_count', t.integer, notNull)
    .addCheckConstraint('gazetteer_meta_singleton_check', condition('singleton = 1'))
    .execute();

  // Analyst decisions. No foreign key to incidents: incidents are replaced on every linking run,
  // decisions must outlive them. incident_key is a run-independent key (e.g. a fingerprint of the
  // incident's mention ids) used to re-attach a decision after re-linking; superseded_by chains a
  // decision to the one that replaced it.
  await s
    .createTable('review_decisions')
    .addColumn('id', t.integer, identity(dialect))
    .addColumn('incident_id', t.text, notNull)
    .addColumn('incident_key', t.text)
    .addColumn('decision', t.text, notNull)
    .addColumn('status', t.text, notNull)
    .addColumn('patch', t.json)
    .addColumn('reviewer', t.text)
    .addColumn('note', t.text)
    .addColumn('decided_at', t.text, notNull)
    .addColumn('superseded_by', t.integer, (c) => c.references('review_decisions.id'))
    .execute();
  await s.createIndex('review_decisions_incident').on('review_decisions').column('incident_id').execute();
  await s.createIndex('review_decisions_key').on('review_decisions').column('incident_key').execute();

  await s
    .createTable('audit_log')
    .addColumn('id', t.integer, identity(dialect))
    .addColumn('at', t.text, notNull)
    .addColumn('actor', t.text)
    .addColumn('action', t.text, notNull)
    .addColumn('entity_type', t.text, notNull)
    .addColumn('entity_id', t.text)
    .addColumn('detail', t.json)
    .execute();
  await s.createIndex('audit_log_entity').on('audit_log').columns(['entity_type', 'entity_id']).execute();
  await s.createIndex('audit_log_at').on('audit_log').column('at').execute();
}

/**
 * The read model the HTTP API serves a million incidents from (docs/decisions/0010-read-model.md):
 *
 * - `store_state`: counters every reader checks before trusting a cached answer. `incidents` is
 *   bumped in the same transaction as every write that changes incidents, so a count, plan or
 *   statistic cached under one value is never served after another process changed the data;
 *   `incident_json_revision` records which rendering of src/export/incidents-json.ts the stored
 *   `incident_bodies.api_json` texts were made with (0: none yet).
 * - `incident_bodies.api_json`: each incident's incidents/1 JSON text, written with its body, so a
 *   list page is assembled from stored text instead of parsed, renamed and serialised again.
 * - the page-order indexes of migration 1 rebuilt to cover what list queries check on each row.
 * - `incident_day_stats`: incidents, killed and civilians killed summed per start day, end day,
 *   governorate, event type, review status and perpetrator. `scope` 0 rows count each incident
 *   once (perpetrator NULL); `scope` 1 rows count it once under each of its perpetrators (perpetrator
 *   NULL when it has none, shown as 'unknown'). `month_day` is the first day of the start day's month. Statistics and counts whose filters name only these columns read it
 *   instead of every incident; its covering index starts with what every such query fixes.
 */
async function readModel(db: Kysely<any>, dialect: StoreDialect): Promise<void> {
  const s = db.schema;
  const t = columnTypes(dialect);
  await s
    .createTable('store_state')
    .addColumn('key', t.text, (c) => c.primaryKey())
    .addColumn('value', t.integer, notNull)
    .execute();
  await db
    .insertInto('store_state')
    .values([
      { key: 'incidents', value: 0 },
      { key: 'incident_json_revision', value: 0 },
    ])
    .execute();
  await s.alterTable('incident_bodies').addColumn('api_json', t.json).execute();
  // The page-order indexes also carry the columns list queries check row by row most (the end of
  // a date range, the killed figure, governorate, event type) and the key of the body: counting a
  // filtered set and finding a page read the index alone instead of one table row per candidate.
  const ordered: [string, string | null][] = [
    ['incidents_order', null],
    ['incidents_admin1', 'admin1_key'],
    ['incidents_event_type', 'event_type'],
    ['incidents_review_status', 'review_status'],
  ];
  for (const [name, leading] of ordered) {
    const checked = ['end_day', 'killed_best', 'admin1_key', 'event_type', 'seq'].filter((c) => c !== leading);
    await s.dropIndex(name).execute();
    await s
      .createIndex(name)
      .on('incidents')
      .columns([...(leading ? [leading] : []), 'start_day', 'id', ...checked])
      .execute();
  }
  await s
    .createTable('incident_day_stats')
    .addColumn('scope', t.integer, notNull)
    .addColumn('perpetrator', t.text)
    .addColumn('admin1_key', t.text)
    .addColumn('start_day', t.integer, notNull)
    .addColumn('end_day', t.integer, notNull)
    .addColumn('month_day', t.integer, notNull)
    .addColumn('event_type', t.text, notNull)
    .addColumn('review_status', t.text, notNull)
    .addColumn('incidents', t.integer, notNull)
    .addColumn('killed', t.integer, notNull)
    .addColumn('civilians', t.integer, notNull)
    .execute();
  await s
    .createIndex('incident_day_stats_cover')
    .on('incident_day_stats')
    .columns(['scope', 'admin1_key', 'start_day', 'perpetrator', 'end_day', 'month_day', 'event_type', 'review_status', 'incidents', 'killed', 'civilians'])
    .execute();

  // A store linked before this migration: sum its incidents now, so its statistics stay right
  // (its renderings are made at the next replace; until then they are rendered on read).
  await sumDayStats(db);
}

/** Sum the stored incidents into incident_day_stats (empty before), as a replace would. */
async function sumDayStats(db: Kysely<any>): Promise<void> {
  const incidents = await db
    .selectFrom('incidents')
    .select(['id', 'start_day', 'end_day', 'admin1_key', 'event_type', 'review_status', 'killed_best', 'civilians_killed'])
    .orderBy('seq')
    .execute();
  if (incidents.length === 0) return;
  const perpetrators = new Map<string, string[]>();
  const links = await db.selectFrom('incident_perpetrators').select(['incident_id', 'perpetrator']).orderBy('incident_id').orderBy('position').execute();
  for (const { incident_id, perpetrator } of links) {
    const list = perpetrators.get(incident_id) ?? [];
    list.push(perpetrator);
    perpetrators.set(incident_id, list);
  }
  const rows = dayStatsRows(incidents.map((i) => ({ ...i, perpetrators: perpetrators.get(i.id) ?? [] })));
  for (let start = 0; start < rows.length; start += 500) await db.insertInto('incident_day_stats').values(rows.slice(start, start + 500)).execute();
}

/**
 * The day columns an incident of unknown date leaves empty (migration 3). Its date columns and
 * days are NULL: a date-range condition never holds for it, a count without one includes it.
 */
export const UNDATED_NULLABLE_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  incidents: ['date_start', 'date_end', 'start_day', 'end_day', 'span_days'],
  incident_perpetrators: ['start_day'],
  incident_documents: ['start_day'],
  incident_claimants: ['start_day'],
  incident_day_stats: ['start_day', 'end_day', 'month_day'],
};

/**
 * Incidents of unknown date (no report gives a day): the day columns of UNDATED_NULLABLE_COLUMNS
 * may be NULL. Stored rows are kept as they are.
 *
 * PostgreSQL drops the NOT NULL constraints in place. SQLite cannot alter a column, so each table
 * is rebuilt from its own CREATE statement with those constraints removed (SQLite's documented
 * procedure, https://sqlite.org/lang_altertable.html#otheralter): renamed aside, created anew,
 * copied, dropped, its indexes recreated. Foreign keys stay on inside the migration transaction
 * (the pragma cannot change there), and renaming `incidents` repoints the tables referencing it at
 * the old copy, so they are rebuilt with it; dropping the old copies after theirs cascades to
 * nothing, and every row is copied back before anything is dropped.
 */
async function undatedIncidents(db: Kysely<any>, dialect: StoreDialect): Promise<void> {
  if (dialect === 'postgres') {
    for (const [table, columns] of Object.entries(UNDATED_NULLABLE_COLUMNS)) {
      let alter = db.schema.alterTable(table).alterColumn(columns[0], (c) => c.dropNotNull());
      for (const column of columns.slice(1)) alter = alter.alterColumn(column, (c) => c.dropNotNull());
      await alter.execute();
    }
    return;
  }
  const referencing = await sql<{ name: string }>`
    SELECT DISTINCT m.name AS name FROM sqlite_master AS m, pragma_foreign_key_list(m.name) AS f
    WHERE m.type = 'table' AND f."table" = 'incidents' ORDER BY m.name`.execute(db);
  const tables = [...new Set(['incidents', ...referencing.rows.map((r) => r.name), ...Object.keys(UNDATED_NULLABLE_COLUMNS)])];
  const saved: { table: string; create: string; indexes: string[]; columns: string[] }[] = [];
  for (const table of tables) {
    const create = await sql<{ sql: string }>`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ${table}`.execute(db);
    if (!create.rows[0]) throw new Error(`table ${table} is missing`);
    const indexes = await sql<{ sql: string }>`SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ${table} AND sql IS NOT NULL ORDER BY name`.execute(db);
    const columns = await sql<{ name: string; notnull: number }>`SELECT name, "notnull" FROM pragma_table_info(${table}) ORDER BY cid`.execute(db);
    const nullable = UNDATED_NULLABLE_COLUMNS[table] ?? [];
    for (const column of nullable) if (!columns.rows.some((c) => c.name === column)) throw new Error(`table ${table} has no column ${column}`);
    saved.push({
      table,
      // A column already nullable (a store taken back to an earlier version by hand) stays so.
      create: withoutNotNull(create.rows[0].sql, table, nullable.filter((n) => columns.rows.some((c) => c.name === n && Number(c.notnull) === 1))),
      indexes: indexes.rows.map((r) => r.sql),
      columns: columns.rows.map((r) => r.name),
    });
  }
  const aside = (table: string) => `${table}_before_undated`;
  // Parent first: renaming it repoints the referencing tables at the copy set aside.
  for (const { table } of saved) await sql`ALTER TABLE ${sql.table(table)} RENAME TO ${sql.table(aside(table))}`.execute(db);
  for (const { table, create, columns } of saved) {
    await sql.raw(create).execute(db);
    const list = sql.join(columns.map((c) => sql.ref(c)));
    await sql`INSERT INTO ${sql.table(table)} (${list}) SELECT ${list} FROM ${sql.table(aside(table))} ORDER BY rowid`.execute(db);
  }
  // Referencing copies before the parent's, so dropping the parent's cascades to nothing.
  for (const { table } of [...saved].reverse()) await sql`DROP TABLE ${sql.table(aside(table))}`.execute(db);
  for (const { indexes } of saved) for (const index of indexes) await sql.raw(index).execute(db);
}

/** A CREATE TABLE statement with `"column" type not null` made `"column" type` for each column named. */
function withoutNotNull(create: string, table: string, columns: readonly string[]): string {
  let out = create;
  for (const column of columns) {
    const pattern = new RegExp(`("${column}" [a-z ]+?) not null`, 'i');
    if (!pattern.test(out)) throw new Error(`column ${table}.${column} is not a NOT NULL column in ${create}`);
    out = out.replace(pattern, '$1');
  }
  return out;
}

/**
 * Issued incident ids (docs/decisions/0017-stable-incident-ids.md): every id ever given to an
 * incident, kept for good — current, merged into another (`successor`) or withdrawn — with the
 * mentions (document, text version, span) it covered when last assigned, which the next relink
 * matches its incidents against. A store linked before this migration has none: its next relink
 * issues the linker's ids, the same ones it had.
 */
async function incidentIds(db: Kysely<any>, dialect: StoreDialect): Promise<void> {
  const t = columnTypes(dialect);
  await db.schema
    .createTable('incident_ids')
    .addColumn('id', t.text, (c) => c.primaryKey())
    .addColumn('seq', t.integer, notNull)
    .addColumn('status', t.text, notNull)
    .addColumn('successor', t.text)
    .addUniqueConstraint('incident_ids_seq_unique', ['seq'])
    .addCheckConstraint('incident_ids_status_check', condition(`status in ('current', 'merged', 'withdrawn')`))
    .addCheckConstraint('incident_ids_successor_check', condition(`(status = 'merged') = (successor is not null)`))
    .execute();
  await db.schema.createIndex('incident_ids_successor').on('incident_ids').column('successor').execute();
  await db.schema
    .createTable('incident_id_mentions')
    .addColumn('incident_id', t.text, notNull)
    .addColumn('position', t.integer, notNull)
    .addColumn('document_id', t.text, notNull)
    .addColumn('content_hash', t.text, notNull)
    .addColumn('span_start', t.integer, notNull)
    .addColumn('span_end', t.integer, notNull)
    .addPrimaryKeyConstraint('incident_id_mentions_pk', ['incident_id', 'position'])
    .addForeignKeyConstraint('incident_id_mentions_id_fk', ['incident_id'], 'incident_ids', ['id'], (fk) => fk.onDelete('cascade'))
    .execute();
}

/**
 * Users, API tokens and login sessions (docs/decisions/0016-users-and-roles.md). Secrets are kept
 * only as salted hashes (src/auth/secret-hash.ts); a token or session row is found by its public
 * id and the presented secret is checked against the hash. Tokens and sessions reference their
 * user by name and go with it (no user is deleted today: disabling keeps the rows).
 */
async function usersAndRoles(db: Kysely<any>, dialect: StoreDialect): Promise<void> {
  const t = columnTypes(dialect);
  const s = db.schema;
  await s
    .createTable('users')
    .addColumn('name', t.text, (c) => c.primaryKey())
    .addColumn('role', t.text, notNull)
    .addColumn('password_hash', t.text)
    .addColumn('disabled', t.integer, notNull)
    .addColumn('created_at', t.text, notNull)
    .addColumn('disabled_at', t.text)
    .addCheckConstraint('users_role_check', condition("role in ('viewer', 'analyst', 'admin')"))
    .addCheckConstraint('users_disabled_check', condition('disabled in (0, 1)'))
    .execute();
  await s
    .createTable('api_tokens')
    .addColumn('id', t.text, (c) => c.primaryKey())
    .addColumn('user_name', t.text, (c) => c.notNull().references('users.name').onDelete('cascade'))
    .addColumn('label', t.text)
    .addColumn('secret_hash', t.text, notNull)
    .addColumn('created_at', t.text, notNull)
    .addColumn('expires_at', t.text)
    .addColumn('revoked_at', t.text)
    .execute();
  await s.createIndex('api_tokens_user').on('api_tokens').column('user_name').execute();
  await s
    .createTable('sessions')
    .addColumn('id', t.text, (c) => c.primaryKey())
    .addColumn('user_name', t.text, (c) => c.notNull().references('users.name').onDelete('cascade'))
    .addColumn('secret_hash', t.text, notNull)
    .addColumn('csrf_token', t.text, notNull)
    .addColumn('created_at', t.text, notNull)
    .addColumn('expires_at', t.text, notNull)
    .addColumn('ended_at', t.text)
    .execute();
  await s.createIndex('sessions_user').on('sessions').column('user_name').execute();
}

/**
 * Review decisions and the audit log (docs/decisions/0018-review-decisions-and-audit.md). The
 * tables of migration 1 gain what they lacked: each decision's whole body as JSON and the incident
 * review version it made, unique per incident, so two analysts deciding on one incident at once
 * cannot both make version N (the second insert fails and is answered 409). The audit log is made
 * append-only in the database itself: a trigger refuses every UPDATE and DELETE (and TRUNCATE on
 * PostgreSQL), whatever code runs against it.
 */
async function reviewAndAudit(db: Kysely<any>, dialect: StoreDialect): Promise<void> {
  const t = columnTypes(dialect);
  await db.schema.alterTable('review_decisions').addColumn('version', t.integer).execute();
  await db.schema.alterTable('review_decisions').addColumn('body', t.json).execute();
  await db.schema.createIndex('review_decisions_version').unique().on('review_decisions').columns(['incident_id', 'version']).execute();
  await db.schema.createIndex('review_decisions_status').on('review_decisions').column('status').execute();
  if (dialect === 'sqlite') {
    await sql`create trigger audit_log_no_update before update on audit_log begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
    await sql`create trigger audit_log_no_delete before delete on audit_log begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
  } else {
    await sql`create function tally_audit_log_append_only() returns trigger language plpgsql as $$ begin raise exception 'audit_log is append-only'; end $$`.execute(db);
    await sql`create trigger audit_log_append_only before update or delete on audit_log for each row execute function tally_audit_log_append_only()`.execute(db);
    await sql`create trigger audit_log_no_truncate before truncate on audit_log for each statement execute function tally_audit_log_append_only()`.execute(db);
  }
}

/**
 * `incident_day_stats` gains scope 2 rows (../day-stats.ts: each incident once, under its only
 * perpetrator or as shared), so statistics by perpetrator can add up to the incidents: the table is
 * summed again from the incidents, as migration 2 first summed it.
 */
async function solePerpetratorStats(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('incident_day_stats').execute();
  await sumDayStats(db);
}

/**
 * Real-world ingest (issue 13, docs/decisions/0030-real-world-ingest.md):
 * - `documents.provenance`: how a document was read (an HTML page's fetched address, where each
 *   field came from), JSON, null for JSON Lines and `.txt`; `documents.detected_language`: the
 *   language found in the text when none was given;
 * - `warnings` kept as a log: when (`at`), which document, and a fingerprint of code, source and
 *   message, unique, so re-running a finished ingest adds no second copy; a document's warnings
 *   are written in the transaction that stores it, so a crash loses neither without the other;
 * - `feeds` and `feed_items`: what `tally watch` polled and fetched, so a restart never fetches or
 *   ingests an item twice.
 */
async function realWorldIngest(db: Kysely<any>, dialect: StoreDialect): Promise<void> {
  const t = columnTypes(dialect);
  const s = db.schema;
  await s.alterTable('documents').addColumn('provenance', t.json).execute();
  await s.alterTable('documents').addColumn('detected_language', t.text).execute();
  await s.alterTable('warnings').addColumn('at', t.text).execute();
  await s.alterTable('warnings').addColumn('document_id', t.text).execute();
  await s.alterTable('warnings').addColumn('fingerprint', t.text).execute();
  // Rows from before have no fingerprint to compute in SQL on both backends: their id stands in.
  await db.updateTable('warnings').set({ fingerprint: sql`'legacy:' || cast(id as text)` }).execute();
  await s.createIndex('warnings_fingerprint').unique().on('warnings').column('fingerprint').execute();
  await s.createIndex('warnings_at').on('warnings').column('at').execute();
  await s
    .createTable('feeds')
    .addColumn('url', t.text, (c) => c.primaryKey())
    .addColumn('etag', t.text)
    .addColumn('last_modified', t.text)
    .addColumn('polled_at', t.text)
    .addColumn('status', t.text)
    .addColumn('error', t.text)
    .addColumn('failures', t.integer, (c) => c.notNull().defaultTo(0))
    .addColumn('next_poll_at', t.text)
    .execute();
  await s
    .createTable('feed_items')
    .addColumn('feed_url', t.text, notNull)
    .addColumn('item_key', t.text, notNull)
    .addColumn('page_url', t.text, notNull)
    .addColumn('stamp', t.text)
    .addColumn('seen_at', t.text, notNull)
    .addColumn('state', t.text, notNull)
    .addColumn('document_id', t.text)
    .addColumn('attempts', t.integer, (c) => c.notNull().defaultTo(0))
    .addColumn('error', t.text)
    .addPrimaryKeyConstraint('feed_items_pk', ['feed_url', 'item_key'])
    .addCheckConstraint('feed_items_state_check', condition("state in ('pending', 'ingested', 'failed')"))
    .execute();
  await s.createIndex('feed_items_page').on('feed_items').column('page_url').execute();
}

/** Every migration this build knows, in order. Append only. */
export const STORE_MIGRATIONS: readonly StoreMigration[] = [
  { version: 1, name: 'initial-schema', up: initialSchema },
  { version: 2, name: 'read-model', up: readModel },
  { version: 3, name: 'undated-incidents', up: undatedIncidents },
  { version: 4, name: 'incident-ids', up: incidentIds },
  { version: 5, name: 'users-and-roles', up: usersAndRoles },
  { version: 6, name: 'review-and-audit', up: reviewAndAudit },
  { version: 7, name: 'sole-perpetrator-stats', up: solePerpetratorStats },
  { version: 8, name: 'real-world-ingest', up: realWorldIngest },
];

/** The key Kysely's Migrator records and sorts by: `0001-initial-schema`. */
export function migrationKey(m: Pick<StoreMigration, 'version' | 'name'>): string {
  return `${String(m.version).padStart(4, '0')}-${m.name}`;
}

function parseMigrationKey(key: string): { version: number; name: string } | null {
  const m = /^(\d{4,})-(.+)$/.exec(key);
  return m ? { version: Number(m[1]), name: m[2] } : null;
}

/** Versions must be 1..n without gaps, names unique kebab-case. */
export function checkMigrationList(migrations: readonly StoreMigration[]): void {
  const names = new Set<string>();
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) {
      throw new MigrationListError(`migration at position ${i} ('${m.name}') has version ${m.version}, expected ${i + 1}: versions must run 1, 2, 3, … without gaps`);
    }
    if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(m.name)) throw new MigrationListError(`migration ${m.version}: name '${m.name}' is not kebab-case`);
    if (names.has(m.name)) throw new MigrationListError(`migration ${m.version}: name '${m.name}' is used twice`);
    names.add(m.name);
  });
}

/** Tables of the connection's schema (SQLite: the main database; PostgreSQL: current_schema()). */
export async function listTables(db: Kysely<any>, dialect: StoreDialect): Promise<string[]> {
  const rows =
    dialect === 'sqlite'
      ? await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`.execute(db)
      : await sql<{ name: string }>`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name`.execute(db);
  return rows.rows.map((r) => r.name);
}

/** Keys recorded in tally_migrations, oldest first ([] when the table does not exist). */
async function recordedMigrations(db: Kysely<any>, dialect: StoreDialect): Promise<string[]> {
  if (!(await listTables(db, dialect)).includes(MIGRATION_TABLE)) return [];
  const rows = await db.selectFrom(MIGRATION_TABLE).select('name').execute();
  return rows.map((r) => String(r.name)).sort();
}

/** Highest applied migration, 0 for a database never migrated. */
export async function schemaVersion(db: Kysely<any>, dialect: StoreDialect): Promise<number> {
  return Math.max(0, ...(await recordedMigrations(db, dialect)).map((k) => parseMigrationKey(k)?.version ?? 0));
}

/**
 * Refuse a database that is not a Tally store: anything in it without our migration record (or
 * with only the pre-Kysely record) means it belongs to someone else, or to an old development
 * build, and must not be migrated over. Tables are listed before the record is read, so a store
 * another process is creating right now is never mistaken for a foreign one.
 */
export async function assertTallyDatabase(db: Kysely<any>, dialect: StoreDialect, location: string): Promise<void> {
  const tables = (await listTables(db, dialect)).filter((t) => t !== MIGRATION_TABLE && t !== MIGRATION_LOCK_TABLE);
  if (tables.length === 0 || (await recordedMigrations(db, dialect)).length > 0) return;
  if (tables.includes(PRE_KYSELY_MIGRATION_TABLE)) {
    throw new StoreOpenError(location, `it was written by a development build of Tally before the store moved to one schema for SQLite and PostgreSQL (docs/decisions/0007-store.md); ingest the documents again into a new store`);
  }
  const shown = `${tables.slice(0, 5).join(', ')}${tables.length > 5 ? ', …' : ''}`;
  throw new StoreOpenError(location, `it is a ${dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'} database but not a Tally store (no ${MIGRATION_TABLE} table; has ${shown})`);
}

function checkRecorded(recorded: string[], migrations: readonly StoreMigration[], location: string): void {
  const known = migrations.length;
  const versions = recorded.map((k) => parseMigrationKey(k)?.version ?? Number.MAX_SAFE_INTEGER);
  const databaseVersion = Math.max(0, ...versions.filter((v) => v !== Number.MAX_SAFE_INTEGER));
  for (const key of recorded) {
    const parsed = parseMigrationKey(key);
    const mine = parsed ? migrations[parsed.version - 1] : undefined;
    if (!parsed || !mine) {
      throw new SchemaVersionError(location, databaseVersion, known, `migration '${key}' is unknown; open it with a newer Tally`);
    }
    if (mine.name !== parsed.name) {
      throw new SchemaVersionError(location, databaseVersion, known, `migration ${parsed.version} is recorded as '${parsed.name}' but this build calls it '${mine.name}'`);
    }
  }
}

/**
 * Bring the database to the last known version through Kysely's Migrator. Returns the versions
 * applied now (empty when it was already current). `location` only labels errors. The recorded
 * timestamp is informational, never compared by anything.
 */
export async function migrateStore(
  db: Kysely<any>,
  dialect: StoreDialect,
  location: string,
  migrations: readonly StoreMigration[] = STORE_MIGRATIONS,
): Promise<number[]> {
  checkMigrationList(migrations);
  const recorded = await recordedMigrations(db, dialect);
  checkRecorded(recorded, migrations, location);
  // Nothing pending: no transaction at all, so a store opens while another process holds the
  // write lock for a long while (a relink of a large store), instead of waiting for it.
  if (migrations.every((m) => recorded.includes(migrationKey(m)))) return [];
  const byKey = new Map(migrations.map((m) => [migrationKey(m), m]));
  const provider = {
    getMigrations: async (): Promise<Record<string, Migration>> =>
      Object.fromEntries(migrations.map((m) => [migrationKey(m), { up: (trx: Kysely<any>) => m.up(trx, dialect) }])),
  };
  const migrator = new Migrator({ db, provider, migrationTableName: MIGRATION_TABLE, migrationLockTableName: MIGRATION_LOCK_TABLE });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results.find((r) => r.status === 'Error');
    const m = failed && byKey.get(failed.migrationName);
    if (m) throw new MigrationFailedError(location, { version: m.version, name: m.name }, error);
    // Another process recorded a migration we do not know between our check and the lock.
    if (/corrupted migrations/.test(describeError(error))) {
      checkRecorded(await recordedMigrations(db, dialect), migrations, location);
    }
    throw error;
  }
  return results.filter((r) => r.status === 'Success').map((r) => byKey.get(r.migrationName)!.version);
}
