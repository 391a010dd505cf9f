/**
 * The one IncidentStore implementation, written once with Kysely and run on SQLite or PostgreSQL
 * (./sqlite-incident-store.ts and ./postgres-incident-store.ts open the connection and hand it
 * here). Domain objects (mentions, incidents, claims, tallies) are stored whole as JSON in `body`
 * columns — the only thing read back, so they round-trip exactly — with copies of the fields the
 * list filters use in indexed columns (./store-schema.ts). Every write that replaces a set runs in
 * one transaction with multi-row inserts; rows are checked before they are sent, so a refused write
 * names the object (its position and id) and leaves the store as it was. The list, count and stats
 * queries take their SQL from ./incident-query-plan.ts.
 *
 * The dialects differ in this file only in the SQLite text index kept beside the rows and the
 * PostgreSQL statistics refresh after a replace.
 */
import type { Kysely, RawBuilder, Transaction } from 'kysely';
import { sql } from './kysely-runtime.ts';
import type { Article, CountSummary, Incident, Mention, Tally, Warning } from '../domain/types.ts';
import type { GazetteerEntry } from '../domain/gazetteer-entry.ts';
import type {
  DocumentWriteResult,
  IncidentFilter,
  IncidentStore,
  Page,
  StatsBucket,
  StatsRow,
  StoredDocument,
  UndatedStats,
} from './incident-store.ts';
import type { DocumentsTable, GazetteerTable, StoreDatabase, StoreDialect } from './store-schema.ts';
import { StoreQueryError, StoreWriteError, describeError } from './store-errors.ts';
import { documentContentHash } from './document-content-hash.ts';
import { incidentSearchText } from './search-text.ts';
import { IncidentQuery, PAGE_ORDER, SMALL_SET, choosePath, dayNumber, isoDateOfDay, parseFilter, type PageKey, type ParsedFilter } from './incident-query-plan.ts';
import { schemaVersion } from './store-migrations.ts';
import { headlineCount } from '../domain/headline-figure.ts';
import { INCIDENT_JSON_REVISION, incidentJson } from '../export/incidents-json.ts';
import { ReadCache } from './read-cache.ts';
import { answerableFromDayStats, dayStatsCount, dayStatsQuery, dayStatsRows, dayStatsUndated, type StatsQueryRow } from './day-stats.ts';
import type { AccessPath } from './incident-query-plan.ts';

/** Largest page queryIncidents returns. */
export const MAX_PAGE_LIMIT = 1000;

/** Bound parameters per statement: SQLite allows 32766, PostgreSQL 65535. */
const MAX_PARAMETERS: Record<StoreDialect, number> = { sqlite: 32_000, postgres: 60_000 };
/** Rows per INSERT, so a statement stays a few hundred kilobytes whatever the table. */
const MAX_BATCH_ROWS = 500;

const STATS_GROUPS = ['day', 'week', 'month', 'perpetrator'] as const;

type Db = Kysely<StoreDatabase>;

function toStoredDocument(row: DocumentsTable): StoredDocument {
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

function toGazetteerEntry(row: GazetteerTable): GazetteerEntry {
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

function parseBody<T>(row: { body: string }): T {
  return JSON.parse(row.body) as T;
}

/** JSON text of a domain object; a value JSON cannot hold (a BigInt, a cycle) is refused here. */
function json(value: unknown, what: () => string, op: string): string {
  try {
    return JSON.stringify(value);
  } catch (err) {
    throw new StoreWriteError(op, `${what()}: cannot be stored as JSON: ${describeError(err)}`, { cause: err });
  }
}

function refuseDuplicates(ids: readonly string[], what: (i: number, id: string) => string, op: string): void {
  const seen = new Map<string, number>();
  ids.forEach((id, i) => {
    const first = seen.get(id);
    if (first !== undefined) throw new StoreWriteError(op, `${what(i, id)}: duplicate id (first given at #${first})`);
    seen.set(id, i);
  });
}

/**
 * Pages are ordered by (start_day desc, id desc), incidents of unknown date last; the cursor is the
 * last row's key, base64url JSON: [day, id], day null for an undated row.
 */
function encodeCursor(key: { start_day: number | string | null; id: string }): string {
  const day = key.start_day === null ? null : Number(key.start_day);
  return Buffer.from(JSON.stringify([day, key.id]), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): PageKey {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    value = null;
  }
  if (!Array.isArray(value) || value.length !== 2 || !(value[0] === null || Number.isInteger(value[0])) || typeof value[1] !== 'string') {
    throw new StoreQueryError('page.cursor', cursor, 'the nextCursor of a previous page');
  }
  return { day: value[0] as number | null, id: value[1] as string };
}

/** Settings of an open store that are not part of its location. */
export interface StoreOptions {
  /** PostgreSQL connections in the pool (default 10). */
  poolSize?: number;
  /** See SMALL_SET in ./incident-query-plan.ts; tests vary it to run every access path. */
  smallSet?: number;
  /**
   * Answer counts and statistics from incident_day_stats when the filter allows (default true);
   * tests turn it off to check both ways give the same answers.
   */
  dayStats?: boolean;
}

/** What a reader checks before trusting cached answers or stored renderings (store_state). */
interface ReadState {
  /** store_state.incidents: changes with every write that changes incidents, in any process. */
  version: string;
  /** Whether incident_bodies.api_json holds this build's incidents/1 rendering. */
  renderedJsonCurrent: boolean;
}

/** Entries of the in-memory read caches (./read-cache.ts); statistics answers are the large ones. */
const PLAN_CACHE_ENTRIES = 4096;
const COUNT_CACHE_ENTRIES = 4096;
const STATS_CACHE_ENTRIES = 256;
const UNDATED_CACHE_ENTRIES = 1024;

export class KyselyIncidentStore implements IncidentStore {
  private readonly smallSet: number;
  private readonly useDayStats: boolean;
  private readonly plans = new ReadCache<AccessPath>(PLAN_CACHE_ENTRIES);
  private readonly counts = new ReadCache<number>(COUNT_CACHE_ENTRIES);
  private readonly statsAnswers = new ReadCache<StatsRow[]>(STATS_CACHE_ENTRIES);
  private readonly undatedAnswers = new ReadCache<UndatedStats>(UNDATED_CACHE_ENTRIES);

  constructor(
    private readonly db: Db,
    readonly dialect: StoreDialect,
    /** File path, ':memory:' or the PostgreSQL URL with its password hidden. */
    readonly location: string,
    options: StoreOptions = {},
  ) {
    this.smallSet = options.smallSet ?? SMALL_SET;
    this.useDayStats = options.dayStats ?? true;
  }

  /** Highest applied migration. */
  async schemaVersion(): Promise<number> {
    return schemaVersion(this.db, this.dialect);
  }

  // ---- documents and mentions -------------------------------------------------------------

  async putDocument(article: Article, ingestedAt: string): Promise<DocumentWriteResult> {
    return this.write(`putDocument('${article.id}')`, async (trx) => (await this.putDocumentIn(trx, article, ingestedAt)).result);
  }

  async putDocumentWithMentions(article: Article, ingestedAt: string, mentions: Mention[]): Promise<DocumentWriteResult> {
    const op = `putDocumentWithMentions('${article.id}')`;
    const rows = this.mentionRows(article.id, mentions, op);
    return this.write(op, async (trx) => {
      const { result, version } = await this.putDocumentIn(trx, article, ingestedAt);
      if (result !== 'unchanged') await this.insertMentions(trx, rows, version, op);
      return result;
    });
  }

  async getDocument(id: string): Promise<StoredDocument | null> {
    const row = await this.db.selectFrom('documents').selectAll().where('id', '=', id).where('is_current', '=', 1).executeTakeFirst();
    return row ? toStoredDocument(row) : null;
  }

  async listDocuments(): Promise<StoredDocument[]> {
    const rows = await this.db.selectFrom('documents').selectAll().where('is_current', '=', 1).orderBy('id').execute();
    return rows.map(toStoredDocument);
  }

  async listDocumentVersions(id: string): Promise<StoredDocument[]> {
    const rows = await this.db.selectFrom('documents').selectAll().where('id', '=', id).orderBy('version').execute();
    return rows.map(toStoredDocument);
  }

  async replaceMentions(docId: string, mentions: Mention[]): Promise<void> {
    const op = `replaceMentions('${docId}')`;
    const rows = this.mentionRows(docId, mentions, op);
    return this.write(op, async (trx) => {
      const doc = await this.currentDocument(trx, docId);
      if (!doc) throw new StoreWriteError(op, `no document '${docId}' is stored; put the document before its mentions`);
      await trx.deleteFrom('mentions').where('doc_id', '=', docId).where('doc_version', '=', doc.version).execute();
      await this.insertMentions(trx, rows, doc.version, op);
    });
  }

  async listMentions(): Promise<Mention[]> {
    const rows = await this.db
      .selectFrom('mentions as m')
      .innerJoin('documents as d', (j) => j.onRef('d.id', '=', 'm.doc_id').onRef('d.version', '=', 'm.doc_version'))
      .select('m.body')
      .where('d.is_current', '=', 1)
      .orderBy('m.doc_id')
      .orderBy('m.seq')
      .execute();
    return rows.map((r) => parseBody<Mention>(r));
  }

  async listMentionsForDocument(docId: string): Promise<Mention[]> {
    const rows = await this.db
      .selectFrom('mentions as m')
      .innerJoin('documents as d', (j) => j.onRef('d.id', '=', 'm.doc_id').onRef('d.version', '=', 'm.doc_version'))
      .select('m.body')
      .where('d.is_current', '=', 1)
      .where('m.doc_id', '=', docId)
      .orderBy('m.seq')
      .execute();
    return rows.map((r) => parseBody<Mention>(r));
  }

  private async currentDocument(trx: Db, id: string): Promise<{ version: number; content_hash: string } | undefined> {
    return trx.selectFrom('documents').select(['version', 'content_hash']).where('id', '=', id).where('is_current', '=', 1).executeTakeFirst();
  }

  private async putDocumentIn(trx: Db, article: Article, ingestedAt: string): Promise<{ result: DocumentWriteResult; version: number }> {
    const hash = documentContentHash(article);
    const current = await this.currentDocument(trx, article.id);
    if (current && current.content_hash === hash) return { result: 'unchanged', version: current.version };
    if (current) await trx.updateTable('documents').set({ is_current: 0 }).where('id', '=', article.id).where('is_current', '=', 1).execute();
    const version = current ? current.version + 1 : 1;
    await trx
      .insertInto('documents')
      .values({
        id: article.id,
        version,
        content_hash: hash,
        text: article.text,
        published: article.published,
        url: article.url,
        outlet: article.outlet,
        title: article.title,
        language: article.language,
        ingested_at: ingestedAt,
        is_current: 1,
      })
      .execute();
    return { result: current ? 'new_version' : 'new', version };
  }

  /** Mention rows without their document version (known only inside the transaction). */
  private mentionRows(docId: string, mentions: Mention[], op: string) {
    mentions.forEach((m, seq) => {
      if (m.docId !== docId) throw new StoreWriteError(op, `mention #${seq} '${m.id}' belongs to document '${m.docId}', not '${docId}'`);
    });
    refuseDuplicates(mentions.map((m) => m.id), (i, id) => `mention #${i} '${id}'`, op);
    return mentions.map((m, seq) => ({
      doc_id: docId,
      seq,
      id: m.id,
      kind: m.kind,
      event_type: m.eventType?.value ?? null,
      date_start: m.date?.start ?? null,
      date_end: m.date?.end ?? null,
      body: json(m, () => `mention #${seq} '${m.id}'`, op),
    }));
  }

  private async insertMentions(trx: Db, rows: ReturnType<KyselyIncidentStore['mentionRows']>, version: number, op: string): Promise<void> {
    await this.insertBatches(trx, 'mentions', rows.map((r) => ({ ...r, doc_version: version })), op, (i) => `mention #${i} '${rows[i].id}'`);
  }

  // ---- incidents and tallies --------------------------------------------------------------

  async replaceIncidents(incidents: Incident[], tallies: Tally[]): Promise<void> {
    const op = 'replaceIncidents';
    const incidentWhat = (i: number) => `incident #${i} '${incidents[i].id}'`;
    const tallyWhat = (i: number) => `tally #${i} '${tallies[i].id}'`;
    refuseDuplicates(incidents.map((x) => x.id), (i, id) => `incident #${i} '${id}'`, op);
    refuseDuplicates(tallies.map((x) => x.id), (i, id) => `tally #${i} '${id}'`, op);
    const rows = incidents.map((incident, seq) => this.incidentRow(incident, seq, () => incidentWhat(seq), op));
    const bodies = incidents.map((incident, seq) => ({
      seq,
      body: json(incident, () => incidentWhat(seq), op),
      api_json: json(incidentJson(incident), () => incidentWhat(seq), op),
    }));
    const dayStats = dayStatsRows(incidents.map((x, i) => ({ ...rows[i], perpetrators: x.perpetrators })));
    const perpetrators = incidents.flatMap((x, i) =>
      [...new Set(x.perpetrators)].map((perpetrator, position) => ({ incident_id: x.id, perpetrator, position, start_day: rows[i].start_day })),
    );
    const documents = incidents.flatMap((x, i) =>
      [...new Set(x.documents)].map((document_id, position) => ({ incident_id: x.id, document_id, position, start_day: rows[i].start_day })),
    );
    const claimants = incidents.flatMap((x, i) => [...new Set(x.claims.map((c) => c.claimant))].map((claimant) => ({ incident_id: x.id, claimant, start_day: rows[i].start_day })));
    const claims = incidents.flatMap((x, i) =>
      x.claims.map((c, seq) => ({
        incident_id: x.id,
        seq,
        claimant: c.claimant,
        document_id: c.document,
        outlet: c.outlet,
        published: c.published,
        span_start: c.start,
        span_end: c.end,
        quote: c.quote,
        killed_total: c.killed.total ?? null,
        body: json(c, () => `${incidentWhat(i)} claim #${seq}`, op),
      })),
    );
    const tallyRows = tallies.map((tally, seq) => ({
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
      body: json(tally, () => tallyWhat(seq), op),
    }));
    const termCounts = new Map<string, number>();
    for (const r of rows) for (const w of r.search_text.split(' ')) if (w) termCounts.set(w, (termCounts.get(w) ?? 0) + 1);
    const terms = [...termCounts].map(([term, n]) => ({ term, incidents: n }));
    await this.write(op, async (trx) => {
      // Children first: faster than cascading row by row.
      const tables = ['claims', 'incident_claimants', 'incident_perpetrators', 'incident_documents', 'incident_bodies', 'incidents', 'search_terms', 'tallies', 'incident_day_stats'] as const;
      for (const table of tables) await trx.deleteFrom(table).execute();
      if (this.dialect === 'sqlite') await sql`INSERT INTO incident_search (incident_search) VALUES ('delete-all')`.execute(trx);
      await this.insertBatches(trx, 'incidents', rows, op, incidentWhat);
      await this.insertBatches(trx, 'incident_bodies', bodies, op, incidentWhat);
      await this.insertBatches(trx, 'incident_perpetrators', perpetrators, op, (i) => `perpetrator '${perpetrators[i].perpetrator}' of incident '${perpetrators[i].incident_id}'`);
      await this.insertBatches(trx, 'incident_documents', documents, op, (i) => `document '${documents[i].document_id}' of incident '${documents[i].incident_id}'`);
      await this.insertBatches(trx, 'incident_claimants', claimants, op, (i) => `claimant '${claimants[i].claimant}' of incident '${claimants[i].incident_id}'`);
      await this.insertBatches(trx, 'claims', claims, op, (i) => `claim #${claims[i].seq} of incident '${claims[i].incident_id}'`);
      if (this.dialect === 'sqlite') {
        const search = rows.map((r) => ({ rowid: r.seq, search_text: r.search_text }));
        await this.insertBatches(trx, 'incident_search', search, op, incidentWhat);
      }
      await this.insertBatches(trx, 'search_terms', terms, op, (i) => `search word '${terms[i].term}'`);
      await this.insertBatches(trx, 'tallies', tallyRows, op, tallyWhat);
      await this.insertBatches(trx, 'incident_day_stats', dayStats, op, (i) => `day statistics row #${i}`);
      await trx.updateTable('store_state').set({ value: INCIDENT_JSON_REVISION }).where('key', '=', 'incident_json_revision').execute();
      await this.bumpIncidentsVersion(trx);
    });
    await this.refreshPlannerStatistics();
  }

  /** The day columns of an incident's date: all null when it is unknown. */
  private incidentDays(incident: Incident, what: () => string, op: string) {
    // Checked, not trusted: a store is handed objects that may come from anywhere.
    if (incident.date?.precision === 'unknown') {
      if (incident.date.start !== null || incident.date.end !== null) {
        throw new StoreWriteError(op, `${what()}: date ${JSON.stringify(incident.date)} has precision 'unknown' but a start or end; an unknown date has null start and end`);
      }
      return { date_start: null, date_end: null, start_day: null, end_day: null, span_days: null, date_precision: 'unknown' };
    }
    const start = dayNumber(incident.date?.start);
    const end = dayNumber(incident.date?.end);
    if (start === null || end === null) {
      throw new StoreWriteError(
        op,
        `${what()}: date ${JSON.stringify(incident.date)} does not have ISO start and end dates (YYYY-MM-DD), nor null ones with precision 'unknown'`,
      );
    }
    return { date_start: incident.date.start, date_end: incident.date.end, start_day: start, end_day: end, span_days: Math.max(0, end - start), date_precision: incident.date.precision };
  }

  private incidentRow(incident: Incident, seq: number, what: () => string, op: string) {
    const loc = incident.location;
    return {
      id: incident.id,
      seq,
      event_type: incident.eventType,
      ...this.incidentDays(incident, what, op),
      location_name: loc?.name ?? null,
      gazetteer_id: loc?.gazetteerId ?? null,
      admin1: loc?.admin1 ?? null,
      admin1_key: loc?.admin1?.toLowerCase() ?? null,
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
      search_text: incidentSearchText(incident),
    };
  }

  async listIncidents(filter?: IncidentFilter): Promise<Incident[]> {
    if (filter === undefined || Object.values(filter).every((v) => v === undefined)) {
      const rows = await this.db.selectFrom('incident_bodies').select('body').orderBy('seq').execute();
      return rows.map((r) => parseBody<Incident>(r));
    }
    // The filter's own access path finds the rows; only their bodies are read, in store order.
    const query = await this.plan(parseFilter(filter));
    const rows = await sql<{ body: string }>`
      SELECT b.body AS body FROM ${query.from()} JOIN incident_bodies AS b ON b.seq = i.seq ${query.where()} ORDER BY i.seq`.execute(this.db);
    return rows.rows.map((r) => parseBody<Incident>(r));
  }

  async listTallies(): Promise<Tally[]> {
    const rows = await this.db.selectFrom('tallies').select('body').orderBy('seq').execute();
    return rows.map((r) => parseBody<Tally>(r));
  }

  async getIncident(id: string): Promise<Incident | null> {
    const row = await this.db
      .selectFrom('incidents as i')
      .innerJoin('incident_bodies as b', 'b.seq', 'i.seq')
      .select('b.body')
      .where('i.id', '=', id)
      .executeTakeFirst();
    return row ? parseBody<Incident>(row) : null;
  }

  // ---- incident queries -------------------------------------------------------------------

  async queryIncidents(filter: IncidentFilter, page: { cursor?: string | null; limit: number }): Promise<Page<Incident>> {
    const limit = page.limit;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_LIMIT) throw new StoreQueryError('page.limit', limit, `an integer from 1 to ${MAX_PAGE_LIMIT}`);
    const after = page.cursor ? decodeCursor(page.cursor) : null;
    const query = await this.plan(parseFilter(filter));
    // The page's keys are found first (narrow rows, one more than asked tells whether another
    // page exists), then only those rows' bodies are read.
    const rows = await sql<{ body: string; start_day: number | null; id: string }>`
      SELECT b.body AS body, p.start_day AS start_day, p.id AS id
      FROM (${query.page(after, limit + 1)}) AS p JOIN incident_bodies AS b ON b.seq = p.seq
      ORDER BY ${PAGE_ORDER}`.execute(this.db);
    const items = rows.rows.slice(0, limit);
    const last = items.at(-1);
    return {
      items: items.map((r) => parseBody<Incident>(r)),
      nextCursor: rows.rows.length > limit && last ? encodeCursor(last) : null,
    };
  }

  /**
   * queryIncidents with each incident as its incidents/1 JSON text (what the HTTP API sends),
   * read as stored at the last replace, or rendered here when the store was written by a build
   * with another rendering (store_state.incident_json_revision).
   */
  async queryIncidentJson(filter: IncidentFilter, page: { cursor?: string | null; limit: number }): Promise<Page<string> & { total: number }> {
    const limit = page.limit;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_LIMIT) throw new StoreQueryError('page.limit', limit, `an integer from 1 to ${MAX_PAGE_LIMIT}`);
    const after = page.cursor ? decodeCursor(page.cursor) : null;
    const parsed = parseFilter(filter);
    const state = await this.readState();
    const query = await this.plan(parsed, state);
    const column = state.renderedJsonCurrent ? sql.raw('b.api_json') : sql.raw('b.body');
    const rows = await sql<{ text: string; start_day: number | null; id: string }>`
      SELECT ${column} AS text, p.start_day AS start_day, p.id AS id
      FROM (${query.page(after, limit + 1)}) AS p JOIN incident_bodies AS b ON b.seq = p.seq
      ORDER BY ${PAGE_ORDER}`.execute(this.db);
    const items = rows.rows.slice(0, limit);
    const last = items.at(-1);
    return {
      items: items.map((r) => (state.renderedJsonCurrent ? r.text : JSON.stringify(incidentJson(JSON.parse(r.text) as Incident)))),
      nextCursor: rows.rows.length > limit && last ? encodeCursor(last) : null,
      // Counted under the state read before the page (so never newer than it claims to be).
      total: await this.countMatching(parsed, state),
    };
  }

  /** Computed once per filter and data version (./read-cache.ts). */
  async countIncidents(filter: IncidentFilter): Promise<number> {
    return this.countMatching(parseFilter(filter), await this.readState());
  }

  private countMatching(parsed: ParsedFilter, state: ReadState): Promise<number> {
    return this.counts.get(state.version, JSON.stringify(parsed), async () => {
      if (this.useDayStats && answerableFromDayStats(parsed)) {
        const rows = await dayStatsCount(parsed).execute(this.db);
        return Number(rows.rows[0].n);
      }
      const query = await this.plan(parsed, state);
      const rows = await sql<{ n: number | string }>`${query.count()}`.execute(this.db);
      return Number(rows.rows[0].n);
    });
  }

  /** store_state.incidents: changes whenever the incidents change, whichever process wrote them. */
  async incidentsVersion(): Promise<string> {
    return (await this.readState()).version;
  }

  private async readState(): Promise<ReadState> {
    const rows = await this.db.selectFrom('store_state').select(['key', 'value']).execute();
    const value = (key: string) => Number(rows.find((r) => r.key === key)?.value ?? NaN);
    return { version: String(value('incidents')), renderedJsonCurrent: value('incident_json_revision') === INCIDENT_JSON_REVISION };
  }

  private async bumpIncidentsVersion(trx: Db): Promise<void> {
    await trx
      .updateTable('store_state')
      .set((eb) => ({ value: eb('value', '+', 1) }))
      .where('key', '=', 'incidents')
      .execute();
  }

  /**
   * Time buckets are keyed by their first day: `day` the incident's start date, `week` the Monday
   * of its ISO week, `month` the first of its month. `killed` sums the headline figure (total,
   * else civilians + fighters), `civilians` the civilian figure; an incident with no figure adds
   * 0. With perpetrators an incident counts once under each of its perpetrators (`unknown` when it
   * has none), so those sums may exceed the incidents' own; a perpetrator filter keeps only that
   * perpetrator's rows.
   */
  async stats(filter: IncidentFilter, groupBy: StatsBucket | 'perpetrator', byPerpetrator = false): Promise<StatsRow[]> {
    if (!STATS_GROUPS.includes(groupBy)) throw new StoreQueryError('groupBy', groupBy, `one of ${STATS_GROUPS.join(', ')}`);
    const parsed = parseFilter(filter);
    const state = await this.readState();
    const withPerpetrator = byPerpetrator && groupBy !== 'perpetrator';
    const key = JSON.stringify([parsed, groupBy, withPerpetrator]);
    // Callers get their own copy: a cached answer must not be changed through a returned array.
    const rows = await this.statsAnswers.get(state.version, key, () => this.computeStats(parsed, groupBy, byPerpetrator, state));
    return rows.map((r) => ({ ...r }));
  }

  private async computeStats(parsed: ParsedFilter, groupBy: StatsBucket | 'perpetrator', byPerpetrator: boolean, state: ReadState): Promise<StatsRow[]> {
    const withPerpetrator = byPerpetrator && groupBy !== 'perpetrator';
    const statsRow = (r: StatsQueryRow, key: string): StatsRow => ({
      key,
      ...(withPerpetrator ? { perpetrator: String(r.perpetrator) } : {}),
      incidents: Number(r.incidents),
      killed: Number(r.killed),
      civilians: Number(r.civilians),
    });
    if (this.useDayStats && answerableFromDayStats(parsed)) {
      const rows = await dayStatsQuery(parsed, groupBy, withPerpetrator).execute(this.db);
      // Every time bucket of the table is a day number (month_day for months).
      return rows.rows.map((r) => statsRow(r, groupBy === 'perpetrator' ? String(r.key) : isoDateOfDay(Number(r.key))));
    }
    const query = await this.plan(parsed, state);
    const joinPerpetrators = groupBy === 'perpetrator' || byPerpetrator;
    const perpetratorKey = sql.raw(`coalesce(p.perpetrator, 'unknown')`);
    const bucket =
      groupBy === 'day'
        ? sql.raw('i.start_day')
        : groupBy === 'week'
          ? // 1970-01-01 was a Thursday: (day + 3) mod 7 is 0 on Mondays (made non-negative before 1970).
            sql.raw('i.start_day - ((i.start_day + 3) % 7 + 7) % 7')
          : groupBy === 'month'
            ? sql.raw(`substr(i.date_start, 1, 7) || '-01'`)
            : perpetratorKey;
    const join = joinPerpetrators
      ? sql`LEFT JOIN incident_perpetrators AS p ON p.incident_id = i.id${parsed.perpetrator !== undefined ? sql` AND p.perpetrator = ${parsed.perpetrator}` : sql``}`
      : sql``;
    const groups = withPerpetrator ? sql`${bucket}, ${perpetratorKey}` : bucket;
    // Time buckets have no place for an incident without a day.
    const dated = groupBy === 'perpetrator' ? [] : [sql`i.start_day IS NOT NULL`];
    const rows = await sql<StatsQueryRow>`
      SELECT ${bucket} AS key, ${withPerpetrator ? perpetratorKey : sql.raw('NULL')} AS perpetrator, count(*) AS incidents,
        coalesce(sum(i.killed_best), 0) AS killed, coalesce(sum(i.civilians_killed), 0) AS civilians
      FROM ${query.from()} ${join} ${query.where(dated)}
      GROUP BY ${groups} ORDER BY ${groups}`.execute(this.db);
    return rows.rows.map((r) => statsRow(r, groupBy === 'day' || groupBy === 'week' ? isoDateOfDay(Number(r.key)) : String(r.key)));
  }

  /**
   * Incidents of unknown date matching `filter` — none when it has a date range — with the sums
   * statistics make: what day, week and month buckets leave out.
   */
  async undatedStats(filter: IncidentFilter): Promise<UndatedStats> {
    const parsed = parseFilter(filter);
    const state = await this.readState();
    const answer = await this.undatedAnswers.get(state.version, JSON.stringify(parsed), async () => {
      const none: UndatedStats = { incidents: 0, killed: 0, civilians: 0 };
      if (parsed.fromDay !== undefined || parsed.toDay !== undefined) return none;
      let row: Omit<StatsQueryRow, 'key' | 'perpetrator'> | undefined;
      if (this.useDayStats && answerableFromDayStats(parsed)) {
        row = (await dayStatsUndated(parsed).execute(this.db)).rows[0];
      } else {
        const query = await this.plan(parsed, state);
        row = (
          await sql<Omit<StatsQueryRow, 'key' | 'perpetrator'>>`
            SELECT count(*) AS incidents, coalesce(sum(i.killed_best), 0) AS killed, coalesce(sum(i.civilians_killed), 0) AS civilians
            FROM ${query.from()} ${query.where([sql`i.start_day IS NULL`])}`.execute(this.db)
        ).rows[0];
      }
      return row ? { incidents: Number(row.incidents), killed: Number(row.killed), civilians: Number(row.civilians) } : none;
    });
    return { ...answer };
  }

  /** The access path of a filter (./incident-query-plan.ts), counting candidates when needed. */
  private async plan(filter: ParsedFilter, state?: ReadState): Promise<IncidentQuery> {
    const version = (state ?? (await this.readState())).version;
    const path = await this.plans.get(version, JSON.stringify(filter), () =>
      choosePath(this.dialect, filter, async (probes: RawBuilder<unknown>[]) => {
        const names = probes.map((_, i) => `p${i}`);
        const row = await sql<Record<string, number | string>>`SELECT ${sql.join(probes.map((p, i) => sql`${p} AS ${sql.ref(names[i])}`))}`.execute(this.db);
        return names.map((n) => Number(row.rows[0][n]));
      }, this.smallSet),
    );
    return new IncidentQuery(this.dialect, filter, path);
  }

  // ---- warnings and gazetteer -------------------------------------------------------------

  async addWarnings(runId: string, warnings: Warning[]): Promise<void> {
    const op = `addWarnings('${runId}')`;
    const rows = warnings.map((w) => ({ run_id: runId, code: w.code, message: w.message, source: w.source }));
    return this.write(op, (trx) => this.insertBatches(trx, 'warnings', rows, op, (i) => `warning #${i} '${warnings[i].code}'`));
  }

  async listWarnings(runId?: string): Promise<(Warning & { runId: string })[]> {
    let query = this.db.selectFrom('warnings').select(['run_id', 'code', 'message', 'source']).orderBy('id');
    if (runId !== undefined) query = query.where('run_id', '=', runId);
    const rows = await query.execute();
    return rows.map((r) => ({ code: r.code, message: r.message, source: r.source, runId: r.run_id }));
  }

  async replaceGazetteer(entries: Iterable<GazetteerEntry>, source: string): Promise<number> {
    const op = `replaceGazetteer(source '${source}')`;
    return this.write(op, async (trx) => {
      await trx.deleteFrom('gazetteer').execute();
      const seen = new Map<string, number>();
      let batch: GazetteerTable[] = [];
      let batchStart = 0;
      let n = 0;
      const flush = async () => {
        const rows = batch;
        const first = batchStart;
        await this.insertBatches(trx, 'gazetteer', rows, op, (i) => `entry #${first + i} '${rows[i].id}'`);
        batch = [];
        batchStart = n;
      };
      for (const e of entries) {
        const what = `entry #${n} '${e.id}'`;
        const problem = gazetteerEntryProblem(e);
        if (problem) throw new StoreWriteError(op, `${what}: ${problem}`);
        const first = seen.get(e.id);
        if (first !== undefined) throw new StoreWriteError(op, `${what}: duplicate id (first given at #${first})`);
        seen.set(e.id, n);
        batch.push({
          id: e.id,
          seq: n,
          name: e.name,
          ascii_name: e.asciiName,
          alt_names: json(e.alternateNames, () => what, op),
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
        n++;
        if (batch.length >= 5000) await flush();
      }
      await flush();
      await trx
        .insertInto('gazetteer_meta')
        .values({ singleton: 1, source, entry_count: n })
        .onConflict((oc) => oc.column('singleton').doUpdateSet({ source, entry_count: n }))
        .execute();
      return n;
    });
  }

  async loadGazetteer(): Promise<GazetteerEntry[]> {
    const rows = await this.db.selectFrom('gazetteer').selectAll().orderBy('seq').execute();
    return rows.map(toGazetteerEntry);
  }

  async gazetteerSource(): Promise<string | null> {
    const row = await this.db.selectFrom('gazetteer_meta').select('source').where('singleton', '=', 1).executeTakeFirst();
    return row?.source ?? null;
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }

  // ---- plumbing ---------------------------------------------------------------------------

  /** Run `fn` in one transaction; any failure rolls it back and surfaces as a StoreWriteError. */
  private async write<T>(op: string, fn: (trx: Transaction<StoreDatabase>) => Promise<T>): Promise<T> {
    try {
      return await this.db.transaction().execute(fn);
    } catch (err) {
      if (err instanceof StoreWriteError) throw err;
      throw new StoreWriteError(op, describeError(err), { cause: err });
    }
  }

  /**
   * Multi-row INSERTs of at most MAX_BATCH_ROWS rows and the dialect's parameter limit. A row
   * the database refuses is named by the range of its batch (`what` of the first and last row).
   */
  private async insertBatches<T extends keyof StoreDatabase>(
    trx: Db,
    table: T,
    rows: readonly object[],
    op: string,
    what: (index: number) => string,
  ): Promise<void> {
    if (rows.length === 0) return;
    const columns = Object.keys(rows[0]).length;
    const size = Math.max(1, Math.min(MAX_BATCH_ROWS, Math.floor(MAX_PARAMETERS[this.dialect] / columns)));
    for (let start = 0; start < rows.length; start += size) {
      const batch = rows.slice(start, start + size);
      try {
        await trx.insertInto(table).values(batch as never).execute();
      } catch (err) {
        const end = start + batch.length - 1;
        const where = batch.length === 1 ? what(start) : `one of ${what(start)} … ${what(end)}`;
        throw new StoreWriteError(op, `${where}: ${describeError(err)}`, { cause: err });
      }
    }
  }

  /**
   * After a whole-set replace, PostgreSQL gets fresh statistics (which values are common) for its
   * planner, and a VACUUM marks the new pages all-visible so the index-only counts of
   * ./incident-query-plan.ts do not visit the table. It runs after the commit (VACUUM cannot run in
   * a transaction). SQLite needs neither (the plan module's SQL shapes fix its plans), but its
   * write-ahead log is checkpointed.
   */
  private async refreshPlannerStatistics(): Promise<void> {
    if (this.dialect === 'postgres') {
      await sql`VACUUM (ANALYZE) incidents, incident_perpetrators, incident_documents, incident_claimants, search_terms, incident_day_stats`.execute(this.db);
    } else {
      // A whole-set replace is one transaction, so its pages sit in the write-ahead log (gigabytes at
      // a million incidents) and every read looks them up there. Copy them into the database file
      // and empty the log; when a reader keeps that from finishing, SQLite's own checkpoints do it
      // later.
      await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(this.db);
    }
  }
}

/** Why a gazetteer entry cannot be stored, or null. */
function gazetteerEntryProblem(e: GazetteerEntry): string | null {
  for (const key of ['id', 'name', 'asciiName', 'featureClass', 'featureCode', 'countryCode'] as const) {
    if (typeof e[key] !== 'string') return `${key} is ${JSON.stringify(e[key]) ?? 'undefined'}, expected a string`;
  }
  for (const key of ['lat', 'lon', 'population'] as const) {
    if (typeof e[key] !== 'number' || !Number.isFinite(e[key])) return `${key} is ${JSON.stringify(e[key]) ?? 'undefined'}, expected a number`;
  }
  if (!Array.isArray(e.alternateNames)) return 'alternateNames is not a list';
  return null;
}
