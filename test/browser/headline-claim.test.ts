/**
 * A claim read from the headline (decision 0020: the body told no incident) over the API and on the
 * incident page in headless Chromium: the API's answer carries `quote_in: "title"` and parses with
 * the published schema, and the page highlights the quote in the title, not at the same offsets of
 * the body. The report is invented.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { IncidentDetailSchema } from '../../src/api/schemas.ts';
import { openSqliteStore } from '../../src/storage/sqlite-incident-store.ts';
import { incidentsJsonRendering } from '../../src/export/incidents-json.ts';
import { embeddedDefault } from '../../src/services/gazetteer-service.ts';
import { ingestItems } from '../../src/services/ingest-batch.ts';
import type { Article } from '../../src/domain/types.ts';
import { CHROMIUM, HAS_CHROMIUM } from './chromium.ts';
import { serveDashboard, type ServedDashboard } from './serve-dashboard.ts';

const NOW = '2026-01-01T00:00:00.000Z';
const REPORT: Article = {
  id: 'headline-only',
  title: 'Man shot dead outside corner store in Lakeville, Ohio | The Lakeville Ledger',
  text: 'Subscribe now to keep reading. Already a subscriber? Log in to continue. Your subscription supports local journalism.',
  published: '2016-03-04',
  url: null,
  outlet: 'The Lakeville Ledger (fictional)',
  language: 'en',
};

let served: ServedDashboard | null = null;
let store: Awaited<ReturnType<typeof openSqliteStore>> | null = null;

describe('a claim read from the headline', { timeout: 180_000, skip: HAS_CHROMIUM ? false : `${CHROMIUM} is missing (apt-get install chromium)` }, () => {
  before(async () => {
    served = await serveDashboard('tally-headline-', async (tmp, webDist) => {
      store = await openSqliteStore(join(tmp, 'tally.db'), incidentsJsonRendering);
      const { resolver } = embeddedDefault();
      await ingestItems(store, resolver, [{ kind: 'article', article: REPORT, source: 'headline-claim.test.ts' }], { now: NOW, runId: 'headline' });
      return { store, resolver, token: '', webDist, clock: () => NOW, logError: () => undefined };
    });
  });

  after(async () => {
    await served?.close();
    await store?.close();
  });

  test('the API says the quote is in the title, at offsets of the title', async () => {
    const list = (await (await served!.app.request('/api/v1/incidents')).json()) as { items: { id: string }[] };
    assert.equal(list.items.length, 1, 'the headline gave one incident');
    const detail = IncidentDetailSchema.parse(await (await served!.app.request(`/api/v1/incidents/${list.items[0].id}`)).json());
    const claim = detail.incident.claims[0];
    assert.equal(claim.quote_in, 'title');
    assert.equal(REPORT.title!.slice(claim.start, claim.end), claim.quote);
    assert.equal(claim.killed.total, 1);
  });

  test('the incident page highlights the words in the headline', async () => {
    const id = ((await (await served!.app.request('/api/v1/incidents')).json()) as { items: { id: string }[] }).items[0].id;
    const page = await (await served!.browser.newContext()).newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${served!.base}/#/incident/${id}`);
    await page.locator('mark.claim-quote').waitFor();
    const marked = (await page.locator('mark.claim-quote').textContent()) ?? '';
    assert.ok(marked.startsWith('Man shot dead outside corner store'), `highlighted: ${marked}`);
    assert.ok(REPORT.title!.includes(marked), 'the highlight is words of the title');
    assert.equal(await page.locator('.quote-in-title').count(), 1, 'the page says the quote is the headline');
    assert.deepEqual(errors, []);
  });
});
