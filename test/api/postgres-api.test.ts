/**
 * The API over PostgreSQL answers exactly as over SQLite: the same articles (one of them a report of
 * unknown date) ingested into both stores with the same clock, then every read endpoint (lists with each filter, pages, details,
 * documents, tallies, statistics, exports) is requested from both apps and the bodies compared,
 * and a POST lands in PostgreSQL. "Serves any store" is then a tested property, not a hope.
 *
 * Needs a server: env TALLY_TEST_PG_URL names a database to connect to as a user that may create
 * databases (e.g. postgres://postgres@127.0.0.1:5432/postgres); a database is created for the run
 * and dropped afterwards. Without it the test is skipped, unless TALLY_REQUIRE_PG=1 makes it fail.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openStore } from '../../src/storage/open-store.ts';
import { incidentsJsonRendering } from '../../src/export/incidents-json.ts';
import { ARTICLES, TOKEN, UNDATED_ARTICLE, buildApi, buildApiOver, type ApiFixture } from './api-fixture.ts';
import { testDatabase } from '../storage/pg-test-database.ts';

const ADMIN_URL = process.env.TALLY_TEST_PG_URL;
const REQUIRED = process.env.TALLY_REQUIRE_PG === '1';
const MISSING = 'TALLY_TEST_PG_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/postgres); the API-over-PostgreSQL test needs a server';

const READS = [
  '/api/v1/health',
  '/api/v1/incidents',
  '/api/v1/incidents?limit=1',
  '/api/v1/incidents?from=2023-05-01',
  '/api/v1/incidents?to=2023-04-30',
  '/api/v1/incidents?bbox=36.0,35.5,37.5,37.0',
  '/api/v1/incidents?admin1=IDLIB',
  '/api/v1/incidents?perpetrator=russia',
  '/api/v1/incidents?event_type=shelling',
  '/api/v1/incidents?min_killed=5',
  '/api/v1/incidents?claimant=sohr',
  '/api/v1/incidents?q=Azaz',
  '/api/v1/incidents?review_status=unreviewed',
  '/api/v1/incidents?document=api-02-ariha-agency',
  '/api/v1/documents/api-01-ariha-wire',
  '/api/v1/documents/api-06-monthly-report',
  '/api/v1/tallies',
  '/api/v1/tallies?claimant=sohr&from=2023-06-01',
  '/api/v1/stats?group_by=day',
  '/api/v1/stats?group_by=week',
  '/api/v1/stats?group_by=month&by_perpetrator=true',
  '/api/v1/stats?group_by=perpetrator&min_killed=3',
  '/api/v1/export?format=json',
  '/api/v1/export?format=csv&perpetrator=russia',
  '/api/v1/export?format=geojson&from=2023-04-01',
  '/api/v1/incidents?document=api-08-sarmin-undated',
  '/api/v1/stats?group_by=day&admin1=idlib',
  '/api/v1/review/queue',
  '/api/v1/review/queue?reason=single-source&limit=2&offset=1',
  '/api/v1/review/queue?admin1=idlib&status=all&from=2023-03-01',
  '/api/v1/stats?group_by=perpetrator',
  '/api/v1/incidents/inc-000000000000',
  '/api/v1/incidents?bbox=1,2,3',
];

if (!ADMIN_URL) {
  if (REQUIRED) test('API over PostgreSQL', () => assert.fail(`TALLY_REQUIRE_PG=1 but ${MISSING}`));
  else test('API over PostgreSQL', { skip: MISSING }, () => {});
} else {
  describe('API over PostgreSQL', () => {
    const db = testDatabase(ADMIN_URL, 'api');
    let sqlite: ApiFixture;
    let postgres: ApiFixture;
    before(async () => {
      await db.create();
      // With an incident of unknown date, which both databases must list last and count alike.
      sqlite = await buildApi([...ARTICLES, UNDATED_ARTICLE]);
      postgres = await buildApiOver(await openStore(db.url, incidentsJsonRendering), [...ARTICLES, UNDATED_ARTICLE]);
    });
    after(async () => {
      await sqlite?.store.close();
      await postgres?.store.close();
      await db.drop();
    });

    for (const path of READS) {
      test(`GET ${path} answers as on SQLite`, async () => {
        const [a, b] = await Promise.all([sqlite.app.request(path), postgres.app.request(path)]);
        assert.equal(b.status, a.status);
        assert.equal(b.headers.get('content-type'), a.headers.get('content-type'));
        assert.equal(await b.text(), await a.text());
      });
    }

    test('pages follow the same cursors to the same end', async () => {
      const walk = async (f: ApiFixture) => {
        const ids: string[] = [];
        let cursor: string | null = null;
        do {
          const res = await f.app.request(`/api/v1/incidents?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
          const page = (await res.json()) as { items: { id: string }[]; next_cursor: string | null };
          ids.push(...page.items.map((i) => i.id));
          cursor = page.next_cursor;
        } while (cursor);
        return ids;
      };
      assert.deepEqual(await walk(postgres), await walk(sqlite));
    });

    test("ETag: 304 for the current tag; a write through another connection (another worker's) changes it", async () => {
      const first = await postgres.app.request('/api/v1/stats?group_by=month');
      const tag = first.headers.get('etag')!;
      assert.match(tag, /^W\/"9\.9\.9-test-\d+\.\d+"$/);
      assert.equal((await postgres.app.request('/api/v1/stats?group_by=month', { headers: { 'If-None-Match': tag } })).status, 304);
      const other = await buildApiOver(await openStore(db.url, incidentsJsonRendering), []);
      try {
        // Another town and month than every other article, so it joins none of the incidents compared later.
        const doc = { ...ARTICLES[4], id: 'api-pg-etag', published: '2023-09-13', text: ARTICLES[4].text.replace('Al-Busayrah', 'Al-Mayadin') };
        const posted = await other.app.request('/api/v1/documents', { method: 'POST', body: JSON.stringify(doc), headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}` } });
        assert.equal(posted.status, 200, await posted.clone().text());
      } finally {
        await other.store.close();
      }
      const after = await postgres.app.request('/api/v1/stats?group_by=month', { headers: { 'If-None-Match': tag } });
      assert.equal(after.status, 200);
      assert.notEqual(after.headers.get('etag'), tag);
    });

    test('a POST lands in PostgreSQL and is listed', async () => {
      const doc = { ...ARTICLES[2], id: 'api-pg-post', text: ARTICLES[2].text.replace('Azaz', 'Afrin').replace('Four', 'Seven') };
      const res = await postgres.app.request('/api/v1/documents', {
        method: 'POST',
        body: JSON.stringify(doc),
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}` },
      });
      assert.equal(res.status, 200, await res.clone().text());
      const list = (await (await postgres.app.request('/api/v1/incidents?document=api-pg-post')).json()) as { total: number };
      assert.equal(list.total, 1);
    });

    test('review decisions answer as on SQLite; two edits against one version: one 201, one 409, nothing overwritten', async () => {
      const auth = { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}` };
      const idOf = async (f: ApiFixture) => ((await (await f.app.request('/api/v1/incidents?document=api-04-douma-shelling')).json()) as { items: { id: string }[] }).items[0].id;
      const [a, b] = [await idOf(sqlite), await idOf(postgres)];
      assert.equal(b, a);
      const edit = (f: ApiFixture, value: number) =>
        f.app.request(`/api/v1/incidents/${a}/decisions`, { method: 'POST', headers: { ...auth, 'If-Match': '"0"' }, body: JSON.stringify({ kind: 'edit', field: 'killed.total.best', value, reason: `count ${value}` }) });
      // The app writes one at a time; two apps over the one PostgreSQL database race for real.
      const other = await buildApiOver(await openStore(db.url, incidentsJsonRendering), []);
      try {
        const results = await Promise.all([edit(postgres, 3), edit(other, 4)]);
        assert.deepEqual(results.map((r) => r.status).sort(), [201, 409]);
        const winner = results.find((r) => r.status === 201)!;
        const value = ((await winner.json()) as { decision: { action: { value: number } } }).decision.action.value;
        const incident = (await (await postgres.app.request(`/api/v1/incidents/${a}`)).json()) as { incident: { killed: { total: { best: number } } } };
        assert.equal(incident.incident.killed.total.best, value);
        assert.equal((await edit(sqlite, value)).status, 201);
      } finally {
        await other.store.close();
      }
      for (const path of [`/api/v1/incidents/${a}`, '/api/v1/export?format=csv', '/api/v1/audit?action=review.edit', '/api/v1/decisions?status=orphaned']) {
        const [x, y] = await Promise.all([sqlite.app.request(path), postgres.app.request(path)]);
        assert.equal(y.status, x.status, path);
        if (path.startsWith('/api/v1/incidents')) assert.equal(await y.text(), await x.text(), path);
      }
    });
  });
}
