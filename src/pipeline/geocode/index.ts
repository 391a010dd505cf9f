/**
 * The geocode stage's public surface: gazetteer sources (a GeoNames dump folder, its download,
 * the embedded towns package) and the Gazetteer that matches place and admin names against them.
 * Nothing here touches the store: callers persist and reload GazetteerEntry[] themselves.
 */
export { Gazetteer, LOOKUP_SCORES, distanceKm } from './gazetteer.ts';
export type { AdminArea, GazetteerCandidate, LatLon, LookupOptions } from './gazetteer.ts';
export { readGeoNamesDir, parseGeoNameLine, DEFAULT_FEATURE_CLASSES } from './geonames-reader.ts';
export type { GeoNamesReadResult, ReadGeoNamesOptions } from './geonames-reader.ts';
export { embeddedGazetteer, EMBEDDED_COUNTRIES } from './embedded-gazetteer.ts';
export { fetchGeoNames, DEFAULT_GEONAMES_URL } from './fetch-geonames.ts';
export type { FetchGeoNamesOptions } from './fetch-geonames.ts';
export { GeoNamesDirError, GeoNamesDownloadError, ZipFormatError } from './geocode-errors.ts';
