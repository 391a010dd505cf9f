/**
 * The IncidentStore contract: behaviour every implementation must show, run by each backend's
 * test file as `runStoreContract(name, open)` (SQLite in sqlite-store.test.ts, PostgreSQL in
 * postgres-store.test.ts).
 *
 * `open()` opens a connection to ONE database created for this suite run (empty before the first
 * call); calling it again REOPENS the same database, which is how persistence and idempotent
 * migrations are checked. Tests therefore share that database: each uses its own document ids and
 * run ids, and whole-set operations (incidents, gazetteer) start with a replace of their own.
 * Every test closes what it opens.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { IncidentFilter, IncidentStore, Page, PerpetratorSplit, StatsRow } from '../../src/storage/incident-store.ts';
import type { AuditEntry, NewAuditEntry, NewDecision, ReviewDecision } from '../../src/domain/review.ts';
import type { KyselyIncidentStore } from '../../src/storage/kysely-incident-store.ts';
import type { GazetteerEntry } from '../../src/domain/gazetteer-entry.ts';
import type { Incident, IssuedIncidentId } from '../../src/domain/types.ts';
import { StoreQueryError, StoreWriteError, VersionConflictError } from '../../src/storage/store-errors.ts';
import { headlineCount } from '../../src/domain/headline-figure.ts';
import { incidentJson } from '../../src/export/incidents-json.ts';
import { parseArticle } from '../../src/pipeline/ingest/parse-article.ts';
import {
  makeArticle,
  makeClaim,
  makeGazetteerEntry,
  makeIncident,
  makeMention,
  makePlace,
  makeTally,
  prov,
  range,
} from './domain-fixtures.ts';
import { QUERY_INCIDENTS, dated, listOrder, matchesFilter } from './query-fixtures.ts';

const T1 = '2026-01-10T08:00:00Z';
const T2 = '2026-01-11T09:30:00Z';

/** Every page of a query, checking each page's size and that cursors move forward. */
async function walkPages(store: IncidentStore, filter: IncidentFilter, limit: number): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page = await store.queryIncidents(filter, { cursor, limit });
    pages++;
    assert.ok(page.items.length <= limit, `page ${pages} has ${page.items.length} items, limit ${limit}`);
    if (page.nextCursor !== null) assert.equal(page.items.length, limit, `a page before the last is full (page ${pages})`);
    ids.push(...page.items.map((i) => i.id));
    cursor = page.nextCursor;
    assert.ok(pages <= 1000, 'pagination does not end');
  } while (cursor !== null);
  return { ids, pages };
}

function expectedIds(filter: IncidentFilter, among: readonly Incident[] = QUERY_INCIDENTS): string[] {
  return listOrder(among.filter((i) => matchesFilter(i, filter))).map((i) => i.id);
}

const DAY_MS = 86_400_000;
const isoOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * IncidentStore.stats written out plainly over QUERY_INCIDENTS, as its documentation states it:
 * incidents of unknown date in no time bucket, but under their perpetrators.
 */
function expectedStats(filter: IncidentFilter, groupBy: 'day' | 'week' | 'month' | 'year' | 'perpetrator', byPerpetrator: boolean, perpetratorSplit: PerpetratorSplit = 'each'): StatsRow[] {
  const withPerpetrator = byPerpetrator && groupBy !== 'perpetrator';
  const rows = new Map<string, StatsRow>();
  for (const incident of QUERY_INCIDENTS.filter((i) => matchesFilter(i, filter))) {
    const day = incident.date.start;
    if (day === null && groupBy !== 'perpetrator') continue;
    const start = Date.parse(`${day}T00:00:00Z`);
    const weekday = (new Date(start).getUTCDay() + 6) % 7; // Monday 0
    const bucket =
      groupBy === 'day' ? String(day) : groupBy === 'week' ? isoOf(start - weekday * DAY_MS) : groupBy === 'year' ? `${String(day).slice(0, 4)}-01-01` : `${String(day).slice(0, 7)}-01`;
    const named = [...new Set(incident.perpetrators)];
    // `each`: under each perpetrator (a perpetrator filter keeps its own); `sole`: once, under the only one, unknown or shared.
    const perpetrators = perpetratorSplit === 'sole' ? [named.length === 0 ? 'unknown' : named.length === 1 ? named[0] : 'shared'] : named.length ? named : ['unknown'];
    const split = groupBy === 'perpetrator' || withPerpetrator;
    const under = (split ? perpetrators : [null]).filter((p) => filter.perpetrator === undefined || !split || perpetratorSplit === 'sole' || p === filter.perpetrator);
    for (const p of under) {
      const key = groupBy === 'perpetrator' ? p! : bucket;
      const id = JSON.stringify([key, withPerpetrator ? p : null]);
      const row = rows.get(id) ?? { key, ...(withPerpetrator ? { perpetrator: p! } : {}), incidents: 0, killed: 0, civilians: 0 };
      row.incidents += 1;
      row.killed += headlineCount(incident.killed, 'best') ?? 0;
      row.civilians += incident.killed.civilians?.best ?? 0;
      rows.set(id, row);
    }
  }
  const bytes = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...rows.values()].sort((a, b) => bytes(a.key, b.key) || bytes(a.perpetrator ?? '', b.perpetrator ?? ''));
}

export function runStoreContract(name: string, open: () => Promise<IncidentStore>): void {
  async function withStore<T>(fn: (store: IncidentStore) => Promise<T>): Promise<T> {
    const store = await open();
    try {
      return await fn(store);
    } finally {
      await store.close();
    }
  }

  describe(`IncidentStore contract: ${name}`, () => {
    describe('documents', () => {
      test('a new id is stored as version 1 with its hash and ingest time', () =>
        withStore(async (store) => {
          const article = makeArticle({ id: 'c-doc-new' });
          assert.equal(await store.putDocument(article, T1), 'new');
          const stored = await store.getDocument('c-doc-new');
          assert.ok(stored);
          const { version, contentHash, ingestedAt, ...rest } = stored;
          assert.deepEqual(rest, { ...article, provenance: null, detectedLanguage: null });
          assert.equal(version, 1);
          assert.equal(ingestedAt, T1);
          assert.match(contentHash, /^[0-9a-f]{64}$/);
        }));

      test('re-putting the same id and text is unchanged and writes nothing', () =>
        withStore(async (store) => {
          const article = makeArticle({ id: 'c-doc-same' });
          assert.equal(await store.putDocument(article, T1), 'new');
          assert.equal(await store.putDocument({ ...article }, T2), 'unchanged');
          const versions = await store.listDocumentVersions('c-doc-same');
          assert.equal(versions.length, 1);
          assert.equal(versions[0].ingestedAt, T1, 'the first ingest time is kept');
        }));

      test('a new text under the same id is a new current version; the old one is kept', () =>
        withStore(async (store) => {
          const v1 = makeArticle({ id: 'c-doc-versions', text: 'Shelling hit Maarat al-Numan, killing three.' });
          const v2 = { ...v1, text: 'Shelling hit Maarat al-Numan, killing four, a medic said.' };
          assert.equal(await store.putDocument(v1, T1), 'new');
          assert.equal(await store.putDocument(v2, T2), 'new_version');
          assert.equal(await store.putDocument(v2, T2), 'unchanged');

          const current = await store.getDocument('c-doc-versions');
          assert.equal(current?.version, 2);
          assert.equal(current?.text, v2.text);
          assert.equal(current?.ingestedAt, T2);

          const versions = await store.listDocumentVersions('c-doc-versions');
          assert.deepEqual(
            versions.map((d) => [d.version, d.text, d.ingestedAt]),
            [
              [1, v1.text, T1],
              [2, v2.text, T2],
            ],
          );
          assert.notEqual(versions[0].contentHash, versions[1].contentHash);
          const listed = (await store.listDocuments()).filter((d) => d.id === 'c-doc-versions');
          assert.deepEqual(listed.map((d) => d.version), [2], 'only the current version is listed');
        }));

      test('a changed publication date is a new version (it changes how dates resolve)', () =>
        withStore(async (store) => {
          const article = makeArticle({ id: 'c-doc-published', published: '2019-11-06' });
          await store.putDocument(article, T1);
          assert.equal(await store.putDocument({ ...article, published: '2019-11-07' }, T2), 'new_version');
          assert.equal((await store.getDocument('c-doc-published'))?.published, '2019-11-07');
        }));

      test('null metadata and non-Latin text round-trip exactly', () =>
        withStore(async (store) => {
          const article = makeArticle({
            id: 'c-doc-nulls',
            text: 'قُتل ثلاثة مدنيين في قصف على معرة النعمان — « selon » the monitor 😐.',
            published: null,
            url: null,
            outlet: null,
            title: null,
            language: null,
          });
          await store.putDocument(article, T1);
          const { version: _v, contentHash: _h, ingestedAt: _i, ...rest } = (await store.getDocument('c-doc-nulls'))!;
          assert.deepEqual(rest, { ...article, provenance: null, detectedLanguage: null });
        }));

      test("an HTML page's provenance and a detected language round-trip; neither makes a new version", () =>
        withStore(async (store) => {
          const provenance = {
            format: 'html' as const,
            fetchedFrom: 'https://ledger.example/a/1?utm=x',
            fields: { id: 'link[rel=canonical]', published: 'meta[property="article:published_time"]', outlet: 'og:site_name' },
          };
          const article = { ...makeArticle({ id: 'c-doc-html', language: null }), provenance, detectedLanguage: 'en' };
          assert.equal(await store.putDocument(article, T1), 'new');
          const { version: _v, contentHash: _h, ingestedAt: _i, ...rest } = (await store.getDocument('c-doc-html'))!;
          assert.deepEqual(rest, article);
          assert.equal(await store.isCurrentDocument({ ...article, provenance: null, detectedLanguage: null }), true, 'how a text was read is not its content');
          assert.equal(await store.putDocument({ ...article, provenance: { ...provenance, fetchedFrom: null } }, T2), 'unchanged');
          assert.equal(await store.isCurrentDocument({ ...article, text: `${article.text} More.` }), false);
          assert.equal(await store.isCurrentDocument(makeArticle({ id: 'c-doc-never-put' })), false);
        }));

      test('a JSON document with lone UTF-16 surrogates reads back with U+FFFD in their place, as parsed', () =>
        withStore(async (store) => {
          // JSON.parse keeps "\ud800" as a lone surrogate; no UTF-8 store can hold one, so the input
          // boundary (parseArticle) replaces it and every store then holds the same text.
          const line = String.raw`{"id": "c-doc-surrogate", "text": "Shelling killed four people in Kafr Nabl\ud800 on Sunday, a monitor said.", "title": "Kafr Nabl \udc00shelled", "outlet": "Wire\ud83d"}`;
          const article = parseArticle(JSON.parse(line), 'surrogates.jsonl:1');
          assert.equal(article.text, 'Shelling killed four people in Kafr Nabl\uFFFD on Sunday, a monitor said.');
          assert.equal(article.title, 'Kafr Nabl \uFFFDshelled');
          assert.equal(article.outlet, 'Wire\uFFFD');
          await store.putDocument(article, T1);
          const { version: _v, contentHash: _h, ingestedAt: _i, ...rest } = (await store.getDocument('c-doc-surrogate'))!;
          assert.deepEqual(rest, { ...article, provenance: null, detectedLanguage: null });
        }));

      test('unknown ids: getDocument is null, no versions', () =>
        withStore(async (store) => {
          assert.equal(await store.getDocument('c-doc-never-stored'), null);
          assert.deepEqual(await store.listDocumentVersions('c-doc-never-stored'), []);
        }));

      test('listDocuments is ordered by id, byte order (upper case before lower case)', () =>
        withStore(async (store) => {
          for (const id of ['c-order-b', 'c-order-c', 'c-order-a', 'c-order-B', 'c-order_a']) await store.putDocument(makeArticle({ id }), T1);
          const ids = (await store.listDocuments()).map((d) => d.id).filter((id) => id.startsWith('c-order'));
          assert.deepEqual(ids, ['c-order-B', 'c-order-a', 'c-order-b', 'c-order-c', 'c-order_a']);
        }));
    });

    describe('mentions', () => {
      test('round-trip deep-equal, in the order given (12 mentions: #10 after #9)', () =>
        withStore(async (store) => {
          await store.putDocument(makeArticle({ id: 'c-men-rt' }), T1);
          const mentions = Array.from({ length: 12 }, (_, i) => makeMention('c-men-rt', i));
          mentions[3] = makeMention('c-men-rt', 3, {
            kind: 'tally',
            eventType: null,
            date: { start: '2019-11-01', end: '2019-11-30', precision: 'range', prov: null },
            quote: 'Le réseau a recensé 277 civils tués en novembre — dont 72 enfants, "selon" ses chiffres.',
            resolvedPlaces: [makePlace({ name: 'Syria', gazetteerId: null, lat: null, lon: null, admin1: null, admin2: null, precision: 'country' })],
            killed: {
              civilians: { value: 277, min: 277, max: 277, qualifier: 'exact', prov: prov('count.civilians', 20, '277 civils') },
              children: { value: 72, min: 72, max: 72, qualifier: 'exact', prov: prov('count.children', 50, '72 enfants') },
            },
            displaced: { value: 1000, min: 900, max: 1000, qualifier: 'nearly', prov: prov('count.displaced', 70, 'nearly a thousand') },
          });
          await store.replaceMentions('c-men-rt', mentions);
          assert.deepEqual(await store.listMentionsForDocument('c-men-rt'), mentions);
          assert.deepEqual((await store.listMentions()).filter((m) => m.docId === 'c-men-rt'), mentions);
        }));

      test('replaceMentions replaces the previous set', () =>
        withStore(async (store) => {
          await store.putDocument(makeArticle({ id: 'c-men-replace' }), T1);
          await store.replaceMentions('c-men-replace', [0, 1, 2].map((i) => makeMention('c-men-replace', i)));
          const second = [makeMention('c-men-replace', 0, { kind: 'background' })];
          await store.replaceMentions('c-men-replace', second);
          assert.deepEqual(await store.listMentionsForDocument('c-men-replace'), second);
          await store.replaceMentions('c-men-replace', []);
          assert.deepEqual(await store.listMentionsForDocument('c-men-replace'), []);
        }));

      test('mentions of one document do not touch another', () =>
        withStore(async (store) => {
          await store.putDocument(makeArticle({ id: 'c-men-a' }), T1);
          await store.putDocument(makeArticle({ id: 'c-men-b' }), T1);
          const a = [makeMention('c-men-a', 0)];
          const b = [makeMention('c-men-b', 0), makeMention('c-men-b', 1)];
          await store.replaceMentions('c-men-a', a);
          await store.replaceMentions('c-men-b', b);
          await store.replaceMentions('c-men-a', []);
          assert.deepEqual(await store.listMentionsForDocument('c-men-b'), b);
          const listed = (await store.listMentions()).filter((m) => m.docId === 'c-men-a' || m.docId === 'c-men-b');
          assert.deepEqual(listed, b);
        }));

      test('a new document version starts with no mentions (the old ones belong to the old text)', () =>
        withStore(async (store) => {
          const article = makeArticle({ id: 'c-men-version' });
          await store.putDocument(article, T1);
          await store.replaceMentions('c-men-version', [makeMention('c-men-version', 0)]);
          await store.putDocument({ ...article, text: `${article.text} Updated with a correction.` }, T2);
          assert.deepEqual(await store.listMentionsForDocument('c-men-version'), []);
          assert.equal((await store.listMentions()).filter((m) => m.docId === 'c-men-version').length, 0);
        }));

      test('mentions for a document never stored are refused, naming the document', () =>
        withStore(async (store) => {
          await assert.rejects(store.replaceMentions('c-men-ghost', [makeMention('c-men-ghost', 0)]), (e: Error) => e instanceof StoreWriteError && /c-men-ghost/.test(e.message));
          assert.deepEqual(await store.listMentionsForDocument('c-men-ghost'), []);
        }));

      const refusedSets: [string, (docId: string) => ReturnType<typeof makeMention>[], RegExp][] = [
        ['a mention of another document', (d) => [makeMention(d, 0), makeMention('c-men-other', 5)], /c-men-other#5/],
        ['two mentions with one id', (d) => [makeMention(d, 0), makeMention(d, 1), makeMention(d, 0)], /mention #2 'c-men-own#0'.*duplicate/],
        ['a mention JSON cannot hold', (d) => [makeMention(d, 0), makeMention(d, 1, { displaced: { value: 3n as unknown as number, min: 3, max: 3, qualifier: 'exact', prov: prov('count.displaced', 0, 'three') } })], /mention #1 'c-men-own#1'/],
      ];
      for (const [label, make, names] of refusedSets) {
        test(`${label} is refused, naming it; the previous set stays`, () =>
          withStore(async (store) => {
            await store.putDocument(makeArticle({ id: 'c-men-own' }), T1);
            const kept = [makeMention('c-men-own', 0)];
            await store.replaceMentions('c-men-own', kept);
            await assert.rejects(store.replaceMentions('c-men-own', make('c-men-own')), (e: Error) => e instanceof StoreWriteError && names.test(e.message));
            assert.deepEqual(await store.listMentionsForDocument('c-men-own'), kept);
          }));
      }
    });

    describe('putDocumentWithMentions (one transaction)', () => {
      test('a new document lands with its mentions', () =>
        withStore(async (store) => {
          const mentions = [makeMention('c-pdm-new', 0), makeMention('c-pdm-new', 1)];
          assert.equal(await store.putDocumentWithMentions(makeArticle({ id: 'c-pdm-new' }), T1, mentions), 'new');
          assert.equal((await store.getDocument('c-pdm-new'))?.version, 1);
          assert.deepEqual(await store.listMentionsForDocument('c-pdm-new'), mentions);
        }));

      test('an unchanged text writes nothing, not even different mentions', () =>
        withStore(async (store) => {
          const article = makeArticle({ id: 'c-pdm-same' });
          const first = [makeMention('c-pdm-same', 0)];
          await store.putDocumentWithMentions(article, T1, first);
          assert.equal(await store.putDocumentWithMentions({ ...article }, T2, [makeMention('c-pdm-same', 0, { kind: 'background' })]), 'unchanged');
          assert.deepEqual(await store.listMentionsForDocument('c-pdm-same'), first);
          assert.equal((await store.getDocument('c-pdm-same'))?.ingestedAt, T1);
        }));

      test('a changed text is a new version carrying only the new mentions', () =>
        withStore(async (store) => {
          const article = makeArticle({ id: 'c-pdm-version' });
          await store.putDocumentWithMentions(article, T1, [makeMention('c-pdm-version', 0), makeMention('c-pdm-version', 1)]);
          const second = [makeMention('c-pdm-version', 0, { quote: 'Air raids on Saraqib killed four people, a medic said.' })];
          assert.equal(await store.putDocumentWithMentions({ ...article, text: `${article.text} A medic later said four died.` }, T2, second), 'new_version');
          assert.deepEqual(await store.listMentionsForDocument('c-pdm-version'), second);
          assert.deepEqual((await store.listDocumentVersions('c-pdm-version')).map((d) => d.version), [1, 2]);
        }));

      test('a refused mention leaves no trace of a new document', () =>
        withStore(async (store) => {
          const bad = [makeMention('c-pdm-ghost', 0), makeMention('c-pdm-elsewhere', 1)];
          await assert.rejects(store.putDocumentWithMentions(makeArticle({ id: 'c-pdm-ghost' }), T1, bad), (e: Error) => e instanceof StoreWriteError && /c-pdm-elsewhere#1/.test(e.message));
          assert.equal(await store.getDocument('c-pdm-ghost'), null);
          assert.deepEqual(await store.listDocumentVersions('c-pdm-ghost'), []);
        }));

      test('a refused new version keeps the old version current with its mentions', () =>
        withStore(async (store) => {
          const article = makeArticle({ id: 'c-pdm-keep' });
          const kept = [makeMention('c-pdm-keep', 0)];
          await store.putDocumentWithMentions(article, T1, kept);
          const duplicate = [makeMention('c-pdm-keep', 0), makeMention('c-pdm-keep', 0)];
          await assert.rejects(store.putDocumentWithMentions({ ...article, text: `${article.text} Corrected.` }, T2, duplicate), StoreWriteError);
          const current = await store.getDocument('c-pdm-keep');
          assert.deepEqual([current?.version, current?.text], [1, article.text]);
          assert.deepEqual(await store.listMentionsForDocument('c-pdm-keep'), kept);
        }));
    });

    describe('incidents and tallies', () => {
      const incidentA = makeIncident({ id: 'c-inc-a' });
      const incidentB = makeIncident({
        id: 'c-inc-b',
        eventType: 'armed_clash',
        date: { start: '2019-11-30', end: '2019-12-01', precision: 'range' },
        location: makePlace({ name: 'Idlib', gazetteerId: 'geonames:169387', lat: null, lon: null, admin2: null, precision: 'admin1' }),
        places: [],
        perpetrators: ['syrian-government', 'opposition'],
        perpetratorsDisputed: true,
        killed: { fighters: range(96) },
        injured: {},
        targets: [],
        claims: [makeClaim({ claimant: 'sohr', quote: 'Clashes on several fronts left 96 fighters dead in 48 hours.', killed: { fighters: 96 } })],
        documents: ['doc-1', 'doc-3'],
        mentionIds: ['doc-1#2', 'doc-3#0'],
        review: { status: 'confirmed' },
      });
      const incidentNoLocation = makeIncident({ id: 'c-inc-c', location: null, places: [], killed: {}, injured: {}, claims: [] });
      const tally = makeTally({ id: 'c-tally-1' });
      const tally2 = makeTally({ id: 'c-tally-2', claimant: null, period: null, area: null, killed: {}, displaced: 12000 });

      test('round-trip deep-equal, in the order given', () =>
        withStore(async (store) => {
          const incidents = [incidentB, incidentA, incidentNoLocation];
          await store.replaceIncidents(incidents, [tally2, tally]);
          assert.deepEqual(await store.listIncidents(), incidents);
          assert.deepEqual(await store.listTallies(), [tally2, tally]);
        }));

      test('listIncidentBatch reads listIncidents batch by batch, with the newest ingest of each incident’s current documents', () =>
        withStore(async (store) => {
          await store.putDocument(makeArticle({ id: 'doc-1', text: 'First text.' }), T1);
          await store.putDocument(makeArticle({ id: 'doc-3', text: 'Third text.' }), T1);
          await store.putDocument(makeArticle({ id: 'doc-3', text: 'Third text, revised.' }), T2);
          const unstored = makeIncident({ id: 'c-inc-d', documents: ['doc-not-stored'] });
          const incidents = [incidentB, unstored, incidentA];
          await store.replaceIncidents(incidents, []);
          const first = await store.listIncidentBatch({}, { after: null, limit: 2 });
          const second = await store.listIncidentBatch({}, { after: first[1].position, limit: 2 });
          assert.deepEqual([...first, ...second].map((b) => b.incident), incidents);
          assert.deepEqual(incidentA.documents, ['doc-1']);
          assert.deepEqual([...first, ...second].map((b) => b.reportsIngestedAt), [T2, null, T1]);
          const matching = await store.listIncidentBatch({ eventType: 'armed_clash' }, { after: null, limit: 10 });
          assert.deepEqual(matching.map((b) => b.incident.id), ['c-inc-b']);
          assert.deepEqual(await store.listIncidentBatch({}, { after: second[0].position, limit: 2 }), []);
        }));

      test('listDocumentSummaries pages the current documents by id, without their text', () =>
        withStore(async (store) => {
          for (const id of ['c-sum-b', 'c-sum-a', 'c-sum-c']) await store.putDocument(makeArticle({ id, text: `Text of ${id}.` }), T1);
          await store.putDocument(makeArticle({ id: 'c-sum-a', text: 'A new text.' }), T2);
          // Other tests' documents may share the store: start after 'c-sum' (ids sort by bytes).
          const first = await store.listDocumentSummaries({ after: 'c-sum', limit: 2 });
          const rest = await store.listDocumentSummaries({ after: first[1].id, limit: 1 });
          assert.deepEqual([...first, ...rest].map((d) => [d.id, d.ingestedAt]), [['c-sum-a', T2], ['c-sum-b', T1], ['c-sum-c', T1]]);
          assert.ok(first.every((d) => !('text' in d)));
        }));

      test('getIncident returns one incident whole, null for an unknown id', () =>
        withStore(async (store) => {
          await store.replaceIncidents([incidentA, incidentB], []);
          assert.deepEqual(await store.getIncident('c-inc-b'), incidentB);
          assert.equal(await store.getIncident('c-inc-zzz'), null);
        }));

      test('a second replace replaces the whole set', () =>
        withStore(async (store) => {
          await store.replaceIncidents([incidentA, incidentB], [tally]);
          await store.replaceIncidents([incidentB], []);
          assert.deepEqual(await store.listIncidents(), [incidentB]);
          assert.deepEqual(await store.listTallies(), []);
          assert.equal(await store.getIncident('c-inc-a'), null);
          assert.equal(await store.countIncidents({}), 1);
          await store.replaceIncidents([], []);
          assert.deepEqual(await store.listIncidents(), []);
        }));

      // A failure part-way must leave the previous set exactly as it was.
      const unserialisable = makeIncident({ id: 'c-inc-bad', killed: { total: { best: 10n as unknown as number, min: 10, max: 10 } } });
      const undated = makeIncident({ id: 'c-inc-undated', date: { start: '2019-11', end: '2019-11', precision: 'range' } });
      const halfUnknown = makeIncident({ id: 'c-inc-half', date: { start: '2019-11-02', end: null, precision: 'unknown' } as unknown as Incident['date'] });
      const nullDay = makeIncident({ id: 'c-inc-null-day', date: { start: null, end: null, precision: 'day' } as unknown as Incident['date'] });
      const failures: [string, Incident[], ReturnType<typeof makeTally>[], RegExp][] = [
        ['an incident that cannot be stored, in the middle', [incidentA, unserialisable, incidentB], [tally], /incident #1 'c-inc-bad'/],
        ['an incident without ISO dates', [incidentA, undated], [tally], /incident #1 'c-inc-undated'.*YYYY-MM-DD/],
        ['an unknown date that has a start', [incidentA, halfUnknown], [tally], /incident #1 'c-inc-half'.*precision 'unknown' but a start or end/],
        ['null dates with a precision other than unknown', [incidentA, nullDay], [tally], /incident #1 'c-inc-null-day'.*YYYY-MM-DD.*precision 'unknown'/],
        ['a duplicate incident id after valid rows', [incidentA, incidentB, incidentA], [tally], /incident #2 'c-inc-a'.*duplicate/],
        ['a duplicate tally id after all incidents', [incidentA, incidentB], [tally, tally], /tally #1 'c-tally-1'.*duplicate/],
      ];
      for (const [label, incidents, tallies, names] of failures) {
        test(`atomic: ${label} is refused naming it and leaves the old set intact`, () =>
          withStore(async (store) => {
            const old = [incidentNoLocation, incidentA];
            await store.replaceIncidents(old, [tally2]);
            const version = await store.incidentsVersion();
            await assert.rejects(store.replaceIncidents(incidents, tallies), (e: Error) => e instanceof StoreWriteError && names.test(e.message));
            assert.equal(await store.incidentsVersion(), version, 'the version stays');
            assert.equal(await store.countIncidents({}), old.length);
            assert.deepEqual(await store.listIncidents(), old);
            assert.deepEqual(await store.listTallies(), [tally2]);
            assert.deepEqual((await store.queryIncidents({}, { limit: 10 })).items.map((i) => i.id).sort(), ['c-inc-a', 'c-inc-c']);
          }));
      }

      test('answers follow every replace, made by this connection or another (cached counts, paths and statistics are dropped)', async () => {
        const reader = await open();
        const writer = await open();
        try {
          await writer.replaceIncidents([incidentA, incidentB], []);
          const v1 = await reader.incidentsVersion();
          const idlib = { admin1: 'Idlib' };
          assert.equal(await reader.countIncidents({}), 2);
          assert.equal((await reader.stats({}, 'perpetrator')).reduce((n, r) => n + r.incidents, 0), 3, 'A: one perpetrator, B: two');
          const idlibBefore = await reader.countIncidents(idlib);
          assert.equal(await reader.incidentsVersion(), v1, 'reads do not change the version');
          await writer.replaceIncidents([incidentB], []);
          const v2 = await reader.incidentsVersion();
          assert.notEqual(v2, v1, 'a replace by another connection changes the version');
          assert.equal(await reader.countIncidents({}), 1);
          assert.deepEqual((await reader.stats({}, 'perpetrator')).map((r) => [r.key, r.incidents]), [
            ['opposition', 1],
            ['syrian-government', 1],
          ]);
          assert.equal(await reader.countIncidents(idlib), idlibBefore - (incidentA.location?.admin1 === 'Idlib' ? 1 : 0));
          assert.deepEqual((await reader.queryIncidents({}, { limit: 10 })).items, [incidentB]);
          await reader.replaceIncidents([incidentA], []);
          assert.notEqual(await reader.incidentsVersion(), v2, 'its own replace changes the version too');
          assert.equal(await reader.countIncidents({}), 1);
          assert.deepEqual((await reader.queryIncidents({}, { limit: 10 })).items, [incidentA]);
        } finally {
          await reader.close();
          await writer.close();
        }
      });

      test('review status survives the round trip', () =>
        withStore(async (store) => {
          const statuses = ['unreviewed', 'confirmed', 'rejected', 'edited'] as const;
          const incidents = statuses.map((status) => makeIncident({ id: `c-inc-review-${status}`, review: { status } }));
          await store.replaceIncidents(incidents, []);
          assert.deepEqual((await store.listIncidents()).map((i) => i.review.status), [...statuses]);
        }));
    });

    runQueryContract(name, open);

    describe('issued incident ids (decision 0017)', () => {
      const k = (document: string, start: number) => ({ document, contentHash: `hash-${document}`, start, end: start + 40 });
      const issued: IssuedIncidentId[] = [
        { id: 'c-ids-a', seq: 1, status: 'current', successor: null, covers: [k('c-ids-doc-1', 0), k('c-ids-doc-2', 120), k('c-ids-doc-1', 300)] },
        { id: 'c-ids-b', seq: 2, status: 'merged', successor: 'c-ids-a', covers: [k('c-ids-doc-3', 5)] },
        { id: 'c-ids-c', seq: 3, status: 'withdrawn', successor: null, covers: [] },
        { id: 'c-ids-d', seq: 4, status: 'current', successor: null, covers: [k('c-ids-doc-4', 0)] },
      ];
      const incidentA = makeIncident({ id: 'c-ids-a', previousIds: ['c-ids-b'] });
      const incidentD = makeIncident({ id: 'c-ids-d', previousIds: [] });

      test('the table round-trips with the incidents, ordered by seq, covered mentions in order', () =>
        withStore(async (store) => {
          await store.replaceIncidents([incidentD, incidentA], [], [...issued].reverse());
          assert.deepEqual(await store.listIssuedIncidentIds(), issued);
          assert.deepEqual(await store.getIncident('c-ids-a'), incidentA, 'previous ids are part of the incident');
        }));

      test('a replace without a table leaves the table as it is; with one, replaces it whole', () =>
        withStore(async (store) => {
          await store.replaceIncidents([incidentA, incidentD], [], issued);
          await store.replaceIncidents([incidentA], []);
          assert.deepEqual(await store.listIssuedIncidentIds(), issued);
          await store.replaceIncidents([incidentA], [], issued.slice(0, 2));
          assert.deepEqual(await store.listIssuedIncidentIds(), issued.slice(0, 2));
        }));

      test('resolveIncidentId: a current id is itself, a merged one its successor, a withdrawn one nothing, an unknown one null', () =>
        withStore(async (store) => {
          await store.replaceIncidents([incidentA, incidentD], [], issued);
          assert.deepEqual(await store.resolveIncidentId('c-ids-a'), { id: 'c-ids-a', status: 'current', current: 'c-ids-a' });
          assert.deepEqual(await store.resolveIncidentId('c-ids-b'), { id: 'c-ids-b', status: 'merged', current: 'c-ids-a' });
          assert.deepEqual(await store.resolveIncidentId('c-ids-c'), { id: 'c-ids-c', status: 'withdrawn', current: null });
          assert.equal(await store.resolveIncidentId('c-ids-never'), null);
        }));

      const broken: [string, IssuedIncidentId[], RegExp][] = [
        ['a duplicate id', [issued[0], { ...issued[3], id: 'c-ids-a' }], /issued id #1 'c-ids-a': duplicate id/],
        ['a duplicate seq', [issued[0], { ...issued[3], seq: 1 }], /c-ids-d.*seq 1: duplicate/],
        ['a merged id without successor', [issued[0], { ...issued[1], successor: null }], /issued id #1 'c-ids-b': status 'merged' with successor null/],
        ['a successor that is not current', [issued[0], { ...issued[1], successor: 'c-ids-c' }, issued[2]], /successor 'c-ids-c' is 'withdrawn'/],
        ['an unknown status', [{ ...issued[0], status: 'retired' as never }], /status "retired" is not one of current, merged, withdrawn/],
      ];
      for (const [label, table, names] of broken) {
        test(`atomic: ${label} is refused naming it; incidents and table stay as they were`, () =>
          withStore(async (store) => {
            await store.replaceIncidents([incidentA, incidentD], [], issued);
            await assert.rejects(store.replaceIncidents([incidentD], [], table), (e: Error) => e instanceof StoreWriteError && names.test(e.message));
            assert.deepEqual(await store.listIssuedIncidentIds(), issued);
            assert.deepEqual((await store.listIncidents()).map((i) => i.id), ['c-ids-a', 'c-ids-d']);
          }));
      }

      test('the table survives reopening', async () => {
        await withStore((store) => store.replaceIncidents([incidentA, incidentD], [], issued));
        await withStore(async (store) => assert.deepEqual(await store.listIssuedIncidentIds(), issued));
      });
    });

    describe('review decisions and audit log (decision 0018)', () => {
      const decision = (incidentId: string, reviewer: string, action: NewDecision['action'] = { kind: 'confirm' }): NewDecision => ({
        incidentId,
        action,
        reviewer,
        reason: `reason of ${reviewer}`,
        decidedAt: T1,
      });
      const auditOf = (d: ReviewDecision): NewAuditEntry[] => [
        { at: d.decidedAt, actor: { kind: 'user', name: d.reviewer }, action: `review.${d.action.kind}`, incidentId: d.incidentId, field: null, before: null, after: d.version, reason: d.reason, cause: 'review' },
      ];

      test('decisions round-trip in order, each making the next version of its incident', () =>
        withStore(async (store) => {
          assert.equal(await store.reviewVersion('c-rev-a'), 0);
          const first = await store.addDecision(decision('c-rev-a', 'ana'), null, auditOf);
          const edit = { kind: 'edit', field: 'killed.total.best', value: 7, machine: 5 } as const;
          const second = await store.addDecision(decision('c-rev-a', 'ben', edit), 1, auditOf);
          const other = await store.addDecision(decision('c-rev-b', 'ana'), 0, auditOf);
          assert.deepEqual([first.version, second.version, other.version], [1, 2, 1]);
          assert.ok(first.id < second.id && second.id < other.id);
          assert.equal(await store.reviewVersion('c-rev-a'), 2);
          const listed = await store.listDecisions({ incidentId: 'c-rev-a' });
          assert.deepEqual(listed, [first, second]);
          assert.deepEqual(listed[1].action, edit);
          assert.equal(listed[0].status, 'active');
        }));

      test('a decision against a stale version is refused with the current version, and nothing is written', () =>
        withStore(async (store) => {
          await store.addDecision(decision('c-rev-conflict', 'ana'), 0, auditOf);
          const before = (await store.listAudit({ incidentId: 'c-rev-conflict' }, { limit: 100 })).items.length;
          await assert.rejects(store.addDecision(decision('c-rev-conflict', 'ben'), 0, auditOf), (e: Error) => e instanceof VersionConflictError && e.current === 1 && e.expected === 0);
          assert.equal((await store.listDecisions({ incidentId: 'c-rev-conflict' })).length, 1);
          assert.equal((await store.listAudit({ incidentId: 'c-rev-conflict' }, { limit: 100 })).items.length, before);
        }));

      test('two analysts deciding against the same version at once: exactly one wins', () =>
        withStore(async (store) => {
          const results = await Promise.allSettled([
            store.addDecision(decision('c-rev-race', 'ana'), 0, auditOf),
            store.addDecision(decision('c-rev-race', 'ben'), 0, auditOf),
          ]);
          assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
          const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
          assert.ok(refused.reason instanceof VersionConflictError, String(refused.reason));
          assert.equal((await store.listDecisions({ incidentId: 'c-rev-race' })).length, 1);
        }));

      test('a relink records decision statuses and audit entries with the incident set; orphaned decisions are listed, not dropped', () =>
        withStore(async (store) => {
          const d = await store.addDecision(decision('c-rev-orphan', 'ana'), null, auditOf);
          const audit: NewAuditEntry = { at: T2, actor: { kind: 'pipeline', version: '0.1.0', rules: 'abc' }, action: 'relink', incidentId: null, field: null, before: null, after: { created: [] }, reason: null, cause: 'relink' };
          await store.replaceIncidents([], [], undefined, { decisionStatuses: [{ id: d.id, status: 'orphaned', orphanedBecause: 'incident withdrawn' }], audit: [audit] });
          const orphaned = await store.listDecisions({ status: 'orphaned' });
          const mine = orphaned.find((x) => x.id === d.id);
          assert.ok(mine, 'the orphaned decision is still listed');
          assert.equal(mine.orphanedBecause, 'incident withdrawn');
          assert.deepEqual(mine.action, { kind: 'confirm' });
          const runs = await store.listAudit({ action: 'relink', since: T2 }, { limit: 100 });
          assert.deepEqual(runs.items.at(-1)!.actor, { kind: 'pipeline', version: '0.1.0', rules: 'abc' });
        }));

      test('the audit log pages by cursor, oldest first, and filters by incident, action and time', () =>
        withStore(async (store) => {
          const entries: NewAuditEntry[] = [1, 2, 3, 4, 5].map((n) => ({
            at: `2026-02-0${n}T00:00:00Z`,
            actor: { kind: 'user', name: 'ana' },
            action: n % 2 ? 'review.confirm' : 'review.reject',
            incidentId: 'c-aud-page',
            field: n === 3 ? 'killed.total.best' : null,
            before: n === 3 ? 5 : null,
            after: n === 3 ? 7 : null,
            reason: `n=${n}`,
            cause: 'review',
          }));
          await store.appendAudit(entries);
          const seen: AuditEntry[] = [];
          let cursor: string | null = null;
          do {
            const page: Page<AuditEntry> = await store.listAudit({ incidentId: 'c-aud-page' }, { cursor, limit: 2 });
            seen.push(...page.items);
            cursor = page.nextCursor;
          } while (cursor !== null);
          assert.deepEqual(seen.map(({ id, ...rest }) => rest), entries);
          assert.deepEqual((await store.listAudit({ incidentId: 'c-aud-page', action: 'review.reject' }, { limit: 10 })).items.map((e) => e.reason), ['n=2', 'n=4']);
          assert.deepEqual((await store.listAudit({ incidentId: 'c-aud-page', since: '2026-02-04T00:00:00Z' }, { limit: 10 })).items.map((e) => e.reason), ['n=4', 'n=5']);
          await assert.rejects(store.listAudit({}, { cursor: 'x', limit: 2 }), StoreQueryError);
        }));

      test('the database refuses to update or delete an audit entry', () =>
        withStore(async (store) => {
          await store.appendAudit([{ at: T1, actor: { kind: 'user', name: 'ana' }, action: 'review.confirm', incidentId: 'c-aud-fixed', field: null, before: null, after: null, reason: 'kept', cause: 'review' }]);
          const db = (store as KyselyIncidentStore)['db'];
          await assert.rejects(db.updateTable('audit_log').set({ actor: 'user:mallory' }).where('entity_id', '=', 'c-aud-fixed').execute(), /append-only/);
          await assert.rejects(db.deleteFrom('audit_log').where('entity_id', '=', 'c-aud-fixed').execute(), /append-only/);
          const kept = await store.listAudit({ incidentId: 'c-aud-fixed' }, { limit: 10 });
          assert.deepEqual(kept.items.map((e) => [e.actor, e.reason]), [[{ kind: 'user', name: 'ana' }, 'kept']]);
        }));
    });

    describe('warnings', () => {
      test('kept per run, in insertion order', () =>
        withStore(async (store) => {
          const w1 = { code: 'no-date', message: 'article has no publication date; dates resolve to nothing', source: 'c-warn-doc-1' };
          const w2 = { code: 'unknown-place', message: "place 'Kafr Nowhere' is not in the gazetteer", source: 'feed.jsonl:12' };
          const w3 = { code: 'no-date', message: 'article has no publication date', source: 'c-warn-doc-3' };
          await store.addWarnings('c-run-1', [w1, w2]);
          await store.addWarnings('c-run-2', [w3]);
          await store.addWarnings('c-run-3', []);
          const kept = (w: object, runId: string) => ({ ...w, runId, at: null, documentId: null });
          assert.deepEqual(await store.listWarnings('c-run-1'), [kept(w1, 'c-run-1'), kept(w2, 'c-run-1')]);
          assert.deepEqual(await store.listWarnings('c-run-3'), []);
          const all = (await store.listWarnings()).filter((w) => w.runId.startsWith('c-run-'));
          assert.deepEqual(all, [kept(w1, 'c-run-1'), kept(w2, 'c-run-1'), kept(w3, 'c-run-2')]);
        }));

      test('each warning is kept once: a run finding it again adds nothing; filters by code, time and run', () =>
        withStore(async (store) => {
          const a = { code: 'input-rejected', message: 'd-feed.jsonl:3: invalid JSON', source: 'd-feed.jsonl:3' };
          const b = { code: 'language-not-extracted', message: 'document d-es is in es (detected)', source: 'd-feed.jsonl:4', documentId: 'd-es' };
          await store.addWarnings('d-run-1', [a, b, a], '2026-01-01T00:00:00Z');
          await store.addWarnings('d-run-2', [b, a], '2026-02-01T00:00:00Z');
          const mine = async (filter: object) => (await store.listWarnings(filter)).filter((w) => w.source.startsWith('d-feed'));
          assert.deepEqual(await mine({}), [
            { ...a, runId: 'd-run-1', at: '2026-01-01T00:00:00Z', documentId: null },
            { ...b, runId: 'd-run-1', at: '2026-01-01T00:00:00Z' },
          ]);
          assert.deepEqual((await mine({ code: 'language-not-extracted' })).map((w) => w.documentId), ['d-es']);
          assert.deepEqual(await mine({ since: '2026-01-15T00:00:00Z' }), []);
          assert.deepEqual(await mine({ runId: 'd-run-2' }), []);
        }));

      test("a document's warnings land with it, and only when it is stored", () =>
        withStore(async (store) => {
          const article = makeArticle({ id: 'c-doc-warned' });
          const warning = { code: 'implausible-figure', message: 'c-doc-warned: 10^20 people is no figure', source: 'c-doc-warned', documentId: 'c-doc-warned' };
          assert.equal(await store.putDocumentWithMentions(article, T1, [], { runId: 'e-run', list: [warning] }), 'new');
          assert.equal(await store.putDocumentWithMentions(article, T2, [], { runId: 'e-run-2', list: [{ ...warning, message: 'another' }] }), 'unchanged');
          assert.deepEqual(
            (await store.listWarnings()).filter((w) => w.source === 'c-doc-warned'),
            [{ ...warning, runId: 'e-run', at: T1 }],
          );
        }));
    });

    describe('gazetteer', () => {
      test('round-trip deep-equal with its source, from any iterable', () =>
        withStore(async (store) => {
          const entries: GazetteerEntry[] = [
            makeGazetteerEntry(1),
            makeGazetteerEntry(2, { name: 'Ma‘arrat an Nu‘mān', asciiName: "Ma'arrat an Nu'man", alternateNames: [] }),
            makeGazetteerEntry(3, { admin1Code: null, admin1Name: null, population: 0, featureClass: 'A', featureCode: 'ADM1', lat: 35.123456789012, lon: -0.5 }),
          ];
          function* generate() {
            yield* entries;
          }
          assert.equal(await store.replaceGazetteer(generate(), 'test:hand-made'), 3);
          assert.deepEqual(await store.loadGazetteer(), entries);
          assert.equal(await store.gazetteerSource(), 'test:hand-made');
        }));

      test('a replace replaces the whole gazetteer and its source; entries keep the order given', () =>
        withStore(async (store) => {
          await store.replaceGazetteer([makeGazetteerEntry(1), makeGazetteerEntry(2)], 'test:first');
          const second = [makeGazetteerEntry(9), makeGazetteerEntry(7), makeGazetteerEntry(8)];
          assert.equal(await store.replaceGazetteer(second, 'test:second'), 3);
          assert.deepEqual(await store.loadGazetteer(), second);
          assert.equal(await store.gazetteerSource(), 'test:second');
        }));

      const broken: [string, GazetteerEntry[], RegExp][] = [
        ['a duplicate id', [makeGazetteerEntry(9), makeGazetteerEntry(10), makeGazetteerEntry(9)], /entry #2 'geonames:100009'.*duplicate/],
        ['a missing name', [makeGazetteerEntry(4), makeGazetteerEntry(5, { name: null as unknown as string })], /entry #1 'geonames:100005': name/],
      ];
      for (const [label, entries, names] of broken) {
        test(`a failing replace (${label}) keeps the previous gazetteer and names the entry`, () =>
          withStore(async (store) => {
            const kept = [makeGazetteerEntry(1)];
            await store.replaceGazetteer(kept, 'test:kept');
            await assert.rejects(store.replaceGazetteer(entries, 'test:broken'), (e: Error) => e instanceof StoreWriteError && /replaceGazetteer\(source 'test:broken'\)/.test(e.message) && names.test(e.message));
            assert.deepEqual(await store.loadGazetteer(), kept);
            assert.equal(await store.gazetteerSource(), 'test:kept');
          }));
      }

      test('12,000 entries (several insert batches) load in one call and read back intact', () =>
        withStore(async (store) => {
          const entries = Array.from({ length: 12_000 }, (_, i) => makeGazetteerEntry(i));
          assert.equal(await store.replaceGazetteer(entries, 'test:bulk'), 12_000);
          assert.deepEqual(await store.loadGazetteer(), entries);
        }));
    });

    describe('users, tokens and sessions', () => {
      const HASH = 'scrypt$1024$8$1$c2FsdHNhbHRzYWx0c2FsdA$' + 'k'.repeat(43);
      test('a user round-trips; names are unique; users list by name (byte order)', () =>
        withStore(async (store) => {
          await store.addUser({ name: 'c-user-b', role: 'analyst', passwordHash: HASH, createdAt: T1 });
          await store.addUser({ name: 'c-user-B', role: 'viewer', passwordHash: null, createdAt: T2 });
          assert.deepEqual(await store.getUser('c-user-b'), { name: 'c-user-b', role: 'analyst', passwordHash: HASH, disabled: false, createdAt: T1, disabledAt: null });
          assert.equal(await store.getUser('c-user-none'), null);
          await assert.rejects(store.addUser({ name: 'c-user-b', role: 'admin', passwordHash: null, createdAt: T2 }), (e: unknown) => e instanceof StoreWriteError && /c-user-b/.test(e.message) && /already exists/.test(e.message));
          assert.equal((await store.getUser('c-user-b'))?.role, 'analyst', 'the refused add changed nothing');
          const names = (await store.listUsers()).map((u) => u.name).filter((n) => n.startsWith('c-user-'));
          assert.deepEqual(names, ['c-user-B', 'c-user-b']);
        }));

      test('a role outside viewer, analyst, admin is refused, naming it', () =>
        withStore(async (store) => {
          await assert.rejects(store.addUser({ name: 'c-user-bad-role', role: 'root' as never, passwordHash: null, createdAt: T1 }), (e: unknown) => e instanceof StoreWriteError && /'root'/.test(e.message));
          assert.equal(await store.getUser('c-user-bad-role'), null);
        }));

      test('tokens: stored with their user, listed oldest first, revoked once', () =>
        withStore(async (store) => {
          await store.addUser({ name: 'c-tok-user', role: 'viewer', passwordHash: null, createdAt: T1 });
          await store.addToken({ id: 'c-tok-2', userName: 'c-tok-user', label: 'second', secretHash: HASH, createdAt: T2, expiresAt: null });
          await store.addToken({ id: 'c-tok-1', userName: 'c-tok-user', label: null, secretHash: HASH, createdAt: T1, expiresAt: '2026-02-01T00:00:00Z' });
          assert.deepEqual(await store.getToken('c-tok-1'), { id: 'c-tok-1', userName: 'c-tok-user', label: null, secretHash: HASH, createdAt: T1, expiresAt: '2026-02-01T00:00:00Z', revokedAt: null });
          assert.deepEqual((await store.listTokens('c-tok-user')).map((t) => t.id), ['c-tok-1', 'c-tok-2']);
          assert.ok((await store.listTokens()).some((t) => t.id === 'c-tok-2'));
          assert.equal(await store.revokeToken('c-tok-1', T2), true);
          assert.equal(await store.revokeToken('c-tok-1', '2026-03-01T00:00:00Z'), false, 'already revoked');
          assert.equal((await store.getToken('c-tok-1'))?.revokedAt, T2, 'the first revocation time stays');
          assert.equal(await store.revokeToken('c-tok-none', T2), false);
          assert.equal(await store.getToken('c-tok-none'), null);
        }));

      test('a token of an unknown user, or with an id taken, is refused', () =>
        withStore(async (store) => {
          await assert.rejects(store.addToken({ id: 'c-tok-orphan', userName: 'c-nobody', label: null, secretHash: HASH, createdAt: T1, expiresAt: null }), (e: unknown) => e instanceof StoreWriteError && /c-nobody/.test(e.message));
          assert.equal(await store.getToken('c-tok-orphan'), null);
          await store.addUser({ name: 'c-tok-dup-user', role: 'admin', passwordHash: null, createdAt: T1 });
          await store.addToken({ id: 'c-tok-dup', userName: 'c-tok-dup-user', label: 'a', secretHash: HASH, createdAt: T1, expiresAt: null });
          await assert.rejects(store.addToken({ id: 'c-tok-dup', userName: 'c-tok-dup-user', label: 'b', secretHash: HASH, createdAt: T2, expiresAt: null }), StoreWriteError);
          assert.equal((await store.getToken('c-tok-dup'))?.label, 'a');
        }));

      test('sessions: stored, ended once; disabling a user ends its open sessions', () =>
        withStore(async (store) => {
          await store.addUser({ name: 'c-ses-user', role: 'analyst', passwordHash: HASH, createdAt: T1 });
          const session = { id: 'c-ses-1', userName: 'c-ses-user', secretHash: HASH, csrfToken: 'csrf-1', createdAt: T1, expiresAt: T2 };
          await store.addSession(session);
          await store.addSession({ ...session, id: 'c-ses-2', csrfToken: 'csrf-2' });
          assert.deepEqual(await store.getSession('c-ses-1'), { ...session, endedAt: null });
          assert.equal(await store.endSession('c-ses-1', T1), true);
          assert.equal(await store.endSession('c-ses-1', T2), false, 'already ended');
          assert.equal((await store.getSession('c-ses-1'))?.endedAt, T1);
          await assert.rejects(store.addSession({ ...session, id: 'c-ses-orphan', userName: 'c-nobody' }), StoreWriteError);
          assert.equal(await store.disableUser('c-ses-user', T2), true);
          const user = await store.getUser('c-ses-user');
          assert.deepEqual([user?.disabled, user?.disabledAt], [true, T2]);
          assert.equal((await store.getSession('c-ses-2'))?.endedAt, T2, 'the open session ended with the account');
          assert.equal((await store.getSession('c-ses-1'))?.endedAt, T1, 'an ended session keeps its time');
          assert.equal(await store.disableUser('c-nobody', T2), false);
        }));

      test('users, tokens and sessions persist across reopening', async () => {
        await withStore(async (store) => {
          await store.addUser({ name: 'c-persist-user', role: 'admin', passwordHash: HASH, createdAt: T1 });
          await store.addToken({ id: 'c-persist-tok', userName: 'c-persist-user', label: 'ci', secretHash: HASH, createdAt: T1, expiresAt: null });
          await store.addSession({ id: 'c-persist-ses', userName: 'c-persist-user', secretHash: HASH, csrfToken: 'c', createdAt: T1, expiresAt: T2 });
        });
        await withStore(async (store) => {
          assert.equal((await store.getUser('c-persist-user'))?.role, 'admin');
          assert.equal((await store.getToken('c-persist-tok'))?.label, 'ci');
          assert.equal((await store.getSession('c-persist-ses'))?.csrfToken, 'c');
        });
      });
    });

    describe('persistence', () => {
      test('reopening keeps every kind of data, and reopening again (migrations re-run) changes nothing', async () => {
        const article = makeArticle({ id: 'c-persist-doc' });
        const mentions = [makeMention('c-persist-doc', 0), makeMention('c-persist-doc', 1)];
        const incidents = [makeIncident({ id: 'c-persist-inc' })];
        const tallies = [makeTally({ id: 'c-persist-tally' })];
        const gazetteer = [makeGazetteerEntry(41), makeGazetteerEntry(42)];
        const warning = { code: 'no-date', message: 'no publication date', source: 'c-persist-doc' };
        await withStore(async (store) => {
          await store.putDocument(article, T1);
          await store.putDocument({ ...article, text: `${article.text} Second version.` }, T2);
          await store.replaceMentions('c-persist-doc', mentions);
          await store.replaceIncidents(incidents, tallies);
          await store.replaceGazetteer(gazetteer, 'test:persist');
          await store.addWarnings('c-persist-run', [warning]);
        });
        const snapshot = () =>
          withStore(async (store) => ({
            versions: await store.listDocumentVersions('c-persist-doc'),
            mentions: await store.listMentionsForDocument('c-persist-doc'),
            incidents: await store.listIncidents(),
            page: await store.queryIncidents({ q: 'saraqib' }, { limit: 5 }),
            tallies: await store.listTallies(),
            gazetteer: await store.loadGazetteer(),
            source: await store.gazetteerSource(),
            warnings: await store.listWarnings('c-persist-run'),
          }));
        const first = await snapshot();
        assert.deepEqual(first.versions.map((d) => d.version), [1, 2]);
        assert.deepEqual(first.mentions, mentions);
        assert.deepEqual(first.incidents, incidents);
        assert.deepEqual(first.page, { items: incidents, nextCursor: null });
        assert.deepEqual(first.tallies, tallies);
        assert.deepEqual(first.gazetteer, gazetteer);
        assert.equal(first.source, 'test:persist');
        assert.deepEqual(first.warnings, [{ ...warning, runId: 'c-persist-run', at: null, documentId: null }]);
        assert.deepEqual(await snapshot(), first);
        await withStore(async (store) => assert.equal(await store.putDocument({ ...article, text: `${article.text} Second version.` }, T2), 'unchanged'));
      });
    });
  });
}

/**
 * The query methods over QUERY_INCIDENTS (./query-fixtures.ts): every filter alone and combined,
 * pagination, text search and stats, compared with a plain reading of the filter. Run inside the
 * contract and again by each backend with other `smallSet` settings, so that every access path of
 * src/storage/incident-query-plan.ts gives the same answers. `open` must give a database no other
 * test of this run replaces incidents in while it runs.
 */
export function runQueryContract(name: string, open: () => Promise<IncidentStore>): void {
  describe(`incident queries: ${name}`, () => {
    let store: IncidentStore;
    before(async () => {
      store = await open();
      await store.replaceIncidents([...QUERY_INCIDENTS], []);
    });
    after(() => store.close());

    test('no filter: every incident once, newest first, ties by id descending, as stored', async () => {
      const { ids } = await walkPages(store, {}, 7);
      assert.deepEqual(ids, listOrder(QUERY_INCIDENTS).map((i) => i.id));
      const page = await store.queryIncidents({}, { limit: 3 });
      assert.deepEqual(page.items, listOrder(QUERY_INCIDENTS).slice(0, 3));
      assert.equal(await store.countIncidents({}), QUERY_INCIDENTS.length);
    });

    test('pages of every size walk the same list without duplicates or gaps', async () => {
      const all = listOrder(QUERY_INCIDENTS).map((i) => i.id);
      for (const limit of [1, 2, 3, 5, 13, all.length - 1, all.length, all.length + 1, 1000]) {
        const { ids, pages } = await walkPages(store, {}, limit);
        assert.deepEqual(ids, all, `limit ${limit}`);
        assert.equal(pages, Math.max(1, Math.ceil(all.length / limit)), `pages at limit ${limit}: no empty trailing page`);
      }
    });

    const single: [string, IncidentFilter][] = [
      ['from', { from: '2019-12-20' }],
      ['to', { to: '2019-11-06' }],
      ['from and to (one day)', { from: '2019-11-21', to: '2019-11-21' }],
      ['from and to reaching into a long range', { from: '2019-06-01', to: '2019-06-30' }],
      ['bbox', { bbox: [36.5, 35.5, 36.8, 36.0] }],
      ['admin1, other case', { admin1: 'iDLIB' }],
      ['admin1 with spaces', { admin1: 'deir ez-zor' }],
      ['perpetrator', { perpetrator: 'syrian-government' }],
      ['perpetrator shared by many', { perpetrator: 'russia' }],
      ['eventType', { eventType: 'shelling' }],
      ['minKilled', { minKilled: 10 }],
      ['minKilled 0 (stated zero counts, unstated does not)', { minKilled: 0 }],
      ['claimant', { claimant: 'white-helmets' }],
      ['reviewStatus', { reviewStatus: 'edited' }],
      ['document', { document: 'doc-q-shared' }],
    ];
    const combined: [string, IncidentFilter][] = [
      ['admin1 + eventType', { admin1: 'idlib', eventType: 'air_strike' }],
      ['from/to + perpetrator + minKilled', { from: '2019-11-10', to: '2019-12-15', perpetrator: 'russia', minKilled: 3 }],
      ['bbox + claimant + reviewStatus', { bbox: [36, 35, 38, 37], claimant: 'sohr', reviewStatus: 'unreviewed' }],
      ['document + perpetrator + to', { document: 'doc-q-shared', perpetrator: 'russia', to: '2019-12-01' }],
      ['everything at once', { from: '2019-11-01', to: '2019-12-31', bbox: [36, 35, 38, 37], admin1: 'Idlib', perpetrator: 'russia', eventType: 'air_strike', minKilled: 1, claimant: 'sohr', reviewStatus: 'unreviewed', document: 'doc-q-0' }],
      ['nothing matches', { admin1: 'Idlib', eventType: 'attack', perpetrator: 'isis' }],
    ];
    for (const [label, filter] of [...single, ...combined]) {
      test(`filter ${label}: ${JSON.stringify(filter)}`, async () => {
        const expected = expectedIds(filter);
        if (label !== 'nothing matches') assert.ok(expected.length > 0 && expected.length < QUERY_INCIDENTS.length, `the fixture exercises ${label} (${expected.length} match)`);
        const { ids } = await walkPages(store, filter, 4);
        assert.deepEqual(ids, expected);
        assert.equal(await store.countIncidents(filter), expected.length);
        // The whole matching set in store order (exports of a filtered set).
        assert.deepEqual(await store.listIncidents(filter), QUERY_INCIDENTS.filter((i) => matchesFilter(i, filter)));
      });
    }

    for (const [label, filter] of [['no filter', {}], ...single.slice(0, 8), ...combined.slice(0, 3)] as [string, IncidentFilter][]) {
      test(`incidents/1 JSON pages ${label}: the same pages as queryIncidents, each text the incident's rendering`, async () => {
        let cursor: string | null = null;
        let pages = 0;
        do {
          const page = await store.queryIncidents(filter, { cursor, limit: 3 });
          const json = await store.queryIncidentJson(filter, { cursor, limit: 3 });
          assert.equal(json.nextCursor, page.nextCursor, `cursor after page ${pages + 1}`);
          assert.equal(json.total, expectedIds(filter).length, 'total: the whole filtered set');
          assert.deepEqual(
            json.items.map((text) => JSON.parse(text) as unknown),
            page.items.map((i) => incidentJson(i)),
          );
          for (const text of json.items) assert.equal(text, JSON.stringify(JSON.parse(text)), 'compact JSON text');
          cursor = page.nextCursor;
          pages++;
        } while (cursor !== null && pages < 50);
        assert.equal(cursor, null);
      });
    }

    test('incidents of unknown date: kept whole, listed after every dated one (id descending), counted without a date range', async () => {
      const undated = QUERY_INCIDENTS.filter((i) => i.date.start === null);
      assert.deepEqual(
        undated.map((i) => i.id),
        ['q-nodate-b', 'q-nodate-a', 'q-nodate-c'],
        'the fixture holds three, given out of id order',
      );
      for (const incident of undated) assert.deepEqual(await store.getIncident(incident.id), incident);
      const { ids } = await walkPages(store, {}, 2);
      assert.deepEqual(ids.slice(-3), ['q-nodate-c', 'q-nodate-b', 'q-nodate-a']);
      assert.ok(ids.slice(0, -3).every((id) => !id.startsWith('q-nodate')), 'every dated incident comes first');
      assert.equal(await store.countIncidents({}), QUERY_INCIDENTS.length);
      // The whole store in the order given (exports): undated ones included.
      assert.deepEqual(await store.listIncidents(), [...QUERY_INCIDENTS]);
      // Reached by the document's own index (a child table walked in page order) …
      assert.deepEqual((await walkPages(store, { document: 'doc-q-undated' }, 1)).ids, ['q-nodate-c', 'q-nodate-a']);
      // … a column index, and the text index.
      assert.deepEqual((await walkPages(store, { eventType: 'shelling', reviewStatus: 'edited' }, 1)).ids, expectedIds({ eventType: 'shelling', reviewStatus: 'edited' }));
      assert.ok(expectedIds({ eventType: 'shelling', reviewStatus: 'edited' }).includes('q-nodate-a'));
      assert.deepEqual((await store.queryIncidents({ q: 'sans' }, { limit: 10 })).items.map((i) => i.id), ['q-nodate-c', 'q-nodate-b']);
    });

    test('incidents of unknown date match no date range, however wide', async () => {
      for (const filter of [{ from: '1900-01-01' }, { to: '2100-12-31' }, { from: '1900-01-01', to: '2100-12-31' }, { to: '2100-12-31', document: 'doc-q-undated' }] as IncidentFilter[]) {
        const ids = (await walkPages(store, filter, 5)).ids;
        assert.ok(!ids.some((id) => id.startsWith('q-nodate')), JSON.stringify(filter));
        assert.deepEqual(ids, expectedIds(filter));
        assert.equal(await store.countIncidents(filter), expectedIds(filter).length);
        assert.deepEqual(await store.undatedStats(filter), { incidents: 0, killed: 0, civilians: 0 });
      }
      assert.equal(await store.countIncidents({ from: '1900-01-01' }), QUERY_INCIDENTS.length - 3);
    });

    test('a cursor taken on an undated row continues among the undated ones', async () => {
      const all = listOrder(QUERY_INCIDENTS).map((i) => i.id);
      const first = await store.queryIncidents({}, { limit: all.length - 2 });
      assert.equal(first.items.at(-1)?.id, 'q-nodate-c');
      const rest = await store.queryIncidents({}, { cursor: first.nextCursor, limit: 1 });
      assert.deepEqual(rest.items.map((i) => i.id), ['q-nodate-b']);
      const last = await store.queryIncidents({}, { cursor: rest.nextCursor, limit: 5 });
      assert.deepEqual(last.items.map((i) => i.id), ['q-nodate-a']);
      assert.equal(last.nextCursor, null);
    });

    test('a long date range is found by any window it overlaps', async () => {
      for (const [from, to] of [
        ['2019-01-01', '2019-01-01'],
        ['2019-06-15', '2019-06-15'],
        ['2019-12-31', '2020-01-31'],
      ]) {
        assert.deepEqual((await store.queryIncidents({ from, to }, { limit: 100 })).items.map((i) => i.id), expectedIds({ from, to }), `${from}..${to}`);
        assert.ok(expectedIds({ from, to }).includes('q-long'));
      }
      assert.deepEqual((await store.queryIncidents({ to: '2018-12-31' }, { limit: 10 })).items, []);
    });

    const textCases: [string, string, string[]][] = [
      ['a transliterated name without its marks', 'maarrat', ['q-maarat']],
      ['the name with an apostrophe for the ʿayn', "Ma'arrat", ['q-maarat']],
      ['upper case with accents', 'NUʿMĀN', ['q-maarat']],
      ['an accented French word typed without accents', 'reseau', ['q-maarat']],
      ['an outlet name', 'Dépêche', ['q-maarat']],
      ['Arabic without vowel marks finds the word written with them', 'حلب', ['q-arabic']],
      ['Arabic alef without hamza finds the hamza spelling', 'اريحا', ['q-arabic']],
      ['a word prefix', 'dei', ['q-long']],
      ['a claimant id', 'snhr', ['q-maarat']],
      ['two words, both required', 'maarrat russia', ['q-maarat']],
      ['two words, one absent', 'maarrat isis', []],
      ['a word and a number', 'query 7', ['q-07']],
    ];
    for (const [label, q, ids] of textCases) {
      test(`text search: ${label} (${q})`, async () => {
        assert.deepEqual((await store.queryIncidents({ q }, { limit: 100 })).items.map((i) => i.id), ids);
        assert.equal(await store.countIncidents({ q }), ids.length);
      });
    }

    test('text search combines with other filters and paginates', async () => {
      const generated = new Set(QUERY_INCIDENTS.filter((i) => i.id.match(/^q-\d\d$/)).map((i) => i.id));
      const filter = { admin1: 'IDLIB', perpetrator: 'russia' };
      const expected = expectedIds(filter).filter((id) => generated.has(id));
      assert.ok(expected.length >= 3);
      assert.deepEqual((await walkPages(store, { ...filter, q: 'kafr quer' }, 2)).ids, expected);
      assert.equal(await store.countIncidents({ ...filter, q: 'kafr quer' }), expected.length);
    });

    test('a query with no words in it constrains nothing', async () => {
      assert.equal(await store.countIncidents({ q: ' — ' }), QUERY_INCIDENTS.length);
    });

    test('a cursor continues under the same filter', async () => {
      const filter = { perpetrator: 'russia' };
      const first = await store.queryIncidents(filter, { limit: 5 });
      const rest = await store.queryIncidents(filter, { cursor: first.nextCursor, limit: 1000 });
      assert.deepEqual([...first.items, ...rest.items].map((i) => i.id), expectedIds(filter));
      assert.equal(rest.nextCursor, null);
    });

    const badArguments: [string, () => Promise<unknown>, string][] = [
      ['limit 0', () => store.queryIncidents({}, { limit: 0 }), 'page.limit'],
      ['limit 1001', () => store.queryIncidents({}, { limit: 1001 }), 'page.limit'],
      ['limit 2.5', () => store.queryIncidents({}, { limit: 2.5 }), 'page.limit'],
      ['a made-up cursor', () => store.queryIncidents({}, { cursor: 'not-a-cursor', limit: 5 }), 'page.cursor'],
      ['a cursor of the wrong shape', () => store.queryIncidents({}, { cursor: Buffer.from('{"a":1}').toString('base64url'), limit: 5 }), 'page.cursor'],
      ['a month for from', () => store.countIncidents({ from: '2019-11' }), 'filter.from'],
      ['an impossible date for to', () => store.countIncidents({ to: '2019-02-30' }), 'filter.to'],
      ['a bbox with west east of east', () => store.countIncidents({ bbox: [38, 35, 36, 37] }), 'filter.bbox'],
      ['a bbox of three numbers', () => store.countIncidents({ bbox: [36, 35, 38] as unknown as [number, number, number, number] }), 'filter.bbox'],
      ['minKilled not a number', () => store.countIncidents({ minKilled: Number.NaN }), 'filter.minKilled'],
      ['an unknown stats grouping', () => store.stats({}, 'decade' as 'day'), 'groupBy'],
      ['an unknown perpetrator split', () => store.stats({}, 'perpetrator', false, 'some' as 'each'), 'split'],
    ];
    for (const [label, call, field] of badArguments) {
      test(`refused: ${label} (StoreQueryError naming ${field})`, async () => {
        await assert.rejects(call(), (e: Error) => e instanceof StoreQueryError && e.field === field && e.message.includes(field));
      });
    }

    function sums(rows: StatsRow[]) {
      return rows.reduce((s, r) => ({ incidents: s.incidents + r.incidents, killed: s.killed + r.killed, civilians: s.civilians + r.civilians }), { incidents: 0, killed: 0, civilians: 0 });
    }
    function figures(incidents: readonly Incident[]) {
      return {
        incidents: incidents.length,
        killed: incidents.reduce((n, i) => n + (headlineCount(i.killed, 'best') ?? 0), 0),
        civilians: incidents.reduce((n, i) => n + (i.killed.civilians?.best ?? 0), 0),
      };
    }

    for (const filter of [{}, { admin1: 'idlib' }, { from: '2019-11-15', perpetrator: 'russia' }] as IncidentFilter[]) {
      for (const bucket of ['day', 'week', 'month'] as const) {
        test(`stats by ${bucket} ${JSON.stringify(filter)}: bucket sums equal the dated incidents' figures`, async () => {
          const rows = await store.stats(filter, bucket);
          const matching = dated(QUERY_INCIDENTS).filter((i) => matchesFilter(i, filter));
          assert.deepEqual(sums(rows), figures(matching));
          const keys = rows.map((r) => r.key);
          assert.deepEqual(keys, [...keys].sort(), 'ordered by bucket');
          assert.equal(new Set(keys).size, keys.length, 'one row per bucket');
          for (const r of rows) assert.ok(!('perpetrator' in r), 'no perpetrator field without byPerpetrator');
        });
      }
    }

    test('stats buckets: a day is the start date, a week starts on Monday (ISO), a month on the 1st', async () => {
      const only = { document: 'doc-q-ar' }; // q-arabic: 2019-11-21 (a Thursday) to 2019-11-22, 4 civilians
      const row = { incidents: 1, killed: 4, civilians: 4 };
      assert.deepEqual(await store.stats(only, 'day'), [{ key: '2019-11-21', ...row }]);
      assert.deepEqual(await store.stats(only, 'week'), [{ key: '2019-11-18', ...row }]);
      assert.deepEqual(await store.stats(only, 'month'), [{ key: '2019-11-01', ...row }]);
      // 2019-12-01 is a Sunday: its ISO week began on Monday 2019-11-25. q-long overlaps that day
      // too and is counted in the week it starts: 1 January 2019 was a Tuesday, so 2018-12-31.
      const sunday = QUERY_INCIDENTS.filter((i) => i.date.start === '2019-12-01');
      assert.ok(sunday.length > 0);
      const weeks = await store.stats({ from: '2019-12-01', to: '2019-12-01' }, 'week');
      assert.deepEqual(
        weeks.map((r) => [r.key, r.incidents]),
        [
          ['2018-12-31', 1],
          ['2019-11-25', sunday.length],
        ],
      );
    });

    test('stats by week and perpetrator: one row per pair, incidents without one under unknown', async () => {
      const rows = await store.stats({}, 'week', true);
      const pairs = rows.map((r) => `${r.key} ${r.perpetrator}`);
      assert.deepEqual(pairs, [...pairs].sort(), 'ordered by week, then perpetrator');
      assert.equal(new Set(pairs).size, pairs.length);
      const perPerpetrator = (p: string) => rows.filter((r) => r.perpetrator === p).reduce((n, r) => n + r.incidents, 0);
      assert.equal(perPerpetrator('russia'), dated(QUERY_INCIDENTS).filter((i) => i.perpetrators.includes('russia')).length);
      assert.equal(perPerpetrator('unknown'), dated(QUERY_INCIDENTS).filter((i) => i.perpetrators.length === 0).length);
      const expected = dated(QUERY_INCIDENTS).reduce((n, i) => n + Math.max(1, i.perpetrators.length), 0);
      assert.equal(sums(rows).incidents, expected, 'an incident counts once under each of its perpetrators');
    });

    test('stats by perpetrator: totals per perpetrator; a perpetrator filter keeps only its row', async () => {
      const rows = await store.stats({}, 'perpetrator');
      const keys = rows.map((r) => r.key);
      assert.deepEqual(keys, ['isis', 'russia', 'syrian-government', 'unknown']);
      for (const r of rows) {
        const of = QUERY_INCIDENTS.filter((i) => (r.key === 'unknown' ? i.perpetrators.length === 0 : i.perpetrators.includes(r.key)));
        assert.deepEqual({ incidents: r.incidents, killed: r.killed, civilians: r.civilians }, figures(of), r.key);
      }
      const russia = await store.stats({ perpetrator: 'russia' }, 'perpetrator');
      assert.deepEqual(russia.map((r) => r.key), ['russia']);
      const russiaByMonth = await store.stats({ perpetrator: 'russia' }, 'month', true);
      assert.deepEqual([...new Set(russiaByMonth.map((r) => r.perpetrator))], ['russia']);
      assert.deepEqual(sums(russiaByMonth), figures(dated(QUERY_INCIDENTS).filter((i) => i.perpetrators.includes('russia'))));
    });

    // Every grouping over filters the day-statistics table can answer and ones it cannot, against
    // a plain reading of the incidents (a store opened with dayStats off runs the same tests).
    const statsFilters: IncidentFilter[] = [
      {},
      { admin1: 'IDLIB' },
      { from: '2019-11-21', to: '2019-12-10' },
      { from: '2019-06-10', to: '2019-06-20' },
      { perpetrator: 'syrian-government', admin1: 'idlib' },
      { eventType: 'shelling', reviewStatus: 'unreviewed' },
      { eventType: 'air_strike', perpetrator: 'russia', to: '2019-12-01' },
      { minKilled: 3 },
      { claimant: 'sohr', perpetrator: 'russia' },
      { bbox: [36, 35, 38, 37], from: '2019-11-15' },
    ];
    for (const filter of statsFilters) {
      for (const groupBy of ['day', 'week', 'month', 'year', 'perpetrator'] as const) {
        for (const byPerpetrator of groupBy === 'perpetrator' ? [false] : [false, true]) {
          test(`stats ${groupBy}${byPerpetrator ? ' × perpetrator' : ''} ${JSON.stringify(filter)} equal a plain reading`, async () => {
            assert.deepEqual(await store.stats(filter, groupBy, byPerpetrator), expectedStats(filter, groupBy, byPerpetrator));
            assert.equal(await store.countIncidents(filter), expectedIds(filter).length);
          });
        }
      }
      for (const [groupBy, byPerpetrator] of [['perpetrator', false], ['month', true], ['week', true]] as const) {
        test(`stats ${groupBy}${byPerpetrator ? ' × perpetrator' : ''}, each incident once ${JSON.stringify(filter)}: a plain reading, adding up to the incidents`, async () => {
          const rows = await store.stats(filter, groupBy, byPerpetrator, 'sole');
          assert.deepEqual(rows, expectedStats(filter, groupBy, byPerpetrator, 'sole'));
          const matching = QUERY_INCIDENTS.filter((i) => matchesFilter(i, filter));
          assert.deepEqual(sums(rows), figures(groupBy === 'perpetrator' ? matching : dated(matching)));
        });
      }
    }

    test('stats by perpetrator, each incident once: an incident with two perpetrators is one shared incident', async () => {
      const rows = await store.stats({}, 'perpetrator', false, 'sole');
      const shared = QUERY_INCIDENTS.filter((i) => new Set(i.perpetrators).size > 1);
      assert.ok(shared.length > 0, 'the query incidents hold a shared one');
      assert.deepEqual(rows.find((r) => r.key === 'shared'), { key: 'shared', ...figures(shared) });
      assert.deepEqual(sums(rows), figures(QUERY_INCIDENTS));
      assert.ok(sums(await store.stats({}, 'perpetrator')).incidents > QUERY_INCIDENTS.length, 'while each perpetrator counts its own');
    });

    test('facets: each filter value with the incidents holding it, most first, cached until the incidents change', async () => {
      const facets = await store.facets();
      const count = (pick: (i: Incident) => readonly (string | null | undefined)[]) => {
        const n = new Map<string, number>();
        for (const i of QUERY_INCIDENTS) for (const v of new Set(pick(i))) if (v) n.set(v, (n.get(v) ?? 0) + 1);
        return [...n].map(([value, incidents]) => ({ value, incidents })).sort((a, b) => b.incidents - a.incidents || (a.value < b.value ? -1 : 1));
      };
      assert.deepEqual(facets.perpetrators, count((i) => i.perpetrators));
      assert.deepEqual(facets.claimants, count((i) => i.claims.map((c) => c.claimant)));
      assert.deepEqual(facets.admin1, count((i) => [i.location?.admin1]));
      assert.deepEqual(facets.eventTypes, count((i) => [i.eventType]));
      assert.deepEqual(facets.outlets, count((i) => i.claims.map((c) => c.outlet)));
      facets.perpetrators.length = 0;
      assert.deepEqual((await store.facets()).perpetrators, count((i) => i.perpetrators), 'answers are copies');
    });

    test('stats by year: the months of each year summed', async () => {
      const years = await store.stats({}, 'year');
      const months = await store.stats({}, 'month');
      assert.deepEqual(years.map((r) => r.key), [...new Set(months.map((r) => `${r.key.slice(0, 4)}-01-01`))]);
      assert.deepEqual(sums(years), sums(months));
    });

    for (const filter of statsFilters) {
      test(`undated statistics ${JSON.stringify(filter)}: the matching incidents of unknown date; with the time buckets they make the whole set`, async () => {
        const matching = QUERY_INCIDENTS.filter((i) => matchesFilter(i, filter));
        const undated = matching.filter((i) => i.date.start === null);
        assert.deepEqual(await store.undatedStats(filter), figures(undated));
        const days = sums(await store.stats(filter, 'day'));
        const undatedStats = await store.undatedStats(filter);
        assert.deepEqual(
          { incidents: days.incidents + undatedStats.incidents, killed: days.killed + undatedStats.killed, civilians: days.civilians + undatedStats.civilians },
          figures(matching),
        );
      });
    }

    test('undated statistics of the whole set and of one governorate, spelled out', async () => {
      // q-nodate-b: Idlib, 5 killed; q-nodate-a: no place, 2 civilians; q-nodate-c: Aleppo, none stated.
      assert.deepEqual(await store.undatedStats({}), { incidents: 3, killed: 7, civilians: 2 });
      assert.deepEqual(await store.undatedStats({ admin1: 'IDLIB' }), { incidents: 1, killed: 5, civilians: 0 });
      assert.deepEqual(await store.undatedStats({ perpetrator: 'syrian-government' }), { incidents: 1, killed: 0, civilians: 0 });
      assert.deepEqual(await store.undatedStats({ minKilled: 1 }), { incidents: 2, killed: 7, civilians: 2 });
      const perpetrators = await store.stats({ document: 'doc-q-undated' }, 'perpetrator');
      assert.deepEqual(
        perpetrators.map((r) => [r.key, r.incidents, r.killed]),
        [
          ['syrian-government', 1, 0],
          ['unknown', 1, 2],
        ],
        'perpetrator buckets count incidents of unknown date',
      );
      assert.deepEqual(await store.stats({ document: 'doc-q-undated' }, 'month'), [], 'no month holds them');
    });

    test('stats answers are copies: changing one does not change the next answer', async () => {
      const first = await store.stats({}, 'perpetrator');
      const again = structuredClone(first);
      first[0].incidents = -1;
      first.pop();
      assert.deepEqual(await store.stats({}, 'perpetrator'), again);
    });

    test('stats of a filter matching nothing is empty', async () => {
      assert.deepEqual(await store.stats({ admin1: 'Nowhere' }, 'day'), []);
      assert.deepEqual(await store.stats({ admin1: 'Nowhere' }, 'perpetrator'), []);
    });
  });
}
