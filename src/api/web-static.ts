/**
 * Serves the dashboard's built files (web/dist) at `/` from the same server as the API, so the
 * browser talks to one origin. The Content-Security-Policy (./security-headers.ts, set on every
 * response) allows only this origin: the dashboard makes no external request at all, and the
 * policy makes that a guarantee rather than a habit. Without a build, `/` says where the API is.
 *
 * Vite names every file under assets/ after a hash of its content, so such a file never changes:
 * browsers keep it a year without asking again (`immutable`, RFC 8246). index.html names the
 * current hashes, so it is `no-cache`: asked again on every visit, and a new build is seen at once.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { ApiApp } from './app-deps.ts';
import { API_PREFIX } from './security-headers.ts';

const NO_DASHBOARD = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Tally</title></head>
<body><h1>Tally</h1>
<p>The dashboard has not been built (no web/dist folder). The API is at <a href="/api/v1/health">/api/v1/health</a>;
its description is <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>.</p>
</body></html>
`;

export function registerWebStatic(app: ApiApp, webDist: string | null | undefined): void {
  const built = webDist && existsSync(join(webDist, 'index.html')) ? webDist : null;
  if (!built) {
    app.get('/', (c) => c.html(NO_DASHBOARD));
    return;
  }
  const files = serveStatic({ root: built });
  app.use('/*', async (c, next) => {
    if (c.req.path.startsWith(API_PREFIX)) return next();
    // serveStatic returns the file's answer (or calls next, which answers 404).
    const served = await files(c, next);
    if (served?.status === 200) served.headers.set('Cache-Control', c.req.path.startsWith(HASHED_ASSETS) ? IMMUTABLE : 'no-cache');
    return served;
  });
}

/** Where the Vite build puts the files it names by content hash. */
const HASHED_ASSETS = '/assets/';
export const IMMUTABLE = 'public, max-age=31536000, immutable';
