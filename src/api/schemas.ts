/**
 * The shapes the HTTP API returns, as zod schemas: they generate the OpenAPI description's
 * components and, in the tests, check that real responses are what the description says. The
 * incident and tally objects are exactly the `incidents/1` export's (src/export/incidents-json.ts;
 * test/api/schemas.test.ts checks the types are the same both ways), so a client reads the API and
 * the export files with one parser. Objects are strict: a field added to a response must be added
 * here, or the tests fail, so the description cannot fall behind.
 */
import { z } from '@hono/zod-openapi';
import { COUNT_CATEGORIES, EVENT_TYPES } from '../domain/types.ts';
import type { DatePrecision, GeoPrecision, MentionKind, ReviewStatus } from '../domain/types.ts';
import { ERROR_CODES } from './error-handler.ts';

export const DATE_PRECISIONS = ['day', 'range', 'reported'] as const satisfies readonly DatePrecision[];
export const GEO_PRECISIONS = ['locality', 'admin2', 'admin1', 'country'] as const satisfies readonly GeoPrecision[];
import { REVIEW_STATUSES } from '../domain/types.ts';
import { REVIEW_REASON_IDS } from '../pipeline/review/review-reasons.ts';
import { SHARED_PERPETRATORS } from '../storage/incident-store.ts';

export { REVIEW_STATUSES };
export const MENTION_KINDS = ['incident', 'tally', 'background'] as const satisfies readonly MentionKind[];

const isoDay = z.string().openapi({ format: 'date', example: '2019-09-18' });

export const PlaceSchema = z
  .strictObject({
    name: z.string(),
    gazetteer_id: z.string().nullable(),
    lat: z.number().nullable(),
    lon: z.number().nullable(),
    admin1: z.string().nullable().openapi({ description: 'Governorate' }),
    admin2: z.string().nullable().openapi({ description: 'District' }),
    precision: z.enum(GEO_PRECISIONS),
  })
  .openapi('Place');

const CountRangeSchema = z.strictObject({ best: z.number(), min: z.number(), max: z.number() }).openapi('CountRange');

const countsShape = Object.fromEntries(COUNT_CATEGORIES.map((c) => [c, CountRangeSchema.optional()])) as Record<
  (typeof COUNT_CATEGORIES)[number],
  z.ZodOptional<typeof CountRangeSchema>
>;
export const CountsSchema = z
  .strictObject(countsShape)
  .openapi('Counts', { description: 'Best estimate and range per category; an absent category was not stated (never zero).' });

const figuresShape = Object.fromEntries(COUNT_CATEGORIES.map((c) => [c, z.number().optional()])) as Record<
  (typeof COUNT_CATEGORIES)[number],
  z.ZodOptional<z.ZodNumber>
>;
export const FiguresSchema = z.strictObject(figuresShape).openapi('Figures', { description: 'Figures one claim stated, per category.' });

export const ClaimSchema = z
  .strictObject({
    claimant: z.string().openapi({ description: 'Claimant id; `unattributed` when no source was named' }),
    document: z.string(),
    documents: z.array(z.string()).openapi({ description: 'Every document carrying this claim (syndicated copies collapse into one claim)' }),
    outlet: z.string().nullable(),
    published: z.string().nullable(),
    quote: z.string().openapi({ description: 'The exact sentence(s) of the document' }),
    start: z.number().int().openapi({ description: 'Offset of the quote in the document text' }),
    end: z.number().int(),
    killed: FiguresSchema,
    injured: FiguresSchema,
    rules: z.array(z.string()).openapi({ description: 'Ids of the extraction rules that read the figures' }),
    figures: z
      .array(
        z.strictObject({
          outcome: z.enum(['killed', 'injured']),
          category: z.enum(COUNT_CATEGORIES),
          value: z.number(),
          start: z.number().int().openapi({ description: 'Offset of the words stating the figure in the document text (inside the quote)' }),
          end: z.number().int(),
          rule: z.string(),
        }),
      )
      .openapi({ description: 'Each figure the claim reports with the span that states it' }),
    quote_in: z
      .literal('title')
      .optional()
      .openapi({ description: "Present when the quote was read from the document's title (its body told no incident): `start`/`end` and the figures' offsets are then offsets in the title (decision 0020); absent means the text" }),
  })
  .openapi('Claim');

export const IncidentDateSchema = z
  .union([
    z.strictObject({ start: isoDay, end: isoDay, precision: z.enum(DATE_PRECISIONS) }),
    z.strictObject({ start: z.null(), end: z.null(), precision: z.literal('unknown') }),
  ])
  .openapi('IncidentDate', {
    description: 'ISO start and end (end = start for one day), or null start and end with precision `unknown` when no report gives a day',
  });

export const IncidentSchema = z
  .strictObject({
    id: z.string(),
    event_type: z.enum(EVENT_TYPES),
    acled_sub_event_type: z.string(),
    date: IncidentDateSchema,
    location: PlaceSchema.nullable(),
    places: z.array(PlaceSchema),
    perpetrators: z.array(z.string()),
    perpetrators_disputed: z.boolean(),
    killed: CountsSchema,
    injured: CountsSchema,
    targets: z.array(z.string()),
    claims: z.array(ClaimSchema),
    documents: z.array(z.string()),
    independent_sources: z.number().int().optional(),
    review: z.strictObject({ status: z.enum(REVIEW_STATUSES) }),
    review_status: z.enum(REVIEW_STATUSES).openapi({ description: 'The same as review.status (decision 0018)' }),
    reviewed_by: z.string().nullable().openapi({ description: 'The analyst of the latest review decision; null when none' }),
    reviewed_at: z.string().nullable().openapi({ description: 'When the latest review decision was made; null when none' }),
    review_disagreements: z
      .array(z.strictObject({ field: z.string(), human: z.unknown(), machine: z.unknown(), decision: z.number().int() }))
      .openapi({ description: "Fields where the machine now reads another value than an analyst set; the analyst's value stands" }),
    previous_ids: z.array(z.string()).openapi({ description: 'Ids this incident had before it absorbed other incidents, oldest first; GET /api/v1/incidents/{id} redirects them here' }),
  })
  .openapi('Incident', { description: 'An incident exactly as in the incidents/1 export' });

export const TallySchema = z
  .strictObject({
    id: z.string(),
    document: z.string(),
    claimant: z.string().nullable(),
    period: z.strictObject({ start: isoDay, end: isoDay }).nullable(),
    area: z.string().nullable(),
    perpetrator: z.string().nullable(),
    killed: FiguresSchema,
    injured: FiguresSchema,
    displaced: z.number().nullable(),
    quote: z.string(),
    start: z.number().int(),
    end: z.number().int(),
  })
  .openapi('Tally', { description: "A claimant's total over a period or region, as in the incidents/1 export" });

export const DocumentMetaSchema = z
  .strictObject({
    id: z.string(),
    url: z.string().nullable(),
    outlet: z.string().nullable(),
    published: z.string().nullable(),
    title: z.string().nullable(),
  })
  .openapi('DocumentMeta');

export const IncidentListSchema = z
  .strictObject({
    items: z.array(IncidentSchema),
    next_cursor: z.string().nullable().openapi({ description: 'Pass as `cursor` (with the same filters) for the next page; null on the last page' }),
    total: z.number().int().openapi({ description: 'Incidents matching the filters, across all pages' }),
  })
  .openapi('IncidentList');

/** One reason the review queue gives for an incident (decision 0021). */
export const ReviewReasonSchema = z
  .object({
    id: z.enum(REVIEW_REASON_IDS),
    weight: z.number(),
    detail: z.string().openapi({ description: 'What in this incident fired the rule', example: 'killed: 7 (ministry), 12 (monitor)' }),
  })
  .openapi('ReviewReason');

export const IncidentDetailSchema = z
  .strictObject({
    incident: IncidentSchema,
    documents: z.array(DocumentMetaSchema),
    mention_ids: z.array(z.string()).openapi({ description: "The incident's reports (mention ids, as in GET /api/v1/documents/{id}): what split and detach decisions name" }),
    uncertainty: z.number().openapi({ description: 'The review queue\'s uncertainty of this incident (decision 0021)' }),
    reasons: z.array(ReviewReasonSchema).openapi({ description: 'Why the incident needs an analyst\'s eye (the review queue\'s reasons)' }),
  })
  .openapi('IncidentDetail');

export const ExtractedFieldSchema = z
  .strictObject({
    field: z.string().openapi({
      description:
        'event_type, date, place, place.origin, place.area, perpetrator, claimant, killed.<category>, injured.<category>, displaced, target; statement.… for further figures of another source in the same mention',
      example: 'killed.civilians',
    }),
    value: z.union([z.string(), z.number()]),
    rule: z.string().openapi({ description: 'Id of the rule that extracted the value' }),
    start: z.number().int().openapi({ description: 'Offset in the document text' }),
    end: z.number().int(),
    text: z.string().openapi({ description: 'The text between start and end' }),
  })
  .openapi('ExtractedField');

export const MentionSpansSchema = z
  .strictObject({
    id: z.string(),
    kind: z.enum(MENTION_KINDS),
    start: z.number().int(),
    end: z.number().int(),
    quote: z.string(),
    fields: z.array(ExtractedFieldSchema),
  })
  .openapi('MentionSpans');

export const DocumentDetailSchema = z
  .strictObject({
    document: z.strictObject({
      id: z.string(),
      url: z.string().nullable(),
      outlet: z.string().nullable(),
      published: z.string().nullable(),
      title: z.string().nullable(),
      language: z.string().nullable(),
      version: z.number().int().openapi({ description: '1 for the first text seen under this id, +1 per changed text' }),
      text: z.string(),
      detected_language: z.string().nullable().openapi({ description: 'The language found in the text when none was given (ISO 639-1), null when not confident' }),
      provenance: z
        .strictObject({
          format: z.literal('html'),
          fetched_from: z.string().nullable().openapi({ description: 'The address the page was read from (after redirects); null for a saved file' }),
          fields: z.record(z.string(), z.string()).openapi({ description: 'Where each field was read: "published": "JSON-LD datePublished", "outlet": "og:site_name", …' }),
        })
        .nullable()
        .openapi({ description: 'How the document was read, when a reader knew more than its fields (an HTML page); null for JSON Lines and .txt' }),
    }),
    mentions: z.array(MentionSpansSchema),
  })
  .openapi('DocumentDetail');

export const TallyListSchema = z.strictObject({ items: z.array(TallySchema) }).openapi('TallyList');

const StatsRowSchema = z.strictObject({
  key: z.string().openapi({ description: 'Bucket start (ISO date) for day/week/month/year, the perpetrator id for perpetrator' }),
  perpetrator: z.string().optional().openapi({ description: 'With by_perpetrator=true' }),
  incidents: z.number().int(),
  killed: z.number().openapi({ description: 'Sum of the incidents’ best killed figure' }),
  civilians: z.number(),
});

export const StatsSchema = z
  .strictObject({
    group_by: z.enum(['day', 'week', 'month', 'year', 'perpetrator']),
    rows: z.array(StatsRowSchema).openapi({
      description: `Each matching incident once (the rows add up to the set, with undated for time buckets); by perpetrator, an incident with several is under "${SHARED_PERPETRATORS}", one with none under "unknown"`,
    }),
    shared: z.array(StatsRowSchema).optional().openapi({
      description: `With perpetrator rows only: the incidents several perpetrators share, once under each of them (these rows overlap one another and the "${SHARED_PERPETRATORS}" row)`,
    }),
    undated: z
      .strictObject({ incidents: z.number().int(), killed: z.number(), civilians: z.number() })
      .openapi({
        description:
          'The matching incidents of unknown date (none when from or to is given) and their sums: left out of day, week, month and year rows, counted in perpetrator rows',
      }),
  })
  .openapi('Stats');

const FacetSchema = z.strictObject({ id: z.string(), incidents: z.number().int() });
const NamedFacetSchema = FacetSchema.extend({ name: z.string().openapi({ description: 'How the id is shown to people' }) });

export const FacetsSchema = z
  .strictObject({
    perpetrators: z.array(NamedFacetSchema),
    claimants: z.array(NamedFacetSchema),
    admin1: z.array(FacetSchema),
    event_types: z.array(FacetSchema),
    outlets: z.array(FacetSchema),
    languages: z
      .array(
        z.strictObject({
          id: z.string().openapi({ description: 'ISO 639 code of the documents\' language, given or detected; "und" when not known' }),
          documents: z.number().int(),
          extracted: z.boolean().openapi({ description: "Whether Tally's rules read this language; documents in others are stored and counted, not extracted" }),
        }),
      )
      .openapi({ description: 'Current documents by language, most first' }),
  })
  .openapi('Facets', { description: 'Each list most incidents first, then by id' });

export const IngestResultSchema = z
  .strictObject({
    read: z.number().int(),
    added: z.number().int(),
    new_versions: z.number().int(),
    unchanged: z.number().int(),
    not_extracted: z.record(z.string(), z.number().int()).openapi({ description: 'Documents stored but not extracted (no rules for their language yet), by language' }),
    rejected: z.array(z.strictObject({ source: z.string(), message: z.string() })),
    mentions: z.number().int(),
    incidents: z.number().int().openapi({ description: 'Incidents in the store after relinking' }),
    tallies: z.number().int(),
    warnings: z.array(z.strictObject({ code: z.string(), message: z.string(), source: z.string() })),
  })
  .openapi('IngestResult');

export const HealthSchema = z.strictObject({ ok: z.literal(true), version: z.string(), incidents: z.number().int() }).openapi('Health');

export const ErrorSchema = z
  .strictObject({
    type: z.literal('about:blank').openapi({ description: 'RFC 9457: no problem type beyond the status; `error.code` says which problem' }),
    title: z.string().openapi({ description: 'The reason phrase of the status', example: 'Bad Request' }),
    status: z.number().int(),
    detail: z.string().openapi({ description: 'The same text as error.message' }),
    instance: z.string().openapi({ description: 'The path of the request' }),
    error: z.strictObject({
      status: z.number().int(),
      code: z.enum(ERROR_CODES),
      message: z.string().openapi({ description: 'What was wrong, naming the bad value and what would be valid' }),
      parameter: z.string().optional().openapi({ description: 'The parameter (or body part) at fault' }),
      current_version: z.number().int().optional().openapi({ description: "409 only: the incident's current review version" }),
      limit_bytes: z.number().int().optional().openapi({ description: '413 only: the largest body the endpoint accepts, in bytes' }),
      body_bytes: z.number().int().nullable().optional().openapi({ description: '413 only: the size of the body (its Content-Length); null for a body sent in chunks, refused once it passed the limit' }),
    }),
  })
  .openapi('Error');

/** The article object POST /documents reads (the JSON Lines input contract); documentation only — ../pipeline/ingest/parse-article.ts validates. */
export const ArticleInputSchema = z
  .object({
    id: z.string().openapi({ description: 'Stable document id; the same id with the same text changes nothing' }),
    text: z.string().openapi({ description: 'The article body, plain text' }),
    published: z.string().nullable().optional().openapi({ description: 'ISO date or date-time of publication' }),
    url: z.string().nullable().optional(),
    outlet: z.string().nullable().optional(),
    title: z.string().nullable().optional(),
    language: z.string().nullable().optional(),
  })
  .openapi('ArticleInput');

export const FeatureCollectionSchema = z
  .object({ type: z.literal('FeatureCollection'), features: z.array(z.record(z.string(), z.unknown())) })
  .openapi('FeatureCollection');

/** An error response entry for a route's `responses`. */
export function errorResponse(description: string) {
  return { description, content: { 'application/problem+json': { schema: ErrorSchema } } };
}
