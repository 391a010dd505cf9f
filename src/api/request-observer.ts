/**
 * Watches every request the server answers: when the last byte of the answer has left (or the
 * client went away), it counts the request in the metrics (./request-metrics.ts) and writes its
 * one log line — id, method, path, status, duration — to the server log (./server-log.ts). It
 * wraps the app's fetch rather than being a Hono middleware, because a middleware sees an answer
 * when its headers are ready: a streamed export would be logged long before it ended.
 */
import type { EventEmitter } from 'node:events';
import type { RequestMetrics } from './request-metrics.ts';
import type { RouteTable } from './route-table.ts';
import type { ServerLog } from './server-log.ts';
import { REQUEST_ID_HEADER } from './request-id.ts';

/** What the observer needs of @hono/node-server's bindings: the Node answer being written. */
type Bindings = { outgoing?: EventEmitter & { writableFinished?: boolean } } | undefined;
type Fetch = (request: Request, env?: Bindings) => Response | Promise<Response>;

export interface RequestObserver {
  log: ServerLog;
  metrics: RequestMetrics;
  routes: RouteTable;
}

/** The metrics label of a request no route pattern serves: the dashboard's files, or nothing. */
function unroutedLabel(method: string, path: string, status: number): string {
  return status !== 404 && (method === 'GET' || method === 'HEAD') && !path.startsWith('/api/') ? '/*' : 'unmatched';
}

export function observedFetch(fetch: Fetch, o: RequestObserver): Fetch {
  return async (request, env) => {
    const started = performance.now();
    const response = await fetch(request, env);
    const url = new URL(request.url);
    const done = (aborted: boolean) => {
      const seconds = (performance.now() - started) / 1000;
      const route = o.routes.patternOf(request.method, url.pathname) ?? unroutedLabel(request.method, url.pathname, response.status);
      o.metrics.observe(request.method, route, response.status, seconds);
      const entry = {
        reqId: response.headers.get(REQUEST_ID_HEADER),
        req: { method: request.method, path: url.pathname, ...(url.search ? { query: url.search.slice(1) } : {}), headers: Object.fromEntries(request.headers) },
        res: { status: response.status },
        durationMs: Math.round(seconds * 1e4) / 10,
        ...(aborted ? { aborted: true } : {}),
      };
      if (response.status >= 500) o.log.error(entry, 'request');
      else o.log.info(entry, 'request');
    };
    // Behind @hono/node-server the answer is written after this returns; in-process, it is done.
    const outgoing = env?.outgoing;
    if (outgoing) outgoing.once('close', () => done(!outgoing.writableFinished));
    else done(false);
    return response;
  };
}
