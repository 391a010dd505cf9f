/**
 * The in-memory gazetteer the geocode stage matches place names against. It indexes the
 * Latin-script names of every entry (name, ASCII name, Latin alternate names) by their folded
 * spelling and by their transliteration key (src/domain/name-key.ts), ranks the candidates for a
 * name with the admin-area hints read near it in the text, and resolves governorate and district
 * names ("southern Idlib", "Damascus countryside", "Maarrat al-Numan district") to admin areas
 * with centroids for admin-level fallbacks. Built from plain GazetteerEntry[] whatever their source
 * (a GeoNames dump, the embedded towns package, the store).
 */
import type { GazetteerEntry } from '../../domain/gazetteer-entry.ts';
import { foldName, isShortKey, nameForms, nameFormsOfFold, type NameForms } from '../../domain/name-key.ts';
import { distanceKm, type LatLon } from '../../domain/geo.ts';
import { ADMIN1_NAMES } from './admin1-aliases.ts';
import { isCommonWord } from './common-words.ts';
import { KEY_MATCH_COUNTRIES } from './key-match-countries.ts';
import { SYRIA_DISTRICT_ALIASES, SYRIA_GOVERNORATES } from './syria-admin-names.ts';

/** Distance and points live in the domain (src/domain/geo.ts); re-exported for existing imports. */
export { distanceKm, type LatLon };

/** A governorate (level 1) or district (level 2). */
export interface AdminArea {
  level: 1 | 2;
  /** The admin name from the gazetteer (GeoNames admin1/admin2 name, e.g. "Idlib", "Rif Dimashq"). */
  name: string;
  /** GeoNames-style full code: "SY.12" for a governorate, "SY.12.MN" for a district. */
  code: string;
  countryCode: string;
  /** The governorate's name (for a governorate, its own name). */
  admin1Name: string;
  /** Centroid: the ADM1/ADM2 feature's point when the gazetteer has one, else the mean of member places. */
  lat: number;
  lon: number;
  /** Entries of the gazetteer inside this area. */
  memberCount: number;
}

export interface LookupOptions {
  /** Governorate named near the place, spelt loosely ("Idleb", "Damascus countryside"); a district name also works. */
  admin1?: string | null;
  /** District named near the place. */
  admin2?: string | null;
  /** A point the place is likely near (e.g. the other places of the same report). */
  near?: LatLon;
  /** Return at most this many candidates (default: all). */
  limit?: number;
  /** Countries the text is about, most likely first: the admin hints are read as their areas first ("Punjab"). */
  countries?: readonly string[];
}

export interface Admin1Options {
  /**
   * Countries the text is about, most likely first (ISO alpha-2): among areas of one name
   * ("Punjab" in India and Pakistan) those of these countries win, in this order.
   */
  countries?: readonly string[];
}

export interface GazetteerCandidate {
  entry: GazetteerEntry;
  /** Sum of the LOOKUP_SCORES parts that apply; only the order is meaningful. */
  score: number;
  /** True when the folded name (article aside) equals one of the entry's names, not only its key. */
  exact: boolean;
}

/**
 * Parts of a candidate's score. An admin hint outweighs everything else (a report's "in Idlib
 * countryside" is stronger evidence than spelling); an exact spelling beats a key match; populated
 * places beat admin areas, which beat spots and terrain; population (four points per power of ten:
 * a city of 90,000 over a county seat of 3,000 that shares its name) and then capital rank break ties.
 */
export const LOOKUP_SCORES = {
  exact: 100,
  keyOnly: 50,
  /** Added to a key-only match in proportion to how close the vowelled spellings are (1 - edit distance / length). */
  keySimilarity: 40,
  inHintedAdmin1: 200,
  inHintedAdmin2: 100,
  /** Added at distance 0 from `near`, halved at NEAR_HALF_KM. */
  nearMax: 80,
  featureClass: { P: 30, A: 15, S: 5, L: 2, T: 2 } as Record<string, number>,
  featureCode: { PPLC: 8, PPLA: 6, PPLA2: 4, PPLA3: 2, PPLH: -20, PPLQ: -20, PPLW: -20 } as Record<string, number>,
  /** Per power of ten of the population. */
  populationLog10: 4,
} as const;
const NEAR_HALF_KM = 25;
/** Admin hint texts remembered per gazetteer; the caches are emptied when they reach this size. */
const ADMIN_CACHE_LIMIT = 10_000;

/** Names made only of Latin letters, digits, marks, punctuation and spaces (not Arabic, Cyrillic, …). */
const LATIN_NAME = /^[\p{Script=Latin}\p{M}\p{N}\p{P}\p{Zs}\p{S}\p{Cf}]+$/u;
const HAS_LATIN_LETTER = /\p{Script=Latin}/u;

/** Words that say what kind of admin unit a name is; dropped from admin names and queries alike. */
const ADMIN_WORDS = new Set([
  'province', 'provinces', 'governorate', 'governorates', 'governate', 'muhafazat', 'muhafazah', 'muhafaza',
  'district', 'districts', 'mintaqat', 'mantiqat', 'region', 'administrative', 'subdistrict', 'nahiya', 'nahiyah',
  // Kinds of admin-1 unit elsewhere ("Borno State", "Kyiv Oblast", "Northern Territory").
  'state', 'oblast', 'prefecture', 'department', 'voivodeship', 'krai', 'territory', 'emirate', 'canton',
]);
/** Query words that are never part of an admin name ("the province of X", "Jammu and Kashmir" keeps "and" out on both sides). */
const LINKING_WORDS = new Set(['the', 'of', 'in', 'and']);
/**
 * Words that, alone or together, make an admin-1 name that is no name without its kind: "Eastern
 * Province", "Central Region", "Capital Governorate", "Upper East", "Far North". Such an area is
 * matched only when the text says the kind ("Eastern Province"), never from "eastern" alone.
 */
const GENERIC_ADMIN_WORDS = new Set([
  'north', 'south', 'east', 'west', 'northern', 'southern', 'eastern', 'western', 'central', 'northeast', 'northwest',
  'southeast', 'southwest', 'northeastern', 'northwestern', 'southeastern', 'southwestern', 'far', 'greater', 'capital',
  'centre', 'center', 'centro', 'upper', 'lower', 'middle', 'coast', 'coastal', 'littoral', 'interior', 'highlands',
  'lowlands', 'islands', 'island', 'lakes', 'plateau', 'plateaux', 'border', 'metropolitan', 'nord', 'sud', 'est', 'ouest',
]);
/** Admin abbreviations written exactly so ("OH", "Calif.", "N.Y."), by text, with their full codes. */
const ADMIN1_ABBREVIATIONS: ReadonlyMap<string, string> = new Map(ADMIN1_NAMES.flatMap((a) => (a.abbreviations ?? []).map((ab) => [ab, a.code] as const)));
/** Words of a query that only locate within the area ("southern Idlib", "the countryside of Hama"). */
const QUERY_FILLER = new Set([
  'the', 'of', 'in', 'and', 'north', 'south', 'east', 'west', 'northern', 'southern', 'eastern', 'western',
  'central', 'northeast', 'northwest', 'southeast', 'southwest', 'northeastern', 'northwestern',
  'southeastern', 'southwestern', 'far', 'greater',
]);
/** Dropped only when the whole phrase did not match ("Damascus countryside" is Rif Dimashq first). */
const SURROUNDINGS = new Set(['countryside', 'rural', 'suburbs', 'suburb', 'outskirts', 'environs', 'reef', 'rif', 'city', 'town', 'area', 'areas']);

interface KeyPosting {
  /** Index of the entry (or admin area). */
  i: number;
  vowelKey: string;
}

/** Name indexes from folded-without-article spelling and from key to item indexes. */
class NameIndex {
  /** One item index, or several: most spellings name one place, and a number costs no array. */
  private readonly byBare = new Map<string, number | number[]>();
  private readonly byKey = new Map<string, KeyPosting[]>();

  add(i: number, forms: NameForms): void {
    this.addBare(i, forms.bare);
    const postings = this.byKey.get(forms.key);
    if (postings === undefined) {
      this.byKey.set(forms.key, [{ i, vowelKey: forms.vowelKey }]);
      return;
    }
    // Items are indexed one after another, so an item's own postings sit at the end of the list.
    for (let k = postings.length - 1; k >= 0 && postings[k].i === i; k--) {
      if (postings[k].vowelKey === forms.vowelKey) return;
    }
    postings.push({ i, vowelKey: forms.vowelKey });
  }

  /** Index a name under its exact (folded, article-less) spelling only, not under its transliteration key. */
  addBare(i: number, bareForm: string): void {
    const bare = this.byBare.get(bareForm);
    if (bare === undefined) this.byBare.set(bareForm, i);
    else if (typeof bare === 'number') {
      if (bare !== i) this.byBare.set(bareForm, [bare, i]);
    } else if (bare[bare.length - 1] !== i) bare.push(i);
  }

  /**
   * Items whose names match, each with how well: 1 for an exact (bare) match, else the best
   * similarity in [0, 1) of the vowelled keys of a key match.
   */
  find(q: NameForms): Map<number, number> {
    const found = new Map<number, number>();
    if (q.key === '') return found;
    const bare = this.byBare.get(q.bare);
    if (typeof bare === 'number') found.set(bare, 1);
    else for (const i of bare ?? []) found.set(i, 1);
    const short = isShortKey(q.key);
    for (const p of this.byKey.get(q.key) ?? []) {
      if (short && p.vowelKey !== q.vowelKey) continue;
      const similarity = 0.999 * (1 - editDistance(q.vowelKey, p.vowelKey) / Math.max(q.vowelKey.length, p.vowelKey.length));
      if (similarity > (found.get(p.i) ?? -1)) found.set(p.i, similarity);
    }
    return found;
  }
}

/** Levenshtein distance (insertions, deletions, substitutions cost 1). */
function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  let cur = new Array<number>(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length];
}

interface AreaBuild {
  level: 1 | 2;
  code: string;
  countryCode: string;
  name: string | null;
  admin1Code: string;
  sumLat: number;
  sumLon: number;
  members: number;
  feature: GazetteerEntry | null;
}

/**
 * The words of an admin name or query that name the area: admin-kind words ("province") and
 * locating words ("southern", "of") dropped, unless nothing would be left ("North Governorate").
 */
function adminTokens(text: string): string[] {
  const tokens = foldName(text.replace(/['’]s\b/g, ''))
    .split(' ')
    .filter((t) => t !== '' && !ADMIN_WORDS.has(t));
  const kept = tokens.filter((t) => !QUERY_FILLER.has(t));
  return kept.length > 0 ? kept : tokens;
}

/** The forms to try for an admin query, the whole phrase first ("Damascus countryside"), then its core ("Damascus"). */
function adminQueries(text: string): string[] {
  const tokens = adminTokens(text);
  const whole = tokens.join(' ');
  const core = tokens.filter((t) => !SURROUNDINGS.has(t)).join(' ');
  return core !== whole && core !== '' ? [whole, core] : [whole];
}

/**
 * The words of an admin-1 name or query as the admin-1 index holds them: admin-kind and linking
 * words dropped, direction words KEPT, so that "West Virginia" and "Virginia", "North Carolina"
 * and "South Carolina", "Northern Ireland" and "Ireland" stay apart.
 */
function admin1NameTokens(text: string): string[] {
  return foldName(text.replace(/['’]s\b/g, ''))
    .split(' ')
    .filter((t) => t !== '' && !ADMIN_WORDS.has(t) && !LINKING_WORDS.has(t));
}

/**
 * The forms to try for an admin-1 query: the phrase with its direction words ("West Virginia"),
 * then without them ("northern Ohio" → "Ohio"), then without surroundings ("Damascus countryside"
 * → "Damascus").
 */
function admin1Queries(text: string): string[] {
  const forms = [admin1NameTokens(text).join(' '), ...adminQueries(text)];
  return [...new Set(forms)].filter((f) => f !== '');
}

/**
 * Vowelled-key similarity a transliteration-key match of an admin-1 name needs outside the
 * document's countries. Governorate spellings differ in a vowel or two (Idleb / Idlib 0.8, Deir
 * Ezzor / Deir ez-Zor 0.88); a town is not a province three edits away (Al-Busayrah is not Basra, 0.57).
 */
const ADMIN1_KEY_MIN_SIMILARITY = 0.75;

/** A key-only match of an admin-1 area counts: in a transliterated-name country, and close enough or in the context's countries. */
function keyMatchesAdmin1(area: AdminArea, similarity: number, countries: readonly string[]): boolean {
  if (!KEY_MATCH_COUNTRIES.has(area.countryCode)) return false;
  return countries.includes(area.countryCode) || similarity >= ADMIN1_KEY_MIN_SIMILARITY;
}

/** True when the text names an admin unit's kind ("province", "state", "region"). */
function saysAdminKind(text: string): boolean {
  return foldName(text)
    .split(' ')
    .some((t) => ADMIN_WORDS.has(t));
}

/** An admin-1 name that is no name without its kind ("Eastern Province", "Delta State", "Central Region"). */
function isGenericAdminName(tokens: readonly string[]): boolean {
  if (tokens.length === 0) return true;
  if (tokens.every((t) => GENERIC_ADMIN_WORDS.has(t))) return true;
  return tokens.length === 1 && isCommonWord(tokens[0]);
}

const PRINTABLE_ASCII = /^[\x20-\x7e]+$/;
const ASCII_LETTER = /[A-Za-z]/;

function isLatinName(name: string): boolean {
  // Most names are plain ASCII: answer those without the (slower) Unicode script classes.
  if (PRINTABLE_ASCII.test(name)) return ASCII_LETTER.test(name);
  return LATIN_NAME.test(name) && HAS_LATIN_LETTER.test(name);
}

export class Gazetteer {
  private readonly items: readonly GazetteerEntry[];
  private readonly names = new NameIndex();
  /** Built on the first byId: most runs never ask, and 139k ids cost a tenth of the start-up. */
  private idIndex: Map<string, GazetteerEntry> | null = null;
  private readonly areas1: AdminArea[] = [];
  private readonly areas2: AdminArea[] = [];
  private readonly areaByCode = new Map<string, AdminArea>();
  private readonly admin1Names = new NameIndex();
  private readonly admin2Names = new NameIndex();
  private readonly admin1Cache = new Map<string, AdminArea | null>();
  private readonly admin2Cache = new Map<string, AdminArea | null>();
  /** Indexes (into areas1) of admin-1 areas whose name is generic without its kind ("Eastern Province"). */
  private readonly genericAreas1 = new Set<number>();
  private countryList: string[] | null = null;

  constructor(entries: readonly GazetteerEntry[]) {
    this.items = entries;
    const areaBuilds = new Map<string, AreaBuild>();
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i];
      this.indexEntryNames(i, e);
      this.collectAreas(e, areaBuilds);
    }
    this.finishAreas(areaBuilds);
  }

  /** Number of entries. */
  get size(): number {
    return this.items.length;
  }

  get entries(): readonly GazetteerEntry[] {
    return this.items;
  }

  byId(id: string): GazetteerEntry | null {
    if (this.idIndex === null) {
      this.idIndex = new Map();
      for (const e of this.items) this.idIndex.set(e.id, e);
    }
    return this.idIndex.get(id) ?? null;
  }

  /** ISO codes of the countries this gazetteer has entries in, sorted. */
  countries(): string[] {
    if (this.countryList === null) this.countryList = [...new Set(this.items.map((e) => e.countryCode))].sort();
    return [...this.countryList];
  }

  /** Governorates known to this gazetteer, ordered by code. */
  listAdmin1(): AdminArea[] {
    return [...this.areas1];
  }

  /** Districts known to this gazetteer, ordered by code. */
  listAdmin2(): AdminArea[] {
    return [...this.areas2];
  }

  /** Candidates for a place name, best first; see LOOKUP_SCORES for the ranking. */
  lookup(name: string, options: LookupOptions = {}): GazetteerCandidate[] {
    const q = nameForms(name);
    let found = this.names.find(q);
    if (found.size === 0 && /^(?:al|el)[a-z]{4,}$/.test(q.fold)) {
      // The article written fused to the name ("Alqamishli", "Elbab").
      found = this.names.find(nameForms(q.fold.slice(2)));
    }
    if (found.size === 0) return [];

    let hint1 = options.admin1 ? this.resolveAdmin1(options.admin1, { countries: options.countries }) : null;
    let hint2 = options.admin2 ? this.resolveAdmin2(options.admin2, hint1?.code ?? null) : null;
    if (options.admin1 && hint1 === null && hint2 === null) {
      // A district named where a governorate was expected ("Maarrat al-Numan countryside").
      hint2 = this.resolveAdmin2(options.admin1);
    }
    if (hint2 !== null && hint1 === null) hint1 = this.areaByCode.get(hint2.code.split('.').slice(0, 2).join('.')) ?? null;

    const candidates: GazetteerCandidate[] = [];
    for (const [i, quality] of found) {
      const entry = this.items[i];
      const exact = quality === 1;
      // Outside transliterated-name countries a key match is another name ("Dighton" for "Dayton").
      if (!exact && !KEY_MATCH_COUNTRIES.has(entry.countryCode)) continue;
      let score = exact ? LOOKUP_SCORES.exact : LOOKUP_SCORES.keyOnly + LOOKUP_SCORES.keySimilarity * quality;
      const code1 = entry.admin1Code ? `${entry.countryCode}.${entry.admin1Code}` : null;
      if (hint1 !== null && code1 === hint1.code) score += LOOKUP_SCORES.inHintedAdmin1;
      if (hint2 !== null && code1 !== null && entry.admin2Code && `${code1}.${entry.admin2Code}` === hint2.code) {
        score += LOOKUP_SCORES.inHintedAdmin2;
      }
      if (options.near) {
        score += LOOKUP_SCORES.nearMax / (1 + distanceKm(options.near, entry) / NEAR_HALF_KM);
      }
      score += LOOKUP_SCORES.featureClass[entry.featureClass] ?? 0;
      score += LOOKUP_SCORES.featureCode[entry.featureCode] ?? 0;
      score += LOOKUP_SCORES.populationLog10 * Math.log10(1 + Math.max(0, entry.population));
      candidates.push({ entry, score, exact });
    }
    candidates.sort((a, b) => b.score - a.score || (a.entry.id < b.entry.id ? -1 : a.entry.id > b.entry.id ? 1 : 0));
    return options.limit !== undefined ? candidates.slice(0, options.limit) : candidates;
  }

  /**
   * The admin-1 area a text names ("Idleb", "southern Idlib countryside", "Rural Damascus",
   * "Sweida province", "northern Ohio", "Ohio's", "OH", "Calif.", "Borno State", or a code such as
   * "SY.12" or "US.OH"), or null. Among areas of one name, those of `options.countries` win.
   */
  resolveAdmin1(text: string, options: Admin1Options = {}): AdminArea | null {
    const countries = options.countries ?? [];
    const cacheKey = countries.length > 0 ? `${countries.join(',')}\u0000${text}` : text;
    const cached = this.admin1Cache.get(cacheKey);
    if (cached !== undefined) return cached;
    const area = this.findAdmin1(text, countries)[0] ?? null;
    if (this.admin1Cache.size >= ADMIN_CACHE_LIMIT) this.admin1Cache.clear();
    this.admin1Cache.set(cacheKey, area);
    return area;
  }

  /**
   * Every admin-1 area the text may name, best first: a code or an abbreviation as written, else
   * the areas whose name matches the first query form that matches anything (see admin1Queries),
   * exact spellings before transliteration-key matches, then areas of `countries` in their order,
   * then the area with more places. Generic names ("Eastern Province") need the text to say the kind.
   * With `exact`, transliteration-key matches are left out (for scanning running text).
   */
  findAdmin1(text: string, countries: readonly string[] = [], options: { exact?: boolean } = {}): AdminArea[] {
    const trimmed = text.trim();
    const byCode = this.areaByCode.get(trimmed);
    if (byCode?.level === 1) return [byCode];
    if (ADMIN1_ABBREVIATIONS.has(trimmed.replace(/(?:'s|’s)$/u, ''))) {
      const area = this.admin1OfAbbreviation(trimmed);
      return area ? [area] : [];
    }
    const namesKind = saysAdminKind(text);
    const rank = (a: AdminArea): number => {
      const k = countries.indexOf(a.countryCode);
      return k < 0 ? countries.length : k;
    };
    for (const query of admin1Queries(text)) {
      const found: { area: AdminArea; exact: boolean }[] = [];
      for (const [i, quality] of this.admin1Names.find(nameForms(query))) {
        const area = this.areas1[i];
        const exact = quality === 1;
        if (!exact && (options.exact || !keyMatchesAdmin1(area, quality, countries))) continue;
        if (this.genericAreas1.has(i) && !namesKind) continue;
        found.push({ area, exact });
      }
      if (found.length === 0) continue;
      found.sort(
        (x, y) =>
          Number(y.exact) - Number(x.exact) ||
          rank(x.area) - rank(y.area) ||
          y.area.memberCount - x.area.memberCount ||
          (x.area.code < y.area.code ? -1 : x.area.code > y.area.code ? 1 : 0),
      );
      return found.map((f) => f.area);
    }
    return [];
  }

  /**
   * The district a text names ("Maarrat al-Numan district", "Jisr al-Shughur", "SY.12.MN"), or
   * null; with admin1 (a governorate name or code) only districts of that governorate count.
   */
  resolveAdmin2(text: string, admin1?: string | null): AdminArea | null {
    const cacheKey = `${admin1 ?? ''}\u0000${text}`;
    const cached = this.admin2Cache.get(cacheKey);
    if (cached !== undefined) return cached;
    const within = admin1 ? this.resolveAdmin1(admin1) : null;
    let area: AdminArea | null;
    const byCode = this.areaByCode.get(text.trim());
    if (byCode?.level === 2) area = byCode;
    else area = this.matchArea(text, this.admin2Names, this.areas2, within);
    if (area !== null && within !== null && !area.code.startsWith(`${within.code}.`)) area = null;
    if (this.admin2Cache.size >= ADMIN_CACHE_LIMIT) this.admin2Cache.clear();
    this.admin2Cache.set(cacheKey, area);
    return area;
  }

  /** The admin-1 area a postal code or wire abbreviation denotes, written exactly so ("OH", "Calif.", "Ohio's" is not one), or null. */
  admin1OfAbbreviation(text: string): AdminArea | null {
    const code = ADMIN1_ABBREVIATIONS.get(text.trim().replace(/(?:'s|’s)$/u, ''));
    return code === undefined ? null : (this.areaByCode.get(code) ?? null);
  }

  /** The governorate an entry lies in, or null when it has no admin1 code. */
  admin1Of(entry: GazetteerEntry): AdminArea | null {
    return entry.admin1Code ? (this.areaByCode.get(`${entry.countryCode}.${entry.admin1Code}`) ?? null) : null;
  }

  /** The district an entry lies in, or null when it has no admin2 code. */
  admin2Of(entry: GazetteerEntry): AdminArea | null {
    if (!entry.admin1Code || !entry.admin2Code) return null;
    return this.areaByCode.get(`${entry.countryCode}.${entry.admin1Code}.${entry.admin2Code}`) ?? null;
  }

  /**
   * Index an entry's Latin-script names. Only entries of KEY_MATCH_COUNTRIES go under their
   * transliteration key too: lookup drops key-only matches elsewhere, and skipping the key of the
   * world's other ~130,000 places halves the time to build a world gazetteer.
   */
  private indexEntryNames(i: number, e: GazetteerEntry): void {
    const keyed = KEY_MATCH_COUNTRIES.has(e.countryCode);
    let seen: string[] | null = null;
    const add = (n: string): void => {
      if (n === '' || !isLatinName(n)) return;
      // Spellings that differ only in marks or case ("Sarāqib", "Saraqib") fold alike: index once.
      const fold = foldName(n);
      if (seen === null) seen = [fold];
      else if (seen.includes(fold)) return;
      else seen.push(fold);
      if (keyed) {
        const forms = nameFormsOfFold(fold);
        if (forms.key !== '') this.names.add(i, forms);
        return;
      }
      // Only a short first word can be an article ("al", "el", "ash"): let name-key decide then.
      const space = fold.indexOf(' ');
      const bare = space > 0 && space <= 3 ? nameFormsOfFold(fold).bare : fold;
      if (/[a-z]/.test(bare)) this.names.addBare(i, bare);
    };
    add(e.name);
    if (e.asciiName !== e.name) add(e.asciiName);
    for (const alt of e.alternateNames) add(alt);
    // "The Bronx" is written "a Bronx apartment", "the Bronx": found without its article too.
    const article = e.name.startsWith('The') ? /^The\s+(\p{Lu}.{2,})$/u.exec(e.name) : null;
    if (article) add(article[1]);
  }

  private collectAreas(e: GazetteerEntry, builds: Map<string, AreaBuild>): void {
    if (!e.admin1Code) return;
    const code1 = `${e.countryCode}.${e.admin1Code}`;
    const isAdm1 = e.featureCode === 'ADM1';
    const isAdm2 = e.featureCode === 'ADM2';
    const b1 = this.areaBuild(builds, 1, code1, e.countryCode, e.admin1Code);
    if (b1.name === null && e.admin1Name) b1.name = e.admin1Name;
    if (isAdm1 && b1.feature === null) b1.feature = e;
    if (e.featureClass !== 'A') {
      b1.sumLat += e.lat;
      b1.sumLon += e.lon;
      b1.members += 1;
    }
    if (!e.admin2Code || isAdm1) return;
    const b2 = this.areaBuild(builds, 2, `${code1}.${e.admin2Code}`, e.countryCode, e.admin1Code);
    if (b2.name === null && e.admin2Name) b2.name = e.admin2Name;
    if (isAdm2 && b2.feature === null) b2.feature = e;
    if (e.featureClass !== 'A') {
      b2.sumLat += e.lat;
      b2.sumLon += e.lon;
      b2.members += 1;
    }
  }

  private areaBuild(builds: Map<string, AreaBuild>, level: 1 | 2, code: string, countryCode: string, admin1Code: string): AreaBuild {
    let b = builds.get(code);
    if (b === undefined) {
      b = { level, code, countryCode, admin1Code, name: null, sumLat: 0, sumLon: 0, members: 0, feature: null };
      builds.set(code, b);
    }
    return b;
  }

  private finishAreas(builds: Map<string, AreaBuild>): void {
    const sorted = [...builds.values()].sort((a, b) => a.level - b.level || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    const governorateAliases = new Map(SYRIA_GOVERNORATES.map((g) => [`SY.${g.code}`, g]));
    const admin1Aliases = new Map(ADMIN1_NAMES.filter((a) => a.aliases).map((a) => [a.code, a.aliases!]));
    for (const b of sorted) {
      const name = b.name ?? b.feature?.name ?? null;
      const point = b.feature ?? (b.members > 0 ? { lat: b.sumLat / b.members, lon: b.sumLon / b.members } : null);
      if (name === null || point === null) continue;
      const admin1Name = b.level === 1 ? name : (this.areaByCode.get(`${b.countryCode}.${b.admin1Code}`)?.name ?? name);
      const area: AdminArea = {
        level: b.level,
        name,
        code: b.code,
        countryCode: b.countryCode,
        admin1Name,
        lat: point.lat,
        lon: point.lon,
        memberCount: b.members,
      };
      this.areaByCode.set(b.code, area);
      const list = b.level === 1 ? this.areas1 : this.areas2;
      const index = b.level === 1 ? this.admin1Names : this.admin2Names;
      const i = list.length;
      list.push(area);
      const spellings = [name];
      if (b.feature) spellings.push(b.feature.name, b.feature.asciiName, ...b.feature.alternateNames);
      if (b.level === 1) {
        const known = governorateAliases.get(b.code);
        if (known) spellings.push(known.name, ...known.aliases);
        spellings.push(...(admin1Aliases.get(b.code) ?? []));
        if (isGenericAdminName(admin1NameTokens(name))) this.genericAreas1.add(i);
      } else {
        const forms = nameForms(adminTokens(name).join(' '));
        for (const group of SYRIA_DISTRICT_ALIASES) {
          if (b.countryCode === 'SY' && group.some((g) => sameAdminName(nameForms(adminTokens(g).join(' ')), forms))) spellings.push(...group);
        }
      }
      for (const s of new Set(spellings)) {
        if (!isLatinName(s)) continue;
        const forms = nameForms((b.level === 1 ? admin1NameTokens(s) : adminTokens(s)).join(' '));
        if (forms.key !== '') index.add(i, forms);
      }
    }
  }

  private matchArea(text: string, index: NameIndex, list: readonly AdminArea[], within: AdminArea | null): AdminArea | null {
    for (const query of adminQueries(text)) {
      if (query === '') continue;
      const found = index.find(nameForms(query));
      let best: AdminArea | null = null;
      let bestExact = false;
      for (const [i, quality] of found) {
        const area = list[i];
        const exact = quality === 1;
        if (within !== null && !area.code.startsWith(`${within.code}.`)) continue;
        if (
          best === null ||
          (exact && !bestExact) ||
          (exact === bestExact && (area.memberCount > best.memberCount || (area.memberCount === best.memberCount && area.code < best.code)))
        ) {
          best = area;
          bestExact = exact;
        }
      }
      if (best !== null) return best;
    }
    return null;
  }
}

function sameAdminName(a: NameForms, b: NameForms): boolean {
  if (a.bare === b.bare) return true;
  return a.key !== '' && a.key === b.key && (!isShortKey(a.key) || a.vowelKey === b.vowelKey);
}
