/**
 * How an incident list query reaches its rows, chosen here rather than left to each database's
 * planner, so a filtered page over a million incidents costs a few milliseconds on SQLite (whose
 * planner, without fresh statistics, sorts whole filtered sets) and the same SQL shapes serve
 * PostgreSQL. Pages are ordered by (start_day desc, id desc); a query is answered along ONE
 * access path and every other condition is checked on the rows that path yields:
 *
 * - ordered paths read an index already in page order and stop after `limit` rows: the
 *   (start_day, id) index, the (admin1 | event type | review status, start_day, id) indexes, or
 *   the (perpetrator | claimant | document, start_day, incident_id) indexes of the child tables;
 * - an unordered path (bounding box, minimum killed, one word of the text) reads its own index
 *   and sorts; it is taken only when it matches at most SMALL_SET incidents.
 *
 * Which path: each candidate's matches are counted up to SMALL_SET + 1 in one cheap statement
 * (index-only reads; a text word's count comes from the search_terms table, as counting in a text
 * index costs as much as the search); the smallest wins when it is at most SMALL_SET, otherwise the
 * first ordered path by PATH_PREFERENCE. On SQLite the conditions not on the chosen path are written `+column`
 * (SQLite's documented way to keep a term from driving an index); PostgreSQL gets the same SQL
 * without the `+` and plans within that shape with its own statistics.
 *
 * Incidents of unknown date (start_day NULL) come after every dated one, newest id first. A page
 * is read in two parts, each along the path's index: the dated rows (start_day IS NOT NULL, in
 * (start_day, id) order), then, when the filter has no date range, the undated ones (start_day IS
 * NULL, in id order). SQL sorts NULL first (SQLite) or last (PostgreSQL) in a descending order, so
 * the parts are kept apart instead of sorted together: the same pages on both databases.
 */
import { MS_PER_DAY, isoDayOfNumber } from '../domain/days.ts';
import type { RawBuilder } from 'kysely';
import { sql } from './kysely-runtime.ts';
import type { IncidentFilter } from './incident-store.ts';
import type { StoreDialect } from './store-schema.ts';
import { StoreQueryError } from './store-errors.ts';
import { fts5Query, queryWords, tsQuery } from './search-text.ts';

/** Default SMALL_SET: a condition matching at most this many incidents is read whole and sorted (a few ms). */
export const SMALL_SET = 5000;

/** Whole days since 1970-01-01 of an ISO date, or null when it is not a real YYYY-MM-DD date. */
export function dayNumber(iso: unknown): number | null {
  if (typeof iso !== 'string') return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  date.setUTCFullYear(y); // Date.UTC maps years 0–99 to 1900–1999
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return Math.round(date.getTime() / MS_PER_DAY);
}

export function isoDateOfDay(day: number): string {
  return isoDayOfNumber(day);
}

/** The key of a page row: its start day (null when its date is unknown) and id. */
export interface PageKey {
  day: number | null;
  id: string;
}

/** ORDER BY of page rows selected as `p` from IncidentQuery.page: dated newest first, then undated. */
export const PAGE_ORDER = sql`(p.start_day IS NULL), p.start_day DESC, p.id DESC`;

/** The child tables a filter can walk in page order (one row per incident and value). */
const CHILDREN = {
  perpetrator: { table: 'incident_perpetrators', column: 'perpetrator' },
  claimant: { table: 'incident_claimants', column: 'claimant' },
  document: { table: 'incident_documents', column: 'document_id' },
} as const;
type Child = keyof typeof CHILDREN;

/** Incident columns with an index (column, start_day, id). */
const ORDERED_COLUMNS = { admin1: 'admin1_key', eventType: 'event_type', reviewStatus: 'review_status' } as const;
type OrderedColumn = keyof typeof ORDERED_COLUMNS;

type Unordered = 'bbox' | 'minKilled' | 'q';

export type AccessPath =
  | { via: 'order' }
  | { via: 'column'; key: OrderedColumn }
  | { via: 'child'; key: Child }
  | { via: 'unordered'; key: Exclude<Unordered, 'q'> }
  /** The text index, looked up for one word (the rarest); the other words are checked per row. */
  | { via: 'unordered'; key: 'q'; word: string };

/** When no condition is small, walk the first of these the filter has (most selective first, typically). */
const PATH_PREFERENCE: AccessPath[] = [
  { via: 'child', key: 'document' },
  { via: 'child', key: 'perpetrator' },
  { via: 'column', key: 'admin1' },
  { via: 'child', key: 'claimant' },
  { via: 'column', key: 'eventType' },
  { via: 'column', key: 'reviewStatus' },
];

/** IncidentFilter checked and converted to what the SQL compares. */
export interface ParsedFilter {
  fromDay?: number;
  toDay?: number;
  bbox?: [number, number, number, number];
  admin1?: string;
  eventType?: string;
  reviewStatus?: string;
  minKilled?: number;
  perpetrator?: string;
  claimant?: string;
  document?: string;
  /** Normalised query words; absent when q has none. */
  words?: string[];
}

function filterDay(field: 'from' | 'to', value: unknown): number {
  const day = dayNumber(value);
  if (day === null) throw new StoreQueryError(`filter.${field}`, value, 'an ISO date YYYY-MM-DD');
  return day;
}

function text(field: string, value: unknown): string {
  if (typeof value !== 'string') throw new StoreQueryError(`filter.${field}`, value, 'a string');
  return value;
}

export function parseFilter(f: IncidentFilter): ParsedFilter {
  const p: ParsedFilter = {};
  if (f.from !== undefined) p.fromDay = filterDay('from', f.from);
  if (f.to !== undefined) p.toDay = filterDay('to', f.to);
  if (f.bbox !== undefined) {
    const b: unknown = f.bbox;
    const ok = Array.isArray(b) && b.length === 4 && b.every((n) => typeof n === 'number' && Number.isFinite(n)) && b[0] <= b[2] && b[1] <= b[3];
    if (!ok) throw new StoreQueryError('filter.bbox', b, '[west, south, east, north] in degrees with west <= east and south <= north');
    p.bbox = b as [number, number, number, number];
  }
  if (f.admin1 !== undefined) p.admin1 = text('admin1', f.admin1).toLowerCase();
  if (f.eventType !== undefined) p.eventType = text('eventType', f.eventType);
  if (f.reviewStatus !== undefined) p.reviewStatus = text('reviewStatus', f.reviewStatus);
  if (f.minKilled !== undefined) {
    if (typeof f.minKilled !== 'number' || !Number.isFinite(f.minKilled)) throw new StoreQueryError('filter.minKilled', f.minKilled, 'a number');
    p.minKilled = f.minKilled;
  }
  if (f.perpetrator !== undefined) p.perpetrator = text('perpetrator', f.perpetrator);
  if (f.claimant !== undefined) p.claimant = text('claimant', f.claimant);
  if (f.document !== undefined) p.document = text('document', f.document);
  if (f.q !== undefined) {
    const words = queryWords(text('q', f.q));
    if (words.length > 0) p.words = words;
  }
  return p;
}

type Fragment = RawBuilder<unknown>;
const AND = sql` AND `;

/** The SQL of one query: which rows drive it and the conditions on them. */
export class IncidentQuery {
  constructor(
    readonly dialect: StoreDialect,
    readonly filter: ParsedFilter,
    readonly path: AccessPath,
  ) {}

  /** `ref` as a term that may use an index (on the path) or must not (elsewhere; SQLite only). */
  private col(ref: string, onPath: boolean): Fragment {
    return sql.raw(onPath || this.dialect === 'postgres' ? ref : `+${ref}`);
  }

  /** The page-order key of the driving rows: (start_day, id) of the index being walked. */
  private get keyColumns(): [string, string] {
    return this.path.via === 'child' ? ['d.start_day', 'd.incident_id'] : ['i.start_day', 'i.id'];
  }

  private get ordered(): boolean {
    return this.path.via !== 'unordered';
  }

  /** FROM clause: the child table first when walking it (CROSS JOIN keeps that order in SQLite). */
  from(): Fragment {
    if (this.path.via !== 'child') return sql`incidents AS i`;
    return sql`${sql.table(CHILDREN[this.path.key].table)} AS d CROSS JOIN incidents AS i`;
  }

  private dateConditions(): Fragment[] {
    const f = this.filter;
    const out: Fragment[] = [];
    const [start] = this.keyColumns;
    if (f.fromDay !== undefined) {
      out.push(sql`${this.col('i.end_day', false)} >= ${f.fromDay}`);
      // Redundant but bounding: nothing starting before from − (longest span) can reach from,
      // so the ordered index is read over a range instead of to its end.
      if (this.ordered) out.push(sql`${sql.raw(start)} >= ${f.fromDay} - (SELECT coalesce(max(span_days), 0) FROM incidents)`);
    }
    if (f.toDay !== undefined) out.push(sql`${this.ordered ? sql.raw(start) : this.col('i.start_day', false)} <= ${f.toDay}`);
    return out;
  }

  private columnCondition(key: OrderedColumn, value: string): Fragment {
    const onPath = this.path.via === 'column' && this.path.key === key;
    return sql`${this.col(`i.${ORDERED_COLUMNS[key]}`, onPath)} = ${value}`;
  }

  private childCondition(key: Child, value: string): Fragment {
    const { table, column } = CHILDREN[key];
    if (this.path.via === 'child' && this.path.key === key) return sql`${sql.ref(`d.${column}`)} = ${value}`;
    // Checked per driving row through the child's primary key (incident_id, value).
    return sql`EXISTS (SELECT 1 FROM ${sql.table(table)} AS c WHERE c.incident_id = i.id AND ${sql.ref(`c.${column}`)} = ${value})`;
  }

  private unorderedCondition(key: Unordered): Fragment {
    const f = this.filter;
    const onPath = this.path.via === 'unordered' && this.path.key === key;
    if (key === 'bbox') {
      const [west, south, east, north] = f.bbox!;
      const lat = this.col('i.lat', onPath);
      const lon = this.col('i.lon', onPath);
      return sql`${lat} >= ${south} AND ${lat} <= ${north} AND ${lon} >= ${west} AND ${lon} <= ${east}`;
    }
    if (key === 'minKilled') return sql`${this.col('i.killed_best', onPath)} >= ${f.minKilled}`;
    // Each word not looked up in the text index is checked on the rows the path yields: it starts
    // one of the row's words, which are single-space separated, so ' ' || search_text contains
    // ' ' || word. Words hold letters and digits only, never a LIKE wildcard. (A text index probed
    // row by row is far slower, and a several-word lookup pays for its commonest word.) PostgreSQL
    // gets strpos(…) > 0: it guesses a leading-wildcard LIKE matches almost nothing and would then
    // sort the whole table rather than walk the order index; for `> 0` it guesses a third.
    const indexed = onPath && this.path.via === 'unordered' && this.path.key === 'q' ? this.path.word : null;
    const conditions = f
      .words!.filter((w) => w !== indexed)
      .map((w) => (this.dialect === 'postgres' ? sql`strpos(' ' || i.search_text, ${` ${w}`}) > 0` : sql`' ' || i.search_text LIKE ${`% ${w}%`}`));
    if (indexed !== null) {
      conditions.unshift(
        this.dialect === 'postgres'
          ? sql`array_to_tsvector(string_to_array(i.search_text, ' ')) @@ ${tsQuery([indexed])}::tsquery`
          : sql`i.seq IN (SELECT rowid FROM incident_search WHERE incident_search MATCH ${fts5Query([indexed])})`,
      );
    }
    return sql.join(conditions, AND);
  }

  /** Every condition of the filter, the path's own ones written to use its index. */
  conditions(): Fragment[] {
    const f = this.filter;
    const out: Fragment[] = [];
    if (this.path.via === 'child') out.push(sql`i.id = d.incident_id`);
    out.push(...this.dateConditions());
    for (const key of Object.keys(ORDERED_COLUMNS) as OrderedColumn[]) {
      const value = f[key];
      if (value !== undefined) out.push(this.columnCondition(key, value));
    }
    for (const key of Object.keys(CHILDREN) as Child[]) {
      const value = f[key];
      if (value !== undefined) out.push(this.childCondition(key, value));
    }
    if (f.bbox) out.push(this.unorderedCondition('bbox'));
    if (f.minKilled !== undefined) out.push(this.unorderedCondition('minKilled'));
    if (f.words) out.push(this.unorderedCondition('q'));
    return out;
  }

  where(extra: Fragment[] = []): Fragment {
    const all = [...this.conditions(), ...extra];
    return all.length ? sql`WHERE ${sql.join(all, AND)}` : sql``;
  }

  /** A date range leaves out every incident of unknown date. */
  private get includesUndated(): boolean {
    return this.filter.fromDay === undefined && this.filter.toDay === undefined;
  }

  /**
   * Seq, start day and id of one page: rows after `after` in page order, at most `limit`, dated
   * rows first (see the module comment). Order the result with PAGE_ORDER.
   */
  page(after: PageKey | null, limit: number): Fragment {
    const afterDated = after !== null && after.day !== null ? { day: after.day, id: after.id } : null;
    const afterUndated = after !== null && after.day === null ? after.id : null;
    const dated = afterUndated === null ? this.datedPage(afterDated, limit) : null;
    const undated = this.includesUndated ? this.undatedPage(afterUndated, limit) : null;
    if (dated && undated) return sql`SELECT seq, start_day, id FROM (${dated}) AS dated UNION ALL SELECT seq, start_day, id FROM (${undated}) AS undated`;
    return dated ?? undated ?? sql`SELECT i.seq AS seq, i.start_day AS start_day, i.id AS id FROM incidents AS i WHERE 1 = 0`;
  }

  /** Dated rows after (day, id) in (start_day desc, id desc) order. */
  private datedPage(after: { day: number; id: string } | null, limit: number): Fragment {
    const [start, id] = this.keyColumns;
    const [startRef, idRef] = this.ordered ? [sql.raw(start), sql.raw(id)] : [this.col('i.start_day', false), this.col('i.id', false)];
    const keyset = after ? sql`(${startRef}, ${idRef}) < (${after.day}, ${after.id})` : sql`${startRef} IS NOT NULL`;
    // An unordered path sorts what its index yields: `+` stops SQLite walking the order index instead.
    const [orderStart, orderId] = this.ordered ? [sql.raw(start), sql.raw(id)] : [this.col(start, false), this.col(id, false)];
    return sql`SELECT i.seq AS seq, i.start_day AS start_day, i.id AS id FROM ${this.from()} ${this.where([keyset])}
      ORDER BY ${orderStart} DESC, ${orderId} DESC LIMIT ${limit}`;
  }

  /** Rows of unknown date with an id below `afterId` (all when null), newest id first. */
  private undatedPage(afterId: string | null, limit: number): Fragment {
    const [start, id] = this.keyColumns;
    const [startRef, idRef] = this.ordered ? [sql.raw(start), sql.raw(id)] : [this.col('i.start_day', false), this.col('i.id', false)];
    const conditions = [sql`${startRef} IS NULL`, ...(afterId !== null ? [sql`${idRef} < ${afterId}`] : [])];
    // Ordered by the (all NULL) start day too, so the order is the walked index's own, read
    // backwards: PostgreSQL does not take IS NULL as fixing the column and would sort otherwise.
    const [orderStart, orderId] = this.ordered ? [sql.raw(start), sql.raw(id)] : [this.col(start, false), this.col(id, false)];
    return sql`SELECT i.seq AS seq, i.start_day AS start_day, i.id AS id FROM ${this.from()} ${this.where(conditions)}
      ORDER BY ${orderStart} DESC, ${orderId} DESC LIMIT ${limit}`;
  }

  count(): Fragment {
    const f = this.filter;
    if (this.path.via === 'child' && f.fromDay === undefined) {
      // Nothing to check beyond the child's own index: count its entries without visiting incidents.
      const key = this.path.key;
      const others = (Object.keys(f) as (keyof ParsedFilter)[]).filter((k) => f[k] !== undefined && k !== key && k !== 'toDay');
      if (others.length === 0) {
        const { table, column } = CHILDREN[key];
        const to = f.toDay !== undefined ? sql` AND d.start_day <= ${f.toDay}` : sql``;
        return sql`SELECT count(*) AS n FROM ${sql.table(table)} AS d WHERE ${sql.ref(`d.${column}`)} = ${f[key]!}${to}`;
      }
    }
    return sql`SELECT count(*) AS n FROM ${this.from()} ${this.where()}`;
  }

  /** Up to smallSet + 1 matches of `path`'s own condition (index-only), as a scalar subquery. */
  static probe(dialect: StoreDialect, filter: ParsedFilter, path: AccessPath, smallSet: number): Fragment {
    const q = new IncidentQuery(dialect, filter, path);
    const own: Fragment[] = [];
    let from: Fragment = sql`incidents AS i`;
    let start = 'i.start_day';
    if (path.via === 'child') {
      const { table, column } = CHILDREN[path.key];
      from = sql`${sql.table(table)} AS d`;
      start = 'd.start_day';
      own.push(sql`${sql.ref(`d.${column}`)} = ${filter[path.key]!}`);
    } else if (path.via === 'column') {
      own.push(q.columnCondition(path.key, filter[path.key]!));
    } else if (path.via === 'unordered' && path.key === 'q') {
      // Incidents holding a word starting with it, from search_terms: an upper bound (an incident
      // with two such words counts twice) that costs a short index range, not a text search.
      return sql`(SELECT coalesce(sum(incidents), 0) FROM search_terms WHERE term >= ${path.word} AND term < ${`${path.word}\u{10FFFF}`})`;
    } else if (path.via === 'unordered') {
      own.push(q.unorderedCondition(path.key));
    }
    if (path.via !== 'unordered') {
      if (filter.toDay !== undefined) own.push(sql`${sql.raw(start)} <= ${filter.toDay}`);
      if (filter.fromDay !== undefined) own.push(sql`${sql.raw(start)} >= ${filter.fromDay} - (SELECT coalesce(max(span_days), 0) FROM incidents)`);
    }
    const where = own.length ? sql`WHERE ${sql.join(own, AND)}` : sql``;
    return sql`(SELECT count(*) FROM (SELECT 1 FROM ${from} ${where} LIMIT ${smallSet + 1}) AS probe)`;
  }
}

/** The access paths the filter allows (the plain order path always). */
function candidates(f: ParsedFilter): AccessPath[] {
  const out: AccessPath[] = [];
  for (const key of Object.keys(CHILDREN) as Child[]) if (f[key] !== undefined) out.push({ via: 'child', key });
  for (const key of Object.keys(ORDERED_COLUMNS) as OrderedColumn[]) if (f[key] !== undefined) out.push({ via: 'column', key });
  if (f.bbox) out.push({ via: 'unordered', key: 'bbox' });
  if (f.minKilled !== undefined) out.push({ via: 'unordered', key: 'minKilled' });
  for (const word of f.words ?? []) out.push({ via: 'unordered', key: 'q', word });
  if (f.fromDay !== undefined || f.toDay !== undefined) out.push({ via: 'order' });
  return out;
}

function samePath(a: AccessPath, b: AccessPath): boolean {
  return a.via === b.via && ('key' in a ? a.key : null) === ('key' in b ? b.key : null) && ('word' in a ? a.word : null) === ('word' in b ? b.word : null);
}

/**
 * Choose the access path. `countMatches` runs the probe statement (one scalar subquery per
 * candidate) and returns the counts in order; it is not called when the choice is obvious.
 * `smallSet` is SMALL_SET but for tests, which set it to 0 (always walk an ordered path, checking
 * every other condition row by row) or to a huge number (always the smallest condition's path).
 */
export async function choosePath(
  dialect: StoreDialect,
  f: ParsedFilter,
  countMatches: (probes: Fragment[]) => Promise<number[]>,
  smallSet = SMALL_SET,
): Promise<AccessPath> {
  const all = candidates(f);
  const ordered = all.filter((p) => p.via !== 'unordered' && p.via !== 'order');
  const unordered = all.filter((p) => p.via === 'unordered');
  // One ordered condition and nothing to weigh it against: walk it (a date range only narrows it).
  if (unordered.length === 0 && ordered.length <= 1) return ordered[0] ?? { via: 'order' };
  const counts = await countMatches(all.map((p) => IncidentQuery.probe(dialect, f, p, smallSet)));
  let best = -1;
  counts.forEach((n, i) => {
    if (n <= smallSet && (best < 0 || n < counts[best])) best = i;
  });
  if (best >= 0) return all[best];
  return PATH_PREFERENCE.find((p) => ordered.some((o) => samePath(o, p))) ?? { via: 'order' };
}
