/**
 * GET /api/v1/export: any filtered set of incidents in a contract format (incidents/1 JSON,
 * ACLED-column CSV, GeoJSON), as a download written incident by incident
 * (src/services/export-stream.ts): the body is a stream the client pulls, so memory stays bounded
 * by one batch. An export of more incidents than `openExportLimit` needs credentials with the
 * read permission even on a server whose reads are open.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { renderFilteredExport } from '../../services/export-filtered.ts';
import type { ApiApp, AppDeps } from '../app-deps.ts';
import { ExportQuery, incidentFilterOf } from '../query-params.ts';
import { requirePermission } from '../request-auth.ts';
import { FeatureCollectionSchema, errorResponse } from '../schemas.ts';

/** Largest export an anonymous caller may start (AppDeps.openExportLimit). */
export const DEFAULT_OPEN_EXPORT_LIMIT = 10_000;

const exportRoute = createRoute({
  method: 'get',
  path: '/api/v1/export',
  operationId: 'exportIncidents',
  tags: ['incidents'],
  summary: 'The incidents matching the filters as incidents/1 JSON, ACLED-column CSV or GeoJSON',
  description:
    'The file holds the matching incidents, the tallies matching the date, claimant and document filters, and the documents they cite. Without filters it equals `tally export` of the whole store. Incidents an analyst rejected are left out unless include_rejected=true; with since, only incidents changed since then. An export of more incidents than the server allows anonymously (10,000 by default) needs a login or a token with the read permission.',
  request: { query: ExportQuery },
  responses: {
    200: {
      description: 'The export file (Content-Disposition: attachment), streamed',
      content: {
        'application/json': { schema: z.object({ format: z.literal('incidents/1') }).passthrough().openapi({ description: 'incidents/1 (see the Incident and Tally schemas)' }) },
        'text/csv': { schema: z.string().openapi({ description: 'RFC 4180 CSV with ACLED columns first' }) },
        'application/geo+json': { schema: FeatureCollectionSchema },
      },
    },
    400: errorResponse('A parameter is invalid (the error names it)'),
    401: errorResponse('The export holds more incidents than an anonymous caller may export, and the request has no credentials'),
    403: errorResponse("The export holds more incidents than an anonymous caller may export, and the caller's role cannot read"),
  },
});

/** A ReadableStream that asks the generator for the next chunk only when the client is ready for it. */
function pulledStream(chunks: AsyncGenerator<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}

export function registerExportRoute(app: ApiApp, deps: AppDeps): void {
  const readPermission = requirePermission(deps, 'read');
  app.openapi(exportRoute, async (c) => {
    const { format, include_rejected, since, ...filters } = c.req.valid('query');
    const filter = incidentFilterOf(filters);
    if ((await deps.store.countIncidents(filter)) > (deps.openExportLimit ?? DEFAULT_OPEN_EXPORT_LIMIT)) await readPermission(c, async () => {});
    const file = await renderFilteredExport(deps.store, { filter, format, generatedAt: deps.clock(), includeRejected: include_rejected ?? false, since });
    return c.body(pulledStream(file.body), 200, {
      'Content-Type': file.contentType,
      'Content-Disposition': `attachment; filename="${file.fileName}"`,
    }) as never;
  });
}
