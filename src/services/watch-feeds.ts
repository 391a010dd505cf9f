/**
 * Feeds and pages from the web into the store (issue 13): `tally fetch URL...` and the polls of
 * `tally watch`. A poll asks each feed conditionally (the ETag and Last-Modified of its last
 * answer), reads its items (RSS or Atom, rss-parser over xml2js, which expands no entity a feed
 * declares), fetches the page of each item not ingested yet — or whose date in the feed changed —,
 * reads it as an HTML page (html-page.ts) and ingests the poll's pages as one batch, so the store
 * is relinked once per poll.
 *
 * What each feed answered and what became of each item is kept in the store (feeds, feed_items),
 * so a watch restarted after a crash or a Ctrl+C neither fetches nor ingests an item again; an
 * item whose page was ingested but not yet marked (a crash between the two) is fetched once more
 * and recognised as unchanged by its content hash. A feed or a page that fails is recorded with
 * its reason and the others go on; a page that fails MAX_ITEM_ATTEMPTS polls in a row is left.
 */
import Parser from 'rss-parser';
import type { IncidentStore, FeedItem, FeedState } from '../storage/incident-store.ts';
import type { PlaceResolver } from '../pipeline/geocode/place-resolver.ts';
import type { InputItem } from '../pipeline/ingest/read-inputs.ts';
import { InputError } from '../pipeline/ingest/input-error.ts';
import { readHtmlPage } from '../pipeline/ingest/html-page.ts';
import { isoDayOf } from '../pipeline/ingest/published-date.ts';
import { ingestItems, type IngestSummary } from './ingest-batch.ts';
import type { ReconcilePolicy } from '../pipeline/link/link-mentions.ts';
import type { FetchOutcome, WebFetcher } from './web-fetcher.ts';

/** Polls in a row a page may fail before the watch stops asking for it. */
export const MAX_ITEM_ATTEMPTS = 3;
/** Parses fetched feed text only: the fetcher does the asking (its own fetch would bypass the rate, robots.txt and retries). */
const FEED_PARSER = new Parser({ timeout: 0 });

export interface PollOptions {
  fetcher: WebFetcher;
  /** ISO date-time of this poll (injected so tests are deterministic). */
  now: string;
  policy?: ReconcilePolicy;
  /** One line per feed and per failed page, for the operator. */
  log?: (line: string) => void;
}

export interface PollReport {
  feeds: number;
  notModified: number;
  failedFeeds: number;
  /** Items seen for the first time, or whose feed date changed. */
  newItems: number;
  /** Items already ingested, or given up on. */
  knownItems: number;
  failedPages: number;
  ingest: IngestSummary | null;
}

/** A feed entry: its key (guid, else id, else link), its page and its date in the feed. */
export interface FeedEntry {
  key: string;
  link: string;
  stamp: string | null;
}

function entriesOf(feed: Parser.Output<Record<string, unknown>>, feedUrl: string): FeedEntry[] {
  const out: FeedEntry[] = [];
  const seen = new Set<string>();
  for (const item of feed.items) {
    const linkText = typeof item.link === 'string' ? item.link.trim() : '';
    if (!linkText) continue;
    let link: string;
    try {
      const url = new URL(linkText, feedUrl);
      // Only pages on the web are fetched: a "javascript:" or "mailto:" link is no report.
      if (url.protocol !== 'http:' && url.protocol !== 'https:') continue;
      link = url.href;
    } catch {
      continue;
    }
    const id = (item as { id?: unknown }).id;
    const key = (typeof item.guid === 'string' && item.guid.trim()) || (typeof id === 'string' && id.trim()) || link;
    // A feed that repeats an item lists it once.
    if (seen.has(key)) continue;
    seen.add(key);
    const stamp = (typeof item.isoDate === 'string' && item.isoDate) || (typeof item.pubDate === 'string' && item.pubDate) || null;
    out.push({ key, link, stamp });
  }
  return out;
}

/** The entries of an RSS or Atom document; throws (with the parser's message) when it is not one. */
export async function readFeed(xml: string, feedUrl: string): Promise<FeedEntry[]> {
  return entriesOf(await FEED_PARSER.parseString(xml), feedUrl);
}

/** Reads a fetched page as an article; an InputError names the page. */
function pageArticle(outcome: Extract<FetchOutcome, { kind: 'ok' }>, published: string | null): InputItem {
  try {
    // The page is known by where it was read, after redirects (a feed's link often passes through one).
    const article = readHtmlPage(outcome.body, { source: outcome.url, fetchedFrom: outcome.finalUrl, contentType: outcome.contentType, published });
    return { kind: 'article', article, source: outcome.url };
  } catch (e) {
    if (e instanceof InputError) return { kind: 'error', error: e };
    throw e;
  }
}

/**
 * Fetches pages and ingests them as one batch: `tally fetch URL...`. A page that cannot be fetched
 * or read is an input error of the batch, named by its URL.
 */
export async function fetchPages(store: IncidentStore, resolver: PlaceResolver, urls: readonly string[], opts: PollOptions & { runId: string; published?: string | null }): Promise<IngestSummary> {
  const items: InputItem[] = [];
  for (const url of urls) {
    const outcome = await opts.fetcher.get(url);
    if (outcome.kind === 'ok') items.push(pageArticle(outcome, opts.published ?? null));
    else if (outcome.kind === 'failed') items.push({ kind: 'error', error: new InputError(url, null, `could not be fetched: ${outcome.reason}`) });
  }
  return ingestItems(store, resolver, items, { now: opts.now, runId: opts.runId, policy: opts.policy ?? 'latest' });
}

/** One poll of every feed: what changed is fetched, read and ingested as one batch. */
export async function pollFeeds(store: IncidentStore, resolver: PlaceResolver, feedUrls: readonly string[], opts: PollOptions): Promise<PollReport> {
  const log = opts.log ?? (() => undefined);
  const report: PollReport = { feeds: feedUrls.length, notModified: 0, failedFeeds: 0, newItems: 0, knownItems: 0, failedPages: 0, ingest: null };
  const batch: InputItem[] = [];
  const fetchedItems: { item: FeedItem; documentId: string | null }[] = [];
  for (const feedUrl of feedUrls) {
    const before = await store.getFeed(feedUrl);
    const state: FeedState = before ?? { url: feedUrl, etag: null, lastModified: null, polledAt: null, status: null, error: null, failures: 0, nextPollAt: null };
    const answer = await opts.fetcher.get(feedUrl, { etag: state.etag, lastModified: state.lastModified });
    state.polledAt = opts.now;
    if (answer.kind === 'not-modified') {
      report.notModified++;
      await store.putFeed({ ...state, status: 'not-modified', error: null, failures: 0 });
      continue;
    }
    if (answer.kind === 'failed') {
      report.failedFeeds++;
      log(`feed ${feedUrl}: ${answer.reason}`);
      await store.putFeed({ ...state, status: 'error', error: answer.reason, failures: state.failures + 1 });
      continue;
    }
    let entries: FeedEntry[];
    try {
      entries = await readFeed(answer.body.toString('utf8'), answer.finalUrl);
    } catch (e) {
      report.failedFeeds++;
      const reason = `not a readable RSS or Atom feed: ${(e as Error).message.split('\n')[0]}`;
      log(`feed ${feedUrl}: ${reason}`);
      await store.putFeed({ ...state, status: 'error', error: reason, failures: state.failures + 1 });
      continue;
    }
    for (const entry of entries) {
      const known = await store.getFeedItem(feedUrl, entry.key);
      const sameStamp = known !== null && known.stamp === entry.stamp;
      if (known && sameStamp && (known.state === 'ingested' || known.attempts >= MAX_ITEM_ATTEMPTS)) {
        report.knownItems++;
        continue;
      }
      report.newItems++;
      const item: FeedItem = {
        feedUrl,
        itemKey: entry.key,
        pageUrl: entry.link,
        stamp: entry.stamp,
        seenAt: known?.seenAt ?? opts.now,
        state: 'pending',
        documentId: known?.documentId ?? null,
        attempts: sameStamp ? (known?.attempts ?? 0) : 0,
        error: null,
      };
      const page = await opts.fetcher.get(entry.link);
      if (page.kind !== 'ok') {
        const reason = page.kind === 'failed' ? page.reason : 'answered 304 to an unconditional request';
        report.failedPages++;
        log(`page ${entry.link}: ${reason}`);
        await store.putFeedItem({ ...item, state: 'failed', attempts: item.attempts + 1, error: reason });
        batch.push({ kind: 'error', error: new InputError(entry.link, null, `could not be fetched: ${reason}`) });
        continue;
      }
      const read = pageArticle(page, entry.stamp ? isoDayOf(entry.stamp) : null);
      if (read.kind === 'error') {
        report.failedPages++;
        log(`page ${entry.link}: ${read.error.detail}`);
        await store.putFeedItem({ ...item, state: 'failed', attempts: item.attempts + 1, error: read.error.detail });
        batch.push(read);
        continue;
      }
      await store.putFeedItem(item);
      batch.push(read);
      fetchedItems.push({ item, documentId: read.article.id });
    }
    await store.putFeed({ ...state, status: 'ok', error: null, failures: 0, etag: answer.etag, lastModified: answer.lastModified });
  }
  if (batch.some((i) => i.kind === 'article')) {
    report.ingest = await ingestItems(store, resolver, batch, { now: opts.now, runId: opts.now, policy: opts.policy ?? 'latest' });
    for (const { item, documentId } of fetchedItems) await store.putFeedItem({ ...item, state: 'ingested', documentId, error: null });
  } else if (batch.length > 0) {
    // Only refusals: kept as warnings, with no relink for nothing new.
    const refused = batch.flatMap((i) => (i.kind === 'error' ? [{ code: 'input-rejected', message: i.error.message, source: i.error.source }] : []));
    await store.addWarnings(opts.now, refused, opts.now);
  }
  return report;
}

/** The poll's status line: `poll 3 · feeds 2 (1 not modified, 0 failed) · items new 4, known 9 · pages failed 1 · documents new 3 · incidents 12`. */
export function formatPoll(n: number, at: string, r: PollReport): string {
  const docs = r.ingest ? `documents new ${r.ingest.added}, new versions ${r.ingest.newVersions}, unchanged ${r.ingest.unchanged}` : 'documents none';
  const incidents = r.ingest ? ` · incidents ${r.ingest.incidents}` : '';
  return `poll ${n} at ${at} · feeds ${r.feeds} (${r.notModified} not modified, ${r.failedFeeds} failed) · items new ${r.newItems}, known ${r.knownItems} · pages failed ${r.failedPages} · ${docs}${incidents}`;
}
