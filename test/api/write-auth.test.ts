/**
 * Every write route answers 401 without valid credentials. The routes come from the app's router
 * and its OpenAPI description (./write-routes.ts), never from a hand list, and the two must agree:
 * a write registered in the router but not documented (or documented without the bearer security
 * and its 401) fails here. Each is called with no Authorization header, a header of another scheme,
 * a wrong token and, on a server started without a token (read-only), with any token; the right
 * token must get past the check, so a route that answers 401 to everyone fails too.
 * Roles (403 for a user who may not write) come with users: see src/api/bearer-auth.ts.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TOKEN, buildApi, type ApiFixture } from './api-fixture.ts';
import { assertError } from './api-assert.ts';
import { bodyMediaType, concretePath, documentedWrites, openApiDoc, routeName, routerWriteRoutes, type DocumentedRoute } from './write-routes.ts';

let fx: ApiFixture;
let readOnly: ApiFixture;
let writes: DocumentedRoute[] = [];

before(async () => {
  fx = await buildApi([]);
  readOnly = await buildApi([], { token: '' });
  writes = documentedWrites(await openApiDoc(fx.app));
});
after(async () => {
  await fx.store.close();
  await readOnly.store.close();
});

async function call(app: ApiFixture['app'], route: DocumentedRoute, authorization: string | null): Promise<Response> {
  const headers: Record<string, string> = { 'Content-Type': bodyMediaType(route) };
  if (authorization !== null) headers.Authorization = authorization;
  // A valid article: a route that skipped the check would take it and answer 200.
  const body = JSON.stringify({ id: 'write-auth-probe', text: 'Two people were killed in Azaz on Monday, activists said.' });
  return await app.request(concretePath(route.path), { method: route.method, headers, body });
}

describe('write routes need credentials', () => {
  test('the router and the OpenAPI description list the same write routes, and there is at least one', () => {
    const fromRouter = routerWriteRoutes(fx.app).map(routeName);
    const fromDoc = writes.map(routeName).sort();
    assert.ok(fromRouter.length > 0, 'the app has write routes (POST /api/v1/documents at least)');
    assert.ok(fromRouter.includes('POST /api/v1/documents'));
    assert.deepEqual(fromRouter, fromDoc, 'every write the router serves is documented, and only those');
  });

  test('every write route documents the bearer security and its 401', () => {
    for (const r of writes) {
      assert.ok(r.operation.security?.some((s) => 'bearerAuth' in s), `${routeName(r)} declares bearerAuth`);
      assert.ok('401' in r.operation.responses, `${routeName(r)} documents 401`);
    }
  });

  const refusals: [string, string | null][] = [
    ['no Authorization header', null],
    ['another scheme', `Basic ${Buffer.from(`user:${TOKEN}`).toString('base64')}`],
    ['Bearer without a token', 'Bearer '],
    ['a wrong token', 'Bearer not-the-token'],
    ['the token with a suffix', `Bearer ${TOKEN}x`],
    ['a prefix of the token', `Bearer ${TOKEN.slice(0, -1)}`],
  ];
  for (const [what, authorization] of refusals) {
    test(`401 with ${what}, on every write route`, async () => {
      assert.ok(writes.length > 0);
      for (const r of writes) {
        const res = await call(fx.app, r, authorization);
        assert.equal(res.headers.get('www-authenticate'), 'Bearer realm="tally"', `${routeName(r)}: WWW-Authenticate (RFC 6750 §3)`);
        await assertError(res, { status: 401, code: 'unauthorized' }, `${routeName(r)} with ${what}`);
      }
      const stored = await fx.store.getDocument('write-auth-probe');
      assert.equal(stored, null, 'nothing was written');
    });
  }

  test('401 for any token on a server started without one (read-only)', async () => {
    for (const r of writes) {
      for (const authorization of [`Bearer ${TOKEN}`, 'Bearer x', null]) {
        await assertError(await call(readOnly.app, r, authorization), { status: 401, code: 'unauthorized' }, `${routeName(r)} read-only, ${authorization}`);
      }
    }
  });

  test('the right token gets past the check on every write route', async () => {
    for (const r of writes) {
      const res = await call(fx.app, r, `Bearer ${TOKEN}`);
      assert.notEqual(res.status, 401, `${routeName(r)} with the token: ${await res.text()}`);
      assert.ok(res.status < 500, `${routeName(r)} with the token answered ${res.status}`);
    }
  });
});
