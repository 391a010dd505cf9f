/**
 * ETags and 304s for the API's reads (RFC 9110 §8.8.3, §13.1.2). A read of the store answers the
 * same for as long as the store's data version (IncidentStore.dataVersion: bumped by every write,
 * in any process) and the server's build stay the same, so the tag is made of those two and is
 * known before the route runs: a repeated `If-None-Match` gets its 304 for the price of one
 * two-row read, without computing the page or statistics again. The version is read before the
 * route, so a write landing meanwhile can only make a tag older than its body, never newer: the
 * next request then gets the body again, never a stale one.
 *
 * The tags are weak (`W/`): the body of one version may differ in bytes (gzip or not, an
 * export's stamp), not in meaning. `Cache-Control: no-cache` makes browsers and proxies ask again
 * each time (with the tag) instead of guessing a freshness; `private` too when reads need a login
 * (--private), so a shared cache never keeps one user's answer for another. Routes that set their
 * own validator or caching keep it (a decision list's review version, the boundary files); a
 * request's own tag matching such a validator is a 304 as well. Users, tokens and the session are
 * per-caller and change with the clock (expiry), so they carry no tag.
 */
import type { MiddlewareHandler } from 'hono';
import type { IncidentStore } from '../storage/incident-store.ts';

/** API paths whose answers are not a function of the data version alone. */
const UNVERSIONED = ['/api/v1/session', '/api/v1/users', '/api/v1/tokens', '/api/v1/boundaries'];

export const isVersioned = (path: string): boolean => path.startsWith('/api/') && !UNVERSIONED.some((p) => path === p || path.startsWith(`${p}/`));

/** The opaque part of an entity tag (`W/"x"` and `"x"` are the same for If-None-Match's weak comparison). */
const opaque = (tag: string): string => tag.trim().replace(/^W\//, '');

/** Whether an If-None-Match header names `tag` (or is `*`), comparing weakly (RFC 9110 §13.1.2). */
export function noneMatchHas(header: string | undefined, tag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const want = opaque(tag);
  return header.split(',').some((t) => opaque(t) === want);
}

export interface ConditionalGetOptions {
  store: IncidentStore;
  /** The server's build (package version): a new build may render the same data otherwise. */
  version: string;
  /** Reads need a login (--private): answers are for their caller only. */
  privateReads: boolean;
}

export function conditionalGet(o: ConditionalGetOptions): MiddlewareHandler {
  const cacheControl = o.privateReads ? 'private, no-cache' : 'no-cache';
  return async (c, next) => {
    if ((c.req.method !== 'GET' && c.req.method !== 'HEAD') || !isVersioned(c.req.path)) return next();
    const asked = c.req.header('If-None-Match');
    const tag = `W/"${o.version}-${await o.store.dataVersion()}"`;
    if (noneMatchHas(asked, tag)) return c.body(null, 304, { ETag: tag, 'Cache-Control': cacheControl });
    await next();
    if (c.res.status !== 200) return;
    const own = c.res.headers.get('ETag');
    if (own === null) {
      c.header('ETag', tag);
      if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', cacheControl);
    } else if (noneMatchHas(asked, own)) {
      c.res = new Response(null, { status: 304, headers: c.res.headers });
      c.res.headers.delete('Content-Length');
    }
  };
}

interface OpenApiOperation {
  parameters?: { name: string; in: string }[];
  responses?: Record<string, { description: string; headers?: Record<string, unknown> }>;
}

/**
 * The OpenAPI description of what this middleware adds to each versioned GET operation: the
 * If-None-Match parameter, the ETag of its 200 and the 304 answer. Done here, over the generated
 * document, so each route's definition need not repeat it.
 */
export function documentConditionalGet<D extends { paths?: object }>(doc: D): D {
  for (const [path, operations] of Object.entries(doc.paths ?? {}) as [string, { get?: OpenApiOperation }][]) {
    const get = operations.get;
    if (!get || !isVersioned(path)) continue;
    get.parameters = [
      ...(get.parameters ?? []),
      { name: 'If-None-Match', in: 'header', required: false, description: 'The ETag of an earlier answer: 304 while the data has not changed since', schema: { type: 'string' } } as never,
    ];
    const ok = get.responses?.['200'];
    if (ok) ok.headers = { ETag: { description: "Weak tag of the store's data version and the server's build (W/\"VERSION-N.N\"), unless the operation says otherwise", schema: { type: 'string' } }, ...ok.headers };
    get.responses = {
      ...get.responses,
      '304': { description: 'Not Modified: If-None-Match named the current ETag; no body', headers: { ETag: { description: 'The current tag', schema: { type: 'string' } } } },
    };
  }
  return doc;
}
