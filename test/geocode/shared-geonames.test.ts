/**
 * The real Syria dump in ../shared/data/gazetteer/geonames (GeoNames layout, 10,577 places): it
 * reads without warnings, the index builds fast, and the report spellings the project targets
 * resolve to the right village (coordinates checked to ~1 km) given the governorate a report
 * names. Skips, naming what is missing, when ../shared is absent — unless TALLY_REQUIRE_SHARED=1,
 * when it fails instead.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { distanceKm, Gazetteer } from '../../src/pipeline/geocode/gazetteer.ts';
import { readGeoNamesDir } from '../../src/pipeline/geocode/geonames-reader.ts';

const DIR = fileURLToPath(new URL('../../../shared/data/gazetteer/geonames/', import.meta.url));
const REQUIRE = process.env.TALLY_REQUIRE_SHARED === '1';
const missing = ['SY.txt', 'admin1CodesASCII.txt', 'admin2Codes.txt'].filter((f) => !existsSync(`${DIR}${f}`));
const skip = missing.length > 0 && !REQUIRE ? `missing ${missing.join(', ')} in ${DIR} (../shared gazetteer)` : false;

/** [report spelling, governorate named in the report, expected governorate, lat, lon] */
const TARGETS: [string, string | null, string, number, number][] = [
  ['Saraqib', null, 'Idlib', 35.864, 36.806],
  ['Saraqeb', null, 'Idlib', 35.864, 36.806],
  ['Binnish', null, 'Idlib', 35.957, 36.714],
  ['al-Sahara', 'Aleppo', 'Aleppo', 36.183, 36.842],
  ['Al Sahara', 'western Aleppo countryside', 'Aleppo', 36.183, 36.842],
  ['Jabbala', 'Idlib', 'Idlib', 35.571, 36.558],
  ['Jabala', 'southern Idlib', 'Idlib', 35.571, 36.558],
  ['al-Dar al-Kabira', 'Homs', 'Homs', 34.788, 36.681],
  ['Shnan', 'Idlib', 'Idlib', 35.736, 36.613],
  ['Marshourin', 'Idlib', 'Idlib', 35.668, 36.728],
  ['Al-Malaja', 'Idlib', 'Idlib', 35.592, 36.495],
  ['Kafranbel', null, 'Idlib', 35.614, 36.564],
  ["al-Fu'ah", 'Idlib', 'Idlib', 35.983, 36.704],
  ['Anqawi', 'Hama', 'Hama', 35.595, 36.386],
  ['al-Halluba', 'Idlib', 'Idlib', 35.613, 36.419],
  ['Kafr Uwayd', 'Idlib', 'Idlib', 35.631, 36.46],
  ['Sfuhan', 'Idlib', 'Idlib', 35.607, 36.463],
  ['Fattara', 'Idlib', 'Idlib', 35.61, 36.486],
  ["Maarrat al-Nu'man", null, 'Idlib', 35.648, 36.677],
  ['Maarat al-Numan', 'Idleb', 'Idlib', 35.648, 36.677],
  ['al-Kabina', 'Lattakia', 'Latakia', 35.717, 36.233],
  ['al-Lataminah', 'Hama', 'Hama', 35.321, 36.623],
];

/** Spellings checked for the governorate only. */
const CITIES: [string, string][] = [
  ['Jisr al-Shughur', 'Idlib'],
  ['Jisr ash-Shughur', 'Idlib'],
  ['Khan Sheikhoun', 'Idlib'],
  ['Khan Shaykhun', 'Idlib'],
  ['Deir ez-Zor', 'Deir ez-Zor'],
  ['Deir Ezzor', 'Deir ez-Zor'],
  ['Qamishli', 'Al-Hasakah'],
  ['Qamishlo', 'Al-Hasakah'],
  ['Al-Qamishli', 'Al-Hasakah'],
  ['Aleppo', 'Aleppo'],
  ['Idlib', 'Idlib'],
  ['Raqqa', 'Raqqa'],
  ['Douma', 'Rif Dimashq'],
];

describe('the shared Syria dump', { skip }, () => {
  let gazetteer: Gazetteer;

  // Build speed is measured by `npm run bench`, not asserted here (timed tests are flaky on CI).
  test('reads every line without warnings and indexes all governorates', () => {
    assert.deepEqual(missing, [], `missing ${missing.join(', ')} in ${DIR} (TALLY_REQUIRE_SHARED=1)`);
    const { entries, warnings } = readGeoNamesDir(DIR);
    assert.deepEqual(warnings, []);
    assert.ok(entries.length > 10_000);
    gazetteer = new Gazetteer(entries);
    assert.equal(gazetteer.listAdmin1().length, 14);
  });

  for (const [query, hint, admin1, lat, lon] of TARGETS) {
    test(`${query}${hint ? ` (in ${hint})` : ''} → ${admin1} ${lat}, ${lon}`, () => {
      const best = gazetteer.lookup(query, { admin1: hint })[0]?.entry;
      assert.ok(best, `no candidate for ${query}`);
      assert.equal(best.admin1Name, admin1);
      const km = distanceKm(best, { lat, lon });
      assert.ok(km < 1.5, `${best.name} is ${km.toFixed(1)} km from the target`);
    });
  }

  for (const [query, admin1] of CITIES) {
    test(`${query} → a place in ${admin1}`, () => {
      assert.equal(gazetteer.lookup(query)[0]?.entry.admin1Name, admin1);
    });
  }

  test('al-Kafir near Jisr al-Shughur is a Kufayr of Idlib, not Al Kafr of Suwayda', () => {
    const best = gazetteer.lookup('al-Kafir', { admin1: 'Idlib' })[0]?.entry;
    assert.equal(best?.admin1Name, 'Idlib');
    assert.match(best?.name ?? '', /Kufayr/);
  });

  test('every governorate spelling of the annotation guide resolves', () => {
    const cases: [string, string][] = [
      ['Idleb', 'Idlib'], ['Damascus countryside', 'Rif Dimashq'], ['Sweida', 'As-Suwayda'], ['Deir al-Zour', 'Deir ez-Zor'],
      ['Hasaka', 'Al-Hasakah'], ['Raqqah', 'Raqqa'], ['Lattakia', 'Latakia'], ['Tartous', 'Tartus'], ["Dar'a", 'Daraa'],
    ];
    for (const [text, name] of cases) assert.equal(gazetteer.resolveAdmin1(text)?.name, name, text);
  });

  test('districts resolve by their seat’s name', () => {
    const cases: [string, string | null][] = [
      ['Maarrat al-Numan district', "Al Ma'ra"], ['Jisr al-Shughur', 'Jisr-Ash-Shugur'], ['Palmyra', 'Tadmor'],
      ['Kobani', 'Ain Al Arab'], ['Saraqib district', null],
    ];
    for (const [text, name] of cases) assert.equal(gazetteer.resolveAdmin2(text)?.name ?? null, name, text);
  });
});
