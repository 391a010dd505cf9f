/**
 * Review decisions survive relinking (issue 11, docs/decisions/0018-review-decisions-and-audit.md):
 * a real SQLite store is filled through the ingest service, analysts confirm, reject, edit, lock,
 * merge and detach through the review service, then the same documents are ingested again with a
 * new report of one event dated before every other — which moves that incident's founding report —
 * and every decision must still hold: the human values stand, the disagreement is flagged, the
 * merge and the detach are kept by the linker itself, nothing is orphaned. Decisions whose target
 * vanished (the document changed) are listed as orphaned, not dropped.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openStore } from '../../src/storage/open-store.ts';
import { incidentsJsonRendering } from '../../src/export/incidents-json.ts';
import type { IncidentStore } from '../../src/storage/incident-store.ts';
import type { Article, Incident } from '../../src/domain/types.ts';
import { ingestItems } from '../../src/services/ingest-batch.ts';
import { embeddedDefault } from '../../src/services/gazetteer-service.ts';
import { recordDecision, type DecisionRequest } from '../../src/services/review-incidents.ts';
import { exportInput } from '../../src/services/export-store.ts';
import { VersionConflictError } from '../../src/storage/store-errors.ts';
import { REVIEW_ARTICLES, article } from './review-fixture.ts';

/** A report of the Ariha strike published before every other report of it, with a higher toll. */
const EARLIER_ARIHA = article('rv-ariha-early', '2023-03-05', 'Russian warplanes struck the town of Ariha in Idlib province on Sunday, killing at least 15 civilians, the White Helmets said.');

const NOW1 = '2026-02-01T10:00:00.000Z';
const NOW2 = '2026-02-02T10:00:00.000Z';
const NOW3 = '2026-02-03T10:00:00.000Z';

async function ingest(store: IncidentStore, articles: Article[], now: string) {
  const { resolver } = embeddedDefault();
  return ingestItems(store, resolver, articles.map((a) => ({ kind: 'article' as const, article: a, source: a.id })), { now, runId: now, policy: 'latest' });
}

async function incidentOf(store: IncidentStore, doc: string): Promise<Incident> {
  const found = (await store.listIncidents()).filter((i) => i.documents.includes(doc));
  assert.equal(found.length, 1, `one incident cites ${doc}: ${found.map((i) => i.id).join(', ')}`);
  return found[0];
}

const ask = (kind: DecisionRequest['kind'], extra: Partial<DecisionRequest> = {}): DecisionRequest => ({ kind, reviewer: 'ana', reason: null, expectedVersion: null, now: NOW2, ...extra });

describe('review decisions hold across relinks', () => {
  let store: IncidentStore;
  const ids: Record<string, string> = {};

  before(async () => {
    store = await openStore(':memory:', incidentsJsonRendering);
    await ingest(store, REVIEW_ARTICLES, NOW1);
    // What the machine made, before any decision: the premises of the decisions below.
    const ariha = await incidentOf(store, 'rv-ariha-wire');
    assert.deepEqual(ariha.documents, ['rv-ariha-agency', 'rv-ariha-wire']);
    assert.notEqual((await incidentOf(store, 'rv-azaz-bomb')).id, (await incidentOf(store, 'rv-azaz-later')).id, 'two Azaz bombings a week apart are two incidents');
    const saraqib = await incidentOf(store, 'rv-saraqib-wire');
    assert.deepEqual(saraqib.documents, ['rv-saraqib-local', 'rv-saraqib-wire']);
    for (const doc of ['rv-ariha-wire', 'rv-azaz-bomb', 'rv-azaz-later', 'rv-douma-shelling', 'rv-busayrah-clashes', 'rv-saraqib-wire']) ids[doc] = (await incidentOf(store, doc)).id;

    await recordDecision(store, ids['rv-ariha-wire'], ask('edit', { field: 'killed.total.max', value: 13, reason: 'the White Helmets list 13 names' }));
    await recordDecision(store, ids['rv-azaz-bomb'], ask('confirm', { reviewer: 'ben' }));
    await recordDecision(store, ids['rv-azaz-bomb'], ask('merge', { other: ids['rv-azaz-later'], reason: 'the second bomb was part of the same attack (local council)' }));
    await recordDecision(store, ids['rv-douma-shelling'], ask('reject', { reason: 'a retelling of a 2018 event' }));
    await recordDecision(store, ids['rv-busayrah-clashes'], ask('lock', { reason: 'checked against the SDF statement' }));
    const local = saraqib.mentionIds.find((m) => m.startsWith('rv-saraqib-local#'))!;
    await recordDecision(store, ids['rv-saraqib-wire'], ask('detach', { mentions: [local], reason: 'the local report is about the shelling of the next day' }));
  });

  const checkDecisionsHold = async () => {
    const ariha = await incidentOf(store, 'rv-ariha-wire');
    assert.equal(ariha.id, ids['rv-ariha-wire'], 'the Ariha incident keeps its id');
    assert.deepEqual(ariha.killed.total, { best: 12, min: 9, max: 13 }, "the analyst's maximum stands; the rest is the machine's");
    assert.equal(ariha.review.status, 'edited');
    assert.equal(ariha.review.reviewedBy, 'ana');

    const azaz = await incidentOf(store, 'rv-azaz-bomb');
    assert.deepEqual(azaz.documents, ['rv-azaz-bomb', 'rv-azaz-later'], 'the merge is kept by the linker');
    assert.equal(azaz.id, ids['rv-azaz-bomb']);
    assert.deepEqual(azaz.previousIds, [ids['rv-azaz-later']]);
    assert.equal(azaz.review.status, 'confirmed');

    const douma = await incidentOf(store, 'rv-douma-shelling');
    assert.equal(douma.review.status, 'rejected');

    const busayrah = await incidentOf(store, 'rv-busayrah-clashes');
    assert.equal(busayrah.review.locked, true);
    assert.equal(busayrah.review.status, 'unreviewed', 'a lock alone is no verdict');

    const wire = await incidentOf(store, 'rv-saraqib-wire');
    const local = await incidentOf(store, 'rv-saraqib-local');
    assert.notEqual(wire.id, local.id, 'the detached report stays out of the incident');
    assert.deepEqual([wire.documents, local.documents], [['rv-saraqib-wire'], ['rv-saraqib-local']]);
    // The two halves hold one report each of the id's two: the tie goes to one of them (decision 0017).
    assert.ok([wire.id, local.id].includes(ids['rv-saraqib-wire']));

    const decisions = await store.listDecisions();
    assert.equal(decisions.length, 6);
    assert.deepEqual(decisions.filter((d) => d.status !== 'active').map((d) => [d.id, d.orphanedBecause]), [], 'no decision is orphaned');
  };

  test('after the decisions, each holds', checkDecisionsHold);

  test('the same documents again plus an earlier-dated report: every decision still holds, the new toll is flagged, not taken', async () => {
    const summary = await ingest(store, [...REVIEW_ARTICLES, EARLIER_ARIHA], NOW3);
    assert.equal(summary.added, 1);
    const ariha = await incidentOf(store, 'rv-ariha-early');
    assert.equal(ariha.id, ids['rv-ariha-wire'], 'the earlier report joined the Ariha incident, which keeps its id');
    assert.deepEqual(ariha.documents, ['rv-ariha-agency', 'rv-ariha-early', 'rv-ariha-wire']);
    await checkDecisionsHold();
    assert.deepEqual(ariha.review.disagreements, [{ field: 'killed.total.max', human: 13, machine: 15, decision: 1 }]);
    assert.ok(summary.warnings.some((w) => w.code === 'review-disagreement' && w.source === ariha.id));
    const relinks = (await store.listAudit({ action: 'relink', since: NOW3 }, { limit: 10 })).items;
    assert.equal(relinks.length, 1);
    assert.equal(relinks[0].cause, 'new-document');
    assert.equal(relinks[0].actor.kind, 'pipeline');
    assert.deepEqual((relinks[0].after as { changed: string[] }).changed, [ariha.id]);
    const flagged = (await store.listAudit({ action: 'disagreement', incidentId: ariha.id }, { limit: 10 })).items;
    assert.deepEqual(flagged.map((e) => [e.field, e.before, e.after]), [['killed.total.max', 13, 15]]);
  });

  test('exports leave the rejected incident out unless asked, and carry review_status, reviewed_by, reviewed_at', async () => {
    const douma = await incidentOf(store, 'rv-douma-shelling');
    const shown = await exportInput(store, NOW3);
    assert.ok(!shown.incidents.some((i) => i.id === douma.id));
    const all = await exportInput(store, NOW3, 'latest', true);
    assert.ok(all.incidents.some((i) => i.id === douma.id));
    const other = await exportInput(store, NOW3, 'conservative');
    assert.ok(!other.incidents.some((i) => i.id === douma.id), 'under another policy too');
    assert.equal(other.incidents.find((i) => i.documents.includes('rv-ariha-wire'))?.killed.total?.max, 13, 'and the human value stands under it');
  });

  test('an edit needs a reason; a stale version is refused with the current one and writes nothing', async () => {
    const azaz = await incidentOf(store, 'rv-azaz-bomb');
    await assert.rejects(recordDecision(store, azaz.id, ask('edit', { field: 'killed.total.best', value: 9 })), /reason/);
    const version = await store.reviewVersion(azaz.id);
    const figure = azaz.killed.total?.best;
    await recordDecision(store, azaz.id, ask('edit', { field: 'eventType', value: 'explosion', reason: 'a car bomb', expectedVersion: version }));
    await assert.rejects(
      recordDecision(store, azaz.id, ask('edit', { field: 'killed.total.best', value: 9, reason: 'stale', expectedVersion: version, reviewer: 'ben' })),
      (e: Error) => e instanceof VersionConflictError && e.current === version + 1,
    );
    const after = await incidentOf(store, 'rv-azaz-bomb');
    assert.equal(after.killed.total?.best, figure, 'the stale edit changed nothing');
    assert.equal(after.eventType, 'explosion');
    assert.equal((await store.listDecisions({ incidentId: azaz.id })).length, version + 1);
  });

  test('a lock after an edit holds both, and flags nothing while the machine reads as it did', async () => {
    const douma = await incidentOf(store, 'rv-douma-shelling');
    await recordDecision(store, douma.id, ask('edit', { field: 'perpetrators', value: ['russia', 'syrian-government'], reason: 'joint operation per SNHR' }));
    await recordDecision(store, douma.id, ask('lock', { reason: 'final' }));
    await ingest(store, REVIEW_ARTICLES, '2026-02-03T12:00:00.000Z');
    const now = await incidentOf(store, 'rv-douma-shelling');
    assert.deepEqual(now.perpetrators, ['russia', 'syrian-government']);
    assert.equal(now.review.locked, true);
    assert.equal(now.review.status, 'rejected', 'the earlier reject still stands');
    assert.equal(now.review.disagreements, undefined, "the analyst's own edit is no disagreement");
  });

  test('a decision whose report vanished (the document changed) is orphaned, listed, never dropped', async () => {
    const changed = { ...REVIEW_ARTICLES.find((a) => a.id === 'rv-saraqib-local')!, text: 'Rescuers in Saraqib in Idlib province said they had received new equipment.' };
    const summary = await ingest(store, [changed], '2026-02-04T10:00:00.000Z');
    assert.equal(summary.newVersions, 1);
    const orphaned = await store.listDecisions({ status: 'orphaned' });
    assert.deepEqual(orphaned.map((d) => d.action.kind), ['detach']);
    assert.match(orphaned[0].orphanedBecause ?? '', /no longer exists/);
    assert.equal((await store.listDecisions()).length, 9, 'every decision is still stored');
    assert.ok(summary.warnings.some((w) => w.code === 'decision-orphaned'));
  });
});

describe('a split is a constraint the linker keeps', () => {
  test('two reports split apart stay apart on every relink; a later merge joins them again', async () => {
    const store = await openStore(':memory:', incidentsJsonRendering);
    try {
      const pair = REVIEW_ARTICLES.filter((a) => a.id.startsWith('rv-ariha'));
      await ingest(store, pair, NOW1);
      const both = await incidentOf(store, 'rv-ariha-wire');
      assert.equal(both.documents.length, 2);
      const agency = both.mentionIds.find((m) => m.startsWith('rv-ariha-agency#'))!;
      await assert.rejects(recordDecision(store, both.id, ask('split', { mentions: both.mentionIds })), /not all/);
      await recordDecision(store, both.id, ask('split', { mentions: [agency], reason: 'the agency tells the strike of the next day' }));
      const wire = await incidentOf(store, 'rv-ariha-wire');
      const split = await incidentOf(store, 'rv-ariha-agency');
      assert.notEqual(wire.id, split.id);
      // Again, with the earlier report that would tie them (it links to both).
      await ingest(store, [...pair, EARLIER_ARIHA], NOW3);
      assert.notEqual((await incidentOf(store, 'rv-ariha-wire')).id, (await incidentOf(store, 'rv-ariha-agency')).id, 'still apart after a relink with a new report');
      const now = await incidentOf(store, 'rv-ariha-wire');
      const other = await incidentOf(store, 'rv-ariha-agency');
      await recordDecision(store, now.id, ask('merge', { other: other.id, reason: 'the agency corrected its date' }));
      assert.equal((await incidentOf(store, 'rv-ariha-wire')).id, (await incidentOf(store, 'rv-ariha-agency')).id, 'the later merge wins over the split');
      assert.deepEqual((await store.listDecisions({ status: 'orphaned' })).map((d) => d.id), []);
    } finally {
      await store.close();
    }
  });
});
