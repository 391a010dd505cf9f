/**
 * Pairing system incidents with gold incidents, exactly as the evaluation rule states it:
 * a system incident matches a gold incident when it cites one of the gold incident's documents,
 * their date ranges overlap (a system date of precision `reported` may also be the day after the event),
 * and a place matches — the same name up to transliteration, or within 3 km of a gold point in
 * `coords`; for a gold incident with no named place, the same governorate and either no locality
 * or the same killed total. Pairs are then chosen one-to-one, greedily best-first: more shared
 * documents, then an exact place (name, or governorate for a place-less gold incident) over a
 * distance-only match, then more agreeing figures; remaining ties go to required gold incidents
 * over optional ones, then to ids, so the result is deterministic. Pure functions only.
 */
import { distanceKm } from '../domain/geo.ts';
import { COUNT_CATEGORIES } from '../domain/types.ts';
import { sameName } from '../domain/name-key.ts';
import type { GoldIncident, GoldRange } from './gold-file.ts';
import type { ExportIncident, ExportPlace } from './incidents-export.ts';

/** Distance under which a system point is the gold place, per the evaluation rule. */
export const PLACE_RADIUS_KM = 3;

export type PlaceMatchKind = 'name' | 'governorate' | 'distance';
/** The first condition of the matching rule a candidate pair fails, in the order they are checked. */
export type MatchFailure = 'document' | 'date' | 'place';

/** A gold figure (`killed.total`, `injured.civilians`, …) compared with the system's best estimate. */
export interface FigureCheck {
  field: string;
  gold: GoldRange;
  system: number | null;
  right: boolean;
}

/** The matching rule applied to one (gold, system) pair. */
export interface CandidateCheck {
  goldId: string;
  systemId: string;
  sharedDocuments: string[];
  failure: MatchFailure | null;
  place: PlaceMatchKind | null;
  /** Nearest system point to a gold point, when both have coordinates. */
  nearestKm: number | null;
  agreeingFigures: number;
  /** Why the pair fails, in words (empty when it matches). */
  detail: string;
}

export interface MatchedPair {
  goldId: string;
  systemId: string;
  optional: boolean;
  sharedDocuments: string[];
  place: PlaceMatchKind;
  agreeingFigures: number;
}

/** Documents of a gold incident: required ones, and all (optional mentions included). */
export function goldDocuments(gold: GoldIncident): { required: string[]; all: string[] } {
  const required = new Set<string>();
  const all = new Set<string>();
  for (const m of gold.mentions) {
    all.add(m.doc);
    if (!m.optional) required.add(m.doc);
  }
  return { required: [...required].sort(), all: [...all].sort() };
}

/** Every document a system incident cites: its `documents` and its claims' documents. */
export function systemDocuments(sys: ExportIncident): string[] {
  return [...new Set([...sys.documents, ...sys.claims.map((c) => c.document)])].sort();
}

/** The next calendar day of an ISO date. */
export function nextDay(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** The previous calendar day of an ISO date. */
export function previousDay(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
}

/**
 * The system's date range overlaps the gold range. A `reported` date (the publication day, used
 * when the text states none) may be the day after the event: news of a strike is published the
 * next day, so the system's reported day matches a gold event on the day before it.
 */
export function datesOverlap(gold: GoldIncident['date'], sys: ExportIncident['date']): boolean {
  if (!sys) return false;
  const sysStart = sys.precision === 'reported' ? previousDay(sys.start) : sys.start;
  return sysStart <= gold.end && gold.start <= sys.end;
}


function systemPlaces(sys: ExportIncident): ExportPlace[] {
  return sys.location ? [sys.location, ...sys.places] : [...sys.places];
}

/** The system incident is placed no more precisely than an admin area (or not at all). */
function hasNoLocality(sys: ExportIncident): boolean {
  return sys.location === null || (sys.location.precision !== undefined && sys.location.precision !== null && sys.location.precision !== 'locality');
}

function systemGovernorates(sys: ExportIncident): string[] {
  const names: string[] = [];
  for (const p of systemPlaces(sys)) {
    if (p.admin1) names.push(p.admin1);
    if (p.precision === 'admin1' && p.name) names.push(p.name);
  }
  return names;
}

function within(range: GoldRange, value: number | null | undefined): boolean {
  return typeof value === 'number' && value >= range.min && value <= range.max;
}

/** Every gold figure of the incident against the system's best estimate for the same category. */
export function checkFigures(gold: GoldIncident, sys: ExportIncident): FigureCheck[] {
  const out: FigureCheck[] = [];
  for (const kind of ['killed', 'injured'] as const) {
    for (const cat of COUNT_CATEGORIES) {
      const range = gold[kind][cat];
      if (!range) continue;
      const best = sys[kind][cat]?.best ?? null;
      out.push({ field: `${kind}.${cat}`, gold: range, system: best, right: within(range, best) });
    }
  }
  return out;
}

function describePlace(sys: ExportIncident): string {
  const loc = sys.location;
  if (!loc) return sys.places.length ? sys.places.map((p) => p.name).join(', ') : 'no place';
  const admin = loc.admin1 && loc.admin1 !== loc.name ? `, ${loc.admin1}` : '';
  return `${loc.name} (${loc.precision ?? '?'}${admin})`;
}

function placeMatch(gold: GoldIncident, sys: ExportIncident): { kind: PlaceMatchKind | null; nearestKm: number | null; detail: string } {
  const places = systemPlaces(sys);
  if (gold.places.length > 0) {
    const named = gold.places.some((g) => places.some((p) => p.name && sameName(g, p.name)));
    let nearestKm: number | null = null;
    for (const point of Object.values(gold.coords)) {
      for (const p of places) {
        if (p.lat === null || p.lon === null) continue;
        const km = distanceKm(point, { lat: p.lat, lon: p.lon });
        if (nearestKm === null || km < nearestKm) nearestKm = km;
      }
    }
    if (named) return { kind: 'name', nearestKm, detail: '' };
    if (nearestKm !== null && nearestKm <= PLACE_RADIUS_KM) return { kind: 'distance', nearestKm, detail: '' };
    const far = nearestKm === null ? (Object.keys(gold.coords).length ? 'no system coordinates' : 'gold has no coordinates') : `nearest ${nearestKm.toFixed(1)} km`;
    return { kind: null, nearestKm, detail: `system ${describePlace(sys)} vs gold ${gold.places.join(', ')} (${far})` };
  }
  // No named place in the gold: same governorate, and either no locality or the same killed total.
  const sameGov = gold.admin1 !== null && systemGovernorates(sys).some((g) => sameName(g, gold.admin1 as string));
  if (!sameGov) return { kind: null, nearestKm: null, detail: `system ${describePlace(sys)} vs gold governorate ${gold.admin1 ?? '(none)'}` };
  const total = gold.killed.total;
  if (hasNoLocality(sys) || (total !== undefined && within(total, sys.killed.total?.best))) return { kind: 'governorate', nearestKm: null, detail: '' };
  return {
    kind: null,
    nearestKm: null,
    detail: `system names locality ${describePlace(sys)} and its killed total ${sys.killed.total?.best ?? 'none'} is not gold ${total ? `${total.min}–${total.max}` : '(none)'}`,
  };
}

function describeDate(d: ExportIncident['date']): string {
  if (!d) return 'no date';
  return `${d.start === d.end ? d.start : `${d.start}..${d.end}`} (${d.precision})`;
}

/** Apply the matching rule to one pair, reporting the first condition that fails. */
export function checkCandidate(gold: GoldIncident, sys: ExportIncident): CandidateCheck {
  const docs = new Set(goldDocuments(gold).all);
  const sharedDocuments = systemDocuments(sys).filter((d) => docs.has(d));
  const agreeingFigures = checkFigures(gold, sys).filter((f) => f.right).length;
  const base = { goldId: gold.id, systemId: sys.id, sharedDocuments, agreeingFigures };
  if (sharedDocuments.length === 0) {
    return { ...base, failure: 'document', place: null, nearestKm: null, detail: 'no document shared' };
  }
  if (!datesOverlap(gold.date, sys.date)) {
    const g = gold.date.start === gold.date.end ? gold.date.start : `${gold.date.start}..${gold.date.end}`;
    return { ...base, failure: 'date', place: null, nearestKm: null, detail: `system ${describeDate(sys.date)} vs gold ${g}` };
  }
  const place = placeMatch(gold, sys);
  if (!place.kind) return { ...base, failure: 'place', place: null, nearestKm: place.nearestKm, detail: place.detail };
  return { ...base, failure: null, place: place.kind, nearestKm: place.nearestKm, detail: '' };
}

const PLACE_RANK: Record<PlaceMatchKind, number> = { name: 3, governorate: 2, distance: 1 };

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface MatchResult {
  pairs: MatchedPair[];
  /** Every pair that shares at least one document (matching or not), for explaining misses. */
  checks: CandidateCheck[];
}

/**
 * One-to-one greedy assignment, best-first. Only pairs sharing a document are examined (the
 * others cannot match), so large runs stay cheap.
 */
export function matchIncidents(gold: readonly GoldIncident[], system: readonly ExportIncident[]): MatchResult {
  const byDoc = new Map<string, number[]>();
  system.forEach((s, i) => {
    for (const d of systemDocuments(s)) {
      const list = byDoc.get(d) ?? [];
      list.push(i);
      byDoc.set(d, list);
    }
  });
  const checks: CandidateCheck[] = [];
  const candidates: { check: CandidateCheck; gi: number; si: number }[] = [];
  gold.forEach((g, gi) => {
    const seen = new Set<number>();
    for (const d of goldDocuments(g).all) for (const si of byDoc.get(d) ?? []) seen.add(si);
    for (const si of [...seen].sort((a, b) => a - b)) {
      const check = checkCandidate(g, system[si]);
      checks.push(check);
      if (check.failure === null) candidates.push({ check, gi, si });
    }
  });
  candidates.sort((a, b) => {
    const x = a.check;
    const y = b.check;
    return (
      y.sharedDocuments.length - x.sharedDocuments.length ||
      PLACE_RANK[y.place as PlaceMatchKind] - PLACE_RANK[x.place as PlaceMatchKind] ||
      y.agreeingFigures - x.agreeingFigures ||
      Number(gold[a.gi].optional) - Number(gold[b.gi].optional) ||
      compareIds(x.goldId, y.goldId) ||
      compareIds(x.systemId, y.systemId) ||
      a.gi - b.gi ||
      a.si - b.si
    );
  });
  const goldTaken = new Set<number>();
  const systemTaken = new Set<number>();
  const pairs: MatchedPair[] = [];
  for (const { check, gi, si } of candidates) {
    if (goldTaken.has(gi) || systemTaken.has(si)) continue;
    goldTaken.add(gi);
    systemTaken.add(si);
    pairs.push({
      goldId: check.goldId,
      systemId: check.systemId,
      optional: gold[gi].optional,
      sharedDocuments: check.sharedDocuments,
      place: check.place as PlaceMatchKind,
      agreeingFigures: check.agreeingFigures,
    });
  }
  return { pairs, checks };
}
