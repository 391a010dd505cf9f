/** Validates the --published option once, at the boundary. */
import { InputError } from '../pipeline/ingest/input-error.ts';

export function parsePublished(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(value.trim());
  if (!m || Number.isNaN(Date.parse(`${m[1]}-${m[2]}-${m[3]}T00:00:00Z`))) {
    throw new InputError('--published', 'published', `'${value}' is not a date; expected YYYY-MM-DD or an ISO date-time`);
  }
  return `${m[1]}-${m[2]}-${m[3]}`;
}
