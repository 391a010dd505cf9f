/**
 * Reads the dateline that opens many wire and newspaper stories: the place, the day, sometimes the
 * agency, then a dash — "ARDENVALE, March 3 (Valley Wire) —", "Port Merrow, 3 March 2024 —". It
 * is the page's last own word on the publication day, used when no metadata gives one. A dateline
 * without a year names a day, not a date: the year is taken from a later date the page states (its
 * last-modified day), choosing the latest such day not after it; without one the dateline is not
 * used. English month names only (the pages this reads are English; others are untested).
 */
import { isoDayOf } from '../published-date.ts';

/** English month names and the abbreviations newsrooms use (AP style: Jan., Feb., Aug., Sept., …). */
const MONTHS: Record<string, number> = {
  january: 1, jan: 1, february: 2, feb: 2, march: 3, mar: 3, april: 4, apr: 4, may: 5,
  june: 6, jun: 6, july: 7, jul: 7, august: 8, aug: 8, september: 9, sept: 9, sep: 9,
  october: 10, oct: 10, november: 11, nov: 11, december: 12, dec: 12,
};

const MONTH = '(?<month>January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\\.?';
/**
 * A place: up to five capitalised words, lower-case particles allowed between them ("PORT MERROW",
 * "Newcastle upon Tyne", "Tell al-Kassar"), optionally ", Region". Requiring capitals keeps a
 * sentence ("The clashes began on Sunday, March 3 — …") from reading as a dateline.
 */
const CAPITALISED = "\\p{Lu}[\\p{L}\\p{M}'’.\\-]*";
const PARTICLE = "(?:al|an|am|da|de|del|der|di|du|el|en|la|le|of|on|sur|the|upon)(?:-[\\p{L}\\p{M}'’.\\-]+)?";
const WORDS = `${CAPITALISED}(?: (?:${CAPITALISED}|${PARTICLE})){0,4}`;
const PLACE = `(?<place>${WORDS}(?:, ${WORDS})?)`;
const AGENCY = '(?: ?\\((?<agency>[^()]{1,60})\\))?';
const DASH = ' ?(?:—|–|--|-)';

export interface DatelineRule {
  id: string;
  pattern: RegExp;
  example: string;
}

/** The dateline shapes read, each with an example its test checks. */
export const DATELINE_RULES: readonly DatelineRule[] = [
  {
    id: 'dateline-month-day',
    pattern: new RegExp(`^${PLACE}, ${MONTH} (?<day>\\d{1,2})(?:, (?<year>\\d{4}))?${AGENCY}${DASH}`, 'u'),
    example: 'ARDENVALE, March 3 (Valley Wire) — Two people were hurt.',
  },
  {
    id: 'dateline-day-month',
    pattern: new RegExp(`^${PLACE}, (?<day>\\d{1,2}) ${MONTH}(?: (?<year>\\d{4}))?${AGENCY}${DASH}`, 'u'),
    example: 'Port Merrow, 3 March 2024 — A fire broke out.',
  },
];

/** What a dateline says: month and day, and the year when it gives one. */
export interface Dateline {
  rule: string;
  /** The dateline as written, up to and including the dash. */
  text: string;
  place: string;
  year: number | null;
  month: number;
  day: number;
}

/** The dateline at the very start of `paragraph`, or null. */
export function datelineOf(paragraph: string): Dateline | null {
  for (const rule of DATELINE_RULES) {
    const m = rule.pattern.exec(paragraph);
    if (!m?.groups) continue;
    return {
      rule: rule.id,
      text: m[0],
      place: m.groups.place,
      year: m.groups.year === undefined ? null : Number(m.groups.year),
      month: MONTHS[m.groups.month.toLowerCase()],
      day: Number(m.groups.day),
    };
  }
  return null;
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');


/**
 * The `YYYY-MM-DD` day a dateline names, or null. Without a year it takes the latest year in which
 * the day falls on or before `notAfter` (a `YYYY-MM-DD` day the page was modified): "December 30"
 * on a page modified 2024-01-02 was 2023-12-30. Null when no year can be had or the day is not real.
 */
export function dayOfDateline(dateline: Dateline, notAfter: string | null): string | null {
  let year = dateline.year;
  if (year === null) {
    if (notAfter === null) return null;
    year = Number(notAfter.slice(0, 4));
    const monthDay = `${pad(dateline.month, 2)}-${pad(dateline.day, 2)}`;
    if (monthDay > notAfter.slice(5)) year -= 1;
  }
  // isoDayOf checks the calendar: "February 30", or February 29 of a year that had none, is no day.
  return isoDayOf(`${pad(year, 4)}-${pad(dateline.month, 2)}-${pad(dateline.day, 2)}`);
}
