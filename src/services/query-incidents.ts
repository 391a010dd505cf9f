/**
 * Read use cases over stored incidents for the HTTP API and anything else that browses a store:
 * one page of a filtered list (with the total), one incident with the documents it cites, every
 * incident of a filtered set (for exports), and casualty statistics. Pages are keyset-paginated by
 * the store; the cursor handed to callers wraps the store's cursor together with a fingerprint of
 * the filter it was issued for, so a cursor that was altered, truncated or reused with other
 * filters is refused with a message instead of silently returning the wrong rows.
 */
import { createHash } from 'node:crypto';
import type { Incident } from '../domain/types.ts';
import type { IncidentFilter, IncidentStore, StatsBucket, StatsRow, StoredDocument, UndatedStats } from '../storage/incident-store.ts';
import { InvalidParameterError, NotFoundError } from './service-errors.ts';

export const DEFAULT_PAGE_LIMIT = 50;
export const MAX_PAGE_LIMIT = 500;

export interface IncidentPage {
  /** Each incident's incidents/1 JSON text (src/export/incidents-json.ts). */
  itemsJson: string[];
  /** Pass back unchanged to get the next page; null on the last page. */
  nextCursor: string | null;
  /** Incidents matching the filter, across all pages. */
  total: number;
}

export interface IncidentWithDocuments {
  incident: Incident;
  /** The current version of every document the incident cites, in the incident's order. */
  documents: StoredDocument[];
}

const CURSOR_VERSION = 1;
const CURSOR_EXPECTED = 'expected the next_cursor value of the previous page, unchanged, with the same filters';

/**
 * A fingerprint of the filter: keys sorted, undefined dropped, so the same filter written in any
 * order gives the same value.
 */
export function filterFingerprint(filter: IncidentFilter): string {
  const entries = Object.entries(filter)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return createHash('sha256').update(JSON.stringify(entries)).digest('base64url').slice(0, 16);
}

export function encodeCursor(storeCursor: string, filter: IncidentFilter): string {
  return Buffer.from(JSON.stringify([CURSOR_VERSION, filterFingerprint(filter), storeCursor]), 'utf8').toString('base64url');
}

/** The store's cursor inside an API cursor; InvalidParameterError('cursor') when it is not one we issued for this filter. */
export function decodeCursor(cursor: string, filter: IncidentFilter): string {
  let decoded: unknown;
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw new Error('not base64url');
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidParameterError('cursor', cursor, CURSOR_EXPECTED);
  }
  if (!Array.isArray(decoded) || decoded.length !== 3 || decoded[0] !== CURSOR_VERSION || typeof decoded[1] !== 'string' || typeof decoded[2] !== 'string') {
    throw new InvalidParameterError('cursor', cursor, CURSOR_EXPECTED);
  }
  if (decoded[1] !== filterFingerprint(filter)) {
    throw new InvalidParameterError('cursor', cursor, 'it was issued for different filters; start again without a cursor when the filters change');
  }
  return decoded[2];
}

function checkLimit(limit: number): void {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_LIMIT) {
    throw new InvalidParameterError('limit', limit, `expected an integer from 1 to ${MAX_PAGE_LIMIT}`);
  }
}

/**
 * One page of the incidents matching `filter`, newest first, each as its incidents/1 JSON text
 * (as the store keeps it, so a page is sent without being parsed and serialised again), and how
 * many match in all (counted once per filter and data version by the store).
 */
export async function listIncidentPage(
  store: IncidentStore,
  filter: IncidentFilter,
  page: { cursor?: string | null; limit?: number } = {},
): Promise<IncidentPage> {
  const limit = page.limit ?? DEFAULT_PAGE_LIMIT;
  checkLimit(limit);
  const storeCursor = page.cursor ? decodeCursor(page.cursor, filter) : null;
  const result = await store.queryIncidentJson(filter, { cursor: storeCursor, limit });
  return {
    itemsJson: result.items,
    nextCursor: result.nextCursor === null ? null : encodeCursor(result.nextCursor, filter),
    total: result.total,
  };
}

/** The list response body, `{"items":[…],"next_cursor":…,"total":…}`, assembled from the stored texts. */
export function incidentPageJson(page: IncidentPage): string {
  return `{"items":[${page.itemsJson.join(',')}],"next_cursor":${JSON.stringify(page.nextCursor)},"total":${page.total}}`;
}

/** Every incident matching `filter`, in the store's own order (the order of a whole-store export). */
export function matchingIncidents(store: IncidentStore, filter: IncidentFilter): Promise<Incident[]> {
  return store.listIncidents(filter);
}

/**
 * One incident by id: the incident with its documents, or — for an id the incident had before it
 * absorbed another (a previous id) — the current id to look up instead (decision 0017).
 */
export async function incidentWithDocuments(store: IncidentStore, id: string): Promise<IncidentWithDocuments | { movedTo: string }> {
  const incident = await store.getIncident(id);
  if (!incident) {
    const issued = await store.resolveIncidentId(id);
    if (issued?.status === 'merged' && issued.current) return { movedTo: issued.current };
    if (issued?.status === 'withdrawn') throw new NotFoundError('incident', id, 'this id was withdrawn: none of its reports tells an incident any more (a document changed or was re-read); list incidents to find current ids');
    throw new NotFoundError('incident', id, 'no incident was ever given this id; list incidents to find current ids');
  }
  const documents: StoredDocument[] = [];
  for (const docId of incident.documents) {
    const doc = await store.getDocument(docId);
    if (doc) documents.push(doc);
  }
  return { incident, documents };
}

export const STATS_GROUPS = ['day', 'week', 'month', 'year', 'perpetrator'] as const satisfies readonly (StatsBucket | 'perpetrator')[];
export type StatsGroup = (typeof STATS_GROUPS)[number];

export interface IncidentStats {
  /** Each matching incident once: by perpetrator, under its only one, `unknown` or `shared`. */
  rows: StatsRow[];
  /**
   * With perpetrator rows: the incidents several perpetrators share, counted once under each of
   * them (these rows overlap; a perpetrator's own rows plus its shared row are all its incidents).
   */
  shared: StatsRow[] | null;
  /** The matching incidents of unknown date: in no day, week, month or year row, in perpetrator rows. */
  undated: UndatedStats;
}

/**
 * Incidents, killed and civilians killed per time bucket (and perpetrator), or per perpetrator,
 * each incident counted once so the rows add up to the set; an incident with several perpetrators
 * is counted once per perpetrator only in `shared`. The incidents of unknown date are counted apart.
 */
export async function incidentStats(store: IncidentStore, filter: IncidentFilter, groupBy: StatsGroup, byPerpetrator = false): Promise<IncidentStats> {
  const withPerpetrator = byPerpetrator && groupBy !== 'perpetrator';
  const perPerpetrator = groupBy === 'perpetrator' || withPerpetrator;
  const [rows, each, undated] = await Promise.all([
    store.stats(filter, groupBy, withPerpetrator, perPerpetrator ? 'sole' : 'each'),
    perPerpetrator ? store.stats(filter, groupBy, withPerpetrator, 'each') : Promise.resolve(null),
    store.undatedStats(filter),
  ]);
  return { rows, shared: each ? sharedRows(each, rows, groupBy === 'perpetrator') : null, undated };
}

/** A perpetrator's incidents (`each`) less those it alone is held for (`sole`): the ones it shares. */
function sharedRows(each: readonly StatsRow[], sole: readonly StatsRow[], keyIsPerpetrator: boolean): StatsRow[] {
  const id = (r: StatsRow) => JSON.stringify([r.key, r.perpetrator ?? null]);
  const alone = new Map(sole.map((r) => [id(r), r]));
  const out: StatsRow[] = [];
  for (const r of each) {
    const own = alone.get(id(r));
    const incidents = r.incidents - (own?.incidents ?? 0);
    if (incidents <= 0 || (keyIsPerpetrator ? r.key : r.perpetrator) === 'unknown') continue;
    out.push({ ...r, incidents, killed: r.killed - (own?.killed ?? 0), civilians: r.civilians - (own?.civilians ?? 0) });
  }
  return out;
}
