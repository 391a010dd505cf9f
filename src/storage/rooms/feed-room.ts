/**
 * The feeds room: what `tally watch` polled (`feeds`: validators for conditional requests, the
 * last outcome, failures in a row) and what became of each item (`feed_items`), so that a watch
 * restarted after a crash or a Ctrl+C never fetches or ingests an item twice (issue 13).
 */
import type { Db, StoreWriter } from './store-writer.ts';

export interface FeedState {
  url: string;
  etag: string | null;
  lastModified: string | null;
  polledAt: string | null;
  /** 'ok', 'not-modified' or 'error'. */
  status: string | null;
  error: string | null;
  failures: number;
  nextPollAt: string | null;
}

export type FeedItemState = 'pending' | 'ingested' | 'failed';

export interface FeedItem {
  feedUrl: string;
  itemKey: string;
  pageUrl: string;
  stamp: string | null;
  seenAt: string;
  state: FeedItemState;
  documentId: string | null;
  attempts: number;
  error: string | null;
}

export class FeedRoom {
  constructor(
    private readonly db: Db,
    private readonly writer: StoreWriter,
  ) {}

  async getFeed(url: string): Promise<FeedState | null> {
    const r = await this.db.selectFrom('feeds').selectAll().where('url', '=', url).executeTakeFirst();
    return r ? { url: r.url, etag: r.etag, lastModified: r.last_modified, polledAt: r.polled_at, status: r.status, error: r.error, failures: r.failures, nextPollAt: r.next_poll_at } : null;
  }

  async putFeed(f: FeedState): Promise<void> {
    const row = { url: f.url, etag: f.etag, last_modified: f.lastModified, polled_at: f.polledAt, status: f.status, error: f.error, failures: f.failures, next_poll_at: f.nextPollAt };
    await this.writer.write(`putFeed('${f.url}')`, (trx) =>
      trx.insertInto('feeds').values(row).onConflict((oc) => oc.column('url').doUpdateSet(row)).execute().then(() => undefined),
    );
  }

  async getItem(feedUrl: string, itemKey: string): Promise<FeedItem | null> {
    const r = await this.db.selectFrom('feed_items').selectAll().where('feed_url', '=', feedUrl).where('item_key', '=', itemKey).executeTakeFirst();
    return r
      ? { feedUrl: r.feed_url, itemKey: r.item_key, pageUrl: r.page_url, stamp: r.stamp, seenAt: r.seen_at, state: r.state, documentId: r.document_id, attempts: r.attempts, error: r.error }
      : null;
  }

  async putItem(i: FeedItem): Promise<void> {
    const row = { feed_url: i.feedUrl, item_key: i.itemKey, page_url: i.pageUrl, stamp: i.stamp, seen_at: i.seenAt, state: i.state, document_id: i.documentId, attempts: i.attempts, error: i.error };
    await this.writer.write(`putFeedItem('${i.itemKey}')`, (trx) =>
      trx
        .insertInto('feed_items')
        .values(row)
        .onConflict((oc) => oc.columns(['feed_url', 'item_key']).doUpdateSet(row))
        .execute()
        .then(() => undefined),
    );
  }

  /** Items of one feed (every feed when null), oldest first. */
  async listItems(feedUrl: string | null = null): Promise<FeedItem[]> {
    let q = this.db.selectFrom('feed_items').selectAll().orderBy('seen_at').orderBy('feed_url').orderBy('item_key');
    if (feedUrl !== null) q = q.where('feed_url', '=', feedUrl);
    const rows = await q.execute();
    return rows.map((r) => ({ feedUrl: r.feed_url, itemKey: r.item_key, pageUrl: r.page_url, stamp: r.stamp, seenAt: r.seen_at, state: r.state, documentId: r.document_id, attempts: r.attempts, error: r.error }));
  }
}
