/**
 * Reads a GeoNames dump folder as users download it from the GeoNames export
 * (https://download.geonames.org/export/dump/, format described in its readme.txt): one or more
 * country files `XX.txt` or the whole-world `allCountries.txt`, with the code tables
 * `admin1CodesASCII.txt` and `admin2Codes.txt` beside them. Each line of a country file is one
 * place in 19 tab-separated columns; admin names are resolved from the code tables here so the
 * matcher never needs them.
 *
 * Kept feature classes (GeoNames' own letters): P populated places (the localities incidents
 * happen in), A administrative areas (governorates and districts, used for admin-level fallbacks
 * and their centroids), S spots (airbases, hospitals, prisons, dams, which reports do name), T
 * terrain (Jabal al-Zawiya, Jabal al-Akrad) and L areas (regions such as the Ghouta). Rivers and
 * water (H), roads (R), vegetation (V) and undersea (U) features are dropped: reports name them
 * as landmarks, not as places where something happened, and they would crowd out villages of the
 * same name.
 *
 * Files are streamed line by line. A malformed line becomes a warning `file:line: reason` and
 * reading goes on; a missing folder or code table is a GeoNamesDirError.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { GazetteerEntry } from '../../domain/gazetteer-entry.ts';
import { GeoNamesDirError } from './geocode-errors.ts';
import { forEachLine } from './read-lines.ts';

/** Feature classes kept by default; see the module comment for why. */
export const DEFAULT_FEATURE_CLASSES: readonly string[] = ['P', 'A', 'S', 'T', 'L'];

export const ADMIN1_FILE = 'admin1CodesASCII.txt';
export const ADMIN2_FILE = 'admin2Codes.txt';
export const ALL_COUNTRIES_FILE = 'allCountries.txt';
const COUNTRY_FILE = /^[A-Z]{2}\.txt$/;

/** Number of columns of a GeoNames "geoname" table line. */
const GEONAME_COLUMNS = 19;

/** After this many line warnings, the rest are counted, not listed. */
const MAX_LISTED_WARNINGS = 1000;

export interface ReadGeoNamesOptions {
  /** Feature classes to keep (default DEFAULT_FEATURE_CLASSES). */
  featureClasses?: readonly string[];
  /** ISO country codes to keep (default: all); useful with allCountries.txt. */
  countries?: readonly string[];
}

export interface GeoNamesReadResult {
  entries: GazetteerEntry[];
  warnings: string[];
}

/** Collects warnings, listing the first MAX_LISTED_WARNINGS and counting the rest. */
class WarningLog {
  readonly list: string[] = [];
  private dropped = 0;

  add(message: string): void {
    if (this.list.length < MAX_LISTED_WARNINGS) this.list.push(message);
    else this.dropped += 1;
  }

  finish(): string[] {
    if (this.dropped > 0) this.list.push(`${this.dropped} more warnings not listed`);
    return this.list;
  }
}

/**
 * Reads every country file (or allCountries.txt) of a GeoNames dump folder into gazetteer entries
 * with ids `geonames:<geonameid>`.
 */
export function readGeoNamesDir(dir: string, options: ReadGeoNamesOptions = {}): GeoNamesReadResult {
  if (!existsSync(dir)) {
    throw new GeoNamesDirError(dir, `GeoNames folder ${dir} does not exist`);
  }
  if (!statSync(dir).isDirectory()) {
    throw new GeoNamesDirError(dir, `GeoNames folder ${dir} is not a folder`);
  }
  const files = readdirSync(dir).sort();
  for (const required of [ADMIN1_FILE, ADMIN2_FILE]) {
    if (!files.includes(required)) {
      throw new GeoNamesDirError(
        dir,
        `GeoNames folder ${dir} has no ${required}; download it from the GeoNames export and put it beside the country files`,
      );
    }
  }
  const log = new WarningLog();
  const countryFiles = files.filter((f) => COUNTRY_FILE.test(f));
  let placeFiles: string[];
  if (files.includes(ALL_COUNTRIES_FILE)) {
    placeFiles = [ALL_COUNTRIES_FILE];
    if (countryFiles.length > 0) {
      log.add(`${dir}: read ${ALL_COUNTRIES_FILE} only; it already holds ${countryFiles.join(', ')}`);
    }
  } else {
    placeFiles = countryFiles;
  }
  if (placeFiles.length === 0) {
    throw new GeoNamesDirError(
      dir,
      `GeoNames folder ${dir} has no place file: expected country files such as SY.txt or ${ALL_COUNTRIES_FILE}`,
    );
  }

  const admin1Names = readAdminCodes(join(dir, ADMIN1_FILE), 1, log);
  const admin2Names = readAdminCodes(join(dir, ADMIN2_FILE), 2, log);
  const keepClasses = new Set(options.featureClasses ?? DEFAULT_FEATURE_CLASSES);
  const keepCountries = options.countries ? new Set(options.countries.map((c) => c.toUpperCase())) : null;

  const entries: GazetteerEntry[] = [];
  for (const file of placeFiles) {
    const path = join(dir, file);
    const missingAdmin1 = new Set<string>();
    const missingAdmin2 = new Set<string>();
    forEachLine(path, (line, lineNo) => {
      if (line.trim() === '') return;
      const parsed = parseGeoNameLine(line);
      if (typeof parsed === 'string') {
        log.add(`${path}:${lineNo}: ${parsed}`);
        return;
      }
      if (!keepClasses.has(parsed.featureClass)) return;
      if (keepCountries && !keepCountries.has(parsed.countryCode)) return;
      if (parsed.admin1Code) {
        const code1 = `${parsed.countryCode}.${parsed.admin1Code}`;
        parsed.admin1Name = admin1Names.get(code1) ?? null;
        if (parsed.admin1Name === null && parsed.admin1Code !== '00') missingAdmin1.add(code1);
        if (parsed.admin2Code) {
          const code2 = `${code1}.${parsed.admin2Code}`;
          parsed.admin2Name = admin2Names.get(code2) ?? null;
          if (parsed.admin2Name === null) missingAdmin2.add(code2);
        }
      }
      entries.push(parsed);
    });
    for (const [missing, table] of [
      [missingAdmin1, ADMIN1_FILE],
      [missingAdmin2, ADMIN2_FILE],
    ] as const) {
      if (missing.size === 0) continue;
      const codes = [...missing].sort();
      const shown = codes.slice(0, 10).join(', ') + (codes.length > 10 ? ', …' : '');
      log.add(`${path}: ${codes.length} admin codes used here have no name in ${table}: ${shown}`);
    }
  }
  return { entries, warnings: log.finish() };
}

/**
 * Parses one line of a GeoNames geoname table. Returns the entry (admin names still null) or a
 * reason the line is malformed.
 */
export function parseGeoNameLine(line: string): GazetteerEntry | string {
  const cols = line.split('\t');
  if (cols.length !== GEONAME_COLUMNS) {
    return `expected ${GEONAME_COLUMNS} tab-separated columns, found ${cols.length}`;
  }
  const [
    geonameId,
    name,
    asciiName,
    alternateNames,
    latText,
    lonText,
    featureClass,
    featureCode,
    countryCode,
    ,
    admin1Code,
    admin2Code,
    ,
    ,
    populationText,
  ] = cols;
  if (!/^\d+$/.test(geonameId)) return `geonameid "${geonameId}" is not a positive integer`;
  if (name.trim() === '') return `geonameid ${geonameId} has an empty name`;
  const lat = Number(latText);
  if (latText.trim() === '' || !Number.isFinite(lat) || lat < -90 || lat > 90) {
    return `latitude "${latText}" is not a number between -90 and 90`;
  }
  const lon = Number(lonText);
  if (lonText.trim() === '' || !Number.isFinite(lon) || lon < -180 || lon > 180) {
    return `longitude "${lonText}" is not a number between -180 and 180`;
  }
  if (!/^[A-Z]?$/.test(featureClass)) return `feature class "${featureClass}" is not one capital letter`;
  if (!/^[A-Z]{0,2}$/.test(countryCode)) return `country code "${countryCode}" is not two capital letters`;
  if (populationText !== '' && !/^\d+$/.test(populationText)) {
    return `population "${populationText}" is not a whole number`;
  }
  return {
    id: `geonames:${geonameId}`,
    name,
    asciiName: asciiName || name,
    alternateNames: alternateNames === '' ? [] : alternateNames.split(',').filter((n) => n !== ''),
    lat,
    lon,
    featureClass,
    featureCode,
    countryCode,
    admin1Code: admin1Code || null,
    admin1Name: null,
    admin2Code: admin2Code || null,
    admin2Name: null,
    population: populationText === '' ? 0 : Number(populationText),
  };
}

/**
 * Reads admin1CodesASCII.txt (`CC.A1 name asciiname geonameid`) or admin2Codes.txt
 * (`CC.A1.A2 name asciiname geonameid`) into a map from code to name. The ASCII name is used
 * when present: it is what exports (ACLED's admin1 column) expect.
 */
function readAdminCodes(path: string, level: 1 | 2, log: WarningLog): Map<string, string> {
  const codeShape = level === 1 ? /^[A-Z]{2}\.[^.\s]+$/ : /^[A-Z]{2}\.[^.\s]+\.[^.\s]+$/;
  const names = new Map<string, string>();
  forEachLine(path, (line, lineNo) => {
    if (line.trim() === '') return;
    const cols = line.split('\t');
    if (cols.length < 3) {
      log.add(`${path}:${lineNo}: expected at least 3 tab-separated columns, found ${cols.length}`);
      return;
    }
    const [code, name, asciiName] = cols;
    if (!codeShape.test(code)) {
      const shape = level === 1 ? 'CC.A1 (e.g. SY.12)' : 'CC.A1.A2 (e.g. SY.12.MN)';
      log.add(`${path}:${lineNo}: code "${code}" is not of the form ${shape}`);
      return;
    }
    const chosen = asciiName.trim() || name.trim();
    if (chosen === '') {
      log.add(`${path}:${lineNo}: code ${code} has no name`);
      return;
    }
    names.set(code, chosen);
  });
  return names;
}
