/**
 * GET /api/v1/review/queue (docs/decisions/0021-review-queue.md) over real HTTP in-process: the
 * most uncertain incident comes first with its reasons; filters by reason, governorate, date,
 * status and reviewer; a decided incident leaves the open queue; bad parameters are named; the
 * incident page's answer carries the same reasons and the mention ids split and detach name.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ARTICLES, TOKEN, buildApi, getJson, type ApiFixture } from './api-fixture.ts';
import { assertError } from './api-assert.ts';
import type { Article } from '../../src/domain/types.ts';

interface QueueBody {
  items: { uncertainty: number; reasons: { id: string; weight: number; detail: string }[]; incident: { id: string; documents: string[]; review_status: string } }[];
  total: number;
  next_offset: number | null;
  reason_counts: Record<string, number>;
  reasons: { id: string; label: string }[];
  orphaned: unknown[];
}

/** Placed only at a province (invented). */
const PROVINCE_ONLY: Article = {
  id: 'api-08-province-only',
  text: 'Two civilians were killed on Thursday by government shelling on a village in the southern countryside of Idlib province, activists said, without naming the village.',
  published: '2023-06-16',
  url: null,
  outlet: 'Test Desk (fictional)',
  title: 'Shelling in southern Idlib',
  language: 'en',
};

let fx: ApiFixture;
before(async () => {
  fx = await buildApi([...ARTICLES, PROVINCE_ONLY]);
});
after(async () => {
  await fx.store.close();
});

const queue = async (query = ''): Promise<QueueBody> => {
  const { status, body } = await getJson<QueueBody>(fx.app, `/api/v1/review/queue${query}`);
  assert.equal(status, 200, JSON.stringify(body));
  return body;
};

describe('the review queue over HTTP', () => {
  test('most uncertain first: the event two sources give different tolls for leads, with its reasons', async () => {
    const q = await queue();
    assert.ok(q.total >= 4, `${q.total} incidents`);
    const first = q.items[0];
    assert.deepEqual(first.incident.documents, ['api-01-ariha-wire', 'api-02-ariha-agency']);
    const conflict = first.reasons.find((r) => r.id === 'conflicting-figures');
    assert.match(conflict?.detail ?? '', /killed: 9 \(.+\), 12 \(.+\)/);
    for (let i = 1; i < q.items.length; i++) assert.ok(q.items[i - 1].uncertainty >= q.items[i].uncertainty, 'ordered by uncertainty');
    assert.equal(q.reason_counts['governorate-only'], 1);
    assert.ok(q.reasons.some((r) => r.id === 'weak-link' && r.label.length > 0));
  });

  test('filters: reason, governorate, date, paging', async () => {
    const province = await queue('?reason=governorate-only');
    assert.deepEqual(province.items.map((i) => i.incident.documents), [['api-08-province-only']]);
    const aleppo = await queue('?admin1=aleppo');
    assert.deepEqual(aleppo.items.map((i) => i.incident.documents[0]), ['api-03-azaz-bomb']);
    const june = await queue('?from=2023-06-01&to=2023-06-30');
    assert.ok(june.items.length >= 1 && june.items.every((i) => !i.incident.documents.some((d) => d.startsWith('api-01'))));
    const page = await queue('?limit=1');
    assert.equal(page.items.length, 1);
    assert.equal(page.next_offset, 1);
    const second = await queue('?limit=1&offset=1');
    assert.notEqual(second.items[0].incident.id, page.items[0].incident.id);
  });

  test('a confirmed incident leaves the open queue and is found by status and reviewer', async () => {
    const before = await queue();
    const target = before.items[0].incident.id;
    const res = await fx.app.request(`/api/v1/incidents/${target}/decisions`, { method: 'POST', headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ kind: 'confirm' }) });
    assert.equal(res.status, 201, await res.text());
    const after = await queue();
    assert.equal(after.total, before.total - 1);
    assert.ok(!after.items.some((i) => i.incident.id === target));
    const confirmed = await queue('?status=confirmed');
    assert.deepEqual(confirmed.items.map((i) => i.incident.id), [target]);
    assert.equal((confirmed.items[0] as unknown as { version: number }).version, 1, 'the review version to send back');
    assert.deepEqual((await queue('?status=all&reviewer=api-token')).items.map((i) => i.incident.id), [target]);
    assert.equal((await queue('?status=all&reviewer=somebody-else')).total, 0);
  });

  test('bad parameters are named', async () => {
    await assertError(await fx.app.request('/api/v1/review/queue?reason=spooky'), { status: 400, code: 'invalid_parameter', parameter: 'reason' }, 'an unknown reason');
    await assertError(await fx.app.request('/api/v1/review/queue?status=maybe'), { status: 400, code: 'invalid_parameter', parameter: 'status' }, 'an unknown status');
    await assertError(await fx.app.request('/api/v1/review/queue?limit=0'), { status: 400, code: 'invalid_parameter', parameter: 'limit' }, 'limit 0');
    await assertError(await fx.app.request('/api/v1/review/queue?from=June'), { status: 400, code: 'invalid_parameter', parameter: 'from' }, 'a date in words');
  });

  test("the incident's own answer carries its reasons and its reports' mention ids", async () => {
    const q = await queue('?status=all');
    const item = q.items.find((i) => i.incident.documents.includes('api-08-province-only'))!;
    const { body } = await getJson<{ mention_ids: string[]; uncertainty: number; reasons: { id: string }[] }>(fx.app, `/api/v1/incidents/${item.incident.id}`);
    assert.equal(body.uncertainty, item.uncertainty);
    assert.deepEqual(body.reasons.map((r) => r.id), item.reasons.map((r) => r.id));
    assert.equal(body.mention_ids.length, 1);
    assert.ok(body.mention_ids[0].startsWith('api-08-province-only#'));
  });
});
