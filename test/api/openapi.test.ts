/**
 * The OpenAPI 3.1 description served at /api/v1/openapi.json: it passes @readme/openapi-parser's
 * validator, documents every route the app serves (and no route it does not), every query
 * parameter a route accepts, the error responses, and the bearer security of the write; and the
 * response schemas are the export's types exactly (checked at compile time both ways).
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { validate, compileErrors } from '@readme/openapi-parser';
import type { z } from '@hono/zod-openapi';
import type { IncidentJson, TallyJson } from '../../src/export/incidents-json.ts';
import type { ExtractedField } from '../../src/services/document-spans.ts';
import { ExtractedFieldSchema, IncidentSchema, TallySchema } from '../../src/api/schemas.ts';
import { OPENAPI_PATH } from '../../src/api/app.ts';
import { buildApi, getJson, type ApiFixture } from './api-fixture.ts';

// Compile-time: each schema's output type and the exporter's type are assignable both ways.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const incidentTypesAgree: Same<z.output<typeof IncidentSchema>, IncidentJson> = true;
const tallyTypesAgree: Same<z.output<typeof TallySchema>, TallyJson> = true;
const fieldTypesAgree: Same<z.output<typeof ExtractedFieldSchema>, ExtractedField> = true;

interface Operation {
  operationId?: string;
  parameters?: { name: string; in: string; required?: boolean }[];
  responses: Record<string, unknown>;
  security?: Record<string, string[]>[];
}
interface Doc {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { securitySchemes?: Record<string, unknown>; schemas: Record<string, unknown> };
}

let fx: ApiFixture;
let doc: Doc;
before(async () => {
  fx = await buildApi([]);
  const res = await getJson<Doc>(fx.app, OPENAPI_PATH);
  assert.equal(res.status, 200);
  doc = res.body;
});
after(async () => {
  await fx.store.close();
});

describe('OpenAPI description', () => {
  test('schemas agree with the export types', () => {
    assert.deepEqual([incidentTypesAgree, tallyTypesAgree, fieldTypesAgree], [true, true, true]);
  });

  test('is a valid OpenAPI 3.1 document', async () => {
    assert.equal(doc.openapi, '3.1.0');
    const result = await validate(structuredClone(doc) as never);
    assert.ok(result.valid, result.valid ? '' : compileErrors(result));
  });

  test('lists every route the app serves under /api/v1, and only those', () => {
    const served = new Set(
      fx.app.routes
        .filter((r) => r.path.startsWith('/api/v1/') && r.method !== 'ALL' && r.path !== OPENAPI_PATH)
        .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`),
    );
    const documented = new Set(Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`)));
    assert.deepEqual([...documented].sort(), [...served].sort());
    assert.deepEqual([...documented].sort(), [
      'GET /api/v1/audit',
      'GET /api/v1/boundaries/{level}',
      'GET /api/v1/decisions',
      'GET /api/v1/documents/{id}',
      'GET /api/v1/export',
      'GET /api/v1/facets',
      'GET /api/v1/health',
      'GET /api/v1/incidents',
      'GET /api/v1/incidents/{id}',
      'GET /api/v1/session',
      'GET /api/v1/incidents/{id}/decisions',
      'GET /api/v1/review/queue',
      'GET /api/v1/stats',
      'GET /api/v1/tallies',
      'GET /api/v1/tokens',
      'GET /api/v1/users',
      'DELETE /api/v1/session',
      'DELETE /api/v1/tokens/{id}',
      'POST /api/v1/documents',
      'POST /api/v1/session',
      'POST /api/v1/tokens',
      'POST /api/v1/users',
      'POST /api/v1/users/{name}/disable',
      'POST /api/v1/incidents/{id}/decisions',
    ].sort());
  });

  test('documents the parameters of each route, with required ones marked', () => {
    const params = (method: string, path: string) =>
      Object.fromEntries((doc.paths[path][method].parameters ?? []).map((p) => [p.name, `${p.in}${p.required ? ' required' : ''}`]));
    const filters = ['from', 'to', 'bbox', 'admin1', 'perpetrator', 'event_type', 'min_killed', 'claimant', 'q', 'review_status', 'document'];
    // Every read of the store's data also takes If-None-Match (src/api/conditional-get.ts).
    const optional = (names: string[]) => Object.fromEntries([...names.map((n) => [n, 'query']), ['If-None-Match', 'header']]);
    assert.deepEqual(params('get', '/api/v1/incidents'), optional([...filters, 'cursor', 'limit']));
    assert.deepEqual(params('get', '/api/v1/stats'), { ...optional([...filters, 'by_perpetrator']), group_by: 'query required' });
    assert.deepEqual(params('get', '/api/v1/export'), { ...optional(filters), format: 'query required', include_rejected: 'query', since: 'query' });
    assert.deepEqual(params('get', '/api/v1/tallies'), optional(['from', 'to', 'claimant', 'document']));
    assert.deepEqual(params('get', '/api/v1/incidents/{id}'), { id: 'path required', 'If-None-Match': 'header' });
    assert.deepEqual(params('get', '/api/v1/documents/{id}'), { id: 'path required', 'If-None-Match': 'header' });
    assert.deepEqual(params('get', '/api/v1/boundaries/{level}'), { level: 'path required' });
  });

  test('documents the error responses and the credentials of the write', () => {
    assert.deepEqual(Object.keys(doc.paths['/api/v1/incidents'].get.responses).sort(), ['200', '304', '400']);
    assert.deepEqual(Object.keys(doc.paths['/api/v1/incidents/{id}'].get.responses).sort(), ['200', '301', '303', '304', '404']);
    assert.deepEqual(Object.keys(doc.paths['/api/v1/export'].get.responses).sort(), ['200', '304', '400', '401', '403']);
    assert.deepEqual(Object.keys(doc.paths['/api/v1/documents'].post.responses).sort(), ['200', '400', '401', '403', '413', '415']);
    assert.deepEqual(doc.paths['/api/v1/documents'].post.security, [{ bearerAuth: [] }, { sessionCookie: [] }]);
    const schemes = doc.components.securitySchemes as Record<string, Record<string, string>>;
    assert.deepEqual([schemes.bearerAuth.type, schemes.bearerAuth.scheme], ['http', 'bearer']);
    assert.deepEqual([schemes.sessionCookie.type, schemes.sessionCookie.in, schemes.sessionCookie.name], ['apiKey', 'cookie', 'tally_session']);
    for (const name of ['Incident', 'Tally', 'Claim', 'Place', 'IncidentList', 'DocumentDetail', 'Stats', 'IngestResult', 'Error', 'ArticleInput']) {
      assert.ok(doc.components.schemas[name], `component ${name}`);
    }
  });

  test('operation ids are unique', () => {
    const ids = Object.values(doc.paths).flatMap((ops) => Object.values(ops).map((o) => o.operationId));
    assert.equal(new Set(ids).size, ids.length);
    assert.ok(ids.every((id) => typeof id === 'string'));
  });
});
