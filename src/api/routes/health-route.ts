/** GET /api/v1/health: the server answers and its store can be read. */
import { createRoute } from '@hono/zod-openapi';
import type { ApiApp, AppDeps } from '../app-deps.ts';
import { HealthSchema } from '../schemas.ts';

const healthRoute = createRoute({
  method: 'get',
  path: '/api/v1/health',
  operationId: 'health',
  tags: ['server'],
  summary: 'Server version and the number of incidents held',
  responses: { 200: { description: 'Up', content: { 'application/json': { schema: HealthSchema } } } },
});

export function registerHealthRoute(app: ApiApp, deps: AppDeps & { version: string }): void {
  app.openapi(healthRoute, async (c) => c.json({ ok: true as const, version: deps.version, incidents: await deps.store.countIncidents({}) }, 200));
}
