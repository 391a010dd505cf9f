/**
 * The app's write routes and the routes that read a request body, found in the app itself rather
 * than listed by hand, so a route added later is checked without anyone remembering to add it:
 * from Hono's router (`app.routes`: every handler and route middleware, by method and path) and
 * from the OpenAPI description (every operation, and whether it declares a requestBody). The
 * tests that use them also check that the two sources agree.
 */
import type { ApiApp } from '../../src/api/app-deps.ts';
import { OPENAPI_PATH } from '../../src/api/app.ts';

/** Methods that change state (RFC 9110 §9.2.1: everything but the safe GET, HEAD, OPTIONS, TRACE). */
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface RouteKey {
  method: string;
  /** OpenAPI form, `/api/v1/documents/{id}`. */
  path: string;
}

export const routeName = (r: RouteKey): string => `${r.method} ${r.path}`;

/** Hono's `:id` to OpenAPI's `{id}`. */
const openApiPath = (honoPath: string): string => honoPath.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, '{$1}');

/**
 * Write routes registered in the router. `ALL` on a concrete path counts as a write (it answers
 * POST too); `ALL /*`-style entries are middleware that every request passes, not routes.
 */
export function routerWriteRoutes(app: ApiApp): RouteKey[] {
  const seen = new Map<string, RouteKey>();
  for (const r of app.routes) {
    const method = r.method.toUpperCase();
    if (r.path.includes('*')) continue;
    if (!WRITE_METHODS.has(method) && method !== 'ALL') continue;
    const key = { method: method === 'ALL' ? 'POST' : method, path: openApiPath(r.path) };
    seen.set(routeName(key), key);
  }
  return [...seen.values()].sort((a, b) => routeName(a).localeCompare(routeName(b)));
}

interface OpenApiOperation {
  requestBody?: { content?: Record<string, unknown> };
  security?: Record<string, string[]>[];
  responses: Record<string, { description?: string }>;
}
export interface OpenApiDoc {
  paths: Record<string, Record<string, OpenApiOperation>>;
}

export async function openApiDoc(app: ApiApp): Promise<OpenApiDoc> {
  const res = await app.request(OPENAPI_PATH);
  if (res.status !== 200) throw new Error(`${OPENAPI_PATH} answered ${res.status}`);
  return (await res.json()) as OpenApiDoc;
}

export interface DocumentedRoute extends RouteKey {
  operation: OpenApiOperation;
}

export function documentedRoutes(doc: OpenApiDoc): DocumentedRoute[] {
  return Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, operation]) => ({ method: method.toUpperCase(), path, operation })));
}

/** Write operations of the OpenAPI description. */
export const documentedWrites = (doc: OpenApiDoc): DocumentedRoute[] => documentedRoutes(doc).filter((r) => WRITE_METHODS.has(r.method));

/** Operations that read a request body (any method). */
export const documentedBodies = (doc: OpenApiDoc): DocumentedRoute[] => documentedRoutes(doc).filter((r) => r.operation.requestBody !== undefined);

/** A concrete URL for a route: each path parameter filled with a harmless placeholder. */
export const concretePath = (path: string): string => path.replace(/\{[^}]+\}/g, 'security-test-id');

/** The first media type a route's body documents (what to send it). */
export function bodyMediaType(r: DocumentedRoute): string {
  return Object.keys(r.operation.requestBody?.content ?? { 'application/json': {} })[0];
}
