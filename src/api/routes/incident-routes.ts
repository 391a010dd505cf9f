/**
 * GET /api/v1/incidents (filtered, cursor-paginated list) and GET /api/v1/incidents/{id} (one
 * incident with the documents it cites; a previous id answers 301 to the current one, and the
 * `event_id_cnty` of an ACLED-column CSV row 303 to its incident). Incidents are rendered exactly
 * as in the incidents/1 export.
 */
import { createRoute } from '@hono/zod-openapi';
import { incidentJson } from '../../export/incidents-json.ts';
import { incidentPageJson, incidentWithDocuments, listIncidentPage } from '../../services/query-incidents.ts';
import { queueItem } from '../../services/review-queue.ts';
import { EVENT_ID_PATTERN, incidentIdOfEventId } from '../../services/export-event-ids.ts';
import { NotFoundError } from '../../services/service-errors.ts';
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
    301: {
      description: "A previous id of an incident (it absorbed the incident that had this id): `Location` is the incident's current URL, whose `previous_ids` lists this id",
      headers: { Location: { description: '/api/v1/incidents/{current id}', schema: { type: 'string' } } },
    },
    303: {
      description: "The `event_id_cnty` of a row of the ACLED-column CSV (e.g. SYR86C129FF24): `Location` is its incident's URL. The CSV's `tally_id` column is the incident id itself; this lookup reads the store once over",
      headers: { Location: { description: '/api/v1/incidents/{current id}', schema: { type: 'string' } } },
    },
    404: errorResponse('No incident has this id, nor had it before (or the id was withdrawn; the error says which)'),
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
    const { id } = c.req.valid('param');
    const found = await incidentWithDocuments(deps.store, id).catch(async (e: unknown) => {
      if (!(e instanceof NotFoundError) || !EVENT_ID_PATTERN.test(id)) throw e;
      const current = await incidentIdOfEventId(deps.store, id);
      if (current === null) throw e;
      return { seeOther: current };
    });
    if ('seeOther' in found) return c.redirect(`/api/v1/incidents/${encodeURIComponent(found.seeOther)}`, 303) as never;
    // Previous ids are permanent (never issued again), so the redirect is too (RFC 9110 §15.4.2).
    if ('movedTo' in found) return c.redirect(`/api/v1/incidents/${encodeURIComponent(found.movedTo)}`, 301) as never;
    const { incident, documents } = found;
    const { uncertainty, reasons } = queueItem(incident);
    return c.json(
      {
        incident: incidentJson(incident),
        documents: documents.map((d) => ({ id: d.id, url: d.url, outlet: d.outlet, published: d.published, title: d.title })),
        mention_ids: incident.mentionIds,
        uncertainty,
        reasons,
      },
      200,
    );
  });
}
