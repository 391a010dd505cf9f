/**
 * Reads publication dates given as ISO 8601 / RFC 3339 dates or date-times and keeps the calendar
 * day only (`YYYY-MM-DD`). The day is taken as written, NOT converted to UTC: "2019-11-06T23:30-05:00"
 * was published on the 6th where it was published, and relative dates in the text ("on Wednesday")
 * are reckoned from the publisher's own day.
 */

const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d{1,9})?)?(?:[Zz]|[+-]\d{2}(?::?\d{2})?)?)?$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * The `YYYY-MM-DD` day of an ISO date or date-time, or null when `value` is not one (a real
 * calendar day and a valid time are required: "2019-02-30" and "2019-11-06T25:00" are rejected).
 */
export function isoDayOf(value: string): string | null {
  const m = ISO_DATE_TIME.exec(value.trim());
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (year < 1 || month < 1 || month > 12 || day < 1) return null;
  const maxDay = month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1];
  if (day > maxDay) return null;
  if (m[4] !== undefined && (Number(m[4]) > 23 || Number(m[5]) > 59)) return null;
  if (m[6] !== undefined && Number(m[6]) > 60) return null; // 60: a leap second
  return `${m[1]}-${m[2]}-${m[3]}`;
}

/** What a valid publication date looks like, for error messages. */
export const PUBLISHED_EXPECTED =
  'an ISO date (YYYY-MM-DD) or date-time (YYYY-MM-DDTHH:MM:SS with optional Z or ±HH:MM)';
