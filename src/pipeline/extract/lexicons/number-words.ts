/**
 * Word lists for reading quantities in English news copy (wire services, monitors' reports and
 * machine-translated French/Arabic): cardinal number words, scale words, the vague plurals news
 * uses instead of figures ("dozens", "scores", "des dizaines" → "tens"), the qualifiers that
 * hedge a figure ("at least", "nearly") and the words marking a figure as additional ("two more").
 * Pure data: ../numbers.ts builds its pattern and its parser from these tables, so adding a word
 * here extends both. Every vague-plural entry carries an id and an example that the tests check.
 */
import type { Qualifier } from '../../../domain/types.ts';

/** Cardinals below twenty. "zero" is left out: "no one"/"zero" never states a casualty figure. */
export const SMALL_NUMBERS: Readonly<Record<string, number>> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
};

export const TENS: Readonly<Record<string, number>> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};

/** Multipliers. "hundred" multiplies what precedes it; thousand and million close a group. */
export const SCALES: Readonly<Record<string, number>> = {
  hundred: 100,
  thousand: 1_000,
  million: 1_000_000,
};

/**
 * Vague quantities and the figures they are coded as: `value` = `min` = the smallest number the
 * words can truthfully mean (the plural "dozens" is at least two dozen), `max` the largest before a
 * bigger word would have been used ("dozens" stops at 99 because 100+ is "hundreds"). ACLED's own
 * FAQ ("Fatalities", 2023) codes "tens" 10, "dozens" 12, "hundreds" 100; we keep the stricter plural
 * floor because the annotation guide asks for a range, and the development gold codes "tens" and
 * "dozens" as 20-99. `pattern` is a regex source, lower case, words separated by `\s+`. Order
 * matters: longer phrases come first so "hundreds of thousands" wins over "hundreds".
 */
export interface VagueQuantityWord {
  id: string;
  pattern: string;
  example: string;
  value: number;
  min: number;
  max: number;
  qualifier: Qualifier;
}

export const VAGUE_QUANTITIES: readonly VagueQuantityWord[] = [
  { id: 'hundreds-of-thousands', pattern: 'hundreds\\s+of\\s+thousands(?:\\s+of)?', example: 'hundreds of thousands of people', value: 200_000, min: 200_000, max: 999_999, qualifier: 'approx_plural' },
  { id: 'tens-of-thousands', pattern: 'tens\\s+of\\s+thousands(?:\\s+of)?', example: 'tens of thousands of civilians', value: 20_000, min: 20_000, max: 99_999, qualifier: 'approx_plural' },
  { id: 'several-dozen', pattern: 'several\\s+dozens?(?:\\s+of)?', example: 'several dozen fighters', value: 36, min: 36, max: 99, qualifier: 'approx_plural' },
  { id: 'several-hundred', pattern: 'several\\s+hundreds?(?:\\s+of)?', example: 'several hundred people', value: 300, min: 300, max: 999, qualifier: 'approx_plural' },
  { id: 'several-thousand', pattern: 'several\\s+thousands?(?:\\s+of)?', example: 'several thousand families', value: 3_000, min: 3_000, max: 9_999, qualifier: 'approx_plural' },
  { id: 'a-few-dozen', pattern: 'a\\s+few\\s+dozens?(?:\\s+of)?', example: 'a few dozen protesters', value: 24, min: 24, max: 60, qualifier: 'approx_plural' },
  { id: 'a-few-hundred', pattern: 'a\\s+few\\s+hundreds?(?:\\s+of)?', example: 'a few hundred residents', value: 200, min: 200, max: 500, qualifier: 'approx_plural' },
  { id: 'a-few-thousand', pattern: 'a\\s+few\\s+thousands?(?:\\s+of)?', example: 'a few thousand people', value: 2_000, min: 2_000, max: 5_000, qualifier: 'approx_plural' },
  { id: 'half-a-dozen', pattern: 'half\\s+a\\s+dozen', example: 'half a dozen civilians', value: 6, min: 6, max: 6, qualifier: 'exact' },
  // "a dozen" is a count (12) that writers round to: exact figure, flagged approximate in numbers.ts.
  { id: 'three-dozen', pattern: 'three\\s+dozen(?!s)', example: 'three dozen fighters', value: 36, min: 36, max: 36, qualifier: 'exact' },
  { id: 'two-dozen', pattern: 'two\\s+dozen(?!s)', example: 'two dozen soldiers', value: 24, min: 24, max: 24, qualifier: 'exact' },
  { id: 'a-dozen', pattern: '(?:a|one)\\s+dozen(?!s)', example: 'a dozen civilians', value: 12, min: 12, max: 12, qualifier: 'exact' },
  // French "des dizaines", Arabic "ʿasharāt" come out of machine translation as "tens (of)".
  { id: 'tens', pattern: 'tens(?:\\s+of)?', example: 'tens of civilians', value: 20, min: 20, max: 99, qualifier: 'approx_plural' },
  { id: 'dozens', pattern: 'dozens(?:\\s+of)?', example: 'dozens of people', value: 24, min: 24, max: 99, qualifier: 'approx_plural' },
  { id: 'scores', pattern: 'scores(?:\\s+of)?', example: 'scores of wounded', value: 40, min: 40, max: 99, qualifier: 'approx_plural' },
  { id: 'hundreds', pattern: 'hundreds(?:\\s+of)?', example: 'hundreds of families', value: 200, min: 200, max: 999, qualifier: 'approx_plural' },
  { id: 'thousands', pattern: 'thousands(?:\\s+of)?', example: 'thousands of displaced', value: 2_000, min: 2_000, max: 9_999, qualifier: 'approx_plural' },
  { id: 'several', pattern: 'several', example: 'several civilians', value: 3, min: 3, max: 9, qualifier: 'approx_plural' },
  { id: 'a-few', pattern: 'a\\s+few', example: 'a few fighters', value: 2, min: 2, max: 5, qualifier: 'approx_plural' },
  { id: 'a-handful', pattern: 'a\\s+handful(?:\\s+of)?', example: 'a handful of gunmen', value: 2, min: 2, max: 5, qualifier: 'approx_plural' },
  { id: 'a-couple', pattern: 'a\\s+couple(?:\\s+of)?', example: 'a couple of soldiers', value: 2, min: 2, max: 2, qualifier: 'exact' },
  // Unbounded in principle; wire copy uses it for small groups, so the ceiling is a score.
  { id: 'a-number-of', pattern: '(?:a|an\\s+unknown)\\s+number\\s+of', example: 'a number of civilians', value: 2, min: 2, max: 20, qualifier: 'approx_plural' },
];

/**
 * Hedges placed before a figure, mapped to the domain's Qualifier. How each qualifier turns the
 * stated figure into value/min/max is decided (and explained) in ../numbers.ts.
 * `strict` marks "less than"/"fewer than": the stated figure itself is excluded.
 */
export interface QualifierWord {
  phrase: string;
  qualifier: Qualifier;
  strict?: boolean;
}

export const QUALIFIER_WORDS: readonly QualifierWord[] = [
  { phrase: 'at least', qualifier: 'at_least' },
  { phrase: 'no fewer than', qualifier: 'at_least' },
  { phrase: 'no less than', qualifier: 'at_least' },
  { phrase: 'not less than', qualifier: 'at_least' },
  { phrase: 'a minimum of', qualifier: 'at_least' },
  { phrase: 'more than', qualifier: 'more_than' },
  { phrase: 'over', qualifier: 'more_than' },
  { phrase: 'upwards of', qualifier: 'more_than' },
  { phrase: 'in excess of', qualifier: 'more_than' },
  { phrase: 'nearly', qualifier: 'nearly' },
  { phrase: 'almost', qualifier: 'nearly' },
  { phrase: 'close to', qualifier: 'nearly' },
  { phrase: 'just under', qualifier: 'nearly' },
  { phrase: 'about', qualifier: 'about' },
  { phrase: 'around', qualifier: 'about' },
  { phrase: 'some', qualifier: 'about' },
  { phrase: 'approximately', qualifier: 'about' },
  { phrase: 'roughly', qualifier: 'about' },
  { phrase: 'an estimated', qualifier: 'about' },
  { phrase: 'estimated', qualifier: 'about' },
  { phrase: 'up to', qualifier: 'up_to' },
  { phrase: 'as many as', qualifier: 'up_to' },
  { phrase: 'at most', qualifier: 'up_to' },
  { phrase: 'no more than', qualifier: 'up_to' },
  { phrase: 'less than', qualifier: 'up_to', strict: true },
  { phrase: 'fewer than', qualifier: 'up_to', strict: true },
  { phrase: 'a total of', qualifier: 'exact' },
];

/** Words before a figure that mark it as additional to one already reported ("another two"). */
export const ADDITIONAL_PREFIXES: readonly string[] = ['another', 'a further'];

/** Words after a figure with the same meaning ("two more", "three other(s)"). */
export const ADDITIONAL_SUFFIXES: readonly string[] = ['more', 'others', 'other', 'further', 'additional'];

/**
 * Phrases that state exactly one victim without a digit or number word. `additional` marks the
 * ones meaning "one more than already reported". Bare "a"/"an" are listed last so longer phrases
 * match first.
 */
export const SINGULAR_PHRASES: readonly { phrase: string; additional: boolean }[] = [
  { phrase: 'a single', additional: false },
  { phrase: 'a further', additional: true },
  { phrase: 'another', additional: true },
  { phrase: 'an', additional: false },
  { phrase: 'a', additional: false },
];
