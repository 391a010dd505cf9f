/**
 * The HTTP application: the JSON API under /api/v1 (incidents, documents, tallies, statistics,
 * exports, ingest, boundaries, review decisions and the audit log, login sessions, users and tokens), its OpenAPI 3.1 description at /api/v1/openapi.json generated from
 * the same zod schemas that validate the parameters, and the dashboard's static files at `/`.
 * Routes only validate, call a service and serialise; every error leaves through the one handler in
 * ./error-handler.ts as RFC 9457 problem details (a wrong method on a known path is a 405 naming the
 * methods it takes, ./route-table.ts); every response, errors included, carries the headers of
 * ./security-headers.ts and its request's id (./request-id.ts), and is compressed when large
 * (./compression.ts). With `allowedHosts`, a request naming another Host is refused with 421
 * (./host-check.ts, the DNS-rebinding defence). API reads carry an ETag of the store's data version and answer a matching
 * If-None-Match with 304 (./conditional-get.ts). With `metrics`, GET /metrics serves them in the
 * Prometheus text format.
 * The app is a plain Hono app, so tests call `app.request(...)` in-process and the CLI hands it to
 * @hono/node-server.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import { serialWrites, type AppDeps, type ApiApp } from './app-deps.ts';
import { apiErrorHandler, routeNotFound, type ErrorLogger } from './error-handler.ts';
import { compression } from './compression.ts';
import { conditionalGet, documentConditionalGet } from './conditional-get.ts';
import { requestId } from './request-id.ts';
import { PROMETHEUS_TEXT } from './request-metrics.ts';
import { RouteTable } from './route-table.ts';
import { parameterHook } from './query-params.ts';
import { registerBoundaryRoutes } from './routes/boundary-routes.ts';
import { registerDocumentRoutes } from './routes/document-routes.ts';
import { registerExportRoute } from './routes/export-route.ts';
import { registerHealthRoute } from './routes/health-route.ts';
import { registerIncidentRoutes } from './routes/incident-routes.ts';
import { registerReviewRoutes } from './routes/review-routes.ts';
import { registerSummaryRoutes } from './routes/summary-routes.ts';
import { registerSessionRoutes } from './routes/session-routes.ts';
import { registerUserRoutes } from './routes/user-routes.ts';
import { registerSecuritySchemes } from './permission-doc.ts';
import { privateReads } from './request-auth.ts';
import { securityHeaders } from './security-headers.ts';
import { hostCheck } from './host-check.ts';
import { registerWebStatic } from './web-static.ts';

export type { AppDeps } from './app-deps.ts';

export const OPENAPI_PATH = '/api/v1/openapi.json';

const logToStderr: ErrorLogger = (err, where) => {
  process.stderr.write(`tally serve: ${where}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
};

export function createApp(given: AppDeps): ApiApp {
  // One write gate for every write route: an ingest and a review decision both relink.
  const deps: AppDeps = { ...given, exclusiveWrite: given.exclusiveWrite ?? serialWrites() };
  const version = deps.version ?? '0.0.0';
  const app = new OpenAPIHono({ defaultHook: parameterHook });
  app.onError(apiErrorHandler(deps.logError ?? logToStderr));
  app.notFound(routeNotFound(new RouteTable(app)));
  app.use('*', requestId());
  app.use('*', securityHeaders());
  // After the headers, so a refused Host's 421 carries them too; before anything reads the store.
  if (deps.allowedHosts !== undefined && deps.allowedHosts !== 'any') app.use('*', hostCheck(deps.allowedHosts));
  app.use('*', compression());
  if (deps.privateReads) app.use('/api/*', privateReads(deps));
  app.use('/api/*', conditionalGet({ store: deps.store, version, privateReads: deps.privateReads ?? false }));
  registerSecuritySchemes(app);

  registerHealthRoute(app, { ...deps, version });
  registerIncidentRoutes(app, deps);
  registerReviewRoutes(app, deps);
  registerDocumentRoutes(app, deps);
  registerSummaryRoutes(app, deps);
  registerExportRoute(app, deps);
  registerBoundaryRoutes(app, deps);
  registerSessionRoutes(app, deps);
  registerUserRoutes(app, deps);

  const openApiConfig = {
    openapi: '3.1.0',
    info: {
      title: 'Tally API',
      version,
      description:
        'Incidents and casualties read from news reports, each figure attributed to its claimant and quote. Errors are RFC 9457 problem details (`application/problem+json`: `type`, `title`, `status`, `detail`, `instance`) that also carry `{ error: { status, code, message, parameter? } }`. Reads carry a weak `ETag` of the store\'s data version and answer a matching `If-None-Match` with 304; answers over 1 KB are compressed (br or gzip, per `Accept-Encoding`); query parameters starting with `_` (cache-busters) are ignored; a wrong method on a known path is a 405 with `Allow`; every answer carries `X-Request-Id` (the one sent, else a new one).',
      license: { name: 'MIT', url: 'https://opensource.org/licenses/MIT' },
    },
    servers: [{ url: '/' }],
  };
  app.get(OPENAPI_PATH, (c) => c.json(documentConditionalGet(app.getOpenAPI31Document(openApiConfig))));

  const metrics = deps.metrics;
  if (metrics) app.get('/metrics', async (c) => c.body(await metrics(), 200, { 'Content-Type': PROMETHEUS_TEXT, 'Cache-Control': 'no-store' }));

  registerWebStatic(app, deps.webDist);
  return app;
}
