/**
 * The GeoJSON export: one Point per placed incident with [lon, lat], flat properties with the
 * same keys on every feature, unstated counts null rather than 0.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { toGeoJson } from '../../src/export/geojson.ts';
import { makeClaim, makeIncident, makePlace, range } from '../storage/domain-fixtures.ts';

const PROPERTY_KEYS = [
  'id',
  'event_type',
  'sub_event_type',
  'date_start',
  'date_end',
  'date_precision',
  'location',
  'admin1',
  'admin2',
  'geo_precision',
  'perpetrators',
  'killed_best',
  'killed_min',
  'killed_max',
  'civilians_killed',
  'children_killed',
  'women_killed',
  'fighters_killed',
  'injured_best',
  'claimants',
  'documents',
  'review_status',
  'reviewed_by',
  'reviewed_at',
  'previous_ids',
];

describe('GeoJSON', () => {
  test('a FeatureCollection with one feature per incident, in input order: a Point where it has coordinates, geometry null where not (RFC 7946 §3.2)', () => {
    const out = toGeoJson({
      incidents: [
        makeIncident({ id: 'placed-1' }),
        makeIncident({ id: 'no-location', location: null, places: [] }),
        makeIncident({ id: 'no-coordinates', location: makePlace({ name: 'Idlib', lat: null, lon: null, precision: 'admin1' }) }),
        makeIncident({ id: 'placed-2', location: makePlace({ name: 'Binnish', lat: 35.95, lon: 36.71 }) }),
      ],
    });
    assert.equal(out.type, 'FeatureCollection');
    assert.deepEqual(
      out.features.map((f) => [f.id, f.geometry?.type ?? null, f.geometry?.coordinates ?? null]),
      [
        ['placed-1', 'Point', [36.80591, 35.86447]],
        ['no-location', null, null],
        ['no-coordinates', null, null],
        ['placed-2', 'Point', [36.71, 35.95]],
      ],
    );
  });

  test('an incident of unknown date is a feature like any other, its date properties null', () => {
    const out = toGeoJson({ incidents: [makeIncident({ id: 'dated' }), makeIncident({ id: 'undated', date: { start: null, end: null, precision: 'unknown' } })] });
    assert.deepEqual(out.features.map((f) => f.id), ['dated', 'undated']);
    const [dated, undated] = out.features.map((f) => f.properties);
    assert.deepEqual([undated.date_start, undated.date_end, undated.date_precision], [null, null, 'unknown']);
    assert.deepEqual(Object.keys(undated), PROPERTY_KEYS, 'the same keys as every feature');
    assert.deepEqual({ ...undated, id: 'x', date_start: null, date_end: null, date_precision: 'unknown' }, { ...dated, id: 'x', date_start: null, date_end: null, date_precision: 'unknown' });
  });

  test('coordinates at 0 are kept (only null means unplaced)', () => {
    const out = toGeoJson({ incidents: [makeIncident({ location: makePlace({ lat: 0, lon: 0 }) })] });
    assert.deepEqual(out.features[0].geometry?.coordinates, [0, 0]);
  });

  test('flat properties for a full incident', () => {
    const incident = makeIncident({
      id: 'inc-1',
      perpetrators: ['russia', 'syrian-government'],
      claims: [makeClaim(), makeClaim({ claimant: 'white-helmets' }), makeClaim({ claimant: 'sohr', document: 'doc-3' })],
      documents: ['doc-1', 'doc-3'],
      previousIds: ['inc-0a', 'inc-0b'],
    });
    const [feature] = toGeoJson({ incidents: [incident] }).features;
    assert.equal(feature.type, 'Feature');
    assert.deepEqual(feature.properties, {
      id: 'inc-1',
      event_type: 'air_strike',
      sub_event_type: 'Air/drone strike',
      date_start: '2019-11-05',
      date_end: '2019-11-05',
      date_precision: 'day',
      location: 'Saraqib',
      admin1: 'Idlib',
      admin2: 'Idlib District',
      geo_precision: 'locality',
      perpetrators: 'russia,syrian-government',
      killed_best: 7,
      killed_min: 7,
      killed_max: 8,
      civilians_killed: 7,
      children_killed: 1,
      women_killed: null,
      fighters_killed: null,
      injured_best: 20,
      claimants: 'sohr,white-helmets',
      documents: 'doc-1,doc-3',
      review_status: 'unreviewed',
      reviewed_by: null,
      reviewed_at: null,
      previous_ids: 'inc-0a,inc-0b',
    });
    for (const value of Object.values(feature.properties)) {
      assert.ok(value === null || ['string', 'number'].includes(typeof value), 'properties are flat');
    }
  });

  test('unstated counts are null, never 0; every feature has the same keys', () => {
    const out = toGeoJson({
      incidents: [makeIncident({ killed: {}, injured: {}, claims: [] }), makeIncident({ id: 'b', killed: { fighters: range(4) } })],
    });
    const [none, fighters] = out.features.map((f) => f.properties);
    assert.deepEqual(
      [none.killed_best, none.killed_min, none.killed_max, none.civilians_killed, none.injured_best, none.claimants],
      [null, null, null, null, null, ''],
    );
    assert.deepEqual([fighters.killed_best, fighters.fighters_killed, fighters.civilians_killed], [4, 4, null]);
    for (const f of out.features) assert.deepEqual(Object.keys(f.properties), PROPERTY_KEYS);
  });

  test('no incidents → an empty FeatureCollection', () => {
    assert.deepEqual(toGeoJson({ incidents: [] }), { type: 'FeatureCollection', features: [] });
  });
});
