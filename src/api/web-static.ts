/**
 * Serves the dashboard's built files (web/dist) at `/` from the same server as the API, so the
 * browser talks to one origin. The Content-Security-Policy allows only this origin (plus inline
 * styles and data: images, which the map library uses): the dashboard makes no external request
 * at all, and the policy makes that a guarantee rather than a habit. Without a build, `/` says
 * where the API is.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { MiddlewareHandler } from 'hono';
import type { ApiApp } from './app-deps.ts';

export const DASHBOARD_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

const NO_DASHBOARD = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Tally</title></head>
<body><h1>Tally</h1>
<p>The dashboard has not been built (no web/dist folder). The API is at <a href="/api/v1/health">/api/v1/health</a>;
its description is <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>.</p>
</body></html>
`;

const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  c.header('Content-Security-Policy', DASHBOARD_CSP);
  c.header('X-Content-Type-Options', 'nosniff');
};

export function registerWebStatic(app: ApiApp, webDist: string | null | undefined): void {
  const built = webDist && existsSync(join(webDist, 'index.html')) ? webDist : null;
  app.use('/*', async (c, next) => {
    if (c.req.path.startsWith('/api/')) return next();
    return securityHeaders(c, next);
  });
  if (!built) {
    app.get('/', (c) => c.html(NO_DASHBOARD));
    return;
  }
  const files = serveStatic({ root: built });
  app.use('/*', async (c, next) => (c.req.path.startsWith('/api/') ? next() : files(c, next)));
}
