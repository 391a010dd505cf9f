/**
 * The geocode stage's face towards extraction: answers "is this a place?" and "which governorate
 * is this?" while extracting, then resolves place mentions to gazetteer points with the admin
 * hints read near them. A name the gazetteer does not know keeps its name and falls back to the
 * smallest admin area the text gives (the caller counts it as a warning).
 */
import type { PlaceMention, ResolvedPlace } from '../../domain/types.ts';
import type { PlaceResolving } from '../../domain/place-lookup.ts';
import type { AdminArea, Gazetteer, LatLon } from './gazetteer.ts';

/** Feature codes that are places an incident can happen at (not e.g. a whole mountain range). */
const LOCALITY_CLASSES = new Set(['P', 'S', 'L', 'T']);

export class PlaceResolver implements PlaceResolving {
  private readonly placeCache = new Map<string, boolean>();
  private readonly adminCache = new Map<string, string | null>();

  constructor(private readonly gazetteer: Gazetteer) {}

  isPlace(name: string): boolean {
    let v = this.placeCache.get(name);
    if (v === undefined) {
      const c = this.gazetteer.lookup(name, { limit: 3 });
      // Key-only matches of short names are too loose for the weak "in X" pattern.
      v = c.some((x) => (x.exact || name.length >= 6) && LOCALITY_CLASSES.has(x.entry.featureClass) || x.exact);
      this.placeCache.set(name, v);
    }
    return v;
  }

  admin1Name(name: string): string | null {
    let v = this.adminCache.get(name);
    if (v === undefined) {
      v = this.gazetteer.resolveAdmin1(name)?.name ?? null;
      this.adminCache.set(name, v);
    }
    return v;
  }

  admin1Area(name: string): AdminArea | null {
    return this.gazetteer.resolveAdmin1(name);
  }

  /** A locality for a place mention, or null when the gazetteer has none under that name. */
  /**
   * @param strict the hint is the text's own statement of the governorate ("in Idlib province"):
   *   a candidate elsewhere is a different place of the same name and is refused.
   */
  resolve(m: PlaceMention, admin1Hint: string | null, near?: LatLon, strict = true): ResolvedPlace | null {
    const hint = admin1Hint ?? m.adminHint;
    const cands = this.gazetteer.lookup(m.name, { admin1: hint, near, limit: 5 });
    const best = cands[0];
    if (!best) return null;
    const e = best.entry;
    const a1 = this.gazetteer.admin1Of(e);
    // The text names the governorate and the gazetteer has this name only elsewhere: a different
    // place of the same name. Better to fall back to the governorate than to place it wrongly.
    const hinted = hint ? this.gazetteer.resolveAdmin1(hint) : null;
    if (strict && hinted && a1 && hinted.code !== a1.code && e.featureClass !== 'A') return null;
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

  /** The governorate as a place (centroid), for admin-level fallbacks. */
  resolveAdmin1Place(name: string, mention?: PlaceMention): ResolvedPlace | null {
    const a = this.gazetteer.resolveAdmin1(name);
    if (!a) return null;
    return { name: a.name, gazetteerId: a.code, lat: a.lat, lon: a.lon, admin1: a.admin1Name, admin2: null, precision: 'admin1', mention };
  }
}
