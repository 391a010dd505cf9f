/**
 * The dashboard's login: POST /api/v1/session checks a name and password and sets the session
 * cookie, GET /api/v1/session says who the caller is (and gives a cookie session its CSRF token
 * again, e.g. after a page reload), DELETE /api/v1/session logs out.
 *
 * The cookie is HttpOnly (no script reads it), SameSite=Strict (no cross-site request carries it),
 * Path=/, with Max-Age the session's lifetime, and Secure when the request came over HTTPS (the URL,
 * or X-Forwarded-Proto from a TLS-terminating proxy). Login itself needs no CSRF token: it takes
 * only a JSON body, which a cross-site form cannot send and a cross-site script cannot send without
 * a CORS preflight this server never allows. Failed logins are limited per account and per address
 * (../login-rate-limit.ts).
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { PERMISSIONS, ROLES } from '../../domain/roles.ts';
import { DEFAULT_SESSION_SECONDS, login, logout, principalAllows, type Principal } from '../../services/user-accounts.ts';
import type { ApiApp, AppDeps } from '../app-deps.ts';
import { TooManyRequestsError, UnauthorizedError } from '../api-errors.ts';
import { limitBody } from '../body-limit.ts';
import { LoginRateLimiter } from '../login-rate-limit.ts';
import { permissionDoc } from '../permission-doc.ts';
import { principalOf, requirePermission, SESSION_COOKIE } from '../request-auth.ts';
import { errorResponse } from '../schemas.ts';

const SESSION_PATH = '/api/v1/session';
/** A login body is a name and a password: 16 KiB, or the server's body limit when that is smaller. */
const LOGIN_MAX_BYTES = 16 * 1024;

const LoginSchema = z.strictObject({ name: z.string().min(1).max(200), password: z.string().min(1).max(1024) }).openapi('Login');

const SessionSchema = z
  .strictObject({
    user: z.strictObject({ name: z.string(), role: z.enum(ROLES) }).nullable(),
    via: z.enum(['session', 'token', 'server-token']).nullable(),
    permissions: z.array(z.enum(PERMISSIONS)),
    csrf_token: z.string().nullable().openapi({ description: 'Send it in X-CSRF-Token with every request that changes state (cookie sessions only)' }),
    expires_at: z.string().nullable(),
  })
  .openapi('Session');

const loginRoute = (maxBytes: number) => createRoute({
  method: 'post',
  path: SESSION_PATH,
  operationId: 'login',
  tags: ['session'],
  summary: 'Log in: check a name and password, set the session cookie',
  description: 'Public: needs no credentials (a Content-Type other than application/json is a 415). Five failed logins for an account, or twenty from an address, within 15 minutes are answered 429 with Retry-After.',
  security: [],
  middleware: [limitBody(`POST ${SESSION_PATH}`, maxBytes)] as const,
  request: { body: { required: true, content: { 'application/json': { schema: LoginSchema } } } },
  responses: {
    200: { description: 'Logged in; the cookie is set and the CSRF token given', content: { 'application/json': { schema: SessionSchema } } },
    400: errorResponse('The body is not { name, password }'),
    401: errorResponse('The name or password is wrong, or the user is disabled'),
    413: errorResponse(`The body is over ${maxBytes} bytes`),
    415: errorResponse('The Content-Type is not application/json'),
    429: errorResponse('Too many failed logins for this account or from this address; Retry-After says when to try again'),
  },
});

const whoAmIRoute = createRoute({
  method: 'get',
  path: SESSION_PATH,
  operationId: 'getSession',
  tags: ['session'],
  summary: 'Who the caller is (user, role, permissions), and a cookie session its CSRF token',
  responses: {
    200: { description: 'The caller; user null when anonymous', content: { 'application/json': { schema: SessionSchema } } },
    401: errorResponse('An Authorization header with a token that is not valid'),
  },
});

const logoutRoute = (deps: AppDeps) => createRoute({
  method: 'delete',
  path: SESSION_PATH,
  operationId: 'logout',
  tags: ['session'],
  summary: 'Log out: end the session and clear its cookie',
  description: 'With a bearer token there is no session to end; the answer is the same 204.',
  ...permissionDoc('read'),
  middleware: [requirePermission(deps, 'read')] as const,
  responses: {
    204: { description: 'The session ended (or there was none)' },
    401: errorResponse('No credentials'),
    403: errorResponse('The X-CSRF-Token header is missing or wrong'),
  },
});

/** The caller as JSON; an anonymous caller reads unless the server is private. */
function sessionJson(p: Principal | null, privateReads: boolean): z.infer<typeof SessionSchema> {
  if (p === null) return { user: null, via: null, permissions: privateReads ? [] : ['read'], csrf_token: null, expires_at: null };
  const permissions = PERMISSIONS.filter((perm) => principalAllows(p, perm));
  if (p.kind === 'server-token') return { user: null, via: 'server-token', permissions, csrf_token: null, expires_at: null };
  const user = { name: p.name, role: p.role };
  if (p.via === 'token') return { user, via: 'token', permissions, csrf_token: null, expires_at: null };
  return { user, via: 'session', permissions, csrf_token: p.session.csrfToken, expires_at: p.session.expiresAt };
}

const isHttps = (c: Context): boolean => new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto')?.split(',')[0].trim() === 'https';

/** The client's address as the socket saw it (@hono/node-server's bindings); 'unknown' in-process. */
function clientAddress(c: Context): string {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'unknown';
}

export function registerSessionRoutes(app: ApiApp, deps: AppDeps): void {
  const limiter = deps.loginLimiter ?? new LoginRateLimiter();
  const sessionSeconds = deps.sessionSeconds ?? DEFAULT_SESSION_SECONDS;

  app.openapi(
    loginRoute(Math.min(LOGIN_MAX_BYTES, deps.maxBodyBytes ?? LOGIN_MAX_BYTES)),
    async (c) => {
      const { name, password } = c.req.valid('json');
      const now = deps.clock();
      const nowMs = Date.parse(now);
      const address = clientAddress(c);
      const limited = limiter.check(name, address, nowMs);
      if (limited) throw new TooManyRequestsError(limited.retryAfterSeconds, limited.what);
      const done = await login(deps.store, name, password, now, sessionSeconds);
      if (done === null) {
        limiter.recordFailure(name, address, nowMs);
        throw new UnauthorizedError('the name or password is wrong, or the user is disabled');
      }
      limiter.recordSuccess(name);
      setCookie(c, SESSION_COOKIE, done.cookie, { httpOnly: true, sameSite: 'Strict', secure: isHttps(c), path: '/', maxAge: sessionSeconds });
      const principal: Principal = { kind: 'user', name: done.user.name, role: done.user.role, via: 'session', session: done.session };
      return c.json(sessionJson(principal, deps.privateReads ?? false), 200);
    },
  );

  app.openapi(whoAmIRoute, async (c) => c.json(sessionJson(await principalOf(c, deps), deps.privateReads ?? false), 200));

  app.openapi(logoutRoute(deps), async (c) => {
    const principal = await principalOf(c, deps);
    if (principal?.kind === 'user' && principal.via === 'session') await logout(deps.store, principal.session, deps.clock());
    deleteCookie(c, SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'Strict', secure: isHttps(c) });
    return c.body(null, 204);
  });
}
