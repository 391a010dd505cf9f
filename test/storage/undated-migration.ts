/**
 * Migration 3 (`undated-incidents`, src/storage/store-migrations.ts) on a store written at version
 * 2, for each backend's test file: every stored row survives (documents, mentions, incidents with
 * their claims and child rows, day statistics, tallies, warnings), answers are those of a store
 * that never needed migrating, the day columns become nullable, and an incident of unknown date
 * can then be stored. SQLite rebuilds the tables to drop the constraints, so this also checks that
 * the foreign keys and indexes come back as they were.
 */
import assert from 'node:assert/strict';
import type { IncidentFilter, IncidentStore } from '../../src/storage/incident-store.ts';
import type { KyselyIncidentStore } from '../../src/storage/kysely-incident-store.ts';
import { STORE_MIGRATIONS, UNDATED_NULLABLE_COLUMNS } from '../../src/storage/store-migrations.ts';
import type { Incident } from '../../src/domain/types.ts';
import { makeArticle, makeIncident, makeMention, makeTally } from './domain-fixtures.ts';
import { QUERY_INCIDENTS, dated } from './query-fixtures.ts';

/** What a test file provides: a store at migration 2, the same location opened as usual, a fresh store, and the schema as the database reports it. */
export interface UndatedMigrationSetup {
  /** The location migrated to version 2 only (STORE_MIGRATIONS.slice(0, 2)), as a store. */
  openAtVersion2(): Promise<KyselyIncidentStore>;
  /** The same location opened as `tally` opens it (pending migrations applied). */
  reopen(): Promise<KyselyIncidentStore>;
  /** A new, empty store at the latest version. */
  openFresh(): Promise<KyselyIncidentStore>;
  /** Per table: column name → nullable. */
  nullability(table: string): Promise<Map<string, boolean>>;
  /** Names of the indexes on the incident tables. */
  indexNames(): Promise<string[]>;
  /** Foreign keys of every table, as `table.column -> table.column`, sorted. */
  foreignKeys(): Promise<string[]>;
}

const ARTICLE = makeArticle({ id: 'mig-doc' });
const MENTIONS = [makeMention('mig-doc', 0), makeMention('mig-doc', 1)];
const TALLIES = [makeTally({ id: 'mig-tally' })];
const WARNING = { code: 'no-date', message: 'no publication date', source: 'mig-doc' };
const FILTERS: IncidentFilter[] = [{}, { admin1: 'idlib' }, { perpetrator: 'russia', from: '2019-11-20' }, { document: 'doc-q-shared' }, { q: 'kafr' }];

/** Everything a reader can see of a store, for comparing two. */
async function everything(store: IncidentStore) {
  const pages = [];
  for (const filter of FILTERS) {
    pages.push(await store.queryIncidentJson(filter, { limit: 7 }));
    for (const groupBy of ['day', 'month', 'perpetrator'] as const) pages.push(await store.stats(filter, groupBy, groupBy !== 'perpetrator'));
  }
  return {
    incidents: await store.listIncidents(),
    one: await store.getIncident('q-07'),
    tallies: await store.listTallies(),
    mentions: await store.listMentionsForDocument('mig-doc'),
    document: await store.getDocument('mig-doc'),
    warnings: await store.listWarnings('mig-run'),
    pages,
  };
}

export async function checkUndatedMigration(setup: UndatedMigrationSetup): Promise<void> {
  const incidents = dated(QUERY_INCIDENTS);
  const old = await setup.openAtVersion2();
  try {
    assert.equal(await old.schemaVersion(), 2);
    await old.putDocumentWithMentions(ARTICLE, '2026-01-01T00:00:00Z', MENTIONS);
    await old.replaceIncidents(incidents, TALLIES);
    // Before the migration the database itself refuses an incident without a day.
    const undated = makeIncident({ id: 'mig-undated', date: { start: null, end: null, precision: 'unknown' } });
    await assert.rejects(old.replaceIncidents([undated], []), /NOT NULL|null value/i);
    assert.deepEqual(await old.listIncidents(), incidents, 'the refused write changed nothing');
  } finally {
    await old.close();
  }
  const indexesBefore = await setup.indexNames();
  const keysBefore = await setup.foreignKeys();
  assert.ok(keysBefore.includes('claims.incident_id -> incidents.id'), keysBefore.join('; '));

  const migrated = await setup.reopen();
  const fresh = await setup.openFresh();
  try {
    assert.equal(await migrated.schemaVersion(), STORE_MIGRATIONS.length);
    // Warnings are written after the migration: their columns of migration 8 do not exist at version 2.
    await migrated.addWarnings('mig-run', [WARNING]);
    await fresh.putDocumentWithMentions(ARTICLE, '2026-01-01T00:00:00Z', MENTIONS);
    await fresh.replaceIncidents(incidents, TALLIES);
    await fresh.addWarnings('mig-run', [WARNING]);
    const after = await everything(migrated);
    assert.deepEqual(after.incidents, incidents, 'every incident kept, in its order');
    assert.equal(after.mentions.length, 2);
    assert.deepEqual(after, await everything(fresh), 'the migrated store answers as a store that never needed migrating');

    for (const [table, columns] of Object.entries(UNDATED_NULLABLE_COLUMNS)) {
      const nullable = await setup.nullability(table);
      for (const column of columns) assert.equal(nullable.get(column), true, `${table}.${column} is nullable`);
    }
    assert.equal((await setup.nullability('incidents')).get('event_type'), false, 'other constraints stay');
    // Tables of later migrations (4: issued incident ids, 5: users) arrive with the migration to the
    // latest version; the rest must be as before.
    const ofLaterMigration = (name: string) => /^(?:users|api_tokens|sessions|incident_ids|incident_id_mentions|feeds|feed_items|warnings_fingerprint|warnings_at)\b/.test(name);
    assert.deepEqual((await setup.indexNames()).filter((n) => !ofLaterMigration(n)), indexesBefore, 'the same indexes');
    assert.deepEqual((await setup.foreignKeys()).filter((k) => !ofLaterMigration(k)), keysBefore, 'the same foreign keys, still pointing at incidents');

    // Now an incident of unknown date is stored beside the old ones, and the whole set can be replaced.
    const undated: Incident = makeIncident({ id: 'mig-undated', date: { start: null, end: null, precision: 'unknown' } });
    await migrated.replaceIncidents([...incidents, undated], TALLIES);
    assert.deepEqual(await migrated.getIncident('mig-undated'), undated);
    assert.equal(await migrated.countIncidents({}), incidents.length + 1);
    assert.equal((await migrated.queryIncidents({}, { limit: 1000 })).items.at(-1)?.id, 'mig-undated');
  } finally {
    await migrated.close();
    await fresh.close();
  }
}
