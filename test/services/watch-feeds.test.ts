/**
 * Feeds and pages over real HTTP (issue 13): a local server serves feeds and pages of fictional
 * outlets, with 304s, 500s, a timeout, a redirect, malformed XML, an entity bomb, a feed that
 * repeats an item, robots.txt and a page whose text changes; polls go through WebFetcher and
 * pollFeeds into a real SQLite store.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { openStore } from '../../src/storage/open-store.ts';
import { incidentsJsonRendering } from '../../src/export/incidents-json.ts';
import { embeddedDefault } from '../../src/services/gazetteer-service.ts';
import { WebFetcher, parseRobots, robotsAllows } from '../../src/services/web-fetcher.ts';
import { MAX_ITEM_ATTEMPTS, pollFeeds, readFeed } from '../../src/services/watch-feeds.ts';
import type { IncidentStore } from '../../src/storage/incident-store.ts';
import { spawn } from 'node:child_process';
import { REPO } from '../cli/run-tally.ts';
import { serveInProcess } from '../cli/serve-fixture.ts';

/** `node bin/tally.js ARGS` at clock `now`: status and output. */
function tally(args: string[], now: string): Promise<{ status: number | null; out: string; err: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['bin/tally.js', ...args], { cwd: REPO, env: { ...process.env, TALLY_NOW: now } });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
    child.on('close', (status) => done({ status, out, err }));
  });
}

const page = (title: string, body: string, published: string) => `<!doctype html>
<html lang="en"><head><title>${title} | Valley Wire</title>
<meta property="og:site_name" content="Valley Wire">
<meta property="article:published_time" content="${published}">
</head><body><nav>Home · World · Sport</nav><article><h1>${title}</h1>
<p>${body}</p><p>Residents said the market had reopened only a week before.</p></article>
<footer>© Valley Wire</footer></body></html>`;

const rss = (items: { guid: string; link: string; date: string }[]) => `<?xml version="1.0"?>
<rss version="2.0"><channel><title>Valley Wire</title><link>http://valley.example/</link>
${items.map((i) => `<item><title>x</title><link>${i.link}</link><guid>${i.guid}</guid><pubDate>${i.date}</pubDate></item>`).join('\n')}
</channel></rss>`;

interface ServerState {
  hits: Map<string, number>;
  pageOne: string;
  itemOneDate: string;
  flakyFailures: number;
}

let server: Server;
let base: string;
const state: ServerState = { hits: new Map(), pageOne: '', itemOneDate: '', flakyFailures: 0 };

function handle(req: IncomingMessage, res: ServerResponse): void {
  const path = req.url ?? '/';
  state.hits.set(path, (state.hits.get(path) ?? 0) + 1);
  const send = (status: number, body: string, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...headers });
    res.end(body);
  };
  switch (path) {
    case '/robots.txt':
      return send(200, 'User-agent: *\nDisallow: /private/\n', { 'content-type': 'text/plain' });
    case '/feed.xml': {
      const body = rss([
        { guid: 'vw-1', link: `${base}/a/1`, date: state.itemOneDate },
        { guid: 'vw-2', link: `${base}/a/2`, date: 'Mon, 04 Mar 2024 08:00:00 GMT' },
        { guid: 'vw-2', link: `${base}/a/2`, date: 'Mon, 04 Mar 2024 08:00:00 GMT' },
        { guid: 'vw-secret', link: `${base}/private/3`, date: 'Mon, 04 Mar 2024 08:00:00 GMT' },
      ]);
      const etag = `"${Buffer.from(body).length}-${state.itemOneDate.length}-${state.pageOne.length}"`;
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, { etag });
        return void res.end();
      }
      return send(200, body, { 'content-type': 'application/rss+xml', etag });
    }
    case '/atom.xml':
      return send(
        200,
        `<feed xmlns="http://www.w3.org/2005/Atom"><title>Northern Ledger</title>
<entry><id>tag:ledger.example,2024:7</id><link href="${base}/moved/7"/><updated>2024-03-05T10:00:00Z</updated><title>y</title></entry></feed>`,
        { 'content-type': 'application/atom+xml' },
      );
    case '/moved/7':
      res.writeHead(301, { location: '/b/7' });
      return void res.end();
    case '/flaky.xml':
      if (state.flakyFailures > 0) {
        state.flakyFailures--;
        return send(500, 'busy');
      }
      return send(200, rss([{ guid: 'fl-1', link: `${base}/a/2`, date: 'Mon, 04 Mar 2024 08:00:00 GMT' }]), { 'content-type': 'application/rss+xml' });
    case '/broken.xml':
      return send(200, '<rss><channel><item><title>never closed', { 'content-type': 'application/rss+xml' });
    case '/bomb.xml':
      return send(
        200,
        '<?xml version="1.0"?><!DOCTYPE b [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><rss><channel><title>&c;</title></channel></rss>',
        { 'content-type': 'application/rss+xml' },
      );
    case '/slow.xml':
      return; // never answers
    case '/a/1':
      return send(200, page('Market shelled', state.pageOne, '2024-03-04T09:00:00Z'));
    case '/a/2':
      return send(200, page('Convoy hit', 'An air strike killed three fighters on a road near Westbrook on Sunday, the Fictional Monitor said.', '2024-03-04T10:00:00Z'));
    case '/b/7':
      return send(200, page('Clashes', 'Clashes killed two fighters in Eastfield on Tuesday, a fictional observatory said.', '2024-03-05T10:00:00Z'));
    default:
      return send(404, 'not found');
  }
}

const dir = mkdtempSync(join(tmpdir(), 'tally-watch-'));
let store: IncidentStore;
const resolver = () => embeddedDefault().resolver;
const fetcher = () => new WebFetcher({ perHostIntervalMs: 0, timeoutMs: 400, retries: 2, backoffMs: 5 });
const hits = (path: string) => state.hits.get(path) ?? 0;

before(async () => {
  server = createServer(handle);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.pageOne = 'Shelling killed four civilians in the market of Northville on Monday, the Fictional Monitor said.';
  state.itemOneDate = 'Mon, 04 Mar 2024 09:00:00 GMT';
  store = await openStore(join(dir, 'watch.db'), incidentsJsonRendering);
});
after(async () => {
  await store.close();
  server.closeAllConnections();
  await new Promise((done) => server.close(done));
  rmSync(dir, { recursive: true, force: true });
});

describe('readFeed', () => {
  test('only http(s) links are pages: javascript:, mailto: and made-up schemes are left out (the fuzzer found them)', async () => {
    const xml = rss([
      { guid: 'a', link: 'javascript:alert(1)', date: '' },
      { guid: 'b', link: 'mailto:desk@valley.example', date: '' },
      { guid: 'c', link: 'ugey:ga', date: '' },
      { guid: 'd', link: '/a/2', date: '' },
    ]);
    assert.deepEqual((await readFeed(xml, 'http://valley.example/feed.xml')).map((e) => e.link), ['http://valley.example/a/2']);
  });
});

describe('robots.txt', () => {
  test("Tally's own group wins over *; the longest rule wins; Allow on a tie", () => {
    const rules = parseRobots('User-agent: *\nDisallow: /\n\nUser-agent: Tally\nDisallow: /private/\nAllow: /private/open$\n', 'tally');
    assert.equal(robotsAllows(rules, '/a/1'), true);
    assert.equal(robotsAllows(rules, '/private/x'), false);
    assert.equal(robotsAllows(rules, '/private/open'), true);
    assert.equal(robotsAllows(parseRobots('User-agent: *\nDisallow: /\n', 'tally'), '/a'), false);
  });
});

describe('pollFeeds over HTTP', () => {
  test('a first poll ingests the feeds\' new pages; failing feeds and pages are recorded and the rest goes on', async () => {
    const feeds = [`${base}/feed.xml`, `${base}/atom.xml`, `${base}/broken.xml`, `${base}/bomb.xml`, `${base}/slow.xml`];
    const logged: string[] = [];
    const report = await pollFeeds(store, resolver(), feeds, { fetcher: fetcher(), now: '2024-03-06T00:00:00Z', log: (l) => logged.push(l) });
    assert.equal(report.failedFeeds, 3, logged.join('\n'));
    assert.equal(report.newItems, 4, 'vw-1, vw-2 (listed twice: once), the disallowed page, the Atom entry');
    assert.equal(report.failedPages, 1);
    assert.equal(report.ingest?.added, 3);
    assert.match(logged.join('\n'), /broken\.xml: not a readable RSS or Atom feed/);
    assert.match(logged.join('\n'), /bomb\.xml: not a readable RSS or Atom feed/);
    assert.match(logged.join('\n'), /slow\.xml: no answer within 0\.4 s \(after 3 tries\)/);
    assert.match(logged.join('\n'), /private\/3: robots\.txt of .* disallows \/private\/3/);
    assert.equal(hits('/private/3'), 0, 'robots.txt was respected');
    const redirected = await store.getDocument(`${base}/b/7`);
    assert.ok(redirected, 'the redirect was followed; the page is stored under the address it was found at');
    assert.equal(redirected.outlet, 'Valley Wire');
    assert.equal(redirected.published, '2024-03-05');
    assert.doesNotMatch(redirected.text, /Home · World|© Valley Wire/);
    const feed = await store.getFeed(`${base}/feed.xml`);
    assert.equal(feed?.status, 'ok');
    assert.ok(feed?.etag);
    assert.equal((await store.getFeed(`${base}/slow.xml`))?.failures, 1);
    const items = await store.listFeedItems(`${base}/feed.xml`);
    assert.deepEqual(items.map((i) => [i.itemKey, i.state]), [
      ['vw-1', 'ingested'],
      ['vw-2', 'ingested'],
      ['vw-secret', 'failed'],
    ]);
    assert.ok((await store.listIncidents()).length >= 2);
  });

  test('a restarted watch fetches nothing again: the feed answers 304 and known items are left', async () => {
    const pageHits = hits('/a/1') + hits('/a/2') + hits('/b/7');
    const report = await pollFeeds(store, resolver(), [`${base}/feed.xml`, `${base}/atom.xml`], { fetcher: fetcher(), now: '2024-03-06T01:00:00Z' });
    assert.equal(report.notModified, 1);
    assert.equal(report.knownItems, 1, 'the Atom entry, already ingested');
    assert.equal(report.newItems, 0);
    assert.equal(report.ingest, null);
    assert.equal(hits('/a/1') + hits('/a/2') + hits('/b/7'), pageHits, 'no page fetched twice');
  });

  test("a page whose text changed, and whose date in the feed moved, becomes the document's new version", async () => {
    state.pageOne = 'Shelling killed six civilians in the market of Northville on Monday, the Fictional Monitor said, raising its toll.';
    state.itemOneDate = 'Mon, 04 Mar 2024 15:00:00 GMT';
    const report = await pollFeeds(store, resolver(), [`${base}/feed.xml`], { fetcher: fetcher(), now: '2024-03-06T02:00:00Z' });
    assert.equal(report.newItems, 2, 'the changed item, and the failed one asked again (fewer than MAX_ITEM_ATTEMPTS polls)');
    assert.equal(report.ingest?.newVersions, 1);
    assert.equal(report.ingest?.added, 0);
    const versions = await store.listDocumentVersions(`${base}/a/1`);
    assert.equal(versions.length, 2);
    assert.match(versions[1].text, /six civilians/);
  });

  test('a feed failing with 500 is retried with backoff and read when it recovers', async () => {
    state.flakyFailures = 2;
    const report = await pollFeeds(store, resolver(), [`${base}/flaky.xml`], { fetcher: fetcher(), now: '2024-03-06T03:00:00Z' });
    assert.equal(report.failedFeeds, 0);
    assert.equal(report.newItems, 1);
    assert.equal(report.ingest?.unchanged, 1, 'the page was ingested before from another feed: no second document');
  });

  test(`a page failing ${MAX_ITEM_ATTEMPTS} polls in a row is left`, async () => {
    const feed = `${base}/feed.xml`;
    // The disallowed item has failed once; make the feed re-listed (a new ETag) and poll until the attempts run out.
    for (let i = 0; i < MAX_ITEM_ATTEMPTS + 1; i++) {
      state.pageOne += ' ';
      await pollFeeds(store, resolver(), [feed], { fetcher: fetcher(), now: `2024-03-07T0${i}:00:00Z` });
    }
    const secret = (await store.listFeedItems(feed)).find((i) => i.itemKey === 'vw-secret');
    assert.equal(secret?.attempts, MAX_ITEM_ATTEMPTS);
    assert.equal(secret?.state, 'failed');
  });
});

describe('tally watch, tally fetch and tally warnings (the commands)', () => {
  test('watch --once ingests the outlets\' items; run again (a restart) it ingests nothing twice; the incidents are served to the dashboard', async () => {
    const db = join(dir, 'cli-watch.db');
    const feeds = join(dir, 'feeds.txt');
    (await import('node:fs')).writeFileSync(feeds, `# test outlets\n${base}/atom.xml\n\n${base}/broken.xml\n`);
    const args = ['watch', '--once', '--db', db, '--rate', '1000', '--timeout', '1s', '--feeds', feeds, `${base}/feed.xml`];
    const first = await tally(args, '2024-03-08T00:00:00Z');
    assert.equal(first.status, 0, first.err);
    assert.match(first.out, /poll 1 at 2024-03-08T00:00:00Z · feeds 3 \(0 not modified, 1 failed\) · items new 4, known 0 · pages failed 1 · documents new 3/);
    assert.match(first.out, /watched 1 poll: documents ingested 3, pages failed 1, feed failures 1/);
    assert.match(first.err, /broken\.xml: not a readable RSS or Atom feed/);
    const again = await tally(args, '2024-03-08T01:00:00Z');
    assert.equal(again.status, 0, again.err);
    assert.match(again.out, /feeds 3 \(1 not modified, 1 failed\) · items new 0, known 1 · pages failed 0 · documents none/, 'the RSS feed answers 304, the Atom entry is known');
    const warnings = await tally(['warnings', '--db', db, '--code', 'input-rejected'], '2024-03-08T02:00:00Z');
    assert.equal(warnings.status, 0, warnings.err);
    assert.match(warnings.out, /robots\.txt of .* disallows \/private\/3/);
    assert.match(warnings.out, /1 warning: input-rejected 1/);
    // The dashboard reads the API: the incidents of the watched pages are there.
    const serve = serveInProcess(['--db', db, '--port', '0'], dir);
    try {
      const url = await serve.url;
      const page = (await (await fetch(`${url}/api/v1/incidents?limit=50`)).json()) as { items: { sources?: unknown; claims?: { document?: string; url?: string }[] }[] };
      const cited = JSON.stringify(page.items);
      assert.ok(page.items.length >= 2, cited.slice(0, 500));
      assert.ok(cited.includes(`${base}/a/2`), 'an incident cites the watched page');
    } finally {
      serve.stop();
      await serve.done;
    }
  });

  test('watch polls until Ctrl+C, then prints its summary and exits 0', async () => {
    const db = join(dir, 'cli-sigint.db');
    const child = spawn(process.execPath, ['bin/tally.js', 'watch', '--db', db, '--rate', '1000', '--interval', '1h', `${base}/atom.xml`], { cwd: REPO, env: { ...process.env, TALLY_NOW: '2024-03-10T00:00:00Z' } });
    let out = '';
    const polled = new Promise<void>((done) =>
      child.stdout.setEncoding('utf8').on('data', (c: string) => {
        out += c;
        if (out.includes('poll 1 at')) done();
      }),
    );
    const closed = new Promise<number | null>((done) => child.on('close', done));
    await polled;
    child.kill('SIGINT');
    assert.equal(await closed, 0, out);
    assert.match(out, /poll 1 at 2024-03-10T00:00:00Z · feeds 1 \(0 not modified, 0 failed\) · items new 1/);
    assert.match(out, /watched 1 poll: documents ingested 1, pages failed 0, feed failures 0\n$/);
  });

  test('fetch ingests pages; one that cannot be fetched is a rejection named by its URL (exit 1)', async () => {
    const db = join(dir, 'cli-fetch.db');
    const r = await tally(['fetch', '--db', db, '--rate', '1000', '--timeout', '1s', `${base}/a/2`, `${base}/nowhere`], '2024-03-09T00:00:00Z');
    assert.equal(r.status, 1, r.out + r.err);
    assert.match(r.out, /documents read: 1 \(new 1/);
    assert.match(r.out, new RegExp(`${base.replace(/[.]/g, '\\.')}/nowhere: could not be fetched: HTTP 404`));
  });
});
