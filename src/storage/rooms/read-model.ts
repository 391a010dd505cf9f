/**
 * The read model: what the list, count and statistics queries of the HTTP API read, and what
 * keeps them fast at a million incidents (docs/decisions/0010-read-model-and-workers.md). It owns
 * the tables derived from the incident set at each replace — `incident_day_stats`, `search_terms`
 * and SQLite's text index `incident_search` — the data version and rendering revision in
 * `store_state`, the stored renderings it serves (`incident_bodies.api_json`, made by the
 * IncidentRendering the store was opened with), the in-memory caches kept under the data version
 * (../read-cache.ts), and the access-path choice of ../incident-query-plan.ts that every filtered
 * read goes through.
 *
 * The dialects differ here only in the SQLite text index and the statistics refresh after a replace.
 */
import type { RawBuilder } from 'kysely';
import { sql } from '../kysely-runtime.ts';
import type { Incident } from '../../domain/types.ts';
import { SHARED_PERPETRATORS, type FacetValue, type Facets, type IncidentBatchItem, type IncidentFilter, type IncidentRendering, type Page, type PerpetratorSplit, type StatsBucket, type StatsRow, type UndatedStats } from '../incident-store.ts';
import type { StoreDialect } from '../store-schema.ts';
import { StoreQueryError } from '../store-errors.ts';
import { IncidentQuery, PAGE_ORDER, choosePath, isoDateOfDay, parseFilter, type AccessPath, type PageKey, type ParsedFilter } from '../incident-query-plan.ts';
import { ReadCache } from '../read-cache.ts';
import { answerableFromDayStats, dayStatsCount, dayStatsQuery, dayStatsRows, dayStatsUndated, type StatsQueryRow } from '../day-stats.ts';
import type { IncidentSetRows } from './incident-room.ts';
import { DATA_VERSION_KEY, parseBody, type Db, type StoreWriter } from './store-writer.ts';

/** Largest page queryIncidents returns. */
export const MAX_PAGE_LIMIT = 1000;

const STATS_GROUPS = ['day', 'week', 'month', 'year', 'perpetrator'] as const;
const SPLITS: readonly PerpetratorSplit[] = ['each', 'sole'];

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

/** What a reader checks before trusting cached answers or stored renderings (store_state). */
interface ReadState {
  /** store_state.incidents: changes with every write that changes incidents, in any process. */
  version: string;
  /** Whether incident_bodies.api_json holds the store's rendering (IncidentRendering.revision). */
  renderedJsonCurrent: boolean;
}

/** Month rows folded into years (key: the first of January), in the months' order. */
function byYear(months: readonly StatsRow[]): StatsRow[] {
  const years = new Map<string, StatsRow>();
  for (const m of months) {
    const key = `${m.key.slice(0, 4)}-01-01`;
    const id = JSON.stringify([key, m.perpetrator ?? null]);
    const row = years.get(id);
    if (row) {
      row.incidents += m.incidents;
      row.killed += m.killed;
      row.civilians += m.civilians;
    } else years.set(id, { ...m, key });
  }
  const bytes = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...years.values()].sort((a, b) => bytes(a.key, b.key) || bytes(a.perpetrator ?? '', b.perpetrator ?? ''));
}

/** Entries of the in-memory read caches (../read-cache.ts); statistics answers are the large ones. */
const PLAN_CACHE_ENTRIES = 4096;
const COUNT_CACHE_ENTRIES = 4096;
const STATS_CACHE_ENTRIES = 256;
const UNDATED_CACHE_ENTRIES = 1024;

/** Rows of the derived tables for an incident set (./incident-room.ts), built before the transaction. */
export function derivedRows(incidents: Incident[], set: IncidentSetRows) {
  const { rows } = set;
  const dayStats = dayStatsRows(incidents.map((x, i) => ({ ...rows[i], perpetrators: x.perpetrators })));
  const termCounts = new Map<string, number>();
  for (const r of rows) for (const w of r.search_text.split(' ')) if (w) termCounts.set(w, (termCounts.get(w) ?? 0) + 1);
  const terms = [...termCounts].map(([term, n]) => ({ term, incidents: n }));
  const search = rows.map((r) => ({ rowid: r.seq, search_text: r.search_text }));
  return { dayStats, terms, search };
}

export type DerivedRows = ReturnType<typeof derivedRows>;

export class ReadModel {
  private readonly plans = new ReadCache<AccessPath>(PLAN_CACHE_ENTRIES);
  private readonly counts = new ReadCache<number>(COUNT_CACHE_ENTRIES);
  private readonly statsAnswers = new ReadCache<StatsRow[]>(STATS_CACHE_ENTRIES);
  private readonly undatedAnswers = new ReadCache<UndatedStats>(UNDATED_CACHE_ENTRIES);
  private readonly facetAnswers = new ReadCache<Facets>(1);

  constructor(
    private readonly db: Db,
    private readonly dialect: StoreDialect,
    private readonly writer: StoreWriter,
    private readonly rendering: IncidentRendering,
    /** See SMALL_SET in ../incident-query-plan.ts. */
    private readonly smallSet: number,
    /** Answer counts and statistics from incident_day_stats when the filter allows. */
    private readonly useDayStats: boolean,
  ) {}

  /**
   * Replace the derived tables, record which rendering the stored bodies carry and bump the data
   * version, in the caller's transaction (the one replacing the incidents).
   */
  async replaceIn(trx: Db, set: IncidentSetRows, derived: DerivedRows, op: string): Promise<void> {
    for (const table of ['search_terms', 'incident_day_stats'] as const) await trx.deleteFrom(table).execute();
    if (this.dialect === 'sqlite') {
      await sql`INSERT INTO incident_search (incident_search) VALUES ('delete-all')`.execute(trx);
      await this.writer.insertBatches(trx, 'incident_search', derived.search, op, set.incidentWhat);
    }
    const { terms } = derived;
    await this.writer.insertBatches(trx, 'search_terms', terms, op, (i) => `search word '${terms[i].term}'`);
    await this.writer.insertBatches(trx, 'incident_day_stats', derived.dayStats, op, (i) => `day statistics row #${i}`);
    await trx.updateTable('store_state').set({ value: this.rendering.revision }).where('key', '=', 'incident_json_revision').execute();
    await this.bumpIncidentsVersion(trx);
  }

  /** Incidents matching `filter`, in store order: its access path finds the rows, only their bodies are read. */
  async listMatching(filter: IncidentFilter): Promise<Incident[]> {
    const query = await this.plan(parseFilter(filter));
    const rows = await sql<{ body: string }>`
      SELECT b.body AS body FROM ${query.from()} JOIN incident_bodies AS b ON b.seq = i.seq ${query.where()} ORDER BY i.seq`.execute(this.db);
    return rows.rows.map((r) => parseBody<Incident>(r));
  }

  /**
   * listMatching a batch at a time (same order), each incident with the ingest time of the newest
   * current version of its documents (the incident_documents index is keyed by incident).
   */
  async listMatchingBatch(filter: IncidentFilter, after: number | null, limit: number): Promise<IncidentBatchItem[]> {
    if (!Number.isInteger(limit) || limit < 1) throw new StoreQueryError('page.limit', limit, 'a positive integer');
    if (after !== null && !Number.isInteger(after)) throw new StoreQueryError('page.after', after, 'an incident position (an integer) or null');
    const query = await this.plan(parseFilter(filter));
    const rows = await sql<{ body: string; seq: number | string; reports_at: string | null }>`
      SELECT b.body AS body, i.seq AS seq,
        (SELECT max(doc.ingested_at) FROM incident_documents AS idoc JOIN documents AS doc ON doc.id = idoc.document_id AND doc.is_current = 1
          WHERE idoc.incident_id = i.id) AS reports_at
      FROM ${query.from()} JOIN incident_bodies AS b ON b.seq = i.seq ${query.where(after === null ? [] : [sql`i.seq > ${after}`])}
      ORDER BY i.seq LIMIT ${limit}`.execute(this.db);
    return rows.rows.map((r) => ({ incident: parseBody<Incident>(r), position: Number(r.seq), reportsIngestedAt: r.reports_at }));
  }

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
      items: items.map((r) => (state.renderedJsonCurrent ? r.text : JSON.stringify(this.rendering.render(JSON.parse(r.text) as Incident)))),
      nextCursor: rows.rows.length > limit && last ? encodeCursor(last) : null,
      // Counted under the state read before the page (so never newer than it claims to be).
      total: await this.countMatching(parsed, state),
    };
  }

  /** Computed once per filter and data version (../read-cache.ts). */
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

  /**
   * Changes with every committed write of any kind, by any process: the writes counter
   * (store_state.data, ./store-writer.ts) with the incidents version beside it, so a relink by a
   * build older than the counter still changes it. One indexed read of a two-row table.
   */
  async dataVersion(): Promise<string> {
    const rows = await this.db.selectFrom('store_state').select(['key', 'value']).where('key', 'in', [DATA_VERSION_KEY, 'incidents']).execute();
    const value = (key: string) => Number(rows.find((r) => r.key === key)?.value ?? 0);
    return `${value(DATA_VERSION_KEY)}.${value('incidents')}`;
  }

  private async readState(): Promise<ReadState> {
    const rows = await this.db.selectFrom('store_state').select(['key', 'value']).execute();
    const value = (key: string) => Number(rows.find((r) => r.key === key)?.value ?? NaN);
    return { version: String(value('incidents')), renderedJsonCurrent: value('incident_json_revision') === this.rendering.revision };
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
   * of its ISO week, `month` the first of its month, `year` the first of January. `killed` sums the
   * headline figure (total, else civilians + fighters), `civilians` the civilian figure; an
   * incident with no figure adds 0. With perpetrators and `split` `each` an incident counts once
   * under each of its perpetrators (`unknown` when it has none), so those sums may exceed the
   * incidents' own, and a perpetrator filter keeps only that perpetrator's rows; with `sole` it
   * counts once, under its only perpetrator, `unknown`, or SHARED_PERPETRATORS.
   */
  async stats(filter: IncidentFilter, groupBy: StatsBucket | 'perpetrator', byPerpetrator = false, split: PerpetratorSplit = 'each'): Promise<StatsRow[]> {
    if (!STATS_GROUPS.includes(groupBy)) throw new StoreQueryError('groupBy', groupBy, `one of ${STATS_GROUPS.join(', ')}`);
    if (!SPLITS.includes(split)) throw new StoreQueryError('split', split, `one of ${SPLITS.join(', ')}`);
    const parsed = parseFilter(filter);
    const state = await this.readState();
    const withPerpetrator = byPerpetrator && groupBy !== 'perpetrator';
    const key = JSON.stringify([parsed, groupBy, withPerpetrator, split]);
    // Callers get their own copy: a cached answer must not be changed through a returned array.
    const rows = await this.statsAnswers.get(state.version, key, () =>
      groupBy === 'year' ? this.computeStats(parsed, 'month', byPerpetrator, split, state).then(byYear) : this.computeStats(parsed, groupBy, byPerpetrator, split, state),
    );
    return rows.map((r) => ({ ...r }));
  }

  private async computeStats(parsed: ParsedFilter, groupBy: Exclude<StatsBucket, 'year'> | 'perpetrator', byPerpetrator: boolean, split: PerpetratorSplit, state: ReadState): Promise<StatsRow[]> {
    const withPerpetrator = byPerpetrator && groupBy !== 'perpetrator';
    const perPerpetrator = groupBy === 'perpetrator' || withPerpetrator;
    const sole = split === 'sole' && perPerpetrator;
    const statsRow = (r: StatsQueryRow, key: string): StatsRow => ({
      key,
      ...(withPerpetrator ? { perpetrator: String(r.perpetrator) } : {}),
      incidents: Number(r.incidents),
      killed: Number(r.killed),
      civilians: Number(r.civilians),
    });
    if (this.useDayStats && answerableFromDayStats(parsed, sole)) {
      const rows = await dayStatsQuery(parsed, groupBy, withPerpetrator, sole ? 'sole' : 'each').execute(this.db);
      // Every time bucket of the table is a day number (month_day for months).
      return rows.rows.map((r) => statsRow(r, groupBy === 'perpetrator' ? String(r.key) : isoDateOfDay(Number(r.key))));
    }
    const query = await this.plan(parsed, state);
    const joinPerpetrators = perPerpetrator && !sole;
    // `sole`: the incident's only perpetrator, 'unknown' for none, SHARED_PERPETRATORS for several.
    const perpetratorKey = sql.raw(sole ? 'i.sole_key' : `coalesce(p.perpetrator, 'unknown')`);
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
    // With `sole` the matching incidents are read first, each with its key, then grouped.
    const soleKey = sql`(SELECT CASE count(DISTINCT q.perpetrator) WHEN 0 THEN 'unknown' WHEN 1 THEN min(q.perpetrator) ELSE ${SHARED_PERPETRATORS} END FROM incident_perpetrators AS q WHERE q.incident_id = i.id)`;
    const source = sole
      ? sql`(SELECT i.start_day, i.date_start, i.killed_best, i.civilians_killed, ${soleKey} AS sole_key FROM ${query.from()} ${query.where(dated)}) AS i`
      : sql`${query.from()} ${join} ${query.where(dated)}`;
    const rows = await sql<StatsQueryRow>`
      SELECT ${bucket} AS key, ${withPerpetrator ? perpetratorKey : sql.raw('NULL')} AS perpetrator, count(*) AS incidents,
        coalesce(sum(i.killed_best), 0) AS killed, coalesce(sum(i.civilians_killed), 0) AS civilians
      FROM ${source}
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

  /**
   * The values each filter can take, with their incidents: one grouped read per field, kept until
   * the data version changes.
   */
  async facets(): Promise<Facets> {
    const state = await this.readState();
    const answer = await this.facetAnswers.get(state.version, 'all', async () => {
      const values = async (query: RawBuilder<{ value: string; incidents: number | string }>): Promise<FacetValue[]> =>
        (await query.execute(this.db)).rows
          .map((r) => ({ value: r.value, incidents: Number(r.incidents) }))
          .sort((a, b) => b.incidents - a.incidents || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
      const [perpetrators, claimants, admin1, eventTypes, outlets] = await Promise.all([
        values(sql`SELECT perpetrator AS value, count(DISTINCT incident_id) AS incidents FROM incident_perpetrators GROUP BY perpetrator`),
        values(sql`SELECT claimant AS value, count(DISTINCT incident_id) AS incidents FROM incident_claimants GROUP BY claimant`),
        values(sql`SELECT admin1 AS value, count(*) AS incidents FROM incidents WHERE admin1 IS NOT NULL GROUP BY admin1`),
        values(sql`SELECT event_type AS value, count(*) AS incidents FROM incidents GROUP BY event_type`),
        values(sql`SELECT outlet AS value, count(DISTINCT incident_id) AS incidents FROM claims WHERE outlet IS NOT NULL GROUP BY outlet`),
      ]);
      return { perpetrators, claimants, admin1, eventTypes, outlets };
    });
    return structuredClone(answer);
  }

  /** The access path of a filter (../incident-query-plan.ts), counting candidates when needed. */
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

  /**
   * After a whole-set replace, PostgreSQL gets fresh statistics (which values are common) for its
   * planner, and a VACUUM marks the new pages all-visible so the index-only counts of
   * ../incident-query-plan.ts do not visit the table. It runs after the commit (VACUUM cannot run in
   * a transaction). SQLite needs neither (the plan module's SQL shapes fix its plans), but its
   * write-ahead log is checkpointed.
   */
  async refreshPlannerStatistics(): Promise<void> {
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
