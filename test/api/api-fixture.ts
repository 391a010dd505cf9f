/**
 * The store the API tests run against: a real in-memory SQLite store filled by ingesting short
 * articles written for these tests (wire, monitor and agency styles about real towns; the events
 * and figures are invented), with the embedded gazetteer, through the same ingest service the CLI
 * uses. The app is built over it with a fixed clock and token, and called in-process.
 */
import { openStore } from '../../src/storage/open-store.ts';
import { incidentsJsonRendering } from '../../src/export/incidents-json.ts';
import type { IncidentStore } from '../../src/storage/incident-store.ts';
import type { Article } from '../../src/domain/types.ts';
import { ingestItems } from '../../src/services/ingest-batch.ts';
import { embeddedDefault } from '../../src/services/gazetteer-service.ts';
import { createApp, type AppDeps } from '../../src/api/app.ts';
import type { ApiApp } from '../../src/api/app-deps.ts';

export const NOW = '2026-01-01T00:00:00.000Z';
export const TOKEN = 'test-token-3f9c';

const article = (id: string, published: string, outlet: string, title: string, text: string): Article => ({
  id,
  text,
  published,
  url: null,
  outlet,
  title,
  language: 'en',
});

export const ARTICLES: Article[] = [
  article(
    'api-01-ariha-wire',
    '2023-03-06',
    'Test Wire (fictional)',
    'Air strikes kill 9 in Ariha',
    'BEIRUT — At least nine civilians, including three children, were killed on Sunday when Russian warplanes struck a residential street in the town of Ariha in Idlib province, the Syrian Observatory for Human Rights said.\n\nThe monitor said 14 other people were wounded.',
  ),
  article(
    'api-02-ariha-agency',
    '2023-03-06',
    'Test Agency (fictional)',
    'Death toll in Ariha rises to 12',
    'IDLIB, Syria — The death toll from Sunday\'s Russian air strike on the town of Ariha in Idlib province rose to 12 on Monday, local rescuers said.',
  ),
  article(
    'api-03-azaz-bomb',
    '2023-04-12',
    'Test Daily (fictional)',
    'Car bomb kills four in Azaz',
    'AZAZ, Syria — Four people were killed and 11 wounded on Tuesday when a car bomb exploded near a crowded market in the town of Azaz in Aleppo province, activists said.',
  ),
  article(
    'api-04-douma-shelling',
    '2023-05-20',
    'Test Monitor (fictional)',
    'Shelling on Douma',
    'Government forces shelled the town of Douma in Rural Damascus on Friday, killing two civilians, a woman and her son, the Syrian Network for Human Rights said.',
  ),
  article(
    'api-05-busayrah-clashes',
    '2023-06-13',
    'Test Desk (fictional)',
    'Clashes in Deir ez-Zor',
    'Six fighters were killed on Monday in clashes between the Syrian Democratic Forces and Islamic State militants near the town of Al-Busayrah in Deir ez-Zor province, the Syrian Observatory for Human Rights said.',
  ),
  article(
    'api-06-monthly-report',
    '2023-05-02',
    'Test Network (fictional)',
    'Monthly report: April 2023',
    'At least 80 civilians were killed across Syria in April, including 15 children, the Syrian Network for Human Rights said in its monthly report.',
  ),
  article(
    'api-07-weekly-toll',
    '2023-06-15',
    'Test Wire (fictional)',
    'Weekly toll in the northwest',
    'Russian and government air strikes have killed 30 civilians in northwestern Syria over the past week, the Syrian Observatory for Human Rights said.',
  ),
];

/** A report with no publication date and no date in its text: an incident of unknown date (not in ARTICLES). */
export const UNDATED_ARTICLE: Article = {
  id: 'api-08-sarmin-undated',
  published: null,
  url: null,
  outlet: 'Test Bulletin (fictional)',
  title: null,
  language: 'en',
  text: 'Government shelling killed five civilians in the town of Sarmin in Idlib province, the Syrian Observatory for Human Rights said.',
};

export interface ApiFixture {
  app: ApiApp;
  store: IncidentStore;
}

/** A fresh in-memory SQLite store holding `articles` (default ARTICLES) and the app over it. */
export async function buildApi(articles: Article[] = ARTICLES, extra: Partial<AppDeps> = {}): Promise<ApiFixture> {
  return buildApiOver(await openStore(':memory:', incidentsJsonRendering), articles, extra);
}

/** `articles` ingested into an open (empty) store, and the app over it. */
export async function buildApiOver(store: IncidentStore, articles: Article[], extra: Partial<AppDeps> = {}): Promise<ApiFixture> {
  const { resolver } = embeddedDefault();
  await ingestItems(
    store,
    resolver,
    articles.map((a) => ({ kind: 'article' as const, article: a, source: a.id })),
    { now: NOW, runId: 'fixture', policy: 'latest' },
  );
  const app = createApp({ store, resolver, token: TOKEN, clock: () => NOW, version: '9.9.9-test', logError: () => undefined, ...extra });
  return { app, store };
}

/** GET a path and parse the JSON body. */
export async function getJson<T = unknown>(app: ApiApp, path: string): Promise<{ status: number; body: T; headers: Headers }> {
  const res = await app.request(path);
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`${path}: ${res.status} response is not JSON: ${text.slice(0, 200)}`);
  }
  return { status: res.status, body: body as T, headers: res.headers };
}
