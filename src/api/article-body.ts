/**
 * Reads the body of POST /documents into the ingest stage's input items: one article object, a
 * JSON array of them, or JSON Lines (`application/x-ndjson`), each checked by the same
 * `parseArticle` as the command line's reader so the rules and messages are the same. A bad
 * article in a batch is an error item (reported as rejected, the rest lands), as `tally ingest`
 * does; a body that cannot be read at all, or holds no valid article, is an InvalidBodyError.
 */
import type { InputItem } from '../pipeline/ingest/read-inputs.ts';
import { InputError } from '../pipeline/ingest/input-error.ts';
import { parseArticle } from '../pipeline/ingest/parse-article.ts';
import { InvalidBodyError, UnsupportedMediaTypeError } from './api-errors.ts';

export const JSON_MEDIA_TYPES = ['application/json'] as const;
export const JSON_LINES_MEDIA_TYPES = ['application/x-ndjson', 'application/jsonl', 'application/x-jsonlines'] as const;
const ACCEPTED = [...JSON_MEDIA_TYPES, ...JSON_LINES_MEDIA_TYPES];

function mediaType(contentType: string | undefined): string {
  return (contentType ?? 'application/json').split(';')[0].trim().toLowerCase();
}

function articleItem(x: unknown, where: string): InputItem {
  try {
    return { kind: 'article', article: parseArticle(x, where), source: where };
  } catch (e) {
    if (e instanceof InputError) return { kind: 'error', error: e };
    throw e;
  }
}

function jsonItems(text: string): InputItem[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new InvalidBodyError(`body is not JSON (${(e as Error).message}); expected an article object, an array of them, or JSON Lines with Content-Type application/x-ndjson`);
  }
  if (Array.isArray(value)) {
    if (value.length === 0) throw new InvalidBodyError('body is an empty array; expected at least one article object');
    return value.map((x, i) => articleItem(x, `body[${i}]`));
  }
  if (typeof value === 'object' && value !== null) return [articleItem(value, 'body')];
  throw new InvalidBodyError(`body is JSON ${value === null ? 'null' : typeof value}; expected an article object ({"id": ..., "text": ...}) or an array of them`);
}

function jsonLinesItems(text: string): InputItem[] {
  const items: InputItem[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    const where = `body:${i + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      items.push({ kind: 'error', error: new InputError(where, null, `not valid JSON (${(e as Error).message}); expected one article object per line`) });
      return;
    }
    items.push(articleItem(value, where));
  });
  if (items.length === 0) throw new InvalidBodyError('body has no lines; expected one article object per line');
  return items;
}

/**
 * The input items of a request body. Throws InvalidBodyError when nothing in it is a valid
 * article (the message names the first problems), UnsupportedMediaTypeError for other types.
 */
export function articleItemsOf(text: string, contentType: string | undefined): InputItem[] {
  const type = mediaType(contentType);
  let items: InputItem[];
  if ((JSON_MEDIA_TYPES as readonly string[]).includes(type)) items = jsonItems(text);
  else if ((JSON_LINES_MEDIA_TYPES as readonly string[]).includes(type)) items = jsonLinesItems(text);
  else throw new UnsupportedMediaTypeError(type, ACCEPTED);
  const errors = items.flatMap((item) => (item.kind === 'error' ? [item.error] : []));
  if (errors.length === items.length) {
    const shown = errors.slice(0, 3).map((e) => e.message);
    const more = errors.length > 3 ? ` (and ${errors.length - 3} more)` : '';
    const first = errors[0];
    throw new InvalidBodyError(`no valid article in the body: ${shown.join('; ')}${more}`, first.field ?? first.source);
  }
  return items;
}
