/**
 * Parses one untrusted input record (a decoded JSON value) into a typed `Article`, at the boundary,
 * once (the input contract is in ../shared/docs/export-format.md: id and text required strings,
 * published an ISO date or date-time or null, url/outlet/title/language optional strings or null).
 * Every rejection is an `InputError` naming the place, the field, the bad value and what would be
 * valid. Unknown extra fields are ignored: the contract allows adding fields.
 *
 * Every string field is made well-formed Unicode first: JSON may spell lone UTF-16 surrogates
 * ("\ud800"), which no UTF-8 store can hold (SQLite would keep invalid UTF-8 that other clients
 * cannot read, PostgreSQL would put U+FFFD), so they become U+FFFD here, once, and every store holds
 * the same text. Replaced surrogates then count with the other U+FFFD in the junk check.
 */
import type { Article } from '../../domain/types.ts';
import { InputError, describeValue } from './input-error.ts';
import { PUBLISHED_EXPECTED, isoDayOf } from './published-date.ts';
import { describeJunk } from './text-junk.ts';

const OPTIONAL_STRING_FIELDS = ['url', 'outlet', 'title', 'language'] as const;

/**
 * `value` with every lone surrogate replaced by U+FFFD (`String.prototype.toWellFormed`, ES2024,
 * in Node 20; typed here because the project's lib is ES2022).
 */
export function wellFormed(value: string): string {
  return (value as string & { toWellFormed(): string }).toWellFormed();
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/**
 * Checks an article body and returns it unchanged. Exported for readers that build articles from
 * other sources (`.txt` files) so every body passes the same checks.
 */
export function checkArticleText(text: string, where: string, field = 'text'): string {
  if (text.trim() === '') {
    throw new InputError(where, field, `"${field}" is empty; expected the article body as plain text`);
  }
  const junk = describeJunk(text);
  if (junk !== null) throw new InputError(where, field, `"${field}" ${junk}`);
  return text;
}

/**
 * A publication date field: an ISO date or date-time kept as its `YYYY-MM-DD` day, or null.
 * An empty string is read as null (scrapers write "" for "unknown").
 */
export function parsePublishedField(value: unknown, where: string, field = 'published'): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') {
    throw new InputError(where, field, `"${field}" must be ${PUBLISHED_EXPECTED} or null, got ${describeValue(value)}`);
  }
  if (value.trim() === '') return null;
  const day = isoDayOf(value);
  if (day === null) {
    throw new InputError(where, field, `"${field}" must be ${PUBLISHED_EXPECTED} or null, got ${describeValue(value)}`);
  }
  return day;
}

/** Validates one input record; `where` names it in errors (e.g. `articles.jsonl:12`). */
export function parseArticle(x: unknown, where: string): Article {
  if (!isRecord(x)) {
    throw new InputError(where, null, `expected a JSON object with "id" and "text", got ${describeValue(x)}`);
  }
  const id = typeof x.id === 'string' ? wellFormed(x.id) : x.id;
  if (id === undefined || id === null) {
    throw new InputError(where, 'id', 'missing "id"; expected a non-empty string (a stable document id)');
  }
  if (typeof id !== 'string' || id.trim() === '') {
    const hint = typeof id === 'number' ? ' (write numeric ids as strings)' : '';
    throw new InputError(where, 'id', `"id" must be a non-empty string, got ${describeValue(id)}${hint}`);
  }
  const text = typeof x.text === 'string' ? wellFormed(x.text) : x.text;
  if (text === undefined || text === null) {
    throw new InputError(where, 'text', `missing "text" in document ${JSON.stringify(id)}; expected the article body as a string`);
  }
  if (typeof text !== 'string') {
    throw new InputError(where, 'text', `"text" must be a string (the article body), got ${describeValue(text)}`);
  }
  checkArticleText(text, where);

  const article: Article = {
    id,
    text,
    published: parsePublishedField(x.published, where),
    url: null,
    outlet: null,
    title: null,
    language: null,
  };
  for (const field of OPTIONAL_STRING_FIELDS) {
    const value = x[field];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string') {
      throw new InputError(where, field, `"${field}" must be a string or null, got ${describeValue(value)}`);
    }
    article[field] = value.trim() === '' ? null : wellFormed(value);
  }
  return article;
}
