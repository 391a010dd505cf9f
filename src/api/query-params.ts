/**
 * The API's query and path parameters as zod schemas: each parses the raw string into the typed
 * value a service takes (dates checked as calendar days, `bbox` into four numbers, integers in
 * range), documents itself for the OpenAPI description, and says in its error text what would be
 * valid. Unknown parameters are refused rather than ignored: a misspelt filter (`evnt_type`) that
 * silently returned everything would look like an answer. Those starting with `_` are the
 * exception: they are cache-busters (`_=1733600000000`, as jQuery and many HTTP clients add), never
 * filters, so they are dropped before the route sees the parameters. `parameterHook` turns the first failed
 * check into an InvalidParameterError naming the parameter and the value received, which the one
 * error handler (./error-handler.ts) renders as a 400.
 */
import type { Context } from 'hono';
import { z } from '@hono/zod-openapi';
import type { ZodError } from 'zod';
import { EVENT_TYPES } from '../domain/types.ts';
import type { IncidentFilter } from '../storage/incident-store.ts';
import { InvalidParameterError, shownValue } from '../services/service-errors.ts';
import { DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT, STATS_GROUPS } from '../services/query-incidents.ts';
import { EXPORT_FORMATS } from '../services/export-store.ts';
import { REVIEW_STATUSES } from './schemas.ts';

const MAX_TEXT = 200;
const MAX_CURSOR = 2000;

const oneOf = (values: readonly string[]): string => `expected one of ${values.join(', ')}`;

/** YYYY-MM-DD naming a real day (2019-02-30 is refused). */
export function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

const DATE_EXPECTED = 'expected a calendar date YYYY-MM-DD, e.g. 2019-09-18';
function dateParam(description: string) {
  return z
    .string({ error: DATE_EXPECTED })
    .refine(isCalendarDate, { error: DATE_EXPECTED })
    .optional()
    .openapi({ description, format: 'date', example: '2019-09-01' });
}

const DATE_TIME_EXPECTED = 'expected an ISO 8601 date-time, e.g. 2026-12-01T00:00:00Z (or a date YYYY-MM-DD: its start, UTC)';
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
function dateTimeParam(description: string) {
  return z
    .string({ error: DATE_TIME_EXPECTED })
    .refine((s) => ISO_DATE_TIME.test(s) && !Number.isNaN(Date.parse(s)), { error: DATE_TIME_EXPECTED })
    .optional()
    .openapi({ description, format: 'date-time', example: '2026-12-01T00:00:00Z' });
}

function textParam(description: string, example: string) {
  const expected = `expected a non-empty text of at most ${MAX_TEXT} characters`;
  return z
    .string({ error: expected })
    .trim()
    .min(1, { error: expected })
    .max(MAX_TEXT, { error: expected })
    .optional()
    .openapi({ description, example });
}

function enumParam<const T extends readonly [string, ...string[]]>(values: T, description: string) {
  return z.enum(values, { error: oneOf(values) }).openapi({ description });
}

export function intParam(min: number, max: number, description: string, example: number, byDefault?: number) {
  const expected = `expected an integer from ${min} to ${max}`;
  return z
    .string({ error: expected })
    .regex(/^\d{1,10}$/, { error: expected })
    .transform(Number)
    .pipe(z.number().int().min(min, { error: expected }).max(max, { error: expected }))
    .optional()
    .openapi({ description, type: 'integer', minimum: min, maximum: max, example, ...(byDefault !== undefined ? { default: byDefault } : {}) });
}

const BBOX_EXPECTED = 'expected west,south,east,north: four numbers in degrees (longitude -180..180, latitude -90..90) with west <= east and south <= north, e.g. 35.5,32.3,42.4,37.4';
const bboxParam = z
  .string({ error: BBOX_EXPECTED })
  .transform((raw, ctx): [number, number, number, number] => {
    const parts = raw.split(',').map((p) => p.trim());
    const numbers = parts.map((p) => (/^[-+]?(?:\d+\.?\d*|\.\d+)$/.test(p) ? Number(p) : NaN));
    const fail = (problem: string) => {
      ctx.addIssue({ code: 'custom', message: BBOX_EXPECTED, params: { problem } });
      return z.NEVER;
    };
    if (parts.length !== 4) return fail(`has ${parts.length} value${parts.length === 1 ? '' : 's'}`);
    if (numbers.some(Number.isNaN)) return fail('has values that are not numbers');
    const [west, south, east, north] = numbers;
    if ([west, east].some((x) => x < -180 || x > 180) || [south, north].some((y) => y < -90 || y > 90)) return fail('has a coordinate out of range');
    if (south > north) return fail(`has south (${south}) greater than north (${north})`);
    if (west > east) return fail(`has west (${west}) greater than east (${east}) (boxes crossing the antimeridian are not supported)`);
    return [west, south, east, north];
  })
  .optional()
  .openapi({ description: 'Bounding box west,south,east,north (WGS84 degrees); incidents located inside it', type: 'string', example: '35.5,32.3,42.4,37.4' });

/** The incident filters every list, statistic and export takes. */
const FILTER_SHAPE = {
  from: dateParam('Incidents whose date range ends on or after this day'),
  to: dateParam('Incidents whose date range starts on or before this day'),
  bbox: bboxParam,
  admin1: textParam('Governorate name as exported (location.admin1), case-insensitive', 'Idlib'),
  perpetrator: textParam('Perpetrator id', 'russia'),
  event_type: enumParam(EVENT_TYPES, 'Event type').optional(),
  min_killed: intParam(0, 1_000_000_000, 'Minimum best killed figure (the total, else civilians + fighters)', 5),
  claimant: textParam('Incidents with a claim by this claimant id', 'sohr'),
  q: textParam('Free text over place names, quotes and claimants', 'Ariha'),
  review_status: enumParam(REVIEW_STATUSES, 'Review status').optional(),
  document: textParam('Incidents citing this document id', 'sample-01-ariha-lws'),
};

type FilterQuery = { [K in keyof typeof FILTER_SHAPE]?: z.output<(typeof FILTER_SHAPE)[K]> };

/** A cache-buster such as `_=123`: ignored wherever it appears. */
const isCacheBuster = (name: string): boolean => name.startsWith('_');

/**
 * An object of parameters that refuses unknown ones other than cache-busters, with a message
 * listing the ones it takes (zod's own names only the unknown key), and drops the cache-busters.
 * It stays a zod object (refinements, not a transform), so the OpenAPI description lists its
 * parameters.
 */
export function parameters<T extends z.ZodRawShape>(shape: T) {
  const names = Object.keys(shape).join(', ');
  return z
    .looseObject(shape)
    .superRefine((given, ctx) => {
      const unknown = Object.keys(given).filter((name) => !Object.hasOwn(shape, name) && !isCacheBuster(name));
      if (unknown.length) ctx.addIssue({ code: 'unrecognized_keys', keys: unknown, input: given, message: `this endpoint takes ${names}` });
    })
    .overwrite((given) => Object.fromEntries(Object.entries(given).filter(([name]) => !isCacheBuster(name))) as typeof given);
}

function datesInOrder(q: { from?: string; to?: string }, ctx: z.RefinementCtx): void {
  if (q.from !== undefined && q.to !== undefined && q.from > q.to) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: 'expected a day on or after from', params: { problem: `is before from (${q.from})` } });
  }
}

export const IncidentListQuery = parameters({
  ...FILTER_SHAPE,
  cursor: z
    .string({ error: 'expected the next_cursor of the previous page' })
    .min(1, { error: 'expected the next_cursor of the previous page' })
    .max(MAX_CURSOR, { error: 'expected the next_cursor of the previous page' })
    .optional()
    .openapi({ description: 'next_cursor of the previous page (with the same filters)' }),
  limit: intParam(1, MAX_PAGE_LIMIT, 'Page size', 20, DEFAULT_PAGE_LIMIT),
}).superRefine(datesInOrder);

export const StatsQuery = parameters({
  ...FILTER_SHAPE,
  group_by: enumParam(STATS_GROUPS, 'Bucket incidents by day, ISO week (starting Monday), month, year, or perpetrator'),
  by_perpetrator: z
    .enum(['true', 'false'], { error: oneOf(['true', 'false']) })
    .transform((v) => v === 'true')
    .optional()
    .openapi({ description: 'With a time bucket: one row per bucket and perpetrator', type: 'string', enum: ['true', 'false'] }),
}).superRefine(datesInOrder);

export const ExportQuery = parameters({
  ...FILTER_SHAPE,
  format: enumParam(EXPORT_FORMATS, 'incidents/1 JSON, ACLED-column CSV, or GeoJSON'),
  include_rejected: z
    .enum(['true', 'false'], { error: oneOf(['true', 'false']) })
    .transform((v) => v === 'true')
    .optional()
    .openapi({ description: 'Keep incidents an analyst rejected (left out by default, unless review_status=rejected asks for them)', type: 'string', enum: ['true', 'false'] }),
  since: dateTimeParam('Only incidents changed at or after this time: a report of theirs ingested, or a review decision made, since then'),
}).superRefine(datesInOrder);

export const TallyListQuery = parameters({
  from: dateParam('Tallies whose period ends on or after this day (tallies without a period are left out)'),
  to: dateParam('Tallies whose period starts on or before this day'),
  claimant: textParam('Claimant id, case-insensitive', 'sohr'),
  document: textParam('Tallies read from this document id', 'sample-12-monthly-tally'),
}).superRefine(datesInOrder);

export const IdParam = (what: string) =>
  parameters({
    id: z
      .string({ error: `expected ${what} id` })
      .min(1, { error: `expected ${what} id` })
      .max(500, { error: `expected ${what} id of at most 500 characters` })
      .openapi({ param: { name: 'id', in: 'path' }, description: `The ${what} id` }),
  });

export const BOUNDARY_LEVELS = ['admin0', 'admin1', 'admin2'] as const;
export const BoundaryParam = parameters({
  level: enumParam(BOUNDARY_LEVELS, 'admin0 country outline, admin1 governorates, admin2 districts').openapi({ param: { name: 'level', in: 'path' } }),
});

/** The service filter of parsed incident query parameters. */
export function incidentFilterOf(q: FilterQuery): IncidentFilter {
  const filter: IncidentFilter = {
    from: q.from,
    to: q.to,
    bbox: q.bbox,
    admin1: q.admin1,
    perpetrator: q.perpetrator,
    eventType: q.event_type,
    minKilled: q.min_killed,
    claimant: q.claimant,
    q: q.q,
    reviewStatus: q.review_status,
    document: q.document,
  };
  for (const key of Object.keys(filter) as (keyof IncidentFilter)[]) if (filter[key] === undefined) delete filter[key];
  return filter;
}

function rawValue(c: Context, target: string, name: string): unknown {
  if (target === 'query') {
    const all = c.req.queries(name);
    return all === undefined ? undefined : all.length === 1 ? all[0] : all;
  }
  if (target === 'param') return c.req.param(name);
  return undefined;
}

/** The first problem of a failed parameter check, as the error the handler renders. */
export function parameterError(error: ZodError, target: string, c: Context): InvalidParameterError {
  const issue = error.issues[0];
  if (issue.code === 'unrecognized_keys') {
    const name = issue.keys[0];
    return new InvalidParameterError(name, rawValue(c, target, name), issue.message, 'unknown parameter');
  }
  const name = String(issue.path[0] ?? target);
  const value = rawValue(c, target, name);
  if (Array.isArray(value)) return new InvalidParameterError(name, value, 'expected it once', `given ${value.length} times`);
  const problem = issue.code === 'custom' && typeof issue.params?.problem === 'string' ? `${shownValue(value)} ${issue.params.problem}` : undefined;
  return new InvalidParameterError(name, value, issue.message, problem);
}

/** `defaultHook` of the app: a failed parameter check throws, so the error handler answers. */
export function parameterHook(result: { success: true } | { success: false; error: ZodError; target: string }, c: Context): void {
  if (!result.success) throw parameterError(result.error, result.target, c);
}
