/**
 * End-to-end tests of the `tally` command line: the real entry point (`node bin/tally.js`) is
 * spawned from the repository root against SQLite stores in a temporary folder, and what it prints,
 * its exit status and what lands in the store are checked against the contract in
 * ../shared/docs/export-format.md (exit 0 success, 1 some inputs rejected, 2 usage errors; export
 * formats and their columns). The articles are short sentences written for these tests about real
 * towns; the stores use the embedded gazetteer unless a test imports the GeoNames fixture.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../../src/storage/sqlite-incident-store.ts';
import { incidentsJsonRendering } from '../../src/export/incidents-json.ts';
import type { IncidentsJson } from '../../src/export/incidents-json.ts';
import { parseCsv } from '../export/parse-csv.ts';
import { REPO, runTally, shown, type Run } from './run-tally.ts';

const NOW = '2026-01-01T00:00:00Z';

/** Runs `node bin/tally.js ...args` from the repo root with a fixed clock and no TALLY_DB. */
const tally = (...args: string[]): Promise<Run> => runTally(args, NOW);

async function exportJson(db: string): Promise<IncidentsJson> {
  const r = await tally('export', '--db', db, '--format', 'json');
  assert.equal(r.status, 0, shown(r));
  return JSON.parse(r.stdout) as IncidentsJson;
}

function withoutGeneratedAt(json: IncidentsJson): Omit<IncidentsJson, 'generated_at'> {
  const { generated_at: _, ...rest } = json;
  return rest;
}

const jsonl = (...records: unknown[]): string => records.map((r) => JSON.stringify(r)).join('\n') + '\n';

const SARAQIB = {
  id: 'cli-saraqib',
  text: 'Government shelling killed three civilians in the town of Saraqib in Idlib province on Wednesday, local sources said. The shells hit a residential street near the main square.',
  published: '2020-02-20',
  outlet: 'Test Wire (fictional)',
};
const SARAQIB_V2 = {
  ...SARAQIB,
  text: 'Government shelling killed four civilians in the town of Saraqib in Idlib province on Wednesday, local sources said, after a wounded man died in hospital overnight.',
};
const ARIHA = {
  id: 'cli-ariha',
  text: 'Russian warplanes struck the town of Ariha on Wednesday, killing five civilians, including two children, a war monitor said.',
  published: '2020-02-20',
  outlet: 'Test Wire (fictional)',
};
const HUGE_LINE_BYTES = 20 * 1024 * 1024;

/** Deterministic bytes 0x80..0xff (invalid UTF-8 on their own): no quote, backslash or newline. */
function junkBytes(n: number): Buffer {
  const out = Buffer.alloc(n);
  let x = 12345;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    out[i] = 0x80 | (x >> 16) % 0x80;
  }
  return out;
}

/**
 * The mixed batch, one line each: valid, empty text, binary junk, a 20 MB line, invalid JSON,
 * no id, valid. Written once (the 20 MB line is the slow part).
 */
function writeBatch(file: string): void {
  const fd = openSync(file, 'w');
  try {
    writeSync(fd, jsonl(SARAQIB));
    writeSync(fd, jsonl({ id: 'cli-empty', text: '', published: '2020-02-20' }));
    writeSync(fd, '{"id": "cli-binary", "published": "2020-02-20", "text": "\\u0000\\u0001\\u0002PK\\u0003\\u0004');
    writeSync(fd, junkBytes(4000));
    writeSync(fd, '\\u0000\\u0000"}\n');
    // Exactly HUGE_LINE_BYTES bytes before the newline: a valid article, only too long.
    const head = '{"id": "cli-huge", "published": "2020-02-20", "text": "';
    const tail = '"}';
    writeSync(fd, head);
    const chunk = Buffer.alloc(1 << 20, 'Shelling hit the town again. ');
    let left = HUGE_LINE_BYTES - head.length - tail.length;
    for (; left >= chunk.length; left -= chunk.length) writeSync(fd, chunk);
    writeSync(fd, chunk.subarray(0, left));
    writeSync(fd, tail + '\n');
    writeSync(fd, '{"id": "cli-broken", "text": "this line stops in the middle of a str\n');
    writeSync(fd, jsonl({ text: 'An article without an id about shelling near Ariha.', published: '2020-02-20' }));
    writeSync(fd, jsonl(ARIHA));
  } finally {
    closeSync(fd);
  }
}

let dir: string;
let batch: string;
let db: string;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'tally-cli-'));
  batch = join(dir, 'batch.jsonl');
  db = join(dir, 'main.db');
  writeBatch(batch);
});

after(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('tally ingest: a mixed JSON Lines batch', () => {
  let first: Run;
  let exportAfterFirst: IncidentsJson;

  before(async () => {
    first = await tally('ingest', '--db', db, batch);
    assert.ok(existsSync(db), `the ingest did not create the store\n${shown(first)}`);
    exportAfterFirst = await exportJson(db);
  });

  test('exits 1 because some lines were rejected, and says how many', () => {
    assert.equal(first.status, 1, shown(first));
    assert.match(first.stdout, /^rejected: 5$/m, shown(first));
    assert.match(first.stdout, /documents read: 2 \(new 2, new versions 0, unchanged 0\)/, shown(first));
  });

  const rejections: [number, string, RegExp][] = [
    [2, 'empty text', /"text" is empty/],
    [3, 'binary junk text', /"text" contains NUL characters/],
    [4, 'a 20 MB line', /line is 20,971,520 bytes \(20\.0 MiB\), over the limit of [\d,]+ bytes/],
    [5, 'invalid JSON', /invalid JSON/],
    [6, 'an object without id', /missing "id"/],
  ];
  for (const [line, what, reason] of rejections) {
    test(`names line ${line} (${what}) with file:line and what was wrong`, () => {
      const reported = first.stdout.split('\n').filter((l) => l.includes(`${batch}:${line}:`));
      assert.equal(reported.length, 1, `expected one line naming ${batch}:${line}\n${shown(first)}`);
      assert.match(reported[0], reason);
    });
  }

  test('does not report the valid lines 1 and 7', () => {
    assert.doesNotMatch(first.stdout, new RegExp(`${batch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:[17]:`));
  });

  test('both valid articles landed (export documents)', () => {
    assert.deepEqual(exportAfterFirst.documents.map((d) => d.id), ['cli-ariha', 'cli-saraqib']);
    const saraqib = exportAfterFirst.documents.find((d) => d.id === 'cli-saraqib');
    assert.equal(saraqib?.published, '2020-02-20');
    assert.equal(saraqib?.outlet, 'Test Wire (fictional)');
  });

  test('the valid articles were extracted: an incident at each town, dated Wednesday 2020-02-19', () => {
    for (const id of ['cli-saraqib', 'cli-ariha']) {
      const found = exportAfterFirst.incidents.filter((i) => i.documents.includes(id));
      assert.equal(found.length, 1, `incidents of ${id}: ${JSON.stringify(found.map((i) => i.location?.name))}`);
      assert.equal(found[0].date.start, '2020-02-19');
    }
  });

  test('re-ingesting the same file leaves the documents unchanged and the export identical', async () => {
    const again = await tally('ingest', '--db', db, batch);
    assert.equal(again.status, 1, shown(again));
    assert.match(again.stdout, /documents read: 2 \(new 0, new versions 0, unchanged 2\)/, shown(again));
    const exportAfterSecond = await exportJson(db);
    assert.deepEqual(withoutGeneratedAt(exportAfterSecond), withoutGeneratedAt(exportAfterFirst));
  });

  test('the same id with a new text is kept as a new version and the export follows the new text', async () => {
    const update = join(dir, 'update.jsonl');
    writeFileSync(update, jsonl(SARAQIB_V2));
    const r = await tally('ingest', '--db', db, update);
    assert.equal(r.status, 0, shown(r));
    assert.match(r.stdout, /documents read: 1 \(new 0, new versions 1, unchanged 0\)/, shown(r));

    // `await` on every store call: the IncidentStore interface is async (sync implementations still work).
    const store = await openSqliteStore(db, incidentsJsonRendering);
    try {
      const versions = await store.listDocumentVersions('cli-saraqib');
      assert.deepEqual(versions.map((v) => [v.version, v.text]), [
        [1, SARAQIB.text],
        [2, SARAQIB_V2.text],
      ]);
      assert.equal((await store.getDocument('cli-saraqib'))?.text, SARAQIB_V2.text);
    } finally {
      await store.close();
    }

    const json = await exportJson(db);
    assert.deepEqual(json.documents.map((d) => d.id), ['cli-ariha', 'cli-saraqib']);
    const saraqib = json.incidents.filter((i) => i.documents.includes('cli-saraqib'));
    assert.equal(saraqib.length, 1, JSON.stringify(json.incidents, null, 1));
    assert.equal(saraqib[0].killed.total?.best, 4);
    for (const claim of saraqib[0].claims.filter((c) => c.document === 'cli-saraqib')) {
      assert.equal(SARAQIB_V2.text.slice(claim.start, claim.end), claim.quote, 'claim offsets point into the current text');
    }
    assert.ok(!JSON.stringify(json).includes('three civilians'), 'nothing from the old text is exported');
  });
});

describe('tally ingest: .txt files and folders', () => {
  test('reads a folder recursively and a .txt file, with --published for their dates', async () => {
    const notes = join(dir, 'notes');
    mkdirSync(join(notes, 'nested'), { recursive: true });
    writeFileSync(join(notes, 'khan-shaykhun.txt'), 'Syrian government helicopters dropped barrel bombs on Khan Shaykhun on Saturday, killing four civilians, rescuers said.\n');
    writeFileSync(join(notes, 'nested', 'maarat.txt'), 'Two civilians were killed by regime shelling on Maarat al-Numan on Saturday, local sources said.\n');
    writeFileSync(join(notes, 'ignored.md'), 'Not an article: a folder walk picks .jsonl, .ndjson and .txt only.\n');
    const single = join(dir, 'tal-tamr.txt');
    writeFileSync(single, 'A Turkish drone strike killed two fighters near Tal Tamr on Friday, local sources said.\n');
    const txtDb = join(dir, 'txt.db');

    const r = await tally('ingest', '--db', txtDb, '--published', '2023-06-25', notes, single);
    assert.equal(r.status, 0, shown(r));
    assert.match(r.stdout, /documents read: 3 \(new 3,/, shown(r));

    const json = await exportJson(txtDb);
    assert.deepEqual(json.documents.map((d) => [d.id, d.published]), [
      ['khan-shaykhun', '2023-06-25'],
      ['maarat', '2023-06-25'],
      ['tal-tamr', '2023-06-25'],
    ]);
    // Relative days resolve against --published (Sunday 2023-06-25).
    const dayOf = (doc: string) => json.incidents.filter((i) => i.documents.includes(doc)).map((i) => i.date.start);
    assert.deepEqual(dayOf('khan-shaykhun'), ['2023-06-24']);
    assert.deepEqual(dayOf('maarat'), ['2023-06-24']);
    assert.deepEqual(dayOf('tal-tamr'), ['2023-06-23']);
  });
});

describe('tally: usage errors exit 2 and change nothing', () => {
  const cases: [string, () => string[], RegExp][] = [
    ['an invalid --published date', () => ['ingest', '--db', join(dir, 'usage-published.db'), '--published', '2023-13-45', batch], /--published.*2023-13-45/],
    ['an unknown command', () => ['frobnicate'], /unknown command 'frobnicate'/],
    ['an unknown option', () => ['ingest', '--db', join(dir, 'usage-option.db'), '--frobnicate', batch], /unknown option '--frobnicate'/],
    ['ingest without a path', () => ['ingest', '--db', join(dir, 'usage-nopath.db')], /missing required argument/],
    ['export on a missing store', () => ['export', '--db', join(dir, 'missing.db')], /missing\.db: no such store/],
    ['export in an unknown format', () => ['export', '--db', db, '--format', 'xml'], /--format.*xml/],
  ];
  // The runs are independent, so they are spawned together to keep the file fast.
  const runs = new Map<string, Run>();
  before(async () => {
    const results = await Promise.all(cases.map(([, args]) => tally(...args())));
    cases.forEach(([name], n) => runs.set(name, results[n]));
  });

  for (const [name, , message] of cases) {
    test(name, () => {
      const r = runs.get(name);
      assert.ok(r);
      assert.equal(r.status, 2, shown(r));
      assert.match(r.stderr, message, shown(r));
    });
  }

  test(
    'gazetteer import of a missing folder is a usage error and creates no store',
    async () => {
      const gzDb = join(dir, 'usage-gazetteer.db');
      const r = await tally('gazetteer', 'import', '--db', gzDb, join(dir, 'no-such-geonames-folder'));
      assert.match(r.stderr, /no-such-geonames-folder/, shown(r));
      assert.equal(r.status, 2, shown(r));
      assert.ok(!existsSync(gzDb), 'no store was created');
    },
  );

  test('no store file was created by a usage error', () => {
    for (const f of ['usage-published.db', 'usage-option.db', 'usage-nopath.db', 'missing.db']) {
      assert.ok(!existsSync(join(dir, f)), `${f} exists`);
    }
  });
});

/** The ACLED columns, in order, then this system's own, as listed in export-format.md. */
const ACLED_HEADER = [
  'event_id_cnty', 'event_date', 'year', 'time_precision', 'disorder_type', 'event_type', 'sub_event_type', 'actor1',
  'assoc_actor_1', 'inter1', 'actor2', 'assoc_actor_2', 'inter2', 'interaction', 'civilian_targeting', 'iso', 'region',
  'country', 'admin1', 'admin2', 'admin3', 'location', 'latitude', 'longitude', 'geo_precision', 'source', 'source_scale',
  'notes', 'fatalities', 'tags', 'timestamp',
];
const OWN_COLUMNS = ['tally_id', 'killed_min', 'killed_max', 'civilians_killed', 'children_killed', 'women_killed', 'injured', 'claimants', 'documents'];

describe('tally export formats', () => {
  let json: IncidentsJson;
  before(async () => {
    json = await exportJson(db);
    assert.ok(json.incidents.length >= 2, 'the main store has incidents to export');
  });

  test('--format csv is RFC 4180 with the ACLED columns in order, then ours, one row per incident', async () => {
    const r = await tally('export', '--db', db, '--format', 'csv');
    assert.equal(r.status, 0, shown(r));
    const [header, ...rows] = parseCsv(r.stdout);
    assert.deepEqual(header.slice(0, ACLED_HEADER.length), ACLED_HEADER);
    const own = OWN_COLUMNS.map((c) => header.indexOf(c));
    assert.ok(own.every((i, n) => i >= ACLED_HEADER.length && (n === 0 || i > own[n - 1])), `own columns after ACLED's, in order: ${header.join(',')}`);
    assert.equal(rows.length, json.incidents.length);
    for (const row of rows) assert.equal(row.length, header.length);
    const col = (name: string) => rows.map((row) => row[header.indexOf(name)]);
    assert.equal(new Set(col('event_id_cnty')).size, rows.length, 'event ids are unique');
    const ariha = rows.find((row) => row[header.indexOf('documents')].includes('cli-ariha'));
    assert.ok(ariha, 'a row for the Ariha article');
    assert.equal(ariha[header.indexOf('event_date')], '2020-02-19');
    assert.equal(ariha[header.indexOf('fatalities')], '5');
    assert.equal(ariha[header.indexOf('admin1')], 'Idlib');
  });

  test('--format geojson is a FeatureCollection with a feature per incident, a Point per placed one', async () => {
    const r = await tally('export', '--db', db, '--format', 'geojson');
    assert.equal(r.status, 0, shown(r));
    const geo = JSON.parse(r.stdout) as { type: string; features: { type: string; geometry: { type: string; coordinates: number[] } | null; properties: { id: string } }[] };
    assert.equal(geo.type, 'FeatureCollection');
    const placed = json.incidents.filter((i) => i.location?.lat != null && i.location?.lon != null);
    assert.equal(geo.features.length, json.incidents.length);
    for (const incident of placed) {
      const f = geo.features.find((x) => x.properties.id === incident.id);
      assert.ok(f, `a feature for incident ${incident.id}`);
      assert.equal(f.type, 'Feature');
      assert.deepEqual(f.geometry, { type: 'Point', coordinates: [incident.location?.lon, incident.location?.lat] });
    }
  });

  test('--since: only incidents changed since (none after the ingest); a --since that is no date-time is a usage error', async () => {
    const later = await tally('export', '--db', db, '--format', 'csv', '--since', '2999-01-01T00:00:00Z');
    assert.equal(later.status, 0, shown(later));
    assert.equal(parseCsv(later.stdout).length, 1, 'the header only');
    const earlier = await tally('export', '--db', db, '--format', 'csv', '--since', '2000-01-01T00:00:00Z');
    assert.equal(parseCsv(earlier.stdout).length - 1, json.incidents.length);
    const bad = await tally('export', '--db', db, '--format', 'csv', '--since', 'last week');
    assert.equal(bad.status, 2, shown(bad));
    assert.match(bad.stderr, /--since last week: expected an ISO 8601 date-time/);
  });

  test('--out FILE writes the export to the file and nothing to stdout', async () => {
    const out = join(dir, 'export.geojson');
    const [toFile, toStdout] = await Promise.all([
      tally('export', '--db', db, '--format', 'geojson', '--out', out),
      tally('export', '--db', db, '--format', 'geojson'),
    ]);
    assert.equal(toFile.status, 0, shown(toFile));
    assert.equal(toFile.stdout, '');
    assert.equal(readFileSync(out, 'utf8'), toStdout.stdout);
  });
});

describe('tally gazetteer import', () => {
  const fixture = join(REPO, 'test', 'fixtures', 'geonames');
  const article = {
    id: 'cli-mushayrifah',
    text: 'Regime shelling killed two civilians in the village of Al-Mushayrifah in the southern countryside of Idlib on Wednesday, local sources said.',
    published: '2020-02-20',
  };

  test('imports the fixture folder (9 places: the river line is dropped) and a later ingest geocodes against it', async () => {
    const gzDb = join(dir, 'gazetteer.db');
    const imported = await tally('gazetteer', 'import', '--db', gzDb, fixture);
    assert.equal(imported.status, 0, shown(imported));
    assert.match(imported.stdout, /^imported 9 places from /m, shown(imported));

    const file = join(dir, 'mushayrifah.jsonl');
    writeFileSync(file, jsonl(article));
    const r = await tally('ingest', '--db', gzDb, file);
    assert.equal(r.status, 0, shown(r));
    assert.match(r.stdout, /^gazetteer: geonames:/m, shown(r));
    assert.doesNotMatch(r.stdout, /place-not-found/, shown(r));

    const json = await exportJson(gzDb);
    assert.equal(json.incidents.length, 1, JSON.stringify(json.incidents, null, 1));
    const location = json.incidents[0].location;
    assert.equal(location?.gazetteer_id, 'geonames:9000003', 'the Idlib Al Mushayrifah, not the Homs one');
    assert.equal(location?.precision, 'locality');
    assert.equal(location?.lat, 35.6012);
    assert.equal(location?.lon, 36.5513);
  });

  test('without the import the same village is not in the embedded gazetteer (control)', async () => {
    const plainDb = join(dir, 'plain.db');
    const file = join(dir, 'mushayrifah.jsonl');
    writeFileSync(file, jsonl(article));
    const r = await tally('ingest', '--db', plainDb, file);
    assert.equal(r.status, 0, shown(r));
    assert.match(r.stdout, /^gazetteer: embedded:/m, shown(r));
    assert.match(r.stdout, /place-not-found/, shown(r));
  });
});
