/**
 * The review queue (issue 11 step 4, docs/decisions/0021-review-queue.md): incidents ordered by
 * uncertainty — the summed weights of the reasons they need an analyst's eye for — heaviest first,
 * then the larger toll, then the id, so the order is the same on every call. Filters by reason,
 * governorate, date, review status and reviewer; decisions whose target is gone (orphaned) come
 * with the queue so they are seen, never lost. The HTTP API and the CLI both call this.
 */
import type { Incident, ReviewStatus } from '../domain/types.ts';
import { REVIEW_STATUSES } from '../domain/types.ts';
import type { ReviewDecision } from '../domain/review.ts';
import type { IncidentFilter, IncidentStore } from '../storage/incident-store.ts';
import { headlineCount } from '../domain/headline-figure.ts';
import { isReviewReasonId, REVIEW_REASON_IDS, reviewReasons, uncertainty, type ReviewReason, type ReviewReasonId } from '../pipeline/review/review-reasons.ts';
import { InvalidParameterError } from './service-errors.ts';

export interface QueueFilter {
  /** Only incidents with this reason. */
  reason?: string;
  admin1?: string;
  from?: string;
  to?: string;
  /** Review status; `open` (the default) is unreviewed incidents, `all` every status. */
  status?: string;
  /** Only incidents whose latest decision was made by this analyst. */
  reviewer?: string;
}

export interface QueueItem {
  incident: Incident;
  uncertainty: number;
  reasons: ReviewReason[];
  /** The incident's review version (send it back as If-Match with a decision); set on a queue page's items. */
  version?: number;
}

export interface ReviewQueue {
  items: QueueItem[];
  /** How many incidents match the filter in all (before paging). */
  total: number;
  /** Offset of the next page, null at the end. */
  nextOffset: number | null;
  /** How many of the matching incidents have each reason (before the reason filter). */
  reasonCounts: Partial<Record<ReviewReasonId, number>>;
  /** Decisions whose incident or report is gone: listed with the queue, never dropped. */
  orphaned: ReviewDecision[];
}

export const QUEUE_STATUSES = ['open', 'all', ...REVIEW_STATUSES] as const;
export const MAX_QUEUE_LIMIT = 500;

/** The reasons and uncertainty of one incident (the incident page shows them too). */
export function queueItem(incident: Incident): QueueItem {
  const reasons = reviewReasons(incident);
  return { incident, uncertainty: uncertainty(reasons), reasons };
}

export async function reviewQueue(store: IncidentStore, filter: QueueFilter, page: { offset?: number; limit?: number } = {}): Promise<ReviewQueue> {
  const offset = page.offset ?? 0;
  const limit = page.limit ?? 50;
  if (!Number.isInteger(offset) || offset < 0) throw new InvalidParameterError('offset', offset, 'expected a whole number 0 or more');
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_QUEUE_LIMIT) throw new InvalidParameterError('limit', limit, `expected an integer from 1 to ${MAX_QUEUE_LIMIT}`);
  if (filter.reason !== undefined && !isReviewReasonId(filter.reason)) throw new InvalidParameterError('reason', filter.reason, `one of ${REVIEW_REASON_IDS.join(', ')}`);
  const status = filter.status ?? 'open';
  if (!(QUEUE_STATUSES as readonly string[]).includes(status)) throw new InvalidParameterError('status', status, `one of ${QUEUE_STATUSES.join(', ')}`);

  const storeFilter: IncidentFilter = { admin1: filter.admin1, from: filter.from, to: filter.to };
  if (status === 'open') storeFilter.reviewStatus = 'unreviewed';
  else if (status !== 'all') storeFilter.reviewStatus = status as ReviewStatus;
  const incidents = (await store.listIncidents(storeFilter)).filter((i) => filter.reviewer === undefined || i.review.reviewedBy === filter.reviewer);

  const scored = incidents.map(queueItem);
  const reasonCounts: Partial<Record<ReviewReasonId, number>> = {};
  for (const item of scored) for (const r of item.reasons) reasonCounts[r.id] = (reasonCounts[r.id] ?? 0) + 1;
  const matching = filter.reason === undefined ? scored : scored.filter((item) => item.reasons.some((r) => r.id === filter.reason));
  matching.sort(byUncertainty);
  const items = await Promise.all(matching.slice(offset, offset + limit).map(async (item) => ({ ...item, version: await store.reviewVersion(item.incident.id) })));
  const orphaned = await store.listDecisions({ status: 'orphaned' });
  return { items, total: matching.length, nextOffset: offset + limit < matching.length ? offset + limit : null, reasonCounts, orphaned };
}

/** Heaviest first; then the larger killed figure; then the id (a stable order). */
function byUncertainty(a: QueueItem, b: QueueItem): number {
  if (a.uncertainty !== b.uncertainty) return b.uncertainty - a.uncertainty;
  const ka = headlineCount(a.incident.killed, 'best') ?? -1;
  const kb = headlineCount(b.incident.killed, 'best') ?? -1;
  if (ka !== kb) return kb - ka;
  return a.incident.id < b.incident.id ? -1 : a.incident.id > b.incident.id ? 1 : 0;
}
