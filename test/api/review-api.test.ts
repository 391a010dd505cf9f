/**
 * The review and audit routes over real HTTP in-process (docs/decisions/0018-review-decisions-and-audit.md):
 * a decision through POST /api/v1/incidents/{id}/decisions changes what the incident and the
 * export say; two analysts deciding against one version — the second gets 409 with the current
 * version and nothing is overwritten; the audit log pages and filters; orphaned decisions are
 * listed; and no route of the app, whatever its method, changes or deletes an audit entry.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ARTICLES, TOKEN, buildApi, getJson, type ApiFixture } from './api-fixture.ts';
import { assertError } from './api-assert.ts';
import { routerWriteRoutes, concretePath } from './write-routes.ts';

let fx: ApiFixture;
const auth = { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' };

interface IncidentBody {
  id: string;
  documents: string[];
  mention_ids?: string[];
  review_status: string;
  reviewed_by: string | null;
  reviewed_at: string | null;
  killed: Record<string, { best: number; min: number; max: number }>;
  event_type: string;
}

before(async () => {
  fx = await buildApi();
});
after(async () => {
  await fx.store.close();
});

async function incidentCiting(doc: string): Promise<IncidentBody> {
  const { body } = await getJson<{ items: IncidentBody[] }>(fx.app, `/api/v1/incidents?document=${doc}`);
  assert.equal(body.items.length, 1, `one incident cites ${doc}`);
  return body.items[0];
}

async function decide(id: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fx.app.request(`/api/v1/incidents/${id}/decisions`, { method: 'POST', headers: { ...auth, ...headers }, body: JSON.stringify(body) });
}

async function wholeAudit(): Promise<unknown[]> {
  const all: unknown[] = [];
  let cursor: string | null = null;
  do {
    const page: { status: number; body: { items: unknown[]; next_cursor: string | null } } = await getJson<{ items: unknown[]; next_cursor: string | null }>(fx.app, `/api/v1/audit?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
    assert.equal(page.status, 200);
    all.push(...page.body.items);
    cursor = page.body.next_cursor;
  } while (cursor !== null);
  return all;
}

describe('review decisions over HTTP', () => {
  test('confirm: 201 with the new version as ETag; the incident says confirmed, by the token, when', async () => {
    const azaz = await incidentCiting('api-03-azaz-bomb');
    assert.equal(azaz.review_status, 'unreviewed');
    const res = await decide(azaz.id, { kind: 'confirm', reason: 'matches the council statement' });
    assert.equal(res.status, 201, await res.clone().text());
    assert.equal(res.headers.get('etag'), '"1"');
    const body = (await res.json()) as { decision: { kind: string; reviewer: string; version: number }; version: number; incident: IncidentBody };
    assert.deepEqual([body.decision.kind, body.decision.reviewer, body.decision.version, body.version], ['confirm', 'api-token', 1, 1]);
    const now = await incidentCiting('api-03-azaz-bomb');
    assert.deepEqual([now.review_status, now.reviewed_by, now.reviewed_at], ['confirmed', 'api-token', '2026-01-01T00:00:00.000Z']);
    const listed = await getJson<{ version: number; decisions: unknown[] }>(fx.app, `/api/v1/incidents/${azaz.id}/decisions`);
    assert.equal(listed.body.version, 1);
    assert.equal(listed.headers.get('etag'), '"1"');
  });

  test('two analysts edit one incident: the second gets 409 with the current version, nothing is overwritten', async () => {
    const douma = await incidentCiting('api-04-douma-shelling');
    const seen = (await getJson<{ version: number }>(fx.app, `/api/v1/incidents/${douma.id}/decisions`)).body.version;
    const first = await decide(douma.id, { kind: 'edit', field: 'killed.civilians.best', value: 3, reason: 'a third body was found' }, { 'If-Match': `"${seen}"` });
    assert.equal(first.status, 201, await first.clone().text());
    const second = await decide(douma.id, { kind: 'edit', field: 'killed.civilians.best', value: 1, reason: 'the son survived', version: seen });
    const error = await assertError(second, { status: 409, code: 'conflict' }, 'the second edit');
    assert.equal(error.error.current_version, seen + 1);
    assert.equal(second.headers.get('etag'), `"${seen + 1}"`);
    const now = await incidentCiting('api-04-douma-shelling');
    assert.equal(now.killed.civilians.best, 3, "the first analyst's value stands");
    assert.equal(now.review_status, 'edited');
    const decisions = (await getJson<{ decisions: unknown[] }>(fx.app, `/api/v1/incidents/${douma.id}/decisions`)).body.decisions;
    assert.equal(decisions.length, 1, 'the refused edit was not recorded');
  });

  test('an edit without a reason, an unknown field, a bad value: 400 naming the parameter', async () => {
    const douma = await incidentCiting('api-04-douma-shelling');
    await assertError(await decide(douma.id, { kind: 'edit', field: 'killed.total.best', value: 3 }), { status: 400, code: 'invalid_parameter', parameter: 'reason' }, 'no reason');
    await assertError(await decide(douma.id, { kind: 'edit', field: 'killed.dogs.best', value: 3, reason: 'x' }), { status: 400, code: 'invalid_parameter', parameter: 'field' }, 'bad field');
    await assertError(await decide(douma.id, { kind: 'edit', field: 'eventType', value: 'picnic', reason: 'x' }), { status: 400, code: 'invalid_parameter', parameter: 'value' }, 'bad value');
    await assertError(await decide('inc-nothing', { kind: 'confirm' }), { status: 404, code: 'not_found' }, 'unknown incident');
  });

  test('reject: the export leaves the incident out unless include_rejected=true', async () => {
    const busayrah = await incidentCiting('api-05-busayrah-clashes');
    assert.equal((await decide(busayrah.id, { kind: 'reject', reason: 'a training exercise' })).status, 201);
    const plain = await getJson<{ incidents: { id: string }[] }>(fx.app, '/api/v1/export?format=json');
    assert.ok(!plain.body.incidents.some((i) => i.id === busayrah.id));
    const all = await getJson<{ incidents: { id: string; review_status: string }[] }>(fx.app, '/api/v1/export?format=json&include_rejected=true');
    assert.equal(all.body.incidents.find((i) => i.id === busayrah.id)?.review_status, 'rejected');
  });

  test('the audit log records who, which incident and field, before, after and why; filters and pages', async () => {
    const douma = await incidentCiting('api-04-douma-shelling');
    const { body } = await getJson<{ items: { actor: unknown; action: string; field: string; before: unknown; after: unknown; reason: string }[] }>(fx.app, `/api/v1/audit?incident=${douma.id}`);
    assert.deepEqual(
      body.items.map((e) => [e.actor, e.action, e.field, e.before, e.after, e.reason]),
      [[{ kind: 'user', name: 'api-token' }, 'review.edit', 'killed.civilians.best', 2, 3, 'a third body was found']],
    );
    const relinks = await getJson<{ items: { actor: { kind: string; version: string; rules: string }; cause: string }[] }>(fx.app, '/api/v1/audit?action=relink');
    assert.ok(relinks.body.items.length >= 4, 'one per ingest and one per decision');
    assert.equal(relinks.body.items[0].actor.kind, 'pipeline');
    assert.match(relinks.body.items[0].actor.rules, /^[0-9a-f]{16}$/);
    assert.deepEqual([...new Set(relinks.body.items.map((e) => e.cause))].sort(), ['new-document', 'review']);
    const paged = await wholeAudit();
    const once = await getJson<{ items: unknown[] }>(fx.app, '/api/v1/audit?limit=1000');
    assert.deepEqual(paged, once.body.items);
    await assertError(await fx.app.request('/api/v1/audit?cursor=abc'), { status: 400, code: 'invalid_parameter', parameter: 'cursor' }, 'bad cursor');
  });

  test('orphaned decisions are listed: the document of a detached report changed', async () => {
    const ariha = await incidentCiting('api-02-ariha-agency');
    const agency = (await fx.store.getIncident(ariha.id))!.mentionIds.find((m) => m.startsWith('api-02-ariha-agency#'))!;
    assert.equal((await decide(ariha.id, { kind: 'detach', mentions: [agency], reason: 'another strike' })).status, 201);
    assert.notEqual((await incidentCiting('api-02-ariha-agency')).id, (await incidentCiting('api-01-ariha-wire')).id, 'detached');
    assert.deepEqual((await getJson<{ decisions: unknown[] }>(fx.app, '/api/v1/decisions?status=orphaned')).body.decisions, []);
    const changed = { ...ARTICLES.find((a) => a.id === 'api-02-ariha-agency')!, text: 'Rescuers in Ariha in Idlib province opened a new centre on Monday.' };
    const res = await fx.app.request('/api/v1/documents', { method: 'POST', headers: auth, body: JSON.stringify(changed) });
    assert.equal(res.status, 200);
    const orphaned = await getJson<{ decisions: { kind: string; status: string; orphaned_because: string }[] }>(fx.app, '/api/v1/decisions?status=orphaned');
    assert.deepEqual(orphaned.body.decisions.map((d) => [d.kind, d.status]), [['detach', 'orphaned']]);
    assert.match(orphaned.body.decisions[0].orphaned_because, /no longer exists/);
  });

  test('no route, with any method, changes or deletes an audit entry', async () => {
    const before = await wholeAudit();
    assert.ok(before.length > 0);
    const first = before[0] as { id: number };
    const paths = ['/api/v1/audit', `/api/v1/audit/${first.id}`, '/api/v1/audit?incident=x', '/api/v1/decisions'];
    for (const path of paths) {
      for (const method of ['PUT', 'PATCH', 'DELETE', 'POST']) {
        const res = await fx.app.request(path, { method, headers: auth, body: method === 'DELETE' ? undefined : JSON.stringify({ actor: 'mallory', reason: 'rewritten' }) });
        assert.ok(res.status >= 400, `${method} ${path} answered ${res.status}`);
      }
    }
    // Every write route the app serves, called with bodies aimed at the log: at most it appends.
    for (const r of routerWriteRoutes(fx.app)) {
      for (const body of [{ id: first.id, actor: 'mallory' }, { kind: 'confirm', id: first.id }, []]) {
        await fx.app.request(concretePath(r.path), { method: r.method, headers: auth, body: JSON.stringify(body) });
      }
    }
    const afterwards = await wholeAudit();
    assert.deepEqual(afterwards.slice(0, before.length), before, 'every earlier entry is unchanged and in place');
  });
});
