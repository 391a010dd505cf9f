/**
 * The one error type of the ingest stage: something wrong with a user's input (a file, a line of a
 * JSON Lines file, a field of an article). It carries where (`source`, e.g. `articles.jsonl:12`),
 * which field when one is to blame, and a message that says what was wrong and what would be valid.
 * Readers report these as items rather than throwing, so one bad line never stops a batch.
 */

export class InputError extends Error {
  override readonly name = 'InputError';
  /** Where the problem is: a path, `path:line`, or a command-line option such as `--published`. */
  readonly source: string;
  /** The article field at fault (`id`, `text`, `published`, …), or null when the whole item is. */
  readonly field: string | null;
  /** The message without the leading `source: `. */
  readonly detail: string;

  constructor(source: string, field: string | null, detail: string) {
    super(`${source}: ${detail}`);
    this.source = source;
    this.field = field;
    this.detail = detail;
  }
}

/** A short, safe rendering of an unexpected value for an error message. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'string') {
    const shown = value.length > 60 ? `${value.slice(0, 57)}...` : value;
    return `string ${JSON.stringify(shown)}`;
  }
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}
