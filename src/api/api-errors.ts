/**
 * Errors only the HTTP layer raises: a request without credentials or without the permission it
 * needs, a Host the server does not answer to, a method a known path does not serve, a missing CSRF token, too many failed logins, a request body that cannot
 * be read as articles, a body too large or of a type the endpoint does not take. Like the service
 * errors (src/services/service-errors.ts) they carry what was wrong; ./error-handler.ts is the one
 * place that turns any of them into a status code and a JSON body.
 */

/** The request needs credentials: a login session (POST /api/v1/session) or `Authorization: Bearer <token>`. */
export class UnauthorizedError extends Error {
  override readonly name = 'UnauthorizedError';
  constructor(reason: string) {
    super(
      `${reason}; log in (POST /api/v1/session) or send the header "Authorization: Bearer <token>" with a user's token (tally token create) or the token the server was started with (tally serve --token, env TALLY_API_TOKEN)`,
    );
  }
}

/** The caller is known but its role does not hold the permission the request needs (403). */
export class ForbiddenError extends Error {
  override readonly name = 'ForbiddenError';
  constructor(
    readonly who: string,
    readonly permission: string,
    heldBy: readonly string[],
  ) {
    super(`${who} may not ${permission}; the ${permission} permission is held by the roles ${heldBy.join(', ')}`);
  }
}

/** A state-changing request authenticated by the session cookie came without its session's CSRF token (403). */
export class CsrfTokenError extends Error {
  override readonly name = 'CsrfTokenError';
  constructor(reason: string) {
    super(`${reason}; a request that changes state and is authenticated by the session cookie must send the session's CSRF token (given at login and by GET /api/v1/session) in the X-CSRF-Token header`);
  }
}

/** Too many failed logins for an account or from an address (429, with Retry-After). */
export class TooManyRequestsError extends Error {
  override readonly name = 'TooManyRequestsError';
  constructor(
    readonly retryAfterSeconds: number,
    what: string,
  ) {
    super(`too many failed logins ${what}; try again in ${retryAfterSeconds} seconds`);
  }
}

/**
 * The request names a host this server does not answer to (421 Misdirected Request, RFC 9110
 * §15.5.20): the DNS-rebinding defence of ./host-check.ts.
 */
export class MisdirectedRequestError extends Error {
  override readonly name = 'MisdirectedRequestError';
  constructor(
    /** The Host header as sent (or the request target's host). */
    readonly host: string,
    allowed: readonly string[],
  ) {
    super(
      `this server does not answer to the Host ${JSON.stringify(host)}; it answers to ${allowed.join(', ')} (its operator can name others with tally serve --allowed-hosts)`,
    );
  }
}

/** The request body is not what the endpoint reads (bad JSON, wrong shape, no valid article). */
export class InvalidBodyError extends Error {
  override readonly name = 'InvalidBodyError';
  constructor(
    message: string,
    /** The article field at fault (`text`, `published`), else the part of the body (`body[2]`, `body:3`). */
    readonly parameter?: string,
  ) {
    super(message);
  }
}

/**
 * The request body is over the endpoint's limit. `bodyBytes` is the size the client declared
 * (Content-Length); null for a body sent in chunks, which the server stops reading once it passes
 * the limit, so all that is known is that it was larger.
 */
export class PayloadTooLargeError extends Error {
  override readonly name = 'PayloadTooLargeError';
  constructor(
    /** Whose limit it is, e.g. `POST /api/v1/documents`. */
    readonly limitOf: string,
    readonly maxBytes: number,
    readonly bodyBytes: number | null,
  ) {
    const size = bodyBytes === null ? `more than ${maxBytes} bytes (sent in chunks; reading stopped at the limit)` : `${bodyBytes} bytes`;
    super(`request body is ${size}, over the limit of ${maxBytes} bytes for ${limitOf}; send the articles in smaller batches`);
  }
}

export class UnsupportedMediaTypeError extends Error {
  override readonly name = 'UnsupportedMediaTypeError';
  constructor(
    readonly contentType: string,
    accepted: readonly string[],
  ) {
    super(`Content-Type ${JSON.stringify(contentType)} is not accepted; expected one of ${accepted.join(', ')}`);
  }
}

/** A known path asked with a method it does not serve (405, with `Allow`: RFC 9110 §15.5.6). */
export class MethodNotAllowedError extends Error {
  override readonly name = 'MethodNotAllowedError';
  constructor(
    method: string,
    path: string,
    readonly allowed: readonly string[],
  ) {
    super(`${path} does not take ${method}; it takes ${allowed.join(', ')}`);
  }
}

/** No route serves the path under any method (404). */
export class RouteNotFoundError extends Error {
  override readonly name = 'RouteNotFoundError';
  constructor(method: string, path: string) {
    super(`no endpoint ${method} ${path}; the endpoints are listed in /api/v1/openapi.json`);
  }
}
