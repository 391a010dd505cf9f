/**
 * Polite HTTP GETs for `tally fetch` and `tally watch` (issue 13): a User-Agent naming Tally, at
 * most one request per host per interval (default 1 s), robots.txt respected (the rules for
 * "tally", else for "*"; fetched once per origin), conditional requests (If-None-Match,
 * If-Modified-Since), a timeout, a size limit, and retries of what may pass (network errors,
 * timeouts, 429 and 5xx) with exponential backoff and jitter. Redirects are followed (at most
 * MAX_REDIRECTS), each hop checked against robots.txt and the rate like any request.
 *
 * Never throws for what a server or the network does: every outcome is a value, so one failing
 * feed or page never stops the others.
 */
import { packageVersion } from './package-version.ts';

export type FetchOutcome =
  | { kind: 'ok'; url: string; finalUrl: string; status: number; contentType: string | null; body: Buffer; etag: string | null; lastModified: string | null }
  | { kind: 'not-modified'; url: string }
  | { kind: 'failed'; url: string; reason: string; status: number | null; retryable: boolean };

export interface FetcherOptions {
  userAgent?: string;
  /** Least time between two requests to one host, ms (default 1000). */
  perHostIntervalMs?: number;
  timeoutMs?: number;
  /** Tries after the first, for what may pass (default 3). */
  retries?: number;
  /** First backoff, ms; doubled each try, with up to as much again of jitter (default 1000). */
  backoffMs?: number;
  /** Largest body read, bytes (default 10 MiB). */
  maxBytes?: number;
  /** For tests: how to wait and what time it is. */
  sleep?: (ms: number) => Promise<void>;
  clock?: () => number;
  random?: () => number;
}

export const DEFAULT_USER_AGENT = `Tally/${packageVersion()} (casualty-recording software; +https://github.com/tally-project/tally)`;
const MAX_REDIRECTS = 5;

interface RobotsRules {
  allow: string[];
  disallow: string[];
}

/** The groups of a robots.txt that apply to `agent` (its own group, else `*`), merged. */
export function parseRobots(text: string, agent: string): RobotsRules {
  const groups: { agents: string[]; allow: string[]; disallow: string[] }[] = [];
  let current: (typeof groups)[number] | null = null;
  let lastWasAgent = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/#.*$/, '').trim();
    const m = /^([A-Za-z-]+)\s*:\s*(.*)$/.exec(line);
    if (!m) continue;
    const key = m[1].toLowerCase();
    const value = m[2].trim();
    if (key === 'user-agent') {
      if (!lastWasAgent || current === null) {
        current = { agents: [], allow: [], disallow: [] };
        groups.push(current);
      }
      current.agents.push(value.toLowerCase());
      lastWasAgent = true;
      continue;
    }
    lastWasAgent = false;
    if (current === null) continue;
    if (key === 'allow' && value) current.allow.push(value);
    if (key === 'disallow' && value) current.disallow.push(value);
  }
  const own = groups.filter((g) => g.agents.some((a) => a !== '*' && agent.toLowerCase().startsWith(a)));
  const chosen = own.length ? own : groups.filter((g) => g.agents.includes('*'));
  return { allow: chosen.flatMap((g) => g.allow), disallow: chosen.flatMap((g) => g.disallow) };
}

/** Robots rule match: the longest matching path wins, Allow on a tie; `*` and a final `$` as in RFC 9309. */
export function robotsAllows(rules: RobotsRules, path: string): boolean {
  const length = (pattern: string) => (matches(pattern, path) ? pattern.length : -1);
  const allow = Math.max(-1, ...rules.allow.map(length));
  const disallow = Math.max(-1, ...rules.disallow.map(length));
  return disallow < 0 || allow >= disallow;
}

function matches(pattern: string, path: string): boolean {
  const anchored = pattern.endsWith('$');
  const body = (anchored ? pattern.slice(0, -1) : pattern).split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(`^${body}${anchored ? '$' : ''}`).test(path);
}

export class WebFetcher {
  private readonly userAgent: string;
  private readonly interval: number;
  private readonly timeoutMs: number;
  private readonly retries: number;
  private readonly backoffMs: number;
  private readonly maxBytes: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly clock: () => number;
  private readonly random: () => number;
  /** Per host, when its next request may start. */
  private readonly nextSlot = new Map<string, number>();
  private readonly robots = new Map<string, Promise<RobotsRules>>();

  constructor(opts: FetcherOptions = {}) {
    this.userAgent = opts.userAgent ?? DEFAULT_USER_AGENT;
    this.interval = opts.perHostIntervalMs ?? 1000;
    this.timeoutMs = opts.timeoutMs ?? 30_000;
    this.retries = opts.retries ?? 3;
    this.backoffMs = opts.backoffMs ?? 1000;
    this.maxBytes = opts.maxBytes ?? 10 * 1024 * 1024;
    this.sleep = opts.sleep ?? ((ms) => new Promise((done) => setTimeout(done, ms)));
    this.clock = opts.clock ?? (() => Date.now());
    this.random = opts.random ?? Math.random;
  }

  /** GET `url`, conditionally when validators are given; retried, rate-limited, robots-checked. */
  async get(url: string, validators: { etag?: string | null; lastModified?: string | null } = {}): Promise<FetchOutcome> {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return { kind: 'failed', url, reason: 'not a URL', status: null, retryable: false };
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return { kind: 'failed', url, reason: `only http and https are fetched, not ${parsed.protocol}`, status: null, retryable: false };
    let outcome: FetchOutcome = { kind: 'failed', url, reason: 'not tried', status: null, retryable: true };
    for (let attempt = 0; attempt <= this.retries; attempt++) {
      if (attempt > 0) {
        const base = this.backoffMs * 2 ** (attempt - 1);
        await this.sleep(base + Math.floor(this.random() * base));
      }
      outcome = await this.once(url, validators);
      if (outcome.kind !== 'failed' || !outcome.retryable) return outcome;
    }
    if (outcome.kind === 'failed') return { ...outcome, reason: `${outcome.reason} (after ${this.retries + 1} tries)` };
    return outcome;
  }

  private async once(url: string, validators: { etag?: string | null; lastModified?: string | null }): Promise<FetchOutcome> {
    let current = url;
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      const target = new URL(current);
      if (!(await this.allowedByRobots(target))) return { kind: 'failed', url, reason: `robots.txt of ${target.origin} disallows ${target.pathname}`, status: null, retryable: false };
      const headers: Record<string, string> = { 'user-agent': this.userAgent, accept: 'text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,*/*;q=0.5' };
      if (hop === 0 && validators.etag) headers['if-none-match'] = validators.etag;
      if (hop === 0 && validators.lastModified) headers['if-modified-since'] = validators.lastModified;
      let response: Response;
      try {
        await this.waitForSlot(target.host);
        response = await fetch(current, { headers, redirect: 'manual', signal: AbortSignal.timeout(this.timeoutMs) });
      } catch (e) {
        const err = e as Error;
        const reason = err.name === 'TimeoutError' ? `no answer within ${this.timeoutMs / 1000} s` : `network error: ${(err.cause as Error | undefined)?.message ?? err.message}`;
        return { kind: 'failed', url, reason, status: null, retryable: true };
      }
      if (response.status >= 300 && response.status < 400 && response.status !== 304) {
        const location = response.headers.get('location');
        await response.body?.cancel();
        if (!location) return { kind: 'failed', url, reason: `HTTP ${response.status} without a Location`, status: response.status, retryable: false };
        current = new URL(location, current).href;
        continue;
      }
      if (response.status === 304) {
        await response.body?.cancel();
        return { kind: 'not-modified', url };
      }
      if (!response.ok) {
        await response.body?.cancel();
        const retryable = response.status === 429 || response.status >= 500;
        return { kind: 'failed', url, reason: `HTTP ${response.status}`, status: response.status, retryable };
      }
      const body = await this.readBody(response);
      if (body === null) return { kind: 'failed', url, reason: `body over ${this.maxBytes} bytes`, status: response.status, retryable: false };
      return {
        kind: 'ok',
        url,
        finalUrl: current,
        status: response.status,
        contentType: response.headers.get('content-type'),
        body,
        etag: response.headers.get('etag'),
        lastModified: response.headers.get('last-modified'),
      };
    }
    return { kind: 'failed', url, reason: `more than ${MAX_REDIRECTS} redirects`, status: null, retryable: false };
  }

  private async readBody(response: Response): Promise<Buffer | null> {
    const parts: Buffer[] = [];
    let size = 0;
    if (!response.body) return Buffer.alloc(0);
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      size += chunk.length;
      if (size > this.maxBytes) {
        await response.body.cancel().catch(() => undefined);
        return null;
      }
      parts.push(Buffer.from(chunk));
    }
    return Buffer.concat(parts, size);
  }

  private async waitForSlot(host: string): Promise<void> {
    const now = this.clock();
    const slot = Math.max(now, this.nextSlot.get(host) ?? 0);
    this.nextSlot.set(host, slot + this.interval);
    if (slot > now) await this.sleep(slot - now);
  }

  private allowedByRobots(target: URL): Promise<boolean> {
    let rules = this.robots.get(target.origin);
    if (rules === undefined) {
      rules = this.loadRobots(target);
      this.robots.set(target.origin, rules);
    }
    return rules.then((r) => robotsAllows(r, `${target.pathname}${target.search}`));
  }

  /** robots.txt of an origin; none (404, an error) allows everything, as RFC 9309 says for 4xx. */
  private async loadRobots(target: URL): Promise<RobotsRules> {
    try {
      await this.waitForSlot(target.host);
      const response = await fetch(new URL('/robots.txt', target.origin), { headers: { 'user-agent': this.userAgent }, signal: AbortSignal.timeout(this.timeoutMs) });
      if (!response.ok) {
        await response.body?.cancel();
        return { allow: [], disallow: [] };
      }
      return parseRobots((await response.text()).slice(0, 500_000), 'tally');
    } catch {
      return { allow: [], disallow: [] };
    }
  }
}
