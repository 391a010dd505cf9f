/**
 * Login sessions, CSRF, the login rate limit and private reads, over real HTTP: the app is served
 * by @hono/node-server on 127.0.0.1 and called with fetch, so cookies, Set-Cookie attributes and the
 * client address are what a browser would see. It runs on a SQLite file and on PostgreSQL (env
 * TALLY_TEST_PG_URL; skipped without it unless TALLY_REQUIRE_PG=1, which makes it fail). The clock is
 * the test's, so expiry and the rate limit's window are moved by hand.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { openStore } from '../../src/storage/open-store.ts';
import { incidentsJsonRendering } from '../../src/export/incidents-json.ts';
import type { IncidentStore } from '../../src/storage/incident-store.ts';
import { createApp, type AppDeps } from '../../src/api/app.ts';
import { LoginRateLimiter } from '../../src/api/login-rate-limit.ts';
import { embeddedDefault } from '../../src/services/gazetteer-service.ts';
import { createUser, issueToken } from '../../src/services/user-accounts.ts';
import { verifySecret } from '../../src/auth/secret-hash.ts';
import { NOW, TOKEN } from './api-fixture.ts';
import { assertError } from './api-assert.ts';
import { testDatabase } from '../storage/pg-test-database.ts';

const ADMIN_URL = process.env.TALLY_TEST_PG_URL;
const REQUIRED = process.env.TALLY_REQUIRE_PG === '1';
const PASSWORD = 'correct horse battery';
const SESSION_SECONDS = 3600;
const ARTICLE = JSON.stringify({ id: 'session-probe', text: 'Two people were killed in Azaz on Monday, activists said.', published: '2023-04-03' });

interface Served {
  base: string;
  store: IncidentStore;
  /** Move the app's clock forward. */
  advance: (seconds: number) => void;
  close: () => Promise<void>;
}

async function serveApp(store: IncidentStore, extra: Partial<AppDeps> = {}): Promise<Served> {
  let nowMs = Date.parse(NOW);
  const app = createApp({
    store,
    resolver: embeddedDefault().resolver,
    token: TOKEN,
    clock: () => new Date(nowMs).toISOString(),
    logError: (e) => process.stderr.write(`session test server: ${String(e)}\n`),
    sessionSeconds: SESSION_SECONDS,
    loginLimiter: new LoginRateLimiter({ perAccount: 3, perAddress: 6, windowMs: 600_000 }),
    ...extra,
  });
  const server: ServerType = await new Promise((done) => {
    const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => done(s));
  });
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    store,
    advance: (seconds) => (nowMs += seconds * 1000),
    close: () => new Promise((done) => server.close(() => done())),
  };
}

interface Login {
  res: Response;
  cookie: string;
  csrf: string;
}

async function login(s: Served, name: string, password = PASSWORD, headers: Record<string, string> = {}): Promise<Login> {
  const res = await fetch(`${s.base}/api/v1/session`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify({ name, password }) });
  const setCookie = res.headers.get('set-cookie') ?? '';
  const body = res.status === 200 ? ((await res.clone().json()) as { csrf_token: string }) : { csrf_token: '' };
  return { res, cookie: setCookie.split(';')[0], csrf: body.csrf_token };
}

const ingest = (s: Served, headers: Record<string, string>) =>
  fetch(`${s.base}/api/v1/documents`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: ARTICLE });
const whoAmI = async (s: Served, headers: Record<string, string> = {}) => (await (await fetch(`${s.base}/api/v1/session`, { headers })).json()) as Record<string, unknown>;

function sessionSuite(label: string, open: () => Promise<IncidentStore>): void {
  describe(`login sessions over HTTP: ${label}`, () => {
    let s: Served;
    before(async () => {
      const store = await open();
      for (const [name, role] of [['s-viewer', 'viewer'], ['s-analyst', 'analyst'], ['s-admin', 'admin'], ['s-limited', 'analyst'], ['s-later', 'viewer']] as const) {
        await createUser(store, { name, role, password: PASSWORD }, NOW);
      }
      s = await serveApp(store);
    });
    after(async () => {
      await s.close();
      await s.store.close();
    });

    test('login sets an HttpOnly, SameSite=Strict cookie (not Secure over plain HTTP) and answers the user, role and CSRF token', async () => {
      const { res, cookie, csrf } = await login(s, 's-analyst');
      assert.equal(res.status, 200, await res.clone().text());
      const setCookie = res.headers.get('set-cookie') ?? '';
      assert.match(setCookie, /^tally_session=[0-9a-f]{16}\.[A-Za-z0-9_-]{43};/);
      assert.match(setCookie, /; HttpOnly/);
      assert.match(setCookie, /; SameSite=Strict/);
      assert.match(setCookie, /; Path=\//);
      assert.match(setCookie, new RegExp(`; Max-Age=${SESSION_SECONDS}`));
      assert.doesNotMatch(setCookie, /Secure/);
      const body = (await res.json()) as Record<string, unknown>;
      assert.deepEqual(body.user, { name: 's-analyst', role: 'analyst' });
      assert.deepEqual(body.permissions, ['read', 'review', 'ingest']);
      assert.equal(body.csrf_token, csrf);
      assert.equal(body.expires_at, new Date(Date.parse(NOW) + SESSION_SECONDS * 1000).toISOString());
      // The store holds the secret's salted hash, never the secret.
      const [id, secret] = cookie.slice('tally_session='.length).split('.');
      const row = await s.store.getSession(id);
      assert.ok(row && !row.secretHash.includes(secret));
      assert.equal(await verifySecret(secret, row.secretHash), true);
    });

    test('behind HTTPS (X-Forwarded-Proto: https) the cookie is also Secure', async () => {
      const { res } = await login(s, 's-viewer', PASSWORD, { 'X-Forwarded-Proto': 'https' });
      assert.equal(res.status, 200);
      assert.match(res.headers.get('set-cookie') ?? '', /; Secure/);
    });

    test('GET /api/v1/session: anonymous reads; with the cookie, the user and the same CSRF token again', async () => {
      assert.deepEqual(await whoAmI(s), { user: null, via: null, permissions: ['read'], csrf_token: null, expires_at: null });
      const { cookie, csrf } = await login(s, 's-viewer');
      const me = await whoAmI(s, { Cookie: cookie });
      assert.deepEqual([me.user, me.via, me.csrf_token], [{ name: 's-viewer', role: 'viewer' }, 'session', csrf]);
    });

    test('a wrong password and an unknown user get the same 401; nothing is set', async () => {
      for (const [name, password] of [['s-analyst', 'wrong password!'], ['s-nobody', PASSWORD]]) {
        const { res } = await login(s, name, password);
        assert.equal(res.headers.get('set-cookie'), null);
        await assertError(res, { status: 401, code: 'unauthorized', mentions: 'name or password is wrong' }, `${name}`);
      }
    });

    test('a write by cookie needs the X-CSRF-Token of its session: missing or wrong 403, right one 200', async () => {
      const { cookie, csrf } = await login(s, 's-analyst');
      const other = await login(s, 's-admin');
      await assertError(await ingest(s, { Cookie: cookie }), { status: 403, code: 'invalid_csrf_token', parameter: 'X-CSRF-Token' }, 'no CSRF token');
      await assertError(await ingest(s, { Cookie: cookie, 'X-CSRF-Token': other.csrf }), { status: 403, code: 'invalid_csrf_token' }, "another session's token");
      await assertError(await ingest(s, { Cookie: cookie, 'X-CSRF-Token': `${csrf}x` }), { status: 403, code: 'invalid_csrf_token' }, 'a wrong token');
      assert.equal(await s.store.getDocument('session-probe'), null, 'nothing was written');
      const ok = await ingest(s, { Cookie: cookie, 'X-CSRF-Token': csrf });
      assert.equal(ok.status, 200, await ok.text());
      assert.ok(await s.store.getDocument('session-probe'));
    });

    test('a viewer with a session and its CSRF token is still refused the ingest (403 forbidden)', async () => {
      const { cookie, csrf } = await login(s, 's-viewer');
      await assertError(await ingest(s, { Cookie: cookie, 'X-CSRF-Token': csrf }), { status: 403, code: 'forbidden', mentions: 'viewer' }, 'viewer ingest');
    });

    test('a bearer request needs no CSRF token', async () => {
      const { token } = await issueToken(s.store, { userName: 's-analyst', label: null, expiresAt: null }, NOW);
      const res = await ingest(s, { Authorization: `Bearer ${token}` });
      assert.equal(res.status, 200, await res.text());
    });

    test('logout needs the CSRF token, ends the session and clears the cookie; the old cookie then counts for nothing', async () => {
      const { cookie, csrf } = await login(s, 's-analyst');
      const id = cookie.split('=')[1].split('.')[0];
      const refused = await fetch(`${s.base}/api/v1/session`, { method: 'DELETE', headers: { Cookie: cookie } });
      await assertError(refused, { status: 403, code: 'invalid_csrf_token' }, 'logout without CSRF');
      const res = await fetch(`${s.base}/api/v1/session`, { method: 'DELETE', headers: { Cookie: cookie, 'X-CSRF-Token': csrf } });
      assert.equal(res.status, 204);
      assert.match(res.headers.get('set-cookie') ?? '', /^tally_session=;.*Max-Age=0/);
      assert.equal((await s.store.getSession(id))?.endedAt, NOW);
      assert.equal((await whoAmI(s, { Cookie: cookie })).user, null);
      await assertError(await ingest(s, { Cookie: cookie, 'X-CSRF-Token': csrf }), { status: 401, code: 'unauthorized' }, 'write after logout');
    });

    test('a session expires after its lifetime', async () => {
      const { cookie, csrf } = await login(s, 's-analyst');
      s.advance(SESSION_SECONDS - 1);
      assert.equal(((await whoAmI(s, { Cookie: cookie })).user as { name: string } | null)?.name, 's-analyst', 'still valid a second before');
      s.advance(1);
      assert.equal((await whoAmI(s, { Cookie: cookie })).user, null, 'expired at its end');
      await assertError(await ingest(s, { Cookie: cookie, 'X-CSRF-Token': csrf }), { status: 401, code: 'unauthorized' }, 'write after expiry');
    });

    test('a forged cookie (a real session id with another secret) counts for nothing', async () => {
      const { cookie } = await login(s, 's-admin');
      const forged = `${cookie.slice(0, -4)}AAAA`;
      assert.equal((await whoAmI(s, { Cookie: forged })).user, null);
    });

    test('login rate limit per account: after 3 failures even the right password gets 429 with Retry-After, until the window passes', async () => {
      for (let i = 0; i < 3; i++) assert.equal((await login(s, 's-limited', `wrong password ${i}`)).res.status, 401);
      const { res } = await login(s, 's-limited');
      await assertError(res, { status: 429, code: 'too_many_requests', mentions: 's-limited' }, 'fourth attempt');
      const retryAfter = Number(res.headers.get('retry-after'));
      assert.ok(retryAfter > 0 && retryAfter <= 600, `Retry-After ${retryAfter}`);
      s.advance(retryAfter);
      assert.equal((await login(s, 's-limited')).res.status, 200, 'allowed again once the failures leave the window');
    });

    test('login rate limit per address: failures over several accounts from one address block a fresh account too', async () => {
      s.advance(601); // earlier tests' failures leave the window
      for (let i = 0; i < 6; i++) assert.equal((await login(s, `s-guess-${i}`, 'wrong password')).res.status, 401);
      const { res } = await login(s, 's-later');
      await assertError(res, { status: 429, code: 'too_many_requests', mentions: '127.0.0.1' }, 'a fresh account from the same address');
      assert.ok(Number(res.headers.get('retry-after')) > 0);
      s.advance(601);
    });

    test('disabling a user ends its sessions and refuses its logins', async () => {
      await createUser(s.store, { name: 's-leaver', role: 'analyst', password: PASSWORD }, NOW);
      const { cookie } = await login(s, 's-leaver');
      const admin = await login(s, 's-admin');
      const res = await fetch(`${s.base}/api/v1/users/s-leaver/disable`, { method: 'POST', headers: { Cookie: admin.cookie, 'X-CSRF-Token': admin.csrf } });
      assert.equal(res.status, 200, await res.text());
      assert.equal((await whoAmI(s, { Cookie: cookie })).user, null);
      assert.equal((await login(s, 's-leaver')).res.status, 401);
    });

    test('an admin creates a user and a token over the API; the token is shown once and works; lists hold no secret', async () => {
      const admin = await login(s, 's-admin');
      const headers = { Cookie: admin.cookie, 'X-CSRF-Token': admin.csrf, 'Content-Type': 'application/json' };
      const created = await fetch(`${s.base}/api/v1/users`, { method: 'POST', headers, body: JSON.stringify({ name: 's-bot', role: 'analyst' }) });
      assert.equal(created.status, 201, await created.clone().text());
      assert.deepEqual(((await created.json()) as Record<string, unknown>).can_log_in, false);
      const dup = await fetch(`${s.base}/api/v1/users`, { method: 'POST', headers, body: JSON.stringify({ name: 's-bot', role: 'viewer' }) });
      await assertError(dup, { status: 409, code: 'conflict', mentions: 's-bot' }, 'a taken name');
      const issued = await fetch(`${s.base}/api/v1/tokens`, { method: 'POST', headers, body: JSON.stringify({ user: 's-bot', label: 'ci' }) });
      assert.equal(issued.status, 201);
      const { id, token } = (await issued.json()) as { id: string; token: string };
      assert.equal((await ingest(s, { Authorization: `Bearer ${token}` })).status, 200);
      const list = await (await fetch(`${s.base}/api/v1/tokens`, { headers })).text();
      assert.ok(list.includes(id) && !list.includes(token.split('.')[1]) && !list.includes('scrypt'), list);
      const revoked = await fetch(`${s.base}/api/v1/tokens/${id}`, { method: 'DELETE', headers });
      assert.equal(revoked.status, 204);
      await assertError(await ingest(s, { Authorization: `Bearer ${token}` }), { status: 401, code: 'unauthorized' }, 'revoked token');
    });

    test('a private server asks every API read for a login; login, health and the dashboard stay open', async () => {
      const priv = await serveApp(s.store, { privateReads: true });
      try {
        await assertError(await fetch(`${priv.base}/api/v1/incidents`), { status: 401, code: 'unauthorized' }, 'anonymous read');
        await assertError(await fetch(`${priv.base}/api/v1/export?format=json`), { status: 401, code: 'unauthorized' }, 'anonymous export');
        assert.equal((await fetch(`${priv.base}/api/v1/health`)).status, 200);
        assert.deepEqual((await whoAmI(priv)).permissions, []);
        assert.equal((await fetch(`${priv.base}/`)).status, 200);
        const { cookie } = await login(priv, 's-viewer');
        assert.equal((await fetch(`${priv.base}/api/v1/incidents`, { headers: { Cookie: cookie } })).status, 200);
        assert.equal((await fetch(`${priv.base}/api/v1/incidents`, { headers: { Authorization: `Bearer ${TOKEN}` } })).status, 200);
      } finally {
        await priv.close();
      }
    });
  });
}

const dir = mkdtempSync(join(tmpdir(), 'tally-session-test-'));
after(() => rmSync(dir, { recursive: true, force: true }));
sessionSuite('sqlite', () => openStore(join(dir, 'sessions.db'), incidentsJsonRendering));

if (ADMIN_URL) {
  const db = testDatabase(ADMIN_URL, 'sessions');
  before(db.create);
  after(db.drop);
  sessionSuite('postgres', () => openStore(db.url, incidentsJsonRendering));
} else {
  test('login sessions over HTTP: postgres', { skip: REQUIRED ? false : 'TALLY_TEST_PG_URL is not set' }, () => {
    assert.fail('TALLY_TEST_PG_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/postgres) and TALLY_REQUIRE_PG=1');
  });
}
