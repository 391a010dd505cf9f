/**
 * Compares the pipeline's `incidents/1` export of a golden case with the analyst's hand-written
 * expectations (expected.json). The export is first normalised into the expectation's shape: ids,
 * generated_at and quote offsets dropped, lists sorted, a count whose best/min/max agree written as
 * one number. Incidents are paired by gazetteer place (then date, then event type), tallies by
 * document and headline figure, and every disagreement becomes a `Difference` tagged with the field
 * group it belongs to, so a golden test can hold one assertion per group and mark only the groups
 * the extractor is known to get wrong as `todo`.
 */
import type { IncidentsJson } from '../../src/export/incidents-json.ts';
import { sameName } from '../../src/domain/name-key.ts';

export type ExpectedCount = number | { min: number; max: number; best?: number };
export type ExpectedCounts = Record<string, ExpectedCount>;

export interface ExpectedPlace {
  name: string;
  gazetteer_id: string | null;
}

export interface ExpectedIncident {
  label: string;
  event_type: string;
  date: { start: string; end: string; precision: string };
  location: ExpectedPlace & { admin1: string | null; precision: string };
  places: ExpectedPlace[];
  perpetrators: string[];
  killed: ExpectedCounts;
  injured: ExpectedCounts;
  targets: string[];
  claimants: string[];
  documents: string[];
}

export interface ExpectedTally {
  label: string;
  document: string;
  claimant: string | null;
  period: { start: string; end: string } | null;
  /** Compared only when given. */
  perpetrator?: string | null;
  killed: Record<string, number>;
  injured: Record<string, number>;
  displaced: number | null;
}

export interface GoldenCase {
  name: string;
  articles: string[];
  incidents: ExpectedIncident[];
  tallies: ExpectedTally[];
  background?: string[];
}

/** Field groups, one assertion each. */
export const GROUPS = ['incidents', 'when-where-what', 'perpetrators', 'figures', 'claimants', 'targets', 'tallies'] as const;
export type Group = (typeof GROUPS)[number];

export interface Difference {
  group: Group;
  /** Which incident or tally, and which field. */
  where: string;
  expected: unknown;
  actual: unknown;
}

export type ActualCount = number | { best: number; min: number; max: number };

export interface ActualIncident {
  event_type: string;
  /** start/end null when the date is unknown. */
  date: { start: string | null; end: string | null; precision: string };
  location: (ExpectedPlace & { admin1: string | null; precision: string }) | null;
  places: ExpectedPlace[];
  perpetrators: string[];
  killed: Record<string, ActualCount>;
  injured: Record<string, ActualCount>;
  targets: string[];
  claimants: string[];
  documents: string[];
  /** For the reviewer of a *-changed.json; not compared. */
  claims: { claimant: string; document: string; quote: string; killed: Record<string, number>; injured: Record<string, number> }[];
}

export interface ActualTally {
  document: string;
  claimant: string | null;
  period: { start: string; end: string } | null;
  perpetrator: string | null;
  killed: Record<string, number>;
  injured: Record<string, number>;
  displaced: number | null;
  /** For the reviewer; not compared. */
  quote: string;
}

export interface NormalisedCase {
  name: string;
  incidents: ActualIncident[];
  tallies: ActualTally[];
}

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const sorted = (xs: readonly string[]): string[] => [...xs].sort(byString);
const uniqueSorted = (xs: readonly string[]): string[] => sorted([...new Set(xs)]);

function compactCounts(counts: Record<string, { best: number; min: number; max: number } | undefined>): Record<string, ActualCount> {
  const out: Record<string, ActualCount> = {};
  for (const [k, c] of Object.entries(counts)) {
    if (!c) continue;
    out[k] = c.best === c.min && c.best === c.max ? c.best : { best: c.best, min: c.min, max: c.max };
  }
  return out;
}

/** The export in the expectation's shape (ids, generated_at and offsets dropped; lists sorted). */
export function normaliseExport(name: string, json: IncidentsJson): NormalisedCase {
  const incidents: ActualIncident[] = json.incidents.map((i) => ({
    event_type: i.event_type,
    date: { start: i.date.start, end: i.date.end, precision: i.date.precision },
    location: i.location
      ? { name: i.location.name, gazetteer_id: i.location.gazetteer_id, admin1: i.location.admin1, precision: i.location.precision }
      : null,
    places: i.places.map((p) => ({ name: p.name, gazetteer_id: p.gazetteer_id })),
    perpetrators: sorted(i.perpetrators),
    killed: compactCounts(i.killed),
    injured: compactCounts(i.injured),
    targets: uniqueSorted(i.targets),
    claimants: uniqueSorted(i.claims.map((c) => c.claimant)),
    documents: uniqueSorted(i.documents),
    claims: i.claims.map((c) => ({ claimant: c.claimant, document: c.document, quote: c.quote, killed: { ...c.killed }, injured: { ...c.injured } })),
  }));
  incidents.sort((a, b) => byString(`${a.date.start} ${a.location?.name ?? ''} ${a.event_type}`, `${b.date.start} ${b.location?.name ?? ''} ${b.event_type}`));
  const tallies: ActualTally[] = json.tallies.map((t) => ({
    document: t.document,
    claimant: t.claimant,
    period: t.period ? { start: t.period.start, end: t.period.end } : null,
    perpetrator: t.perpetrator,
    killed: { ...t.killed },
    injured: { ...t.injured },
    displaced: t.displaced,
    quote: t.quote,
  }));
  tallies.sort((a, b) => byString(`${a.document} ${a.quote}`, `${b.document} ${b.quote}`));
  return { name, incidents, tallies };
}

function samePlace(expected: ExpectedPlace, actual: ExpectedPlace | null): boolean {
  if (!actual) return false;
  if (expected.gazetteer_id !== null) return expected.gazetteer_id === actual.gazetteer_id;
  return sameName(expected.name, actual.name);
}

/**
 * Pairs each expected incident with at most one actual incident, in the expectation's order: first
 * by gazetteer place (preferring the same date, then the same event type); an expected incident
 * left over is then paired with a leftover actual incident of the same date, event type and
 * documents, so a misplaced incident is reported as a wrong location rather than missing + extra.
 */
export function pairIncidents(expected: readonly ExpectedIncident[], actual: readonly ActualIncident[]): (ActualIncident | null)[] {
  const free = new Set(actual.map((_, i) => i));
  const pairs: (ActualIncident | null)[] = expected.map((e) => {
    const candidates = [...free].filter((i) => samePlace(e.location, actual[i].location));
    const score = (i: number): number => (actual[i].date.start === e.date.start ? 2 : 0) + (actual[i].event_type === e.event_type ? 1 : 0);
    candidates.sort((a, b) => score(b) - score(a) || a - b);
    if (candidates.length === 0) return null;
    free.delete(candidates[0]);
    return actual[candidates[0]];
  });
  expected.forEach((e, n) => {
    if (pairs[n]) return;
    const docs = uniqueSorted(e.documents).join(' ');
    const found = [...free].find((i) => {
      const a = actual[i];
      return a.date.start === e.date.start && a.event_type === e.event_type && a.documents.join(' ') === docs;
    });
    if (found === undefined) return;
    free.delete(found);
    pairs[n] = actual[found];
  });
  return pairs;
}

function countText(c: ExpectedCount | ActualCount | undefined): string {
  if (c === undefined) return 'not stated';
  if (typeof c === 'number') return String(c);
  if ('best' in c && c.best !== undefined) return `best ${c.best} (${c.min}..${c.max})`;
  return `${c.min}..${c.max}`;
}

function countMatches(expected: ExpectedCount, actual: ActualCount): boolean {
  const a = typeof actual === 'number' ? { best: actual, min: actual, max: actual } : actual;
  if (typeof expected === 'number') return a.best === expected && a.min === expected && a.max === expected;
  if (a.min !== expected.min || a.max !== expected.max) return false;
  if (expected.best !== undefined) return a.best === expected.best;
  return a.best >= a.min && a.best <= a.max;
}

function compareCounts(group: Group, where: string, expected: ExpectedCounts, actual: Record<string, ActualCount>, out: Difference[]): void {
  for (const k of uniqueSorted([...Object.keys(expected), ...Object.keys(actual)])) {
    const e = expected[k];
    const a = actual[k];
    if (e === undefined || a === undefined || !countMatches(e, a)) out.push({ group, where: `${where}.${k}`, expected: countText(e), actual: countText(a) });
  }
}

function compareLists(group: Group, where: string, expected: readonly string[], actual: readonly string[], out: Difference[]): void {
  const e = uniqueSorted(expected);
  const a = uniqueSorted(actual);
  if (e.join('\u0000') !== a.join('\u0000')) out.push({ group, where, expected: e, actual: a });
}

function compareValue(group: Group, where: string, expected: unknown, actual: unknown, out: Difference[]): void {
  if (JSON.stringify(expected) !== JSON.stringify(actual)) out.push({ group, where, expected, actual });
}

function incidentSummary(i: ActualIncident): string {
  const figures = Object.entries(i.killed).map(([k, v]) => `${k} ${countText(v)}`).join(', ');
  return `${i.date.start} ${i.location?.name ?? '(no place)'} ${i.event_type}${figures ? ` killed ${figures}` : ''} [${i.documents.join(', ')}]`;
}

/** The figure a tally is recognised by: displaced, else its largest killed or injured figure. */
function headline(t: { displaced: number | null; killed: Record<string, number>; injured: Record<string, number> }): number | null {
  if (t.displaced !== null) return t.displaced;
  const all = [...Object.values(t.killed), ...Object.values(t.injured)];
  return all.length ? Math.max(...all) : null;
}

export function pairTallies(expected: readonly ExpectedTally[], actual: readonly ActualTally[]): (ActualTally | null)[] {
  const free = new Set(actual.map((_, i) => i));
  return expected.map((e) => {
    const h = headline(e);
    const found = [...free].find((i) => {
      const a = actual[i];
      if (a.document !== e.document) return false;
      return h !== null && (a.displaced === h || Object.values(a.killed).includes(h) || Object.values(a.injured).includes(h));
    });
    if (found === undefined) return null;
    free.delete(found);
    return actual[found];
  });
}

function compareTallyFigures(where: string, expected: Record<string, number>, actual: Record<string, number>, out: Difference[]): void {
  for (const k of uniqueSorted([...Object.keys(expected), ...Object.keys(actual)])) {
    // A tally stated for civilians only is not turned into a total (gold.json's convention).
    if (k === 'total' && expected.total === undefined) continue;
    if (expected[k] !== actual[k]) out.push({ group: 'tallies', where: `${where}.${k}`, expected: expected[k] ?? 'not stated', actual: actual[k] ?? 'not stated' });
  }
}

/** Every disagreement between the expectation and the normalised export. */
export function compareCase(expected: GoldenCase, actual: NormalisedCase): Difference[] {
  const out: Difference[] = [];
  const pairs = pairIncidents(expected.incidents, actual.incidents);
  const used = new Set<ActualIncident>();
  expected.incidents.forEach((e, n) => {
    const a = pairs[n];
    const where = `incident "${e.label}"`;
    if (!a) {
      out.push({ group: 'incidents', where, expected: `${e.date.start} ${e.location.name} ${e.event_type}`, actual: 'missing (no incident placed there, nor one of that date, type and documents)' });
      return;
    }
    used.add(a);
    compareValue('when-where-what', `${where} event_type`, e.event_type, a.event_type, out);
    compareValue('when-where-what', `${where} date`, e.date, a.date, out);
    if (!samePlace(e.location, a.location)) {
      compareValue('when-where-what', `${where} location`, `${e.location.name} (${e.location.gazetteer_id})`, a.location ? `${a.location.name} (${a.location.gazetteer_id})` : null, out);
    }
    compareValue('when-where-what', `${where} location.admin1`, e.location.admin1, a.location?.admin1 ?? null, out);
    compareValue('when-where-what', `${where} location.precision`, e.location.precision, a.location?.precision ?? null, out);
    compareLists('when-where-what', `${where} places`, e.places.map((p) => p.gazetteer_id ?? p.name), a.places.map((p) => p.gazetteer_id ?? p.name), out);
    compareLists('perpetrators', `${where} perpetrators`, e.perpetrators, a.perpetrators, out);
    compareCounts('figures', `${where} killed`, e.killed, a.killed, out);
    compareCounts('figures', `${where} injured`, e.injured, a.injured, out);
    compareLists('claimants', `${where} claimants`, e.claimants, a.claimants, out);
    compareLists('claimants', `${where} documents`, e.documents, a.documents, out);
    compareLists('targets', `${where} targets`, e.targets, a.targets, out);
  });
  for (const a of actual.incidents) {
    if (!used.has(a)) out.push({ group: 'incidents', where: 'extra incident', expected: 'none', actual: incidentSummary(a) });
  }

  const tallyPairs = pairTallies(expected.tallies, actual.tallies);
  const usedTallies = new Set<ActualTally>();
  expected.tallies.forEach((e, n) => {
    const a = tallyPairs[n];
    const where = `tally "${e.label}"`;
    if (!a) {
      out.push({ group: 'tallies', where, expected: `headline figure ${headline(e)} in ${e.document}`, actual: 'missing' });
      return;
    }
    usedTallies.add(a);
    compareValue('tallies', `${where} claimant`, e.claimant, a.claimant, out);
    compareValue('tallies', `${where} period`, e.period, a.period, out);
    if (e.perpetrator !== undefined) compareValue('tallies', `${where} perpetrator`, e.perpetrator, a.perpetrator, out);
    compareTallyFigures(`${where} killed`, e.killed, a.killed, out);
    compareTallyFigures(`${where} injured`, e.injured, a.injured, out);
    compareValue('tallies', `${where} displaced`, e.displaced, a.displaced, out);
  });
  for (const a of actual.tallies) {
    if (!usedTallies.has(a)) out.push({ group: 'tallies', where: 'extra tally', expected: 'none', actual: `${a.document}: ${JSON.stringify(a.killed)} displaced ${a.displaced} — "${a.quote}"` });
  }
  return out;
}

const show = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

/** One line per difference, grouped in the order of GROUPS. */
export function formatDifferences(caseName: string, diffs: readonly Difference[]): string {
  const lines = [`${caseName}: ${diffs.length} difference(s) from expected.json`];
  for (const g of GROUPS) {
    for (const d of diffs.filter((x) => x.group === g)) lines.push(`  [${g}] ${d.where}: expected ${show(d.expected)}, got ${show(d.actual)}`);
  }
  return lines.join('\n');
}
