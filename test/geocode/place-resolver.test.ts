/**
 * PlaceResolver over the world gazetteer: admin-1 names of many countries (US states by name,
 * possessive and postal code), isPlace refusing common English words without country context,
 * and resolve with a document's country context: the document's country first, a same-named place
 * abroad only with evidence by the mention, passed-over candidates recorded with the reason. A
 * hand-made gazetteer makes the US-city-versus-Syrian-village case exact.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { GazetteerEntry } from '../../src/domain/gazetteer-entry.ts';
import type { GeoContext } from '../../src/domain/geo.ts';
import type { PlaceMention } from '../../src/domain/types.ts';
import { Gazetteer } from '../../src/pipeline/geocode/gazetteer.ts';
import { PlaceResolver, type ResolveOptions } from '../../src/pipeline/geocode/place-resolver.ts';
import { embeddedDefault } from '../../src/services/gazetteer-service.ts';

const { gazetteer, resolver } = embeddedDefault();

function mention(name: string, adminHint: string | null = null): PlaceMention {
  return { name, role: 'event', adminHint, prov: { rule: 'test', span: { start: 0, end: name.length }, text: name } };
}

const US: GeoContext = { countries: ['US'] };
const SY: GeoContext = { countries: ['SY'] };

describe('admin-1 names of the world', () => {
  const cases: [string, string | null, GeoContext | undefined][] = [
    // [text, admin-1 name, context]
    ['Ohio', 'Ohio', undefined],
    ['OH', 'Ohio', undefined],
    ["Ohio's", 'Ohio', undefined],
    ['northern Ohio', 'Ohio', undefined],
    ['Texas', 'Texas', undefined],
    ['TX', 'Texas', undefined],
    ['Calif.', 'California', undefined],
    ['N.Y.', 'New York', undefined],
    ['West Virginia', 'West Virginia', undefined],
    ['W.Va.', 'West Virginia', undefined],
    ['Virginia', 'Virginia', undefined],
    ['South Carolina', 'South Carolina', undefined],
    ['North Dakota', 'North Dakota', undefined],
    ['Ontario', 'Ontario', undefined],
    ['Ont.', 'Ontario', undefined],
    ['BC', 'British Columbia', undefined],
    ['Quebec', 'Quebec', undefined],
    ['Scotland', 'Scotland', undefined],
    ['Northern Ireland', 'Northern Ireland', undefined],
    ['Wales', 'Wales', undefined],
    ['Maharashtra', 'Maharashtra', undefined],
    ['Orissa', 'Odisha', undefined],
    ['Khyber Pakhtunkhwa', 'Khyber Pakhtunkhwa', undefined],
    ['KPK', 'Khyber Pakhtunkhwa', undefined],
    ['Balochistan', 'Balochistan', undefined],
    ['Borno State', 'Borno State', undefined],
    ['Borno', 'Borno State', undefined],
    ['Punjab', 'Punjab', { countries: ['IN'] }],
    ['Idleb', 'Idlib', undefined],
    ['Rural Damascus', 'Rif Dimashq', undefined],
    ['Damascus countryside', 'Rif Dimashq', undefined],
    ['Salahuddin', 'Salah ad Din', undefined],
    // Not admin-1 names: lower-case postal codes are words, the Arabic article is no state,
    // a direction or a common word alone names no province, "Ireland" is not Northern Ireland.
    ['in', null, undefined],
    ['al', null, undefined],
    ['Al', null, undefined],
    ['oh', null, undefined],
    ['Eastern', null, undefined],
    ['Central', null, undefined],
    ['Delta', null, undefined],
    ['Ireland', null, undefined],
    ['Al-Busayrah', null, undefined],
  ];
  for (const [text, expected, context] of cases) {
    test(`admin1Name(${JSON.stringify(text)}${context ? `, ${context.countries}` : ''}) is ${expected}`, () => {
      assert.equal(resolver.admin1Name(text, context), expected);
    });
  }

  test('a shared admin-1 name goes to the context country', () => {
    assert.equal(resolver.admin1Area('Punjab', { countries: ['IN'] })?.code, 'IN.23');
    assert.equal(resolver.admin1Area('Punjab', { countries: ['PK'] })?.code, 'PK.04');
  });

  test('a generic admin-1 name needs its kind, then the context picks the country', () => {
    assert.equal(resolver.admin1Area('Eastern'), null);
    assert.equal(resolver.admin1Area('Eastern Province', { countries: ['SA'] })?.code, 'SA.06');
    assert.equal(resolver.admin1Area('Delta State')?.code, 'NG.36');
  });

  test('every US state and DC has its name and postal code', () => {
    const states = gazetteer.listAdmin1().filter((a) => a.countryCode === 'US');
    assert.equal(states.length, 51);
    for (const s of states) {
      const postal = s.code.slice(3);
      assert.equal(gazetteer.resolveAdmin1(s.name)?.code, s.code, s.name);
      assert.equal(gazetteer.resolveAdmin1(postal)?.code, s.code, postal);
    }
  });
});

describe('isPlace', () => {
  const cases: [string, GeoContext | undefined, boolean][] = [
    // Common English words that are towns somewhere are not places on their spelling alone…
    ['Police', undefined, false],
    ['Mobile', undefined, false],
    ['Reading', undefined, false],
    ['Independence', undefined, false],
    ['Bath', undefined, false],
    ['Enterprise', undefined, false],
    // …but are in a country that has them.
    ['Mobile', US, true],
    ['Independence', US, true],
    ['Reading', { countries: ['GB'] }, true],
    ['Police', US, false],
    // Lower-case is never a place; an article-led name may be.
    ['dayton', undefined, false],
    ['al-Bab', undefined, true],
    // Names that are not words.
    ['Dayton', undefined, true],
    ['Saraqib', undefined, true],
    ['Bismarck', US, true],
    // With a context, a place known only abroad needs to be a capital or large.
    ['Nairobi', US, true],
    ['Saraqib', US, false],
    ['Saraqib', SY, true],
  ];
  for (const [name, context, expected] of cases) {
    test(`isPlace(${name}${context ? `, ${context.countries}` : ''}) is ${expected}`, () => {
      assert.equal(resolver.isPlace(name, context), expected);
    });
  }
});

describe('resolve with a country context', () => {
  const cases: [string, string, string | null, ResolveOptions, string | null, string | null][] = [
    // [what, name, admin-1 hint, options, expected country, expected admin-1]
    ['the named state picks the town', 'Springfield', 'Illinois', { context: US }, 'US', 'Illinois'],
    ['the other state picks the other town', 'Springfield', 'Massachusetts', { context: US }, 'US', 'Massachusetts'],
    ['a postal code as hint', 'Springfield', 'MA', { context: US }, 'US', 'Massachusetts'],
    ['a US document keeps Bangor in the US', 'Bangor', null, { context: US }, 'US', 'Maine'],
    ['a British document keeps Bangor in the UK', 'Bangor', null, { context: { countries: ['GB'] } }, 'GB', null],
    ['a Syrian document keeps Damascus in Syria', 'Damascus', null, { context: SY }, 'SY', 'Damascus'],
    ['a US document with the state places Damascus in Oregon', 'Damascus', 'Oregon', { context: US }, 'US', 'Oregon'],
    ['a country named by the mention overrides the document', 'Damascus', null, { context: US, nearbyNames: ['Syria'] }, 'SY', 'Damascus'],
    ['a state named by the mention picks the town', 'Springfield', null, { context: US, nearbyNames: ['Mass.'] }, 'US', 'Massachusetts'],
    ['a world city abroad is still taken', 'Nairobi', null, { context: US }, 'KE', null],
  ];
  for (const [what, name, hint, options, country, admin1] of cases) {
    test(what, () => {
      const r = resolver.resolve(mention(name), hint, undefined, true, options);
      assert.ok(r, `${name} resolved`);
      assert.equal(resolver.countryOf(r), country);
      if (admin1) assert.equal(r.admin1, admin1);
      assert.equal(r.precision, 'locality');
    });
  }

  test('candidates passed over are recorded with the reason', () => {
    const r = resolver.resolve(mention('Damascus'), null, undefined, true, { context: US });
    assert.equal(resolver.countryOf(r!), 'US');
    const syria = r!.rejected?.find((x) => x.countryCode === 'SY');
    assert.deepEqual(syria && [syria.reason, syria.admin1], ['other-country', 'Damascus']);
    const springfield = resolver.resolve(mention('Springfield'), null, undefined, true, { context: US, nearbyNames: ['Ill.'] });
    assert.equal(springfield?.admin1, 'Illinois');
    assert.ok(springfield?.rejected?.some((x) => x.admin1 === 'Massachusetts' && x.reason === 'outside-stated-admin1'));
  });

  test('a place only abroad, not a world city, is refused with its reasons', () => {
    const { place, rejected } = resolver.resolveWithReasons(mention('Saraqib'), null, undefined, true, { context: US });
    assert.equal(place, null);
    assert.deepEqual(rejected.map((x) => [x.countryCode, x.reason]), [['SY', 'other-country']]);
  });

  test('without options resolve answers as before (no rejected field)', () => {
    const r = resolver.resolve(mention('Saraqib'), null);
    assert.equal(resolver.countryOf(r!), 'SY');
    assert.equal(r!.rejected, undefined);
    const hinted = resolver.resolve(mention('Springfield'), 'Illinois');
    assert.deepEqual([hinted?.admin1, hinted?.rejected], ['Illinois', undefined]);
    // The stated governorate still refuses a same-named place elsewhere.
    assert.equal(resolver.resolve(mention('Saraqib'), 'Homs'), null);
  });

  test('a state named as a place resolves at admin-1 precision', () => {
    for (const [name, options] of [['Ohio', {}], ['Texas', { context: US }], ['OH', {}], ['Calif.', { context: US }]] as const) {
      const r = resolver.resolve(mention(name), null, undefined, true, options);
      assert.deepEqual([r?.precision, r?.gazetteerId?.replace(/^atc:/, '').slice(0, 3)], ['admin1', 'US.'], name);
    }
  });
});

describe('a US city against a same-named Syrian village (hand-made gazetteer)', () => {
  const entry = (id: string, country: string, admin1Code: string, admin1Name: string, population: number, lat: number, lon: number): GazetteerEntry => ({
    id,
    name: 'Palmyra',
    asciiName: 'Palmyra',
    alternateNames: [],
    lat,
    lon,
    featureClass: 'P',
    featureCode: 'PPL',
    countryCode: country,
    admin1Code,
    admin1Name,
    admin2Code: null,
    admin2Name: null,
    population,
  });
  const g = new Gazetteer([
    entry('t:us-pa', 'US', 'PA', 'Pennsylvania', 7000, 40.3, -76.6),
    entry('t:us-nj', 'US', 'NJ', 'New Jersey', 7400, 40.0, -75.0),
    entry('t:sy-homs', 'SY', '11', 'Homs', 60000, 34.55, 38.28),
  ]);
  const r = new PlaceResolver(g);
  const cases: [string, string | null, ResolveOptions, string][] = [
    ['US document, state named', 'Pennsylvania', { context: US }, 't:us-pa'],
    ['US document, other state named', 'N.J.', { context: US }, 't:us-nj'],
    ['US document, no state: the larger US town', null, { context: US }, 't:us-nj'],
    ['Syrian document: the Syrian town', null, { context: SY }, 't:sy-homs'],
    ['no context: the largest', null, {}, 't:sy-homs'],
  ];
  for (const [what, hint, options, id] of cases) {
    test(what, () => {
      assert.equal(r.resolve(mention('Palmyra'), hint, undefined, true, options)?.gazetteerId, id);
    });
  }
});
