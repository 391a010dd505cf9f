/**
 * Who a request acts for, and whether it may (docs/decisions/0016-users-and-roles.md). Credentials
 * come in one of two ways:
 *
 * - `Authorization: Bearer <token>` (RFC 6750 §2.1): a user's token (`tally_<id>.<secret>`, from
 *   `tally token create` or POST /api/v1/tokens) or the token the server was started with (the
 *   admin bootstrap: it holds every permission). The server token is compared through SHA-256
 *   digests in constant time, so neither its length nor a prefix leaks through timing; an empty
 *   server token matches nothing. A bearer request needs no CSRF token: a browser never adds the
 *   header to a cross-site request by itself.
 * - the session cookie set at login (HttpOnly, SameSite=Strict). A browser sends it by itself, so
 *   every state-changing request authenticated by it must also carry the session's CSRF token in
 *   `X-CSRF-Token` (OWASP CSRF Prevention Cheat Sheet, synchronizer token pattern).
 *
 * Each route names the permission it needs (src/domain/roles.ts); `requirePermission` answers 401
 * when there are no valid credentials and 403 when the caller's role does not hold the permission.
 * Reads are open unless the server is private (`tally serve --private`), in which case
 * `privateReads` asks every API read but the session, health and OpenAPI routes for `read`.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { ROLES, roleAllows, type Permission } from '../domain/roles.ts';
import { isUserToken, principalAllows, resolveSession, resolveToken, sameSecret, type Principal } from '../services/user-accounts.ts';
import type { AppDeps } from './app-deps.ts';
import { CsrfTokenError, ForbiddenError, UnauthorizedError } from './api-errors.ts';

export const SESSION_COOKIE = 'tally_session';
export const CSRF_HEADER = 'X-CSRF-Token';

/** Methods that change nothing (RFC 9110 §9.2.1); every other method needs the CSRF token with a cookie. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

type AuthDeps = Pick<AppDeps, 'store' | 'token' | 'clock'>;

const resolved = new WeakMap<Context, Promise<Principal | null>>();

async function resolvePrincipal(c: Context, deps: AuthDeps): Promise<Principal | null> {
  const header = c.req.header('authorization');
  if (header !== undefined) {
    const m = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
    if (!m) throw new UnauthorizedError('the Authorization header is not of the form "Bearer <token>"');
    if (isUserToken(m[1])) {
      const principal = await resolveToken(deps.store, m[1], deps.clock());
      if (principal === null) throw new UnauthorizedError('the token is unknown, revoked or expired, or its user is disabled');
      return principal;
    }
    if (deps.token !== '' && sameSecret(m[1], deps.token)) return { kind: 'server-token' };
    throw new UnauthorizedError('the token is not one this server accepts');
  }
  const cookie = getCookie(c, SESSION_COOKIE);
  if (cookie === undefined) return null;
  return resolveSession(deps.store, cookie, deps.clock());
}

/** The principal of a request (null: anonymous), resolved once per request. Throws 401 for credentials that do not check out. */
export function principalOf(c: Context, deps: AuthDeps): Promise<Principal | null> {
  let p = resolved.get(c);
  if (!p) {
    p = resolvePrincipal(c, deps);
    resolved.set(c, p);
  }
  return p;
}

export function describePrincipal(p: Principal): string {
  return p.kind === 'server-token' ? 'the server token' : `user ${JSON.stringify(p.name)} (role ${p.role})`;
}

/** Refuse a cookie-authenticated, state-changing request whose X-CSRF-Token is not its session's. */
function checkCsrf(c: Context, principal: Principal): void {
  if (principal.kind !== 'user' || principal.via !== 'session' || SAFE_METHODS.has(c.req.method)) return;
  const presented = c.req.header(CSRF_HEADER);
  if (presented === undefined || presented === '') throw new CsrfTokenError(`the ${CSRF_HEADER} header is missing`);
  if (!sameSecret(presented, principal.session.csrfToken)) throw new CsrfTokenError(`the ${CSRF_HEADER} header is not this session's token`);
}

/** Route middleware: the caller must hold `permission` (401 without credentials, 403 without the permission). */
export function requirePermission(deps: AuthDeps, permission: Permission): MiddlewareHandler {
  return async (c, next) => {
    const principal = await principalOf(c, deps);
    if (principal === null) throw new UnauthorizedError(`this endpoint needs the ${permission} permission and the request has no credentials`);
    checkCsrf(c, principal);
    if (!principalAllows(principal, permission)) throw new ForbiddenError(describePrincipal(principal), permission, ROLES.filter((r) => roleAllows(r, permission)));
    await next();
  };
}

/** API paths a private server still answers without a login: logging in needs them. */
const OPEN_PATHS = new Set(['/api/v1/session', '/api/v1/health', '/api/v1/openapi.json']);

/** App middleware of a private server: every API read needs `read` (writes check their own permission). */
export function privateReads(deps: AuthDeps): MiddlewareHandler {
  const read = requirePermission(deps, 'read');
  return async (c, next) => {
    if (!SAFE_METHODS.has(c.req.method) || OPEN_PATHS.has(c.req.path)) return next();
    return read(c, next);
  };
}
