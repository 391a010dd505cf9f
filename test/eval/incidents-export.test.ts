import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { IncidentsExportError, parseIncidentsExport } from '../../src/eval/incidents-export.ts';

function validExport(): Record<string, any> {
  return {
    format: 'incidents/1',
    generated_at: '2026-01-01T00:00:00Z',
    documents: [{ id: 'a1' }],
    incidents: [
      {
        id: 'inc-1',
        event_type: 'air_strike',
        acled_sub_event_type: 'Air/drone strike',
        date: { start: '2020-02-11', end: '2020-02-11', precision: 'day' },
        location: { name: 'Kafr Hamra', gazetteer_id: 'g:1', lat: 35, lon: 36, admin1: 'Idlib', admin2: null, precision: 'locality' },
        places: [{ name: 'Kafr Hamra', lat: 35, lon: 36, admin1: 'Idlib', precision: 'locality' }],
        perpetrators: ['russia'],
        killed: { total: { best: 4, min: 4, max: 5 } },
        injured: {},
        targets: [],
        claims: [{ claimant: 'white-helmets', document: 'a1', quote: 'Four died.', start: 10, end: 20, killed: { total: 4 } }],
        documents: ['a1'],
        review: { status: 'unreviewed' },
      },
    ],
    tallies: [{ id: 't-1', document: 'a1', claimant: 'sohr', period: null, area: 'Syria', killed: { civilians: 30 }, injured: {}, quote: 'Thirty died.' }],
  };
}

describe('parseIncidentsExport', () => {
  test('reads the fields the scorer uses', () => {
    const x = parseIncidentsExport(validExport(), 'run.json');
    assert.equal(x.incidents[0].killed.total?.best, 4);
    assert.equal(x.incidents[0].location?.precision, 'locality');
    assert.equal(x.incidents[0].claims[0].start, 10);
    assert.deepEqual(x.tallies[0].killed, { civilians: 30 });
  });

  const INVALID: [string, (x: Record<string, any>) => void, string][] = [
    ['wrong format', (x) => (x.format = 'incident-gold/1'), 'format'],
    ['bad date precision', (x) => (x.incidents[0].date.precision = 'week'), 'incidents[0].date.precision'],
    ['best missing', (x) => delete x.incidents[0].killed.total.best, 'incidents[0].killed.total.best'],
    ['claim offset negative', (x) => (x.incidents[0].claims[0].start = -1), 'incidents[0].claims[0].start'],
    ['bad location precision', (x) => (x.incidents[0].location.precision = 'city'), 'incidents[0].location.precision'],
    ['duplicate incident id', (x) => x.incidents.push({ ...x.incidents[0] }), 'incidents[1].id'],
    ['tally without document', (x) => delete x.tallies[0].document, 'tallies[0].document'],
  ];
  for (const [name, breakIt, path] of INVALID) {
    test(`error names the path: ${name}`, () => {
      const x = validExport();
      breakIt(x);
      assert.throws(
        () => parseIncidentsExport(x, 'run.json'),
        (err: unknown) => err instanceof IncidentsExportError && err.problems.some((p) => p.path === path) && err.message.startsWith('run.json: not a valid incidents/1 export'),
      );
    });
  }
});
