/**
 * The ACLED-column CSV export: the exact header, RFC 4180 quoting (read back with an independent
 * parser), ACLED's conservative `fatalities`, precision codes, actor and claimant names, country
 * columns and the stable event id. Incidents are built by hand.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ACLED_COLUMNS, acledEventId, toAcledCsv } from '../../src/export/acled-csv.ts';
import { ExportInputError, type ExportInput } from '../../src/export/export-input.ts';
import { csvField } from '../../src/export/rfc4180.ts';
import { acledActorName, claimantName } from '../../src/export/acled-vocabulary.ts';
import type { CountSummary, DateRange, GeoPrecision, Incident } from '../../src/domain/types.ts';
import { makeClaim, makeIncident, makePlace, range } from '../storage/domain-fixtures.ts';
import { parseCsv } from './parse-csv.ts';

const GENERATED_AT = '2026-11-21T10:00:00Z';
const HEADER =
  'event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,' +
  'iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp,' +
  'tally_id,killed_min,killed_max,civilians_killed,children_killed,women_killed,injured,claimants,documents,review_status,reviewed_by,reviewed_at';

function csvOf(incidents: Incident[], extra: Partial<ExportInput> = {}): string {
  return toAcledCsv({ incidents, tallies: [], documents: [], generatedAt: GENERATED_AT, ...extra });
}

/** The rows as column → value objects, read back with the independent parser. */
function rowsOf(incidents: Incident[], extra: Partial<ExportInput> = {}): Record<string, string>[] {
  const [header, ...records] = parseCsv(csvOf(incidents, extra));
  return records.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

const rowOf = (incident: Incident, extra: Partial<ExportInput> = {}) => rowsOf([incident], extra)[0];

describe('ACLED CSV: layout', () => {
  test('the header is exactly ACLED’s columns then ours, CRLF-terminated', () => {
    const csv = csvOf([]);
    assert.equal(csv, `${HEADER}\r\n`);
    assert.equal(ACLED_COLUMNS.join(','), HEADER);
  });

  test('one CRLF-terminated record per incident, each with every column', () => {
    const csv = csvOf([makeIncident({ id: 'a' }), makeIncident({ id: 'b', location: null, killed: {} })]);
    const records = parseCsv(csv);
    assert.equal(records.length, 3);
    for (const r of records) assert.equal(r.length, ACLED_COLUMNS.length);
    assert.ok(csv.endsWith('\r\n'));
  });

  test('a full row, column by column', () => {
    const incident = makeIncident({
      id: 'inc-2019-11-05-saraqib',
      perpetrators: ['russia', 'syrian-government'],
      claims: [
        makeClaim(),
        makeClaim({ claimant: 'white-helmets', document: 'doc-2', outlet: 'Other Paper', quote: 'Rescuers recovered eight bodies.', killed: { total: 8 } }),
        makeClaim({ claimant: 'sohr', document: 'doc-3', outlet: 'Example Wire', quote: 'The Observatory again said seven.' }),
      ],
      documents: ['doc-1', 'doc-2', 'doc-3'],
    });
    const row = rowOf(incident);
    assert.deepEqual(
      { ...row, notes: '(checked below)' },
      {
        event_id_cnty: acledEventId('inc-2019-11-05-saraqib', 'SYR'),
        event_date: '2019-11-05',
        year: '2019',
        time_precision: '1',
        disorder_type: 'Political violence',
        event_type: 'Explosions/Remote violence',
        sub_event_type: 'Air/drone strike',
        actor1: 'Military Forces of Russia (2000-)',
        assoc_actor_1: 'Military Forces of Syria (2000-2024)',
        inter1: '8',
        actor2: 'Civilians (Syria)',
        assoc_actor_2: '',
        inter2: '7',
        interaction: '78',
        civilian_targeting: 'Civilian targeting',
        iso: '760',
        region: 'Middle East',
        country: 'Syria',
        admin1: 'Idlib',
        admin2: 'Idlib District',
        admin3: '',
        location: 'Saraqib',
        latitude: '35.86447',
        longitude: '36.80591',
        geo_precision: '1',
        source: 'Syrian Observatory for Human Rights; Syria Civil Defence (White Helmets); Example Wire; Other Paper',
        source_scale: '',
        notes: '(checked below)',
        fatalities: '7',
        tags: '',
        timestamp: '1795255200',
        tally_id: 'inc-2019-11-05-saraqib',
        killed_min: '7',
        killed_max: '8',
        civilians_killed: '7',
        children_killed: '1',
        women_killed: '',
        injured: '20',
        claimants: 'sohr; white-helmets',
        documents: 'doc-1; doc-2; doc-3',
        review_status: 'unreviewed',
        reviewed_by: '',
        reviewed_at: '',
      },
    );
    assert.match(row.notes, /^On 2019-11-05: Air\/drone strike in Saraqib \(Idlib\), attributed to russia, syrian-government\./);
    assert.match(row.notes, /Killed: total 7 \(7-8\), civilians 7, children 1\. Injured: total 20\./);
    assert.ok(row.notes.includes('Syria Civil Defence (White Helmets) via Other Paper: "Rescuers recovered eight bodies."'));
  });
});

describe('ACLED CSV: quoting (RFC 4180)', () => {
  const fields: [string | number | null, string][] = [
    ['plain text', 'plain text'],
    ['Idlib, Saraqib', '"Idlib, Saraqib"'],
    ['the "regime" said', '"the ""regime"" said"'],
    ['first line\nsecond line', '"first line\nsecond line"'],
    ['carriage\rreturn', '"carriage\rreturn"'],
    ['', ''],
    [null, ''],
    [0, '0'],
    [35.5, '35.5'],
  ];
  for (const [value, expected] of fields) {
    test(`field ${JSON.stringify(value)} → ${JSON.stringify(expected)}`, () => {
      assert.equal(csvField(value), expected);
    });
  }

  test('notes with commas, quotes and line breaks survive a round trip; other columns are not shifted', () => {
    const quote = 'A spokesman said: "Strikes hit the market, the bakery,\nand a school" —\r\nlocal sources, AFP.';
    const incident = makeIncident({
      location: makePlace({ name: 'Kafr Nabl, southern "countryside"' }),
      places: [],
      claims: [makeClaim({ quote, outlet: 'Wire, Inc.' })],
    });
    const csv = csvOf([incident]);
    assert.ok(csv.includes('""Strikes hit the market'), 'quotes are doubled');
    const row = rowOf(incident);
    assert.ok(row.notes.endsWith(`Syrian Observatory for Human Rights via Wire, Inc.: "${quote}"`));
    assert.equal(row.location, 'Kafr Nabl, southern "countryside"');
    assert.equal(row.source, 'Syrian Observatory for Human Rights; Wire, Inc.');
    assert.equal(row.fatalities, '7');
    assert.equal(row.documents, 'doc-1');
  });
});

describe('ACLED CSV: formula injection (OWASP CSV Injection)', () => {
  const fields: [string | number, string][] = [
    ['@SUM(1+1)', `"'@SUM(1+1)"`],
    ['=1+1', `"'=1+1"`],
    ['+1', `"'+1"`],
    ['-1', `"'-1"`],
    ['\tx', `"'\tx"`],
    ['\rx', `"'\rx"`],
    ['=HYPERLINK("http://example.invalid","x")', `"'=HYPERLINK(""http://example.invalid"",""x"")"`],
    ['a=1', 'a=1'],
    ['x -1', 'x -1'],
    [-3.2, '-3.2'],
    [-0.5, '-0.5'],
  ];
  for (const [value, expected] of fields) {
    test(`field ${JSON.stringify(value)} → ${JSON.stringify(expected)}`, () => {
      assert.equal(csvField(value), expected);
    });
  }

  /** Columns whose values are numbers (the writer gives them as JavaScript numbers). */
  const NUMERIC = new Set(['year', 'time_precision', 'latitude', 'longitude', 'geo_precision', 'fatalities', 'timestamp', 'killed_min', 'killed_max', 'civilians_killed', 'children_killed', 'women_killed', 'injured']);

  test('no text cell of any column starts a formula; negative coordinates stay numbers', () => {
    const hostile = '=cmd|\' /C calc\'!A0';
    const place = makePlace({ name: '+Saraqib', admin1: '-Idlib', admin2: '@Idlib District', lat: -33.9, lon: -3.2 });
    const incident = makeIncident({
      id: '=inc',
      location: place,
      places: [place],
      perpetrators: ['russia'],
      documents: ['@SUM(1+1)', 'doc-2'],
      claims: [makeClaim({ document: '@SUM(1+1)', documents: ['@SUM(1+1)'], outlet: hostile, quote: '=1+1 killed seven civilians in Saraqib, the Observatory said.' })],
    });
    const csv = csvOf([incident]);
    assert.ok(csv.includes(`"'@SUM(1+1); doc-2"`), 'the documents cell is quoted with a leading single quote');
    const [header, ...records] = parseCsv(csv);
    const row = Object.fromEntries(header.map((h, i) => [h, records[0][i]]));
    assert.equal(row.documents, "'@SUM(1+1); doc-2");
    assert.equal(row.location, "'+Saraqib");
    assert.equal(row.admin1, "'-Idlib");
    assert.equal(row.admin2, "'@Idlib District");
    assert.equal(row.longitude, '-3.2');
    assert.equal(row.latitude, '-33.9');
    assert.ok(csv.includes(',-33.9,-3.2,'), 'coordinates are written bare');
    for (const r of records) {
      header.forEach((column, i) => {
        const cell = r[i];
        if (!/^[=+\-@\t\r]/.test(cell)) return;
        assert.ok(NUMERIC.has(column) && Number.isFinite(Number(cell)), `${column}: ${JSON.stringify(cell)} would run as a formula`);
      });
    }
  });
});

describe('ACLED CSV: fatalities and counts', () => {
  const cases: [string, CountSummary, string, string, string][] = [
    // label, killed, fatalities, killed_min, killed_max
    ['total: the lowest total claimed', { total: range(8, 7, 12) }, '7', '7', '12'],
    ['total wins over categories', { total: range(5), civilians: range(9) }, '5', '5', '5'],
    ['civilians + fighters when no total', { civilians: range(3, 3, 4), fighters: range(10, 9, 12) }, '12', '12', '16'],
    ['fighters alone', { fighters: range(96) }, '96', '96', '96'],
    ['children and women only: the larger, not the sum', { children: range(2), women: range(3) }, '3', '3', '3'],
    ['nothing stated: 0 as ACLED codes it, our columns blank', {}, '0', '', ''],
  ];
  for (const [label, killed, fatalities, min, max] of cases) {
    test(label, () => {
      const row = rowOf(makeIncident({ killed }));
      assert.deepEqual([row.fatalities, row.killed_min, row.killed_max], [fatalities, min, max]);
    });
  }

  test('absent categories are blank cells, not 0', () => {
    const row = rowOf(makeIncident({ killed: { total: range(4) }, injured: {}, claims: [] }));
    assert.deepEqual([row.civilians_killed, row.children_killed, row.women_killed, row.injured], ['', '', '', '']);
  });
});

describe('ACLED CSV: precision codes', () => {
  const times: [DateRange, string, string][] = [
    [{ start: '2019-11-05', end: '2019-11-05', precision: 'day' }, '1', '2019-11-05'],
    [{ start: '2019-11-30', end: '2019-12-01', precision: 'range' }, '2', '2019-11-30'],
    [{ start: '2019-11-01', end: '2019-11-07', precision: 'range' }, '2', '2019-11-01'],
    [{ start: '2019-11-01', end: '2019-11-08', precision: 'range' }, '3', '2019-11-01'],
    [{ start: '2019-11-06', end: '2019-11-06', precision: 'reported' }, '3', '2019-11-06'],
  ];
  for (const [date, precision, eventDate] of times) {
    test(`time_precision ${date.precision} ${date.start}..${date.end} → ${precision}`, () => {
      const row = rowOf(makeIncident({ date }));
      assert.deepEqual([row.time_precision, row.event_date, row.year], [precision, eventDate, eventDate.slice(0, 4)]);
    });
  }

  test('an unknown date: event_date and year blank, time_precision 3, notes say so', () => {
    const row = rowOf(makeIncident({ date: { start: null, end: null, precision: 'unknown' } }));
    assert.deepEqual([row.event_date, row.year, row.time_precision], ['', '', '3']);
    assert.match(row.notes, /^On an unknown date: Air\/drone strike in Saraqib \(Idlib\), attributed to russia\. /);
    // The rest of the row is as for a dated incident.
    const dated = rowOf(makeIncident());
    for (const column of ACLED_COLUMNS.filter((c) => !['event_date', 'year', 'time_precision', 'notes'].includes(c))) assert.equal(row[column], dated[column], column);
  });

  test('an undated incident among dated ones shifts no column', () => {
    const rows = rowsOf([makeIncident({ id: 'a' }), makeIncident({ id: 'b', date: { start: null, end: null, precision: 'unknown' } }), makeIncident({ id: 'c' })]);
    assert.deepEqual(rows.map((r) => [r.event_date, r.time_precision, r.fatalities]), [
      ['2019-11-05', '1', '7'],
      ['', '3', '7'],
      ['2019-11-05', '1', '7'],
    ]);
  });

  const geos: [GeoPrecision, string][] = [
    ['locality', '1'],
    ['admin2', '2'],
    ['admin1', '3'],
    ['country', '3'],
  ];
  for (const [precision, code] of geos) {
    test(`geo_precision ${precision} → ${code}`, () => {
      assert.equal(rowOf(makeIncident({ location: makePlace({ precision }) })).geo_precision, code);
    });
  }

  test('a town named only as a reference point ("north of X") is ACLED\'s "near": geo_precision 2, at the town', () => {
    const row = rowOf(makeIncident({ location: { ...makePlace({ precision: 'locality' }), relation: 'near' } }));
    assert.equal(row.geo_precision, '2');
    assert.notEqual(row.latitude, '');
  });

  test('no location: blank place columns, geo_precision 3, still Syria', () => {
    const row = rowOf(makeIncident({ location: null, places: [] }));
    assert.deepEqual(
      [row.location, row.admin1, row.admin2, row.latitude, row.longitude, row.geo_precision, row.iso, row.country],
      ['', '', '', '', '', '3', '760', 'Syria'],
    );
  });
});

describe('ACLED CSV: actors, targeting, country, ids, timestamp', () => {
  const actors: [string, string, string][] = [
    ['russia', '2019-11-05', 'Military Forces of Russia (2000-)'],
    ['syrian-government', '2019-11-05', 'Military Forces of Syria (2000-2024)'],
    ['syrian-government', '2024-12-07', 'Military Forces of Syria (2000-2024)'],
    ['syrian-government', '2025-01-10', 'Military Forces of Syria (2024-)'],
    ['opposition', '2019-11-05', 'Opposition Rebels (Syria)'],
    ['hts', '2019-11-05', 'HTS: Hayat Tahrir al Sham'],
    ['turkey', '2019-11-05', 'Military Forces of Turkey (2016-)'],
    ['isis', '2019-11-05', 'Islamic State (Syria)'],
    ['sdf', '2019-11-05', 'SDF: Syrian Democratic Forces'],
    ['us-coalition', '2019-11-05', 'International Coalition'],
    ['iran-backed', '2019-11-05', 'Iran-backed militias'],
    ['israel', '2019-11-05', 'Military Forces of Israel'],
    ['unknown', '2019-11-05', 'Unidentified Armed Group (Syria)'],
    ['hezbollah', '2019-11-05', 'hezbollah'],
  ];
  for (const [id, date, name] of actors) {
    test(`actor ${id} on ${date} → ${name}`, () => assert.equal(acledActorName(id, date), name));
  }
  test('actor names without a date (an incident of unknown date): the label that has no start', () => {
    assert.equal(acledActorName('syrian-government', null), 'Military Forces of Syria (2000-2024)');
    assert.equal(acledActorName('russia', null), 'Military Forces of Russia (2000-)');
    assert.equal(acledActorName('hezbollah', null), 'hezbollah');
  });

  const claimants: [string, string][] = [
    ['sohr', 'Syrian Observatory for Human Rights'],
    ['snhr', 'Syrian Network for Human Rights'],
    ['officials-turkey', 'Officials (Turkey)'],
    ['response-coordination-group', 'Response Coordination Group'],
    ['some-new-monitor', 'Some New Monitor'],
  ];
  for (const [id, name] of claimants) {
    test(`claimant ${id} → ${name}`, () => assert.equal(claimantName(id), name));
  }

  const targeting: [string, Partial<Incident>, string, string, string][] = [
    // label, incident, actor1, actor2, civilian_targeting
    ['a clash: second perpetrator is actor2', { eventType: 'armed_clash', perpetrators: ['hts', 'syrian-government'], killed: { fighters: range(5) }, targets: [] }, 'HTS: Hayat Tahrir al Sham', 'Military Forces of Syria (2000-2024)', ''],
    ['a strike on a military target, no civilian victims', { perpetrators: ['israel'], killed: { fighters: range(3) }, injured: {}, targets: ['military'] }, 'Military Forces of Israel', '', ''],
    ['a strike on a hospital, no figures', { perpetrators: ['russia'], killed: {}, injured: {}, targets: ['hospital'] }, 'Military Forces of Russia (2000-)', 'Civilians (Syria)', 'Civilian targeting'],
    ['an attack', { eventType: 'attack', perpetrators: ['isis'], killed: {}, injured: {}, targets: [] }, 'Islamic State (Syria)', 'Civilians (Syria)', 'Civilian targeting'],
    ['no perpetrator stated', { perpetrators: [], killed: { total: range(2) }, injured: {}, targets: [] }, 'Unidentified Armed Group (Syria)', '', ''],
  ];
  for (const [label, partial, actor1, actor2, civilian] of targeting) {
    test(`actors/targeting: ${label}`, () => {
      const row = rowOf(makeIncident(partial));
      assert.deepEqual([row.actor1, row.actor2, row.civilian_targeting], [actor1, actor2, civilian]);
    });
  }

  test('country from the gazetteer map; event id prefix follows it', () => {
    const incident = makeIncident({ location: makePlace({ gazetteerId: 'geonames:298117', name: 'Sanliurfa' }) });
    const row = rowOf(incident, { countryByGazetteerId: new Map([['geonames:298117', 'TR']]) });
    assert.deepEqual([row.iso, row.country], ['792', 'Turkey']);
    assert.match(row.event_id_cnty, /^TUR[0-9A-F]{10}$/);
    const unmapped = rowOf(incident, { countryByGazetteerId: new Map() });
    assert.deepEqual([unmapped.iso, unmapped.country], ['760', 'Syria']);
  });

  test('event_id_cnty is SYR + a short stable form of the id', () => {
    const a = rowOf(makeIncident({ id: 'inc-a' })).event_id_cnty;
    assert.match(a, /^SYR[0-9A-F]{10}$/);
    assert.equal(rowOf(makeIncident({ id: 'inc-a' })).event_id_cnty, a);
    assert.notEqual(rowOf(makeIncident({ id: 'inc-b' })).event_id_cnty, a);
  });

  const stamps: [string, string][] = [
    ['2026-11-21T10:00:00Z', '1795255200'],
    ['2026-11-21T12:00:00+02:00', '1795255200'],
    ['2026-11-21T10:00:00.999Z', '1795255200'],
    ['2026-11-21T10:00:00', '1795255200'],
  ];
  for (const [generatedAt, seconds] of stamps) {
    test(`timestamp of ${generatedAt} → ${seconds}`, () => assert.equal(rowOf(makeIncident(), { generatedAt }).timestamp, seconds));
  }

  test('timestamp is each incident’s last change when given, else its latest review decision, else the export time', () => {
    const rows = rowsOf(
      [
        makeIncident({ id: 'changed' }),
        makeIncident({ id: 'reviewed', review: { status: 'confirmed', reviewedBy: 'ana', reviewedAt: '2026-11-20T09:00:00Z' } }),
        makeIncident({ id: 'unknown' }),
      ],
      { lastChange: new Map([['changed', '2026-11-02T00:00:00Z']]) },
    );
    assert.deepEqual(rows.map((r) => [r.tally_id, r.timestamp]), [
      ['changed', String(Date.parse('2026-11-02T00:00:00Z') / 1000)],
      ['reviewed', String(Date.parse('2026-11-20T09:00:00Z') / 1000)],
      ['unknown', String(Date.parse(GENERATED_AT) / 1000)],
    ]);
  });

  test('a last change that is not a date-time is an ExportInputError naming lastChange', () => {
    assert.throws(
      () => csvOf([makeIncident({ id: 'x' })], { lastChange: new Map([['x', 'recently']]) }),
      (err: unknown) => err instanceof ExportInputError && err.field === 'lastChange' && err.message.includes('"recently"'),
    );
  });

  test('a generatedAt that is not a date-time is an ExportInputError naming it', () => {
    assert.throws(
      () => csvOf([makeIncident()], { generatedAt: 'yesterday' }),
      (err: unknown) => err instanceof ExportInputError && err.message.includes('"yesterday"') && err.message.includes('generatedAt'),
    );
  });
});
