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
 * places beat admin areas, which beat spots and terrain; capital rank and population break ties.
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
  populationLog10: 0.5,
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
]);
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
  private readonly byBare = new Map<string, number[]>();
  private readonly byKey = new Map<string, KeyPosting[]>();

  add(i: number, forms: NameForms): void {
    const bare = this.byBare.get(forms.bare);
    if (bare === undefined) this.byBare.set(forms.bare, [i]);
    else if (bare[bare.length - 1] !== i) bare.push(i);
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

  /**
   * Items whose names match, each with how well: 1 for an exact (bare) match, else the best
   * similarity in [0, 1) of the vowelled keys of a key match.
   */
  find(q: NameForms): Map<number, number> {
    const found = new Map<number, number>();
    if (q.key === '') return found;
    for (const i of this.byBare.get(q.bare) ?? []) found.set(i, 1);
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

function isLatinName(name: string): boolean {
  return LATIN_NAME.test(name) && HAS_LATIN_LETTER.test(name);
}

export class Gazetteer {
  private readonly items: readonly GazetteerEntry[];
  private readonly names = new NameIndex();
  private readonly idIndex = new Map<string, GazetteerEntry>();
  private readonly areas1: AdminArea[] = [];
  private readonly areas2: AdminArea[] = [];
  private readonly areaByCode = new Map<string, AdminArea>();
  private readonly admin1Names = new NameIndex();
  private readonly admin2Names = new NameIndex();
  private readonly admin1Cache = new Map<string, AdminArea | null>();
  private readonly admin2Cache = new Map<string, AdminArea | null>();

  constructor(entries: readonly GazetteerEntry[]) {
    this.items = entries;
    const areaBuilds = new Map<string, AreaBuild>();
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i];
      this.idIndex.set(e.id, e);
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
    return this.idIndex.get(id) ?? null;
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

    let hint1 = options.admin1 ? this.resolveAdmin1(options.admin1) : null;
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
   * The governorate a text names ("Idleb", "southern Idlib countryside", "Rural Damascus",
   * "Sweida province", or a code such as "SY.12"), or null.
   */
  resolveAdmin1(text: string): AdminArea | null {
    const cached = this.admin1Cache.get(text);
    if (cached !== undefined) return cached;
    const byCode = this.areaByCode.get(text.trim());
    const area = byCode?.level === 1 ? byCode : this.matchArea(text, this.admin1Names, this.areas1, null);
    if (this.admin1Cache.size >= ADMIN_CACHE_LIMIT) this.admin1Cache.clear();
    this.admin1Cache.set(text, area);
    return area;
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

  /** The governorate an entry lies in, or null when it has no admin1 code. */
  admin1Of(entry: GazetteerEntry): AdminArea | null {
    return entry.admin1Code ? (this.areaByCode.get(`${entry.countryCode}.${entry.admin1Code}`) ?? null) : null;
  }

  /** The district an entry lies in, or null when it has no admin2 code. */
  admin2Of(entry: GazetteerEntry): AdminArea | null {
    if (!entry.admin1Code || !entry.admin2Code) return null;
    return this.areaByCode.get(`${entry.countryCode}.${entry.admin1Code}.${entry.admin2Code}`) ?? null;
  }

  private indexEntryNames(i: number, e: GazetteerEntry): void {
    const seen = new Set<string>();
    const add = (n: string): void => {
      if (n === '' || !isLatinName(n)) return;
      // Spellings that differ only in marks or case ("Sarāqib", "Saraqib") fold alike: index once.
      const fold = foldName(n);
      if (seen.has(fold)) return;
      seen.add(fold);
      const forms = nameFormsOfFold(fold);
      if (forms.key !== '') this.names.add(i, forms);
    };
    add(e.name);
    add(e.asciiName);
    for (const alt of e.alternateNames) add(alt);
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
      } else {
        const forms = nameForms(adminTokens(name).join(' '));
        for (const group of SYRIA_DISTRICT_ALIASES) {
          if (b.countryCode === 'SY' && group.some((g) => sameAdminName(nameForms(adminTokens(g).join(' ')), forms))) spellings.push(...group);
        }
      }
      for (const s of new Set(spellings)) {
        if (!isLatinName(s)) continue;
        const forms = nameForms(adminTokens(s).join(' '));
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
