/**
 * GET /api/v1/boundaries/{level}: the Syrian administrative boundaries (GeoJSON files of
 * ../shared/data/boundaries, or any folder with the same file names) for the dashboard's map, so
 * the dashboard makes no request outside this server.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createRoute } from '@hono/zod-openapi';
import { NotFoundError } from '../../services/service-errors.ts';
import type { ApiApp, AppDeps } from '../app-deps.ts';
import { BOUNDARY_LEVELS, BoundaryParam } from '../query-params.ts';
import { FeatureCollectionSchema, errorResponse } from '../schemas.ts';

export const BOUNDARY_FILES: Record<(typeof BOUNDARY_LEVELS)[number], string> = {
  admin0: 'syria_admin0_country.geojson',
  admin1: 'syria_admin1_governorates.geojson',
  admin2: 'syria_admin2_districts.geojson',
};

const boundaryRoute = createRoute({
  method: 'get',
  path: '/api/v1/boundaries/{level}',
  operationId: 'getBoundaries',
  tags: ['map'],
  summary: 'Administrative boundaries as GeoJSON (country, governorates, districts)',
  request: { params: BoundaryParam },
  responses: {
    200: { description: 'A FeatureCollection', content: { 'application/geo+json': { schema: FeatureCollectionSchema } } },
    400: errorResponse('Unknown level'),
    404: errorResponse('The server was started without boundaries, or the file is missing'),
  },
});

export function registerBoundaryRoutes(app: ApiApp, deps: AppDeps): void {
  app.openapi(boundaryRoute, async (c) => {
    const { level } = c.req.valid('param');
    const dir = deps.boundariesDir;
    if (!dir) throw new NotFoundError('boundaries', level, 'the server was started without a boundaries folder (tally serve --boundaries DIR)');
    const file = join(dir, BOUNDARY_FILES[level]);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new NotFoundError('boundaries', level, `${BOUNDARY_FILES[level]} is not in ${dir}`);
      throw e;
    }
    return c.body(text, 200, { 'Content-Type': 'application/geo+json; charset=utf-8', 'Cache-Control': 'public, max-age=3600' }) as never;
  });
}
