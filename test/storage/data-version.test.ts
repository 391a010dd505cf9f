/**
 * The store's data version (what the API's ETags are made of) on SQLite and PostgreSQL: every
 * committed write changes it, a refused write does not, and a second connection — another process
 * of `tally serve --workers N`, or a `tally ingest` beside the server — sees the change at once.
 * The PostgreSQL half needs TALLY_TEST_PG_URL (skipped without it, unless TALLY_REQUIRE_PG=1).
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/storage/open-store.ts';
import { incidentsJsonRendering } from '../../src/export/incidents-json.ts';
import type { IncidentStore } from '../../src/storage/incident-store.ts';
import { makeArticle, makeIncident } from './domain-fixtures.ts';
import { testDatabase } from './pg-test-database.ts';

const ADMIN_URL = process.env.TALLY_TEST_PG_URL;
const REQUIRED = process.env.TALLY_REQUIRE_PG === '1';

const dir = mkdtempSync(join(tmpdir(), 'tally-data-version-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function dataVersionContract(name: string, location: () => Promise<string>, cleanup: () => Promise<void> = async () => undefined): void {
  describe(`data version (${name})`, () => {
    let url = '';
    let store: IncidentStore;
    let other: IncidentStore;
    after(async () => {
      await store?.close();
      await other?.close();
      await cleanup();
    });

    test('every committed write changes it, as another connection sees; a refused write does not', async () => {
      url = await location();
      store = await openStore(url, incidentsJsonRendering);
      other = await openStore(url, incidentsJsonRendering);
      const seen = [await other.dataVersion()];
      const changedBy = async (what: string, write: () => Promise<unknown>) => {
        await write();
        const now = await other.dataVersion();
        assert.ok(!seen.includes(now), `${what}: the version ${now} was seen before (${seen.join(', ')})`);
        assert.equal(await store.dataVersion(), now, `${what}: both connections read the same version`);
        seen.push(now);
      };
      await changedBy('a document', () => store.putDocument(makeArticle({ id: 'dv-1' }), '2026-01-01T00:00:00Z'));
      await changedBy('an incident set', () => store.replaceIncidents([makeIncident({ id: 'inc-dv-1' })], []));
      await changedBy('a user', () => store.addUser({ name: 'dv-ana', role: 'analyst', passwordHash: null, createdAt: '2026-01-01T00:00:00Z' }));
      await changedBy('an audit entry', () => store.appendAudit([{ at: '2026-01-01T00:00:00Z', actor: { kind: 'user', name: 'dv-ana' }, action: 'relink', incidentId: null, field: null, before: null, after: null, reason: null, cause: 'relink' }]));

      const before = await other.dataVersion();
      await assert.rejects(() => store.addUser({ name: 'dv-ana', role: 'viewer', passwordHash: null, createdAt: '2026-01-02T00:00:00Z' }));
      assert.equal(await other.dataVersion(), before, 'a refused write leaves the version as it was');
    });
  });
}

dataVersionContract('sqlite', async () => join(dir, 'data-version.db'));

if (ADMIN_URL) {
  const db = testDatabase(ADMIN_URL, 'data_version');
  dataVersionContract(
    'postgres',
    async () => {
      await db.create();
      return db.url;
    },
    () => db.drop(),
  );
} else {
  test('data version (postgres)', { skip: !REQUIRED && 'TALLY_TEST_PG_URL is not set' }, () => {
    assert.fail('TALLY_TEST_PG_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/postgres); TALLY_REQUIRE_PG=1 asks for the PostgreSQL tests');
  });
}
