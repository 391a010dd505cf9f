/**
 * What extraction asks of a gazetteer, as an interface the geocode stage implements: extraction
 * depends on this, never on the geocoder itself (so the two stages do not import each other).
 */
import type { PlaceMention, ResolvedPlace } from './types.ts';
import type { GeoContext } from './geo.ts';

/** Where a document is, with the evidence an analyst can read ("dateline.admin1: PROVO, Utah"). */
export interface DocumentGeo {
  context: GeoContext;
  /** One line per piece of evidence, best country first. */
  evidence: string[];
  /** The dateline's city, when the document opens with one ("LAKEVILLE, Ohio —"). */
  datelineCity: string | null;
  /** The dateline's region as written after the city ("Ohio", "Ill."), if any. */
  datelineRegion: string | null;
  /** The text names or describes (by nationality) a country other than the best-supported one. */
  namesOtherCountries: boolean;
}

/** "Is this a place?" and "which admin-1 area is this?", asked while reading sentences. */
export interface PlaceLookup {
  /** A locality (or named area) the gazetteer knows under this name. */
  isPlace(name: string): boolean;
  /** The admin-1 (governorate, state, province) name when `name` denotes one ("Idlib", "Rif Dimashq", "Deraa"). */
  admin1Name(name: string): string | null;
}

/** Resolving a place mention to a gazetteer point, asked once a frame's place is chosen. */
export interface PlaceResolving extends PlaceLookup {
  /**
   * A locality for a place mention, or null when the gazetteer has none under that name.
   * @param strict the hint is the text's own statement of the admin-1 area: a candidate elsewhere
   *   is a different place of the same name and is refused.
   */
  resolve(m: PlaceMention, admin1Hint: string | null, near?: { lat: number; lon: number }, strict?: boolean): ResolvedPlace | null;
  /** The admin-1 area as a place (its centroid), for admin-level fallbacks. */
  resolveAdmin1Place(name: string, mention?: PlaceMention): ResolvedPlace | null;
  /** The country (and admin-1 areas) a document is about, from its dateline, names, URL. */
  documentGeo(doc: { text: string; title: string | null; url: string | null }): DocumentGeo;
  /** The same questions answered within a document's context (a same-named place abroad needs strong evidence). */
  inContext(context: GeoContext): PlaceResolving;
}
