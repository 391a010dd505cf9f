/**
 * GET /api/v1/export: any filtered set of incidents in a contract format (incidents/1 JSON,
 * ACLED-column CSV, GeoJSON), as a download.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { renderFilteredExport } from '../../services/export-filtered.ts';
import type { ApiApp, AppDeps } from '../app-deps.ts';
import { ExportQuery, incidentFilterOf } from '../query-params.ts';
import { FeatureCollectionSchema, errorResponse } from '../schemas.ts';

const exportRoute = createRoute({
  method: 'get',
  path: '/api/v1/export',
  operationId: 'exportIncidents',
  tags: ['incidents'],
  summary: 'The incidents matching the filters as incidents/1 JSON, ACLED-column CSV or GeoJSON',
  description:
    'The file holds the matching incidents, the tallies matching the date, claimant and document filters, and the documents they cite. Without filters it equals `tally export` of the whole store. Incidents an analyst rejected are left out unless include_rejected=true.',
  request: { query: ExportQuery },
  responses: {
    200: {
      description: 'The export file (Content-Disposition: attachment)',
      content: {
        'application/json': { schema: z.object({ format: z.literal('incidents/1') }).passthrough().openapi({ description: 'incidents/1 (see the Incident and Tally schemas)' }) },
        'text/csv': { schema: z.string().openapi({ description: 'RFC 4180 CSV with ACLED columns first' }) },
        'application/geo+json': { schema: FeatureCollectionSchema },
      },
    },
    400: errorResponse('A parameter is invalid (the error names it)'),
  },
});

export function registerExportRoute(app: ApiApp, deps: AppDeps): void {
  app.openapi(exportRoute, async (c) => {
    const { format, include_rejected, ...filters } = c.req.valid('query');
    const file = await renderFilteredExport(deps.store, incidentFilterOf(filters), format, deps.clock(), include_rejected ?? false);
    return c.body(file.body, 200, {
      'Content-Type': file.contentType,
      'Content-Disposition': `attachment; filename="${file.fileName}"`,
    }) as never;
  });
}
