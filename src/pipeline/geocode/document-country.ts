/**
 * Which country (and which admin-1 areas) a document is about, from plain evidence: its dateline
 * ("DAYTON, Ohio (AP) —", "ALEPPO, Syria (Reuters) -"), the admin-1 areas, countries and
 * nationalities its text names, the outlet's host or known country, and the place names it
 * contains. The answer is a ranked list with the evidence for each entry, so a resolver can place
 * "Springfield" in the document's country and an analyst can see why.
 *
 * Every rule is data (COUNTRY_RULES): an id, a weight, and an invented example with the country it
 * must give; test/geocode/document-country.test.ts runs every example. Weights are additive: a
 * dateline naming a state or country is near-decisive (10), a country-code host or an outlet's
 * known country is good (3), each admin-1 or country named in the text counts (2, at most three
 * times), a nationality word is weak (0.5: "Russian jets" strike in Syria), and each place name
 * counts 1, shared among the countries that have a place of that name.
 */
import type { GeoContext } from '../../domain/geo.ts';
import { foldName } from '../../domain/name-key.ts';
import type { AdminArea, Gazetteer } from './gazetteer.ts';
import { isCommonWord } from './common-words.ts';
import { countryNameTables, countryOfName } from './country-names.ts';

/** What the caller knows of a document: plain strings, no extraction internals. */
export interface DocumentEvidence {
  /** The document's text; its dateline is read from the start. */
  text?: string | null;
  title?: string | null;
  /** The document's URL; its host's country-code top-level domain is evidence (".co.uk" → GB). */
  url?: string | null;
  /** The outlet's country when the caller knows it (ISO alpha-2, e.g. from a feed list). */
  outletCountry?: string | null;
  /** Place names found in the text ("Kalamazoo", "Jableh"); each counts for the countries that have it. */
  placeNames?: readonly string[];
}

export type CountryRuleId =
  | 'dateline.admin1'
  | 'dateline.country'
  | 'dateline.city'
  | 'url.country-domain'
  | 'outlet.country'
  | 'text.city-comma-admin1'
  | 'text.admin1'
  | 'text.country'
  | 'text.demonym'
  | 'places.candidates';

export interface CountryRule {
  id: CountryRuleId;
  /** Weight of one piece of evidence of this kind. */
  weight: number;
  /** At most this many pieces of this rule count per country or area. */
  maxHits: number;
  description: string;
  /** An invented document this rule reads, and what it must give. */
  example: DocumentEvidence;
  expect: { country: string; admin1?: string };
}

export const COUNTRY_RULES: readonly CountryRule[] = [
  {
    id: 'dateline.admin1',
    weight: 10,
    maxHits: 1,
    description: 'A dateline naming a state or province: "CITY, State (Agency) —", the state written out or as a wire abbreviation.',
    example: { text: 'SASKATOON, Sask. (Wire) — A delivery van caught fire outside a grocery store on Tuesday, the fire department said.' },
    expect: { country: 'CA', admin1: 'CA.11' },
  },
  {
    id: 'dateline.country',
    weight: 10,
    maxHits: 1,
    description: 'A dateline naming a country: "CITY, Country (Agency) -".',
    example: { text: 'JABLEH, Syria (Wire) - A fishing boat sank off the coast on Thursday, port officials said.' },
    expect: { country: 'SY' },
  },
  {
    id: 'dateline.city',
    weight: 4,
    maxHits: 1,
    description: 'A dateline naming only a city ("NAIROBI (Agency) —"): the country of the largest place of that name.',
    example: { text: 'NAIROBI (Wire) — Heavy rain flooded several roads overnight, the city council said.' },
    expect: { country: 'KE' },
  },
  {
    id: 'url.country-domain',
    weight: 3,
    maxHits: 1,
    description: 'The host\'s country-code top-level domain (".co.uk" → GB; ".com", ".org", ".io" say nothing; ".gov", ".mil", ".edu" are US).',
    example: { text: 'Two lorries collided on the ring road this morning.', url: 'https://www.lakeside-gazette.co.uk/news/lorries-collide' },
    expect: { country: 'GB' },
  },
  {
    id: 'outlet.country',
    weight: 3,
    maxHits: 1,
    description: 'The outlet\'s country, when the caller knows it.',
    example: { text: 'Volunteers cleared snow from the rink before the weekend tournament.', outletCountry: 'CA' },
    expect: { country: 'CA' },
  },
  {
    id: 'text.city-comma-admin1',
    weight: 3,
    maxHits: 2,
    description: 'A town followed by its state or province ("in Moose Jaw, Sask., on Friday"), when the gazetteer has that town there.',
    example: { text: 'The crash happened on a rural road outside Lethbridge, Alberta, late on Friday.' },
    expect: { country: 'CA', admin1: 'CA.01' },
  },
  {
    id: 'text.admin1',
    weight: 2,
    maxHits: 3,
    description: 'An admin-1 area named in the text ("in northern Saskatchewan", "the Saskatchewan RCMP"); shared when several countries have one of that name.',
    example: { text: 'Officers of the Saskatchewan RCMP closed the highway after the collision.' },
    expect: { country: 'CA', admin1: 'CA.11' },
  },
  {
    id: 'text.country',
    weight: 2,
    maxHits: 3,
    description: 'A country named in the text, written out or abbreviated ("Mozambique", "the U.K.").',
    example: { text: 'Flooding displaced hundreds of families across Mozambique this week.' },
    expect: { country: 'MZ' },
  },
  {
    id: 'text.demonym',
    weight: 0.5,
    maxHits: 2,
    description: 'A nationality word ("Ukrainian officials"): weak, as foreign forces act abroad.',
    example: { text: 'Ukrainian officials said a grain warehouse burned overnight.' },
    expect: { country: 'UA' },
  },
  {
    id: 'places.candidates',
    weight: 1,
    maxHits: 5,
    description: 'Each place name the text contains, shared among the countries with a place of that name (common English words left out).',
    example: { text: 'Crews worked through the night.', placeNames: ['Toowoomba', 'Ballarat'] },
    expect: { country: 'AU' },
  },
];

const RULES_BY_ID = new Map(COUNTRY_RULES.map((r) => [r.id, r]));

export interface CountryEvidence {
  rule: CountryRuleId;
  /** The text the rule read ("PROVO, Utah", "co.uk", "Mozambique"). */
  text: string;
  weight: number;
}

export interface RankedCountry {
  country: string;
  score: number;
  evidence: CountryEvidence[];
}

export interface RankedAdmin1 {
  /** GeoNames full admin-1 code ("US.UT"). */
  code: string;
  name: string;
  country: string;
  score: number;
  evidence: CountryEvidence[];
}

export interface DocumentCountries {
  /** Best first. */
  countries: RankedCountry[];
  /** Best first. */
  admin1: RankedAdmin1[];
}

/**
 * A wire dateline at the start of a text: CITY in capitals, an optional ", Region", an optional
 * date, an optional "(Agency)", then a dash (or a wire feed's underscore). "SASKATOON, Sask. (Wire) —",
 * "JABLEH, Syria, March 3 (Wire) -", "NAIROBI —", "LAKEVILLE, Okla._A man was shot".
 */
const DATELINE_RE =
  /^\s*([A-Z][A-Z'’.-]+(?:\s+[A-Z][A-Z'’.-]+){0,3})(?:,\s*([A-Z][\p{L}'’.]*(?:\s+[A-Z][\p{L}'’.]*){0,3}))?(?:,?\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2})?\s*(?:\([^)\n]{1,40}\))?\s*(?:[—–-]{1,2}\s|_(?=\p{Lu}))/u;

/** Top-level domains that are used without regard to country. */
const GENERIC_DOMAINS = new Set(['com', 'org', 'net', 'info', 'biz', 'io', 'co', 'me', 'tv', 'fm', 'ai', 'ws', 'cc', 'to', 'app', 'news', 'online', 'site', 'media', 'press', 'blog']);
/** Top-level domains of one country that are not its ISO code. */
const DOMAIN_COUNTRY: Record<string, string> = { uk: 'GB', gov: 'US', mil: 'US', edu: 'US' };

/** A run of capitalised words (with "of", "and", "the" inside: "Democratic Republic of the Congo"). */
const CAPITALISED_RUN = /(?<![\p{L}\p{N}])[A-Z][\p{L}'’.&-]*(?:\s+(?:(?:of|and|the|de|del|do|da)\s+)*[A-Z][\p{L}'’.&-]*)*/gu;
/** A capitalised name, a comma, and another capitalised name: "Las Cruces, N.M.". */
const CITY_COMMA_REGION = /(?<![\p{L}\p{N}])([A-Z][\p{L}'’-]+(?:\s+[A-Z][\p{L}'’-]+){0,2}),\s+([A-Z][\p{L}.'’]*(?:\s+[A-Z][\p{L}.'’]*){0,2})/gu;
/** Longest n-gram tried inside a capitalised run. */
const MAX_NAME_WORDS = 6;

class Tally {
  readonly countries = new Map<string, RankedCountry>();
  readonly admin1 = new Map<string, RankedAdmin1>();
  private readonly hits = new Map<string, number>();

  /** Counts one piece of evidence for a country, unless its rule has already counted maxHits times there. */
  country(country: string, rule: CountryRuleId, text: string, share = 1): void {
    if (!this.take(`${rule}\u0000${country}`, rule)) return;
    this.addCountry(country, { rule, text, weight: RULES_BY_ID.get(rule)!.weight * share });
  }

  /** Counts one piece of evidence for an admin-1 area, and the same for its country. */
  area(area: AdminArea, rule: CountryRuleId, text: string, share = 1): void {
    if (!this.take(`${rule}\u0000${area.code}`, rule)) return;
    const ev: CountryEvidence = { rule, text, weight: RULES_BY_ID.get(rule)!.weight * share };
    let a = this.admin1.get(area.code);
    if (a === undefined) {
      a = { code: area.code, name: area.name, country: area.countryCode, score: 0, evidence: [] };
      this.admin1.set(area.code, a);
    }
    a.score += ev.weight;
    a.evidence.push(ev);
    this.addCountry(area.countryCode, ev);
  }

  private take(key: string, rule: CountryRuleId): boolean {
    const n = this.hits.get(key) ?? 0;
    if (n >= RULES_BY_ID.get(rule)!.maxHits) return false;
    this.hits.set(key, n + 1);
    return true;
  }

  private addCountry(country: string, ev: CountryEvidence): void {
    let c = this.countries.get(country);
    if (c === undefined) {
      c = { country, score: 0, evidence: [] };
      this.countries.set(country, c);
    }
    c.score += ev.weight;
    c.evidence.push(ev);
  }

  result(): DocumentCountries {
    const round = (x: number) => Math.round(x * 1000) / 1000;
    const countries = [...this.countries.values()].map((c) => ({ ...c, score: round(c.score) }));
    const admin1 = [...this.admin1.values()].map((a) => ({ ...a, score: round(a.score) }));
    countries.sort((a, b) => b.score - a.score || (a.country < b.country ? -1 : 1));
    // Among areas of equal score ("Punjab", shared), the one in the better-supported country first.
    const countryScore = (c: string) => this.countries.get(c)?.score ?? 0;
    admin1.sort((a, b) => b.score - a.score || countryScore(b.country) - countryScore(a.country) || (a.code < b.code ? -1 : 1));
    return { countries, admin1 };
  }
}

/** Ranked countries and admin-1 areas for a document, each with its evidence. */
export function documentCountries(evidence: DocumentEvidence, gazetteer: Gazetteer): DocumentCountries {
  const tally = new Tally();
  const whole = evidence.text ?? '';
  // The dateline counts once, as a dateline: the rest of the text is read without it.
  const text = whole.slice(readDateline(whole, gazetteer, tally));
  readUrl(evidence.url ?? null, tally);
  const outlet = evidence.outletCountry?.toUpperCase() ?? null;
  if (outlet && countryNameTables().englishName.has(outlet)) tally.country(outlet, 'outlet.country', outlet);
  const body = [evidence.title ?? '', text].filter((s) => s !== '').join('\n');
  readCityCommaRegion(body, gazetteer, tally);
  readNames(body, gazetteer, tally);
  readPlaceNames(evidence.placeNames ?? [], gazetteer, tally);
  return tally.result();
}

/**
 * The context a resolver needs: countries scoring at least `minShare` of the best (and at least
 * 1, so that one nationality word sets nothing), and their admin-1 areas scoring at least 2.
 */
export function geoContextOf(found: DocumentCountries, minShare = 0.5): GeoContext {
  const top = found.countries[0]?.score ?? 0;
  const countries = found.countries.filter((c) => c.score >= 1 && c.score >= top * minShare).map((c) => c.country);
  const admin1 = found.admin1.filter((a) => a.score >= 2 && countries.includes(a.country)).map((a) => a.code);
  return { countries, admin1 };
}

/**
 * A dateline after a page's time stamp or a byline ("March 10, 2014 2:18 PM LAKEVILLE, Ohio (KXXX) –",
 * "By A. Writer LAKEVILLE, Calif. -"): capitals, then a region or an agency, then the dash.
 */
const LATE_DATELINE_RE =
  /(?:^|\n|(?:AM|PM|A\.M\.|P\.M\.|[ECMP][SD]T|\d{4})\s+|[a-z]\s+)([A-Z][A-Z'’.-]{2,}(?:\s+[A-Z][A-Z'’.-]+){0,3})(?:(?:,\s*([A-Z][\p{L}'’.]*(?:\s+[A-Z][\p{L}'’.]*){0,3}))\s*(?:\([^)\n]{1,40}\))?|\s*\([^)\n]{1,40}\))\s*[—–-]{1,2}/u;

/**
 * A bare dateline opening a paragraph after a page's headline ("Storm closes roads\n\nNAIROBI - Heavy
 * rain …"): capitals alone, then a dash and a space.
 */
const PARAGRAPH_DATELINE_RE = /\n\s*([A-Z][A-Z'’.-]{2,}(?:\s+[A-Z][A-Z'’.-]+){0,3})\s*[—–-]{1,2}\s/u;

/** The dateline of a text: at its start, else after a time stamp, a byline or a headline in its first lines. */
function matchDateline(text: string): RegExpExecArray | null {
  const head = text.slice(0, 300);
  const m = DATELINE_RE.exec(head);
  if (m) return m;
  const late = LATE_DATELINE_RE.exec(head) ?? PARAGRAPH_DATELINE_RE.exec(text.slice(0, 500));
  if (!late) return null;
  // Report the match as if the dateline opened the text, ending where it ends.
  const out = [text.slice(0, late.index + late[0].length), late[1], late[2]] as unknown as RegExpExecArray;
  out.index = 0;
  return out;
}

/** The dateline a text opens with: its city (title case) and region as written ("LAKEVILLE, Ohio —"). */
export function datelineOf(text: string): { city: string; region: string | null; length: number } | null {
  const m = matchDateline(text);
  if (!m || m[1].replace(/[^A-Z]/g, '').length < 3) return null;
  return { city: titleCase(m[1]), region: m[2] ?? null, length: m[0].length };
}

/** Reads a dateline; returns its length in the text (0 when there is none). */
function readDateline(text: string, gazetteer: Gazetteer, tally: Tally): number {
  const m = matchDateline(text);
  if (!m) return 0;
  const city = m[1];
  // A dateline city is written in capitals; "AP" alone or a one-letter word is not one.
  if (city.replace(/[^A-Z]/g, '').length < 3) return 0;
  const cityName = titleCase(city);
  const region = m[2] ?? null;
  const written = region ? `${city}, ${region}` : city;
  if (region) {
    const area = gazetteer.admin1OfAbbreviation(region) ?? gazetteer.findAdmin1(region, [], { exact: true })[0] ?? null;
    const country = countryOfName(region);
    // "ATLANTA, Georgia": the state when the town is in it, else the country.
    const townInArea = area !== null && gazetteer.lookup(cityName).some((c) => c.exact && gazetteer.admin1Of(c.entry)?.code === area.code);
    if (area && (townInArea || country === null)) tally.area(area, 'dateline.admin1', written);
    else if (country) tally.country(country, 'dateline.country', written);
    return m[0].length;
  }
  const largest = gazetteer
    .lookup(cityName)
    .filter((c) => c.exact && c.entry.featureClass === 'P')
    .sort((a, b) => b.entry.population - a.entry.population)[0];
  if (largest) tally.country(largest.entry.countryCode, 'dateline.city', written);
  return m[0].length;
}

function readUrl(url: string | null, tally: Tally): void {
  if (!url) return;
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    // Not a URL (a bare outlet name, say): no host to read, which is no evidence either way.
    return;
  }
  const labels = host.split('.');
  const tld = labels[labels.length - 1];
  if (labels.length < 2 || GENERIC_DOMAINS.has(tld)) return;
  const country = DOMAIN_COUNTRY[tld] ?? tld.toUpperCase();
  if (countryNameTables().englishName.has(country)) tally.country(country, 'url.country-domain', labels.slice(-2).join('.'));
}

function readCityCommaRegion(text: string, gazetteer: Gazetteer, tally: Tally): void {
  for (const m of text.matchAll(CITY_COMMA_REGION)) {
    const [, town, regionWords] = m;
    const found = regionAfterComma(regionWords, gazetteer);
    if (found === null) continue;
    const { area, region } = found;
    const inArea = gazetteer.lookup(town).some((c) => c.exact && c.entry.featureClass === 'P' && gazetteer.admin1Of(c.entry)?.code === area.code);
    if (inArea) tally.area(area, 'text.city-comma-admin1', `${town}, ${region}`);
  }
}

/**
 * The admin-1 area the words after "Town," name: an abbreviation as written ("N.M."), else the
 * longest leading words that are an admin-1 name ("New Mexico" of "New Mexico State Police"), a
 * sentence's full stop left off ("Utah.").
 */
function regionAfterComma(words: string, gazetteer: Gazetteer): { area: AdminArea; region: string } | null {
  const parts = words.split(/\s+/);
  for (let n = parts.length; n >= 1; n--) {
    const region = parts.slice(0, n).join(' ');
    const abbreviated = gazetteer.admin1OfAbbreviation(region) ?? gazetteer.admin1OfAbbreviation(region.replace(/\.$/, ''));
    if (abbreviated) return { area: abbreviated, region };
    const named = gazetteer.findAdmin1(region.replace(/\.$/, ''), [], { exact: true })[0];
    if (named) return { area: named, region: region.replace(/\.$/, '') };
  }
  return null;
}

/** Country names, abbreviations, demonyms and admin-1 names in runs of capitalised words, longest first. */
function readNames(text: string, gazetteer: Gazetteer, tally: Tally): void {
  const tables = countryNameTables();
  for (const m of text.matchAll(CAPITALISED_RUN)) {
    const words = m[0].split(/\s+/);
    let i = 0;
    while (i < words.length) {
      let used = 1;
      for (let n = Math.min(MAX_NAME_WORDS, words.length - i); n >= 1; n--) {
        const phrase = words.slice(i, i + n).join(' ');
        const bare = phrase.replace(/(?:'s|’s)$/u, '').replace(/[,;:]$/, '');
        if (/^(?:of|and|the|de|del|do|da)$/i.test(words[i]) || /\s(?:of|and|the|de|del|do|da)$/i.test(bare)) continue;
        // "Superintendent Michael Harrison", "Victoria Lee": one word before a surname is a given name, not an area.
        const beforeSurname = n === 1 && i + 1 < words.length && !/[,;:.!?]$/.test(words[i]) && isSurnameAfter(words[i + 1]);
        if (readName(bare, tables, gazetteer, tally, beforeSurname)) {
          used = n;
          break;
        }
      }
      i += used;
    }
  }
}

/** Capitalised words that follow an area's name in an institution's or a region's name ("Ohio State Highway Patrol"). */
const AREA_NAME_FOLLOWER = /^(?:State|States|Province|Provincial|County|Counties|Parish|Police|Department|Dept\.?|Highway|Governor|Gov\.?|Legislature|Senate|House|Assembly|National|Guard|Sheriff'?s?|Attorney|Supreme|Court|Government|Premier|Parliament|Ministry|Health|Public|Emergency|Fire|Republic|Region|Regional|Territory|Coast|Valley|River|Lake|Mountains?|University|Bureau|Office|Division|Troopers?|Patrol|Corrections|Capitol|Senator|Democrats?|Republicans?|Party|Islands?|City|Metro|Central|North|South|East|West|Northern|Southern|Eastern|Western)(?:'s|’s)?[,;:.]?$/;

/** A capitalised word after a one-word name that makes it a person's name: not an institution word, not an acronym. */
function isSurnameAfter(word: string): boolean {
  return /^\p{Lu}\p{Ll}[\p{L}'’-]*[,;:.]?$/u.test(word) && !AREA_NAME_FOLLOWER.test(word) && !WEEKDAY_OR_MONTH.test(word);
}

const WEEKDAY_OR_MONTH = /^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\b/;

function readName(name: string, tables: ReturnType<typeof countryNameTables>, gazetteer: Gazetteer, tally: Tally, beforeSurname = false): boolean {
  // "the UK." at a sentence's end is "UK"; "the U.S." keeps its own full stop.
  const abbreviation = tables.abbreviations.get(name) ?? tables.abbreviations.get(name.replace(/\.$/, ''));
  if (abbreviation) {
    tally.country(abbreviation, 'text.country', name);
    return true;
  }
  const fold = foldName(name);
  if (fold === '' || fold.length < 4) return false;
  let found = false;
  const country = tables.names.get(fold.replace(/^the /, ''));
  if (country) {
    tally.country(country, 'text.country', name);
    found = true;
  }
  const demonym = tables.demonyms.get(fold);
  if (demonym) {
    tally.country(demonym, 'text.demonym', name);
    found = true;
  }
  if (!found && !isCommonWord(fold) && !beforeSurname) {
    const areas = gazetteer.findAdmin1(name, [], { exact: true }).filter((a) => a.level === 1);
    for (const a of areas) tally.area(a, 'text.admin1', name, 1 / areas.length);
    found = areas.length > 0;
  }
  return found;
}

function readPlaceNames(names: readonly string[], gazetteer: Gazetteer, tally: Tally): void {
  for (const name of new Set(names)) {
    const fold = foldName(name);
    if (fold === '' || isCommonWord(fold)) continue;
    const countries = new Set(gazetteer.lookup(name).filter((c) => c.exact && c.entry.featureClass === 'P').map((c) => c.entry.countryCode));
    for (const c of countries) tally.country(c, 'places.candidates', name, 1 / countries.size);
  }
}

/** "LAS CRUCES" → "Las Cruces", "AL-BAB" → "Al-Bab". */
function titleCase(s: string): string {
  return s.toLowerCase().replace(/(^|[\s'’-])(\p{L})/gu, (_, sep: string, c: string) => sep + c.toUpperCase());
}
