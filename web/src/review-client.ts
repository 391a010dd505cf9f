/**
 * The dashboard's calls to the review API (docs/decisions/0018, 0021): the queue, one incident's
 * decisions and audit history, and recording a decision. A decision carries the review version the
 * analyst saw (If-Match) and the session's CSRF token; the API's 401/403/409 answers come back as
 * an ApiError whose message the page shows.
 */
import { API_BASE, ApiError, apiError, getJson, type IncidentJson, type ReasonJson } from './api-client.ts';
import { csrfHeaders } from './session-panel.ts';

export interface QueueItemJson {
  uncertainty: number;
  reasons: ReasonJson[];
  version: number;
  incident: IncidentJson;
}

export interface DecisionJson {
  id: number;
  incident_id: string;
  version: number;
  kind: string;
  action: Record<string, unknown>;
  reviewer: string;
  reason: string | null;
  decided_at: string;
  status: string;
  orphaned_because: string | null;
}

export interface QueueJson {
  items: QueueItemJson[];
  total: number;
  next_offset: number | null;
  reason_counts: Record<string, number>;
  reasons: { id: string; weight: number; label: string }[];
  orphaned: DecisionJson[];
}

export interface AuditEntryJson {
  id: number;
  at: string;
  actor: { kind: 'user'; name: string } | { kind: 'pipeline'; version: string; rules: string };
  action: string;
  incident_id: string | null;
  field: string | null;
  before: unknown;
  after: unknown;
  reason: string | null;
  cause: string;
}

export const QUEUE_FILTER_KEYS = ['reason', 'admin1', 'from', 'to', 'status', 'reviewer'] as const;
export type QueueFilters = Partial<Record<(typeof QUEUE_FILTER_KEYS)[number], string>>;

export function queueParams(filters: QueueFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of QUEUE_FILTER_KEYS) if (filters[key]) params.set(key, filters[key]!);
  return params;
}

export function reviewQueue(filters: QueueFilters, limit: number, signal?: AbortSignal): Promise<QueueJson> {
  const params = queueParams(filters);
  params.set('limit', String(limit));
  return getJson<QueueJson>(`/review/queue?${params.toString()}`, signal);
}

export function incidentDecisions(id: string, signal?: AbortSignal): Promise<{ incident_id: string; version: number; decisions: DecisionJson[] }> {
  return getJson(`/incidents/${encodeURIComponent(id)}/decisions`, signal);
}

/** Every audit entry about an incident, oldest first. */
export async function incidentAudit(id: string, signal?: AbortSignal): Promise<AuditEntryJson[]> {
  const out: AuditEntryJson[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: AuditEntryJson[]; next_cursor: string | null } = await getJson(`/audit?incident=${encodeURIComponent(id)}&limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, signal);
    out.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor !== null);
  return out;
}

export type DecisionBody =
  | { kind: 'confirm' | 'reject' | 'lock'; reason?: string }
  | { kind: 'edit'; field: string; value: unknown; reason: string }
  | { kind: 'merge'; other: string; reason?: string }
  | { kind: 'split' | 'detach'; mentions: string[]; reason?: string };

export interface DecisionAnswer {
  decision: DecisionJson;
  version: number;
  incident: IncidentJson | null;
}

/** Records a decision against the version the analyst saw. */
export async function decide(incidentId: string, body: DecisionBody, version: number): Promise<DecisionAnswer> {
  const url = `${API_BASE}/incidents/${encodeURIComponent(incidentId)}/decisions`;
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'If-Match': `"${version}"`, ...csrfHeaders() },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw await apiError(url, res);
  return (await res.json()) as DecisionAnswer;
}

/** What to tell the analyst when a decision was refused. */
export function decisionErrorText(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.status === 401) return 'Sign in as an analyst to review.';
    if (err.status === 403) return 'Your account may read but not review (ask an admin for the analyst role).';
    if (err.status === 409) return 'Another analyst decided on this incident since you loaded it: the page now shows the current version; decide again if you still mean to.';
  }
  return `The decision was not recorded: ${err instanceof Error ? err.message : String(err)}`;
}
