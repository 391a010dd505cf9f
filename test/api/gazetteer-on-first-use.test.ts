/**
 * A server builds its place resolver when a document is first posted, not at start: reads never
 * build it, the first post builds it once, later posts reuse it, and a failed build is tried again.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApi, getJson, TOKEN } from './api-fixture.ts';
import { embeddedDefault, buildOnFirstUse } from '../../src/services/gazetteer-service.ts';
import type { PlaceResolver } from '../../src/pipeline/geocode/place-resolver.ts';

const article = (id: string) => JSON.stringify({ id, published: '2020-05-04', text: 'Shelling killed three civilians in Saraqib on Monday, the monitor said.' });

test('reads do not build the resolver; the first post builds it once and later posts reuse it', async () => {
  let builds = 0;
  const resolver = buildOnFirstUse(async (): Promise<PlaceResolver> => {
    builds++;
    return embeddedDefault().resolver;
  });
  const fx = await buildApi(undefined, { resolver });
  try {
    assert.equal((await getJson(fx.app, '/api/v1/incidents')).status, 200);
    assert.equal((await getJson(fx.app, '/api/v1/stats?group_by=month')).status, 200);
    assert.equal(builds, 0, 'reads build nothing');
    for (const id of ['lazy-1', 'lazy-2']) {
      const res = await fx.app.request('/api/v1/documents', { method: 'POST', body: article(id), headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' } });
      assert.equal(res.status, 200, await res.text());
    }
    assert.equal(builds, 1, 'built once, on the first post');
    assert.ok(await fx.store.getDocument('lazy-2'));
  } finally {
    await fx.store.close();
  }
});

test('a failed build is tried again on the next call', async () => {
  let calls = 0;
  const build = buildOnFirstUse(async () => {
    calls++;
    if (calls === 1) throw new Error('gazetteer folder unreadable');
    return 'built';
  });
  await assert.rejects(build(), /unreadable/);
  assert.equal(await build(), 'built');
  assert.equal(await build(), 'built');
  assert.equal(calls, 2);
});
