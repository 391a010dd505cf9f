/**
 * Questions the classify and merge passes ask about two frames: do their dates overlap, are they
 * at the same locality, do their perpetrators or figures agree. Pure functions of frame data.
 */
import type { CountSet, DateRange, ResolvedPlace, Tagged } from '../../../domain/types.ts';
import { MS_PER_DAY, dayStartMs } from '../../../domain/days.ts';
import { headlineOfCounts } from '../../../domain/headline-figure.ts';
import { distanceKm } from '../../../domain/geo.ts';
import { sameName } from '../../../domain/name-key.ts';
import { EVENT_CUES } from '../lexicons/events.ts';
import type { Frame } from '../frames.ts';

/** A neighbourhood and its town centre are a few km apart in the gazetteer. */
export const SAME_LOCALITY_KM = 6;

export const totalOf = headlineOfCounts;

export function hasFigures(f: Frame): boolean {
  return Object.keys(f.killed).length > 0 || Object.keys(f.injured).length > 0;
}

/** Overlap of two dates; a reported date (publication day) may be the day after the event. */
export function rangesOverlap(a: DateRange, b: DateRange): boolean {
  const aStart = dayStartMs(a.start) - (a.precision === 'reported' ? MS_PER_DAY : 0);
  const bStart = dayStartMs(b.start) - (b.precision === 'reported' ? MS_PER_DAY : 0);
  return aStart <= dayStartMs(b.end) && bStart <= dayStartMs(a.end);
}

export function sameLocality(a: readonly ResolvedPlace[], b: readonly ResolvedPlace[]): boolean {
  return a.some((x) =>
    b.some(
      (y) =>
        (x.gazetteerId && x.gazetteerId === y.gazetteerId) ||
        sameName(x.name, y.name) ||
        (x.precision === 'locality' && y.precision === 'locality' && x.lat !== null && y.lat !== null && distanceKm({ lat: x.lat, lon: x.lon! }, { lat: y.lat, lon: y.lon! }) <= SAME_LOCALITY_KM),
    ),
  );
}

/** `unknown` ("nobody has claimed it") names no one, so it conflicts with no one. */
export function perpsCompatible(a: readonly Tagged<string>[], b: readonly Tagged<string>[]): boolean {
  const named = (xs: readonly Tagged<string>[]) => xs.filter((x) => x.value !== 'unknown');
  const na = named(a);
  const nb = named(b);
  if (!na.length || !nb.length) return true;
  return na.some((x) => nb.some((y) => x.value === y.value));
}

export function countsCompatible(a: CountSet, b: CountSet): boolean {
  for (const k of Object.keys(a) as (keyof CountSet)[]) {
    const x = a[k];
    const y = b[k];
    if (x && y && x.value !== y.value) return false;
  }
  return true;
}

export function sameFigures(a: Frame, b: Frame): boolean {
  const ta = totalOf(a.killed);
  const tb = totalOf(b.killed);
  return ta !== null && ta === tb;
}

/** "Six killed" then "the airstrikes left 10 injured": killed in one, injured in the other. */
export function complementary(a: Frame, b: Frame): boolean {
  const ak = Object.keys(a.killed).length > 0;
  const bk = Object.keys(b.killed).length > 0;
  const ai = Object.keys(a.injured).length > 0;
  const bi = Object.keys(b.injured).length > 0;
  return (ak && !ai && bi && !bk) || (bk && !bi && ai && !ak);
}

/** "three more were killed": a count added to one already given. */
export function isAdditional(f: Frame): boolean {
  return f.anchors.some((a) => a.parent === null && a.quantity.additional);
}

/** Event types a report may use interchangeably for one strike. */
export const EVENT_FAMILY: Record<string, string> = { air_strike: 'remote', shelling: 'remote', explosion: 'remote', attack: 'remote' };

export const EVENT_PRIORITY = new Map(EVENT_CUES.map((c) => [c.rule, c.priority]));

/** "in the attack", "the strike": a sentence referring back to an event already told. */
export const ANAPHORIC_EVENT_RE = /\b(?:the|this|that|Tuesday's|Monday's|Wednesday's|Thursday's|Friday's|Saturday's|Sunday's)\s+(?:same\s+)?(?:attack|strike|air ?strike|raid|bombing|blast|explosion|shelling|bombardment|massacre)\b/i;
