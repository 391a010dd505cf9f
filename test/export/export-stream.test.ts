/**
 * Streamed exports (src/services/export-stream.ts) over a real SQLite store holding the bundled
 * sample: the bytes equal the one-string renderings of the same incidents (read in small batches,
 * so every batch boundary is crossed), `since` keeps the incidents a later ingest changed, the CSV
 * `timestamp` is each incident's last change, and writing waits for a slow stream.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { openStore } from '../../src/storage/open-store.ts';
import type { IncidentStore } from '../../src/storage/incident-store.ts';
import { incidentsJsonRendering, toIncidentsJson, type IncidentsJson } from '../../src/export/incidents-json.ts';
import { toGeoJson } from '../../src/export/geojson.ts';
import { embeddedDefault } from '../../src/services/gazetteer-service.ts';
import { ingestItems, ingestPaths } from '../../src/services/ingest-batch.ts';
import { exportInput } from '../../src/services/export-store.ts';
import { exportChunks, exportText, writeChunks } from '../../src/services/export-stream.ts';
import { ExportInputError } from '../../src/export/export-input.ts';
import { REPO_ROOT } from '../../src/cli/main.ts';
import { parseCsv } from './parse-csv.ts';

const FIRST = '2026-11-01T08:00:00.000Z';
const LATER = '2026-12-05T17:30:00.000Z';
const NOW = '2026-12-07T12:00:00.000Z';

/** A report that joins nothing in the sample: its own incident, ingested after the sample. */
const LATE_REPORT = {
  id: 'stream-late-report',
  text: 'AZAZ, Syria — Six civilians were killed on Thursday when a car bomb exploded near the main market in the town of Azaz in Aleppo province, local sources said.',
  published: '2026-12-04',
  url: null,
  outlet: 'Late Paper (fictional)',
  title: 'Car bomb kills six in Azaz',
  language: 'en',
};

let store: IncidentStore;

before(async () => {
  store = await openStore(':memory:', incidentsJsonRendering);
  const { resolver } = embeddedDefault();
  await ingestPaths(store, resolver, [join(REPO_ROOT, 'sample')], { now: FIRST, runId: FIRST, policy: 'latest' });
  await ingestItems(store, resolver, [{ kind: 'article', article: LATE_REPORT, source: LATE_REPORT.id }], { now: LATER, runId: LATER, policy: 'latest' });
});

after(() => store.close());

const rowsOf = (csv: string) => {
  const [header, ...records] = parseCsv(csv);
  return records.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
};

describe('streamed exports', () => {
  test('onIncidents is told the count of incidents written, once per incident, in any format', async () => {
    for (const format of ['json', 'csv', 'geojson'] as const) {
      const told: number[] = [];
      const text = await exportText(store, { format, generatedAt: NOW, batchSize: 2, onIncidents: (n) => told.push(n) });
      const incidents = (JSON.parse(await exportText(store, { format: 'json', generatedAt: NOW })) as IncidentsJson).incidents.length;
      assert.ok(incidents > 2 && text.length > 0);
      assert.deepEqual(told, Array.from({ length: incidents }, (_, i) => i + 1), format);
    }
  });

  test('json read two incidents at a time is byte for byte the one-string rendering', async () => {
    const streamed = await exportText(store, { format: 'json', generatedAt: NOW, batchSize: 2 });
    const whole = JSON.stringify(toIncidentsJson(await exportInput(store, NOW)), null, 2) + '\n';
    assert.ok((JSON.parse(whole) as IncidentsJson).incidents.length > 4, 'the sample spans several batches');
    assert.equal(streamed, whole);
  });

  test('geojson read in batches equals the one-string rendering', async () => {
    const streamed = await exportText(store, { format: 'geojson', generatedAt: NOW, batchSize: 3 });
    assert.equal(streamed, JSON.stringify(toGeoJson(await exportInput(store, NOW)), null, 2) + '\n');
  });

  test('csv: one row per incident in store order; timestamp is the incident’s last change, not the export time', async () => {
    const rows = rowsOf(await exportText(store, { format: 'csv', generatedAt: NOW, batchSize: 2 }));
    const incidents = (await exportInput(store, NOW)).incidents;
    assert.deepEqual(rows.map((r) => r.tally_id), incidents.map((i) => i.id));
    const late = rows.filter((r) => r.documents.split('; ').includes(LATE_REPORT.id));
    assert.equal(late.length, 1, 'the late report is one incident');
    const seconds = (iso: string) => String(Date.parse(iso) / 1000);
    assert.equal(late[0].timestamp, seconds(LATER));
    for (const r of rows.filter((x) => x !== late[0])) assert.equal(r.timestamp, seconds(FIRST), `incident ${r.tally_id}`);
  });

  test('since: only incidents changed at or after it; the json lists only the documents they cite', async () => {
    const file = JSON.parse(await exportText(store, { format: 'json', generatedAt: NOW, since: '2026-12-01T00:00:00Z' })) as IncidentsJson;
    assert.deepEqual(file.incidents.map((i) => i.documents), [[LATE_REPORT.id]]);
    assert.deepEqual(file.documents.map((d) => d.id), [LATE_REPORT.id]);
    const none = JSON.parse(await exportText(store, { format: 'json', generatedAt: NOW, since: '2026-12-06T00:00:00Z' })) as IncidentsJson;
    assert.deepEqual([none.incidents, none.documents], [[], []]);
    const all = JSON.parse(await exportText(store, { format: 'json', generatedAt: NOW, since: FIRST })) as IncidentsJson;
    assert.equal(all.incidents.length, (await exportInput(store, NOW)).incidents.length);
  });

  test('a since that is not a date-time is an ExportInputError naming since, before anything is read', async () => {
    await assert.rejects(
      () => exportChunks(store, { format: 'csv', generatedAt: NOW, since: 'last week' }),
      (e: unknown) => e instanceof ExportInputError && e.field === 'since' && e.message.includes('"last week"'),
    );
  });

  test('writing waits for a slow stream: its buffer never holds much more than one chunk', async () => {
    let written = '';
    let most = 0;
    const slow = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _encoding, done) {
        written += chunk.toString('utf8');
        setTimeout(done, 1);
      },
    });
    const chunks = await exportChunks(store, { format: 'json', generatedAt: NOW, batchSize: 2 });
    const sizes: number[] = [];
    async function* watched() {
      for await (const chunk of chunks) {
        most = Math.max(most, slow.writableLength);
        sizes.push(chunk.length);
        yield chunk;
      }
    }
    await writeChunks(watched(), slow);
    assert.equal(written, await exportText(store, { format: 'json', generatedAt: NOW }));
    assert.ok(most <= Math.max(...sizes) + 1024, `buffered ${most} characters`);
  });
});
