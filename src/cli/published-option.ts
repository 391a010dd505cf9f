/** Validates the --published option once, at the boundary, with the one publication-date reader. */
import { InputError } from '../pipeline/ingest/input-error.ts';
import { PUBLISHED_EXPECTED, isoDayOf } from '../pipeline/ingest/published-date.ts';

export function parsePublished(value: string): string {
  const day = isoDayOf(value);
  if (!day) throw new InputError('--published', 'published', `'${value}' is not a date; expected ${PUBLISHED_EXPECTED}`);
  return day;
}
