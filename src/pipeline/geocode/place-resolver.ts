/**
 * The geocode stage's face towards extraction: answers "is this a place?" and "which admin-1 area
 * is this?" while extracting, then resolves place mentions to gazetteer points with the admin
 * hints read near them. A name the gazetteer does not know keeps its name and falls back to the
 * smallest admin area the text gives (the caller counts it as a warning).
 *
 * With a world gazetteer most names exist in several countries, so every question takes an
 * optional country context (a GeoContext, from document-country.ts): a place is resolved in the
 * document's country; a same-named place elsewhere needs the text to name that country or one of
 * its admin-1 areas right by the mention, or to be a city the world knows (a capital, a million
 * people). Passed-over candidates are recorded on the result with the reason. Without a context,
 * answers are as before the gazetteer went worldwide, except that a one-word name that is also a
 * common English word ("Police", "Reading") is not taken for a place on its spelling alone.
 */
import type { GeoContext, LatLon } from '../../domain/geo.ts';
import type { PlaceMention, RejectedPlace, ResolvedPlace } from '../../domain/types.ts';
import type { DocumentGeo, PlaceResolving } from '../../domain/place-lookup.ts';
import { datelineOf, documentCountries, geoContextOf } from './document-country.ts';
import type { GazetteerEntry } from '../../domain/gazetteer-entry.ts';
import { foldName } from '../../domain/name-key.ts';
import type { AdminArea, Gazetteer, GazetteerCandidate } from './gazetteer.ts';
import { isCommonWord } from './common-words.ts';
import { countryOfName } from './country-names.ts';

/** Feature codes that are places an incident can happen at (not e.g. a whole mountain range). */
const LOCALITY_CLASSES = new Set(['P', 'S', 'L', 'T']);

/**
 * Thresholds of the country rules, as data.
 * - worldCityPopulation: a place outside the document's countries is still taken, when the
 *   document's countries have no place of that name, if it is a national capital or this large
 *   ("Kabul" in a report from Ohio). GeoNames populations.
 * - foreignPlacePopulation: isPlace with a context accepts a name known only abroad when some
 *   place of that name has this many people or is a capital (so a foreign city named in passing is
 *   still read as a place, a foreign hamlet named like a surname is not).
 * - defaultContextMaxCountries: a gazetteer of at most this many countries (an imported dump of
 *   one country) is its own context: the user has said where the reports are.
 * - candidates: how many lookup candidates the country rules look at.
 */
export const PLACE_CONTEXT_LIMITS = {
  worldCityPopulation: 1_000_000,
  foreignPlacePopulation: 100_000,
  defaultContextMaxCountries: 3,
  candidates: 40,
} as const;

/** Capitals: PPLC in GeoNames. */
const CAPITAL_CODES = new Set(['PPLC']);

/** An article written in lower case before a name ("al-Bab", "ash-Shaddadi"): such names need not be capitalised. */
const LOWER_ARTICLE_NAME = /^(?:al|el|as|ash|ad|ar|at|az|an|ed|es|et|ez|en)-\p{L}/u;

export interface ResolveOptions {
  /** The document's countries and admin-1 areas, most likely first (documentCountries → geoContextOf). */
  context?: GeoContext;
  /**
   * Country or admin-1 names the text gives right by the mention ("Springfield, Mass.", "Aleppo,
   * Syria", "Toledo, Spain"): strong evidence for a place in that country or area, even outside
   * the document's country.
   */
  nearbyNames?: readonly string[];
}

/** A resolution with the candidates passed over (also when nothing was taken). */
export interface Resolution {
  place: ResolvedPlace | null;
  rejected: RejectedPlace[];
}

export interface PlaceResolverOptions {
  /** Context used when a call gives none (default: the gazetteer's countries when it has at most defaultContextMaxCountries). */
  defaultContext?: GeoContext;
}

const NO_CONTEXT: GeoContext = { countries: [] };

export class PlaceResolver implements PlaceResolving {
  private readonly placeCache = new Map<string, boolean>();
  private readonly adminCache = new Map<string, string | null>();
  private readonly defaultContext: GeoContext;
  private readonly gazetteerCountries: number;

  constructor(
    private readonly gazetteer: Gazetteer,
    options: PlaceResolverOptions = {},
  ) {
    const countries = gazetteer.countries();
    this.gazetteerCountries = countries.length;
    if (options.defaultContext) this.defaultContext = options.defaultContext;
    else {
      // Only the country list is needed; computing it walks the entries once.
      this.defaultContext = countries.length <= PLACE_CONTEXT_LIMITS.defaultContextMaxCountries ? { countries } : NO_CONTEXT;
    }
  }

  /**
   * A locality (or named area) the gazetteer knows under this name, for the weak "in X" pattern.
   * The name must be capitalised (or open with a lower-case article: "al-Bab"). A one-word name
   * that is a common English word is a place only in the context's countries. With a context,
   * a name known only abroad needs a capital or a large place (foreignPlacePopulation).
   */
  isPlace(name: string, context?: GeoContext): boolean {
    const ctx = context ?? this.defaultContext;
    const key = ctx.countries.length > 0 ? `${ctx.countries.join(',')}\u0000${name}` : name;
    let v = this.placeCache.get(key);
    if (v === undefined) {
      v = this.decideIsPlace(name, ctx);
      this.placeCache.set(key, v);
    }
    return v;
  }

  private decideIsPlace(name: string, ctx: GeoContext): boolean {
    if (!/^\p{Lu}/u.test(name) && !LOWER_ARTICLE_NAME.test(name)) return false;
    const cands = this.gazetteer.lookup(name, { limit: PLACE_CONTEXT_LIMITS.candidates });
    // Key-only matches of short names are too loose for the weak "in X" pattern.
    const matching = cands.filter((x) => x.exact || (name.length >= 6 && LOCALITY_CLASSES.has(x.entry.featureClass)));
    if (matching.length === 0) return false;
    const countries = ctx.countries;
    const inContext = (c: GazetteerCandidate) => countries.includes(c.entry.countryCode);
    if (isCommonWord(foldName(name))) return matching.some((c) => c.exact && inContext(c));
    if (countries.length === 0) return true;
    return matching.some((c) => inContext(c) || (c.exact && isWellKnown(c.entry, PLACE_CONTEXT_LIMITS.foreignPlacePopulation)));
  }

  /** The admin-1 name when `name` denotes one ("Idlib", "Rif Dimashq", "Ohio", "OH", "Calif."); areas of the context's countries first. */
  admin1Name(name: string, context?: GeoContext): string | null {
    const ctx = context ?? this.defaultContext;
    const key = ctx.countries.length > 0 ? `${ctx.countries.join(',')}\u0000${name}` : name;
    let v = this.adminCache.get(key);
    if (v === undefined) {
      v = this.gazetteer.resolveAdmin1(name, { countries: ctx.countries })?.name ?? null;
      this.adminCache.set(key, v);
    }
    return v;
  }

  admin1Area(name: string, context?: GeoContext): AdminArea | null {
    return this.gazetteer.resolveAdmin1(name, { countries: (context ?? this.defaultContext).countries });
  }

  /** The ISO country code of a resolved place's gazetteer entry or admin area, or null. */
  countryOf(place: Pick<ResolvedPlace, 'gazetteerId'>): string | null {
    if (!place.gazetteerId) return null;
    const entry = this.gazetteer.byId(place.gazetteerId);
    if (entry) return entry.countryCode;
    return this.gazetteer.resolveAdmin1(place.gazetteerId)?.countryCode ?? null;
  }

  /**
   * A locality for a place mention, or null when the gazetteer has none under that name (or only
   * places the country rules refuse).
   * @param strict the hint is the text's own statement of the admin-1 area ("in Idlib province"):
   *   a candidate elsewhere is a different place of the same name and is refused.
   * @param options the document's country context and the names right by the mention; without
   *   them the answer is the one resolve gave before it took options.
   */
  resolve(m: PlaceMention, admin1Hint: string | null, near?: LatLon, strict = true, options: ResolveOptions = {}): ResolvedPlace | null {
    const { place, rejected } = this.resolveWithReasons(m, admin1Hint, near, strict, options);
    if (place === null || rejected.length === 0) return place;
    return { ...place, rejected };
  }

  /** As resolve, also telling which candidates were passed over and why when nothing was taken. */
  resolveWithReasons(m: PlaceMention, admin1Hint: string | null, near?: LatLon, strict = true, options: ResolveOptions = {}): Resolution {
    const hint = admin1Hint ?? m.adminHint;
    // Without options: exactly the answer resolve gave before it took them.
    if (options.context === undefined && options.nearbyNames === undefined) return { place: this.resolveLegacy(m, hint, near, strict), rejected: [] };
    const ctx = options.context;
    const countries = ctx?.countries ?? [];
    const hinted = hint ? this.gazetteer.resolveAdmin1(hint, { countries }) : null;
    const cands = this.gazetteer.lookup(m.name, { admin1: hint, near, limit: PLACE_CONTEXT_LIMITS.candidates, countries });
    if (cands.length === 0) {
      // A state written as its postal code or wire abbreviation ("OH", "Calif."), which no place lookup finds.
      const area = this.gazetteer.admin1OfAbbreviation(m.name);
      return { place: area ? this.placeOfArea(area, m) : null, rejected: [] };
    }

    // Evidence by the mention: its stated admin-1 area, and the country and admin-1 names beside it.
    const evidenceCountries = new Set<string>();
    const evidenceAdmin1 = new Set<string>();
    if (hinted) {
      evidenceAdmin1.add(hinted.code);
      evidenceCountries.add(hinted.countryCode);
    }
    for (const n of options.nearbyNames ?? []) {
      const country = countryOfName(n);
      if (country) evidenceCountries.add(country);
      const area = this.gazetteer.resolveAdmin1(n, { countries });
      if (area) {
        evidenceAdmin1.add(area.code);
        evidenceCountries.add(area.countryCode);
      }
    }
    // Nothing known of the document's country and nothing said by the mention: as before.
    if (countries.length === 0 && evidenceCountries.size === 0) return { place: this.resolveLegacy(m, hint, near, strict), rejected: [] };
    const contextAdmin1 = ctx?.admin1 ?? [];
    // Lower is better: the mention's own admin-1 evidence, then the document's admin-1 areas in
    // order, then the mention's countries, then the document's countries in order, then the rest.
    const tier = (e: GazetteerEntry): number => {
      const code1 = e.admin1Code ? `${e.countryCode}.${e.admin1Code}` : null;
      if (code1 && evidenceAdmin1.has(code1)) return 0;
      if (code1 && contextAdmin1.includes(code1)) return 1 + contextAdmin1.indexOf(code1) / (contextAdmin1.length + 1);
      if (evidenceCountries.has(e.countryCode)) return 2;
      const k = countries.indexOf(e.countryCode);
      if (k >= 0) return 3 + k / (countries.length + 1);
      return 4;
    };
    const ranked = cands.map((c, order) => ({ c, order, tier: tier(c.entry) })).sort((a, b) => a.tier - b.tier || a.order - b.order);
    const rejected: RejectedPlace[] = [];
    const reject = (e: GazetteerEntry, reason: RejectedPlace['reason']) =>
      rejected.push({ gazetteerId: e.id, name: e.name, countryCode: e.countryCode, admin1: this.gazetteer.admin1Of(e)?.name ?? e.admin1Name, reason });

    const anyInCountries = ranked.some((r) => r.tier < 4);
    let chosen: { c: GazetteerCandidate; tier: number } | null = null;
    for (const r of ranked) {
      const e = r.c.entry;
      const a1 = this.gazetteer.admin1Of(e);
      if (strict && hinted && a1 && hinted.code !== a1.code && e.featureClass !== 'A') {
        reject(e, 'outside-stated-admin1');
        continue;
      }
      if (r.tier === 4 && (anyInCountries || !isWellKnown(e, PLACE_CONTEXT_LIMITS.worldCityPopulation))) {
        reject(e, 'other-country');
        continue;
      }
      if (chosen === null) chosen = r;
      else if (e.countryCode !== chosen.c.entry.countryCode) reject(e, 'other-country');
      else if (chosen.tier === 0 && r.tier > 0) reject(e, 'outside-stated-admin1');
    }
    if (chosen === null) return { place: null, rejected };
    return { place: this.placeOfEntry(chosen.c.entry, m), rejected };
  }

  documentGeo(doc: { text: string; title: string | null; url: string | null }): DocumentGeo {
    const found = documentCountries({ text: doc.text, title: doc.title, url: doc.url }, this.gazetteer);
    const context = found.countries.length ? geoContextOf(found) : this.defaultContext;
    const evidence = found.countries.slice(0, 3).flatMap((c) => c.evidence.map((e) => `${c.country} ${e.rule}: ${e.text}`));
    const dateline = datelineOf(doc.text);
    const top = found.countries[0]?.country ?? null;
    const namesOtherCountries = found.countries.some((c) => c.country !== top && c.evidence.some((e) => e.rule === 'text.country' || e.rule === 'text.demonym' || e.rule === 'text.admin1'));
    return { context, evidence, datelineCity: dateline?.city ?? null, datelineRegion: dateline?.region ?? null, namesOtherCountries };
  }

  /**
   * A view answering within a document's context. A gazetteer of a few countries (an imported
   * national dump) is its own context already: its answers are kept as they are.
   */
  inContext(context: GeoContext): PlaceResolving {
    if (this.gazetteerCountries <= PLACE_CONTEXT_LIMITS.defaultContextMaxCountries) return this;
    return new ContextualResolver(this, context);
  }

  /** The governorate as a place (centroid), for admin-level fallbacks. */
  resolveAdmin1Place(name: string, mention?: PlaceMention, context?: GeoContext): ResolvedPlace | null {
    const a = this.gazetteer.resolveAdmin1(name, { countries: (context ?? this.defaultContext).countries });
    return a ? this.placeOfArea(a, mention) : null;
  }

  /** resolve as it was before country contexts: the best candidate, refused when outside a stated governorate. */
  private resolveLegacy(m: PlaceMention, hint: string | null, near: LatLon | undefined, strict: boolean): ResolvedPlace | null {
    const cands = this.gazetteer.lookup(m.name, { admin1: hint, near, limit: 5 });
    const best = cands[0];
    if (!best) {
      const area = this.gazetteer.admin1OfAbbreviation(m.name);
      return area ? this.placeOfArea(area, m) : null;
    }
    const e = best.entry;
    const a1 = this.gazetteer.admin1Of(e);
    // The text names the governorate and the gazetteer has this name only elsewhere: a different
    // place of the same name. Better to fall back to the governorate than to place it wrongly.
    const hinted = hint ? this.gazetteer.resolveAdmin1(hint) : null;
    if (strict && hinted && a1 && hinted.code !== a1.code && e.featureClass !== 'A') return null;
    return this.placeOfEntry(e, m);
  }


  private placeOfEntry(e: GazetteerEntry, m: PlaceMention): ResolvedPlace {
    const a1 = this.gazetteer.admin1Of(e);
    const a2 = this.gazetteer.admin2Of(e);
    const precision = e.featureClass === 'A' ? (e.featureCode === 'ADM1' ? 'admin1' : e.featureCode === 'ADM2' ? 'admin2' : 'locality') : 'locality';
    return {
      name: m.name,
      gazetteerId: e.id,
      lat: e.lat,
      lon: e.lon,
      admin1: a1?.name ?? e.admin1Name,
      admin2: a2?.name ?? e.admin2Name,
      precision,
      mention: m,
    };
  }

  private placeOfArea(a: AdminArea, mention?: PlaceMention): ResolvedPlace {
    return { name: a.name, gazetteerId: a.code, lat: a.lat, lon: a.lon, admin1: a.admin1Name, admin2: null, precision: 'admin1', mention };
  }
}

/** A capital, or a place of at least `population` people. */
function isWellKnown(e: GazetteerEntry, population: number): boolean {
  return CAPITAL_CODES.has(e.featureCode) || e.population >= population;
}

/**
 * A resolver answering within one document's context: every question passes the document's
 * countries and admin-1 areas, so "Springfield" is looked for in the document's state first.
 */
class ContextualResolver implements PlaceResolving {
  constructor(
    private readonly base: PlaceResolver,
    private readonly context: GeoContext,
  ) {}

  isPlace(name: string): boolean {
    return this.base.isPlace(name, this.context);
  }

  admin1Name(name: string): string | null {
    return this.base.admin1Name(name, this.context);
  }

  resolve(m: PlaceMention, admin1Hint: string | null, near?: LatLon, strict = true): ResolvedPlace | null {
    return this.base.resolve(m, admin1Hint, near, strict, { context: this.context });
  }

  resolveAdmin1Place(name: string, mention?: PlaceMention): ResolvedPlace | null {
    return this.base.resolveAdmin1Place(name, mention, this.context);
  }

  documentGeo(doc: { text: string; title: string | null; url: string | null }): DocumentGeo {
    return this.base.documentGeo(doc);
  }

  inContext(context: GeoContext): PlaceResolving {
    return this.base.inContext(context);
  }
}
