/**
 * GET /api/v1/export streamed (issue 12): an export of more incidents than `openExportLimit`
 * needs credentials with the read permission, a smaller one does not; `since=` keeps the
 * incidents changed since; a bad `since` is a 400 naming it. Real SQLite store, app in-process.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openStore } from '../../src/storage/open-store.ts';
import { incidentsJsonRendering, type IncidentsJson } from '../../src/export/incidents-json.ts';
import { embeddedDefault } from '../../src/services/gazetteer-service.ts';
import { ingestItems } from '../../src/services/ingest-batch.ts';
import { createApp } from '../../src/api/app.ts';
import type { ApiApp } from '../../src/api/app-deps.ts';
import type { IncidentStore } from '../../src/storage/incident-store.ts';
import { ARTICLES, NOW, TOKEN } from './api-fixture.ts';
import { expectGetError } from './api-assert.ts';
import { parseCsv } from '../export/parse-csv.ts';

const EARLY = '2025-12-01T00:00:00.000Z';
const LATE = '2025-12-20T00:00:00.000Z';
/** One report ingested later than the others; it joins no earlier incident. */
const LATE_ARTICLES = ARTICLES.filter((a) => a.id === 'api-04-douma-shelling');

let store: IncidentStore;
let total: number;
const appWith = (openExportLimit?: number): ApiApp =>
  createApp({ store, resolver: embeddedDefault().resolver, token: TOKEN, clock: () => NOW, logError: () => undefined, ...(openExportLimit !== undefined ? { openExportLimit } : {}) });

before(async () => {
  store = await openStore(':memory:', incidentsJsonRendering);
  const { resolver } = embeddedDefault();
  const items = (list: typeof ARTICLES) => list.map((a) => ({ kind: 'article' as const, article: a, source: a.id }));
  await ingestItems(store, resolver, items(ARTICLES.filter((a) => !LATE_ARTICLES.includes(a))), { now: EARLY, runId: EARLY, policy: 'latest' });
  await ingestItems(store, resolver, items(LATE_ARTICLES), { now: LATE, runId: LATE, policy: 'latest' });
  total = await store.countIncidents({});
});

describe('GET /api/v1/export: credentials beyond the open limit', () => {
  test('the store holds more incidents than the limit used here', () => assert.ok(total > 2));

  test('anonymous, more incidents than the limit: 401', async () => {
    const res = await appWith(2).request('/api/v1/export?format=csv');
    assert.equal(res.status, 401);
    assert.match(await res.text(), /read permission/);
  });

  test('with the server token, more incidents than the limit: 200 and every incident', async () => {
    const res = await appWith(2).request('/api/v1/export?format=csv', { headers: { Authorization: `Bearer ${TOKEN}` } });
    assert.equal(res.status, 200);
    assert.equal(parseCsv(await res.text()).length - 1, total);
  });

  test('anonymous, at most the limit: 200', async () => {
    const res = await appWith(total).request('/api/v1/export?format=csv');
    assert.equal(res.status, 200);
    assert.equal(parseCsv(await res.text()).length - 1, total);
  });

  test('anonymous, a filtered export within the limit of a larger store: 200', async () => {
    const russia = await store.countIncidents({ perpetrator: 'russia' });
    assert.ok(russia > 0 && russia < total);
    const res = await appWith(russia).request('/api/v1/export?format=json&perpetrator=russia');
    assert.equal(res.status, 200);
    assert.equal(((await res.json()) as IncidentsJson).incidents.length, russia);
  });

  test('the default limit (10,000) lets an anonymous caller export this store', async () => {
    assert.equal((await appWith().request('/api/v1/export?format=geojson')).status, 200);
  });
});

describe('GET /api/v1/export?since=', () => {
  test('only incidents changed since: those of the later ingest', async () => {
    const file = (await (await appWith().request(`/api/v1/export?format=json&since=${encodeURIComponent('2025-12-10T00:00:00Z')}`)).json()) as IncidentsJson;
    const late = new Set(LATE_ARTICLES.map((a) => a.id));
    const all = await store.listIncidents();
    const expected = all.filter((i) => i.documents.some((d) => late.has(d))).map((i) => i.id);
    assert.ok(expected.length > 0 && expected.length < all.length);
    assert.deepEqual(file.incidents.map((i) => i.id), expected);
    assert.ok(file.documents.every((d) => late.has(d.id) || file.incidents.some((i) => i.documents.includes(d.id))));
  });

  test('a since that is not a date-time: 400 naming since', async () => {
    await expectGetError(appWith(), '/api/v1/export?format=csv&since=yesterday', { status: 400, code: 'invalid_parameter', parameter: 'since', mentions: 'yesterday' });
  });
});

describe('following a CSV row back to its incident', () => {
  test('tally_id is the incident’s URL; event_id_cnty answers 303 to it', async () => {
    const app = appWith();
    const [header, ...rows] = parseCsv(await (await app.request('/api/v1/export?format=csv')).text());
    assert.equal(rows.length, total);
    for (const row of rows) {
      const tallyId = row[header.indexOf('tally_id')];
      const eventId = row[header.indexOf('event_id_cnty')];
      assert.equal((await app.request(`/api/v1/incidents/${encodeURIComponent(tallyId)}`)).status, 200, tallyId);
      const res = await app.request(`/api/v1/incidents/${eventId}`);
      assert.equal(res.status, 303, eventId);
      assert.equal(res.headers.get('location'), `/api/v1/incidents/${encodeURIComponent(tallyId)}`);
    }
  });

  test('a code of the same shape that names no incident: 404', async () => {
    await expectGetError(appWith(), '/api/v1/incidents/SYR0000000000', { status: 404, code: 'not_found', mentions: 'SYR0000000000' });
  });
});
