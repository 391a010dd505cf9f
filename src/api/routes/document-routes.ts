/**
 * GET /api/v1/documents/{id}: a document's text with every value extracted from it and its span
 * (for highlighting). POST /api/v1/documents: ingest articles (token required), then relink, as
 * `tally ingest` does. Writes are run one at a time (AppDeps.exclusiveWrite, across every worker
 * of a clustered server): two batches relinking at once would each replace the incident set
 * computed from a store the other was changing.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { documentWithSpans } from '../../services/document-spans.ts';
import { ingestItems, type IngestSummary } from '../../services/ingest-batch.ts';
import { serialWrites, type ApiApp, type AppDeps } from '../app-deps.ts';
import { articleItemsOf } from '../article-body.ts';
import { requirePermission } from '../request-auth.ts';
import { permissionDoc } from '../permission-doc.ts';
import { DEFAULT_MAX_BODY_BYTES, limitBody } from '../body-limit.ts';
import { IdParam } from '../query-params.ts';
import { ArticleInputSchema, DocumentDetailSchema, IngestResultSchema, errorResponse } from '../schemas.ts';

const getRoute = createRoute({
  method: 'get',
  path: '/api/v1/documents/{id}',
  operationId: 'getDocument',
  tags: ['documents'],
  summary: 'A document, its text, and the spans Tally extracted from it',
  request: { params: IdParam('document') },
  responses: {
    200: { description: 'The document and its mentions', content: { 'application/json': { schema: DocumentDetailSchema } } },
    404: errorResponse('No document has this id'),
  },
});

const DOCUMENTS_PATH = '/api/v1/documents';

function postRoute(deps: AppDeps) {
  const maxBytes = deps.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  return createRoute({
    method: 'post',
    path: DOCUMENTS_PATH,
    operationId: 'ingestDocuments',
    tags: ['documents'],
    summary: 'Ingest articles: store, extract, geocode, relink',
    description:
      'A bad article in a batch is listed under `rejected` and the rest lands; a body with no valid article is a 400. Re-posting the same id with the same text changes nothing; a changed text becomes a new version.',
    ...permissionDoc('ingest'),
    // Credentials first: a client without them never gets the server to read its body.
    middleware: [requirePermission(deps, 'ingest'), limitBody(`POST ${DOCUMENTS_PATH}`, maxBytes)] as const,
    request: {
      body: {
        required: true,
        description: 'One article object, a JSON array of them, or JSON Lines (application/x-ndjson)',
        // Plain schema objects document the body without zod validating it: parseArticle does, with the CLI's messages.
        content: {
          'application/json': {
            schema: { oneOf: [{ $ref: '#/components/schemas/ArticleInput' }, { type: 'array', items: { $ref: '#/components/schemas/ArticleInput' } }] },
          },
          'application/x-ndjson': { schema: { type: 'string', description: 'One ArticleInput object per line' } },
        },
      },
    },
    responses: {
      200: { description: 'What the ingest did', content: { 'application/json': { schema: IngestResultSchema } } },
      400: errorResponse('The body holds no valid article (the error names the first problem)'),
      401: errorResponse('No credentials, or not valid ones'),
      403: errorResponse('The caller may not ingest (the viewer role), or a cookie-authenticated request lacks its X-CSRF-Token'),
      413: errorResponse(`The body is larger than this server accepts (${maxBytes} bytes); the error gives limit_bytes and body_bytes`),
      415: errorResponse('The Content-Type is neither JSON nor JSON Lines'),
    },
  });
}

function ingestResultJson(s: IngestSummary): z.infer<typeof IngestResultSchema> {
  return {
    read: s.read,
    added: s.added,
    new_versions: s.newVersions,
    unchanged: s.unchanged,
    not_extracted: { ...s.notExtracted },
    rejected: s.rejected.map((r) => ({ source: r.source, message: r.message })),
    mentions: s.mentions,
    incidents: s.incidents,
    tallies: s.tallies,
    warnings: s.warnings.map((w) => ({ code: w.code, message: w.message, source: w.source })),
  };
}

/**
 * A posted document's extraction budget. `tally serve` extracts in a worker thread
 * (AppDeps.extractor), stopped at this budget or its memory budget, so the server's other requests
 * never wait; an app given no extractor extracts on its event loop, stopped at this deadline.
 * Either way a document over it is answered as rejected (ingest it from the command line with a
 * larger `--document-budget`).
 */
export const API_DOCUMENT_BUDGET_MS = 5_000;

export function registerDocumentRoutes(app: ApiApp, deps: AppDeps): void {
  app.openAPIRegistry.register('ArticleInput', ArticleInputSchema);

  app.openapi(getRoute, async (c) => {
    const { document: d, mentions } = await documentWithSpans(deps.store, c.req.valid('param').id);
    return c.json(
      {
        document: {
          id: d.id,
          url: d.url,
          outlet: d.outlet,
          published: d.published,
          title: d.title,
          language: d.language,
          version: d.version,
          text: d.text,
          detected_language: d.detectedLanguage ?? null,
          provenance: d.provenance ? { format: d.provenance.format, fetched_from: d.provenance.fetchedFrom, fields: { ...d.provenance.fields } } : null,
        },
        mentions,
      },
      200,
    );
  });

  const exclusive = deps.exclusiveWrite ?? serialWrites();
  app.openapi(postRoute(deps), async (c) => {
    const items = articleItemsOf(await c.req.text(), c.req.header('content-type'));
    const extractor = deps.extractor;
    // With an extractor the places are resolved in its thread: this process builds no gazetteer.
    const resolver = extractor ? null : typeof deps.resolver === 'function' ? await deps.resolver() : deps.resolver;
    const summary = await exclusive(() => {
      const now = deps.clock();
      return ingestItems(deps.store, resolver, items, {
        now,
        runId: `api:${now}`,
        policy: 'latest',
        documentBudgetMs: deps.documentBudgetMs ?? API_DOCUMENT_BUDGET_MS,
        extract: extractor ? (article) => extractor.extract(article) : undefined,
      });
    });
    return c.json(ingestResultJson(summary), 200);
  });
}
