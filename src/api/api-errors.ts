/**
 * Errors only the HTTP layer raises: a write without the right token, a request body that cannot
 * be read as articles, a body too large or of a type the endpoint does not take. Like the service
 * errors (src/services/service-errors.ts) they carry what was wrong; ./error-handler.ts is the one
 * place that turns any of them into a status code and a JSON body.
 */

/** The request needs `Authorization: Bearer <token>` with the token the server was started with. */
export class UnauthorizedError extends Error {
  override readonly name = 'UnauthorizedError';
  constructor(reason: string) {
    super(`${reason}; send the header "Authorization: Bearer <token>" with the token the server was started with (tally serve --token, env TALLY_API_TOKEN)`);
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
