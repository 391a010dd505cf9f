import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { checkCandidate, datesOverlap, matchIncidents, nextDay, type MatchFailure, type PlaceMatchKind } from '../../src/eval/match-incidents.ts';
import type { GoldIncident } from '../../src/eval/gold-file.ts';
import type { ExportIncident } from '../../src/eval/incidents-export.ts';
import { goldIncident, systemIncident } from './eval-builders.ts';

const KAFR_HAMRA = { lat: 35.0, lon: 36.0 };

/** [case, gold overrides, system overrides, expected failure, expected place kind] */
const RULES: [string, Partial<GoldIncident>, Partial<ExportIncident>, MatchFailure | null, PlaceMatchKind | null][] = [
  ['same document, day and name', {}, {}, null, 'name'],
  ['document not shared → no match', {}, { documents: ['b7'], claims: [] }, 'document', null],
  ['a claim citing the document counts as citing it', {}, { documents: [] }, null, 'name'],
  ['day before the gold day → no match', {}, { date: { start: '2020-02-10', end: '2020-02-10', precision: 'day' } }, 'date', null],
  ['day after the gold day → no match', {}, { date: { start: '2020-02-12', end: '2020-02-12', precision: 'day' } }, 'date', null],
  ['precision reported may be the day after: gold 11th, system reported 12th', {}, { date: { start: '2020-02-12', end: '2020-02-12', precision: 'reported' } }, null, 'name'],
  ['precision reported, two days off → no match', {}, { date: { start: '2020-02-13', end: '2020-02-13', precision: 'reported' } }, 'date', null],
  ['precision reported the day before the event → no match', {}, { date: { start: '2020-02-10', end: '2020-02-10', precision: 'reported' } }, 'date', null],
  ['system range containing the gold day', {}, { date: { start: '2020-02-01', end: '2020-02-14', precision: 'range' } }, null, 'name'],
  ['gold range overlapping the system day', { date: { start: '2020-02-08', end: '2020-02-12' } }, {}, null, 'name'],
  ['system without a date → no match', {}, { date: null }, 'date', null],
  ['transliterated name (Saraqib = Saraqeb)', { places: ['Saraqib'] }, { location: { name: 'Saraqeb', lat: null, lon: null, admin1: 'Idlib', precision: 'locality' } }, null, 'name'],
  ['article and vowel variants (al-Sahara = Al Sahhara)', { places: ['al-Sahara'] }, { location: { name: 'Al Sahhara', lat: null, lon: null, admin1: 'Aleppo', precision: 'locality' } }, null, 'name'],
  [
    'any gold place against any system place',
    { places: ['Binnish', 'Kafr Hamra'] },
    { location: { name: 'Taftanaz', lat: null, lon: null, admin1: 'Idlib', precision: 'locality' }, places: [{ name: 'Kafr Hamra', lat: null, lon: null }] },
    null,
    'name',
  ],
  ['different name, no coordinates → no match', {}, { location: { name: 'Taftanaz', lat: null, lon: null, admin1: 'Idlib', precision: 'locality' } }, 'place', null],
  [
    'different name within 3 km of the gold point',
    { coords: { 'Kafr Hamra': KAFR_HAMRA } },
    { location: { name: 'Hamra farms', lat: 35.026, lon: 36.0, admin1: 'Idlib', precision: 'locality' } },
    null,
    'distance',
  ],
  [
    'different name 3.1 km away → no match',
    { coords: { 'Kafr Hamra': KAFR_HAMRA } },
    { location: { name: 'Hamra farms', lat: 35.028, lon: 36.0, admin1: 'Idlib', precision: 'locality' } },
    'place',
    null,
  ],
  [
    'no named place: same governorate, system without locality',
    { places: [], admin1: 'Idlib' },
    { location: { name: 'Idlib', lat: 35.8, lon: 36.6, admin1: 'Idlib', precision: 'admin1' } },
    null,
    'governorate',
  ],
  ['no named place: system with no location at all has no governorate', { places: [], admin1: 'Idlib' }, { location: null }, 'place', null],
  [
    'no named place: governorate up to transliteration (Al-Hasakah = Hasakeh)',
    { places: [], admin1: 'Al-Hasakah' },
    { location: { name: 'Hasakeh', lat: null, lon: null, admin1: 'Hasakeh', precision: 'admin1' } },
    null,
    'governorate',
  ],
  [
    'no named place: other governorate → no match',
    { places: [], admin1: 'Idlib' },
    { location: { name: 'Hama', lat: null, lon: null, admin1: 'Hama', precision: 'admin1' } },
    'place',
    null,
  ],
  [
    'no named place: system names a locality but the killed total agrees',
    { places: [], admin1: 'Idlib', killed: { total: { min: 4, max: 5 } } },
    { killed: { total: { best: 5 } } },
    null,
    'governorate',
  ],
  [
    'no named place: system names a locality and the killed total differs → no match',
    { places: [], admin1: 'Idlib', killed: { total: { min: 4, max: 5 } } },
    { killed: { total: { best: 9 } } },
    'place',
    null,
  ],
];

describe('checkCandidate: the matching rule', () => {
  for (const [name, g, s, failure, place] of RULES) {
    test(name, () => {
      const check = checkCandidate(goldIncident({ id: 'G1', ...g }), systemIncident({ id: 'S1', ...s }));
      assert.equal(check.failure, failure, check.detail);
      assert.equal(check.place, place);
      assert.equal(check.detail === '', failure === null);
    });
  }
});

describe('dates', () => {
  test('nextDay crosses month and leap day', () => {
    assert.equal(nextDay('2020-02-28'), '2020-02-29');
    assert.equal(nextDay('2020-02-29'), '2020-03-01');
    assert.equal(nextDay('2019-12-31'), '2020-01-01');
  });
  test('a reported date may be the day after the event, not the day before', () => {
    assert.equal(datesOverlap({ start: '2020-02-10', end: '2020-02-10' }, { start: '2020-02-11', end: '2020-02-11', precision: 'reported' }), true);
    assert.equal(datesOverlap({ start: '2020-02-12', end: '2020-02-12' }, { start: '2020-02-11', end: '2020-02-11', precision: 'reported' }), false);
  });
});

function pairsOf(gold: GoldIncident[], system: ExportIncident[]): string[] {
  return matchIncidents(gold, system)
    .pairs.map((p) => `${p.goldId}=${p.systemId}`)
    .sort();
}

describe('matchIncidents: one-to-one, best first', () => {
  test('the pair sharing more documents wins over id order', () => {
    const gold = [
      goldIncident({ id: 'G-A', mentions: [{ doc: 'a1', quote: 'q', optional: false }] }),
      goldIncident({ id: 'G-B', mentions: [{ doc: 'a1', quote: 'q', optional: false }, { doc: 'a2', quote: 'q', optional: false }] }),
    ];
    const system = [systemIncident({ id: 'S-1', documents: ['a1', 'a2'] }), systemIncident({ id: 'S-2', documents: ['a1'] })];
    assert.deepEqual(pairsOf(gold, system), ['G-A=S-2', 'G-B=S-1']);
  });

  test('an exact name beats a distance-only match', () => {
    const gold = [
      goldIncident({ id: 'G-A', places: ['Binnish'], coords: { Binnish: KAFR_HAMRA } }),
      goldIncident({ id: 'G-B', places: ['Taftanaz'] }),
    ];
    const system = [systemIncident({ id: 'S-1', location: { name: 'Taftanaz', lat: 35.01, lon: 36.0, admin1: 'Idlib', precision: 'locality' } })];
    assert.deepEqual(pairsOf(gold, system), ['G-B=S-1']);
  });

  test('more agreeing figures win when documents and place tie', () => {
    const gold = [
      goldIncident({ id: 'G-A', places: [], killed: { total: { min: 3, max: 3 } } }),
      goldIncident({ id: 'G-B', places: [], killed: { total: { min: 5, max: 5 } } }),
    ];
    const system = [systemIncident({ id: 'S-1', location: { name: 'Idlib', lat: null, lon: null, admin1: 'Idlib', precision: 'admin1' }, killed: { total: { best: 5 } } })];
    assert.deepEqual(pairsOf(gold, system), ['G-B=S-1']);
  });

  test('a required gold incident is preferred to an optional one on a full tie', () => {
    const gold = [goldIncident({ id: 'G-A', optional: true }), goldIncident({ id: 'G-B' })];
    assert.deepEqual(pairsOf(gold, [systemIncident({ id: 'S-1' })]), ['G-B=S-1']);
  });

  test('each incident is used once: a duplicate system incident stays unmatched', () => {
    const result = matchIncidents([goldIncident({ id: 'G-A' })], [systemIncident({ id: 'S-1' }), systemIncident({ id: 'S-2' })]);
    assert.deepEqual(result.pairs.map((p) => `${p.goldId}=${p.systemId}`), ['G-A=S-1']);
    assert.equal(result.checks.length, 2);
  });

  test('the result does not depend on input order', () => {
    const gold = [goldIncident({ id: 'G-A' }), goldIncident({ id: 'G-B', places: ['Binnish'] }), goldIncident({ id: 'G-C', places: [] })];
    const system = [
      systemIncident({ id: 'S-1' }),
      systemIncident({ id: 'S-2', location: { name: 'Binnish', lat: null, lon: null, admin1: 'Idlib', precision: 'locality' } }),
      systemIncident({ id: 'S-3', location: null, places: [{ name: 'Idlib', lat: null, lon: null, admin1: 'Idlib', precision: 'admin1' }] }),
      systemIncident({ id: 'S-4' }),
    ];
    const forward = pairsOf(gold, system);
    assert.deepEqual(forward, ['G-A=S-1', 'G-B=S-2', 'G-C=S-3']);
    assert.deepEqual(pairsOf([...gold].reverse(), [...system].reverse()), forward);
  });
});
