/**
 * Finds date expressions in news text and resolves them to ISO days or day ranges against the
 * article's publication date: "on Wednesday", "yesterday", "last weekend", "November 6",
 * "6 November 2019", "in the first half of November", "since the second of this month",
 * "over the past 48 hours", "between the end of April and the end of August", "since 2011".
 * Each rule is data with a stable id, an example and the range the example resolves to (the tests
 * check every example), so a date on an incident can always be traced to the rule and the words.
 *
 * Own rules rather than chrono-node: chrono picks the wrong week with `forwardDate`, invents a noon
 * time, knows no "last weekend"/"since the second of this month"/"the first half of November",
 * and is several times slower than a handful of anchored regexes; we need all of these.
 *
 * Decisions (news style: reports describe the past):
 * - A weekday is the most recent such day on or before publication (an article published on a
 *   Wednesday saying "on Wednesday" means that day); "last Wednesday" is strictly before.
 * - "today", "this morning", "tonight" → the publication day; "yesterday", "last night" and a bare
 *   "overnight" → the day before (a morning paper's "overnight" is the previous night's events).
 * - "last weekend", "over the weekend" → Saturday-Sunday of the most recent weekend on or before
 *   publication; "last weekend" in an article published on a Saturday or Sunday is the one before.
 * - A month and day without a year take the year that puts them on or before publication (a
 *   December date in a January article is last year); a month alone likewise. Up to
 *   FUTURE_TOLERANCE_DAYS after publication the current year is kept: pages are updated after the
 *   date they carry ("Update 29 April" on a page published on 28 April).
 * - "tomorrow" and "next Friday" resolve forwards (they name plans, not events, but must not be
 *   mistaken for the past); "tomorrow, Saturday" is one expression.
 * - Numeric dates are read day first (06/11/2019 = 6 November): the outlets in scope (AFP, Reuters,
 *   Anadolu, SOHR, SANA, UN) write day first, and US outlets write "Nov. 6". A first part above 12
 *   forces day first; a second part above 12 falls back to month first.
 * - Spans that would reach past publication ("in November" in a 20 November article, "this week")
 *   end on the publication day: nothing reported can have happened later.
 * - "in 48 hours" counts back from publication only when no future marker ("will", "next", "to")
 *   precedes it; it states a duration, so callers should prefer any other date in the sentence.
 * - Publication dates may be date-times; the date part is used as is (the outlet's local day).
 * - Without a publication date, relative expressions and yearless dates resolve to a null range.
 * - Rules in BACKGROUND_DATE_RULES ("in 2011", "since 2011", "last year") name periods of a year or
 *   more: callers treat figures dated by them as background.
 *
 * All arithmetic is on UTC day numbers; nothing reads the clock.
 */
import { MS_PER_DAY, addDays, dayNumber } from '../../domain/days.ts';
import {
  DAY_PARTS,
  MONTHS,
  MONTH_PARTS,
  ORDINAL_DAY_WORDS,
  WEEKDAYS,
  YEAR_PARTS,
} from './lexicons/date-words.ts';
import { CARDINAL_WORDS_PATTERN, parseQuantity } from './numbers.ts';

export type DayPrecision = 'day' | 'range';

export interface DayRange {
  start: string;
  end: string;
  precision: DayPrecision;
}

export interface DateMention {
  start: number;
  end: number;
  text: string;
  /** Id of the rule in DATE_RULES that recognised the expression. */
  rule: string;
  /** null when the expression cannot be resolved (e.g. a weekday without a publication date). */
  range: DayRange | null;
}

/** A publication date that is not an ISO date or date-time. */
export class DateInputError extends Error {
  override readonly name = 'DateInputError';
  constructor(
    readonly input: string,
    readonly reason: string,
  ) {
    super(`published date ${JSON.stringify(input)}: ${reason}; expected YYYY-MM-DD or an ISO date-time`);
  }
}

// ---------------------------------------------------------------------------------------------
// Day arithmetic on ISO dates (UTC)

/** "2019-11-06" from year, month (1-12), day, or null when no such day exists. */
export function isoDate(year: number, month: number, day: number): string | null {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return null;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function parts(iso: string): { year: number; month: number; day: number } {
  return { year: Number(iso.slice(0, 4)), month: Number(iso.slice(5, 7)), day: Number(iso.slice(8, 10)) };
}

export { addDays };

/** Same day `months` months later (negative: earlier), clamped to the month's length. */
export function addMonths(iso: string, months: number): string {
  const { year, month, day } = parts(iso);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return isoDate(y, m, Math.min(day, daysInMonth(y, m))) as string;
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(iso: string): number {
  return new Date(dayNumber(iso) * MS_PER_DAY).getUTCDay();
}

/** The earliest day with that weekday strictly after `published`. */
export function nextWeekday(published: string, weekday: number): string {
  return addDays(published, (weekday - weekdayOf(published) + 7) % 7 || 7);
}

/** The latest day with that weekday on or before `published` (strictly before when `strict`). */
export function mostRecentWeekday(published: string, weekday: number, strict = false): string {
  let back = (weekdayOf(published) - weekday + 7) % 7;
  if (strict && back === 0) back = 7;
  return addDays(published, -back);
}

/** How far after publication a yearless date may fall and still be read in the current year. */
export const FUTURE_TOLERANCE_DAYS = 7;

/**
 * The ISO day for a month and day. With a year: that day. Without: the year that puts it on or
 * before `published` (allowing FUTURE_TOLERANCE_DAYS after it), or null when there is no
 * publication date. Undefined when no such day exists.
 */
export function resolveMonthDay(
  month: number,
  day: number,
  year: number | null,
  published: string | null,
): string | null | undefined {
  if (year !== null) return isoDate(year, month, day) ?? undefined;
  if (published === null) return null;
  const pubYear = parts(published).year;
  const thisYear = isoDate(pubYear, month, day);
  if (thisYear !== null && thisYear <= addDays(published, FUTURE_TOLERANCE_DAYS)) return thisYear;
  // 29 February falls back to the last leap year.
  for (let y = pubYear - 1; y >= pubYear - 4; y--) {
    const iso = isoDate(y, month, day);
    if (iso !== null) return iso;
  }
  return undefined;
}

/** The year of the latest month `month` that began on or before `published`. */
function yearOfMonth(month: number, published: string): number {
  const p = parts(published);
  return month <= p.month ? p.year : p.year - 1;
}

/**
 * The publication date as an ISO day, or null when unknown. Date-times keep their date part.
 * @throws DateInputError when the value is neither.
 */
export function normalisePublished(published: string | null): string | null {
  if (published === null) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$/.exec(published.trim());
  if (!m) throw new DateInputError(published, 'not an ISO date');
  const iso = isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  if (iso === null) throw new DateInputError(published, `day ${m[3]} of month ${m[2]} does not exist`);
  return iso;
}

// ---------------------------------------------------------------------------------------------
// Pattern pieces (regex sources; every rule is compiled case-insensitive)

const alt = (words: readonly string[]): string =>
  [...words].sort((a, b) => b.length - a.length).map((w) => w.replace(/[- ]/g, '[-\\s]+')).join('|');

const MONTH_ALT = `(?:${alt(MONTHS.map((m) => m.name))}|(?:${alt(MONTHS.flatMap((m) => m.abbreviations))})\\b\\.?)`;
const WEEKDAY_ALT = `(?:${alt(WEEKDAYS.map((w) => w.name))})\\b`;
const DAY_PART_ALT = `(?:${alt(DAY_PARTS)})\\b`;
const ORDINAL_ALT = `(?:${alt(Object.keys(ORDINAL_DAY_WORDS))})\\b`;
const MONTH_PART_ALT = `(?:${alt(MONTH_PARTS.map((p) => p.phrase))})`;
const YEAR_PART_ALT = `(?:${alt(YEAR_PARTS.map((p) => p.phrase))})`;
const COUNT = `(?:\\d{1,3}|an?|(?:a\\s+)?few|several|(?:a\\s+)?couple(?:\\s+of)?|${CARDINAL_WORDS_PATTERN})`;

const month = (name: string) => `(?<${name}>${MONTH_ALT})`;
const day = (name: string) => `(?<![\\d.,])(?<${name}>3[01]|[12]\\d|0?[1-9])(?:st|nd|rd|th)?\\b`;
const year = (name: string) => `(?<${name}>(?:19|20)\\d{2})(?!\\d|[.,-]\\d)`;
const weekday = (name: string) => `(?<${name}>${WEEKDAY_ALT})`;
const ordinal = (name: string) => `(?<${name}>${ORDINAL_ALT})`;
/** "Wednesday, " before an explicit date: optional, and ignored when resolving (the date rules). */
const WEEKDAY_PREFIX = `(?:(?:on\\s+)?${WEEKDAY_ALT},?\\s+)?`;
const REL_MONTH = `(?:this|the\\s+current|the|last|the\\s+previous)\\s+month\\b`;
const REL_YEAR = `(?:this|the\\s+current|the|last|the\\s+previous)\\s+year\\b`;

// ---------------------------------------------------------------------------------------------
// Rules

interface Span {
  start: string;
  end: string;
}
type Groups = Record<string, string | undefined>;
/** The words matched but are not a date after all ("12 may be"): drop the candidate. */
const NOT_A_DATE = Symbol('not a date');
type Resolution = Span | null | typeof NOT_A_DATE;

export interface DateRule {
  id: string;
  /** A phrase this rule recognises in full… */
  example: string;
  /** …read against this publication date… */
  examplePublished: string | null;
  /** …resolves to this inclusive range (null: cannot be resolved). */
  exampleRange: readonly [string, string] | null;
  /** Regex source with named groups, compiled with flags `gi` and word boundaries around it. */
  source: string;
  /** May stand for a point in time inside "since …", "between … and …", "from … to …". */
  point: boolean;
  /** Only inside those composites: a bare "November" or "2011" is not a date mention by itself. */
  pointOnly?: boolean;
  resolve(groups: Groups, published: string | null): Resolution;
  /** Rejects a match from its surroundings (the whole text and the match's start offset). */
  reject?(text: string, start: number): boolean;
}

function monthNumber(word: string | undefined): number | null {
  if (word === undefined) return null;
  const lower = word.toLowerCase().replace(/\.$/, '');
  const m = MONTHS.find((x) => x.name === lower || x.abbreviations.includes(lower));
  if (m === undefined) return null;
  // "may"/"march" are months only when capitalised.
  if (m.capitalOnly && word[0] !== word[0].toUpperCase()) return null;
  return m.index;
}

function weekdayNumber(word: string | undefined): number | null {
  if (word === undefined) return null;
  return WEEKDAYS.find((w) => w.name === word.toLowerCase())?.index ?? null;
}

const num = (s: string | undefined): number | null => (s === undefined ? null : Number(s));
const squash = (s: string): string => s.toLowerCase().replace(/[-\s]+/g, ' ').trim();

function ordinalNumber(word: string | undefined): number | null {
  if (word === undefined) return null;
  return ORDINAL_DAY_WORDS[squash(word).replace(/ /g, '-')] ?? null;
}

/** Count words in durations ("two", "48", "a few") → the largest number they allow. */
function countValue(s: string | undefined): { min: number; max: number } {
  if (s === undefined) return { min: 1, max: 1 };
  const phrase = squash(s).replace(/^(few|couple)/, 'a $1');
  const q = parseQuantity(phrase);
  return q === null ? { min: 1, max: 1 } : { min: q.min, max: q.max };
}

function oneDay(iso: string | null | undefined): Resolution {
  if (iso === undefined) return NOT_A_DATE;
  return iso === null ? null : { start: iso, end: iso };
}

function relative(published: string | null, days: number): Resolution {
  return published === null ? null : oneDay(addDays(published, days));
}

function monthSpan(y: number, m: number): Span {
  return { start: isoDate(y, m, 1) as string, end: isoDate(y, m, daysInMonth(y, m)) as string };
}

/** A named month (with or without a year) or "this/last month" → [year, month], null if unknown. */
function resolveMonth(
  monthWord: string | undefined,
  yearWord: string | undefined,
  rel: string | undefined,
  published: string | null,
): [number, number] | null | typeof NOT_A_DATE {
  if (rel !== undefined) {
    if (published === null) return null;
    const target = /^(?:last|the previous)/.test(squash(rel)) ? addMonths(published, -1) : published;
    const p = parts(target);
    return [p.year, p.month];
  }
  const m = monthNumber(monthWord);
  if (m === null) return NOT_A_DATE;
  const y = num(yearWord);
  if (y !== null) return [y, m];
  return published === null ? null : [yearOfMonth(m, published), m];
}

function resolveYear(yearWord: string | undefined, rel: string | undefined, published: string | null): number | null {
  if (yearWord !== undefined) return Number(yearWord);
  if (published === null) return null;
  const y = parts(published).year;
  return rel !== undefined && /^(?:last|the previous)/.test(squash(rel)) ? y - 1 : y;
}

function durationBack(published: string | null, n: number, unit: string): Resolution {
  if (published === null) return null;
  const u = unit.toLowerCase().replace(/s$/, '');
  let start: string;
  if (u === 'hour') start = addDays(published, -Math.ceil(n / 24));
  else if (u === 'day') start = addDays(published, -n);
  else if (u === 'week') start = addDays(published, -7 * n);
  else if (u === 'month') start = addMonths(published, -n);
  else start = addMonths(published, -12 * n);
  return { start, end: published };
}

const FUTURE_MARKER = /\b(?:will|would|shall|(?:going|expected|plans?|due)\s+to|next|coming)\s+(?:\w+\s+){0,3}$/i;

/** Explicit dates first (they are the most specific), then relative days, spans, years. */
export const DATE_RULES: readonly DateRule[] = [
  {
    id: 'iso-date',
    example: '2019-11-06',
    examplePublished: null,
    exampleRange: ['2019-11-06', '2019-11-06'],
    source: `(?<y>\\d{4})-(?<m>\\d{2})-(?<d>\\d{2})`,
    point: true,
    resolve: (g) => oneDay(isoDate(Number(g.y), Number(g.m), Number(g.d)) ?? undefined),
  },
  {
    id: 'numeric-date',
    example: '06/11/2019',
    examplePublished: null,
    exampleRange: ['2019-11-06', '2019-11-06'],
    source: `(?<![\\d/.])(?<a>\\d{1,2})[/.](?<b>\\d{1,2})[/.](?<y>\\d{4}|\\d{2})(?![\\d/]|\\.\\d)`,
    point: true,
    resolve: (g) => {
      let d = Number(g.a);
      let m = Number(g.b);
      if (m > 12 && d <= 12) [d, m] = [m, d];
      const y = (g.y as string).length === 2 ? 2000 + Number(g.y) : Number(g.y);
      return oneDay(isoDate(y, m, d) ?? undefined);
    },
  },
  {
    id: 'month-day-range',
    example: 'between 6 and 8 November',
    examplePublished: '2019-11-10',
    exampleRange: ['2019-11-06', '2019-11-08'],
    source:
      `(?:(?:from|between)\\s+)?(?:${month('m1')}\\s+${day('d1')}(?:\\s*[-–]\\s*|\\s+(?:to|and|until|through)\\s+)${day('d2')}(?:,?\\s+${year('y1')})?` +
      `|(?:the\\s+)?${day('d3')}(?:\\s*[-–]\\s*|\\s+(?:to|and|until|through)\\s+)(?:the\\s+)?${day('d4')}\\s+(?:of\\s+)?${month('m2')}(?:,?\\s+${year('y2')})?)`,
    point: false,
    resolve: (g, published) => {
      const m = monthNumber(g.m1 ?? g.m2);
      const first = Number(g.d1 ?? g.d3);
      const last = Number(g.d2 ?? g.d4);
      if (m === null || last <= first) return NOT_A_DATE;
      const start = resolveMonthDay(m, first, num(g.y1 ?? g.y2), published);
      if (start === undefined) return NOT_A_DATE;
      if (start === null) return null;
      const end = isoDate(parts(start).year, m, last);
      return end === null ? NOT_A_DATE : { start, end };
    },
  },
  {
    id: 'month-day',
    example: 'on Wednesday, November 6',
    examplePublished: '2019-11-07',
    exampleRange: ['2019-11-06', '2019-11-06'],
    source: `${WEEKDAY_PREFIX}(?:on\\s+)?${month('m')}\\s+${day('d')}(?:,?\\s+${year('y')})?`,
    point: true,
    resolve: (g, published) => {
      const m = monthNumber(g.m);
      if (m === null) return NOT_A_DATE;
      return oneDay(resolveMonthDay(m, Number(g.d), num(g.y), published));
    },
  },
  {
    id: 'day-month',
    example: 'on the 4th of November',
    examplePublished: '2019-11-07',
    exampleRange: ['2019-11-04', '2019-11-04'],
    source: `${WEEKDAY_PREFIX}(?:on\\s+)?(?:the\\s+)?${day('d')}\\s+(?:of\\s+)?${month('m')}(?:,?\\s+${year('y')})?`,
    point: true,
    resolve: (g, published) => {
      const m = monthNumber(g.m);
      if (m === null) return NOT_A_DATE;
      return oneDay(resolveMonthDay(m, Number(g.d), num(g.y), published));
    },
  },
  {
    id: 'ordinal-day-month',
    example: 'the fourth of November',
    examplePublished: '2019-11-07',
    exampleRange: ['2019-11-04', '2019-11-04'],
    source: `${WEEKDAY_PREFIX}(?:on\\s+)?the\\s+${ordinal('o')}\\s+of\\s+${month('m')}(?:,?\\s+${year('y')})?`,
    point: true,
    resolve: (g, published) => {
      const m = monthNumber(g.m);
      const d = ordinalNumber(g.o);
      if (m === null || d === null) return NOT_A_DATE;
      return oneDay(resolveMonthDay(m, d, num(g.y), published));
    },
  },
  {
    id: 'day-of-this-month',
    example: 'on the second of this month',
    examplePublished: '2019-11-07',
    exampleRange: ['2019-11-02', '2019-11-02'],
    source: `(?:on\\s+)?the\\s+(?:${day('d')}|${ordinal('o')})\\s+of\\s+(?:this|the\\s+current|the)\\s+month\\b`,
    point: true,
    resolve: (g, published) => {
      const d = num(g.d) ?? ordinalNumber(g.o);
      if (d === null) return NOT_A_DATE;
      if (published === null) return null;
      const p = parts(published);
      const iso = isoDate(p.year, p.month, d);
      return iso === null || iso > published ? NOT_A_DATE : oneDay(iso);
    },
  },
  {
    id: 'month-year',
    example: 'in November 2019',
    examplePublished: '2019-12-05',
    exampleRange: ['2019-11-01', '2019-11-30'],
    source: `(?:(?:in|during|throughout)\\s+(?:the\\s+month\\s+of\\s+)?)?${month('m')}(?:\\s+of)?,?\\s+${year('y')}`,
    point: true,
    resolve: (g) => {
      const m = monthNumber(g.m);
      return m === null ? NOT_A_DATE : monthSpan(Number(g.y), m);
    },
  },
  {
    id: 'month-part',
    example: 'in the first half of November',
    examplePublished: '2019-12-05',
    exampleRange: ['2019-11-01', '2019-11-15'],
    source: `(?:(?:in|during|at|by|until|through|throughout)\\s+)?(?<part>${MONTH_PART_ALT})(?:\\s+|-)(?:the\\s+month\\s+of\\s+)?(?:${month('m')}(?:,?\\s+${year('y')})?|(?<rel>${REL_MONTH}))`,
    point: true,
    resolve: (g, published) => {
      const ym = resolveMonth(g.m, g.y, g.rel, published);
      if (ym === null || ym === NOT_A_DATE) return ym;
      const [y, m] = ym;
      const part = MONTH_PARTS.find((p) => p.phrase === squash(g.part as string));
      if (part === undefined) return NOT_A_DATE;
      const length = daysInMonth(y, m);
      const first = part.first < 0 ? length + part.first + 1 : part.first;
      const last = part.last ?? length;
      return { start: isoDate(y, m, first) as string, end: isoDate(y, m, last) as string };
    },
  },
  {
    id: 'year-part',
    example: 'in the first half of 2022',
    examplePublished: '2022-07-02',
    exampleRange: ['2022-01-01', '2022-06-30'],
    source: `(?:(?:in|during|at|by|until|through|throughout)\\s+)?(?<part>${YEAR_PART_ALT})(?:\\s+|-)(?:${year('y')}|(?<rel>${REL_YEAR}))`,
    point: true,
    resolve: (g, published) => {
      const y = resolveYear(g.y, g.rel, published);
      const part = YEAR_PARTS.find((p) => p.phrase === squash(g.part as string));
      if (part === undefined) return NOT_A_DATE;
      if (y === null) return null;
      return {
        start: isoDate(y, part.firstMonth, 1) as string,
        end: isoDate(y, part.lastMonth, daysInMonth(y, part.lastMonth)) as string,
      };
    },
  },
  {
    id: 'in-month',
    example: 'during the month of November',
    examplePublished: '2019-12-05',
    exampleRange: ['2019-11-01', '2019-11-30'],
    // Not followed by a day or year number: "in November 6" is month-day's, "in November 2019" month-year's.
    source: `(?:(?:in|during|throughout)\\s+(?:the\\s+month\\s+of\\s+)?|(?<last>last|this\\s+past)\\s+)${month('m')}(?!\\s*\\d)`,
    point: false,
    resolve: (g, published) => {
      const m = monthNumber(g.m);
      if (m === null) return NOT_A_DATE;
      if (published === null) return null;
      let y = yearOfMonth(m, published);
      if (g.last !== undefined && y === parts(published).year && m === parts(published).month) y -= 1;
      return monthSpan(y, m);
    },
  },
  {
    id: 'bare-month',
    example: 'November',
    examplePublished: '2019-12-05',
    exampleRange: ['2019-11-01', '2019-11-30'],
    source: `${month('m')}(?!\\s*\\d)`,
    point: true,
    pointOnly: true,
    resolve: (g, published) => {
      const ym = resolveMonth(g.m, undefined, undefined, published);
      return ym === null || ym === NOT_A_DATE ? ym : monthSpan(ym[0], ym[1]);
    },
  },
  {
    id: 'this-month',
    example: 'earlier this month',
    examplePublished: '2019-11-07',
    exampleRange: ['2019-11-01', '2019-11-07'],
    source: `(?:(?:earlier|later|so\\s+far)\\s+)?this\\s+month\\b|(?:in|during)\\s+the\\s+current\\s+month\\b`,
    point: true,
    resolve: (_g, published) => {
      if (published === null) return null;
      const p = parts(published);
      return monthSpan(p.year, p.month);
    },
  },
  {
    id: 'last-month',
    example: 'last month',
    examplePublished: '2020-01-10',
    exampleRange: ['2019-12-01', '2019-12-31'],
    source: `last\\s+month\\b|(?:in\\s+|during\\s+)?the\\s+previous\\s+month\\b`,
    point: true,
    resolve: (_g, published) => {
      if (published === null) return null;
      const p = parts(addMonths(published, -1));
      return monthSpan(p.year, p.month);
    },
  },
  {
    id: 'weekday',
    example: 'late on Tuesday',
    examplePublished: '2019-11-07',
    exampleRange: ['2019-11-05', '2019-11-05'],
    source: `(?:(?:late|early|overnight)\\s+(?:on\\s+)?)?(?:on\\s+)?(?:(?<last>last|this\\s+past|past)\\s+|(?<next>next|this\\s+coming|coming)\\s+)?${weekday('w')}(?:\\s+${DAY_PART_ALT})?`,
    point: true,
    resolve: (g, published) => {
      const w = weekdayNumber(g.w);
      if (w === null) return NOT_A_DATE;
      if (published === null) return null;
      if (g.next !== undefined) return oneDay(nextWeekday(published, w));
      return oneDay(mostRecentWeekday(published, w, g.last !== undefined));
    },
  },
  {
    id: 'today',
    example: 'earlier today',
    examplePublished: '2019-11-06',
    exampleRange: ['2019-11-06', '2019-11-06'],
    source: `(?:(?:earlier|later)\\s+(?:on\\s+)?)?(?:today|tonight|this\\s+(?:morning|afternoon|evening))\\b`,
    point: true,
    resolve: (_g, published) => relative(published, 0),
  },
  {
    id: 'yesterday',
    example: 'last night',
    examplePublished: '2019-11-06',
    exampleRange: ['2019-11-05', '2019-11-05'],
    source: `(?:(?:late|early)\\s+(?:on\\s+)?)?yesterday(?:\\s+${DAY_PART_ALT})?|last\\s+night\\b`,
    point: true,
    resolve: (_g, published) => relative(published, -1),
  },
  {
    id: 'tomorrow',
    example: 'tomorrow, Saturday',
    examplePublished: '2018-04-06',
    exampleRange: ['2018-04-07', '2018-04-07'],
    source: `tomorrow(?:\\s+${DAY_PART_ALT})?(?:,?\\s+${WEEKDAY_ALT})?`,
    point: true,
    resolve: (_g, published) => relative(published, 1),
  },
  {
    id: 'overnight',
    example: 'overnight',
    examplePublished: '2019-11-06',
    exampleRange: ['2019-11-05', '2019-11-05'],
    source: `overnight\\b`,
    point: false,
    resolve: (_g, published) => relative(published, -1),
  },
  {
    id: 'day-before-yesterday',
    example: 'the day before yesterday',
    examplePublished: '2019-11-06',
    exampleRange: ['2019-11-04', '2019-11-04'],
    source: `the\\s+day\\s+before\\s+yesterday\\b`,
    point: true,
    resolve: (_g, published) => relative(published, -2),
  },
  {
    id: 'days-ago',
    example: 'two days ago',
    examplePublished: '2019-11-06',
    exampleRange: ['2019-11-04', '2019-11-04'],
    source: `(?<n>${COUNT})\\s+(?<unit>days?|weeks?)\\s+ago\\b`,
    point: true,
    resolve: (g, published) => {
      if (published === null) return null;
      const { min, max } = countValue(g.n);
      const perUnit = /^week/i.test(g.unit as string) ? 7 : 1;
      return { start: addDays(published, -max * perUnit), end: addDays(published, -min * perUnit) };
    },
  },
  {
    id: 'weekend',
    example: 'last weekend',
    examplePublished: '2019-12-05',
    exampleRange: ['2019-11-30', '2019-12-01'],
    source: `(?:(?<last>last|this\\s+past|the\\s+past|past)\\s+|(?:over|during|at|on)\\s+the\\s+|this\\s+)weekend\\b`,
    point: true,
    resolve: (g, published) => {
      if (published === null) return null;
      let saturday = mostRecentWeekday(published, 6);
      const isWeekend = [0, 6].includes(weekdayOf(published));
      if (g.last !== undefined && isWeekend) saturday = addDays(saturday, -7);
      return { start: saturday, end: addDays(saturday, 1) };
    },
  },
  {
    id: 'last-week',
    example: 'last week',
    examplePublished: '2019-11-06',
    exampleRange: ['2019-10-28', '2019-11-03'],
    source: `last\\s+week\\b|the\\s+previous\\s+week\\b`,
    point: true,
    resolve: (_g, published) => {
      if (published === null) return null;
      const monday = mostRecentWeekday(published, 1);
      return { start: addDays(monday, -7), end: addDays(monday, -1) };
    },
  },
  {
    id: 'this-week',
    example: 'earlier this week',
    examplePublished: '2019-11-07',
    exampleRange: ['2019-11-04', '2019-11-07'],
    source: `(?:(?:earlier|later)\\s+)?this\\s+week\\b`,
    point: true,
    resolve: (_g, published) =>
      published === null ? null : { start: mostRecentWeekday(published, 1), end: published },
  },
  {
    id: 'past-period',
    example: 'over the past 48 hours',
    examplePublished: '2019-11-07',
    exampleRange: ['2019-11-05', '2019-11-07'],
    source:
      `(?:(?:over|in|during|within|throughout|for)\\s+(?:the\\s+)?|the\\s+)(?:past|last)\\s+(?:(?<n>${COUNT})\\s+)?(?<unit>hours?|days?|weeks?|months?|years?)\\b` +
      `|(?:over|in|during|within|throughout|for)\\s+the\\s+previous\\s+(?<n2>${COUNT})\\s+(?<unit2>hours?|days?|weeks?|months?|years?)\\b`,
    point: false,
    resolve: (g, published) => {
      const unit = (g.unit ?? g.unit2) as string;
      // "over the past years" without a count: a few of them.
      const count = g.n ?? g.n2 ?? (/s$/i.test(unit) ? 'a few' : undefined);
      return durationBack(published, countValue(count).max, unit);
    },
  },
  {
    id: 'in-hours',
    example: 'in 48 hours',
    examplePublished: '2019-12-05',
    exampleRange: ['2019-12-03', '2019-12-05'],
    source: `(?:in|within)\\s+(?<n>${COUNT})\\s+hours\\b`,
    point: false,
    resolve: (g, published) => durationBack(published, countValue(g.n).max, 'hours'),
    reject: (text, start) => FUTURE_MARKER.test(text.slice(Math.max(0, start - 60), start)),
  },
  {
    id: 'this-year',
    example: 'so far this year',
    examplePublished: '2022-08-09',
    exampleRange: ['2022-01-01', '2022-08-09'],
    source: `(?:(?:earlier|later|so\\s+far)\\s+)?this\\s+year\\b|(?:in|during)\\s+the\\s+current\\s+year\\b`,
    point: true,
    resolve: (_g, published) => {
      if (published === null) return null;
      const y = parts(published).year;
      return { start: isoDate(y, 1, 1) as string, end: isoDate(y, 12, 31) as string };
    },
  },
  {
    id: 'last-year',
    example: 'last year',
    examplePublished: '2019-11-06',
    exampleRange: ['2018-01-01', '2018-12-31'],
    source: `last\\s+year\\b|the\\s+previous\\s+year\\b`,
    point: true,
    resolve: (_g, published) => {
      if (published === null) return null;
      const y = parts(published).year - 1;
      return { start: isoDate(y, 1, 1) as string, end: isoDate(y, 12, 31) as string };
    },
  },
  {
    id: 'year-in',
    example: 'in 2011',
    examplePublished: '2019-11-06',
    exampleRange: ['2011-01-01', '2011-12-31'],
    source: `(?:in|during|throughout)\\s+(?:the\\s+year\\s+)?${year('y')}`,
    point: false,
    resolve: (g) => ({ start: `${g.y}-01-01`, end: `${g.y}-12-31` }),
  },
  {
    id: 'bare-year',
    example: '2011',
    examplePublished: '2019-11-06',
    exampleRange: ['2011-01-01', '2011-12-31'],
    source: year('y'),
    point: true,
    pointOnly: true,
    resolve: (g) => ({ start: `${g.y}-01-01`, end: `${g.y}-12-31` }),
  },
];

/** Rules whose periods are a year or more: figures dated by them are background. */
export const BACKGROUND_DATE_RULES: ReadonlySet<string> = new Set([
  'year-in',
  'since-year',
  'between-years',
  'last-year',
]);

const stripGroupNames = (source: string): string => source.replace(/\(\?<([A-Za-z_]\w*)>/g, '(?:');
const POINT_RULES = DATE_RULES.filter((r) => r.point);
/** Any point expression, named groups removed, in rule order (explicit dates before bare months). */
const POINT = `(?:${POINT_RULES.map((r) => `(?:${stripGroupNames(r.source)})`).join('|')})`;
const POINT_NO_YEAR = `(?:${POINT_RULES.filter((r) => r.id !== 'bare-year')
  .map((r) => `(?:${stripGroupNames(r.source)})`)
  .join('|')})`;

const compiledAnchored = new Map<string, RegExp>();
function anchored(rule: DateRule): RegExp {
  let re = compiledAnchored.get(rule.id);
  if (re === undefined) {
    re = new RegExp(`^(?:${rule.source})$`, 'i');
    compiledAnchored.set(rule.id, re);
  }
  return re;
}

/** Resolves a whole phrase with the first rule (in `rules` order) that recognises all of it. */
function resolveWith(
  rules: readonly DateRule[],
  phrase: string,
  published: string | null,
): { rule: string; span: Span | null } | null {
  const trimmed = phrase.trim();
  for (const rule of rules) {
    const m = anchored(rule).exec(trimmed);
    if (!m) continue;
    const r = rule.resolve(m.groups ?? {}, published);
    if (r === NOT_A_DATE) continue;
    return { rule: rule.id, span: r };
  }
  return null;
}

function sinceResolve(g: Groups, published: string | null): Resolution {
  const point = resolveWith(POINT_RULES, g.p as string, published);
  if (point === null) return NOT_A_DATE;
  if (point.span === null || published === null) return null;
  return { start: point.span.start, end: published };
}

function betweenResolve(g: Groups, published: string | null): Resolution {
  const a = resolveWith(POINT_RULES, g.a as string, published);
  const b = resolveWith(POINT_RULES, g.b as string, published);
  if (a === null || b === null) return NOT_A_DATE;
  if (a.span === null || b.span === null) return null;
  return a.span.start <= b.span.end ? { start: a.span.start, end: b.span.end } : NOT_A_DATE;
}

/** Spans built from two points or from a point to publication. */
export const COMPOSITE_DATE_RULES: readonly DateRule[] = [
  {
    id: 'since-year',
    example: 'since 2011',
    examplePublished: '2019-11-06',
    exampleRange: ['2011-01-01', '2019-11-06'],
    source: `since\\s+(?:(?:the\\s+)?(?:beginning|start)\\s+of\\s+)?(?<p>${year('y')})`,
    point: false,
    resolve: sinceResolve,
  },
  {
    id: 'since',
    example: 'since the second of this month',
    examplePublished: '2019-11-07',
    exampleRange: ['2019-11-02', '2019-11-07'],
    source: `since\\s+(?<p>${POINT_NO_YEAR})`,
    point: false,
    resolve: sinceResolve,
  },
  {
    id: 'between-years',
    example: 'between 2011 and 2015',
    examplePublished: '2019-11-06',
    exampleRange: ['2011-01-01', '2015-12-31'],
    source: `(?:between\\s+(?<a>${year('y1')})\\s+and|from\\s+(?<a2>${year('y2')})\\s+(?:to|until|till|through))\\s+(?<b>${year('y3')})`,
    point: false,
    resolve: (g, published) => betweenResolve({ a: g.a ?? g.a2, b: g.b }, published),
  },
  {
    id: 'between',
    example: 'between the end of April and the end of August',
    examplePublished: '2016-09-10',
    exampleRange: ['2016-04-21', '2016-08-31'],
    source: `between\\s+(?<a>${POINT})\\s+and\\s+(?<b>${POINT})`,
    point: false,
    resolve: betweenResolve,
  },
  {
    id: 'from-to',
    example: 'from Saturday to Monday',
    examplePublished: '2019-11-06',
    exampleRange: ['2019-11-02', '2019-11-04'],
    source: `from\\s+(?<a>${POINT})\\s+(?:to|until|till|through)\\s+(?<b>${POINT})`,
    point: false,
    resolve: betweenResolve,
  },
];

// ---------------------------------------------------------------------------------------------
// Finding dates

const ALL_RULES: readonly DateRule[] = [...COMPOSITE_DATE_RULES, ...DATE_RULES];
const SCANNED: readonly { rule: DateRule; order: number; regex: RegExp }[] = ALL_RULES.filter(
  (r) => !r.pointOnly,
).map((rule, order) => ({ rule, order, regex: new RegExp(`(?<!\\w)(?:${rule.source})(?!\\w)`, 'gi') }));

interface Candidate {
  start: number;
  end: number;
  order: number;
  rule: DateRule;
  resolution: Span | null;
}

/** Ends a span on publication day when it would run past it (nothing reported happened later). */
function finish(span: Span | null, published: string | null): DayRange | null {
  if (span === null) return null;
  let end = span.end;
  if (published !== null && span.start <= published && end > published) end = published;
  return { start: span.start, end, precision: span.start === end ? 'day' : 'range' };
}

/**
 * Every date expression in `text`, left to right; where expressions overlap the longest wins
 * ("on Wednesday, November 6" over "Wednesday"). Offsets are shifted by `offset`. Resolved against
 * `published` (ISO date or date-time, or null when unknown).
 * @throws DateInputError when `published` is not an ISO date.
 */
export function findDates(text: string, offset: number, published: string | null): DateMention[] {
  const pub = normalisePublished(published);
  const candidates: Candidate[] = [];
  for (const { rule, order, regex } of SCANNED) {
    for (const m of text.matchAll(regex)) {
      const start = m.index ?? 0;
      const end = start + m[0].length;
      if (end === start) continue;
      if (rule.reject?.(text, start)) continue;
      const resolution = rule.resolve(m.groups ?? {}, pub);
      if (resolution === NOT_A_DATE) continue;
      candidates.push({ start, end, order, rule, resolution });
    }
  }
  candidates.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start || a.order - b.order);
  const taken: Candidate[] = [];
  for (const c of candidates) {
    if (taken.every((t) => c.end <= t.start || c.start >= t.end)) taken.push(c);
  }
  taken.sort((a, b) => a.start - b.start);
  return taken.map((c) => ({
    start: c.start + offset,
    end: c.end + offset,
    text: text.slice(c.start, c.end),
    rule: c.rule.id,
    range: finish(c.resolution, pub),
  }));
}

/**
 * Resolves one whole phrase ("last weekend", "6 November", "since 2011"), or null when no rule
 * recognises all of it. Point-only rules (a bare month or year) are included.
 * @throws DateInputError when `published` is not an ISO date.
 */
export function resolveDatePhrase(
  phrase: string,
  published: string | null,
): { rule: string; range: DayRange | null } | null {
  const pub = normalisePublished(published);
  const found = resolveWith(ALL_RULES, phrase, pub);
  return found === null ? null : { rule: found.rule, range: finish(found.span, pub) };
}

/** True for rules whose period is a year or more (see BACKGROUND_DATE_RULES). */
export function isBackgroundDateRule(ruleId: string): boolean {
  return BACKGROUND_DATE_RULES.has(ruleId);
}
