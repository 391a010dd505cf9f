/**
 * Word lists for reading dates in English news copy: month names and their wire-style
 * abbreviations ("Nov.", "Sept."), weekday names, ordinal day words ("the fourth of November",
 * "since the second of this month") and the parts of a month or a year that writers name
 * ("early November", "the first half of 2022"). Pure data: ../dates.ts builds its rule patterns
 * from these tables and ../numbers.ts uses the month names to tell "November 6" from a count.
 */

export interface MonthWord {
  /** 1 = January … 12 = December. */
  index: number;
  name: string;
  /** Abbreviations as wire services write them, without the full stop (matched optionally). */
  abbreviations: readonly string[];
  /**
   * The name is also an ordinary English word ("may", "march"): only the capitalised form
   * counts as the month, so "12 may be" and "a march on" are not dates.
   */
  capitalOnly: boolean;
}

export const MONTHS: readonly MonthWord[] = [
  { index: 1, name: 'january', abbreviations: ['jan'], capitalOnly: false },
  { index: 2, name: 'february', abbreviations: ['feb'], capitalOnly: false },
  { index: 3, name: 'march', abbreviations: ['mar'], capitalOnly: true },
  { index: 4, name: 'april', abbreviations: ['apr'], capitalOnly: false },
  { index: 5, name: 'may', abbreviations: [], capitalOnly: true },
  { index: 6, name: 'june', abbreviations: ['jun'], capitalOnly: false },
  { index: 7, name: 'july', abbreviations: ['jul'], capitalOnly: false },
  { index: 8, name: 'august', abbreviations: ['aug'], capitalOnly: false },
  { index: 9, name: 'september', abbreviations: ['sept', 'sep'], capitalOnly: false },
  { index: 10, name: 'october', abbreviations: ['oct'], capitalOnly: false },
  { index: 11, name: 'november', abbreviations: ['nov'], capitalOnly: false },
  { index: 12, name: 'december', abbreviations: ['dec'], capitalOnly: false },
];

export interface WeekdayWord {
  /** 0 = Sunday … 6 = Saturday, as Date.prototype.getUTCDay numbers them. */
  index: number;
  name: string;
}

/** Full names only: "Sun", "Wed" and "Sat" are too often other words in running text. */
export const WEEKDAYS: readonly WeekdayWord[] = [
  { index: 0, name: 'sunday' },
  { index: 1, name: 'monday' },
  { index: 2, name: 'tuesday' },
  { index: 3, name: 'wednesday' },
  { index: 4, name: 'thursday' },
  { index: 5, name: 'friday' },
  { index: 6, name: 'saturday' },
];

/** Ordinal words for days of the month; compounds are written with a hyphen or a space. */
export const ORDINAL_DAY_WORDS: Readonly<Record<string, number>> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
  eleventh: 11,
  twelfth: 12,
  thirteenth: 13,
  fourteenth: 14,
  fifteenth: 15,
  sixteenth: 16,
  seventeenth: 17,
  eighteenth: 18,
  nineteenth: 19,
  twentieth: 20,
  'twenty-first': 21,
  'twenty-second': 22,
  'twenty-third': 23,
  'twenty-fourth': 24,
  'twenty-fifth': 25,
  'twenty-sixth': 26,
  'twenty-seventh': 27,
  'twenty-eighth': 28,
  'twenty-ninth': 29,
  thirtieth: 30,
  'thirty-first': 31,
};

/** Times of day that may follow a day word ("Tuesday night", "yesterday morning"). */
export const DAY_PARTS: readonly string[] = ['morning', 'afternoon', 'evening', 'night'];

/**
 * Parts of a month, as inclusive day numbers. `null` as the last day means "the month's last
 * day"; a negative first day counts back from the end ("the last week of" = the last 7 days).
 * Phrases are lower case with single spaces; ../dates.ts lets any whitespace stand for a space.
 * Boundaries follow the common reading of the words (early 1-10, mid 11-20, late 21-end).
 */
export interface PeriodPart {
  phrase: string;
  first: number;
  last: number | null;
}

export const MONTH_PARTS: readonly PeriodPart[] = [
  { phrase: 'the first half of', first: 1, last: 15 },
  { phrase: 'the second half of', first: 16, last: null },
  { phrase: 'the last half of', first: 16, last: null },
  { phrase: 'the first week of', first: 1, last: 7 },
  { phrase: 'the second week of', first: 8, last: 14 },
  { phrase: 'the third week of', first: 15, last: 21 },
  { phrase: 'the last week of', first: -7, last: null },
  { phrase: 'the first ten days of', first: 1, last: 10 },
  { phrase: 'the last ten days of', first: -10, last: null },
  { phrase: 'the beginning of', first: 1, last: 10 },
  { phrase: 'the start of', first: 1, last: 10 },
  { phrase: 'the middle of', first: 11, last: 20 },
  { phrase: 'the end of', first: 21, last: null },
  { phrase: 'early', first: 1, last: 10 },
  { phrase: 'mid', first: 11, last: 20 },
  { phrase: 'late', first: 21, last: null },
];

/** Parts of a year, as inclusive month numbers. */
export const YEAR_PARTS: readonly { phrase: string; firstMonth: number; lastMonth: number }[] = [
  { phrase: 'the first half of', firstMonth: 1, lastMonth: 6 },
  { phrase: 'the second half of', firstMonth: 7, lastMonth: 12 },
  { phrase: 'the beginning of', firstMonth: 1, lastMonth: 1 },
  { phrase: 'the start of', firstMonth: 1, lastMonth: 1 },
  { phrase: 'the end of', firstMonth: 12, lastMonth: 12 },
  { phrase: 'early', firstMonth: 1, lastMonth: 4 },
  { phrase: 'mid', firstMonth: 5, lastMonth: 8 },
  { phrase: 'late', firstMonth: 9, lastMonth: 12 },
];
