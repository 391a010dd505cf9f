/**
 * Dashboard login and logout in headless Chromium, on a private server (`privateReads`): the page
 * first shows the sign-in form and no incidents (reads answer 401); a wrong password shows an
 * error; signing in sets a session cookie the page's scripts cannot read (HttpOnly, SameSite=Strict)
 * and the incidents load; signing out ends the session in the store, clears the cookie and brings
 * the form back. Builds web/ with Vite and serves it with the API in-process on 127.0.0.1.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { build } from 'vite';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createApp } from '../../src/api/app.ts';
import { openSqliteStore } from '../../src/storage/sqlite-incident-store.ts';
import { incidentsJsonRendering } from '../../src/export/incidents-json.ts';
import { embeddedDefault } from '../../src/services/gazetteer-service.ts';
import { ingestItems } from '../../src/services/ingest-batch.ts';
import { readInputs } from '../../src/pipeline/ingest/read-inputs.ts';
import { createUser } from '../../src/services/user-accounts.ts';
import { CHROMIUM, CHROMIUM_ARGS, HAS_CHROMIUM } from './chromium.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const NOW = '2026-01-01T00:00:00.000Z';
const PASSWORD = 'a browser password';

let tmp = '';
let server: ServerType | null = null;
let base = '';
let browser: Browser | null = null;
let page: Page;
let store: Awaited<ReturnType<typeof openSqliteStore>> | null = null;
const pageErrors: string[] = [];

describe('dashboard login and logout in headless Chromium', { timeout: 180_000, skip: HAS_CHROMIUM ? false : `${CHROMIUM} is missing (apt-get install chromium)` }, () => {
  before(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'tally-login-'));
    const webDist = join(tmp, 'dist');
    await build({ configFile: join(ROOT, 'web', 'vite.config.ts'), logLevel: 'warn', build: { outDir: webDist, emptyOutDir: true } });
    store = await openSqliteStore(join(tmp, 'tally.db'), incidentsJsonRendering);
    const { resolver } = embeddedDefault();
    await ingestItems(store, resolver, readInputs([join(ROOT, 'sample', 'articles.jsonl')]), { now: NOW, runId: 'login-test' });
    await createUser(store, { name: 'ana', role: 'analyst', password: PASSWORD }, NOW);
    const app = createApp({ store, resolver, token: '', webDist, clock: () => NOW, privateReads: true, logError: (err) => pageErrors.push(`server: ${String(err)}`) });
    server = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    page = await (await browser.newContext()).newPage();
    page.on('pageerror', (err) => pageErrors.push(`pageerror: ${err.message}`));
  });

  after(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await store?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  test('signed out on a private server: the form shows and no incident is listed', async () => {
    await page.goto(`${base}/`);
    await page.locator('#login-form').waitFor({ state: 'visible' });
    assert.equal(await page.locator('#account-logout').isHidden(), true);
    assert.equal(await page.locator('#login-open').isHidden(), true, 'on a private server the form is open from the start');
    await page.locator('#error-box').waitFor({ state: 'visible' });
    assert.equal(await page.locator('.incident-card').count(), 0);
  });

  test('a wrong password shows an error and sets no cookie', async () => {
    await page.fill('#login-name', 'ana');
    await page.fill('#login-password', 'not the password');
    await page.click('#login-form button[type=submit]');
    await page.locator('#login-error').waitFor({ state: 'visible' });
    assert.match((await page.locator('#login-error').textContent()) ?? '', /wrong/);
    assert.deepEqual((await page.context().cookies()).map((c) => c.name), []);
  });

  test('signing in: the cookie is HttpOnly and SameSite=Strict, scripts cannot read it, and the incidents load', async () => {
    await page.fill('#login-name', 'ana');
    await page.fill('#login-password', PASSWORD);
    await Promise.all([page.waitForEvent('load'), page.click('#login-form button[type=submit]')]);
    await page.locator('#account-who').waitFor({ state: 'visible' });
    assert.equal(await page.locator('#account-who').textContent(), 'Signed in as ana (analyst)');
    assert.equal(await page.locator('#login-form').isHidden(), true);
    await page.waitForSelector('.incident-card', { timeout: 15_000 });
    const cookie = (await page.context().cookies()).find((c) => c.name === 'tally_session');
    assert.ok(cookie, 'the session cookie is set');
    assert.deepEqual([cookie.httpOnly, cookie.sameSite, cookie.path], [true, 'Strict', '/']);
    assert.doesNotMatch(await page.evaluate(() => document.cookie), /tally_session/);
  });

  test('where reads are open, the form is folded behind a Sign in button', async () => {
    const open = await browser!.newPage();
    try {
      const publicApp = createApp({ store: store!, resolver: embeddedDefault().resolver, token: '', webDist: join(tmp, 'dist'), clock: () => NOW });
      const publicServer = await new Promise<ServerType>((resolve) => {
        const s = serve({ fetch: publicApp.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
      });
      try {
        await open.goto(`http://127.0.0.1:${(publicServer.address() as AddressInfo).port}/`);
        await open.waitForSelector('.incident-card', { timeout: 15_000 });
        await open.locator('#login-open').waitFor({ state: 'visible' });
        assert.equal(await open.locator('#login-form').isHidden(), true);
        await open.click('#login-open');
        await open.locator('#login-form').waitFor({ state: 'visible' });
        assert.equal(await open.evaluate(() => document.activeElement?.id), 'login-name');
      } finally {
        await new Promise<void>((resolve) => publicServer.close(() => resolve()));
      }
    } finally {
      await open.close();
    }
  });

  test('signing out ends the session, clears the cookie and shows the form again', async () => {
    const id = (await page.context().cookies()).find((c) => c.name === 'tally_session')!.value.split('.')[0];
    await Promise.all([page.waitForEvent('load'), page.click('#account-logout')]);
    await page.locator('#login-form').waitFor({ state: 'visible' });
    assert.equal((await store!.getSession(id))?.endedAt, NOW);
    assert.deepEqual((await page.context().cookies()).filter((c) => c.name === 'tally_session'), []);
    assert.deepEqual(pageErrors, []);
  });
});
