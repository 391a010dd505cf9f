import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { GoldFileError, parseGoldFile } from '../../src/eval/gold-file.ts';

/** A small valid gold file in the JSON shape annotators write. */
function validGold(): Record<string, any> {
  return {
    format: 'incident-gold/1',
    about: 'Test annotation.',
    documents: [{ id: 'a1', outlet: 'Wire', url: null, published: '2020-02-11', language: 'en' }],
    incidents: [
      {
        id: 'G1',
        event_type: 'air_strike',
        date: { start: '2020-02-11', end: '2020-02-11' },
        places: ['Kafr Hamra'],
        admin1: 'Idlib',
        location_note: 'a village west of the city',
        perpetrators: ['russia'],
        killed: { total: { min: 4, max: 4 }, civilians: { min: 4, max: 4 } },
        claimants: ['white-helmets'],
        mentions: [{ doc: 'a1', quote: 'Warplanes struck the town of Kafr Hamra.' }],
        coords: { 'Kafr Hamra': { lat: 35.0, lon: 36.0 } },
        perpetrator_claims: [{ perpetrator: 'russia', claimant: 'sohr' }],
      },
      {
        id: 'G2',
        optional: true,
        event_type: 'shelling',
        date: { start: '2020-02-10', end: '2020-02-11' },
        places: [],
        admin1: 'Idlib',
        perpetrators: [],
        claimants: [],
        mentions: [{ doc: 'a1', quote: 'Shells fell on the countryside.', optional: true }],
      },
    ],
    tallies: [
      { id: 'T1', doc: 'a1', claimant: null, period: { start: '2020-02-01', end: '2020-02-11' }, area: 'Idlib', killed: { civilians: 30 }, qualifier: 'more than', quote: 'Thirty civilians died this month.' },
    ],
  };
}

describe('parseGoldFile: valid input', () => {
  test('reads fields and fills defaults for absent optional ones', () => {
    const gold = parseGoldFile(validGold(), 'gold.json');
    assert.equal(gold.incidents.length, 2);
    const [g1, g2] = gold.incidents;
    assert.deepEqual(g1.killed, { total: { min: 4, max: 4 }, civilians: { min: 4, max: 4 } });
    assert.deepEqual(g1.injured, {});
    assert.equal(g1.optional, false);
    assert.deepEqual(g1.coords, { 'Kafr Hamra': { lat: 35.0, lon: 36.0 } });
    assert.equal(g2.optional, true);
    assert.equal(g2.mentions[0].optional, true);
    assert.deepEqual(g2.coords, {});
    assert.deepEqual(gold.tallies[0].killed, { civilians: 30 });
    assert.equal(gold.tallies[0].qualifier, 'more than');
  });
});

/** [case, how to break the file, path named in the error, words in the message] */
const INVALID: [string, (g: Record<string, any>) => void, string, RegExp][] = [
  ['wrong format', (g) => (g.format = 'incidents/1'), 'format', /expected "incident-gold\/1", got "incidents\/1"/],
  ['incidents missing', (g) => delete g.incidents, 'incidents', /expected an array, got nothing/],
  ['bad event type', (g) => (g.incidents[0].event_type = 'airstrike'), 'incidents[0].event_type', /one of air_strike, shelling/],
  ['impossible date', (g) => (g.incidents[0].date.start = '2020-02-30'), 'incidents[0].date.start', /ISO date YYYY-MM-DD, got "2020-02-30"/],
  ['date range reversed', (g) => (g.incidents[1].date = { start: '2020-02-12', end: '2020-02-11' }), 'incidents[1].date', /start 2020-02-12 is after end 2020-02-11/],
  ['count as a string', (g) => (g.incidents[0].killed.total.min = '4'), 'incidents[0].killed.total.min', /whole number ≥ 0, got "4"/],
  ['min above max', (g) => (g.incidents[0].killed.total = { min: 5, max: 4 }), 'incidents[0].killed.total', /min 5 is greater than max 4/],
  ['unknown count category', (g) => (g.incidents[0].killed.civillians = { min: 1, max: 1 }), 'incidents[0].killed.civillians', /unknown count category/],
  ['no mentions', (g) => (g.incidents[0].mentions = []), 'incidents[0].mentions', /at least one mention/],
  ['mention without quote', (g) => delete g.incidents[0].mentions[0].quote, 'incidents[0].mentions[0].quote', /non-empty string/],
  ['mention of an undeclared document', (g) => (g.incidents[0].mentions[0].doc = 'zz'), 'incidents[0].mentions[0].doc', /"zz" is not in documents/],
  ['coords key not among places', (g) => (g.incidents[0].coords = { 'Kafr Hamraa': { lat: 35, lon: 36 } }), 'incidents[0].coords["Kafr Hamraa"]', /not listed in places/],
  ['latitude out of range', (g) => (g.incidents[0].coords['Kafr Hamra'].lat = 135), 'incidents[0].coords["Kafr Hamra"].lat', /outside -90..90/],
  ['duplicate incident id', (g) => (g.incidents[1].id = 'G1'), 'incidents[1].id', /duplicate id "G1" \(also at incidents\[0\]\)/],
  ['tally count not a number', (g) => (g.tallies[0].killed.civilians = null), 'tallies[0].killed.civilians', /whole number/],
  ['perpetrators not a list', (g) => (g.incidents[0].perpetrators = 'russia'), 'incidents[0].perpetrators', /expected an array/],
];

describe('parseGoldFile: errors name the JSON path', () => {
  for (const [name, breakIt, path, message] of INVALID) {
    test(name, () => {
      const gold = validGold();
      breakIt(gold);
      assert.throws(
        () => parseGoldFile(gold, 'corpus/gold.json'),
        (err: unknown) => {
          assert.ok(err instanceof GoldFileError);
          assert.equal(err.where, 'corpus/gold.json');
          const problem = err.problems.find((p) => p.path === path);
          assert.ok(problem, `no problem at ${path}; got ${JSON.stringify(err.problems)}`);
          assert.match(problem.message, message);
          assert.match(err.message, /^corpus\/gold\.json: not a valid gold file/);
          assert.ok(err.message.includes(path));
          return true;
        },
      );
    });
  }

  test('every problem is reported at once', () => {
    const gold = validGold();
    gold.incidents[0].event_type = 'raid';
    gold.incidents[1].date.end = 'yesterday';
    assert.throws(
      () => parseGoldFile(gold, 'g.json'),
      (err: unknown) => err instanceof GoldFileError && err.problems.map((p) => p.path).join(' ') === 'incidents[0].event_type incidents[1].date.end',
    );
  });

  test('a non-object is rejected at the root', () => {
    assert.throws(() => parseGoldFile([1, 2], 'g.json'), /g\.json: not a valid gold file .*\n {2}\(root\): expected an object, got an array of 2/);
  });
});
