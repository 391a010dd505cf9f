/**
 * End-to-end test of the dashboard in headless Chromium (Debian's `chromium`, driven by
 * playwright-core): builds web/ with Vite into a temporary folder, fills a real SQLite store by
 * ingesting the bundled sample and one report of unknown date written for this test, serves API +
 * dashboard in-process on 127.0.0.1, then loads the page, filters by perpetrator, brushes the
 * timeline, clicks a marker, opens the incident and checks the highlighted quote, drives the list
 * by keyboard, checks the phone layout, and shows the incident of unknown date as such. Every
 * request the browser makes is recorded and must go to the test server. Screenshots are written to
 * test-artifacts/browser/ (TALLY_UPDATE_SCREENSHOTS=1 also refreshes docs/screenshots/dashboard.png).
 * The Syrian boundaries check needs ../shared/data/boundaries: skipped with a message when absent,
 * failed under TALLY_REQUIRE_SHARED=1.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { build } from 'vite';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createApp } from '../../src/api/app.ts';
import { openSqliteStore } from '../../src/storage/sqlite-incident-store.ts';
import { incidentsJsonRendering } from '../../src/export/incidents-json.ts';
import { embeddedDefault } from '../../src/services/gazetteer-service.ts';
import { ingestItems } from '../../src/services/ingest-batch.ts';
import { readInputs } from '../../src/pipeline/ingest/read-inputs.ts';
import type { IncidentJson } from '../../src/export/incidents-json.ts';
import type { Article } from '../../src/domain/types.ts';
import { parseCsv } from '../export/parse-csv.ts';
import { CHROMIUM, CHROMIUM_ARGS, HAS_CHROMIUM } from './chromium.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BOUNDARIES = join(ROOT, '..', 'shared', 'data', 'boundaries');
/** axe-core's browser build, injected into the page for the accessibility check. */
const AXE = join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');
const HAS_BOUNDARIES = existsSync(join(BOUNDARIES, 'syria_admin1_governorates.geojson'));
const REQUIRE_SHARED = process.env.TALLY_REQUIRE_SHARED === '1';
const ARTIFACTS = join(ROOT, 'test-artifacts', 'browser');
const LAPTOP = { width: 1366, height: 850 };
const PHONE = { width: 390, height: 844 };
const NOW = '2026-01-01T00:00:00.000Z';
/** No publication date and no date in the text: an incident of unknown date (fictional, like the sample). */
const UNDATED: Article = {
  id: 'browser-undated-taftanaz',
  published: null,
  url: null,
  outlet: 'Undated Bulletin (fictional)',
  title: null,
  language: 'en',
  text: 'Government shelling killed three civilians in the town of Taftanaz in Idlib province, a local monitor said.',
};

let tmp = '';
let server: ServerType | null = null;
let base = '';
let browser: Browser | null = null;
let context: BrowserContext | null = null;
let page: Page;
let store: Awaited<ReturnType<typeof openSqliteStore>> | null = null;
const requests: string[] = [];
const pageErrors: string[] = [];
const serverErrors: string[] = [];

async function api<T>(path: string): Promise<T> {
  const res = await fetch(`${base}/api/v1${path}`);
  const body = await res.text();
  assert.equal(res.status, 200, `GET /api/v1${path} answered ${res.status}: ${body}`);
  return JSON.parse(body) as T;
}

async function apiTotal(query: string): Promise<number> {
  return (await api<{ total: number }>(`/incidents?limit=1${query ? `&${query}` : ''}`)).total;
}

async function shot(name: string, target: Page = page, fullPage = false): Promise<string> {
  const path = join(ARTIFACTS, name);
  await target.screenshot({ path, fullPage });
  return path;
}

/** The live region's total once the list has settled on `expected`. */
async function waitForTotal(expected: number): Promise<void> {
  await page.waitForFunction((n) => document.getElementById('result-count')?.dataset.total === String(n), expected, { timeout: 15_000 });
  await page.waitForFunction(() => !document.getElementById('dashboard')?.hasAttribute('aria-busy'));
}

async function cards(target: Page = page): Promise<{ id: string; perpetrators: string[]; start: string; end: string }[]> {
  return target.$$eval('.incident-card', (els) =>
    els.map((el) => {
      const d = (el as HTMLElement).dataset;
      return { id: d.incidentId ?? '', perpetrators: (d.perpetrators ?? '').split(' ').filter(Boolean), start: d.dateStart ?? '', end: d.dateEnd ?? '' };
    }),
  );
}

test('Chromium is installed for the browser tests', () => {
  assert.ok(HAS_CHROMIUM, `${CHROMIUM} is missing: the browser tests drive Debian's Chromium; install it with \`apt-get install chromium\` (CI does this in .ci/run)`);
});

describe('dashboard in headless Chromium', { timeout: 180_000, skip: HAS_CHROMIUM ? false : `${CHROMIUM} is missing (apt-get install chromium)` }, () => {
  before(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    tmp = mkdtempSync(join(tmpdir(), 'tally-browser-'));
    const webDist = join(tmp, 'dist');
    await build({ configFile: join(ROOT, 'web', 'vite.config.ts'), logLevel: 'warn', build: { outDir: webDist, emptyOutDir: true } });

    store = await openSqliteStore(join(tmp, 'tally.db'), incidentsJsonRendering);
    const { resolver } = embeddedDefault();
    const summary = await ingestItems(store, resolver, readInputs([join(ROOT, 'sample', 'articles.jsonl')]), { now: NOW, runId: 'browser-test' });
    assert.ok(summary.incidents > 5, `the sample should give several incidents, got ${summary.incidents}`);
    await ingestItems(store, resolver, [{ kind: 'article', article: UNDATED, source: 'browser-test' }], { now: NOW, runId: 'browser-test-undated' });

    const app = createApp({
      store,
      resolver,
      token: '',
      boundariesDir: HAS_BOUNDARIES ? BOUNDARIES : null,
      webDist,
      clock: () => NOW,
      logError: (err, where) => serverErrors.push(`${where}: ${err instanceof Error ? err.stack : String(err)}`),
    });
    server = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    context = await browser.newContext({ viewport: LAPTOP, deviceScaleFactor: 1, reducedMotion: 'reduce' });
    context.on('request', (r) => {
      requests.push(r.url());
    });
    page = await context.newPage();
    page.on('pageerror', (err) => pageErrors.push(`pageerror: ${err.message}`));
    page.on('console', (msg) => {
      // Without a boundaries folder the API answers 404 there, which Chromium logs; that is expected.
      const expected404 = !HAS_BOUNDARIES && msg.location().url.includes('/api/v1/boundaries/');
      if (msg.type() === 'error' && !expected404) pageErrors.push(`console: ${msg.text()} (${msg.location().url})`);
    });
  });

  after(async () => {
    writeFileSync(join(ARTIFACTS, 'requests.txt'), requests.join('\n') + '\n');
    await context?.close();
    await browser?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await store?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  test('loads with markers, a timeline, the list, attributions and the fictional-data banner', async () => {
    const total = await apiTotal('');
    await page.goto(`${base}/`);
    await page.waitForSelector('.incident-card');
    await waitForTotal(total);
    assert.equal((await cards()).length, Math.min(total, 100));
    assert.ok(await page.locator('.incident-marker, .cluster-marker').count() > 0, 'markers on the map');
    await page.waitForSelector('#timeline canvas');
    assert.match(await page.locator('#result-count').textContent() ?? '', new RegExp(`^${total} incidents`));

    const banner = page.locator('#fictional-banner');
    assert.ok(await banner.isVisible(), 'the sample is fictional: banner shown');
    assert.match(await banner.textContent() ?? '', /Fictional sample data/);

    const footer = await page.locator('#attribution').textContent() ?? '';
    for (const credit of ['GeoNames (CC BY 4.0)', 'Who\'s On First', 'Mesoshapes (CC0)', 'Natural Earth']) assert.ok(footer.includes(credit), `attribution names ${credit}`);
    assert.ok((await page.locator('.leaflet-control-attribution').textContent() ?? '').includes('GeoNames'));
    // The world-atlas basemap is drawn from the bundled file.
    await page.waitForFunction(() => document.querySelectorAll('path.basemap-country').length > 100);
    await shot('01-dashboard-laptop.png');
  });

  test('the Syrian governorate boundaries are drawn from the configured folder', async (t) => {
    if (!HAS_BOUNDARIES) {
      if (REQUIRE_SHARED) assert.fail(`missing ${BOUNDARIES}/syria_admin1_governorates.geojson (TALLY_REQUIRE_SHARED=1)`);
      t.skip(`missing ${BOUNDARIES}/syria_admin1_governorates.geojson`);
      return;
    }
    await page.waitForSelector('path.boundary-admin1');
    assert.equal(await page.locator('path.boundary-admin1').count(), 14, 'one outline per governorate');
    // Their credits are shown once they are drawn (a server without boundaries shows none).
    await page.locator('#credit-boundaries').waitFor({ state: 'visible' });
    assert.ok((await page.locator('.leaflet-control-attribution').textContent() ?? '').includes('Who’s On First'));
  });

  test('the filter lists come from the facets, named: claimants by their names, ids as values', async () => {
    const facets = (await (await fetch(`${base}/api/v1/facets`)).json()) as { claimants: { id: string; name: string }[] };
    const options = await page.locator('#f-claimant option').evaluateAll((els) => els.map((o) => [(o as HTMLOptionElement).value, o.textContent]));
    assert.deepEqual(options.slice(1).map(([v]) => v), facets.claimants.map((c) => c.id).sort());
    for (const [value, label] of options.slice(1)) assert.equal(label, facets.claimants.find((c) => c.id === value)?.name, value ?? '');
    assert.ok(options.every(([value, label]) => value === '' || label !== value), 'no id shown raw');
  });

  test('filtering by perpetrator narrows map, list, count and export links', async () => {
    const expected = await apiTotal('perpetrator=russia');
    assert.ok(expected > 0 && expected < (await apiTotal('')), 'the sample has some, not all, incidents by russia');
    await page.selectOption('#f-perpetrator', 'russia');
    await waitForTotal(expected);
    const shown = await cards();
    assert.equal(shown.length, expected);
    for (const c of shown) assert.ok(c.perpetrators.includes('russia'), `${c.id} lists russia among ${c.perpetrators.join(',')}`);
    assert.match(page.url(), /#\/\?perpetrator=russia$/);
    for (const format of ['json', 'csv', 'geojson']) {
      const href = await page.locator(`#export-${format}`).getAttribute('href');
      assert.equal(href, `/api/v1/export?perpetrator=russia&format=${format}`);
    }
    const res = await fetch(`${base}${await page.locator('#export-csv').getAttribute('href')}`);
    assert.equal(res.status, 200);
    // Records, not lines: a quote may span paragraphs, and RFC 4180 keeps its line breaks inside the field.
    assert.equal(parseCsv(await res.text()).length, expected + 1, 'the CSV export holds the filtered incidents');
    await shot('02-filtered-russia.png');
  });

  test('brushing the timeline sets the date range and filters the map and list', async () => {
    const before = await apiTotal('perpetrator=russia');
    const over = await page.locator('#timeline .u-over').boundingBox();
    assert.ok(over, 'uPlot overlay present');
    const y = over.y + over.height / 2;
    await page.mouse.move(over.x + 2, y);
    await page.mouse.down();
    await page.mouse.move(over.x + over.width * 0.3, y, { steps: 6 });
    await page.mouse.move(over.x + over.width * 0.55, y, { steps: 6 });
    await page.mouse.up();
    await page.waitForFunction(() => (document.getElementById('f-from') as HTMLInputElement).value !== '');
    const from = await page.inputValue('#f-from');
    const to = await page.inputValue('#f-to');
    assert.match(from, /^\d{4}-\d{2}-\d{2}$/);
    assert.ok(to >= from, `range ${from}..${to}`);
    const expected = await apiTotal(`from=${from}&to=${to}&perpetrator=russia`);
    await waitForTotal(expected);
    const all = (await api<{ items: IncidentJson[] }>('/incidents?perpetrator=russia&limit=500')).items;
    const lastDay = all.map((i) => i.date.start).sort().at(-1)!;
    assert.ok(to < lastDay, `half the chart (${from}..${to}) stops before the last incident day ${lastDay}`);
    assert.ok(expected < before, `the brushed range ${from}..${to} leaves out some incidents (${expected} of ${before})`);
    for (const c of await cards()) assert.ok(c.start <= to && c.end >= from, `${c.id} (${c.start}..${c.end}) overlaps ${from}..${to}`);
    assert.ok(page.url().includes(`from=${from}&to=${to}`));
    assert.ok(await page.locator('#t-clear').isVisible(), 'a button clears the range');
    await shot('03-brushed.png');
  });

  test('clicking a marker opens its popup and marks the incident in the list', async () => {
    // A marker nothing else is drawn over (zooming into clusters until one shows).
    const uncovered = (): Promise<string | null> =>
      page.$$eval('.incident-marker', (els) => {
        for (const el of els) {
          const r = el.getBoundingClientRect();
          const top = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
          if (top && el.contains(top)) return (el as HTMLElement).dataset.incidentId ?? null;
        }
        return null;
      });
    let id = await uncovered();
    for (let i = 0; i < 6 && !id; i++) {
      await page.locator('.cluster-marker').first().click();
      await page.waitForTimeout(400);
      id = await uncovered();
    }
    assert.ok(id, 'an incident marker is on the map');
    const marker = page.locator(`.incident-marker[data-incident-id="${id}"]`);
    await marker.click();
    const link = page.locator('.leaflet-popup a.open-incident');
    await link.waitFor();
    assert.equal(await link.getAttribute('href'), `#/incident/${id}`);
    assert.equal(await page.locator(`.incident-card[data-incident-id="${id}"]`).getAttribute('aria-current'), 'true');
    await page.waitForTimeout(300); // the popup's pan into view
    await shot('04-marker-popup.png');
    await link.click();
    await page.waitForURL(`**/#/incident/${id}`);
  });

  test('the incident page shows each claim with its sentence highlighted in the article', async () => {
    const id = decodeURIComponent(page.url().split('#/incident/')[1]);
    const detail = await api<{ incident: IncidentJson; documents: { id: string; outlet: string | null }[] }>(`/incidents/${encodeURIComponent(id)}`);
    await page.waitForSelector('mark.claim-quote');
    const marks = await page.locator('mark.claim-quote').allTextContents();
    assert.deepEqual(marks, detail.incident.claims.map((c) => c.quote), 'one highlighted sentence per claim, equal to its quote');
    const claimText = await page.locator('.claims').textContent() ?? '';
    for (const c of detail.incident.claims) {
      assert.ok(claimText.includes(`[${c.claimant}]`), `claimant ${c.claimant} shown`);
      if (c.outlet) assert.ok(claimText.includes(c.outlet), `outlet ${c.outlet} shown`);
    }
    // The sentence is scrolled into view inside its article box.
    const inView = await page.$$eval('.article', (boxes) =>
      boxes.every((box) => {
        const m = box.querySelector('mark')!.getBoundingClientRect();
        const b = box.getBoundingClientRect();
        return m.top >= b.top - 1 && m.top < b.bottom;
      }),
    );
    assert.ok(inView, 'every highlighted sentence is visible in its article box');
    const counts = await page.locator('table.counts').textContent() ?? '';
    assert.match(counts, /Killed/);
    assert.equal(await page.locator('#incident-heading').evaluate((h) => h === document.activeElement), true, 'focus moves to the heading');
    await page.waitForSelector('.incident-map path.place-marker');
    assert.ok(await page.locator('#fictional-banner').isVisible());
    await shot('05-incident-page.png', page, true);
  });

  test('keyboard: back restores the filters; list cards open with Enter and Space; markers with Enter', async () => {
    await page.goBack();
    await page.waitForSelector('.incident-card');
    assert.match(page.url(), /perpetrator=russia/);
    assert.ok((await page.inputValue('#f-from')) !== '', 'brushed range kept');
    const focusedCard = await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.incidentId ?? null);
    assert.ok(focusedCard, 'focus returns to the card of the incident just visited');

    const first = page.locator('.incident-card').first();
    const firstId = await first.getAttribute('data-incident-id');
    await first.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/#/incident/${firstId}`);
    await page.waitForSelector('mark.claim-quote');
    await page.goBack();
    await page.waitForSelector('.incident-card');
    await page.locator('.incident-card').first().focus();
    await page.keyboard.press(' ');
    await page.waitForURL(`**/#/incident/${firstId}`);
    await page.goBack();
    await page.waitForSelector('.incident-card');

    const marker = page.locator('.incident-marker, .cluster-marker').first();
    await marker.focus();
    assert.equal(await marker.getAttribute('role'), 'button');
    assert.ok((await marker.getAttribute('aria-label'))?.length, 'markers have a text label');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('.leaflet-popup') !== null || document.activeElement?.closest('.leaflet-marker-pane') !== null);
  });

  test('on a phone the filters, map, timeline and list stack in one column', async () => {
    const phone = await context!.newPage();
    phone.on('pageerror', (err) => pageErrors.push(`phone pageerror: ${err.message}`));
    await phone.setViewportSize(PHONE);
    await phone.goto(`${base}/`);
    await phone.waitForSelector('.incident-card');
    await phone.waitForSelector('#timeline canvas');
    // The first Tab stop is the skip link, then the title, the two views (incidents, review queue)
    // and the folded sign-in button; the folded filters open from their button with Enter.
    await phone.keyboard.press('Tab');
    assert.equal(await phone.evaluate(() => document.activeElement?.className), 'skip-link');
    await phone.keyboard.press('Tab');
    await phone.keyboard.press('Tab');
    assert.equal(await phone.evaluate(() => (document.activeElement as HTMLAnchorElement | null)?.dataset.view), 'incidents');
    await phone.keyboard.press('Tab');
    assert.equal(await phone.evaluate(() => (document.activeElement as HTMLAnchorElement | null)?.dataset.view), 'review');
    await phone.keyboard.press('Tab');
    assert.equal(await phone.evaluate(() => document.activeElement?.id), 'login-open');
    await phone.keyboard.press('Tab');
    assert.equal(await phone.evaluate(() => document.activeElement?.id), 'filters-toggle');
    assert.equal(await phone.locator('#filters-toggle').getAttribute('aria-expanded'), 'false', 'filters start folded on a phone');
    assert.equal(await phone.locator('#f-from').isVisible(), false);
    await phone.keyboard.press('Enter');
    await phone.keyboard.press('Tab');
    assert.equal(await phone.evaluate(() => document.activeElement?.id), 'f-from');
    await phone.keyboard.press('Shift+Tab');
    await phone.keyboard.press('Enter');
    const box = async (sel: string) => (await phone.locator(sel).boundingBox())!;
    const [filters, map, timeline, list] = [await box('#filters'), await box('.map-panel'), await box('.timeline-panel'), await box('.list-panel')];
    assert.ok(filters.y + filters.height <= map.y + 1, 'filters above the map');
    assert.ok(map.y + map.height <= timeline.y + 1, 'map above the timeline');
    assert.ok(timeline.y + timeline.height <= list.y + 1, 'timeline above the list');
    for (const b of [filters, map, timeline, list]) assert.ok(b.width <= PHONE.width, `panel ${b.width}px fits the ${PHONE.width}px screen`);
    assert.ok((await box('#map')).height > 250, 'the map keeps a usable height');
    assert.ok(map.y < PHONE.height / 2, 'the map starts on the first screen');
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.equal(overflow, 0, 'no sideways scrolling');
    await shot('06-dashboard-phone.png', phone);
    await phone.locator('.incident-card').first().click();
    await phone.waitForSelector('mark.claim-quote');
    await shot('07-incident-phone.png', phone, true);
    await phone.close();
  });

  test('an incident of unknown date reads "date unknown" in the list and on its page, and stays off the timeline', async () => {
    const [incident] = (await api<{ items: IncidentJson[] }>(`/incidents?document=${UNDATED.id}`)).items;
    assert.deepEqual(incident?.date, { start: null, end: null, precision: 'unknown' });
    const total = await apiTotal('');
    const timelineIncidents = (await api<{ rows: { incidents: number }[] }>('/stats?group_by=day')).rows.reduce((n, r) => n + r.incidents, 0);
    assert.equal(timelineIncidents, total - 1, 'the day statistics leave it out');
    await page.goto(`${base}/#/`);
    await waitForTotal(total);
    const card = page.locator(`.incident-card[data-incident-id="${incident.id}"]`);
    await card.waitFor();
    assert.equal(await card.locator('.card-date').textContent(), 'date unknown');
    assert.equal(await card.getAttribute('data-date-precision'), 'unknown');
    assert.equal((await cards()).at(-1)?.id, incident.id, 'listed after every dated incident');
    assert.match(await page.locator('#result-count').textContent() ?? '', /; 1 of unknown date/);
    // The timeline still draws the dated incidents and says what it leaves out.
    await page.waitForSelector('#timeline canvas');
    const note = page.locator('#timeline-undated');
    await note.waitFor({ state: 'visible' });
    assert.equal(await note.textContent(), '1 incident of unknown date is not on the timeline.');
    await shot('08-undated-in-list.png');
    await card.click();
    await page.waitForURL(`**/#/incident/${incident.id}`);
    await page.waitForSelector('mark.claim-quote');
    assert.match(await page.locator('.incident-sub').textContent() ?? '', /^date unknown · /);
    const facts = await page.locator('dl.facts').textContent() ?? '';
    assert.ok(facts.includes('date unknown: no report of it gives a day'), facts);
    await shot('09-undated-incident-page.png', page, true);
    await page.goBack();
    await page.waitForSelector('.incident-card');
  });

  test('accessibility (axe-core): no serious or critical violations on the dashboard and an incident page', async () => {
    // The page's Content Security Policy forbids injected scripts: axe runs in a context that bypasses it.
    const axeContext = await browser!.newContext({ viewport: LAPTOP, deviceScaleFactor: 1, reducedMotion: 'reduce', bypassCSP: true });
    const page = await axeContext.newPage();
    const serious = async (where: string) => {
      await page.addScriptTag({ path: AXE });
      const found = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run: (c: Document, o: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
        const result = await axe.run(document, { resultTypes: ['violations'] });
        return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
      });
      return found.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${where}: ${v.id} (${v.impact}) at ${v.nodes.join(', ')}`);
    };
    await page.goto(`${base}/`);
    await page.waitForSelector('.incident-card');
    await page.waitForSelector('#timeline canvas');
    const problems = await serious('dashboard');
    const id = (await cards(page))[0].id;
    await page.goto(`${base}/#/incident/${encodeURIComponent(id)}`);
    await page.waitForSelector('mark.claim-quote');
    problems.push(...(await serious('incident page')));
    await axeContext.close();
    assert.deepEqual(problems, []);
  });

  test('the page made no request outside the test server, and nothing failed', () => {
    assert.ok(requests.length > 5, 'requests were recorded');
    const outside = requests.filter((u) => {
      if (u.startsWith('data:') || u.startsWith('blob:')) return false;
      const { hostname, protocol } = new URL(u);
      return !(protocol === 'http:' && (hostname === '127.0.0.1' || hostname === 'localhost'));
    });
    assert.deepEqual(outside, []);
    assert.deepEqual(pageErrors, []);
    assert.deepEqual(serverErrors, []);
    if (process.env.TALLY_UPDATE_SCREENSHOTS === '1') {
      mkdirSync(join(ROOT, 'docs', 'screenshots'), { recursive: true });
      copyFileSync(join(ARTIFACTS, '01-dashboard-laptop.png'), join(ROOT, 'docs', 'screenshots', 'dashboard.png'));
    }
  });
});
