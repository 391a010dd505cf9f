/**
 * Geographic primitives the domain owns: a point, the great-circle distance between two points,
 * and the country context a document gives its places (which country, which admin-1 areas the
 * text is about). Pure values and one pure function; no gazetteer, no I/O.
 */

export interface LatLon {
  lat: number;
  lon: number;
}

/** Mean radius of the Earth in km (IUGG), the sphere the haversine formula works on. */
const EARTH_RADIUS_KM = 6371.0088;

/** Haversine distance in kilometres on a sphere of the Earth's mean radius (IUGG 6371.0088 km). */
export function distanceKm(a: LatLon, b: LatLon): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Where a document is, as far as its evidence tells (see src/pipeline/geocode/document-country.ts):
 * ISO 3166-1 alpha-2 country codes, most likely first, and GeoNames-style admin-1 codes ("US.OH",
 * "SY.12") the text is about, most likely first. Empty lists mean "nothing known".
 */
export interface GeoContext {
  countries: readonly string[];
  admin1?: readonly string[];
}
