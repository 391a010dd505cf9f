/**
 * Pass 6c, the scene: the streets and named venues a report names ("in the 1200 block of Elm
 * Street", "outside the Blue Heron Tavern") and the counties ("Larkin County deputies"). Local
 * reports of one shooting name the street or the venue far more often than a town the gazetteer
 * knows, and two shootings of the same days in one state seldom share one, so a shared site is
 * evidence that two reports tell one event; a shared county is weaker (a county holds many events)
 * and counts as a place (src/pipeline/link/link-mentions.ts, decision 0022). Only names are kept,
 * as keys that the spellings of one site share ("W. 3rd St." and "West 3rd Street" are
 * "3rd street").
 */
import type { Mention, Tagged } from '../../../domain/types.ts';
import type { DocumentReading } from './extraction-state.ts';
import { incidentOwner } from './named-people.ts';

export const SITE_RULES = [
  { id: 'scene.street', description: 'a street: one or two capitalised words or an ordinal, then a street word', example: 'Two men were shot in the 1200 block of Larkspur Avenue on Friday.' },
  { id: 'scene.venue', description: 'a named venue: capitalised words, then a kind of venue', example: 'A man was shot outside the Blue Heron Tavern early Sunday.' },
  { id: 'scene.county', description: 'a county or parish by name', example: 'Larkin County deputies found a man shot dead on Friday.' },
] as const;

/** Street words and their abbreviations, with the word each stands for in a key. */
const STREET_WORDS: Record<string, string> = {
  street: 'street', st: 'street', avenue: 'avenue', ave: 'avenue', road: 'road', rd: 'road', boulevard: 'boulevard', blvd: 'boulevard',
  drive: 'drive', dr: 'drive', lane: 'lane', ln: 'lane', parkway: 'parkway', pkwy: 'parkway', highway: 'highway', hwy: 'highway',
  terrace: 'terrace', circle: 'circle', trail: 'trail', pike: 'pike',
};
// "Court" and "Way" are left out: "District Court", "Federal Way" are a court and a town.
const TYPE = String.raw`(?:Street|St\.?|Avenue|Ave\.?|Road|Rd\.?|Boulevard|Blvd\.?|Drive|Dr\.?|Lane|Ln\.?|Parkway|Pkwy\.?|Highway|Hwy\.?|Terrace|Circle|Trail|Pike)`;
const DIRECTION = String.raw`(?:(?:North|South|East|West|[NSEW]\.?)\s+)?`;
const WORD = String.raw`\p{Lu}[\p{Ll}'’-]+`;
const BODY = String.raw`(?:\d{1,3}(?:st|nd|rd|th)|${WORD}(?:\s+${WORD})?)`;
const STREET_RE = new RegExp(String.raw`(?<![\p{L}\d])${DIRECTION}(${BODY})\s+(${TYPE})(?![\p{L}])`, 'gu');

/**
 * Kinds of venue a shooting happens at. Hospitals, police stations, courts and jails are left out:
 * the victims of many events are taken to one hospital, and their suspects to one court; so is
 * "Park", which names whole neighbourhoods ("Elm Park") as often as a park.
 */
const VENUE = String.raw`(?:Mall|Club|Nightclub|Bar|Grill|Tavern|Lounge|Pub|Saloon|Cafe|Restaurant|Motel|Hotel|Inn|Apartments|Church|High School|Middle School|Elementary School|Academy|Market|Supermarket|Plaza|Shopping Center|Casino|Theater|Theatre|Barbershop|Salon)`;
const VENUE_RE = new RegExp(String.raw`(?<![\p{L}\d])((?:\p{Lu}[\p{L}'’&-]*\s+){1,3})(${VENUE})(?![\p{L}])`, 'gu');
const COUNTY_RE = new RegExp(String.raw`(?<![\p{L}\d])(${WORD}(?:\s+${WORD})?)\s+(?:County|Parish)(?![\p{L}])`, 'gu');

/** Capitalised words that open a sentence or a phrase, not a site's name ("On Main Street" is "main street"). */
const NOT_A_NAME = new Set(['the', 'a', 'an', 'on', 'at', 'in', 'of', 'and', 'near', 'from', 'off', 'along', 'down', 'up', 'this', 'that', 'outside', 'inside', 'behind', 'police', 'county', 'city', 'state']);
/** Numbered roads ("County Road 12", "State Road 7") share their words across a whole state. */
const NUMBERED_ROAD = /^(?:county|state|farm|forest|private|interstate|us)\s+(?:road|highway)$/;

/** The words of a name without the function words and possessives that open the phrase. */
function nameWords(body: string): string[] {
  const words = body.trim().split(/\s+/);
  // "the victim's Elm Street home": a possessive before the site is no part of its name.
  while (words.length && (NOT_A_NAME.has(words[0].toLowerCase()) || /['’]s$/.test(words[0]))) words.shift();
  return words;
}

/** "Oak Ave." → "oak avenue"; "3rd St" → "3rd street"; null when nothing of a name is left. */
export function streetKey(body: string, type: string): string | null {
  const words = nameWords(body);
  if (!words.length) return null;
  const key = `${words.join(' ').toLowerCase()} ${STREET_WORDS[type.replace(/\.$/, '').toLowerCase()]}`;
  return NUMBERED_ROAD.test(key) ? null : key;
}

/** "the Blue Heron Tavern" → "blue heron tavern"; null when only function words name it. */
export function venueKey(body: string, kind: string): string | null {
  const words = nameWords(body);
  return words.length ? `${words.join(' ')} ${kind}`.toLowerCase().replace(/\s+/g, ' ') : null;
}

interface FoundSite {
  readonly site: Tagged<string>;
  readonly sentence: number;
  readonly county: boolean;
}

/** Every site a document names, with the sentence it is in, in the order of the text. */
export function findSites(doc: DocumentReading): FoundSite[] {
  const out: FoundSite[] = [];
  const add = (s: { start: number; index: number }, index: number, text: string, key: string | null, rule: string, county = false) => {
    if (!key) return;
    const start = s.start + index;
    out.push({ site: { value: key, prov: { rule, span: { start, end: start + text.length }, text } }, sentence: s.index, county });
  };
  for (const s of doc.sentences) {
    for (const m of s.text.matchAll(STREET_RE)) add(s, m.index!, m[0], streetKey(m[1], m[2]), 'scene.street');
    for (const m of s.text.matchAll(VENUE_RE)) add(s, m.index!, m[0], venueKey(m[1], m[2]), 'scene.venue');
    for (const m of s.text.matchAll(COUNTY_RE)) {
      const words = nameWords(m[1]);
      add(s, m.index!, m[0], words.length ? words.join(' ').toLowerCase() : null, 'scene.county', true);
    }
  }
  return out.sort((a, b) => a.site.prov.span.start - b.site.prov.span.start);
}

/**
 * Give each incident mention the sites named in its part of the report, as named people are given
 * (named-people.ts): the last incident told before (or in) the site's sentence, else the first.
 */
export function attachSites(doc: DocumentReading, mentions: readonly Mention[]): Mention[] {
  const sites = findSites(doc);
  const ownerOf = sites.length ? incidentOwner(doc, mentions) : null;
  if (!ownerOf) return [...mentions];
  const byMention = new Map<number, { sites: Tagged<string>[]; counties: Tagged<string>[] }>();
  for (const s of sites) {
    const owner = ownerOf(s.sentence);
    const got = byMention.get(owner) ?? { sites: [], counties: [] };
    const list = s.county ? got.counties : got.sites;
    if (!list.some((q) => q.value === s.site.value)) list.push(s.site);
    byMention.set(owner, got);
  }
  return mentions.map((m, i) => {
    const got = byMention.get(i);
    if (!got) return m;
    return { ...m, ...(got.sites.length ? { sites: got.sites } : {}), ...(got.counties.length ? { counties: got.counties } : {}) };
  });
}
