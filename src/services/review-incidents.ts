/**
 * The review use case (issue 11, docs/decisions/0018-review-decisions-and-audit.md): an analyst's
 * decision on an incident — confirm, reject, edit a field (reason required), lock, merge with
 * another incident, split reports off, detach one report — checked, recorded as the incident's
 * next review version with its audit entry, then applied by relinking (decisions are constraints
 * and overrides of every relink, never patches of the stored output). The HTTP API and the CLI both
 * call this; the caller runs it as an exclusive write.
 */
import type { Incident, MentionKey } from '../domain/types.ts';
import type { DecisionAction, DecisionKind, EditField, NewAuditEntry, NewDecision, ReviewDecision } from '../domain/review.ts';
import { DECISION_KINDS } from '../domain/review.ts';
import type { IncidentStore } from '../storage/incident-store.ts';
import { editValueProblem, fieldValue, isEditField, lockedFieldsOf, machineView } from '../pipeline/review/apply-decisions.ts';
import { relink } from './ingest-batch.ts';
import { InvalidParameterError, NotFoundError } from './service-errors.ts';

export interface DecisionRequest {
  kind: DecisionKind;
  reviewer: string;
  reason: string | null;
  /** edit: the field and its new value. */
  field?: string;
  value?: unknown;
  /** merge: the other incident's id. */
  other?: string;
  /** split: ids of the incident's mentions moved to a new incident; detach: the one mention detached. */
  mentions?: string[];
  /** If-Match: the review version the analyst saw; null to decide whatever the version. */
  expectedVersion: number | null;
  now: string;
}

export interface DecisionResult {
  decision: ReviewDecision;
  /** The incident the decision applies to now (null when it was rejected out of sight or merged away and gone). */
  incident: Incident | null;
  /** The incident's review version after the decision. */
  version: number;
}

/** The current incident an id names; a merged id names its successor's incident. */
async function currentIncident(store: IncidentStore, id: string, parameter: string): Promise<Incident> {
  const resolved = await store.resolveIncidentId(id);
  if (resolved === null) throw new NotFoundError('incident', id);
  if (resolved.current === null) throw new NotFoundError('incident', id, 'that id was withdrawn: none of its reports tells an incident any more');
  const incident = await store.getIncident(resolved.current);
  if (!incident) throw new NotFoundError('incident', id, `${parameter} names no incident in the current set`);
  return incident;
}

/** The mention key of each mention id of an incident (its document version and span). */
async function mentionKeys(store: IncidentStore, incident: Incident, ids: readonly string[], parameter: string): Promise<MentionKey[]> {
  const keys: MentionKey[] = [];
  for (const id of ids) {
    if (!incident.mentionIds.includes(id)) {
      throw new InvalidParameterError(parameter, id, `one of the incident's mentions: ${incident.mentionIds.join(', ')}`, `${JSON.stringify(id)} is not a mention of incident ${incident.id}`);
    }
    const docId = id.slice(0, id.lastIndexOf('#'));
    const doc = await store.getDocument(docId);
    const m = (await store.listMentionsForDocument(docId)).find((x) => x.id === id);
    if (!doc || !m) throw new NotFoundError('mention', id);
    keys.push({ document: docId, contentHash: doc.contentHash, start: m.span.start, end: m.span.end });
  }
  return keys;
}

async function actionOf(store: IncidentStore, incident: Incident, req: DecisionRequest): Promise<DecisionAction> {
  switch (req.kind) {
    case 'confirm':
    case 'reject':
      return { kind: req.kind };
    case 'lock':
      return { kind: 'lock', snapshot: lockedFieldsOf(incident), machine: lockedFieldsOf(machineView(incident)) };
    case 'edit': {
      const fields = 'killed|injured.total|civilians|children|women|fighters.min|best|max, date, location, perpetrators, eventType';
      if (req.field === undefined || !isEditField(req.field)) throw new InvalidParameterError('field', req.field, `one of ${fields}`);
      if (!req.reason?.trim()) throw new InvalidParameterError('reason', req.reason ?? undefined, 'a reason is required for an edit: why the value is wrong');
      const field: EditField = req.field;
      const problem = editValueProblem(field, req.value);
      if (problem) throw new InvalidParameterError('value', req.value, problem);
      const value = field === 'location' ? placeOf(req.value as Record<string, unknown>) : (req.value as never);
      // The machine's value: under an earlier edit or lock it is kept in review.machine.
      const machine = incident.review.machine && field in incident.review.machine ? incident.review.machine[field] : fieldValue(incident, field);
      return { kind: 'edit', field, value, machine };
    }
    case 'merge': {
      if (!req.other) throw new InvalidParameterError('other', req.other, 'the id of the incident to merge with');
      const other = await currentIncident(store, req.other, 'other');
      if (other.id === incident.id) throw new InvalidParameterError('other', req.other, 'another incident than this one', `${JSON.stringify(req.other)} is this incident`);
      return {
        kind: 'merge',
        other: other.id,
        mentions: await mentionKeys(store, incident, incident.mentionIds, 'mentions'),
        otherMentions: await mentionKeys(store, other, other.mentionIds, 'other'),
      };
    }
    case 'split':
    case 'detach': {
      const ids = req.mentions ?? [];
      if (req.kind === 'detach' && ids.length !== 1) throw new InvalidParameterError('mentions', ids, 'exactly one mention id of the incident to detach');
      if (ids.length === 0) throw new InvalidParameterError('mentions', ids, 'the ids of the mentions to split off (some, not all)');
      const kept = incident.mentionIds.filter((id) => !ids.includes(id));
      if (kept.length === 0) throw new InvalidParameterError('mentions', ids, 'some of the incident\'s mentions, not all of them', 'every mention would leave the incident');
      const moved = await mentionKeys(store, incident, ids, 'mentions');
      const keptKeys = await mentionKeys(store, incident, kept, 'mentions');
      return req.kind === 'split' ? { kind: 'split', moved, kept: keptKeys } : { kind: 'detach', mention: moved[0], kept: keptKeys };
    }
  }
}

function placeOf(v: Record<string, unknown>) {
  const num = (x: unknown) => (typeof x === 'number' ? x : null);
  const str = (x: unknown) => (typeof x === 'string' ? x : null);
  return { name: String(v.name), gazetteerId: str(v.gazetteerId ?? v.gazetteer_id), lat: num(v.lat), lon: num(v.lon), admin1: str(v.admin1), admin2: str(v.admin2), precision: v.precision as 'locality' };
}

/** The audit entry of a decision: who, which incident and field, before, after, why. */
function decisionAudit(incident: Incident, d: ReviewDecision): NewAuditEntry[] {
  const a = d.action;
  const base = { at: d.decidedAt, actor: { kind: 'user' as const, name: d.reviewer }, action: `review.${a.kind}`, incidentId: incident.id, reason: d.reason, cause: 'review' as const };
  switch (a.kind) {
    case 'confirm':
      return [{ ...base, field: 'review.status', before: incident.review.status, after: 'confirmed' }];
    case 'reject':
      return [{ ...base, field: 'review.status', before: incident.review.status, after: 'rejected' }];
    case 'edit':
      return [{ ...base, field: a.field, before: fieldValue(incident, a.field), after: a.value }];
    case 'lock':
      return [{ ...base, field: 'locked', before: incident.review.locked ?? false, after: true }];
    case 'merge':
      return [{ ...base, field: 'incident', before: [incident.id, a.other], after: 'merged' }];
    case 'split':
    case 'detach':
      return [{ ...base, field: 'mentions', before: incident.mentionIds, after: { movedOut: (a.kind === 'split' ? a.moved : [a.mention]).map((k) => `${k.document}@${k.start}-${k.end}`) } }];
  }
}

export async function recordDecision(store: IncidentStore, incidentId: string, req: DecisionRequest): Promise<DecisionResult> {
  if (!(DECISION_KINDS as readonly string[]).includes(req.kind)) throw new InvalidParameterError('kind', req.kind, `one of ${DECISION_KINDS.join(', ')}`);
  if (!req.reviewer.trim()) throw new InvalidParameterError('reviewer', req.reviewer, 'the name of the analyst deciding');
  const incident = await currentIncident(store, incidentId, 'id');
  const action = await actionOf(store, incident, req);
  const decision: NewDecision = { incidentId: incident.id, action, reviewer: req.reviewer, reason: req.reason?.trim() || null, decidedAt: req.now };
  const recorded = await store.addDecision(decision, req.expectedVersion, (d) => decisionAudit(incident, d));
  await relink(store, 'latest', undefined, { now: req.now, cause: 'review' });
  const now = await store.resolveIncidentId(incident.id);
  const current = now?.current ? await store.getIncident(now.current) : null;
  return { decision: recorded, incident: current, version: await store.reviewVersion(incident.id) };
}

/** The decisions recorded on an incident id (and on the ids it absorbed), with its review version. */
export async function incidentDecisions(store: IncidentStore, incidentId: string): Promise<{ incidentId: string; version: number; decisions: ReviewDecision[] }> {
  const incident = await currentIncident(store, incidentId, 'id');
  const ids = [incident.id, ...(incident.previousIds ?? [])];
  const decisions = (await Promise.all(ids.map((id) => store.listDecisions({ incidentId: id })))).flat().sort((a, b) => a.id - b.id);
  return { incidentId: incident.id, version: await store.reviewVersion(incident.id), decisions };
}
