/**
 * How a route that needs a permission is documented in the OpenAPI description: both ways of
 * authenticating (a bearer token, or the session cookie with its X-CSRF-Token) and the permission
 * itself as the extension `x-tally-permission`, which test/api/write-auth.test.ts reads to know
 * which roles each route must refuse with 403.
 */
import type { Permission } from '../domain/roles.ts';
import type { ApiApp } from './app-deps.ts';
import { SESSION_COOKIE } from './request-auth.ts';

export function permissionDoc(permission: Permission): { security: Record<string, string[]>[]; 'x-tally-permission': Permission } {
  return { security: [{ bearerAuth: [] }, { sessionCookie: [] }], 'x-tally-permission': permission };
}

export function registerSecuritySchemes(app: ApiApp): void {
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description: "A user's token (tally token create, POST /api/v1/tokens) or the server's own token (tally serve --token, env TALLY_API_TOKEN), which holds every permission",
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'sessionCookie', {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
    description: 'The session cookie set by POST /api/v1/session; requests that change state must also send the X-CSRF-Token header',
  });
}
