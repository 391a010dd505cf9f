/**
 * Write protection: a request must carry `Authorization: Bearer <token>` (RFC 6750 §2.1) with the
 * token the server was started with. Tokens are compared through their SHA-256 digests with a
 * constant-time comparison, so neither the length nor a prefix of the token leaks through timing.
 * An empty configured token refuses every write (a server started without one is read-only).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { UnauthorizedError } from './api-errors.ts';

const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();

export function bearerAuth(token: string): MiddlewareHandler {
  const expected = digest(token);
  return async (c, next) => {
    const header = c.req.header('authorization');
    if (!header) throw new UnauthorizedError('this endpoint writes to the store and needs a token');
    const m = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
    if (!m) throw new UnauthorizedError('the Authorization header is not of the form "Bearer <token>"');
    if (token === '' || !timingSafeEqual(digest(m[1]), expected)) throw new UnauthorizedError('the token is not the one this server accepts');
    await next();
  };
}
