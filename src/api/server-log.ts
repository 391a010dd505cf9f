/**
 * The server's log: JSON lines (pino) on standard output, one per request (./request-observer.ts)
 * and one per unexpected error, each with the request's id. Credentials never reach it: the
 * Authorization and Proxy-Authorization headers, cookies and the CSRF token are replaced by
 * `[redacted]` before a line is written.
 */
import { pino, type DestinationStream, type Logger } from 'pino';
import type { ErrorLogger } from './error-handler.ts';

export type ServerLog = Logger;

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Paths of a log entry holding secrets (request headers are logged lower-cased). */
export const REDACTED_PATHS = ['req.headers.authorization', 'req.headers["proxy-authorization"]', 'req.headers.cookie', 'req.headers["x-csrf-token"]'];

export function serverLog(o: { level?: LogLevel; destination?: DestinationStream } = {}): ServerLog {
  return pino(
    { level: o.level ?? 'info', redact: { paths: REDACTED_PATHS, censor: '[redacted]' }, timestamp: pino.stdTimeFunctions.isoTime },
    // Synchronous: a line is written before the next request is read, and none is lost on exit.
    o.destination ?? pino.destination({ fd: 1, sync: true }),
  );
}

/** The app's ErrorLogger over the server log: the error with its stack, and where it happened. */
export function logErrorsTo(log: ServerLog): ErrorLogger {
  return (err, where) => log.error({ err, where }, 'request failed');
}
