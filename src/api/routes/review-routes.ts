/**
 * Review and audit (docs/decisions/0018-review-decisions-and-audit.md):
 *
 * - POST /api/v1/incidents/{id}/decisions: an analyst's decision (token with the `review`
 *   permission). The version the analyst saw goes in If-Match (RFC 9110 §13.1.1) or the body's
 *   `version`; when another decision was recorded since, the answer is 409 with the current version
 *   and nothing is written. The decision is applied by relinking, as one exclusive write.
 * - GET /api/v1/incidents/{id}/decisions: the decisions on an incident and its review version (ETag).
 * - GET /api/v1/decisions?status=orphaned: decisions whose target is gone, listed, never dropped.
 * - GET /api/v1/audit: the append-only audit log, filtered and paged. No route changes or deletes
 *   an entry (test/api/review-api.test.ts tries every method).
 * - GET /api/v1/review/queue: incidents ordered by uncertainty, each with its reasons, filtered by
 *   reason, governorate, date, status and reviewer, with the orphaned decisions (0021).
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { ReviewDecision, AuditEntry } from '../../domain/review.ts';
import { DECISION_KINDS, DECISION_STATUSES } from '../../domain/review.ts';
import { incidentJson } from '../../export/incidents-json.ts';
import { incidentDecisions, recordDecision } from '../../services/review-incidents.ts';
import { QUEUE_STATUSES, MAX_QUEUE_LIMIT, reviewQueue, type QueueItem } from '../../services/review-queue.ts';
import { REVIEW_REASON_IDS, REVIEW_REASONS } from '../../pipeline/review/review-reasons.ts';
import { InvalidParameterError } from '../../services/service-errors.ts';
import { serialWrites, type ApiApp, type AppDeps } from '../app-deps.ts';
import { principalOf, requirePermission } from '../request-auth.ts';
import { permissionDoc } from '../permission-doc.ts';
import { IdParam, intParam, parameters } from '../query-params.ts';
import { DEFAULT_MAX_BODY_BYTES, limitBody } from '../body-limit.ts';
import { errorResponse, IncidentSchema, ReviewReasonSchema } from '../schemas.ts';

const DecisionBody = z
  .strictObject({
    kind: z.enum(DECISION_KINDS),
    reason: z.string().max(2000).optional().openapi({ description: 'Why; required for edit' }),
    field: z.string().optional().openapi({ description: 'edit: killed|injured.CATEGORY.min|best|max, date, location, perpetrators or eventType', example: 'killed.civilians.best' }),
    value: z.unknown().optional().openapi({ description: 'edit: the new value (a whole number, { start, end, precision }, a place, a list of names, an event type)' }),
    other: z.string().optional().openapi({ description: 'merge: the id of the other incident' }),
    mentions: z.array(z.string()).optional().openapi({ description: 'split: the mention ids moved to a new incident; detach: the one mention detached' }),
    version: z.number().int().min(0).optional().openapi({ description: 'The review version the analyst saw (as If-Match)' }),
  })
  .openapi('DecisionInput');

const DecisionSchema = z
  .object({
    id: z.number().int(),
    incident_id: z.string(),
    version: z.number().int(),
    kind: z.enum(DECISION_KINDS),
    action: z.record(z.string(), z.unknown()).openapi({ description: 'The decision as stored: field and value, merged incident, moved reports (by document, content hash and span)' }),
    reviewer: z.string(),
    reason: z.string().nullable(),
    decided_at: z.string(),
    status: z.enum(DECISION_STATUSES as [string, ...string[]]),
    orphaned_because: z.string().nullable(),
  })
  .openapi('Decision');

const AuditEntrySchema = z
  .object({
    id: z.number().int(),
    at: z.string(),
    actor: z.record(z.string(), z.unknown()).openapi({ description: '{ kind: "user", name } or { kind: "pipeline", version, rules }' }),
    action: z.string(),
    incident_id: z.string().nullable(),
    field: z.string().nullable(),
    before: z.unknown(),
    after: z.unknown(),
    reason: z.string().nullable(),
    cause: z.string(),
  })
  .openapi('AuditEntry');

function decisionJson(d: ReviewDecision): z.infer<typeof DecisionSchema> {
  return {
    id: d.id,
    incident_id: d.incidentId,
    version: d.version,
    kind: d.action.kind,
    action: d.action as unknown as Record<string, unknown>,
    reviewer: d.reviewer,
    reason: d.reason,
    decided_at: d.decidedAt,
    status: d.status,
    orphaned_because: d.orphanedBecause,
  };
}

function auditJson(e: AuditEntry): z.infer<typeof AuditEntrySchema> {
  return { id: e.id, at: e.at, actor: e.actor as unknown as Record<string, unknown>, action: e.action, incident_id: e.incidentId, field: e.field, before: e.before ?? null, after: e.after ?? null, reason: e.reason, cause: e.cause };
}

/** If-Match: `"3"`, `W/"3"` or `3`; `*` (any version) is the same as none. */
function versionOfIfMatch(header: string | undefined): number | null {
  if (header === undefined || header.trim() === '*') return null;
  const m = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!m) throw new InvalidParameterError('If-Match', header, 'the ETag of GET /api/v1/incidents/{id}/decisions, e.g. "3"');
  return Number(m[1]);
}

const DECISIONS_PATH = '/api/v1/incidents/{id}/decisions';

const DECISION_MAX_BYTES = 16 * 1024;

function postRoute(deps: AppDeps) {
  // A decision is a few fields: like the login and admin bodies, it stops at 16 KiB.
  const maxBytes = Math.min(deps.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES, DECISION_MAX_BYTES);
  return createRoute({
    method: 'post',
    path: '/api/v1/incidents/{id}/decisions',
    operationId: 'recordDecision',
    tags: ['review'],
    summary: 'Record a review decision on an incident (confirm, reject, edit, lock, merge, split, detach)',
    description:
      'The decision is kept apart from machine output and applied on every relink. Send the review version you saw as If-Match (or `version`): if another decision was recorded since, the answer is 409 with `current_version` and nothing is written.',
    ...permissionDoc('review'),
    // Credentials first: a client without them never gets the server to read its body.
    middleware: [requirePermission(deps, 'review'), limitBody(`POST ${DECISIONS_PATH}`, maxBytes)] as const,
    request: {
      params: IdParam('incident'),
      headers: z.object({ 'if-match': z.string().optional().openapi({ description: 'The incident review version you decided against, e.g. "3"' }) }),
      body: { required: true, content: { 'application/json': { schema: DecisionBody } } },
    },
    responses: {
      201: {
        description: 'Recorded and applied; ETag is the new review version',
        content: { 'application/json': { schema: z.object({ decision: DecisionSchema, version: z.number().int(), incident: z.unknown().openapi({ description: 'The incident now (incidents/1), null when it no longer exists' }) }) } },
      },
      400: errorResponse('The body or a parameter is invalid (the error names it)'),
      401: errorResponse('No credentials, or credentials that do not check out'),
      403: errorResponse('The caller may not review (a viewer)'),
      404: errorResponse('No incident has this id'),
      409: errorResponse('Another decision was recorded since the version given; `current_version` says which is current'),
      413: errorResponse(`The body is larger than this server accepts (${maxBytes} bytes)`),
    },
  });
}

const listRoute = createRoute({
  method: 'get',
  path: '/api/v1/incidents/{id}/decisions',
  operationId: 'listIncidentDecisions',
  tags: ['review'],
  summary: "The review decisions on an incident (and on the ids it absorbed), with its review version (ETag)",
  request: { params: IdParam('incident') },
  responses: {
    200: { description: 'Decisions, oldest first', content: { 'application/json': { schema: z.object({ incident_id: z.string(), version: z.number().int(), decisions: z.array(DecisionSchema) }) } } },
    404: errorResponse('No incident has this id'),
  },
});

const decisionsRoute = createRoute({
  method: 'get',
  path: '/api/v1/decisions',
  operationId: 'listDecisions',
  tags: ['review'],
  summary: 'Review decisions by status: `orphaned` lists those whose incident or report no longer exists',
  request: { query: parameters({ status: z.enum(DECISION_STATUSES as [string, ...string[]]).optional().openapi({ description: 'active or orphaned' }) }) },
  responses: {
    200: { description: 'Decisions, oldest first', content: { 'application/json': { schema: z.object({ decisions: z.array(DecisionSchema) }) } } },
    400: errorResponse('A parameter is invalid'),
  },
});

const AuditQuery = parameters({
  since: z.string().regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?$/, { error: 'expected an ISO date or date-time' }).optional().openapi({ description: 'Entries at or after this time' }),
  incident: z.string().min(1).max(200).optional().openapi({ description: 'Entries about this incident id' }),
  action: z.string().min(1).max(100).optional().openapi({ description: 'review.confirm, review.edit, …, relink, disagreement' }),
  cursor: z.string().max(20).optional().openapi({ description: 'next_cursor of the previous page' }),
  limit: intParam(1, 1000, 'Page size', 100, 100),
});

const auditRoute = createRoute({
  method: 'get',
  path: '/api/v1/audit',
  operationId: 'listAudit',
  tags: ['review'],
  summary: 'The append-only audit log: every human and machine change, oldest first, one page at a time',
  request: { query: AuditQuery },
  responses: {
    200: { description: 'One page', content: { 'application/json': { schema: z.object({ items: z.array(AuditEntrySchema), next_cursor: z.string().nullable() }) } } },
    400: errorResponse('A parameter is invalid (the error names it)'),
  },
});

const QueueItemSchema = z
  .object({
    uncertainty: z.number().openapi({ description: "The sum of the reasons' weights; the queue is ordered by it, heaviest first" }),
    reasons: z.array(ReviewReasonSchema),
    version: z.number().int().openapi({ description: 'The review version to send back as If-Match with a decision' }),
    incident: IncidentSchema,
  })
  .openapi('QueueItem');

const QueueQuery = parameters({
  reason: z.enum(REVIEW_REASON_IDS).optional().openapi({ description: 'Only incidents with this reason' }),
  admin1: z.string().min(1).max(200).optional().openapi({ description: 'Governorate / province (location.admin1), any case' }),
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'expected a date YYYY-MM-DD' }).optional(),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'expected a date YYYY-MM-DD' }).optional(),
  status: z.enum(QUEUE_STATUSES).optional().openapi({ description: 'open (default: unreviewed incidents), all, or one review status' }),
  reviewer: z.string().min(1).max(200).optional().openapi({ description: 'Only incidents whose latest decision this analyst made' }),
  offset: intParam(0, 1_000_000_000, 'How many of the queue to skip (next_offset of the previous page)', 50, 0),
  limit: intParam(1, MAX_QUEUE_LIMIT, 'Page size', 20, 50),
});

const queueRoute = createRoute({
  method: 'get',
  path: '/api/v1/review/queue',
  operationId: 'reviewQueue',
  tags: ['review'],
  summary: 'Incidents to review, most uncertain first, each with the reasons; decisions whose target is gone come with it',
  request: { query: QueueQuery },
  responses: {
    200: {
      description: 'One page of the queue',
      content: {
        'application/json': {
          schema: z.object({
            items: z.array(QueueItemSchema),
            total: z.number().int(),
            next_offset: z.number().int().nullable(),
            reason_counts: z.record(z.string(), z.number().int()).openapi({ description: 'How many matching incidents have each reason (before the reason filter)' }),
            reasons: z.array(z.object({ id: z.string(), weight: z.number(), label: z.string() })).openapi({ description: 'Every reason the queue knows, heaviest first' }),
            orphaned: z.array(DecisionSchema),
          }),
        },
      },
    },
    400: errorResponse('A parameter is invalid (the error names it)'),
  },
});

export function queueItemJson(item: QueueItem) {
  return { uncertainty: item.uncertainty, reasons: item.reasons.map((r) => ({ id: r.id, weight: r.weight, detail: r.detail })), version: item.version ?? 0, incident: incidentJson(item.incident) };
}

export function registerReviewRoutes(app: ApiApp, deps: AppDeps): void {
  const exclusive = deps.exclusiveWrite ?? serialWrites();

  app.openapi(postRoute(deps), async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const fromHeader = versionOfIfMatch(c.req.header('if-match'));
    const expectedVersion = fromHeader ?? body.version ?? null;
    const principal = await principalOf(c, deps);
    // The audit log's actor: the user, or 'api-token' for the server's own token.
    const reviewer = principal?.kind === 'user' ? principal.name : 'api-token';
    const result = await exclusive(() =>
      recordDecision(deps.store, id, { kind: body.kind, reason: body.reason ?? null, field: body.field, value: body.value, other: body.other, mentions: body.mentions, expectedVersion, reviewer, now: deps.clock() }),
    );
    return c.json({ decision: decisionJson(result.decision), version: result.version, incident: result.incident ? incidentJson(result.incident) : null }, 201, { ETag: `"${result.version}"` });
  });

  app.openapi(listRoute, async (c) => {
    const found = await incidentDecisions(deps.store, c.req.valid('param').id);
    return c.json({ incident_id: found.incidentId, version: found.version, decisions: found.decisions.map(decisionJson) }, 200, { ETag: `"${found.version}"` });
  });

  app.openapi(decisionsRoute, async (c) => {
    const { status } = c.req.valid('query');
    const decisions = await deps.store.listDecisions(status ? { status: status as 'active' | 'orphaned' } : {});
    return c.json({ decisions: decisions.map(decisionJson) }, 200);
  });

  app.openapi(queueRoute, async (c) => {
    const { offset, limit, ...filter } = c.req.valid('query');
    const queue = await reviewQueue(deps.store, filter, { offset, limit });
    return c.json(
      {
        items: queue.items.map(queueItemJson),
        total: queue.total,
        next_offset: queue.nextOffset,
        reason_counts: queue.reasonCounts as Record<string, number>,
        reasons: REVIEW_REASONS.map((r) => ({ id: r.id, weight: r.weight, label: r.label })),
        orphaned: queue.orphaned.map(decisionJson),
      },
      200,
    );
  });

  app.openapi(auditRoute, async (c) => {
    const q = c.req.valid('query');
    const page = await deps.store.listAudit({ since: q.since, incidentId: q.incident, action: q.action }, { cursor: q.cursor ?? null, limit: q.limit ?? 100 });
    return c.json({ items: page.items.map(auditJson), next_cursor: page.nextCursor }, 200);
  });
}
