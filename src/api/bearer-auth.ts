/**
 * Write protection: a request must carry `Authorization: Bearer <token>` (RFC 6750 §2.1) with the
 * token the server was started with. Tokens are compared through their SHA-256 digests with a
 * constant-time comparison, so neither the length nor a prefix of the token leaks through timing.
 * An empty configured token refuses every write (a server started without one is read-only).
 *
 * Each write route names the permission it needs. Today there is one principal, the holder of the
 * server token, and it holds every permission, so a request is either refused with 401 or allowed.
 * When users come, `principalOf` will return the user a token belongs to and `mayWrite` will check
 * that user's role, throwing a ForbiddenError (403: known, but not allowed) there — the routes and
 * test/api/write-auth.test.ts, which finds every write route by itself, stay as they are.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { UnauthorizedError } from './api-errors.ts';

/** What a write route does to the store; the permission it asks of the caller. */
export type WritePermission = 'ingest' | 'review';

/** Who a request acts for once its token is checked. */
export interface Principal {
  kind: 'server-token';
}

const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();

/** The hook for roles: the server token's holder may do every write; a user's role will be checked here. */
function mayWrite(principal: Principal, _permission: WritePermission): boolean {
  return principal.kind === 'server-token';
}

/** Where the route finds who acts (c.get(ACTOR_KEY)): the audit log's user name. */
export const ACTOR_KEY = 'tallyActor';

/** The name an audit entry records for a principal: the server token has no user, so 'api-token' (a user's name when users come). */
function actorOf(_principal: Principal): string {
  return 'api-token';
}

export function bearerAuth(token: string, permission: WritePermission): MiddlewareHandler {
  const expected = digest(token);
  const principalOf = (presented: string): Principal | null =>
    token !== '' && timingSafeEqual(digest(presented), expected) ? { kind: 'server-token' } : null;
  return async (c, next) => {
    const header = c.req.header('authorization');
    if (!header) throw new UnauthorizedError('this endpoint writes to the store and needs a token');
    const m = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
    if (!m) throw new UnauthorizedError('the Authorization header is not of the form "Bearer <token>"');
    const principal = principalOf(m[1]);
    if (principal === null) throw new UnauthorizedError('the token is not the one this server accepts');
    // With users this becomes a ForbiddenError (403): the caller is known but may not do this.
    if (!mayWrite(principal, permission)) throw new UnauthorizedError(`the token does not allow ${permission}`);
    c.set(ACTOR_KEY as never, actorOf(principal) as never);
    await next();
  };
}
