/**
 * The calendar day of a date a page states (a meta tag, JSON-LD, a <time datetime>): isoDayOf's
 * reading, plus a check isoDayOf does not make on UTC offsets. Offsets in use run from −12:00 to
 * +14:00 (IANA tz database; RFC 3339 allows any two digits), so an offset of more than 14 hours,
 * or with more than 59 minutes, marks a broken value ("2024-03-03T10:00+25:00") that is refused
 * like any other, and the next source is tried.
 */
import { isoDayOf } from '../published-date.ts';

/** The offset at the end of a date-time: "T10:00:00+02:00" → sign "+", hours "02", minutes "00". */
const TRAILING_OFFSET = /[Tt ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?([+-])(\d{2})(?::?(\d{2}))?$/;

const MAX_OFFSET_MINUTES = 14 * 60;

/** The `YYYY-MM-DD` day of an ISO date or date-time with a plausible offset, or null. */
export function pageDayOf(value: string): string | null {
  const trimmed = value.trim();
  const day = isoDayOf(trimmed);
  if (day === null) return null;
  const offset = TRAILING_OFFSET.exec(trimmed);
  if (offset) {
    const hours = Number(offset[2]);
    const minutes = offset[3] === undefined ? 0 : Number(offset[3]);
    if (minutes > 59 || hours * 60 + minutes > MAX_OFFSET_MINUTES) return null;
  }
  return day;
}
