/**
 * Analyst review decisions and the audit log (issue 11, docs/decisions/0018-review-decisions-and-audit.md).
 * A decision is kept apart from machine output and keyed on stable ids: the incident id
 * (docs/decisions/0017-stable-incident-ids.md) and, for decisions about one report of an incident,
 * the mention key (document, content hash, span). Decisions are re-applied after every relink; one
 * whose target no longer exists is orphaned, never dropped. The audit log records every human and
 * machine change and is append-only. Types and invariants only.
 */
import type { CountCategory, DateRange, EventType, MentionKey, ResolvedPlace } from './types.ts';

export const DECISION_KINDS = ['confirm', 'reject', 'edit', 'lock', 'merge', 'split', 'detach'] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

/** Fields an analyst may edit. Figures are addressed `killed.civilians.best` (outcome.category.bound). */
export type FigureField = `${'killed' | 'injured'}.${CountCategory}.${'min' | 'best' | 'max'}`;
export type EditField = FigureField | 'date' | 'location' | 'perpetrators' | 'eventType';

/** The value an edit sets, by field. */
export type EditValue = number | DateRange | ResolvedPlace | string[] | EventType;

/**
 * What a decision says. Merge names the other incident by id; split and detach name the reports
 * (mention keys) they move out of the incident. Every kind carries the analyst's reason; edit
 * requires one.
 */
export type DecisionAction =
  | { kind: 'confirm' }
  | { kind: 'reject' }
  | { kind: 'edit'; field: EditField; value: EditValue; /** The machine's value when the edit was made. */ machine: unknown }
  | { kind: 'lock'; /** The incident's fields as shown when it was locked. */ snapshot: LockedFields; /** The machine's own values of them then. */ machine?: LockedFields }
  | { kind: 'merge'; other: string; /** Reports of this incident when merged. */ mentions: MentionKey[]; /** Reports of the other incident. */ otherMentions: MentionKey[] }
  | { kind: 'split'; /** Reports moved to a new incident together. */ moved: MentionKey[]; /** Reports that stay. */ kept: MentionKey[] }
  | { kind: 'detach'; /** The report detached from the incident. */ mention: MentionKey; /** The other reports of the incident. */ kept: MentionKey[] };

/** The fields a lock freezes. */
export interface LockedFields {
  eventType: EventType;
  date: unknown;
  location: ResolvedPlace | null;
  perpetrators: string[];
  killed: unknown;
  injured: unknown;
}

/** `active`: its target exists and it was applied at the last relink; `orphaned`: its target is gone. */
export type DecisionStatus = 'active' | 'orphaned';
export const DECISION_STATUSES: readonly DecisionStatus[] = ['active', 'orphaned'];

export interface ReviewDecision {
  /** Assigned by the store, 1, 2, … in the order recorded. */
  id: number;
  /** The incident id the analyst acted on (as issued; it may since have been merged into another). */
  incidentId: string;
  /** The incident's review version this decision made (1 for its first decision, +1 each). */
  version: number;
  action: DecisionAction;
  reviewer: string;
  reason: string | null;
  decidedAt: string;
  status: DecisionStatus;
  /** Why it is orphaned (the incident was withdrawn, the report changed), null when active. */
  orphanedBecause: string | null;
}

export type NewDecision = Omit<ReviewDecision, 'id' | 'version' | 'status' | 'orphanedBecause'>;

/** A field where the machine's value now differs from what an analyst set (the analyst's stands). */
export interface ReviewDisagreement {
  field: string;
  human: unknown;
  machine: unknown;
  /** The decision that set the human value. */
  decision: number;
}

/** Who made a change: an analyst (by name) or the pipeline (its version and the hash of its rule tables). */
export type AuditActor = { kind: 'user'; name: string } | { kind: 'pipeline'; version: string; rules: string };

/** Why a machine change happened, or that it was a review decision. */
export type AuditCause = 'review' | 'new-document' | 'relink' | 'policy';

export interface AuditEntry {
  /** Assigned by the store in append order. */
  id: number;
  at: string;
  actor: AuditActor;
  /** `review.confirm`, `review.edit`, …, `relink`. */
  action: string;
  /** The incident concerned; null for a run-level entry. */
  incidentId: string | null;
  field: string | null;
  before: unknown;
  after: unknown;
  reason: string | null;
  cause: AuditCause;
}

export type NewAuditEntry = Omit<AuditEntry, 'id'>;

export interface AuditFilter {
  /** ISO date-time; entries at or after it. */
  since?: string;
  incidentId?: string;
  action?: string;
}

/** The actor column text: `user:NAME` or `pipeline:VERSION:RULES`. */
export function actorText(actor: AuditActor): string {
  return actor.kind === 'user' ? `user:${actor.name}` : `pipeline:${actor.version}:${actor.rules}`;
}
