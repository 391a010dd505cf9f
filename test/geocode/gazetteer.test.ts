/**
 * The Gazetteer: candidate ranking (admin hints, exact over key, populated places, rank,
 * population, id), transliteration-tolerant lookups, governorate and district resolution with
 * their centroids. Uses hand-made entries and the fixture dump in test/fixtures/geonames.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import type { GazetteerEntry } from '../../src/domain/gazetteer-entry.ts';
import { distanceKm, Gazetteer } from '../../src/pipeline/geocode/gazetteer.ts';
import { readGeoNamesDir } from '../../src/pipeline/geocode/geonames-reader.ts';

const FIXTURE = fileURLToPath(new URL('../fixtures/geonames/', import.meta.url));

/** GeoNames admin1 names of Syria by code, as admin1CodesASCII.txt spells them. */
const GOVERNORATES: Record<string, string> = {
  '01': 'Al-Hasakah', '02': 'Latakia', '03': 'Quneitra', '04': 'Raqqa', '05': 'As-Suwayda', '06': 'Daraa', '07': 'Deir ez-Zor',
  '08': 'Rif Dimashq', '09': 'Aleppo', '10': 'Hama', '11': 'Homs', '12': 'Idlib', '13': 'Damascus', '14': 'Tartus',
};

let nextId = 1;
/** A Syrian place; admin1 by code, other fields overridable. */
function place(name: string, admin1: string, fields: Partial<GazetteerEntry> = {}): GazetteerEntry {
  return {
    id: `t:${String(nextId++).padStart(4, '0')}`,
    name,
    asciiName: name,
    alternateNames: [],
    lat: 35,
    lon: 37,
    featureClass: 'P',
    featureCode: 'PPL',
    countryCode: 'SY',
    admin1Code: admin1,
    admin1Name: GOVERNORATES[admin1] ?? null,
    admin2Code: null,
    admin2Name: null,
    population: 0,
    ...fields,
  };
}

const ids = (g: Gazetteer, name: string, opts = {}) => g.lookup(name, opts).map((c) => c.entry.id);

describe('lookup ranking', () => {
  const fixture = new Gazetteer(readGeoNamesDir(FIXTURE).entries);

  test('two places of one name in different governorates: the hinted one wins', () => {
    // Without a hint the larger village (Homs) comes first.
    assert.deepEqual(ids(fixture, 'al-Mushayrifa'), ['geonames:9000004', 'geonames:9000003']);
    const hints: [string, string][] = [
      ['Idleb', 'geonames:9000003'],
      ['southern Idlib countryside', 'geonames:9000003'],
      ['Homs', 'geonames:9000004'],
      ['Hims province', 'geonames:9000004'],
      // A district where a governorate was expected.
      ['Maarrat al-Numan countryside', 'geonames:9000003'],
    ];
    for (const [admin1, best] of hints) {
      assert.equal(fixture.lookup('al-Mushayrifa', { admin1 })[0].entry.id, best, `admin1 hint ${admin1}`);
    }
    assert.equal(fixture.lookup('Mushayrifah', { admin2: "Ma'arrat an-Nu'man" })[0].entry.id, 'geonames:9000003');
  });

  test('a hint that names no known area changes nothing', () => {
    assert.deepEqual(ids(fixture, 'al-Mushayrifa', { admin1: 'northern Syria' }), ids(fixture, 'al-Mushayrifa'));
  });

  test('an exact spelling beats a key-only match; exact is reported', () => {
    const g = new Gazetteer([place('Saraqeb', '12', { population: 5000 }), place('Saraqib', '12')]);
    const found = g.lookup('Saraqib');
    assert.deepEqual(found.map((c) => [c.entry.name, c.exact]), [['Saraqib', true], ['Saraqeb', false]]);
    assert.ok(found[0].score > found[1].score);
  });

  test('a leading article does not stop an exact match', () => {
    const g = new Gazetteer([place('Al Sahara', '09')]);
    assert.equal(g.lookup('al-Sahara')[0]?.exact, true);
    assert.equal(g.lookup('Sahara')[0]?.exact, true);
  });

  test('a place named with "The" is found without it ("a Bronx apartment"); the article stays in its name', () => {
    const g = new Gazetteer([place('The Narrows', '09')]);
    const found = g.lookup('Narrows');
    assert.deepEqual(found.map((c) => c.entry.name), ['The Narrows']);
    assert.deepEqual(g.lookup('The Narrows').map((c) => c.entry.name), ['The Narrows']);
    assert.deepEqual(new Gazetteer([place('Theodore', '09')]).lookup('odore'), [], 'only a whole word "The" is an article');
  });

  test('the closest vowelled spelling wins among key-only matches', () => {
    const g = new Gazetteer([place('Dar Kabir', '09'), place('Dar al Kabirah', '11')]);
    assert.equal(g.lookup('al-Dar al-Kabira')[0].entry.name, 'Dar al Kabirah');
  });

  test('populated places beat admin areas and spots of the same name', () => {
    const g = new Gazetteer([
      place('Idlib', '12', { featureClass: 'A', featureCode: 'ADM1' }),
      place('Idlib', '12', { featureClass: 'S', featureCode: 'HSP' }),
      place('Idlib', '12', { featureCode: 'PPLA' }),
    ]);
    assert.deepEqual(g.lookup('Idlib').map((c) => c.entry.featureClass), ['P', 'A', 'S']);
  });

  test('population (four points per power of ten) outweighs a seat rank; then id breaks ties', () => {
    const a = place('Duma', '08', { id: 't:b', population: 100 });
    const b = place('Duma', '10', { id: 't:a', population: 100 });
    const c = place('Duma', '05', { id: 't:c', population: 50000 });
    const d = place('Duma', '09', { id: 't:d', featureCode: 'PPLA2' });
    // A town of 50,000 before a district seat of unknown size: in a world gazetteer the large
    // town is what a report means; the seat ties with the two towns of 100 and comes last by id.
    const expected = ['t:c', 't:a', 't:b', 't:d'];
    assert.deepEqual(ids(new Gazetteer([a, b, c, d]), 'Douma'), expected);
    assert.deepEqual(ids(new Gazetteer([d, c, b, a]), 'Douma'), expected);
    // A city of 90,000 before a county seat of 3,000 that shares its name.
    const city = place('Duma', '05', { id: 't:city', population: 90000 });
    const seat = place('Duma', '09', { id: 't:seat', population: 3000, featureCode: 'PPLA2' });
    assert.deepEqual(ids(new Gazetteer([seat, city]), 'Duma'), ['t:city', 't:seat']);
  });

  test('near favours the candidate closest to the point', () => {
    const g = new Gazetteer([place('Tell Abyad', '04', { lat: 36.7, lon: 38.95 }), place('Tal Abyad', '09', { lat: 36.2, lon: 37.1 })]);
    assert.equal(g.lookup('Tal Abyad', { near: { lat: 36.65, lon: 38.9 } })[0].entry.admin1Code, '04');
    assert.equal(g.lookup('Tell Abyad', { near: { lat: 36.25, lon: 37.2 } })[0].entry.admin1Code, '09');
  });

  test('limit cuts the list', () => {
    assert.equal(fixture.lookup('Mushayrifah', { limit: 1 }).length, 1);
  });

  test('names with short keys need their vowels to agree (no false friends)', () => {
    const g = new Gazetteer([place('Homa', '10'), place('Hamah', '10', { alternateNames: ['Hama'] }), place('Bab', '09')]);
    assert.deepEqual(g.lookup('Hama').map((c) => c.entry.name), ['Hamah']);
    assert.deepEqual(g.lookup('Hameh').map((c) => c.entry.name), ['Hamah']);
    assert.deepEqual(g.lookup('Bub'), []);
  });

  test('an article fused to the name is tried when nothing else matches', () => {
    const g = new Gazetteer([place('Al Qamishli', '01')]);
    assert.equal(g.lookup('Alqamishli')[0]?.entry.name, 'Al Qamishli');
  });

  test('only Latin-script names are indexed', () => {
    const g = new Gazetteer([place('Saraqib', '12', { alternateNames: ['سراقب', 'Сараки'] })]);
    assert.deepEqual(g.lookup('سراقب'), []);
    assert.deepEqual(g.lookup('Сараки'), []);
  });

  test('an unknown or empty name has no candidates', () => {
    assert.deepEqual(fixture.lookup('Atlantis'), []);
    assert.deepEqual(fixture.lookup(' - '), []);
  });
});

describe('transliteration tolerance in lookup', () => {
  // Gazetteer spellings in the GeoNames/BGN style, typed for this test.
  const entries = [
    place('Sarāqib', '12', { asciiName: 'Saraqib' }),
    place('Jibala', '12'),
    place('Kafr Nabl', '12'),
    place('Ma`arrat an Nu`man', '12'),
    place('Jisr ash Shughūr', '12', { asciiName: 'Jisr ash Shughur' }),
    place('Khān Shaykhūn', '12', { asciiName: 'Khan Shaykhun' }),
    place('Deir ez-Zor', '07'),
    place('Al Qamishli', '01'),
    place('Saharah', '09'),
  ];
  const g = new Gazetteer(entries);
  const cases: [string, string][] = [
    ['Saraqib', 'Sarāqib'], ['Saraqeb', 'Sarāqib'],
    ['Jabbala', 'Jibala'], ['Jabala', 'Jibala'],
    ['Kafranbel', 'Kafr Nabl'], ['Kafr Nabl', 'Kafr Nabl'],
    ["Maarrat al-Nu'man", 'Ma`arrat an Nu`man'], ['Maarat al-Numan', 'Ma`arrat an Nu`man'], ["Ma'arrat an-Nu'man", 'Ma`arrat an Nu`man'],
    ['Jisr al-Shughur', 'Jisr ash Shughūr'], ['Jisr ash-Shughur', 'Jisr ash Shughūr'],
    ['Khan Sheikhoun', 'Khān Shaykhūn'], ['Khan Shaykhun', 'Khān Shaykhūn'],
    ['Deir ez-Zor', 'Deir ez-Zor'], ['Deir Ezzor', 'Deir ez-Zor'],
    ['Qamishli', 'Al Qamishli'], ['Qamishlo', 'Al Qamishli'], ['Al-Qamishli', 'Al Qamishli'],
    ['al-Sahara', 'Saharah'], ['Al Sahara', 'Saharah'],
  ];
  for (const [query, expected] of cases) {
    test(`${query} → ${expected}`, () => {
      assert.equal(g.lookup(query)[0]?.entry.name, expected);
    });
  }
});

describe('resolveAdmin1', () => {
  // One place per governorate, named as GeoNames names the governorate.
  const g = new Gazetteer(Object.keys(GOVERNORATES).map((code) => place(`Town ${code}`, code)));
  const spellings: [string, string | null][] = [
    ['Idlib', 'Idlib'], ['Idleb', 'Idlib'], ['Edlib province', 'Idlib'], ["Idlib's southern countryside", 'Idlib'],
    ['Aleppo', 'Aleppo'], ['western Aleppo countryside', 'Aleppo'], ['Halab', 'Aleppo'],
    ['Damascus countryside', 'Rif Dimashq'], ['Rural Damascus', 'Rif Dimashq'], ['Rif Dimashq', 'Rif Dimashq'],
    ['Reef Damascus', 'Rif Dimashq'], ['the countryside of Damascus', 'Rif Dimashq'], ['eastern Damascus countryside', 'Rif Dimashq'],
    ['Damascus', 'Damascus'], ['Damascus city', 'Damascus'],
    ['Sweida', 'As-Suwayda'], ['Suwayda', 'As-Suwayda'], ['As-Suwayda governorate', 'As-Suwayda'],
    ['Deir Ezzor', 'Deir ez-Zor'], ['Deir al-Zour', 'Deir ez-Zor'], ['Dayr az Zawr', 'Deir ez-Zor'],
    ['Hasaka', 'Al-Hasakah'], ['Hasakah', 'Al-Hasakah'], ['Hassakeh', 'Al-Hasakah'],
    ['Raqqa', 'Raqqa'], ['Raqqah', 'Raqqa'], ['Ar-Raqqa province', 'Raqqa'],
    ['Lattakia', 'Latakia'], ['Latakia', 'Latakia'],
    ['Tartous', 'Tartus'], ['Tartus', 'Tartus'],
    ['Deraa', 'Daraa'], ["Dar'a", 'Daraa'], ['Daraa', 'Daraa'],
    ['Hama', 'Hama'], ['Hamah', 'Hama'], ['northern Hama countryside', 'Hama'],
    ['Homs', 'Homs'], ['Hims', 'Homs'],
    ['Quneitra', 'Quneitra'],
    ['SY.12', 'Idlib'],
    ['Syria', null], ['northwestern Syria', null], ['Atlantis', null], ['', null],
  ];
  for (const [text, expected] of spellings) {
    test(`${JSON.stringify(text)} → ${expected}`, () => {
      assert.equal(g.resolveAdmin1(text)?.name ?? null, expected);
    });
  }

  test('an area carries its full code, level and country', () => {
    const idlib = g.resolveAdmin1('Idleb');
    assert.deepEqual(idlib && { ...idlib, lat: 0, lon: 0 }, {
      level: 1, name: 'Idlib', code: 'SY.12', countryCode: 'SY', admin1Name: 'Idlib', lat: 0, lon: 0, memberCount: 1,
    });
  });
});

describe('admin centroids, resolveAdmin2, admin1Of', () => {
  const fixture = new Gazetteer(readGeoNamesDir(FIXTURE).entries);

  test('the ADM1 feature gives the centroid when the gazetteer has one', () => {
    const idlib = fixture.resolveAdmin1('Idlib');
    assert.deepEqual([idlib?.lat, idlib?.lon], [35.75, 36.6]);
  });

  test('otherwise the centroid is the mean of the member places', () => {
    const homs = fixture.resolveAdmin1('Homs');
    assert.ok(homs);
    assert.ok(Math.abs(homs.lat - (34.7308 + 34.7021) / 2) < 1e-9);
    assert.ok(Math.abs(homs.lon - (36.7094 + 36.6007) / 2) < 1e-9);
    assert.equal(homs.memberCount, 2);
  });

  const districts: [string, string | null, string | null][] = [
    ['Maarrat al-Numan district', null, 'SY.12.MN'],
    ["Al Ma'ra", null, 'SY.12.MN'],
    ['Idlib', null, 'SY.12.ID'],
    ['Ariha district', 'Idlib', 'SY.12.AR'],
    ['Homs', 'Homs', 'SY.11.HI'],
    ['Homs', 'Idlib', null],
    ['Saraqib district', null, null],
    ['SY.12.MN', null, 'SY.12.MN'],
  ];
  for (const [text, admin1, code] of districts) {
    test(`resolveAdmin2(${JSON.stringify(text)}, ${JSON.stringify(admin1)}) → ${code}`, () => {
      assert.equal(fixture.resolveAdmin2(text, admin1)?.code ?? null, code);
    });
  }

  test("a district carries its governorate's name; a mountain range is no district", () => {
    assert.equal(fixture.resolveAdmin2('Ariha')?.admin1Name, 'Idlib');
    assert.equal(fixture.resolveAdmin2('Jabal al-Zawiya'), null);
  });

  test('admin1Of and admin2Of, byId, size and the area lists', () => {
    const kafrNabl = fixture.byId('geonames:9000009');
    assert.ok(kafrNabl);
    assert.equal(fixture.admin1Of(kafrNabl)?.name, 'Idlib');
    assert.equal(fixture.admin2Of(kafrNabl)?.name, "Al Ma'ra");
    assert.equal(fixture.size, 9);
    assert.equal(fixture.byId('geonames:1'), null);
    assert.deepEqual(fixture.listAdmin1().map((a) => a.code), ['SY.11', 'SY.12']);
    assert.deepEqual(fixture.listAdmin2().map((a) => a.code), ['SY.11.HI', 'SY.12.AR', 'SY.12.ID', 'SY.12.MN']);
  });

  test('an entry without an admin1 code has no areas', () => {
    const g = new Gazetteer([place('Nowhere', '', { admin1Code: null })]);
    assert.equal(g.admin1Of(g.entries[0]), null);
    assert.equal(g.admin2Of(g.entries[0]), null);
  });
});

describe('distanceKm', () => {
  test('one degree of latitude is 111.195 km on the mean-radius sphere', () => {
    assert.ok(Math.abs(distanceKm({ lat: 35, lon: 36 }, { lat: 36, lon: 36 }) - 111.195) < 0.001);
  });
  test('is symmetric and zero for one point', () => {
    const damascus = { lat: 33.5138, lon: 36.2765 };
    const aleppo = { lat: 36.2021, lon: 37.1343 };
    assert.equal(distanceKm(damascus, damascus), 0);
    assert.equal(distanceKm(damascus, aleppo), distanceKm(aleppo, damascus));
    assert.ok(Math.abs(distanceKm(damascus, aleppo) - 309.5) < 1.5);
  });
});
