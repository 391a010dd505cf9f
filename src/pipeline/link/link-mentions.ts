/**
 * Cross-document linking: mentions of one event in several documents become one incident; the
 * same town on another day stays another incident. A pure function over the whole set of
 * incident mentions, so the result does not depend on ingest order: mentions are visited in a
 * canonical order (date, document, position), candidates are blocked by date window and
 * governorate, and each join records its evidence and score. Incident ids derive from the
 * founding mention, which is the canonical-first one, so ids are stable under reordering.
 *
 * Undated mentions (no publication date and none in the text) join a dated incident only on the
 * place and more (threshold 4, see linkScore), or as a syndicated copy of one of its reports; the
 * rest become incidents of unknown date, two undated mentions sharing one only on strong evidence
 * (undatedEvidence): never on the place alone.
 */
import { headlineOfCounts } from '../../domain/headline-figure.ts';
import { MS_PER_DAY, dayStartMs } from '../../domain/days.ts';
import { createHash } from 'node:crypto';
import type { ClaimFigure, Article, Claim, CountCategory, CountSet, Incident, IncidentDate, Mention, ResolvedPlace, Tally } from '../../domain/types.ts';
import { COUNT_CATEGORIES } from '../../domain/types.ts';
import { nameKey, sameName } from '../../domain/name-key.ts';
import { distanceKm } from '../../domain/geo.ts';

export type ReconcilePolicy = 'latest' | 'conservative' | 'max';
export const RECONCILE_POLICIES: ReconcilePolicy[] = ['latest', 'conservative', 'max'];

export interface LinkEvidence {
  a: string;
  b: string;
  score: number;
  reasons: string[];
}

export interface LinkResult {
  incidents: Incident[];
  tallies: Tally[];
  links: LinkEvidence[];
  /** Incident mentions without a date that no dated incident took: each is in an incident of unknown date. */
  undated: Mention[];
}

interface DocMeta {
  outlet: string | null;
  published: string | null;
}

const DAY = MS_PER_DAY;
/** A neighbourhood and the city centre it belongs to are a few km apart in the gazetteer. */
const NEAR_KM = 6;
const dayMs = dayStartMs;
/** A report that gives no day of its own tells of an event of the days before its publication. */
const REPORTED_LAG_DAYS = 3;

/** Day bounds of a mention in ms, computed once per mention (linking compares them constantly). */
const BOUNDS = new WeakMap<Mention, { start: number; end: number }>();
function bounds(m: Mention): { start: number; end: number } {
  let b = BOUNDS.get(m);
  if (!b) {
    // A reported date (publication day) may be the day after the event; so may the day of a
    // statement ("the spokesman stated on April 5", a date rule marked @report), which dates the
    // words, the event on or before them.
    const lag = m.date && (m.date.precision === 'reported' || (m.date.precision === 'day' && m.date.prov?.rule.endsWith('@report'))) ? REPORTED_LAG_DAYS * DAY : 0;
    b = m.date ? { start: dayMs(m.date.start) - lag, end: dayMs(m.date.end) } : { start: 0, end: 0 };
    BOUNDS.set(m, b);
  }
  return b;
}

function mentionStart(m: Mention): number {
  return bounds(m).start;
}

function datesCompatible(a: Mention, b: Mention, slackDays = 0): boolean {
  if (!a.date || !b.date) return false;
  const slack = slackDays * DAY;
  return bounds(a).start - slack <= bounds(b).end && bounds(b).start - slack <= bounds(a).end;
}

/**
 * A follow-up (an arrest, a funeral, a trial) names the people of the event weeks or months later;
 * a person both reports name ties them across that time.
 */
const FOLLOW_UP_DAYS = 400;

/** The first person both mentions name (lower-case first and last name), or null. */
function sharedPerson(a: Mention, b: Mention): string | null {
  if (!a.people?.length || !b.people?.length) return null;
  const names = new Set(a.people.map((p) => p.value));
  return b.people.find((p) => names.has(p.value))?.value ?? null;
}

/**
 * The first street or named venue both mentions name ("elm street"), or null. Two shootings of
 * the same days in one state seldom share one; the reports of one shooting often do.
 */
function sharedSite(a: Mention, b: Mention): string | null {
  return sharedValues(a.sites, b.sites)[0] ?? null;
}

/** The first county both mentions name, or null: a place, weaker than a town (a county holds many). */
function sharedCounty(a: Mention, b: Mention): string | null {
  return sharedValues(a.counties, b.counties)[0] ?? null;
}

/** The values both lists hold, once each, in the order of the second. */
function sharedValues(a: readonly { value: string }[] | undefined, b: readonly { value: string }[] | undefined): string[] {
  if (!a?.length || !b?.length) return [];
  const values = new Set(a.map((x) => x.value));
  return [...new Set(b.filter((x) => values.has(x.value)).map((x) => x.value))];
}

/**
 * A follow-up that names the street or venue of the event ("charged in the shooting on Elm
 * Street") comes days or weeks later. In one town a street sees another shooting within months,
 * so a shared site ties reports across time only within a month and only in the same town.
 */
const SITE_FOLLOW_UP_DAYS = 30;

function siteFollowUp(a: Mention, b: Mention): boolean {
  return sharedSite(a, b) !== null && datesCompatible(a, b, SITE_FOLLOW_UP_DAYS) && sameLocality(a, b);
}

/**
 * Two reports of the same days naming the same person, or the same two sites (a street and a cross
 * street, a venue and its street), tell one event even when their towns differ: the gazetteer
 * takes a neighbourhood for a namesake town abroad, and one outlet names the suburb where another
 * names the city. Across time, or on a single shared street, the towns still keep events apart.
 */
function identityOverPlaces(a: Mention, b: Mention, person: string | null): boolean {
  if (!datesCompatible(a, b)) return false;
  return person !== null || sharedValues(a.sites, b.sites).length >= 2;
}

/** Places in conflict and no shared identity to overrule them. */
function placesApart(a: Mention, b: Mention): boolean {
  return placeRelation(a, b) === 'conflict' && !identityOverPlaces(a, b, sharedPerson(a, b));
}

function withinFollowUp(a: Mention, b: Mention): boolean {
  return datesCompatible(a, b, FOLLOW_UP_DAYS);
}

function localities(m: Mention): ResolvedPlace[] {
  return m.resolvedPlaces.filter((p) => p.precision === 'locality');
}

function admin1Of(m: Mention): string | null {
  return m.resolvedPlaces.find((p) => p.admin1)?.admin1 ?? null;
}

function placeRelation(a: Mention, b: Mention): 'same' | 'near' | 'area' | 'none' | 'conflict' {
  const la = localities(a);
  const lb = localities(b);
  if (la.length && lb.length) {
    for (const x of la)
      for (const y of lb) {
        if (x.gazetteerId && x.gazetteerId === y.gazetteerId) return 'same';
        if (sameName(x.name, y.name)) return 'same';
      }
    for (const x of la)
      for (const y of lb) if (x.lat !== null && y.lat !== null && x.lon !== null && y.lon !== null && distanceKm({ lat: x.lat, lon: x.lon }, { lat: y.lat, lon: y.lon }) <= NEAR_KM) return 'near';
    return 'conflict';
  }
  const aa = admin1Of(a);
  const ab = admin1Of(b);
  if (aa && ab && aa !== ab) return 'conflict';
  // "Homs" read as the governorate in one report and as the city in another.
  const loc = la[0] ?? lb[0];
  const area = la.length ? b : a;
  if (loc && area.resolvedPlaces.some((p) => p.precision !== 'locality' && sameName(p.name, loc.name))) return 'same';
  // Both name "Damascus" bare: the city and the governorate of that name are not told apart.
  const bare = (m: Mention) => m.resolvedPlaces.filter((p) => p.precision === 'admin1' && p.mention && p.mention.prov.rule !== 'place.name-type' && p.mention.role !== 'area');
  if (aa && ab && bare(a).some((x) => bare(b).some((y) => sameName(x.name, y.name)))) return 'same';
  if (aa && ab) return 'area';
  return 'none';
}

const total = headlineOfCounts;

function figuresRelation(a: Mention, b: Mention): 'equal' | 'compatible' | 'absent' | 'conflict' {
  // "three civilians" and "four fighters" are not two counts of the same dead.
  const onlyCiv = (m: Mention) => !!m.killed.civilians && !m.killed.fighters && (!m.killed.total || m.killed.total.value === m.killed.civilians.value);
  const onlyFig = (m: Mention) => !!m.killed.fighters && !m.killed.civilians && (!m.killed.total || m.killed.total.value === m.killed.fighters.value);
  if ((onlyCiv(a) && onlyFig(b)) || (onlyFig(a) && onlyCiv(b))) return 'conflict';
  const ta = total(a.killed);
  const tb = total(b.killed);
  if (ta === null || tb === null) return 'absent';
  if (ta === tb) return 'equal';
  const lo = Math.min(ta, tb);
  const hi = Math.max(ta, tb);
  // Tolls rise as bodies are recovered (mass-casualty tolls several-fold within a day); wildly
  // different figures are different events.
  if (hi <= lo * 5 + 5) return 'compatible';
  return 'conflict';
}

function perpsRelation(a: Mention, b: Mention): 'agree' | 'unknown' | 'conflict' {
  const pa = new Set(a.perpetrators.map((p) => p.value).filter((v) => v !== 'unknown'));
  const pb = new Set(b.perpetrators.map((p) => p.value).filter((v) => v !== 'unknown'));
  if (!pa.size || !pb.size) return 'unknown';
  for (const x of pa) if (pb.has(x)) return 'agree';
  return 'conflict';
}

/** Score a possible join; null when the two must not be linked. */
export function linkScore(a: Mention, b: Mention, undated = false): LinkEvidence | null {
  const j = judgeLink(a, b, undated);
  return j.joins ? j.evidence : null;
}

/** Why `linkScore` refuses a pair, in the order its gates are tried. */
export type LinkRefusal =
  | 'same-document'
  | 'dates-apart'
  | 'places-conflict'
  | 'event-families-differ'
  /** Undated (or estimated-date) report: only the same or a near place can tie it to an event. */
  | 'undated-needs-place'
  /** Undated report at the same place whose small toll differs: it needs a person or site in common. */
  | 'undated-needs-figures'
  | 'score-below-threshold';

/**
 * `linkScore`'s decision with its reason: the evidence of a join, or the gate that refused it (with
 * the score and the evidence read so far when the score fell short). linkScore is this, less the
 * reasons of a refusal; the eval's traces (src/eval/miss-trace.ts) read the refusals.
 */
export type LinkJudgement =
  | { joins: true; evidence: LinkEvidence }
  | { joins: false; refusal: LinkRefusal; score: number | null; threshold: number | null; reasons: string[] };

export function judgeLink(a: Mention, b: Mention, undated = false): LinkJudgement {
  const refuse = (refusal: LinkRefusal, reasons: string[] = [], score: number | null = null, threshold: number | null = null): LinkJudgement => ({ joins: false, refusal, score, threshold, reasons });
  if (a.docId === b.docId) return refuse('same-document');
  const person = sharedPerson(a, b);
  if (!undated && !datesCompatible(a, b) && !(person && withinFollowUp(a, b)) && !siteFollowUp(a, b)) return refuse('dates-apart');
  const place = placeRelation(a, b);
  const placesOverruled = place === 'conflict' && identityOverPlaces(a, b, person);
  if (place === 'conflict' && !placesOverruled) return refuse('places-conflict');
  // Fighting on the ground and strikes from afar in one town on one day are two events.
  if (a.eventType && b.eventType && eventFamily(a.eventType.value) !== eventFamily(b.eventType.value)) return refuse('event-families-differ');
  // Without a date only the place can tie a report to an event.
  if (undated && place !== 'same' && place !== 'near' && !person) return refuse('undated-needs-place', [`place ${place}`]);
  const figs = figuresRelation(a, b);
  const perps = perpsRelation(a, b);
  const site = sharedSite(a, b);
  // Without a date, one dead and six dead (or three and four) in one city are two events more often
  // than a toll that rose (large tolls do rise between reports): small tolls that differ take a
  // person or a site the two reports share.
  if (undated && smallTollsDiffer(a, b) && !person && !site) return refuse('undated-needs-figures', [`killed ${total(a.killed)} vs ${total(b.killed)}`]);
  const reasons: string[] = [];
  let score = 0;
  if (person) (score += 4), reasons.push(`same named person (${person})`);
  // A shared street or venue is enough on its own, like a shared person: the places gate above
  // has kept apart two towns that have one street name.
  if (site) (score += 4), reasons.push(`same site (${site})`);
  // A county the gazetteer does not know stands for the town a report without one leaves out. It
  // holds many towns: with the same day alone it stays short of the threshold (4); the same day
  // and the same toll, or a person or a site, take it over.
  const county = place !== 'same' && place !== 'near' ? sharedCounty(a, b) : null;
  if (county) (score += 2.5), reasons.push(`same county (${county})`);
  // Both name the people of their event and none is the same: two shootings of one town and day.
  if (!person && a.people?.length && b.people?.length) (score -= 2), reasons.push('different people named');
  if (place === 'same') (score += 3), reasons.push('same place');
  else if (place === 'near') (score += 2), reasons.push('places within 3 km');
  else if (place === 'area') (score += 0.5), reasons.push('same governorate');
  // A toll of one or two is common: agreeing on it says little.
  if (figs === 'equal') (score += (total(a.killed) ?? 0) >= 3 ? 2 : 1), reasons.push('same killed figure');
  else if (figs === 'compatible' && localities(a).length && localities(b).length) (score += 0.5), reasons.push('compatible figures');
  else if (figs === 'compatible') reasons.push('compatible figures');
  else if (figs === 'conflict') (score -= 2), reasons.push('figures disagree');
  if (perps === 'agree') (score += 1), reasons.push('same perpetrator');
  else if (perps === 'conflict') (score -= 0.5), reasons.push('perpetrators disputed');
  if (a.eventType && b.eventType && a.eventType.value === b.eventType.value) (score += 0.5), reasons.push('same event type');
  if (a.date && b.date && a.date.precision === 'day' && b.date.precision === 'day' && a.date.start === b.date.start) (score += 1), reasons.push('same day');
  const targetsA = new Set(a.targets.map((t) => t.value));
  if (b.targets.some((t) => targetsA.has(t.value) && t.value !== 'residential')) (score += 1), reasons.push('same target');
  const claimA = new Set(a.claimants.map((c) => c.value));
  if (b.claimants.some((c) => claimA.has(c.value))) (score += 0.5), reasons.push('same claimant');
  // An admin-area-only report joins a locality only when the other evidence is strong; an undated
  // one needs more than the place alone.
  const areaOnly = localities(a).length === 0 || localities(b).length === 0;
  // Towns overruled by a shared person or sites (identityOverPlaces) weigh nothing either way.
  const threshold = undated ? 4 : place === 'same' || place === 'near' ? 3 : areaOnly || placesOverruled ? 4 : 99;
  if (score < threshold) return refuse('score-below-threshold', place === 'none' ? ['no place in common', ...reasons] : reasons, score, threshold);
  return { joins: true, evidence: { a: a.id, b: b.id, score, reasons } };
}

/**
 * Death tolls that differ where the smaller is under five (three dead in a town one day, four on
 * another: towns are struck again), or a small toll beside a report that
 * tells only of wounded ("a man was killed" / "three were wounded").
 */
function smallTollsDiffer(a: Mention, b: Mention): boolean {
  const ta = total(a.killed);
  const tb = total(b.killed);
  if (ta !== null && tb !== null) return ta !== tb && Math.min(ta, tb) < 5;
  const [toll, other] = ta !== null ? [ta, b] : [tb, a];
  return toll !== null && toll < 3 && total(other.injured) !== null;
}

/** Both name a locality, and one of them is the same gazetteer entry or the same name. */
function sameLocality(a: Mention, b: Mention): boolean {
  const lb = localities(b);
  return localities(a).some((x) => lb.some((y) => (x.gazetteerId !== null && x.gazetteerId === y.gazetteerId) || sameName(x.name, y.name)));
}

/**
 * Killed figures that can be one toll (equal, or a rising toll), or — when neither report states a
 * death — injured figures that can be one count. Absent figures are no evidence.
 */
function undatedFiguresRelation(a: Mention, b: Mention): 'equal' | 'compatible' | null {
  const killed = figuresRelation(a, b);
  if (killed === 'equal' || killed === 'compatible') return killed;
  if (killed === 'conflict' || total(a.killed) !== null || total(b.killed) !== null) return null;
  const ia = total(a.injured);
  const ib = total(b.injured);
  if (ia === null || ib === null) return null;
  if (ia === ib) return 'equal';
  return Math.max(ia, ib) <= Math.min(ia, ib) * 5 + 5 ? 'compatible' : null;
}

function sameQuote(a: Mention, b: Mention): boolean {
  const norm = (q: string) => q.replace(/\s+/g, ' ').trim().toLowerCase();
  return norm(a.quote) === norm(b.quote);
}

/**
 * Copies of one wire story (same syndication group) telling the same event: the same figures or
 * the same sentence, and nothing that contradicts (place, figures, kind of event, perpetrator).
 */
function copyEvidence(a: Mention, b: Mention, groupOf: ReadonlyMap<string, string>): LinkEvidence | null {
  const group = groupOf.get(a.docId);
  if (a.docId === b.docId || group === undefined || group !== groupOf.get(b.docId)) return null;
  if (placeRelation(a, b) === 'conflict' || figuresRelation(a, b) === 'conflict' || perpsRelation(a, b) === 'conflict') return null;
  if (a.eventType && b.eventType && eventFamily(a.eventType.value) !== eventFamily(b.eventType.value)) return null;
  const quote = sameQuote(a, b);
  if (!quote && undatedFiguresRelation(a, b) !== 'equal') return null;
  return { a: a.id, b: b.id, score: 4, reasons: ['syndicated copies', quote ? 'same sentence' : 'same figures'] };
}

/**
 * Whether two undated mentions tell one event. With no date to tell two shootings in one town
 * apart, the place alone never suffices: it takes the same locality AND figures that can be one
 * count AND the same event type (perpetrators not in conflict), or syndicated copies.
 */
export function undatedEvidence(a: Mention, b: Mention, groupOf: ReadonlyMap<string, string> = new Map()): LinkEvidence | null {
  if (a.docId === b.docId) return null;
  const copy = copyEvidence(a, b, groupOf);
  if (copy) return { ...copy, reasons: ['undated reports', ...copy.reasons] };
  if (!sameLocality(a, b) || placeRelation(a, b) === 'conflict') return null;
  if (!a.eventType || !b.eventType || a.eventType.value !== b.eventType.value) return null;
  const figures = undatedFiguresRelation(a, b);
  if (figures === null) return null;
  const perps = perpsRelation(a, b);
  if (perps === 'conflict') return null;
  const reasons = ['undated reports', 'same locality', figures === 'equal' ? 'same figures' : 'compatible figures', 'same event type'];
  let score = 3 + (figures === 'equal' ? 2 : 0.5) + 0.5;
  if (perps === 'agree') (score += 1), reasons.push('same perpetrator');
  return { a: a.id, b: b.id, score, reasons };
}

/** Keys under which an undated incident is found: its localities and its reports' syndication groups. */
function undatedKeys(m: Mention, groupOf: ReadonlyMap<string, string>): string[] {
  const keys = new Set<string>();
  for (const p of localities(m)) {
    if (p.gazetteerId) keys.add(`id:${p.gazetteerId}`);
    keys.add(`name:${nameKey(p.name)}`);
  }
  const group = groupOf.get(m.docId);
  if (group !== undefined) keys.add(`copy:${group}`);
  return [...keys];
}

/** Grid cells of 0.1° (~11 km): places within 6 km of each other share a cell or touch. */
const CELL = 0.1;
function cellOf(lat: number, lon: number): [number, number] {
  return [Math.floor(lat / CELL), Math.floor(lon / CELL)];
}

/** Index keys of a cluster member (see the blocking comment in linkMentions). */
function blockKeysOf(m: Mention): string[] {
  const keys = new Set<string>(['*']);
  const admin = admin1Of(m) ?? '?';
  keys.add(`a|${admin}`);
  const locs = localities(m);
  if (!locs.length) keys.add(`ao|${admin}`);
  for (const p of locs) {
    keys.add(`n|${nameKey(p.name)}`);
    if (p.lat !== null && p.lon !== null) {
      const [y, x] = cellOf(p.lat, p.lon);
      keys.add(`g|${y}|${x}`);
    }
  }
  // A bare governorate name may be the city of that name (see placeRelation).
  for (const p of m.resolvedPlaces) if (p.precision !== 'locality') keys.add(`n|${nameKey(p.name)}`);
  return [...keys];
}

/** Keys a report looks up to find its candidate clusters. */
function blockQueriesOf(m: Mention): string[] {
  const admin = admin1Of(m);
  const locs = localities(m);
  if (!locs.length) {
    if (!admin) return ['*'];
    return [`a|${admin}`, 'ao|?', ...m.resolvedPlaces.map((p) => `n|${nameKey(p.name)}`)];
  }
  const keys = new Set<string>([`ao|${admin ?? '?'}`, 'ao|?']);
  for (const p of locs) {
    keys.add(`n|${nameKey(p.name)}`);
    if (p.lat !== null && p.lon !== null) {
      const [y, x] = cellOf(p.lat, p.lon);
      for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) keys.add(`g|${y + dy}|${x + dx}`);
    }
  }
  return [...keys];
}

const REPRESENTATIVES = 12;
/** The members a new report is compared with: all of a small cluster, else its first and latest six. */
function representatives(c: Mention[]): Mention[] {
  return c.length <= REPRESENTATIVES ? c : [...c.slice(0, REPRESENTATIVES / 2), ...c.slice(-REPRESENTATIVES / 2)];
}

/** Day numbers a mention's date may cover (a reported date also the day before); long spans capped. */
function daysOf(m: Mention): number[] {
  if (!m.date) return [];
  const start = Math.floor(mentionStart(m) / DAY);
  const end = Math.min(Math.floor(dayMs(m.date.end) / DAY), start + 62);
  const out: number[] = [];
  for (let d = start; d <= end; d++) out.push(d);
  return out;
}

/** Keys under which a mention's places are indexed: gazetteer ids and transliteration keys. */
function placeKeys(m: Mention): string[] {
  const keys = new Set<string>(followUpKeys(m));
  for (const p of m.resolvedPlaces) {
    if (p.gazetteerId) keys.add(`id:${p.gazetteerId}`);
    keys.add(`name:${nameKey(p.name)}`);
  }
  return [...keys];
}

/**
 * Keys under which a mention's named people and sites are indexed (with its places: see
 * candidatesByPlace), so a follow-up finds its event whatever the day.
 */
function followUpKeys(m: Mention): string[] {
  return [...(m.people ?? []).map((p) => `person:${p.value}`), ...(m.sites ?? []).map((s) => `site:${s.value}`)];
}

function canonicalOrder(a: Mention, b: Mention): number {
  const da = a.date?.start ?? '9999';
  const db = b.date?.start ?? '9999';
  if (da !== db) return da < db ? -1 : 1;
  // Mentions with a locality found incidents before area-only ones.
  const la = localities(a).length ? 0 : 1;
  const lb = localities(b).length ? 0 : 1;
  if (la !== lb) return la - lb;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Event types one strike may be reported as; ground fighting and territory changes are apart. */
function eventFamily(t: string): string {
  return t === 'armed_clash' || t === 'territory_change' ? 'ground' : t === 'other' ? 'other' : 'remote';
}

export function stableId(prefix: string, key: string): string {
  return `${prefix}-${createHash('sha256').update(key).digest('hex').slice(0, 12)}`;
}

/**
 * Analysts' merge and split decisions as the linker reads them (docs/decisions/0018-review-decisions-and-audit.md):
 * pairs of mention ids that must be in one incident, and pairs that must not. A report with a
 * must-link partner already placed joins that partner's incident whatever its score; a candidate
 * incident holding a cannot-link partner of a report is never considered for it. Built from the
 * decisions by src/pipeline/review/review-constraints.ts, consistent (no pair in both lists).
 */
export interface LinkConstraints {
  mustLink: readonly (readonly [string, string])[];
  cannotLink: readonly (readonly [string, string])[];
}

export const NO_CONSTRAINTS: LinkConstraints = { mustLink: [], cannotLink: [] };

/** Score recorded for a join an analyst decided (no evidence score can reach it). */
export const ANALYST_LINK_SCORE = 100;

/**
 * @param groupOf syndication group of each document that is a near-copy of another
 *   (see syndication.ts); copies' claims collapse into one claim carried by all of them.
 * @param constraints analysts' must-link and cannot-link pairs; none gives the machine's linking unchanged.
 */
export function linkMentions(
  mentions: Mention[],
  docs: Map<string, DocMeta>,
  policy: ReconcilePolicy = 'latest',
  groupOf: ReadonlyMap<string, string> = new Map(),
  constraints: LinkConstraints = NO_CONSTRAINTS,
): LinkResult {
  // Must-link pairs form groups (union-find over mention ids); cannot-link pairs block candidates.
  const parent = new Map<string, string>();
  const root = (id: string): string => {
    let r = id;
    while (parent.has(r) && parent.get(r) !== r) r = parent.get(r)!;
    return r;
  };
  for (const [a, b] of constraints.mustLink) {
    if (!parent.has(a)) parent.set(a, a);
    if (!parent.has(b)) parent.set(b, b);
    const ra = root(a);
    const rb = root(b);
    if (ra !== rb) parent.set(rb, ra);
  }
  const mates = new Map<string, string[]>();
  for (const id of parent.keys()) mates.set(root(id), [...(mates.get(root(id)) ?? []), id]);
  const cannot = new Map<string, Set<string>>();
  for (const [a, b] of constraints.cannotLink) {
    if (!cannot.has(a)) cannot.set(a, new Set());
    if (!cannot.has(b)) cannot.set(b, new Set());
    cannot.get(a)!.add(b);
    cannot.get(b)!.add(a);
  }
  /** Where each mention was placed (only kept when there are must-link groups). */
  const placed = new Map<string, Mention[]>();
  const place = (m: Mention, c: Mention[]) => {
    if (parent.size) placed.set(m.id, c);
  };
  /** The incident of a must-link partner already placed, and that partner. */
  const forced = (m: Mention): { c: Mention[]; mate: string } | null => {
    if (!parent.has(m.id)) return null;
    for (const mate of mates.get(root(m.id))!) {
      const c = placed.get(mate);
      if (c) return { c, mate };
    }
    return null;
  };
  const blocked = (c: Mention[], m: Mention): boolean => {
    if (!cannot.size) return false;
    const no = cannot.get(m.id);
    return no !== undefined && c.some((x) => no.has(x.id));
  };
  const analystLink = (mate: string, m: Mention): LinkEvidence => ({ a: mate, b: m.id, score: ANALYST_LINK_SCORE, reasons: ['analyst decision'] });
  // Undated mentions come last: they may join a dated incident, else found incidents of unknown date.
  const undated = mentions.filter((m) => m.kind === 'incident' && !m.date);
  // Dates resting on an estimated publication day are weak: such reports first try to join an
  // incident by place, like undated ones, and found their own only when none fits.
  const estimated = mentions.filter((m) => m.kind === 'incident' && m.date && m.dateBasis === 'estimated');
  const incidentMentions = mentions.filter((m) => m.kind === 'incident' && m.date && m.dateBasis !== 'estimated').sort(canonicalOrder);
  const clusters: Mention[][] = [];
  const links: LinkEvidence[] = [];
  // Blocking: clusters are indexed by every day their members' dates cover, so a mention is only
  // compared with clusters it could share a day with (near-linear in the number of mentions).
  const byDay = new Map<string, Set<number>>();
  const byPlace = new Map<string, Set<number>>();
  // Blocking keys per day: a report with a locality is compared with clusters having a place in the
  // same ~11 km grid cell or its neighbours (or the same name), plus clusters known only at the
  // level of its governorate; a governorate-only report with every cluster of its governorate that
  // day; a report with no place with every cluster of that day.
  const index = (ci: number, m: Mention) => {
    const keys = blockKeysOf(m);
    for (const d of daysOf(m)) {
      for (const key of keys) {
        const k = `${d}|${key}`;
        let set = byDay.get(k);
        if (!set) byDay.set(k, (set = new Set()));
        set.add(ci);
      }
    }
    for (const k of placeKeys(m)) {
      let set = byPlace.get(k);
      if (!set) byPlace.set(k, (set = new Set()));
      set.add(ci);
    }
    // An undated syndicated copy finds the incident of its dated copies through the group.
    const group = groupOf.get(m.docId);
    if (group !== undefined) {
      let set = byPlace.get(`copy:${group}`);
      if (!set) byPlace.set(`copy:${group}`, (set = new Set()));
      set.add(ci);
    }
  };
  const candidatesByDay = (m: Mention): Mention[][] => {
    const ids = new Set<number>();
    const keys = blockQueriesOf(m);
    for (const d of daysOf(m)) for (const k of keys) for (const ci of byDay.get(`${d}|${k}`) ?? []) ids.add(ci);
    // A follow-up finds the incident of a person or a site it names, whatever the day.
    for (const k of followUpKeys(m)) for (const ci of byPlace.get(k) ?? []) ids.add(ci);
    return [...ids].sort((a, b) => a - b).map((ci) => clusters[ci]);
  };
  const candidatesByPlace = (m: Mention): Mention[][] => {
    const ids = new Set<number>();
    const group = groupOf.get(m.docId);
    const keys = !m.date && group !== undefined ? [...placeKeys(m), `copy:${group}`] : placeKeys(m);
    for (const k of keys) for (const ci of byPlace.get(k) ?? []) ids.add(ci);
    return [...ids].sort((a, b) => a - b).map((ci) => clusters[ci]);
  };
  const clusterIndex = new Map<Mention[], number>();
  const found = (m: Mention) => {
    const c = [m];
    clusters.push(c);
    clusterIndex.set(c, clusters.length - 1);
    index(clusters.length - 1, m);
    place(m, c);
  };
  const join = (c: Mention[], m: Mention) => {
    c.push(m);
    index(clusterIndex.get(c)!, m);
    place(m, c);
  };
  for (const m of incidentMentions) {
    const must = forced(m);
    if (must) {
      join(must.c, m);
      links.push(analystLink(must.mate, m));
      continue;
    }
    let best: { c: Mention[]; ev: LinkEvidence } | null = null;
    for (const c of candidatesByDay(m)) {
      if (c.some((x) => x.docId === m.docId) || blocked(c, m)) continue;
      // Every member must be compatible; the best-scoring member gives the evidence. A large
      // cluster is judged on its first and latest reports (bounded work per comparison).
      let ok = true;
      let top: LinkEvidence | null = null;
      const named = c.some((x) => sharedPerson(x, m) !== null || siteFollowUp(x, m));
      for (const x of representatives(c)) {
        const ev = linkScore(x, m);
        if (!ev) {
          // A member from the same article chain may be area-only; require no hard conflict.
          if ((!datesCompatible(x, m) && !(named && withinFollowUp(x, m))) || placesApart(x, m)) {
            ok = false;
            break;
          }
          continue;
        }
        if (!top || ev.score > top.score) top = ev;
      }
      if (!ok || !top) continue;
      if (!best || top.score > best.ev.score) best = { c, ev: top };
    }
    if (best) {
      join(best.c, m);
      links.push(best.ev);
    } else found(m);
  }
  // Undated reports (no publication date, none in the text) attach to the dated incident they
  // clearly describe: same place and more, or a syndicated copy of one of its reports, with no
  // conflicting figures or perpetrators.
  const stillUndated: Mention[] = [];
  for (const m of [...undated, ...estimated].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const must = forced(m);
    if (must && clusterIndex.has(must.c)) {
      join(must.c, m);
      links.push(analystLink(must.mate, m));
      continue;
    }
    let best: { c: Mention[]; score: number; copy: boolean } | null = null;
    for (const c of candidatesByPlace(m)) {
      if (c.some((x) => x.docId === m.docId) || blocked(c, m)) continue;
      let top = -Infinity;
      let copy = false;
      let ok = true;
      for (const x of representatives(c)) {
        const byPlace = linkScore(x, m, true);
        const ev = byPlace ?? (m.date ? null : copyEvidence(x, m, groupOf));
        if (!ev) {
          if (placeRelation(x, m) === 'conflict') ok = false;
          continue;
        }
        if (ev.score > top) (top = ev.score), (copy = byPlace === null);
      }
      if (!ok || top === -Infinity) continue;
      if (!best || top > best.score) best = { c, score: top, copy };
    }
    if (best) {
      join(best.c, m);
      links.push({ a: best.c[0].id, b: m.id, score: best.score, reasons: ['undated report', best.copy ? 'syndicated copies' : 'same place'] });
    } else if (m.date) found(m);
    else stillUndated.push(m);
  }
  // The rest become incidents of unknown date (still in id order, so the result and the founders'
  // ids do not depend on ingest order). A report joins an undated incident when every member it is
  // compared with gives strong evidence (undatedEvidence); candidates share a locality or a
  // syndication group, which strong evidence needs.
  const undatedClusters: Mention[][] = [];
  const byUndatedKey = new Map<string, Set<number>>();
  for (const m of stillUndated) {
    const must = forced(m);
    if (must) {
      // A partner placed in a dated incident takes it there; in an undated one, here.
      if (clusterIndex.has(must.c)) join(must.c, m);
      else must.c.push(m), place(m, must.c);
      links.push(analystLink(must.mate, m));
      if (clusterIndex.has(must.c)) continue;
    }
    const keys = undatedKeys(m, groupOf);
    if (must) {
      const ci = undatedClusters.indexOf(must.c);
      for (const k of keys) {
        let set = byUndatedKey.get(k);
        if (!set) byUndatedKey.set(k, (set = new Set()));
        set.add(ci);
      }
      continue;
    }
    const ids = new Set<number>();
    for (const k of keys) for (const ci of byUndatedKey.get(k) ?? []) ids.add(ci);
    let best: { ci: number; ev: LinkEvidence } | null = null;
    for (const ci of [...ids].sort((a, b) => a - b)) {
      const c = undatedClusters[ci];
      if (c.some((x) => x.docId === m.docId) || blocked(c, m)) continue;
      let top: LinkEvidence | null = null;
      for (const x of representatives(c)) {
        const ev = undatedEvidence(x, m, groupOf);
        if (!ev) {
          top = null;
          break;
        }
        if (!top || ev.score > top.score) top = ev;
      }
      if (top && (!best || top.score > best.ev.score)) best = { ci, ev: top };
    }
    let ci: number;
    if (best) {
      ci = best.ci;
      undatedClusters[ci].push(m);
      links.push(best.ev);
    } else {
      ci = undatedClusters.push([m]) - 1;
    }
    place(m, undatedClusters[ci]);
    for (const k of keys) {
      let set = byUndatedKey.get(k);
      if (!set) byUndatedKey.set(k, (set = new Set()));
      set.add(ci);
    }
  }
  const joinOf = weakestJoinOf(links);
  const incidents = [...clusters, ...undatedClusters].map((c) => withWeakestJoin(buildIncident(c, docs, policy, groupOf), joinOf));
  // Dated incidents by start date, then those of unknown date; ids break ties.
  incidents.sort((a, b) => {
    const da = a.date.start ?? '\uffff';
    const db = b.date.start ?? '\uffff';
    return da < db ? -1 : da > db ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
  const tallies = mentions.filter((m) => m.kind === 'tally').sort((a, b) => (a.id < b.id ? -1 : 1)).map(buildTally);
  return { incidents, tallies, links, undated: stillUndated };
}

/**
 * The weakest machine join that brought each report in (analysts' merges and wire copies are not
 * evidence the machine weighed), by mention id; an incident's weakest is the least of its reports'.
 */
function weakestJoinOf(links: readonly LinkEvidence[]): Map<string, LinkEvidence> {
  const out = new Map<string, LinkEvidence>();
  for (const l of links) {
    if (l.score >= ANALYST_LINK_SCORE || l.reasons.includes('syndicated copies')) continue;
    const had = out.get(l.b);
    if (!had || l.score < had.score) out.set(l.b, l);
  }
  return out;
}

/** The incident with its weakest join, for the review queue. */
function withWeakestJoin(incident: Incident, joinOf: ReadonlyMap<string, LinkEvidence>): Incident {
  let weakest: LinkEvidence | null = null;
  for (const id of incident.mentionIds) {
    const l = joinOf.get(id);
    if (l && (!weakest || l.score < weakest.score)) weakest = l;
  }
  return weakest ? { ...incident, link: { weakest: weakest.score, reasons: [...weakest.reasons] } } : incident;
}

function claimOf(m: Mention, docs: Map<string, DocMeta>): Claim {
  const meta = docs.get(m.docId);
  const pick = (c: CountSet) => {
    const o: Partial<Record<CountCategory, number>> = {};
    for (const k of COUNT_CATEGORIES) if (c[k]) o[k] = c[k]!.value;
    return o;
  };
  const rules = new Set<string>();
  for (const c of [m.killed, m.injured]) for (const k of COUNT_CATEGORIES) if (c[k]) rules.add(c[k]!.prov.rule);
  if (m.eventType) rules.add(m.eventType.prov.rule);
  return {
    claimant: m.claimants[0]?.value ?? 'unattributed',
    document: m.docId,
    documents: [m.docId],
    outlet: meta?.outlet ?? null,
    published: meta?.published ?? null,
    quote: m.quote,
    start: m.span.start,
    end: m.span.end,
    killed: pick(m.killed),
    injured: pick(m.injured),
    rules: [...rules].sort(),
    figures: claimFigures(m),
    // A headline's claim: its quote and offsets are in the document's title (decision 0020).
    ...(m.quoteIn === 'title' ? { quoteIn: 'title' as const } : {}),
  };
}

/** Every figure of a mention with the span of the words stating it, in category order. */
function claimFigures(m: Mention): ClaimFigure[] {
  const out: ClaimFigure[] = [];
  for (const outcome of ['killed', 'injured'] as const) {
    for (const category of COUNT_CATEGORIES) {
      const v = m[outcome][category];
      if (v) out.push({ outcome, category, value: v.value, start: v.prov.span.start, end: v.prov.span.end, rule: v.prov.rule });
    }
  }
  return out;
}

/**
 * Once per person, across reports: "a 14-year-old was shot" in the first report and "the boy has
 * died" in the next are one victim, killed. A claim that counts people shot with the outcome left
 * open (+cas.shot) and states no death includes the dead other claims of the incident report, so
 * for the incident's injured figure the largest such death toll is taken out of it (the claim
 * itself keeps what its source said).
 */
function withoutTheDead(claims: Claim[]): Claim[] {
  const dead = Math.max(0, ...claims.map((c) => c.killed.total ?? 0));
  if (!dead) return claims;
  return claims.map((c) => {
    const shot = c.injured.total;
    if (shot === undefined || c.killed.total !== undefined || !c.rules.some((r) => /\+cas\.shot\b/.test(r))) return c;
    const rest = shot - dead;
    // Categories of the shot larger than what is left cannot all be among the living.
    const living = Object.fromEntries(Object.entries(c.injured).filter(([k, v]) => k !== 'total' && v !== undefined && v <= rest));
    return { ...c, injured: rest > 0 ? { ...living, total: rest } : {} };
  });
}

/**
 * The incident's wounded: the reconciled figure of the claims, once per person (withoutTheDead),
 * unless it may be the dead counted again. Reports of a shooting that tell of a death and of no one
 * else hurt say that no one else was hurt; a wounded figure no larger than the death toll that
 * no more reports give than tell the toll alone ("a man was shot and killed" twice, "a man was
 * killed; one person was wounded" once) is the one victim read twice, and is left out.
 */
function reconcileInjured(claims: Claim[], policy: ReconcilePolicy): Incident['injured'] {
  const out = reconcile(withoutTheDead(claims), 'injured', policy);
  if (!out.total) return out;
  const dead = Math.max(0, ...claims.map((c) => c.killed.total ?? 0));
  if (out.total.best > dead) return out;
  const wounded = new Set(claims.filter((c) => c.injured.total !== undefined).flatMap((c) => c.documents));
  const deadOnly = new Set(claims.filter((c) => c.killed.total !== undefined).flatMap((c) => c.documents).filter((d) => !wounded.has(d)));
  return deadOnly.size >= wounded.size ? {} : out;
}

function reconcile(claims: Claim[], key: 'killed' | 'injured', policy: ReconcilePolicy) {
  const out: Incident['killed'] = {};
  for (const cat of COUNT_CATEGORIES) {
    const vals = claims.filter((c) => c[key][cat] !== undefined);
    if (!vals.length) continue;
    const nums = vals.map((c) => c[key][cat]!);
    const min = Math.min(...nums);
    const max = Math.max(...nums);
    let best: number;
    if (policy === 'conservative') best = min;
    else if (policy === 'max') best = max;
    else {
      // latest: the most recent claim; on the same day the higher (tolls rise).
      const sorted = [...vals].sort((a, b) => ((a.published ?? '') < (b.published ?? '') ? 1 : (a.published ?? '') > (b.published ?? '') ? -1 : b[key][cat]! - a[key][cat]!));
      best = sorted[0][key][cat]!;
    }
    out[cat] = { best, min, max };
  }
  return out;
}

function buildIncident(c: Mention[], docs: Map<string, DocMeta>, policy: ReconcilePolicy, groupOf: ReadonlyMap<string, string>): Incident {
  const founder = c[0];
  const claims = c.flatMap((m) => [claimOf(m, docs), ...(m.statements ?? []).map((st) => claimOf({ ...m, claimants: st.claimants, span: st.span, quote: st.quote, killed: st.killed, injured: st.injured, statements: [] }, docs))]);
  // Wire copy republished by several outlets: within one syndication group a copy whose
  // attribution was not read takes the group's claimant, so the copies carry one claim.
  const groupClaimant = new Map<string, string>();
  for (const cl of [...claims].sort((a, b) => (a.document < b.document ? -1 : 1))) {
    const g = groupOf.get(cl.document);
    if (g && cl.claimant !== 'unattributed' && !groupClaimant.has(g)) groupClaimant.set(g, cl.claimant);
  }
  for (const cl of claims) {
    const g = groupOf.get(cl.document);
    if (g && cl.claimant === 'unattributed' && groupClaimant.has(g)) cl.claimant = groupClaimant.get(g)!;
  }
  // Several outlets quoting one claimant with the same figures: one claim carried by several docs.
  const merged = new Map<string, Claim>();
  for (const cl of claims) {
    const k = `${cl.claimant}|${JSON.stringify(cl.killed)}|${JSON.stringify(cl.injured)}`;
    const e = merged.get(k);
    if (e) e.documents = [...new Set([...e.documents, ...cl.documents])].sort();
    else merged.set(k, { ...cl });
  }
  // Every claimant named for a mention is a claim, even when the figures came with the first.
  for (const m of c) {
    for (const extra of m.claimants.slice(1)) {
      const base = claimOf(m, docs);
      const k = `${extra.value}|${JSON.stringify(base.killed)}|${JSON.stringify(base.injured)}`;
      if (!merged.has(k)) merged.set(k, { ...base, claimant: extra.value });
    }
  }
  const allClaims = [...merged.values()].sort((a, b) => (a.document < b.document ? -1 : a.document > b.document ? 1 : a.start - b.start || a.claimant.localeCompare(b.claimant)));
  const places: ResolvedPlace[] = [];
  const seen = new Set<string>();
  for (const m of c)
    for (const p of m.resolvedPlaces) {
      const k = p.gazetteerId ?? nameKey(p.name);
      if (seen.has(k)) continue;
      seen.add(k);
      places.push(p);
    }
  const rank = { locality: 0, admin2: 1, admin1: 2, country: 3 } as const;
  const location = [...places].sort((a, b) => rank[a.precision] - rank[b.precision])[0] ?? null;
  // Date: the most precise; among day dates, the founder's; unknown when no report gives one.
  const dayDates = c.filter((m) => m.date?.precision === 'day');
  const dated = (dayDates[0] ?? c.find((m) => m.date?.precision === 'range') ?? c.find((m) => m.date))?.date ?? null;
  const date: IncidentDate = dated ? { start: dated.start, end: dated.end, precision: dated.precision } : { start: null, end: null, precision: 'unknown' };
  const perpCounts = new Map<string, number>();
  for (const m of c) for (const p of new Set(m.perpetrators.map((x) => x.value))) perpCounts.set(p, (perpCounts.get(p) ?? 0) + 1);
  const perpetrators = [...perpCounts.keys()].sort();
  const disputed = c.some((a) => c.some((b) => perpsRelation(a, b) === 'conflict'));
  const typeCounts = new Map<string, number>();
  for (const m of c) if (m.eventType) typeCounts.set(m.eventType.value, (typeCounts.get(m.eventType.value) ?? 0) + 1);
  const eventType = ([...typeCounts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? 'other') as Incident['eventType'];
  const targets = [...new Set(c.flatMap((m) => m.targets.map((t) => t.value)))].sort();
  const documents = [...new Set(c.map((m) => m.docId))].sort();
  return {
    id: stableId('inc', founder.id),
    eventType,
    date,
    location,
    places,
    perpetrators: perpetrators.length ? perpetrators : ['unknown'],
    perpetratorsDisputed: disputed,
    killed: reconcile(allClaims, 'killed', policy),
    injured: reconcileInjured(allClaims, policy),
    targets,
    claims: allClaims,
    documents,
    mentionIds: c.map((m) => m.id).sort(),
    independentSources: countIndependent(allClaims, groupOf),
    review: { status: 'unreviewed' },
  };
}

/**
 * Independent confirmations: one per claimant (a monitor quoted by ten outlets is one source), and
 * unattributed figures once per syndication group (a wire copy in five outlets is one report).
 */
function countIndependent(claims: Claim[], groupOf: ReadonlyMap<string, string>): number {
  const units = new Set<string>();
  for (const cl of claims) {
    if (cl.claimant !== 'unattributed') units.add(`c:${cl.claimant}`);
    else for (const d of cl.documents) units.add(`d:${groupOf.get(d) ?? d}`);
  }
  return units.size;
}

function buildTally(m: Mention): Tally {
  const pick = (c: CountSet) => {
    const o: Partial<Record<CountCategory, number>> = {};
    for (const k of COUNT_CATEGORIES) if (c[k]) o[k] = c[k]!.value;
    return o;
  };
  const area = m.area ?? m.resolvedPlaces[0]?.name ?? m.places[0]?.name ?? null;
  return {
    id: stableId('tly', m.id),
    document: m.docId,
    claimant: m.claimants[0]?.value ?? null,
    period: m.date ? { start: m.date.start, end: m.date.end } : null,
    area,
    perpetrator: m.perpetrators[0]?.value ?? null,
    killed: pick(m.killed),
    injured: pick(m.injured),
    displaced: m.displaced?.value ?? null,
    quote: m.quote,
    start: m.span.start,
    end: m.span.end,
  };
}

