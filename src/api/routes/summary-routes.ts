/**
 * GET /api/v1/tallies (claimants' totals, filtered) and GET /api/v1/stats (incidents, killed and
 * civilians killed per day, week, month, year or perpetrator over any filtered set of incidents,
 * each incident once — those with several perpetrators under `shared`, and once per perpetrator
 * in the `shared` series — and the incidents of unknown date, which no time bucket holds), and
 * GET /api/v1/facets (the filter lists' values, named, with their incidents).
 */
import { createRoute } from '@hono/zod-openapi';
import { tallyJson } from '../../export/incidents-json.ts';
import { incidentStats } from '../../services/query-incidents.ts';
import type { FacetValue, StatsRow } from '../../storage/incident-store.ts';
import { actorName } from '../../pipeline/extract/lexicons/actor-names.ts';
import { listTallies } from '../../services/query-tallies.ts';
import { documentLanguages } from '../../services/document-languages.ts';
import type { ApiApp, AppDeps } from '../app-deps.ts';
import { StatsQuery, TallyListQuery, incidentFilterOf } from '../query-params.ts';
import { FacetsSchema, StatsSchema, TallyListSchema, errorResponse } from '../schemas.ts';

const talliesRoute = createRoute({
  method: 'get',
  path: '/api/v1/tallies',
  operationId: 'listTallies',
  tags: ['tallies'],
  summary: "Claimants' totals over a period or region (kept apart from incidents)",
  request: { query: TallyListQuery },
  responses: {
    200: { description: 'The tallies', content: { 'application/json': { schema: TallyListSchema } } },
    400: errorResponse('A parameter is invalid (the error names it)'),
  },
});

const statsRoute = createRoute({
  method: 'get',
  path: '/api/v1/stats',
  operationId: 'incidentStats',
  tags: ['incidents'],
  summary: 'Incidents, killed and civilians killed by day, week, month, year or perpetrator',
  request: { query: StatsQuery },
  responses: {
    200: { description: 'One row per bucket', content: { 'application/json': { schema: StatsSchema } } },
    400: errorResponse('A parameter is invalid (the error names it)'),
  },
});

const facetsRoute = createRoute({
  method: 'get',
  path: '/api/v1/facets',
  operationId: 'incidentFacets',
  tags: ['incidents'],
  summary: 'The values each filter can take, with their names and how many incidents hold each',
  responses: {
    200: { description: 'Perpetrators, claimants, governorates, event types and outlets in the store, and its documents by language', content: { 'application/json': { schema: FacetsSchema } } },
  },
});

export function registerSummaryRoutes(app: ApiApp, deps: AppDeps): void {
  app.openapi(facetsRoute, async (c) => {
    const [f, languages] = await Promise.all([deps.store.facets(), documentLanguages(deps.store)]);
    const named = (values: FacetValue[]) => values.map((v) => ({ id: v.value, name: actorName(v.value), incidents: v.incidents }));
    const plain = (values: FacetValue[]) => values.map((v) => ({ id: v.value, incidents: v.incidents }));
    return c.json({ perpetrators: named(f.perpetrators), claimants: named(f.claimants), admin1: plain(f.admin1), event_types: plain(f.eventTypes), outlets: plain(f.outlets), languages }, 200);
  });

  app.openapi(talliesRoute, async (c) => {
    const tallies = await listTallies(deps.store, c.req.valid('query'));
    return c.json({ items: tallies.map(tallyJson) }, 200);
  });

  app.openapi(statsRoute, async (c) => {
    const { group_by, by_perpetrator, ...filters } = c.req.valid('query');
    const { rows, shared, undated } = await incidentStats(deps.store, incidentFilterOf(filters), group_by, by_perpetrator ?? false);
    const row = (r: StatsRow) => ({ key: r.key, ...(r.perpetrator !== undefined ? { perpetrator: r.perpetrator } : {}), incidents: r.incidents, killed: r.killed, civilians: r.civilians });
    return c.json({ group_by, rows: rows.map(row), ...(shared ? { shared: shared.map(row) } : {}), undated }, 200);
  });
}
