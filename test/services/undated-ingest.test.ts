/**
 * Reports with no date anywhere, end to end: short local-news articles written for this test (no
 * publication date, no date in the text; real Ohio towns of the embedded gazetteer, invented
 * events) are ingested into an in-memory SQLite store with a fixed clock. Each yields an incident
 * of unknown date unless it clearly tells an event another report tells: two reports of one
 * shooting share an incident, an undated copy of a dated report joins its dated incident, a report
 * sharing only the town stays apart. The run reports each undated mention as kept with date
 * unknown, and every export format carries the incidents.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Article } from '../../src/domain/types.ts';
import type { InputItem } from '../../src/pipeline/ingest/read-inputs.ts';
import { embeddedDefault } from '../../src/services/gazetteer-service.ts';
import { renderExport } from '../../src/services/export-store.ts';
import { ingestItems, type IngestSummary } from '../../src/services/ingest-batch.ts';
import { openSqliteStore } from '../../src/storage/sqlite-incident-store.ts';
import { incidentsJsonRendering } from '../../src/export/incidents-json.ts';
import type { IncidentStore } from '../../src/storage/incident-store.ts';
import type { IncidentsJson } from '../../src/export/incidents-json.ts';
import type { IncidentFeatureCollection } from '../../src/export/geojson.ts';
import { parseCsv } from '../export/parse-csv.ts';

const NOW = '2026-02-01T00:00:00.000Z';

function article(id: string, text: string, published: string | null = null): Article {
  return { id, text, published, url: null, outlet: `${id} News (fictional)`, title: null, language: 'en' };
}

const ARTICLES: Article[] = [
  article('ud-akron-1', 'AKRON, Ohio - A teenager was shot dead on a street corner in Akron, police said. Officers are looking for a gray sedan seen leaving the area.'),
  article('ud-akron-2', 'A 17-year-old boy was shot dead in Akron, Ohio, police said. No arrests have been made.'),
  article('ud-canton-driveby', 'A man was shot dead and a woman wounded in a drive-by shooting in Canton, Ohio, police said.'),
  article('ud-canton-bar', 'Two men were shot and wounded outside a bar in Canton, Ohio, police said.'),
  article('ud-youngstown-dated', 'Gunmen killed three people at a house party in Youngstown, Ohio, on Saturday, police said.', '2021-03-08'),
  article('ud-youngstown-undated', 'Gunmen killed three people at a house party in Youngstown, Ohio, police said. Detectives asked witnesses to come forward.'),
];

function items(articles: readonly Article[]): InputItem[] {
  return articles.map((a) => ({ kind: 'article', article: a, source: `test:${a.id}` }));
}

describe('ingesting reports with no date', () => {
  let store: IncidentStore;
  let summary: IngestSummary;
  let json: IncidentsJson;
  before(async () => {
    store = await openSqliteStore(':memory:', incidentsJsonRendering);
    summary = await ingestItems(store, embeddedDefault().resolver, items(ARTICLES), { now: NOW, runId: 'undated-run' });
    json = JSON.parse(await renderExport(store, 'json', NOW)) as IncidentsJson;
  });
  after(() => store.close());

  const byDocuments = () => json.incidents.map((i) => [i.documents.join(' + '), i.date.precision]);

  test('every report yields an incident; only strong evidence joins two', () => {
    assert.deepEqual(summary.rejected, []);
    const incidents = byDocuments();
    assert.deepEqual(incidents[0], ['ud-youngstown-dated + ud-youngstown-undated', 'day'], 'an undated report of a dated event joins it');
    assert.deepEqual(incidents.slice(1).sort(), [
      ['ud-akron-1 + ud-akron-2', 'unknown'],
      ['ud-canton-bar', 'unknown'],
      ['ud-canton-driveby', 'unknown'],
    ]);
    assert.equal(summary.incidents, 4);
  });

  test('incidents of unknown date come last, with null start and end', () => {
    const undated = json.incidents.filter((i) => i.date.precision === 'unknown');
    assert.equal(undated.length, 3);
    assert.deepEqual(json.incidents.slice(1), undated, 'after the dated one');
    for (const i of undated) assert.deepEqual(i.date, { start: null, end: null, precision: 'unknown' });
    const akron = undated.find((i) => i.documents.includes('ud-akron-1'));
    assert.equal(akron?.location?.name, 'Akron');
    assert.deepEqual(akron?.killed.total, { best: 1, min: 1, max: 1 });
  });

  test('the run reports each undated mention as kept with date unknown (informational), not as dropped', () => {
    const undated = summary.warnings.filter((w) => w.code === 'undated-incident');
    assert.deepEqual(undated.map((w) => w.source).sort(), ['ud-akron-1', 'ud-akron-2', 'ud-canton-bar', 'ud-canton-driveby']);
    for (const w of undated) assert.match(w.message, /has no date \(no publication date and none in the text\); kept with date unknown$/);
    assert.ok(!summary.warnings.some((w) => /not linked/.test(w.message)));
  });

  test('the store lists, counts and filters them; a date range leaves them out', async () => {
    assert.equal(await store.countIncidents({}), 4);
    assert.equal(await store.countIncidents({ from: '2000-01-01' }), 1);
    const page = await store.queryIncidents({ admin1: 'Ohio' }, { limit: 10 });
    assert.deepEqual(page.items.map((i) => i.date.precision), ['day', 'unknown', 'unknown', 'unknown']);
    assert.deepEqual(await store.undatedStats({}), { incidents: 3, killed: 2, civilians: 1 });
  });

  test('ACLED CSV: empty event_date and year, time_precision 3', async () => {
    const [header, ...rows] = parseCsv(await renderExport(store, 'csv', NOW));
    const col = (name: string) => header.indexOf(name);
    const undated = rows.filter((r) => r[col('documents')].startsWith('ud-akron') || r[col('documents')].startsWith('ud-canton'));
    assert.equal(undated.length, 3);
    for (const r of undated) {
      assert.equal(r[col('event_date')], '');
      assert.equal(r[col('year')], '');
      assert.equal(r[col('time_precision')], '3');
      assert.match(r[col('notes')], /^On an unknown date: /);
    }
    const dated = rows.find((r) => r[col('documents')].includes('ud-youngstown-dated'));
    assert.equal(dated?.[col('year')], '2021');
  });

  test('GeoJSON: placed incidents of unknown date are features with null dates', async () => {
    const geo = JSON.parse(await renderExport(store, 'geojson', NOW)) as IncidentFeatureCollection;
    const undated = geo.features.filter((f) => f.properties.date_precision === 'unknown');
    assert.equal(undated.length, 3);
    for (const f of undated) {
      assert.equal(f.properties.date_start, null);
      assert.equal(f.properties.date_end, null);
    }
  });

  test('the same ids whatever the order the articles arrive in, in one run or two', async () => {
    const ids = json.incidents.map((i) => i.id);
    for (const batches of [[[...ARTICLES].reverse()], [ARTICLES.slice(3), ARTICLES.slice(0, 3)]]) {
      const other = await openSqliteStore(':memory:', incidentsJsonRendering);
      try {
        for (const [k, batch] of batches.entries()) await ingestItems(other, embeddedDefault().resolver, items(batch), { now: NOW, runId: `order-${k}` });
        assert.equal(await renderExport(other, 'json', NOW), JSON.stringify(json, null, 2) + '\n');
        assert.deepEqual((JSON.parse(await renderExport(other, 'json', NOW)) as IncidentsJson).incidents.map((i) => i.id), ids);
      } finally {
        await other.close();
      }
    }
  });
});
