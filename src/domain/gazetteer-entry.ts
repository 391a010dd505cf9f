/**
 * A gazetteer record as the pipeline sees it, whatever its source (a GeoNames dump, the embedded
 * world-towns package). Admin names are resolved at import so the matcher never needs the code tables.
 */
export interface GazetteerEntry {
  /** Source-prefixed id, e.g. "geonames:170063". */
  id: string;
  name: string;
  asciiName: string;
  alternateNames: string[];
  lat: number;
  lon: number;
  /** GeoNames feature class (P populated place, A admin area, S spot, T terrain, L area, …). */
  featureClass: string;
  /** GeoNames feature code (PPL, PPLA, PPLC, ADM1, ADM2, …). */
  featureCode: string;
  countryCode: string;
  admin1Code: string | null;
  admin1Name: string | null;
  admin2Code: string | null;
  admin2Name: string | null;
  population: number;
}
