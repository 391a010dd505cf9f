/**
 * Analysts' field decisions applied to a freshly linked incident set (docs/decisions/0018-review-decisions-and-audit.md):
 * confirm, reject, edit a field, lock. Run after every relink, once incident ids are carried
 * forward, so a decision made on an id finds its incident again — through the id table when that
 * incident was absorbed by another. The human value always stands; where the machine's value now
 * differs from what it was when the analyst acted, the field is listed in the incident's
 * disagreements. A decision whose incident is gone (withdrawn, or an id never issued) is orphaned,
 * never dropped. Merge, split and detach act inside the linker (review-constraints.ts) and only get
 * their status here. A pure function.
 */
import type { CountCategory, CountRange, DateRange, EventType, Incident, IssuedIncidentId, ResolvedPlace, ReviewStatus } from '../../domain/types.ts';
import { EVENT_TYPES } from '../../domain/types.ts';
import type { DecisionStatus, EditField, LockedFields, ReviewDecision, ReviewDisagreement } from '../../domain/review.ts';

export interface ApplyInput {
  /** The linked incidents with their carried ids. */
  incidents: readonly Incident[];
  /** Every decision, in the order recorded. */
  decisions: readonly ReviewDecision[];
  /** The id table after this relink (what each issued id names now). */
  issued: readonly IssuedIncidentId[];
  /** Membership decisions the linker could not apply (their reports are gone), with the reason. */
  orphanedMembership: ReadonlyMap<number, string>;
}

export interface DecisionOutcome {
  id: number;
  status: DecisionStatus;
  orphanedBecause: string | null;
  /** The incident it applied to now (null when orphaned). */
  incidentId: string | null;
}

export interface ApplyResult {
  incidents: Incident[];
  outcomes: DecisionOutcome[];
  /** Every field where the machine now disagrees with an analyst, by incident. */
  disagreements: { incidentId: string; disagreement: ReviewDisagreement }[];
}

/** Figures are addressed outcome.category.bound (`killed.civilians.best`). */
const FIGURE_FIELD = /^(killed|injured)\.(total|civilians|children|women|fighters)\.(min|best|max)$/;

export function isEditField(field: string): field is EditField {
  return FIGURE_FIELD.test(field) || field === 'date' || field === 'location' || field === 'perpetrators' || field === 'eventType';
}

/** A field's value in comparable form (a place by what identifies and locates it). */
export function fieldValue(incident: Incident, field: EditField): unknown {
  const figure = FIGURE_FIELD.exec(field);
  if (figure) {
    const [, outcome, category, bound] = figure as unknown as [string, 'killed' | 'injured', CountCategory, keyof CountRange];
    return incident[outcome][category]?.[bound] ?? null;
  }
  if (field === 'date') return { start: incident.date.start, end: incident.date.end, precision: incident.date.precision };
  if (field === 'location') return incident.location ? placeView(incident.location) : null;
  if (field === 'perpetrators') return [...incident.perpetrators];
  return incident.eventType;
}

function placeView(p: ResolvedPlace) {
  return { name: p.name, gazetteerId: p.gazetteerId, lat: p.lat, lon: p.lon, admin1: p.admin1, admin2: p.admin2, precision: p.precision };
}

function setField(incident: Incident, field: EditField, value: unknown): Incident {
  const figure = FIGURE_FIELD.exec(field);
  if (figure) {
    const [, outcome, category, bound] = figure as unknown as [string, 'killed' | 'injured', CountCategory, keyof CountRange];
    const n = value as number;
    const was = incident[outcome][category] ?? { best: n, min: n, max: n };
    const next = { ...was, [bound]: n };
    // Keep min <= best <= max: an edit of one bound moves the others only as far as it must.
    if (bound === 'best') (next.min = Math.min(next.min, n)), (next.max = Math.max(next.max, n));
    if (bound === 'min') (next.best = Math.max(next.best, n)), (next.max = Math.max(next.max, n));
    if (bound === 'max') (next.best = Math.min(next.best, n)), (next.min = Math.min(next.min, n));
    return { ...incident, [outcome]: { ...incident[outcome], [category]: next } };
  }
  if (field === 'date') return { ...incident, date: { ...(value as DateRange) } };
  if (field === 'location') return { ...incident, location: { ...(value as ResolvedPlace) } };
  if (field === 'perpetrators') return { ...incident, perpetrators: [...(value as string[])] };
  return { ...incident, eventType: value as EventType };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The fields a lock freezes, read from an incident. */
export function lockedFieldsOf(incident: Incident): LockedFields {
  return {
    eventType: incident.eventType,
    date: structuredClone(incident.date),
    location: incident.location ? structuredClone(incident.location) : null,
    perpetrators: [...incident.perpetrators],
    killed: structuredClone(incident.killed),
    injured: structuredClone(incident.injured),
  };
}

/**
 * The incident as the machine made it, from one with decisions applied: each field an analyst set
 * takes back the machine's value kept in review.machine.
 */
export function machineView(incident: Incident): Incident {
  let out: Incident = incident;
  const kept = incident.review.machine ?? {};
  for (const [field, value] of Object.entries(kept)) {
    if (field === 'killed' || field === 'injured' || field === 'date' || field === 'location' || field === 'perpetrators' || field === 'eventType') {
      out = { ...out, [field]: structuredClone(value) } as Incident;
    }
  }
  // Figure edits after whole-field values: a bound's machine value (null: the machine had no such figure).
  for (const [field, value] of Object.entries(kept)) {
    const figure = FIGURE_FIELD.exec(field);
    if (!figure) continue;
    const [, outcome, category] = figure as unknown as [string, 'killed' | 'injured', CountCategory];
    if (value === null) {
      const { [category]: _, ...rest } = out[outcome];
      out = { ...out, [outcome]: rest };
    } else out = setField(out, field as EditField, value);
  }
  return out;
}

/** The current id of an issued id: itself, its successor when merged, null when withdrawn or never issued. */
function currentIdOf(issued: readonly IssuedIncidentId[]): (id: string) => { id: string | null; why: string | null } {
  const byId = new Map(issued.map((x) => [x.id, x]));
  return (id) => {
    const x = byId.get(id);
    if (!x) return { id: null, why: `incident ${id} was never issued in this store` };
    if (x.status === 'current') return { id: x.id, why: null };
    if (x.status === 'merged') return { id: x.successor, why: null };
    return { id: null, why: `incident ${id} was withdrawn: none of its reports tells an incident any more` };
  };
}

export function applyDecisions(input: ApplyInput): ApplyResult {
  const resolve = currentIdOf(input.issued);
  const byId = new Map(input.incidents.map((i) => [i.id, i]));
  const outcomes: DecisionOutcome[] = [];
  const perIncident = new Map<string, ReviewDecision[]>();
  for (const d of [...input.decisions].sort((a, b) => a.id - b.id)) {
    const membership = input.orphanedMembership.get(d.id);
    const target = resolve(d.incidentId);
    const why = membership ?? target.why ?? (target.id !== null && !byId.has(target.id) ? `incident ${target.id} is not in the incident set` : null);
    if (why !== null || target.id === null) {
      outcomes.push({ id: d.id, status: 'orphaned', orphanedBecause: why, incidentId: null });
      continue;
    }
    outcomes.push({ id: d.id, status: 'active', orphanedBecause: null, incidentId: target.id });
    perIncident.set(target.id, [...(perIncident.get(target.id) ?? []), d]);
  }

  const disagreements: ApplyResult['disagreements'] = [];
  const incidents = input.incidents.map((machine) => {
    const decisions = perIncident.get(machine.id);
    if (!decisions) return machine;
    let incident: Incident = machine;
    let verdict: 'confirmed' | 'rejected' | null = null;
    let edited = false;
    let locked = false;
    const flags: ReviewDisagreement[] = [];
    const machineValues: Record<string, unknown> = {};
    for (const d of decisions) {
      const a = d.action;
      if (a.kind === 'confirm') verdict = 'confirmed';
      else if (a.kind === 'reject') verdict = 'rejected';
      else if (a.kind === 'lock') {
        locked = true;
        const now = lockedFieldsOf(machine);
        for (const key of Object.keys(a.snapshot) as (keyof LockedFields)[]) {
          machineValues[key] = now[key];
          // Flag what the machine changed since the lock, not the analyst's own earlier edits.
          const then = a.machine ? a.machine[key] : a.snapshot[key];
          if (!same(now[key], then) && !same(now[key], a.snapshot[key])) flags.push({ field: key, human: a.snapshot[key], machine: now[key], decision: d.id });
        }
        incident = { ...incident, ...structuredClone(a.snapshot) } as Incident;
      } else if (a.kind === 'edit') {
        edited = true;
        incident = setField(incident, a.field, a.value);
        const now = fieldValue(machine, a.field);
        machineValues[a.field] = now;
        // The machine moved since the analyst acted, to something else than the analyst's value.
        if (!same(now, a.machine) && !same(now, a.value)) flags.push({ field: a.field, human: a.value, machine: now, decision: d.id });
      }
    }
    const last = decisions[decisions.length - 1];
    const status: ReviewStatus = verdict === 'rejected' ? 'rejected' : edited ? 'edited' : verdict === 'confirmed' ? 'confirmed' : 'unreviewed';
    // A later flag of one field replaces an earlier one.
    const byField = new Map(flags.map((f) => [f.field, f]));
    const kept = [...byField.values()];
    for (const f of kept) disagreements.push({ incidentId: machine.id, disagreement: f });
    return {
      ...incident,
      review: { status, reviewedBy: last.reviewer, reviewedAt: last.decidedAt, ...(locked ? { locked: true } : {}), ...(Object.keys(machineValues).length ? { machine: machineValues } : {}), ...(kept.length ? { disagreements: kept } : {}) },
    };
  });
  return { incidents, outcomes, disagreements };
}

/** Check an edit's value for its field; returns a message naming what would be valid, or null. */
export function editValueProblem(field: EditField, value: unknown): string | null {
  if (FIGURE_FIELD.test(field)) return Number.isInteger(value) && (value as number) >= 0 ? null : 'a figure is a whole number >= 0';
  if (field === 'eventType') return typeof value === 'string' && (EVENT_TYPES as readonly string[]).includes(value) ? null : `an event type is one of ${EVENT_TYPES.join(', ')}`;
  if (field === 'perpetrators') return Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string' && v.trim() !== '') ? null : 'perpetrators are a non-empty list of names';
  if (field === 'date') {
    const d = value as DateRange;
    const iso = /^\d{4}-\d{2}-\d{2}$/;
    const ok = d && typeof d === 'object' && iso.test(String(d.start)) && iso.test(String(d.end)) && d.start <= d.end && ['day', 'range', 'reported'].includes(d.precision);
    return ok ? null : 'a date is { start: YYYY-MM-DD, end: YYYY-MM-DD (not before start), precision: day | range | reported }';
  }
  const p = value as ResolvedPlace;
  const ok =
    p && typeof p === 'object' && typeof p.name === 'string' && p.name.trim() !== '' && ['locality', 'admin2', 'admin1', 'country'].includes(p.precision) &&
    [p.lat, p.lon].every((x) => x === null || x === undefined || typeof x === 'number');
  return ok ? null : 'a place is { name, precision: locality | admin2 | admin1 | country, lat?, lon?, admin1?, admin2?, gazetteerId? }';
}

