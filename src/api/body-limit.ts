/**
 * The size limit of a route's request body, with the 413 the API's clients can read: the error
 * names the route whose limit it is, the limit and the body's size (OWASP API4:2023, unrestricted
 * resource consumption). Hono's bodyLimit does the counting: a declared Content-Length over the
 * limit is refused before a byte is read; a body sent in chunks is read up to the limit and no
 * further, so its size is known only as "at least". Registered after the token check, so a client
 * without a token never gets the server to read a body at all.
 */
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { PayloadTooLargeError } from './api-errors.ts';

/** Default limit of a write's body (AppDeps.maxBodyBytes). */
export const DEFAULT_MAX_BODY_BYTES = 20 * 1024 * 1024;

export function limitBody(limitOf: string, maxBytes: number): MiddlewareHandler {
  return bodyLimit({
    maxSize: maxBytes,
    onError: (c) => {
      // bodyLimit trusts Content-Length only without Transfer-Encoding (RFC 9112 §6.3), and so does this.
      const declared = c.req.raw.headers.has('transfer-encoding') ? undefined : c.req.header('content-length');
      throw new PayloadTooLargeError(limitOf, maxBytes, declared === undefined ? null : Number(declared));
    },
  });
}
