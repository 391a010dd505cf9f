/**
 * Which Host a request may name, and the middleware that refuses the others with 421 Misdirected
 * Request (RFC 9110 §15.5.20: the server will not produce an authoritative answer for that
 * authority). This is the defence against DNS rebinding: a page on attacker.example can make the
 * browser resolve its own name to 127.0.0.1 and then read (and, with a stolen session, write) a
 * Tally served on this machine as if it were same-origin; but the browser still sends
 * `Host: attacker.example`, which a server that knows its own names refuses. So a server bound to
 * a loopback address answers by default only to the loopback names (localhost, 127.0.0.1, [::1]);
 * a server bound to another address answers to any Host unless `tally serve --allowed-hosts`
 * names them (it may be reached by names it cannot know).
 */
import type { MiddlewareHandler } from 'hono';
import { MisdirectedRequestError } from './api-errors.ts';

/** Host names, lower case, IPv6 addresses in brackets, no port; or 'any'. */
export type AllowedHosts = readonly string[] | 'any';

/** What a loopback server answers to by default. */
export const LOOPBACK_HOSTS: readonly string[] = ['localhost', '127.0.0.1', '[::1]'];

/** Whether the address a server listens on is a loopback one (localhost, 127.0.0.0/8, ::1). */
export function isLoopbackAddress(listenHost: string): boolean {
  const h = listenHost.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/**
 * The hosts a server listening on `listenHost` answers to when `--allowed-hosts` is not given:
 * the loopback names (and the address itself, for 127.0.0.2 and the like) on a loopback address,
 * else any.
 */
export function defaultAllowedHosts(listenHost: string): AllowedHosts {
  if (!isLoopbackAddress(listenHost)) return 'any';
  const own = normaliseHostName(listenHost.includes(':') && !listenHost.startsWith('[') ? `[${listenHost}]` : listenHost);
  return LOOPBACK_HOSTS.includes(own) ? LOOPBACK_HOSTS : [...LOOPBACK_HOSTS, own];
}

/** RFC 3986 §3.2.2 host, then an optional port: an IP literal in brackets, or a name or IPv4 address. */
const HOST_AND_PORT = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._~%!$&'()*+,;=-]+)(?::(\d*))?$/;

/** Lower case, without the trailing dot of a fully qualified name ("localhost." is localhost). */
function normaliseHostName(name: string): string {
  const lower = name.toLowerCase();
  return lower.length > 1 && lower.endsWith('.') ? lower.slice(0, -1) : lower;
}

/** The host name of a Host header value (port aside, normalised), or null when it is not `host[:port]`. */
export function hostNameOf(hostHeader: string): string | null {
  const m = HOST_AND_PORT.exec(hostHeader.trim());
  return m ? normaliseHostName(m[1]) : null;
}

/**
 * The value of `--allowed-hosts` (`a,b,c`; `*` for any) as host names, or the reason it is not
 * one. Names are written without port or scheme; a bare IPv6 address is put in brackets.
 */
export function parseAllowedHosts(value: string): { hosts: AllowedHosts } | { problem: string } {
  const items = value.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (items.length === 0) return { problem: 'is empty; expected host names separated by commas (e.g. tally.example.org,localhost), or * for any' };
  if (items.includes('*')) return items.length === 1 ? { hosts: 'any' } : { problem: '* (any host) cannot be combined with names' };
  const hosts: string[] = [];
  for (const item of items) {
    const bracketed = /^[0-9A-Fa-f]*:[0-9A-Fa-f:.]*$/.test(item) ? `[${item}]` : item;
    const m = HOST_AND_PORT.exec(bracketed);
    if (!m || /[/@]/.test(item)) return { problem: `${JSON.stringify(item)} is not a host name; expected names such as tally.example.org or 192.0.2.10, without scheme or path` };
    if (m[2] !== undefined) return { problem: `${JSON.stringify(item)} has a port; give host names without the port (any port is accepted)` };
    const name = normaliseHostName(m[1]);
    if (!hosts.includes(name)) hosts.push(name);
  }
  return { hosts };
}

/**
 * Refuses (421, through the app's error handler) a request whose Host header, or whose URL's host
 * (the request target's, when a client sent it in absolute form), is not among `allowed`. Both
 * are checked, port aside: they agree for every request a browser sends.
 */
export function hostCheck(allowed: readonly string[]): MiddlewareHandler {
  const allowedSet = new Set(allowed);
  return async (c, next) => {
    const header = c.req.header('host');
    const urlHost = normaliseHostName(new URL(c.req.url).hostname);
    // [as given, as compared]
    const names: [string, string | null][] = header === undefined ? [] : [[header, hostNameOf(header)]];
    names.push([urlHost, urlHost]);
    for (const [given, name] of names) {
      if (name === null || !allowedSet.has(name)) throw new MisdirectedRequestError(given, allowed);
    }
    await next();
  };
}
