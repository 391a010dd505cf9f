/**
 * Script payloads in what a report brings — its text, title, outlet, URL and document id — are inert
 * in the dashboard. Articles carrying `<script>`, `<img src=x onerror=…>` and `javascript:` links are
 * posted through the real ingest endpoint (with the token, over HTTP) into a real SQLite store; the
 * built dashboard is served by the same app and driven in headless Chromium through every view that
 * shows incidents, documents or claims: the list, the map's markers and popups, each incident page
 * with its claims and highlighted articles, and a search for the payload. Each payload sets a marker
 * global and calls alert(); the test fails if a dialog opens, the marker is set, an injected element
 * or event-handler attribute appears in the DOM, or a link has a `javascript:` URL.
 * The walk runs twice: with the server's Content-Security-Policy, where it must also cause no CSP
 * violation (a violation means markup got into the page even if the policy stopped it), and with
 * the policy bypassed, so the rendering is safe by itself and not only because of the policy.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { build } from 'vite';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createApp } from '../../src/api/app.ts';
import { DASHBOARD_CSP } from '../../src/api/security-headers.ts';
import { openSqliteStore } from '../../src/storage/sqlite-incident-store.ts';
import { embeddedDefault } from '../../src/services/gazetteer-service.ts';
import { incidentsJsonRendering, type IncidentJson } from '../../src/export/incidents-json.ts';
import { CHROMIUM, CHROMIUM_ARGS, HAS_CHROMIUM } from './chromium.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const NOW = '2026-01-01T00:00:00.000Z';
const TOKEN = 'xss-test-token';

/** A payload body: sets the marker global to say which field ran, then opens a dialog. */
const run = (field: string): string => `window.__xss=${JSON.stringify(field)};alert(${JSON.stringify(field)})`;
const script = (field: string): string => `<script>${run(field)}</script>`;
const img = (field: string): string => `<img src=x onerror='${run(field)}'>`;
const jsUrl = (field: string): string => `javascript:${run(field)}`;

/** Fictional reports, written for this test, each field carrying a payload; each still yields an incident. */
const HOSTILE = [
  {
    id: `xss-doc-${img('id')}`,
    published: '2023-04-12',
    outlet: `${img('outlet')} Hostile Wire (fictional)`,
    title: `${script('title')}Car bomb in Azaz`,
    url: jsUrl('url'),
    language: 'en',
    text: `AZAZ, Syria — Four people were killed and 11 wounded on Tuesday when a car bomb ${img('text')} exploded near a crowded market in the town of Azaz in Aleppo province, activists said. ${script('text-after')}`,
  },
  {
    id: 'xss-doc-links',
    published: '2023-05-20',
    outlet: `<a href="${jsUrl('outlet-link')}">Hostile Monitor (fictional)</a>`,
    title: `<a href="${jsUrl('title-link')}">Shelling on Douma</a>`,
    url: `https://example.invalid/"><img src=x onerror='${run('url-attr')}'>`,
    language: 'en',
    text: `Government forces shelled the town of Douma in Rural Damascus on Friday, killing two civilians ${script('quote')}, a woman and her son, the Syrian Network for Human Rights said. <a href="${jsUrl('text-link')}">read more</a>`,
  },
];

interface Walk {
  dialogs: string[];
  pageErrors: string[];
}

let tmp = '';
let webDist = '';
let server: ServerType | null = null;
let base = '';
let browser: Browser | null = null;
let store: Awaited<ReturnType<typeof openSqliteStore>> | null = null;
let incidents: IncidentJson[] = [];

async function api<T>(path: string): Promise<T> {
  const res = await fetch(`${base}/api/v1${path}`);
  assert.equal(res.status, 200, `GET /api/v1${path}`);
  return (await res.json()) as T;
}

/** Records CSP violations in the page from its first script on (an init script runs outside the page's CSP). */
const RECORD_VIOLATIONS = `
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || '')));
`;

async function openPage(context: BrowserContext, walk: Walk): Promise<Page> {
  const page = await context.newPage();
  page.on('dialog', (d) => {
    walk.dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  page.on('pageerror', (err) => walk.pageErrors.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !msg.location().url.includes('/api/v1/boundaries/')) walk.pageErrors.push(`console: ${msg.text()}`);
  });
  return page;
}

/** Nothing ran and nothing was injected; `where` names the view for the failure message. */
async function assertInert(page: Page, walk: Walk, where: string, csp: boolean): Promise<void> {
  await page.waitForTimeout(150); // an onerror of a broken image fires after a task or two
  assert.deepEqual(walk.dialogs, [], `${where}: a dialog opened`);
  const found = await page.evaluate(() => {
    const w = window as unknown as { __xss?: string; __cspViolations?: string[] };
    const handlers: string[] = [];
    for (const el of document.querySelectorAll('*')) {
      for (const a of el.getAttributeNames()) if (/^on/i.test(a)) handlers.push(`<${el.tagName.toLowerCase()} ${a}>`);
    }
    return {
      marker: w.__xss ?? null,
      inlineScripts: [...document.querySelectorAll('script:not([src])')].map((s) => s.textContent ?? ''),
      injectedImages: [...document.querySelectorAll('img')].filter((i) => i.getAttribute('src') === 'x').length,
      handlers,
      jsLinks: [...document.querySelectorAll('a[href], area[href], iframe[src], form[action]')]
        .map((el) => el.getAttribute('href') ?? el.getAttribute('src') ?? el.getAttribute('action') ?? '')
        .filter((u) => /^\s*javascript:/i.test(u)),
      violations: w.__cspViolations ?? [],
    };
  });
  assert.equal(found.marker, null, `${where}: the payload in "${found.marker}" ran`);
  assert.deepEqual(found.inlineScripts, [], `${where}: inline <script> in the DOM`);
  assert.equal(found.injectedImages, 0, `${where}: an injected <img src=x> is in the DOM`);
  assert.deepEqual(found.handlers, [], `${where}: event-handler attributes in the DOM`);
  assert.deepEqual(found.jsLinks, [], `${where}: javascript: URLs in the DOM`);
  if (csp) assert.deepEqual(found.violations, [], `${where}: Content-Security-Policy violations (markup reached the page)`);
}

/** Every view that shows incidents, documents or claims, checked after each step. */
async function walkDashboard(context: BrowserContext, csp: boolean): Promise<Walk> {
  const walk: Walk = { dialogs: [], pageErrors: [] };
  const page = await openPage(context, walk);
  await page.goto(`${base}/`);
  await page.waitForFunction((n) => document.getElementById('result-count')?.dataset.total === String(n), incidents.length);
  await page.waitForSelector('.incident-card');
  await assertInert(page, walk, 'dashboard list', csp);

  // The payloads are shown as text: the outlet's markup is visible characters, not an element.
  for (const incident of incidents) {
    const card = page.locator(`.incident-card[data-incident-id="${incident.id}"]`);
    assert.equal(await card.count(), 1, `card of ${incident.id}`);
  }

  // Map: each incident's marker and its popup (zooming into clusters until the marker shows).
  for (const incident of incidents) {
    const marker = page.locator(`.incident-marker[data-incident-id="${incident.id}"]`);
    for (let i = 0; i < 8 && (await marker.count()) === 0; i++) {
      await page.locator('.cluster-marker').first().click();
      await page.waitForTimeout(400);
      await assertInert(page, walk, 'cluster popup', csp);
    }
    assert.equal(await marker.count(), 1, `marker of ${incident.id}`);
    await marker.click();
    await page.locator('.leaflet-popup a.open-incident').waitFor();
    await assertInert(page, walk, `popup of ${incident.id}`, csp);
    await page.keyboard.press('Escape');
  }

  // Incident pages: claims, outlets, titles, links, and the articles with the quote highlighted.
  for (const incident of incidents) {
    await page.goto(`${base}/#/incident/${encodeURIComponent(incident.id)}`);
    await page.waitForSelector('mark.claim-quote');
    await page.waitForSelector('.incident-map path.place-marker');
    await assertInert(page, walk, `incident page ${incident.id}`, csp);
    const shown = (await page.locator('#incident-page').textContent()) ?? '';
    for (const claim of incident.claims) assert.ok(shown.includes(claim.quote), `the quote is shown as text, payload and all: ${claim.quote}`);
    for (const details of await page.locator('details.field-list').all()) await details.locator('summary').click();
    await assertInert(page, walk, `incident page ${incident.id}, fields open`, csp);
  }
  const pageText = (await page.locator('#incident-page').textContent()) ?? '';
  assert.ok(pageText.includes('<script>') || pageText.includes('<img'), 'payloads are visible as text on the last page');

  // The review queue: its reasons name claimants, places and figures read from the articles.
  await page.goto(`${base}/#/review`);
  await page.waitForSelector('.queue-item');
  await assertInert(page, walk, 'review queue', csp);
  assert.equal(await page.locator('.queue-item').count(), incidents.length, 'every incident is in the open queue');

  // A search for a payload: the term goes into the URL, the form and the API query.
  await page.goto(`${base}/#/?q=${encodeURIComponent(img('search'))}`);
  await page.waitForFunction(() => !document.getElementById('dashboard')?.hasAttribute('aria-busy'));
  await page.waitForSelector('#result-count[data-total]');
  await assertInert(page, walk, 'search for a payload', csp);
  await page.close();
  return walk;
}

describe('script payloads in articles are inert in the dashboard', { timeout: 240_000, skip: HAS_CHROMIUM ? false : `${CHROMIUM} is missing (apt-get install chromium)` }, () => {
  before(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'tally-xss-'));
    webDist = join(tmp, 'dist');
    await build({ configFile: join(ROOT, 'web', 'vite.config.ts'), logLevel: 'warn', build: { outDir: webDist, emptyOutDir: true } });
    store = await openSqliteStore(join(tmp, 'tally.db'), incidentsJsonRendering);
    const { resolver } = embeddedDefault();
    const app = createApp({ store, resolver, token: TOKEN, boundariesDir: null, webDist, clock: () => NOW, logError: () => undefined });
    server = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    const posted = await fetch(`${base}/api/v1/documents`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(HOSTILE),
    });
    const summary = (await posted.json()) as { added: number; incidents: number };
    assert.equal(posted.status, 200, JSON.stringify(summary));
    assert.equal(summary.added, HOSTILE.length);
    incidents = (await api<{ items: IncidentJson[] }>('/incidents?limit=100')).items;
    for (const doc of HOSTILE) assert.ok(incidents.some((i) => i.documents.includes(doc.id)), `${doc.id} gave an incident`);

    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  });

  after(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await store?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  test('the built dashboard has no inline script or event handler, and is served with the policy', async () => {
    const html = readFileSync(join(webDist, 'index.html'), 'utf8');
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    assert.ok(scripts.length > 0, 'the page loads its code from a script element');
    for (const [, attrs, body] of scripts) {
      assert.match(attrs, /\bsrc=/, `every script has a src: <script${attrs}>`);
      assert.equal(body.trim(), '', 'and no inline code');
    }
    assert.doesNotMatch(html, /\son[a-z]+\s*=/i, 'no inline event-handler attributes');
    assert.doesNotMatch(html, /javascript:/i, 'no javascript: URLs');
    const res = await fetch(`${base}/`);
    assert.equal(res.headers.get('content-security-policy'), DASHBOARD_CSP);
  });

  test('with the Content-Security-Policy: the dashboard works, nothing runs, no violation', async () => {
    const context = await browser!.newContext({ viewport: { width: 1366, height: 850 }, reducedMotion: 'reduce' });
    await context.addInitScript(RECORD_VIOLATIONS);
    try {
      const walk = await walkDashboard(context, true);
      assert.deepEqual(walk.pageErrors, []);
    } finally {
      await context.close();
    }
  });

  test('with the policy bypassed: the rendering alone keeps every payload inert', async () => {
    const context = await browser!.newContext({ viewport: { width: 1366, height: 850 }, reducedMotion: 'reduce', bypassCSP: true });
    try {
      const walk = await walkDashboard(context, false);
      assert.deepEqual(walk.pageErrors, []);
    } finally {
      await context.close();
    }
  });
});
