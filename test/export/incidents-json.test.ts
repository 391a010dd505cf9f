/**
 * The `incidents/1` JSON export: exact field names of ../shared/docs/export-format.md, absent
 * count categories left absent, ACLED sub-event labels, and nothing from the domain's camelCase
 * leaking out. Incidents are built by hand (test/storage/domain-fixtures.ts).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { INCIDENT_JSON_REVISION, incidentJson, toIncidentsJson } from '../../src/export/incidents-json.ts';
import { EVENT_TYPES, type EventType, type ResolvedPlace } from '../../src/domain/types.ts';
import { makeArticle, makeClaim, makeIncident, makePlace, makeTally, range } from '../storage/domain-fixtures.ts';

const GENERATED_AT = '2026-11-21T10:00:00Z';

function exportOf(partial: Partial<Parameters<typeof toIncidentsJson>[0]> = {}) {
  return toIncidentsJson({ incidents: [], tallies: [], documents: [], generatedAt: GENERATED_AT, ...partial });
}

function allKeys(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => allKeys(v, out));
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.push(k);
      allKeys(v, out);
    }
  }
  return out;
}

describe('incidents/1 JSON', () => {
  test('top level: format, generated_at, documents, incidents, tallies (policy only when given)', () => {
    assert.deepEqual(Object.keys(exportOf()), ['format', 'generated_at', 'documents', 'incidents', 'tallies']);
    const withPolicy = exportOf({ policy: 'most-direct-source/1' });
    assert.deepEqual(Object.keys(withPolicy), ['format', 'generated_at', 'policy', 'documents', 'incidents', 'tallies']);
    assert.equal(withPolicy.format, 'incidents/1');
    assert.equal(withPolicy.generated_at, GENERATED_AT);
    assert.equal(withPolicy.policy, 'most-direct-source/1');
  });

  test('an incident maps field by field to the contract', () => {
    const incident = makeIncident({
      id: 'inc-1',
      perpetrators: ['russia', 'syrian-government'],
      claims: [
        makeClaim(),
        makeClaim({
          claimant: 'white-helmets',
          document: 'doc-2',
          documents: ['doc-2', 'doc-4'],
          outlet: null,
          published: null,
          quote: 'Rescuers pulled eight bodies from the rubble, the civil defence said.',
          start: 40,
          end: 109,
          killed: { total: 8 },
          injured: { total: 20 },
          rules: ['count.bodies'],
        }),
      ],
      documents: ['doc-1', 'doc-2', 'doc-4'],
      previousIds: ['inc-0a', 'inc-0b'],
    });
    const [out] = exportOf({ incidents: [incident] }).incidents;
    assert.deepEqual(out, {
      id: 'inc-1',
      event_type: 'air_strike',
      acled_sub_event_type: 'Air/drone strike',
      date: { start: '2019-11-05', end: '2019-11-05', precision: 'day' },
      location: { name: 'Saraqib', gazetteer_id: 'geonames:163345', lat: 35.86447, lon: 36.80591, admin1: 'Idlib', admin2: 'Idlib District', precision: 'locality' },
      places: [{ name: 'Saraqib', gazetteer_id: 'geonames:163345', lat: 35.86447, lon: 36.80591, admin1: 'Idlib', admin2: 'Idlib District', precision: 'locality' }],
      perpetrators: ['russia', 'syrian-government'],
      perpetrators_disputed: false,
      killed: { total: { best: 7, min: 7, max: 8 }, civilians: { best: 7, min: 7, max: 7 }, children: { best: 1, min: 1, max: 1 } },
      injured: { total: { best: 20, min: 20, max: 20 } },
      targets: ['residential'],
      claims: [
        {
          claimant: 'sohr',
          document: 'doc-1',
          documents: ['doc-1'],
          outlet: 'Example Wire',
          published: '2019-11-06',
          quote: 'Russian warplanes killed seven civilians, among them a child, in Saraqib on Tuesday, the Observatory said.',
          start: 0,
          end: 104,
          killed: { total: 7, civilians: 7, children: 1 },
          injured: {},
          rules: ['count.killed', 'claimant.observatory'],
          figures: [],
        },
        {
          claimant: 'white-helmets',
          document: 'doc-2',
          documents: ['doc-2', 'doc-4'],
          outlet: null,
          published: null,
          quote: 'Rescuers pulled eight bodies from the rubble, the civil defence said.',
          start: 40,
          end: 109,
          killed: { total: 8 },
          injured: { total: 20 },
          rules: ['count.bodies'],
          figures: [],
        },
      ],
      documents: ['doc-1', 'doc-2', 'doc-4'],
      review: { status: 'unreviewed' },
      review_status: 'unreviewed',
      reviewed_by: null,
      reviewed_at: null,
      review_disagreements: [],
      previous_ids: ['inc-0a', 'inc-0b'],
    });
  });

  test('previous_ids is on every incident: [] when it absorbed none', () => {
    const [out] = exportOf({ incidents: [makeIncident({ id: 'inc-fresh' })] }).incidents;
    assert.deepEqual(out.previous_ids, []);
  });

  test('absent count categories stay absent (never 0), in the fixed category order', () => {
    const incident = makeIncident({
      killed: { fighters: range(96), total: range(100, 96, 110) },
      injured: {},
      claims: [makeClaim({ killed: { fighters: 96 }, injured: {} })],
    });
    const [out] = exportOf({ incidents: [incident] }).incidents;
    assert.deepEqual(Object.keys(out.killed), ['total', 'fighters']);
    assert.deepEqual(out.injured, {});
    assert.deepEqual(out.claims[0].killed, { fighters: 96 });
    assert.deepEqual(out.claims[0].injured, {});
  });

  test('an incident of unknown date is written with null start and end and precision unknown', () => {
    const [out] = exportOf({ incidents: [makeIncident({ date: { start: null, end: null, precision: 'unknown' } })] }).incidents;
    assert.deepEqual(out.date, { start: null, end: null, precision: 'unknown' });
    const text = JSON.stringify(toIncidentsJson({ incidents: [makeIncident({ date: { start: null, end: null, precision: 'unknown' } })], tallies: [], documents: [], generatedAt: '2026-01-01T00:00:00Z' }));
    assert.ok(text.includes('"date":{"start":null,"end":null,"precision":"unknown"}'), 'null fields are written, not left out');
  });

  test('an incident that could not be placed has location null and no places', () => {
    const [out] = exportOf({ incidents: [makeIncident({ location: null, places: [] })] }).incidents;
    assert.equal(out.location, null);
    assert.deepEqual(out.places, []);
  });

  test('a place without coordinates keeps lat/lon null and its precision', () => {
    const idlib = makePlace({ name: 'Idlib', gazetteerId: null, lat: null, lon: null, admin2: null, precision: 'admin1' });
    const [out] = exportOf({ incidents: [makeIncident({ location: idlib, places: [idlib] })] }).incidents;
    assert.deepEqual(out.location, { name: 'Idlib', gazetteer_id: null, lat: null, lon: null, admin1: 'Idlib', admin2: null, precision: 'admin1' });
  });

  test('tallies map to id, document, claimant, period, area, perpetrator, killed, injured, displaced, quote (+ start, end)', () => {
    const tally = makeTally();
    const [out] = exportOf({ tallies: [tally, makeTally({ id: 't2', period: null, claimant: null, killed: {}, displaced: 12000 })] }).tallies;
    assert.deepEqual(out, {
      id: 'tally-snhr-2019-11',
      document: 'doc-2',
      claimant: 'snhr',
      period: { start: '2019-11-01', end: '2019-11-30' },
      area: 'Syria',
      perpetrator: null,
      killed: { civilians: 277, children: 72, women: 32 },
      injured: {},
      displaced: null,
      quote: tally.quote,
      start: 0,
      end: 98,
    });
    const second = exportOf({ tallies: [makeTally({ id: 't2', period: null, claimant: null, killed: {}, displaced: 12000 })] }).tallies[0];
    assert.equal(second.period, null);
    assert.deepEqual(second.killed, {});
    assert.equal(second.displaced, 12000);
  });

  test('documents carry id, url, outlet, published, title only (no text, no version)', () => {
    const stored = { ...makeArticle({ id: 'doc-9' }), version: 3, contentHash: 'abc', ingestedAt: '2026-01-01T00:00:00Z' };
    assert.deepEqual(exportOf({ documents: [stored] }).documents, [
      { id: 'doc-9', url: 'https://example.org/news/1', outlet: 'Example Wire', published: '2019-11-06', title: 'Strikes hit Idlib town' },
    ]);
  });

  test('no camelCase key anywhere in the output', () => {
    const out = exportOf({
      incidents: [makeIncident(), makeIncident({ id: 'b', location: null })],
      tallies: [makeTally()],
      documents: [makeArticle()],
    });
    const camel = allKeys(out).filter((k) => /[A-Z]/.test(k));
    assert.deepEqual(camel, []);
  });

  const subEvents: [EventType, string[], string][] = [
    ['air_strike', ['russia'], 'Air/drone strike'],
    ['shelling', ['syrian-government'], 'Shelling/artillery/missile attack'],
    ['explosion', ['unknown'], 'Remote explosive/landmine/IED'],
    ['armed_clash', ['hts', 'syrian-government'], 'Armed clash'],
    ['attack', ['isis'], 'Attack'],
    ['territory_change', ['opposition'], 'Non-state actor overtakes territory'],
    ['territory_change', ['syrian-government'], 'Government regains territory'],
    ['territory_change', ['syrian-government', 'russia'], 'Government regains territory'],
    ['territory_change', ['syrian-government', 'opposition'], 'Non-state actor overtakes territory'],
    ['territory_change', ['unknown'], 'Non-state actor overtakes territory'],
    ['other', [], 'Other'],
  ];
  for (const [eventType, perpetrators, label] of subEvents) {
    test(`acled_sub_event_type: ${eventType} by [${perpetrators.join(', ')}] → ${label}`, () => {
      const [out] = exportOf({ incidents: [makeIncident({ eventType, perpetrators })] }).incidents;
      assert.equal(out.acled_sub_event_type, label);
    });
  }

  test('every event type has a sub-event label', () => {
    for (const eventType of EVENT_TYPES) {
      const [out] = exportOf({ incidents: [makeIncident({ eventType, perpetrators: [] })] }).incidents;
      assert.ok(out.acled_sub_event_type.length > 0, eventType);
    }
  });

  test('the output does not share arrays with the input', () => {
    const incident = makeIncident();
    const [out] = exportOf({ incidents: [incident] }).incidents;
    out.perpetrators.push('turkey');
    out.documents.push('x');
    assert.deepEqual(incident.perpetrators, ['russia']);
    assert.deepEqual(incident.documents, ['doc-1']);
  });
});

describe('incidents/1 claims read from the headline (decision 0020)', () => {
  const title = 'Man, 34, killed in shooting on Elm Street | The Lakeville Ledger';
  const quote = 'Man, 34, killed in shooting on Elm Street';
  const fromTitle = makeClaim({
    quote,
    start: 0,
    end: quote.length,
    killed: { total: 1 },
    injured: {},
    quoteIn: 'title',
    figures: [{ outcome: 'killed', category: 'total', value: 1, start: 0, end: 15, rule: 'headline.person-outcome' }],
  });

  test('a claim whose quote is in the title says so with quote_in, offsets into the title', () => {
    const json = exportOf({ incidents: [makeIncident({ claims: [fromTitle] })], documents: [makeArticle({ id: fromTitle.document, title })] });
    const claim = json.incidents[0].claims[0];
    assert.equal(claim.quote_in, 'title');
    const doc = json.documents.find((d) => d.id === claim.document)!;
    assert.equal(doc.title!.slice(claim.start, claim.end), claim.quote);
    for (const f of claim.figures) assert.ok(f.start >= claim.start && f.end <= claim.end, 'each figure lies inside the quote, in the title');
  });

  test('a claim quoting the text carries no quote_in: existing readers see what they saw before', () => {
    const claim = incidentJson(makeIncident({ claims: [makeClaim()] })).claims[0];
    assert.equal('quote_in' in claim, false);
    assert.deepEqual(Object.keys(claim), ['claimant', 'document', 'documents', 'outlet', 'published', 'quote', 'start', 'end', 'killed', 'injured', 'rules', 'figures']);
  });
});

describe('incidents/1 rendering revision', () => {
  // Stores keep each incident's rendering and serve it as stored while their recorded revision
  // equals INCIDENT_JSON_REVISION. This fingerprint of the rendering of incidents touching every
  // field is recorded per revision: when incidentJson's output changes the test fails until the
  // revision is raised (so stores re-render instead of serving the old text) and the new
  // fingerprint is recorded here.
  const FINGERPRINTS: Record<number, string> = {
    1: 'e9491cfb24cd323e',
    // 2: claims carry `figures`, each figure with the span that states it.
    2: '172499481fdbae0b',
    // 3: every incident carries `previous_ids` (decision 0017).
    3: '64462c570717516b',
    // 4: review_status, reviewed_by, reviewed_at and review_disagreements (decision 0018).
    4: '9249d4275b8e8d11',
    // 5: a claim read from the headline carries quote_in: "title" (decision 0020).
    5: 'af085db4e78551a2',
    // 6: no category above the total (decision 0025). These incidents have none above it, so the
    // text is 5's; the revision still rises so stores render incidents that do again.
    6: 'af085db4e78551a2',
    // 7: a place named only as a reference point ("north of X") carries relation: "near" (decision 0027).
    7: 'becd4bb1d046da50',
  };

  test('the rendering matches the fingerprint recorded for INCIDENT_JSON_REVISION', () => {
    const incidents = [
      makeIncident({ id: 'rev-1', previousIds: ['rev-0'], independentSources: 2, perpetratorsDisputed: true, perpetrators: ['russia', 'syrian-government'], targets: ['hospital'] }),
      makeIncident({
        id: 'rev-2',
        eventType: 'shelling',
        date: { start: '2019-11-30', end: '2019-12-01', precision: 'range' },
        location: null,
        places: [],
        killed: { civilians: range(3, 2, 5), children: range(1), women: range(1), fighters: range(2) },
        injured: {},
        claims: [makeClaim({ outlet: null, published: null, killed: { civilians: 3 }, injured: { total: 4 }, rules: ['count.killed', 'count.injured'] })],
        review: { status: 'edited' },
      }),
      makeIncident({
        id: 'rev-3',
        claims: [makeClaim({ quote: 'Man shot dead outside store', start: 0, end: 27, killed: { total: 1 }, injured: {}, quoteIn: 'title', figures: [{ outcome: 'killed', category: 'total', value: 1, start: 0, end: 14, rule: 'singular-bare' }] })],
      }),
      makeIncident({ id: 'rev-4', location: { ...(makeIncident({}).location as ResolvedPlace), relation: 'near' } }),
    ];
    const text = incidents.map((i) => JSON.stringify(incidentJson(i))).join('\n');
    const fingerprint = createHash('sha256').update(text).digest('hex').slice(0, 16);
    assert.equal(
      fingerprint,
      FINGERPRINTS[INCIDENT_JSON_REVISION],
      `incidentJson's output changed: raise INCIDENT_JSON_REVISION in src/export/incidents-json.ts and record ${fingerprint} for it here`,
    );
  });
});
