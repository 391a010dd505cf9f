/**
 * Every write route answers 401 without valid credentials and 403 to a role that may not. The
 * routes come from the app's router and its OpenAPI description (./write-routes.ts), never from a
 * hand list, and the two must agree: a write registered in the router but not documented (or
 * documented without the bearer and cookie security, its 401 and 403, and the permission it needs
 * as `x-tally-permission`) fails here. The one public write is the login.
 *
 * 401: no Authorization header, a header of another scheme, a wrong token, a prefix of the token,
 * a user token that is revoked, expired, malformed or of a disabled user, and on a server started
 * without a token (read-only) the server token. 403: a token of each role (viewer, analyst, admin)
 * is tried on every route, and must be refused exactly when src/domain/roles.ts says the role lacks
 * the route's permission; otherwise it must get past the check, as must the server token, so a
 * route that refuses everyone fails too.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PERMISSIONS, ROLES, roleAllows, type Permission, type Role } from '../../src/domain/roles.ts';
import { createUser, disableUser, issueToken, revokeToken } from '../../src/services/user-accounts.ts';
import { NOW, TOKEN, buildApi, type ApiFixture } from './api-fixture.ts';
import { assertError } from './api-assert.ts';
import { bodyMediaType, concretePath, documentedWrites, openApiDoc, routeName, routerWriteRoutes, type DocumentedRoute } from './write-routes.ts';

let fx: ApiFixture;
let readOnly: ApiFixture;
let writes: DocumentedRoute[] = [];
let publicWrites: DocumentedRoute[] = [];
const tokens = {} as Record<Role, string>;
let revoked = '';
let expired = '';
let ofDisabledUser = '';

const permissionOf = (r: DocumentedRoute): Permission => (r.operation as { 'x-tally-permission'?: Permission })['x-tally-permission']!;
const isPublic = (r: DocumentedRoute): boolean => Array.isArray(r.operation.security) && r.operation.security.length === 0;

before(async () => {
  fx = await buildApi([]);
  readOnly = await buildApi([], { token: '' });
  const all = documentedWrites(await openApiDoc(fx.app));
  writes = all.filter((r) => !isPublic(r));
  publicWrites = all.filter(isPublic);
  for (const role of ROLES) {
    await createUser(fx.store, { name: `wa-${role}`, role, password: null }, NOW);
    tokens[role] = (await issueToken(fx.store, { userName: `wa-${role}`, label: null, expiresAt: null }, NOW)).token;
  }
  await createUser(fx.store, { name: 'wa-gone', role: 'admin', password: null }, NOW);
  const r = await issueToken(fx.store, { userName: 'wa-gone', label: 'revoked', expiresAt: null }, NOW);
  await revokeToken(fx.store, r.id, NOW);
  revoked = r.token;
  // NOW is the fixture's clock: a token that expired a second before it.
  expired = (await issueToken(fx.store, { userName: 'wa-gone', label: 'expired', expiresAt: '2025-12-31T23:59:59.000Z' }, NOW)).token;
  await createUser(fx.store, { name: 'wa-disabled', role: 'admin', password: null }, NOW);
  ofDisabledUser = (await issueToken(fx.store, { userName: 'wa-disabled', label: null, expiresAt: null }, NOW)).token;
  await disableUser(fx.store, 'wa-disabled', NOW);
});
after(async () => {
  await fx.store.close();
  await readOnly.store.close();
});

async function call(app: ApiFixture['app'], route: DocumentedRoute, authorization: string | null): Promise<Response> {
  const headers: Record<string, string> = { 'Content-Type': bodyMediaType(route) };
  if (authorization !== null) headers.Authorization = authorization;
  // A valid article: an ingest route that skipped the check would take it and answer 200.
  const body = route.method === 'DELETE' ? undefined : JSON.stringify({ id: 'write-auth-probe', text: 'Two people were killed in Azaz on Monday, activists said.' });
  return await app.request(concretePath(route.path), { method: route.method, headers, body });
}

describe('write routes need credentials', () => {
  test('the router and the OpenAPI description list the same write routes, and there is at least one', () => {
    const fromRouter = routerWriteRoutes(fx.app).map(routeName);
    const fromDoc = [...writes, ...publicWrites].map(routeName).sort();
    assert.ok(fromRouter.length > 0, 'the app has write routes (POST /api/v1/documents at least)');
    assert.ok(fromRouter.includes('POST /api/v1/documents'));
    assert.deepEqual(fromRouter, fromDoc, 'every write the router serves is documented, and only those');
  });

  test('the only public write is the login', () => {
    assert.deepEqual(publicWrites.map(routeName), ['POST /api/v1/session']);
  });

  test('every other write route documents both securities, its 401 and 403, and the permission it needs', () => {
    for (const r of writes) {
      assert.deepEqual(r.operation.security, [{ bearerAuth: [] }, { sessionCookie: [] }], `${routeName(r)} declares bearerAuth and sessionCookie`);
      assert.ok('401' in r.operation.responses, `${routeName(r)} documents 401`);
      assert.ok('403' in r.operation.responses, `${routeName(r)} documents 403`);
      assert.ok((PERMISSIONS as readonly string[]).includes(permissionOf(r)), `${routeName(r)} names its permission: ${permissionOf(r)}`);
    }
    assert.equal(permissionOf(writes.find((r) => routeName(r) === 'POST /api/v1/documents')!), 'ingest');
  });

  const refusals: [string, () => string | null][] = [
    ['no Authorization header', () => null],
    ['another scheme', () => `Basic ${Buffer.from(`user:${TOKEN}`).toString('base64')}`],
    ['Bearer without a token', () => 'Bearer '],
    ['a wrong token', () => 'Bearer not-the-token'],
    ['the token with a suffix', () => `Bearer ${TOKEN}x`],
    ['a prefix of the token', () => `Bearer ${TOKEN.slice(0, -1)}`],
    ['a revoked user token', () => `Bearer ${revoked}`],
    ['an expired user token', () => `Bearer ${expired}`],
    ['the token of a disabled user', () => `Bearer ${ofDisabledUser}`],
    ["an admin token's id with another secret", () => `Bearer ${tokens.admin.slice(0, -4)}AAAA`],
  ];
  for (const [what, authorization] of refusals) {
    test(`401 with ${what}, on every write route`, async () => {
      assert.ok(writes.length > 0);
      for (const r of writes) {
        const res = await call(fx.app, r, authorization());
        assert.equal(res.headers.get('www-authenticate'), 'Bearer realm="tally"', `${routeName(r)}: WWW-Authenticate (RFC 6750 §3)`);
        await assertError(res, { status: 401, code: 'unauthorized' }, `${routeName(r)} with ${what}`);
      }
      const stored = await fx.store.getDocument('write-auth-probe');
      assert.equal(stored, null, 'nothing was written');
    });
  }

  test('401 for the server token and any other on a server started without one (read-only)', async () => {
    for (const r of writes) {
      for (const authorization of [`Bearer ${TOKEN}`, 'Bearer x', null]) {
        await assertError(await call(readOnly.app, r, authorization), { status: 401, code: 'unauthorized' }, `${routeName(r)} read-only, ${authorization}`);
      }
    }
  });

  for (const role of ROLES) {
    test(`a ${role} token: 403 exactly on the routes whose permission the role lacks, past the check elsewhere`, async () => {
      let refused = 0;
      for (const r of writes) {
        const res = await call(fx.app, r, `Bearer ${tokens[role]}`);
        if (roleAllows(role, permissionOf(r))) {
          assert.ok(res.status !== 401 && res.status !== 403 && res.status < 500, `${routeName(r)} (${permissionOf(r)}) as ${role} answered ${res.status}: ${await res.text()}`);
        } else {
          refused++;
          await assertError(res, { status: 403, code: 'forbidden', mentions: permissionOf(r) }, `${routeName(r)} as ${role}`);
        }
      }
      if (role === 'viewer') {
        assert.ok(refused > 0, 'a viewer is refused somewhere (it may write nothing but its own logout)');
        assert.equal(await fx.store.getDocument('write-auth-probe'), null, "a viewer's ingest wrote nothing");
      }
      if (role === 'admin') assert.equal(refused, 0, 'an admin may do every write');
    });
  }

  test('a viewer is refused the ingest (403) and an analyst is refused user management (403)', async () => {
    const ingest = writes.find((r) => routeName(r) === 'POST /api/v1/documents')!;
    await assertError(await call(fx.app, ingest, `Bearer ${tokens.viewer}`), { status: 403, code: 'forbidden', mentions: 'viewer' }, 'viewer ingest');
    const addUser = writes.find((r) => routeName(r) === 'POST /api/v1/users')!;
    await assertError(await call(fx.app, addUser, `Bearer ${tokens.analyst}`), { status: 403, code: 'forbidden', mentions: 'admin' }, 'analyst adds a user');
  });

  test('the server token (admin bootstrap) gets past the check on every write route', async () => {
    for (const r of writes) {
      const res = await call(fx.app, r, `Bearer ${TOKEN}`);
      assert.ok(res.status !== 401 && res.status !== 403, `${routeName(r)} with the token: ${res.status} ${await res.text()}`);
      assert.ok(res.status < 500, `${routeName(r)} with the token answered ${res.status}`);
    }
  });
});
