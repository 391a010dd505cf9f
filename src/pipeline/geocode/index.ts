/**
 * The geocode stage's public surface: gazetteer sources (a GeoNames dump folder, its download,
 * the embedded world towns package), the Gazetteer that matches place and admin names against
 * them, the PlaceResolver extraction asks, and a document's country context (document-country.ts).
 * Nothing here touches the store: callers persist and reload GazetteerEntry[] themselves.
 */
export { Gazetteer, LOOKUP_SCORES, distanceKm } from './gazetteer.ts';
export type { Admin1Options, AdminArea, GazetteerCandidate, LatLon, LookupOptions } from './gazetteer.ts';
export { readGeoNamesDir, parseGeoNameLine, DEFAULT_FEATURE_CLASSES } from './geonames-reader.ts';
export type { GeoNamesReadResult, ReadGeoNamesOptions } from './geonames-reader.ts';
export { embeddedGazetteer, EMBEDDED_COUNTRIES } from './embedded-gazetteer.ts';
export { PlaceResolver, PLACE_CONTEXT_LIMITS } from './place-resolver.ts';
export type { PlaceResolverOptions, Resolution, ResolveOptions } from './place-resolver.ts';
export { COUNTRY_RULES, documentCountries, geoContextOf } from './document-country.ts';
export type { CountryEvidence, CountryRule, CountryRuleId, DocumentCountries, DocumentEvidence, RankedAdmin1, RankedCountry } from './document-country.ts';
export { countryOfName } from './country-names.ts';
export { fetchGeoNames, DEFAULT_GEONAMES_URL } from './fetch-geonames.ts';
export type { FetchGeoNamesOptions } from './fetch-geonames.ts';
export { GeoNamesDirError, GeoNamesDownloadError, ZipFormatError } from './geocode-errors.ts';
