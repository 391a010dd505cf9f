/**
 * Reads publication dates given as ISO 8601 / RFC 3339 dates or date-times and keeps the calendar
 * day only (`YYYY-MM-DD`). The day is taken as written, NOT converted to UTC: "2019-11-06T23:30-05:00"
 * was published on the 6th where it was published, and relative dates in the text ("on Wednesday")
 * are reckoned from the publisher's own day.
 *
 * A UTC offset is still checked, though it does not move the day: "+25:00" is no time zone, and a
 * date-time carrying one is garbled, so its day cannot be trusted either. Offsets in use run from
 * -12:00 to +14:00 (the Line Islands); RFC 3339's time-numoffset allows minutes 00-59 only.
 */

const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d{1,9})?)?(?:[Zz]|[+-](\d{2})(?::?(\d{2}))?)?)?$/;

/** The largest UTC offset in use, in minutes (UTC+14:00, Kiribati's Line Islands). */
const MAX_OFFSET_MINUTES = 14 * 60;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * The `YYYY-MM-DD` day of an ISO date or date-time, or null when `value` is not one (a real
 * calendar day, a valid time and a UTC offset in use are required: "2019-02-30", "2019-11-06T25:00"
 * and "2019-11-06T10:00+25:00" are rejected).
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
  if (m[7] !== undefined) {
    const offsetMinutes = m[8] === undefined ? 0 : Number(m[8]);
    if (offsetMinutes > 59 || Number(m[7]) * 60 + offsetMinutes > MAX_OFFSET_MINUTES) return null;
  }
  return `${m[1]}-${m[2]}-${m[3]}`;
}

/** What a valid publication date looks like, for error messages. */
export const PUBLISHED_EXPECTED =
  'an ISO date (YYYY-MM-DD) or date-time (YYYY-MM-DDTHH:MM:SS with optional Z or ±HH:MM between -14:00 and +14:00)';
