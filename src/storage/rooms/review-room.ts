/**
 * The review room: analysts' decisions (`review_decisions`, migrations 1 and 5), kept apart from
 * machine output and keyed on stable ids (docs/decisions/0018-review-decisions-and-audit.md).
 * Each decision is stored whole as JSON in `body` with copies of what is queried (incident id,
 * kind, status) in columns. A decision is never deleted: the only change a stored decision sees is
 * its status (active or orphaned) after a relink. Each decision makes the next review version of
 * its incident; the version is unique per incident in the database, so of two analysts deciding
 * against the same version one wins and the other gets a VersionConflictError.
 */
import type { Transaction } from 'kysely';
import type { DecisionStatus, NewDecision, ReviewDecision } from '../../domain/review.ts';
import { DECISION_STATUSES } from '../../domain/review.ts';
import type { StoreDatabase } from '../store-schema.ts';
import { StoreWriteError, VersionConflictError, describeError } from '../store-errors.ts';
import { parseBody, storedJson, type Db } from './store-writer.ts';

export interface DecisionFilter {
  incidentId?: string;
  status?: DecisionStatus;
}

export interface DecisionStatusUpdate {
  id: number;
  status: DecisionStatus;
  orphanedBecause: string | null;
}

export class ReviewRoom {
  constructor(private readonly db: Db) {}

  /** The incident's review version: how many decisions were recorded on its id (0 for none). */
  async versionOf(incidentId: string, db: Db = this.db): Promise<number> {
    const row = await db.selectFrom('review_decisions').select((eb) => eb.fn.max('version').as('v')).where('incident_id', '=', incidentId).executeTakeFirst();
    return Number(row?.v ?? 0);
  }

  /**
   * Record a decision as the incident's next version, in the caller's transaction. With
   * `expectedVersion`, refuse it (VersionConflictError) unless the incident is at that version.
   */
  async addIn(trx: Transaction<StoreDatabase>, decision: NewDecision, expectedVersion: number | null, op: string): Promise<ReviewDecision> {
    const current = await this.versionOf(decision.incidentId, trx);
    if (expectedVersion !== null && expectedVersion !== current) throw new VersionConflictError(decision.incidentId, expectedVersion, current);
    const version = current + 1;
    const body = { ...decision, version, status: 'active' as const, orphanedBecause: null };
    const json = storedJson(body, () => `decision on '${decision.incidentId}'`, op);
    let id: number;
    try {
      const row = await trx
        .insertInto('review_decisions')
        .values({
          incident_id: decision.incidentId,
          incident_key: null,
          decision: decision.action.kind,
          status: 'active',
          patch: null,
          reviewer: decision.reviewer,
          note: decision.reason,
          decided_at: decision.decidedAt,
          superseded_by: null,
          version,
          body: json,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      id = Number(row.id);
    } catch (err) {
      // The unique (incident_id, version) index: another transaction recorded this version first.
      if (/unique|duplicate key/i.test(describeError(err))) throw new VersionConflictError(decision.incidentId, expectedVersion ?? current, await this.versionOf(decision.incidentId));
      throw new StoreWriteError(op, `decision on '${decision.incidentId}': ${describeError(err)}`, { cause: err });
    }
    return { ...body, id };
  }

  /** Decisions in the order recorded (optionally of one incident id, or of one status). */
  async list(filter: DecisionFilter = {}): Promise<ReviewDecision[]> {
    let q = this.db.selectFrom('review_decisions').select(['id', 'status', 'body']).orderBy('id');
    if (filter.incidentId !== undefined) q = q.where('incident_id', '=', filter.incidentId);
    if (filter.status !== undefined) q = q.where('status', '=', filter.status);
    const rows = await q.execute();
    return rows.map((r) => ({ ...parseBody<ReviewDecision>({ body: r.body ?? '{}' }), id: Number(r.id) }));
  }

  /** Set the status of decisions after a relink, in the caller's transaction. */
  async setStatusesIn(trx: Db, updates: readonly DecisionStatusUpdate[], op: string): Promise<void> {
    for (const u of updates) {
      if (!DECISION_STATUSES.includes(u.status)) throw new StoreWriteError(op, `decision #${u.id}: status ${JSON.stringify(u.status)} is not one of ${DECISION_STATUSES.join(', ')}`);
      const row = await trx.selectFrom('review_decisions').select(['body']).where('id', '=', u.id).executeTakeFirst();
      if (!row) throw new StoreWriteError(op, `decision #${u.id}: no such decision`);
      const body = { ...parseBody<ReviewDecision>({ body: row.body ?? '{}' }), status: u.status, orphanedBecause: u.orphanedBecause };
      await trx.updateTable('review_decisions').set({ status: u.status, body: storedJson(body, () => `decision #${u.id}`, op) }).where('id', '=', u.id).execute();
    }
  }
}
