/**
 * GET /api/v1/incidents (filtered, cursor-paginated list) and GET /api/v1/incidents/{id} (one
 * incident with the documents it cites). Incidents are rendered exactly as in the incidents/1
 * export.
 */
import { createRoute } from '@hono/zod-openapi';
import { incidentJson } from '../../export/incidents-json.ts';
import { incidentPageJson, incidentWithDocuments, listIncidentPage } from '../../services/query-incidents.ts';
import type { ApiApp, AppDeps } from '../app-deps.ts';
import { IdParam, IncidentListQuery, incidentFilterOf } from '../query-params.ts';
import { IncidentDetailSchema, IncidentListSchema, errorResponse } from '../schemas.ts';

const listRoute = createRoute({
  method: 'get',
  path: '/api/v1/incidents',
  operationId: 'listIncidents',
  tags: ['incidents'],
  summary: 'Incidents matching the filters, newest first, one page at a time',
  request: { query: IncidentListQuery },
  responses: {
    200: { description: 'One page', content: { 'application/json': { schema: IncidentListSchema } } },
    400: errorResponse('A parameter is invalid (the error names it)'),
  },
});

const getRoute = createRoute({
  method: 'get',
  path: '/api/v1/incidents/{id}',
  operationId: 'getIncident',
  tags: ['incidents'],
  summary: 'One incident with its claims, quotes and the documents it cites',
  request: { params: IdParam('incident') },
  responses: {
    200: { description: 'The incident', content: { 'application/json': { schema: IncidentDetailSchema } } },
    404: errorResponse('No incident has this id'),
  },
});

export function registerIncidentRoutes(app: ApiApp, deps: AppDeps): void {
  app.openapi(listRoute, async (c) => {
    const { cursor, limit, ...filters } = c.req.valid('query');
    const page = await listIncidentPage(deps.store, incidentFilterOf(filters), { cursor, limit });
    // The body is assembled from the stored incidents/1 texts (no parse and re-serialise per
    // request), so it is not a typed c.json(); test/api/incidents-api.test.ts parses it with the schema.
    return new Response(incidentPageJson(page), { status: 200, headers: { 'content-type': 'application/json' } }) as never;
  });

  app.openapi(getRoute, async (c) => {
    const { incident, documents } = await incidentWithDocuments(deps.store, c.req.valid('param').id);
    return c.json(
      {
        incident: incidentJson(incident),
        documents: documents.map((d) => ({ id: d.id, url: d.url, outlet: d.outlet, published: d.published, title: d.title })),
      },
      200,
    );
  });
}
