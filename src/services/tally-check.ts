/**
 * Compares a claimant's tally ("20 civilians killed in Idlib in five days", SOHR) with the sum of
 * the incidents Tally holds for the same period, area and (when the tally names one) perpetrator,
 * so an analyst sees which totals the incident database covers and where incidents are missing.
 * Pure: tallies and incidents in, one TallyCheck per checkable tally out (a tally needs a period
 * and at least one killed figure among civilians, children, women, total).
 *
 * Rules (each one a decision; the tests in test/services/tally-check.test.ts pin them):
 * - Period: an incident counts when its whole date range lies inside the tally's period, bounds
 *   included (ISO dates compare as strings). A `reported` date (the publication day) is a one-day
 *   range like any other, so it counts when that day is inside the period. An incident whose range
 *   only overlaps the period is not summed (its deaths may fall outside) but is listed in
 *   `partialIds`. An incident of unknown date is in no period: never summed, it is listed in
 *   `undatedIds` when it is in the tally's area and perpetrator scope (it may belong there).
 * - Area: see `interpretArea`. A list ("Idlib, western Aleppo, Latakia mountains") is the union of
 *   its parts. Each part is read, first match wins, as: the country (Syria: every incident placed
 *   in a Syrian governorate); a region of SYRIA_REGIONS (its governorates); a governorate, spelt any
 *   way SYRIA_GOVERNORATES or the name key accepts, with descriptors such as "province",
 *   "countryside", "southern" set aside (so "western Aleppo" is the whole Aleppo governorate:
 *   sub-governorate directions are not modelled); the governorate the optional `areaOf` lookup
 *   gives (e.g. the gazetteer's `admin1Name`); a district ("Maarrat al-Numan district" or
 *   "… countryside"), matched against the incident places' admin2 with `sameName` and the
 *   SYRIA_DISTRICT_ALIASES groups; else a locality ("Saraqib", "the town of Saraqib"), matched
 *   with `sameName` against the incident's place names. A bare governorate name ("Idlib") is the
 *   governorate, which contains the city of the same name. Incidents are placed in governorates
 *   through `location.admin1` and every `places[].admin1` (and an admin1-precision place's own
 *   name). An incident with no governorate at all is not counted under a country, region or
 *   governorate; it is listed in `unplacedIds`. A tally without an area counts every incident.
 * - Perpetrator: when the tally names one (other than `unknown`) and `perpetrator` is 'match'
 *   (the default), only incidents listing that perpetrator count; incidents with no or `unknown`
 *   perpetrator are left out, as the tally attributes its deaths.
 * - Rejected incidents (review status `rejected`) never count.
 * - Figures: per category the incidents' `best` figures are summed. An incident that does not
 *   state a category adds nothing to it (not stated is not zero), except `total`, which falls back
 *   to the headline count (src/domain/headline-figure.ts: civilians + fighters, …) because monitors'
 *   totals and incidents' civilian counts describe the same dead. A tally total equal to its
 *   civilian figure is that figure restated and is not checked as a total.
 * - Status: `difference` = incidents sum − tally figure; `coverage` = sum ÷ figure (null for a
 *   zero figure). `matches` when |difference| ≤ 10% of the figure, `incidents-below` when the
 *   incidents hold fewer deaths (incidents are missing, or figures low), `incidents-above` when
 *   more. The same comparison is made twice: over every incident in scope (any claimant) and over
 *   those carrying a claim by the tally's claimant (same claimant; null when the tally has none).
 *   A check's overall status is that of its headline category: civilians, else total, else
 *   children, else women.
 */
import type { Incident, ResolvedPlace, Tally } from '../domain/types.ts';
import { foldName, sameName } from '../domain/name-key.ts';
import { SYRIA_DISTRICT_ALIASES, SYRIA_GOVERNORATES, type GovernorateNames } from '../pipeline/geocode/syria-admin-names.ts';
import { headlineCount } from '../domain/headline-figure.ts';

export const TALLY_CHECK_CATEGORIES = ['civilians', 'children', 'women', 'total'] as const;
export type TallyCheckCategory = (typeof TALLY_CHECK_CATEGORIES)[number];

export const TALLY_CHECK_STATUSES = ['matches', 'incidents-below', 'incidents-above'] as const;
export type TallyCheckStatus = (typeof TALLY_CHECK_STATUSES)[number];

/** Within this share of the tally's figure the incidents "match" it. */
export const MATCH_TOLERANCE = 0.1;

/** The headline category is the first of these the tally states. */
const HEADLINE_ORDER: readonly TallyCheckCategory[] = ['civilians', 'total', 'children', 'women'];

/** A named part of Syria that reports use for totals, with the governorates it is read as. */
export interface RegionDefinition {
  id: string;
  /** Spellings, compared after `regionKey` folding ("north-western Syria" = "northwest Syria"). */
  names: readonly string[];
  /** Governorate names as in SYRIA_GOVERNORATES. */
  governorates: readonly string[];
  /** An example phrase of a report that uses the region. */
  example: string;
}

/**
 * Regions → governorates. Whole governorates stand for the region (a governorate only partly in
 * it is included: over-counting the area is preferred to leaving out its incidents). The Idlib
 * de-escalation zone of the 2018 Sochi memorandum spans Idlib and the edges of Hama, Aleppo and
 * Latakia; wire reports call it "the Idlib region".
 */
export const SYRIA_REGIONS: readonly RegionDefinition[] = [
  { id: 'northwest', names: ['northwest Syria', 'northwest'], governorates: ['Idlib', 'Aleppo', 'Hama', 'Latakia'], example: 'eight civilians were killed in northwestern Syria' },
  { id: 'northeast', names: ['northeast Syria', 'northeast'], governorates: ['Al-Hasakah', 'Raqqa', 'Deir ez-Zor'], example: 'shelling in north-east Syria killed 12' },
  { id: 'north', names: ['north Syria'], governorates: ['Aleppo', 'Idlib', 'Raqqa', 'Al-Hasakah'], example: 'Turkish strikes across northern Syria' },
  { id: 'east', names: ['east Syria'], governorates: ['Deir ez-Zor', 'Raqqa', 'Al-Hasakah'], example: 'ISIS attacks in eastern Syria' },
  { id: 'south', names: ['south Syria', 'southwest Syria'], governorates: ['Daraa', 'Quneitra', 'As-Suwayda'], example: 'assassinations in southern Syria' },
  { id: 'central', names: ['central Syria'], governorates: ['Homs', 'Hama'], example: 'fighting in the desert of central Syria' },
  { id: 'coast', names: ['coastal Syria', 'Syrian coast', 'coast', 'west Syria'], governorates: ['Latakia', 'Tartus'], example: 'shelling on the Syrian coast' },
  {
    id: 'idlib-zone',
    names: ['Idlib de-escalation zone', 'de-escalation zone', 'Idlib region', 'greater Idlib', 'Idlib area', 'Idlib enclave'],
    governorates: ['Idlib', 'Hama', 'Aleppo', 'Latakia'],
    example: 'civilians killed in the Idlib region since the end of April',
  },
  { id: 'damascus-area', names: ['Damascus area', 'greater Damascus'], governorates: ['Damascus', 'Rif Dimashq'], example: 'rockets fell on the Damascus area' },
  { id: 'eastern-ghouta', names: ['Eastern Ghouta', 'Ghouta'], governorates: ['Rif Dimashq'], example: 'bombardment of Eastern Ghouta' },
];

/** Names the country goes by in tallies, as `regionKey` folds them ("across Syria" → "syria"). */
const COUNTRY_NAMES = ['syria', 'syrian territory', 'syrian territories', 'all syria', 'all of syria', 'country', 'whole country', 'syrian arab republic'];

/** Words around a governorate name that do not change which governorate it is. */
const GOVERNORATE_DESCRIPTORS = new Set([
  'the', 'province', 'provinces', 'governorate', 'governorates', 'muhafazat', 'countryside', 'rural', 'region',
  'area', 'areas', 'suburbs', 'outskirts', 'mountains', 'mountain', 'hills', 'plain', 'plains', 'desert', 'of',
  'north', 'south', 'east', 'west', 'northwest', 'northeast', 'southwest', 'southeast', 'central',
  // "Syria's Idlib", "the Syrian province of Idlib".
  'syria', 'syrias', 'syrian', 's',
]);

/** How a tally's area was read. */
export type AreaScope =
  | { kind: 'any' }
  | { kind: 'country'; country: string }
  | { kind: 'governorates'; governorates: string[]; regions: string[]; districts: string[]; places: string[] };

/** Looks up the governorate an area phrase names (e.g. PlaceResolver.admin1Name), or null. */
export type AreaLookup = (area: string) => string | null;

export interface TallyCheckOptions {
  /** 'match' (default): a tally naming a perpetrator counts only that perpetrator's incidents. */
  perpetrator?: 'match' | 'ignore';
}

/** One sum of incidents against one tally figure. */
export interface FigureComparison {
  incidents: number;
  /** incidents − tally figure. */
  difference: number;
  /** incidents ÷ tally figure; null when the figure is 0. */
  coverage: number | null;
  status: TallyCheckStatus;
  /** Incidents that added a figure to this sum, sorted. */
  incidentIds: string[];
}

export interface CategoryCheck {
  category: TallyCheckCategory;
  tally: number;
  anyClaimant: FigureComparison;
  /** Only incidents with a claim by the tally's claimant; null when the tally names no claimant. */
  sameClaimant: FigureComparison | null;
}

export interface TallyCheck {
  tallyId: string;
  document: string;
  claimant: string | null;
  period: { start: string; end: string };
  area: string | null;
  scope: AreaScope;
  /** The perpetrator incidents were restricted to, or null when not restricted. */
  perpetrator: string | null;
  headline: TallyCheckCategory;
  /** Status of the headline category over incidents of any claimant. */
  status: TallyCheckStatus;
  categories: CategoryCheck[];
  /** Every incident in scope (period, area, perpetrator), sorted. */
  incidentIds: string[];
  /** Incidents in scope carrying a claim by the tally's claimant, sorted. */
  sameClaimantIds: string[];
  /** Incidents in area and perpetrator scope whose dates overlap the period without lying inside it. */
  partialIds: string[];
  /** Incidents in the period with no governorate, so not placeable in a country/region/governorate area. */
  unplacedIds: string[];
  /** Incidents of unknown date in area and perpetrator scope: not counted, they may or may not be in the period. */
  undatedIds: string[];
}

/** Compares every tally that has a period and a killed figure with the incidents; see module comment. */
export function checkTallies(tallies: readonly Tally[], incidents: readonly Incident[], areaOf?: AreaLookup, options: TallyCheckOptions = {}): TallyCheck[] {
  const live = incidents.filter((i) => i.review.status !== 'rejected');
  const placed = new Map(live.map((i) => [i.id, incidentGovernorates(i)]));
  const checks: TallyCheck[] = [];
  for (const tally of tallies) {
    const check = checkTally(tally, live, placed, areaOf, options);
    if (check) checks.push(check);
  }
  return checks;
}

function checkTally(tally: Tally, incidents: readonly Incident[], placed: Map<string, Set<string>>, areaOf: AreaLookup | undefined, options: TallyCheckOptions): TallyCheck | null {
  const period = tally.period;
  const stated = TALLY_CHECK_CATEGORIES.filter((c) => tally.killed[c] !== undefined && !(c === 'total' && copiesCivilians(tally)));
  if (!period || stated.length === 0) return null;
  const scope = interpretArea(tally.area, areaOf);
  const perpetrator = options.perpetrator !== 'ignore' && tally.perpetrator && tally.perpetrator !== 'unknown' ? tally.perpetrator : null;

  const inScope: Incident[] = [];
  const partialIds: string[] = [];
  const unplacedIds: string[] = [];
  const undatedIds: string[] = [];
  for (const incident of incidents) {
    if (perpetrator && !incident.perpetrators.includes(perpetrator)) continue;
    const timing = periodRelation(incident, period);
    if (timing === 'outside') continue;
    const where = areaRelation(incident, placed.get(incident.id) ?? new Set(), scope);
    if (timing === 'undated') {
      if (where === 'inside') undatedIds.push(incident.id);
      continue;
    }
    if (where === 'unplaced') {
      if (timing === 'inside') unplacedIds.push(incident.id);
      continue;
    }
    if (where === 'outside') continue;
    if (timing === 'partial') partialIds.push(incident.id);
    else inScope.push(incident);
  }
  const byId = (a: Incident, b: Incident) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  inScope.sort(byId);
  const sameClaimant = tally.claimant ? inScope.filter((i) => i.claims.some((c) => c.claimant === tally.claimant)) : null;

  const categories: CategoryCheck[] = stated.map((category) => {
    const figure = tally.killed[category]!;
    return {
      category,
      tally: figure,
      anyClaimant: compare(figure, category, inScope),
      sameClaimant: sameClaimant ? compare(figure, category, sameClaimant) : null,
    };
  });
  const headline = HEADLINE_ORDER.find((c) => stated.includes(c))!;
  return {
    tallyId: tally.id,
    document: tally.document,
    claimant: tally.claimant,
    period: { start: period.start, end: period.end },
    area: tally.area,
    scope,
    perpetrator,
    headline,
    status: categories.find((c) => c.category === headline)!.anyClaimant.status,
    categories,
    incidentIds: inScope.map((i) => i.id),
    sameClaimantIds: (sameClaimant ?? []).map((i) => i.id),
    partialIds: partialIds.sort(),
    unplacedIds: unplacedIds.sort(),
    undatedIds: undatedIds.sort(),
  };
}

/**
 * A total equal to the civilian figure restates it ("20 civilians" is read as total 20 and
 * civilians 20): compared as a total it would set fighters' deaths in incidents against a count
 * of civilians, so only the civilian figure is checked.
 */
function copiesCivilians(tally: Tally): boolean {
  return tally.killed.civilians !== undefined && tally.killed.total === tally.killed.civilians;
}

/** The figure an incident gives for a category, or null when it does not state it. */
export function incidentFigure(incident: Incident, category: TallyCheckCategory): number | null {
  if (category === 'total') return headlineCount(incident.killed, 'best');
  return incident.killed[category]?.best ?? null;
}

function compare(figure: number, category: TallyCheckCategory, incidents: readonly Incident[]): FigureComparison {
  let sum = 0;
  const ids: string[] = [];
  for (const incident of incidents) {
    const n = incidentFigure(incident, category);
    if (n === null) continue;
    sum += n;
    ids.push(incident.id);
  }
  const difference = sum - figure;
  return { incidents: sum, difference, coverage: figure === 0 ? null : sum / figure, status: statusOf(figure, sum), incidentIds: ids };
}

/** matches within ±MATCH_TOLERANCE of the figure; else below or above. */
export function statusOf(figure: number, sum: number): TallyCheckStatus {
  if (Math.abs(sum - figure) <= MATCH_TOLERANCE * figure) return 'matches';
  return sum < figure ? 'incidents-below' : 'incidents-above';
}

type PeriodRelation = 'inside' | 'partial' | 'outside' | 'undated';

function periodRelation(incident: Incident, period: { start: string; end: string }): PeriodRelation {
  const { start, end } = incident.date;
  if (start === null || end === null) return 'undated';
  if (start >= period.start && end <= period.end) return 'inside';
  if (start <= period.end && end >= period.start) return 'partial';
  return 'outside';
}

function areaRelation(incident: Incident, governorates: Set<string>, scope: AreaScope): 'inside' | 'outside' | 'unplaced' {
  if (scope.kind === 'any') return 'inside';
  if (scope.kind === 'governorates') {
    const places = incidentPlaces(incident);
    if (places.some((p) => scope.places.some((name) => sameName(p.name, name)))) return 'inside';
    if (places.some((p) => p.admin2 !== null && scope.districts.some((name) => sameDistrict(p.admin2!, name)))) return 'inside';
    if (scope.governorates.length === 0) return 'outside';
  }
  if (governorates.size === 0) return 'unplaced';
  if (scope.kind === 'country') return 'inside';
  return scope.governorates.some((g) => governorates.has(g)) ? 'inside' : 'outside';
}

function incidentPlaces(incident: Incident): ResolvedPlace[] {
  return incident.location ? [incident.location, ...incident.places] : incident.places;
}

/** Same district up to transliteration, or spellings SYRIA_DISTRICT_ALIASES groups (Al Ma'ra = Maarrat al-Numan). */
function sameDistrict(admin2: string, name: string): boolean {
  const a = stripAdminWord(admin2);
  if (sameName(a, name)) return true;
  return SYRIA_DISTRICT_ALIASES.some((group) => group.some((g) => sameName(g, a)) && group.some((g) => sameName(g, name)));
}

/** Canonical governorate names (SYRIA_GOVERNORATES spelling) of every place of an incident. */
export function incidentGovernorates(incident: Incident): Set<string> {
  const out = new Set<string>();
  for (const p of incidentPlaces(incident)) {
    const g = (p.admin1 ? governorateOf(p.admin1) : null) ?? (p.precision === 'admin1' ? governorateOf(p.name) : null);
    if (g) out.add(g.name);
  }
  return out;
}

function stripAdminWord(name: string): string {
  return name.replace(/\b(?:governorate|province|district|muhafazat|mintaqat)\b/gi, ' ').trim();
}

/** The governorate a name denotes ("Idleb", "Rural Damascus", "Idlib Governorate"), or null. */
export function governorateOf(name: string): GovernorateNames | null {
  const bare = stripAdminWord(name);
  if (bare === '') return null;
  const fold = foldName(bare);
  for (const g of SYRIA_GOVERNORATES) {
    for (const n of [g.name, ...g.aliases]) {
      if (foldName(n) === fold || sameName(n, bare)) return g;
    }
  }
  return null;
}

/**
 * Folds a region phrase so spellings compare equal: lower case, no marks, compass words joined
 * and made nouns ("north-western Syria" → "northwest syria", "the Northern Syria" → "north syria").
 */
export function regionKey(text: string): string {
  return foldName(text)
    .replace(/^(?:across|in|all over|throughout) /, '')
    .replace(/^the /, '')
    .replace(/\b(north|south) (east|west)/g, '$1$2')
    .replace(/\b((?:north|south)?(?:east|west)|north|south)(?:ern)\b/g, '$1');
}

const REGION_INDEX: ReadonlyMap<string, RegionDefinition> = new Map(SYRIA_REGIONS.flatMap((r) => r.names.map((n) => [regionKey(n), r] as const)));

/** Splits "Idlib, western Aleppo and Latakia mountains" into its parts. */
function areaParts(area: string): string[] {
  return area
    .split(/\s*[,;&]\s*|\s+and\s+(?!its\b)/i)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** How one tally area is read (see the module comment for the order of the rules). */
export function interpretArea(area: string | null, areaOf?: AreaLookup): AreaScope {
  if (area === null || foldName(area) === '') return { kind: 'any' };
  const governorates = new Set<string>();
  const regions: string[] = [];
  const districts: string[] = [];
  const places: string[] = [];
  let country = false;
  for (const part of areaParts(area)) {
    const key = regionKey(part);
    if (COUNTRY_NAMES.includes(key)) {
      // "Idlib, Syria" names Idlib; the country alone is the whole country.
      country = true;
      continue;
    }
    const region = REGION_INDEX.get(key);
    if (region) {
      regions.push(region.id);
      for (const g of region.governorates) governorates.add(g);
      continue;
    }
    const gov = governorateOf(part) ?? governorateOf(withoutDescriptors(key));
    if (gov) {
      governorates.add(gov.name);
      continue;
    }
    const looked = areaOf?.(part);
    const viaLookup = looked ? governorateOf(looked) : null;
    if (viaLookup) governorates.add(viaLookup.name);
    else if (DISTRICT_WORD.test(part)) districts.push(part.replace(DISTRICT_WORD, '').replace(/^the\s+/i, ''));
    else places.push(part.replace(/\s+(?:city|town|village)$/i, '').replace(/^(?:the )?(?:city|town|village) of\s+/i, ''));
  }
  if (country && governorates.size === 0 && districts.length === 0 && places.length === 0) return { kind: 'country', country: 'Syria' };
  return { kind: 'governorates', governorates: [...governorates].sort(), regions, districts, places };
}

/** "Maarrat al-Numan district", "Jisr al-Shughur countryside", "the area of Saraqib": a district. */
const DISTRICT_WORD = /\s+(?:district|countryside|area|region|and its countryside)$|^(?:the )?(?:district|countryside|area|region) of\s+/i;

function withoutDescriptors(key: string): string {
  return key
    .split(' ')
    .filter((w) => !GOVERNORATE_DESCRIPTORS.has(w))
    .join(' ');
}
