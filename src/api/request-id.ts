/**
 * Every request has an id, echoed in the `X-Request-Id` answer header and written on its log line
 * (./request-observer.ts) and on the log entry of a 500, so a user's report ("it failed, request
 * 3f…") finds the server's account of it. An id sent by the client or a proxy in front is kept, so
 * one id follows a request across systems; one that could corrupt a log line (too long, or other
 * than letters, digits and `-_.:/+=`) is replaced by a fresh one.
 */
import { randomUUID } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';

export const REQUEST_ID_HEADER = 'X-Request-Id';

const ACCEPTABLE_ID = /^[\w.:/+=-]{1,128}$/;

const idOfRequest = new WeakMap<Request, string>();

/** The id the client sent when acceptable, else a new random one. */
export function requestIdFor(given: string | undefined | null): string {
  return given && ACCEPTABLE_ID.test(given) ? given : randomUUID();
}

/** The id of the request `c` answers ('' before the middleware ran). */
export function requestIdOf(c: Context): string {
  return idOfRequest.get(c.req.raw) ?? '';
}

/** Gives the request its id and echoes it on the answer, errors included (registered first). */
export function requestId(): MiddlewareHandler {
  return async (c, next) => {
    const id = requestIdFor(c.req.header(REQUEST_ID_HEADER));
    idOfRequest.set(c.req.raw, id);
    await next();
    c.header(REQUEST_ID_HEADER, id);
  };
}
