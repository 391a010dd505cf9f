/**
 * The IncidentStore contract: behaviour every implementation (SQLite now, PostgreSQL later) must
 * show, run by each implementation's test file as `runStoreContract(name, open)`.
 *
 * `open()` opens a connection to ONE database created for this suite run (empty before the first
 * call); calling it again REOPENS the same database, which is how persistence and idempotent
 * migrations are checked. Tests therefore share that database: each uses its own document ids and
 * run ids, and whole-set operations (incidents, gazetteer) start with a replace of their own.
 * Every test closes what it opens.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { IncidentStore } from '../../src/storage/incident-store.ts';
import type { GazetteerEntry } from '../../src/domain/gazetteer-entry.ts';
import type { Incident } from '../../src/domain/types.ts';
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

const T1 = '2026-01-10T08:00:00Z';
const T2 = '2026-01-11T09:30:00Z';

export function runStoreContract(name: string, open: () => IncidentStore): void {
  function withStore<T>(fn: (store: IncidentStore) => T): T {
    const store = open();
    try {
      return fn(store);
    } finally {
      store.close();
    }
  }

  describe(`IncidentStore contract: ${name}`, () => {
    describe('documents', () => {
      test('a new id is stored as version 1 with its hash and ingest time', () => {
        withStore((store) => {
          const article = makeArticle({ id: 'c-doc-new' });
          assert.equal(store.putDocument(article, T1), 'new');
          const stored = store.getDocument('c-doc-new');
          assert.ok(stored);
          const { version, contentHash, ingestedAt, ...rest } = stored;
          assert.deepEqual(rest, article);
          assert.equal(version, 1);
          assert.equal(ingestedAt, T1);
          assert.match(contentHash, /^[0-9a-f]{64}$/);
        });
      });

      test('re-putting the same id and text is unchanged and writes nothing', () => {
        withStore((store) => {
          const article = makeArticle({ id: 'c-doc-same' });
          assert.equal(store.putDocument(article, T1), 'new');
          assert.equal(store.putDocument({ ...article }, T2), 'unchanged');
          const versions = store.listDocumentVersions('c-doc-same');
          assert.equal(versions.length, 1);
          assert.equal(versions[0].ingestedAt, T1, 'the first ingest time is kept');
        });
      });

      test('a new text under the same id is a new current version; the old one is kept', () => {
        withStore((store) => {
          const v1 = makeArticle({ id: 'c-doc-versions', text: 'Shelling hit Maarat al-Numan, killing three.' });
          const v2 = { ...v1, text: 'Shelling hit Maarat al-Numan, killing four, a medic said.' };
          assert.equal(store.putDocument(v1, T1), 'new');
          assert.equal(store.putDocument(v2, T2), 'new_version');
          assert.equal(store.putDocument(v2, T2), 'unchanged');

          const current = store.getDocument('c-doc-versions');
          assert.equal(current?.version, 2);
          assert.equal(current?.text, v2.text);
          assert.equal(current?.ingestedAt, T2);

          const versions = store.listDocumentVersions('c-doc-versions');
          assert.deepEqual(
            versions.map((d) => [d.version, d.text, d.ingestedAt]),
            [
              [1, v1.text, T1],
              [2, v2.text, T2],
            ],
          );
          assert.notEqual(versions[0].contentHash, versions[1].contentHash);
          const listed = store.listDocuments().filter((d) => d.id === 'c-doc-versions');
          assert.deepEqual(listed.map((d) => d.version), [2], 'only the current version is listed');
        });
      });

      test('a changed publication date is a new version (it changes how dates resolve)', () => {
        withStore((store) => {
          const article = makeArticle({ id: 'c-doc-published', published: '2019-11-06' });
          store.putDocument(article, T1);
          assert.equal(store.putDocument({ ...article, published: '2019-11-07' }, T2), 'new_version');
          assert.equal(store.getDocument('c-doc-published')?.published, '2019-11-07');
        });
      });

      test('null metadata round-trips as null', () => {
        withStore((store) => {
          const article = makeArticle({ id: 'c-doc-nulls', published: null, url: null, outlet: null, title: null, language: null });
          store.putDocument(article, T1);
          const { version: _v, contentHash: _h, ingestedAt: _i, ...rest } = store.getDocument('c-doc-nulls')!;
          assert.deepEqual(rest, article);
        });
      });

      test('unknown ids: getDocument is null, no versions', () => {
        withStore((store) => {
          assert.equal(store.getDocument('c-doc-never-stored'), null);
          assert.deepEqual(store.listDocumentVersions('c-doc-never-stored'), []);
        });
      });

      test('listDocuments is ordered by id', () => {
        withStore((store) => {
          for (const id of ['c-order-b', 'c-order-c', 'c-order-a']) store.putDocument(makeArticle({ id }), T1);
          const ids = store.listDocuments().map((d) => d.id).filter((id) => id.startsWith('c-order-'));
          assert.deepEqual(ids, ['c-order-a', 'c-order-b', 'c-order-c']);
        });
      });
    });

    describe('mentions', () => {
      test('round-trip deep-equal, in the order given (12 mentions: #10 after #9)', () => {
        withStore((store) => {
          store.putDocument(makeArticle({ id: 'c-men-rt' }), T1);
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
          store.replaceMentions('c-men-rt', mentions);
          assert.deepEqual(store.listMentionsForDocument('c-men-rt'), mentions);
          assert.deepEqual(store.listMentions().filter((m) => m.docId === 'c-men-rt'), mentions);
        });
      });

      test('replaceMentions replaces the previous set', () => {
        withStore((store) => {
          store.putDocument(makeArticle({ id: 'c-men-replace' }), T1);
          store.replaceMentions('c-men-replace', [0, 1, 2].map((i) => makeMention('c-men-replace', i)));
          const second = [makeMention('c-men-replace', 0, { kind: 'background' })];
          store.replaceMentions('c-men-replace', second);
          assert.deepEqual(store.listMentionsForDocument('c-men-replace'), second);
          store.replaceMentions('c-men-replace', []);
          assert.deepEqual(store.listMentionsForDocument('c-men-replace'), []);
        });
      });

      test('mentions of one document do not touch another', () => {
        withStore((store) => {
          store.putDocument(makeArticle({ id: 'c-men-a' }), T1);
          store.putDocument(makeArticle({ id: 'c-men-b' }), T1);
          const a = [makeMention('c-men-a', 0)];
          const b = [makeMention('c-men-b', 0), makeMention('c-men-b', 1)];
          store.replaceMentions('c-men-a', a);
          store.replaceMentions('c-men-b', b);
          store.replaceMentions('c-men-a', []);
          assert.deepEqual(store.listMentionsForDocument('c-men-b'), b);
          const listed = store.listMentions().filter((m) => m.docId === 'c-men-a' || m.docId === 'c-men-b');
          assert.deepEqual(listed, b);
        });
      });

      test('a new document version starts with no mentions (the old ones belong to the old text)', () => {
        withStore((store) => {
          const article = makeArticle({ id: 'c-men-version' });
          store.putDocument(article, T1);
          store.replaceMentions('c-men-version', [makeMention('c-men-version', 0)]);
          store.putDocument({ ...article, text: `${article.text} Updated with a correction.` }, T2);
          assert.deepEqual(store.listMentionsForDocument('c-men-version'), []);
          assert.equal(store.listMentions().filter((m) => m.docId === 'c-men-version').length, 0);
        });
      });

      test('mentions for a document never stored are refused, naming the document', () => {
        withStore((store) => {
          assert.throws(() => store.replaceMentions('c-men-ghost', [makeMention('c-men-ghost', 0)]), /c-men-ghost/);
          assert.deepEqual(store.listMentionsForDocument('c-men-ghost'), []);
        });
      });

      test('a mention of another document is refused, naming it; the previous set stays', () => {
        withStore((store) => {
          store.putDocument(makeArticle({ id: 'c-men-own' }), T1);
          const kept = [makeMention('c-men-own', 0)];
          store.replaceMentions('c-men-own', kept);
          const stray = makeMention('c-men-other', 5);
          assert.throws(() => store.replaceMentions('c-men-own', [makeMention('c-men-own', 0), stray]), /c-men-other#5/);
          assert.deepEqual(store.listMentionsForDocument('c-men-own'), kept);
        });
      });
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

      test('round-trip deep-equal, in the order given', () => {
        withStore((store) => {
          const incidents = [incidentB, incidentA, incidentNoLocation];
          store.replaceIncidents(incidents, [tally2, tally]);
          assert.deepEqual(store.listIncidents(), incidents);
          assert.deepEqual(store.listTallies(), [tally2, tally]);
        });
      });

      test('a second replace replaces the whole set', () => {
        withStore((store) => {
          store.replaceIncidents([incidentA, incidentB], [tally]);
          store.replaceIncidents([incidentB], []);
          assert.deepEqual(store.listIncidents(), [incidentB]);
          assert.deepEqual(store.listTallies(), []);
          store.replaceIncidents([], []);
          assert.deepEqual(store.listIncidents(), []);
        });
      });

      // A failure part-way must leave the previous set exactly as it was.
      const unserialisable = makeIncident({ id: 'c-inc-bad', killed: { total: { best: 10n as unknown as number, min: 10, max: 10 } } });
      const failures: [string, Incident[], ReturnType<typeof makeTally>[], RegExp][] = [
        ['an incident that cannot be stored, in the middle', [incidentA, unserialisable, incidentB], [tally], /c-inc-bad/],
        ['a duplicate incident id after valid rows', [incidentA, incidentB, incidentA], [tally], /c-inc-a/],
        ['a duplicate tally id after all incidents', [incidentA, incidentB], [tally, tally], /c-tally-1/],
      ];
      for (const [label, incidents, tallies, names] of failures) {
        test(`atomic: ${label} leaves the old set intact`, () => {
          withStore((store) => {
            const old = [incidentNoLocation, incidentA];
            store.replaceIncidents(old, [tally2]);
            assert.throws(() => store.replaceIncidents(incidents, tallies), names);
            assert.deepEqual(store.listIncidents(), old);
            assert.deepEqual(store.listTallies(), [tally2]);
          });
        });
      }

      test('review status survives the round trip', () => {
        withStore((store) => {
          const statuses = ['unreviewed', 'confirmed', 'rejected', 'edited'] as const;
          const incidents = statuses.map((status) => makeIncident({ id: `c-inc-review-${status}`, review: { status } }));
          store.replaceIncidents(incidents, []);
          assert.deepEqual(store.listIncidents().map((i) => i.review.status), [...statuses]);
        });
      });
    });

    describe('warnings', () => {
      test('kept per run, in insertion order', () => {
        withStore((store) => {
          const w1 = { code: 'no-date', message: 'article has no publication date; dates resolve to nothing', source: 'c-warn-doc-1' };
          const w2 = { code: 'unknown-place', message: "place 'Kafr Nowhere' is not in the gazetteer", source: 'feed.jsonl:12' };
          const w3 = { code: 'no-date', message: 'article has no publication date', source: 'c-warn-doc-3' };
          store.addWarnings('c-run-1', [w1, w2]);
          store.addWarnings('c-run-2', [w3]);
          store.addWarnings('c-run-3', []);
          assert.deepEqual(store.listWarnings('c-run-1'), [
            { ...w1, runId: 'c-run-1' },
            { ...w2, runId: 'c-run-1' },
          ]);
          assert.deepEqual(store.listWarnings('c-run-3'), []);
          const all = store.listWarnings().filter((w) => w.runId.startsWith('c-run-'));
          assert.deepEqual(all, [
            { ...w1, runId: 'c-run-1' },
            { ...w2, runId: 'c-run-1' },
            { ...w3, runId: 'c-run-2' },
          ]);
        });
      });
    });

    describe('gazetteer', () => {
      test('round-trip deep-equal with its source, from any iterable', () => {
        withStore((store) => {
          const entries: GazetteerEntry[] = [
            makeGazetteerEntry(1),
            makeGazetteerEntry(2, { name: 'Ma‘arrat an Nu‘mān', asciiName: "Ma'arrat an Nu'man", alternateNames: [] }),
            makeGazetteerEntry(3, { admin1Code: null, admin1Name: null, population: 0, featureClass: 'A', featureCode: 'ADM1' }),
          ];
          function* generate() {
            yield* entries;
          }
          assert.equal(store.replaceGazetteer(generate(), 'test:hand-made'), 3);
          assert.deepEqual(store.loadGazetteer(), entries);
          assert.equal(store.gazetteerSource(), 'test:hand-made');
        });
      });

      test('a replace replaces the whole gazetteer and its source', () => {
        withStore((store) => {
          store.replaceGazetteer([makeGazetteerEntry(1), makeGazetteerEntry(2)], 'test:first');
          const second = [makeGazetteerEntry(7)];
          assert.equal(store.replaceGazetteer(second, 'test:second'), 1);
          assert.deepEqual(store.loadGazetteer(), second);
          assert.equal(store.gazetteerSource(), 'test:second');
        });
      });

      test('a failing replace (duplicate id) keeps the previous gazetteer and names the entry', () => {
        withStore((store) => {
          const kept = [makeGazetteerEntry(1)];
          store.replaceGazetteer(kept, 'test:kept');
          const dup = makeGazetteerEntry(9);
          assert.throws(() => store.replaceGazetteer([dup, makeGazetteerEntry(10), dup], 'test:broken'), /geonames:100009/);
          assert.deepEqual(store.loadGazetteer(), kept);
          assert.equal(store.gazetteerSource(), 'test:kept');
        });
      });
    });

    describe('transactions', () => {
      test('a throwing function rolls back every write in it', () => {
        withStore((store) => {
          assert.throws(
            () =>
              store.transaction(() => {
                store.putDocument(makeArticle({ id: 'c-tx-rolled-back' }), T1);
                store.addWarnings('c-tx-run', [{ code: 'x', message: 'y', source: 'z' }]);
                throw new Error('abort on purpose');
              }),
            /abort on purpose/,
          );
          assert.equal(store.getDocument('c-tx-rolled-back'), null);
          assert.deepEqual(store.listWarnings('c-tx-run'), []);
        });
      });

      test('returns the function value and commits', () => {
        withStore((store) => {
          const result = store.transaction(() => store.putDocument(makeArticle({ id: 'c-tx-committed' }), T1));
          assert.equal(result, 'new');
          assert.equal(store.getDocument('c-tx-committed')?.version, 1);
        });
      });
    });

    describe('persistence', () => {
      test('reopening keeps every kind of data, and reopening again (migrations re-run) changes nothing', () => {
        const article = makeArticle({ id: 'c-persist-doc' });
        const mentions = [makeMention('c-persist-doc', 0), makeMention('c-persist-doc', 1)];
        const incidents = [makeIncident({ id: 'c-persist-inc' })];
        const tallies = [makeTally({ id: 'c-persist-tally' })];
        const gazetteer = [makeGazetteerEntry(41), makeGazetteerEntry(42)];
        const warning = { code: 'no-date', message: 'no publication date', source: 'c-persist-doc' };
        withStore((store) => {
          store.putDocument(article, T1);
          store.putDocument({ ...article, text: `${article.text} Second version.` }, T2);
          store.replaceMentions('c-persist-doc', mentions);
          store.replaceIncidents(incidents, tallies);
          store.replaceGazetteer(gazetteer, 'test:persist');
          store.addWarnings('c-persist-run', [warning]);
        });
        const snapshot = () =>
          withStore((store) => ({
            versions: store.listDocumentVersions('c-persist-doc'),
            mentions: store.listMentionsForDocument('c-persist-doc'),
            incidents: store.listIncidents(),
            tallies: store.listTallies(),
            gazetteer: store.loadGazetteer(),
            source: store.gazetteerSource(),
            warnings: store.listWarnings('c-persist-run'),
          }));
        const first = snapshot();
        assert.deepEqual(first.versions.map((d) => d.version), [1, 2]);
        assert.deepEqual(first.mentions, mentions);
        assert.deepEqual(first.incidents, incidents);
        assert.deepEqual(first.tallies, tallies);
        assert.deepEqual(first.gazetteer, gazetteer);
        assert.equal(first.source, 'test:persist');
        assert.deepEqual(first.warnings, [{ ...warning, runId: 'c-persist-run' }]);
        assert.deepEqual(snapshot(), first);
        withStore((store) => assert.equal(store.putDocument({ ...article, text: `${article.text} Second version.` }, T2), 'unchanged'));
      });
    });
  });
}
