/**
 * Errors a use case raises when the caller asked for something that cannot be answered: a
 * parameter outside what is valid, or an id the store does not hold. They carry the parameter or
 * the id so the one place that maps errors to responses (src/api/error-handler.ts, or a CLI) can
 * name it; the message itself already says what was wrong and what would be valid.
 */

/** A request parameter has a value the use case cannot work with. */
export class InvalidParameterError extends Error {
  override readonly name = 'InvalidParameterError';
  constructor(
    /** The parameter's name as the caller wrote it (`bbox`, `cursor`, `format`, …). */
    readonly parameter: string,
    /** The value received, as received (undefined when the parameter was missing). */
    readonly value: unknown,
    /** What would have been valid, e.g. "expected a date YYYY-MM-DD". */
    readonly expected: string,
    /** What was wrong, when more can be said than "VALUE is not valid" (e.g. `"1,2,3" has 3 values`). */
    problem?: string,
  ) {
    super(`${parameter}: ${problem ?? (value === undefined ? 'missing' : `${shownValue(value)} is not valid`)}; ${expected}`);
  }
}

/** The id names nothing the store holds. */
export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
  constructor(
    /** What was looked up: `incident`, `document`, `boundaries`. */
    readonly kind: string,
    readonly id: string,
    hint = '',
  ) {
    super(`no ${kind} with id ${JSON.stringify(id)}${hint ? `; ${hint}` : ''}`);
  }
}

/** A short, safe rendering of a parameter value for a message (long values are cut). */
export function shownValue(value: unknown): string {
  if (value === undefined) return 'a missing value';
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
  if (Array.isArray(value)) return `${value.length} values (${value.map((v) => shownValue(v)).join(', ')})`;
  return JSON.stringify(value) ?? String(value);
}

/** The thing to create exists already (a user name taken). */
export class ConflictError extends Error {
  override readonly name = 'ConflictError';
  constructor(
    readonly kind: string,
    readonly id: string,
  ) {
    super(`a ${kind} named ${JSON.stringify(id)} already exists; choose another name`);
  }
}
