/**
 * One incident of unknown date through the HTTP API, in-process over a real SQLite store: the
 * fixture's articles plus its report with no publication date and no date in its text
 * (UNDATED_ARTICLE; postgres-api.test.ts serves the same set from PostgreSQL). Every response is parsed with the published schemas (so the OpenAPI description
 * admits null start and end with precision `unknown`); lists put the incident last and count it,
 * date filters leave it out, statistics keep it out of time buckets and report it apart, and the
 * exports carry it.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { IncidentJson, IncidentsJson } from '../../src/export/incidents-json.ts';
import { IncidentDetailSchema, IncidentListSchema, StatsSchema } from '../../src/api/schemas.ts';
import { OPENAPI_PATH } from '../../src/api/app.ts';
import { parseCsv } from '../export/parse-csv.ts';
import { ARTICLES, UNDATED_ARTICLE, buildApi, getJson, type ApiFixture } from './api-fixture.ts';

const UNDATED = UNDATED_ARTICLE;

let fx: ApiFixture;
let items: IncidentJson[];
let undated: IncidentJson;

async function list(query: string) {
  const { status, body } = await getJson(fx.app, `/api/v1/incidents${query}`);
  assert.equal(status, 200, JSON.stringify(body));
  return IncidentListSchema.parse(body);
}

before(async () => {
  fx = await buildApi([...ARTICLES, UNDATED]);
  items = (await list('?limit=500')).items as IncidentJson[];
  const found = items.find((i) => i.documents.includes(UNDATED.id));
  assert.ok(found, 'the undated report yields an incident');
  undated = found;
});
after(async () => {
  await fx.store.close();
});

describe('an incident of unknown date in the API', () => {
  test('the list holds it last, with null start and end, and counts it', async () => {
    assert.deepEqual(undated.date, { start: null, end: null, precision: 'unknown' });
    assert.equal(items.at(-1)?.id, undated.id);
    assert.ok(items.slice(0, -1).every((i) => i.date.start !== null));
    assert.equal((await list('')).total, items.length);
    assert.equal(undated.location?.name, 'Sarmin');
    assert.deepEqual(undated.killed.civilians, { best: 5, min: 5, max: 5 });
  });

  test('pages of one reach it through the cursors', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: ReturnType<typeof IncidentListSchema.parse> = await list(`?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.next_cursor;
    } while (cursor !== null && seen.length <= items.length);
    assert.deepEqual(seen, items.map((i) => i.id));
  });

  test('GET /incidents/{id} answers it in the published shape', async () => {
    const { status, body } = await getJson(fx.app, `/api/v1/incidents/${undated.id}`);
    assert.equal(status, 200);
    const detail = IncidentDetailSchema.parse(body);
    assert.deepEqual(detail.incident.date, { start: null, end: null, precision: 'unknown' });
    assert.deepEqual(detail.documents.map((d) => [d.id, d.published]), [[UNDATED.id, null]]);
  });

  test('a date range leaves it out; other filters find it', async () => {
    for (const query of ['?from=2000-01-01', '?to=2099-12-31', '?from=2000-01-01&admin1=Idlib']) {
      const page = await list(query);
      assert.ok(!page.items.some((i) => i.id === undated.id), query);
      assert.equal(page.total, page.items.length);
    }
    assert.deepEqual((await list('?document=api-08-sarmin-undated')).items.map((i) => i.id), [undated.id]);
    assert.ok((await list('?admin1=idlib&perpetrator=syrian-government')).items.some((i) => i.id === undated.id));
  });

  test('stats: in no day, week or month row but reported as undated; in its perpetrator row', async () => {
    for (const group of ['day', 'week', 'month']) {
      const { body } = await getJson(fx.app, `/api/v1/stats?group_by=${group}`);
      const stats = StatsSchema.parse(body);
      assert.equal(stats.rows.reduce((n, r) => n + r.incidents, 0), items.length - 1, group);
      assert.deepEqual(stats.undated, { incidents: 1, killed: 5, civilians: 5 }, group);
    }
    const { body } = await getJson(fx.app, '/api/v1/stats?group_by=perpetrator&document=api-08-sarmin-undated');
    const byPerpetrator = StatsSchema.parse(body);
    assert.deepEqual(byPerpetrator.rows, [{ key: 'syrian-government', incidents: 1, killed: 5, civilians: 5 }]);
    const dated = StatsSchema.parse((await getJson(fx.app, '/api/v1/stats?group_by=day&from=2023-01-01')).body);
    assert.deepEqual(dated.undated, { incidents: 0, killed: 0, civilians: 0 }, 'none with a date range');
  });

  test('exports carry it: JSON with null dates, CSV with blank event_date, GeoJSON with null date properties', async () => {
    const json = (await getJson<IncidentsJson>(fx.app, '/api/v1/export?format=json')).body;
    assert.deepEqual(json.incidents.find((i) => i.id === undated.id)?.date, { start: null, end: null, precision: 'unknown' });
    const [header, ...rows] = parseCsv(await (await fx.app.request('/api/v1/export?format=csv&document=api-08-sarmin-undated')).text());
    assert.equal(rows.length, 1);
    const row = Object.fromEntries(header.map((h, i) => [h, rows[0][i]]));
    assert.deepEqual([row.event_date, row.year, row.time_precision, row.fatalities], ['', '', '3', '5']);
    const geo = (await getJson<{ features: { id: string; properties: Record<string, unknown> }[] }>(fx.app, '/api/v1/export?format=geojson')).body;
    const feature = geo.features.find((f) => f.id === undated.id);
    assert.deepEqual([feature?.properties.date_start, feature?.properties.date_end, feature?.properties.date_precision], [null, null, 'unknown']);
  });

  test('the OpenAPI description documents the unknown date and the undated statistics', async () => {
    const doc = (await getJson<{ components: { schemas: Record<string, unknown> } }>(fx.app, OPENAPI_PATH)).body;
    const date = JSON.stringify(doc.components.schemas.IncidentDate);
    assert.match(date, /"unknown"/);
    assert.match(date, /"type":"null"/);
    assert.match(JSON.stringify(doc.components.schemas.Stats), /"undated"/);
  });
});
