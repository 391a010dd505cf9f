/**
 * The one place errors become HTTP responses. Every failure of a request — a parameter the schema
 * or a service refused, an unknown id or path, a wrong method, a missing token, an unreadable
 * body, a bug — ends here and leaves as an RFC 9457 problem details object
 * (`application/problem+json`: `type`, `title`, `status`, `detail`, `instance`) that also keeps the
 * `error` object clients already read (`{ error: { status, code, message, parameter? } }`). Known error classes map to their
 * status; anything else is a 500 whose details go to the server's log, not to the client (a stack
 * trace or SQL text in a response helps an attacker more than a user).
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ConflictError, InvalidParameterError, NotFoundError } from '../services/service-errors.ts';
import { StoreQueryError, VersionConflictError } from '../storage/store-errors.ts';
import { STATUS_CODES } from 'node:http';
import {
  CsrfTokenError,
  ForbiddenError,
  InvalidBodyError,
  MethodNotAllowedError,
  MisdirectedRequestError,
  PayloadTooLargeError,
  RouteNotFoundError,
  TooManyRequestsError,
  UnauthorizedError,
  UnsupportedMediaTypeError,
} from './api-errors.ts';
import { requestIdOf } from './request-id.ts';
import type { RouteTable } from './route-table.ts';

export const ERROR_CODES = [
  'invalid_parameter',
  'invalid_body',
  'unauthorized',
  'forbidden',
  'invalid_csrf_token',
  'not_found',
  'method_not_allowed',
  'misdirected_request',
  'conflict',
  'payload_too_large',
  'unsupported_media_type',
  'too_many_requests',
  'http_error',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** The media type of an error answer (RFC 9457 §3). */
export const PROBLEM_JSON = 'application/problem+json';

export interface ApiErrorBody {
  /** RFC 9457: `about:blank`, so `title` is the status's reason phrase; `error.code` says which problem. */
  type: 'about:blank';
  title: string;
  status: number;
  /** The same text as `error.message`. */
  detail: string;
  /** The request's path. */
  instance: string;
  error: {
    status: number;
    code: ErrorCode;
    message: string;
    parameter?: string;
    /** 409 only: the incident's current review version (decide against it after reading it). */
    current_version?: number;
    /** 413 only: the limit of the endpoint, and the body's declared size (null when sent in chunks). */
    limit_bytes?: number;
    body_bytes?: number | null;
  };
}

interface Mapped {
  status: ContentfulStatusCode;
  code: ErrorCode;
  parameter?: string;
  /** Fields added to the error object (413: limit_bytes, body_bytes). */
  details?: Pick<ApiErrorBody['error'], 'limit_bytes' | 'body_bytes' | 'current_version'>;
  headers?: Record<string, string>;
  /** Unexpected: log it and hide the message. */
  internal?: boolean;
}

/** The API parameter of a store argument (`filter.minKilled` → `min_killed`, `page.cursor` → `cursor`). */
function parameterOfStoreField(field: string): string {
  return field.replace(/^(?:filter|page)\./, '').replace(/[A-Z]/g, (ch) => `_${ch.toLowerCase()}`);
}

function mapError(err: unknown): Mapped {
  if (err instanceof InvalidParameterError) return { status: 400, code: 'invalid_parameter', parameter: err.parameter };
  if (err instanceof StoreQueryError) return { status: 400, code: 'invalid_parameter', parameter: parameterOfStoreField(err.field) };
  if (err instanceof InvalidBodyError) return { status: 400, code: 'invalid_body', ...(err.parameter ? { parameter: err.parameter } : {}) };
  // RFC 6750 §3: a 401 for a bearer-protected resource carries WWW-Authenticate.
  if (err instanceof UnauthorizedError) return { status: 401, code: 'unauthorized', headers: { 'WWW-Authenticate': 'Bearer realm="tally"' } };
  if (err instanceof ForbiddenError) return { status: 403, code: 'forbidden' };
  if (err instanceof CsrfTokenError) return { status: 403, code: 'invalid_csrf_token', parameter: 'X-CSRF-Token' };
  if (err instanceof NotFoundError || err instanceof RouteNotFoundError) return { status: 404, code: 'not_found' };
  if (err instanceof MethodNotAllowedError) return { status: 405, code: 'method_not_allowed', headers: { Allow: err.allowed.join(', ') } };
  if (err instanceof ConflictError) return { status: 409, code: 'conflict' };
  if (err instanceof MisdirectedRequestError) return { status: 421, code: 'misdirected_request', parameter: 'Host' };
  // RFC 9110 §15.5.10: the request conflicts with the resource's current state; ETag names it.
  if (err instanceof VersionConflictError) return { status: 409, code: 'conflict', details: { current_version: err.current }, headers: { ETag: `"${err.current}"` } };
  // RFC 6585 §4: a 429 may say how long to wait.
  if (err instanceof TooManyRequestsError) return { status: 429, code: 'too_many_requests', headers: { 'Retry-After': String(err.retryAfterSeconds) } };
  if (err instanceof PayloadTooLargeError) return { status: 413, code: 'payload_too_large', details: { limit_bytes: err.maxBytes, body_bytes: err.bodyBytes } };
  if (err instanceof UnsupportedMediaTypeError) return { status: 415, code: 'unsupported_media_type', parameter: 'Content-Type' };
  if (err instanceof HTTPException && err.status < 500) return { status: err.status as ContentfulStatusCode, code: 'http_error' };
  return { status: 500, code: 'internal', internal: true };
}

export type ErrorLogger = (err: unknown, where: string) => void;

/** The problem details body and status for `err`, raised by a request for `path`. */
export function errorBody(err: unknown, path: string): { body: ApiErrorBody; mapped: Mapped } {
  const mapped = mapError(err);
  const message = mapped.internal ? 'internal error; the server log has the details' : (err as Error).message;
  const body: ApiErrorBody = {
    type: 'about:blank',
    title: STATUS_CODES[mapped.status] ?? 'Error',
    status: mapped.status,
    detail: message,
    instance: path,
    error: { status: mapped.status, code: mapped.code, message, ...(mapped.parameter ? { parameter: mapped.parameter } : {}), ...mapped.details },
  };
  return { body, mapped };
}

function problemResponse(c: Context, err: unknown): { response: Response; mapped: Mapped } {
  const { body, mapped } = errorBody(err, c.req.path);
  return { response: c.body(JSON.stringify(body), mapped.status, { ...mapped.headers, 'Content-Type': PROBLEM_JSON }), mapped };
}

/**
 * Hono's `onError` handler for the app; `log` receives the unexpected errors, with the request's
 * id (X-Request-Id, ./request-id.ts) so the log line and the client's report meet.
 */
export function apiErrorHandler(log: ErrorLogger) {
  return (err: unknown, c: Context): Response => {
    const { response, mapped } = problemResponse(c, err);
    if (mapped.internal) log(err, `${c.req.method} ${c.req.path} (request ${requestIdOf(c)})`);
    return response;
  };
}

/**
 * Hono's `notFound`: 405 with `Allow` when the path is served under other methods (RFC 9110
 * §15.5.6), else 404 for a path no route serves.
 */
export function routeNotFound(routes: RouteTable) {
  return (c: Context): Response => {
    const allowed = routes.allowedMethods(c.req.path);
    const err = allowed.length
      ? new MethodNotAllowedError(c.req.method, c.req.path, allowed)
      : new RouteNotFoundError(c.req.method, c.req.path);
    return problemResponse(c, err).response;
  };
}
