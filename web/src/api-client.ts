/**
 * The dashboard's only way to data: typed calls to the Tally HTTP API v1 on the page's own origin.
 * Response types reuse the export contract's types (src/export/incidents-json.ts) so the dashboard
 * and the exports cannot drift apart. A non-2xx answer becomes an ApiError carrying the API's
 * `{ error: { status, code, message, parameter } }` so the page can show what was wrong.
 */
import type { DocumentJson, IncidentJson } from '../../src/export/incidents-json.ts';
import { filtersToParams, type Filters } from './incident-filters.ts';
import type { StatsRowJson, TimeBucket } from './timeline-series.ts';

export type { DocumentJson, IncidentJson };

export const API_BASE = '/api/v1';

export interface IncidentPage {
  items: IncidentJson[];
  next_cursor: string | null;
  total: number;
}

export interface IncidentDetail {
  incident: IncidentJson;
  documents: DocumentJson[];
  /** The incident's reports: what split and detach decisions name. */
  mention_ids: string[];
  /** The review queue's uncertainty and reasons for this incident. */
  uncertainty: number;
  reasons: ReasonJson[];
}

/** One reason the review queue gives for an incident, with what in it fired the rule. */
export interface ReasonJson {
  id: string;
  weight: number;
  detail: string;
}

export interface MentionFieldJson {
  field: string;
  value: unknown;
  rule: string;
  start: number;
  end: number;
}

export interface MentionJson {
  id: string;
  kind: string;
  start: number;
  end: number;
  quote: string;
  fields: MentionFieldJson[];
}

export interface DocumentDetail {
  document: DocumentJson & { language: string | null; version: number; text: string };
  mentions: MentionJson[];
}

export interface StatsJson {
  group_by: string;
  rows: StatsRowJson[];
  /** The matching incidents of unknown date: in no day or week row, so not on the timeline. */
  undated: { incidents: number; killed: number; civilians: number };
}

export class ApiError extends Error {
  constructor(
    readonly url: string,
    readonly status: number,
    readonly code: string,
    detail: string,
  ) {
    super(`${url}: ${status} ${code}: ${detail}`);
    this.name = 'ApiError';
  }
}

/** The ApiError of a non-2xx answer, with the API's code and message when its body has them. */
export async function apiError(url: string, res: Response): Promise<ApiError> {
  let code = 'http_error';
  let message = res.statusText;
  try {
    const body = (await res.json()) as { error?: { code?: string; message?: string } };
    code = body.error?.code ?? code;
    message = body.error?.message ?? message;
  } catch {
    // Not JSON (a proxy's HTML page): keep the status text.
  }
  return new ApiError(url, res.status, code, message);
}

/** GET an API path (under API_BASE) as JSON; a non-2xx answer throws its ApiError. */
export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const url = `${API_BASE}${path}`;
  const res = await fetch(url, { signal, headers: { Accept: 'application/json' } });
  if (!res.ok) throw await apiError(url, res);
  return (await res.json()) as T;
}

function query(params: URLSearchParams): string {
  const s = params.toString();
  return s ? `?${s}` : '';
}

export function incidentsPage(filters: Filters, cursor: string | null, limit: number, signal?: AbortSignal): Promise<IncidentPage> {
  const params = filtersToParams(filters);
  params.set('limit', String(limit));
  if (cursor) params.set('cursor', cursor);
  return getJson<IncidentPage>(`/incidents${query(params)}`, signal);
}

/**
 * Every incident matching the filters, following cursors, up to `cap` (the map and list draw them
 * all; the cap keeps a huge store from freezing the page, and `truncated` says when it was hit).
 */
export async function allIncidents(filters: Filters, cap: number, signal?: AbortSignal): Promise<{ items: IncidentJson[]; total: number; truncated: boolean }> {
  const items: IncidentJson[] = [];
  let cursor: string | null = null;
  let total = 0;
  do {
    const page: IncidentPage = await incidentsPage(filters, cursor, 500, signal);
    items.push(...page.items);
    total = page.total;
    cursor = page.next_cursor;
  } while (cursor && items.length < cap);
  return { items: items.slice(0, cap), total, truncated: items.length < total };
}

export function incident(id: string, signal?: AbortSignal): Promise<IncidentDetail> {
  return getJson<IncidentDetail>(`/incidents/${encodeURIComponent(id)}`, signal);
}

export function documentDetail(id: string, signal?: AbortSignal): Promise<DocumentDetail> {
  return getJson<DocumentDetail>(`/documents/${encodeURIComponent(id)}`, signal);
}

export function stats(filters: Filters, bucket: TimeBucket, signal?: AbortSignal): Promise<StatsJson> {
  const params = filtersToParams(filters, ['from', 'to']);
  params.set('group_by', bucket);
  params.set('by_perpetrator', 'true');
  return getJson<StatsJson>(`/stats${query(params)}`, signal);
}

export interface FacetJson {
  id: string;
  name?: string;
  incidents: number;
}

export interface FacetsJson {
  perpetrators: FacetJson[];
  claimants: FacetJson[];
  admin1: FacetJson[];
  event_types: FacetJson[];
  outlets: FacetJson[];
  /** Current documents by language; those not extracted are stored and counted, not read yet. */
  languages: { id: string; documents: number; extracted: boolean }[];
}

/** The values each filter can take in the store (one small request, not a download of incidents). */
export function facets(signal?: AbortSignal): Promise<FacetsJson> {
  return getJson<FacetsJson>('/facets', signal);
}

export function boundaries(level: 'admin1' | 'admin2', signal?: AbortSignal): Promise<GeoJSON.FeatureCollection | null> {
  return getJson<GeoJSON.FeatureCollection>(`/boundaries/${level}`, signal).catch((err: unknown) => {
    // 404: the server was started without a boundaries folder; the map works without them.
    if (err instanceof ApiError && err.status === 404) return null;
    throw err;
  });
}

export function exportUrl(format: 'json' | 'csv' | 'geojson', filters: Filters): string {
  const params = filtersToParams(filters);
  params.set('format', format);
  return `${API_BASE}/export?${params.toString()}`;
}
