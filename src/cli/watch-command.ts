/**
 * `tally fetch URL...` and `tally watch FEED_URL... [--feeds FILE] [--interval 15m] [--once]`
 * (issue 13; src/services/watch-feeds.ts does the work, src/services/web-fetcher.ts the asking).
 * `watch` polls until Ctrl+C (SIGINT) or SIGTERM, one status line per poll, then a summary; a
 * second Ctrl+C stops at once. main.ts registers both with how a --db value becomes an open store.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { IncidentStore } from '../storage/incident-store.ts';
import type { PlaceResolver } from '../pipeline/geocode/place-resolver.ts';
import { WebFetcher } from '../services/web-fetcher.ts';
import { fetchPages, formatPoll, pollFeeds, type PollReport } from '../services/watch-feeds.ts';
import { formatIngestSummary } from './progress.ts';
import { parseInterval } from './duration.ts';

export interface WatchCommandDeps {
  dbPath: (option: string | undefined) => string;
  openStore: (location: string) => Promise<IncidentStore>;
  loadResolver: (store: IncidentStore) => Promise<{ resolver: PlaceResolver; source: string }>;
  usageError: (message: string) => Error;
  out: (line: string) => void;
  err: (line: string) => void;
  /** The run's time, ISO (TALLY_NOW in tests). */
  now: () => string;
  /** Sets the exit status. */
  setExit: (code: number) => void;
}

/** Feed URLs of a file: one per line, blank lines and `#` comments skipped. */
export function readFeedList(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.replace(/#.*$/, '').trim())
    .filter((l) => l !== '');
}

function checkUrls(urls: readonly string[], what: string, usageError: (m: string) => Error): void {
  for (const u of urls) {
    let p: URL | null = null;
    try {
      p = new URL(u);
    } catch {
      // reported below
    }
    if (!p || (p.protocol !== 'http:' && p.protocol !== 'https:')) throw usageError(`${what} ${JSON.stringify(u)}: expected an http:// or https:// URL`);
  }
}

function fetcherOptions(o: { rate?: string; timeout?: string }, usageError: (m: string) => Error) {
  const perHostIntervalMs = o.rate === undefined ? 1000 : 1000 / Number(o.rate);
  if (!(perHostIntervalMs >= 0) || !Number.isFinite(perHostIntervalMs)) throw usageError(`--rate ${JSON.stringify(o.rate)}: expected requests per second per host, a positive number`);
  const timeoutMs = o.timeout === undefined ? 30_000 : parseInterval(o.timeout);
  if (timeoutMs === null) throw usageError(`--timeout ${JSON.stringify(o.timeout)}: expected a duration such as 30s`);
  return { perHostIntervalMs, timeoutMs };
}

export function registerWatchCommands(program: Command, deps: WatchCommandDeps): void {
  program
    .command('fetch')
    .description('download web pages and ingest them (main text, date, outlet and URL read from each page)')
    .option('--db <file>', 'store: a SQLite file or a postgres:// URL (env TALLY_DB)')
    .option('--rate <n>', 'requests per second to one host', '1')
    .option('--timeout <duration>', 'longest wait for an answer', '30s')
    .argument('<urls...>')
    .action(async (urls: string[], o: { db?: string; rate?: string; timeout?: string }) => {
      checkUrls(urls, 'URL', deps.usageError);
      const fetcher = new WebFetcher(fetcherOptions(o, deps.usageError));
      const store = await deps.openStore(deps.dbPath(o.db));
      try {
        const { resolver, source } = await deps.loadResolver(store);
        const runId = deps.now();
        const summary = await fetchPages(store, resolver, urls, { fetcher, now: runId, runId });
        deps.out(`gazetteer: ${source}`);
        for (const line of formatIngestSummary(summary, undefined, `tally warnings --run ${runId}`)) deps.out(line);
        if (summary.rejected.length) deps.setExit(1);
      } finally {
        await store.close();
      }
    });

  program
    .command('watch')
    .description('poll RSS/Atom feeds, fetch and ingest their new items, relink, and go on until Ctrl+C')
    .option('--db <file>', 'store: a SQLite file or a postgres:// URL (env TALLY_DB)')
    .option('--feeds <file>', 'a file listing feed URLs, one per line (# comments)')
    .option('--interval <duration>', 'time between polls: 30s, 15m, 1h', '15m')
    .option('--once', 'poll once and exit (for cron or a test)')
    .option('--rate <n>', 'requests per second to one host', '1')
    .option('--timeout <duration>', 'longest wait for an answer', '30s')
    .argument('[feeds...]')
    .action(async (given: string[], o: { db?: string; feeds?: string; interval?: string; once?: boolean; rate?: string; timeout?: string }) => {
      let feeds = [...given];
      if (o.feeds !== undefined) {
        let text: string;
        try {
          text = readFileSync(o.feeds, 'utf8');
        } catch (e) {
          throw deps.usageError(`--feeds ${o.feeds}: ${(e as Error).message}`);
        }
        feeds.push(...readFeedList(text));
      }
      feeds = [...new Set(feeds)];
      if (feeds.length === 0) throw deps.usageError('no feeds: give feed URLs or --feeds FILE');
      checkUrls(feeds, 'feed', deps.usageError);
      const interval = parseInterval(o.interval ?? '15m');
      if (interval === null) throw deps.usageError(`--interval ${JSON.stringify(o.interval)}: expected a duration of at least 1s such as 30s, 15m or 1h`);
      const fetcher = new WebFetcher(fetcherOptions(o, deps.usageError));
      const store = await deps.openStore(deps.dbPath(o.db));
      let stopping = false;
      let wake: (() => void) | null = null;
      const stop = () => {
        if (stopping) process.exit(130);
        stopping = true;
        deps.err('tally watch: stopping after this poll (Ctrl+C again to stop now)');
        wake?.();
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
      const totals = { polls: 0, ingested: 0, failedPages: 0, failedFeeds: 0 };
      try {
        const { resolver, source } = await deps.loadResolver(store);
        deps.out(`gazetteer: ${source}; watching ${feeds.length} feed${feeds.length === 1 ? '' : 's'}${o.once ? ' once' : ` every ${o.interval ?? '15m'}`}`);
        for (;;) {
          const at = deps.now();
          const report: PollReport = await pollFeeds(store, resolver, feeds, { fetcher, now: at, log: (line) => deps.err(`  ${line}`) });
          totals.polls++;
          totals.ingested += report.ingest ? report.ingest.added + report.ingest.newVersions : 0;
          totals.failedPages += report.failedPages;
          totals.failedFeeds += report.failedFeeds;
          deps.out(formatPoll(totals.polls, at, report));
          if (o.once || stopping) break;
          await new Promise<void>((done) => {
            const timer = setTimeout(done, interval);
            wake = () => {
              clearTimeout(timer);
              done();
            };
          });
          wake = null;
          if (stopping) break;
        }
      } finally {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        deps.out(`watched ${totals.polls} poll${totals.polls === 1 ? '' : 's'}: documents ingested ${totals.ingested}, pages failed ${totals.failedPages}, feed failures ${totals.failedFeeds}`);
        await store.close();
      }
    });
}
