/**
 * Reads quantity phrases ("at least six", "1,600", "12-15", "dozens of", "another") and turns each
 * into a conservative figure with a range, the way ACLED and Airwars coders do by hand: the best
 * value is the lowest credible reading of the words, and the range says how far the words allow.
 * The casualty rules embed NUMBER_PATTERN in their own regexes and call parseQuantity on what it
 * captured; findQuantities lists every count in a text for rules that work by position.
 *
 * Decisions (ACLED's rule: when a report is vague, code the most conservative estimate):
 * - exact figure, "a total of N": value = min = max = N.
 * - "at least N", "no fewer than N": value = min = max = N.
 * - "more than N", "over N": value = min = max = N. N+1 would be the literal floor, but the stated
 *   figure is what every coder records and what the development gold uses ("more than 50" → 50).
 * - "nearly N", "almost N", "close to N": value = max = N, min = floor(0.9 N). The figure stays the
 *   stated one (a count is never below what its writer rounded up to by more than ~10%).
 * - "about N", "around N", "some N", "an estimated N": value = N, min = floor(0.9 N), max = ceil(1.1 N)
 *   ("about fifty" → 50, 45-55).
 * - "up to N", "as many as N", "at most N": value = max = N, min = 1; a ceiling is the only figure
 *   stated. "less than N", "fewer than N" exclude N itself: value = max = N - 1.
 * - ranges "12-15", "12 to 15", "between 12 and 15", "seven or eight": value = min = the low end,
 *   max = the high end, qualifier `about` (the domain has no range qualifier).
 * - vague words: the table in lexicons/number-words.ts ("dozens" 24, 24-99; "tens" 20, 20-99;
 *   "scores" 40, 40-99; "hundreds" 200, 200-999; "several" 3, 3-9; "a few" 2, 2-5; "a dozen" 12).
 * - "a", "an", "one", "another", "a single" → 1; "another", "a further", "two more", "three other(s)"
 *   also set `additional` (the figure adds to one already reported, so it must not be read as a
 *   new total).
 * - A qualifier in front of a vague word applies to its floor ("more than a dozen" → 12).
 *
 * What findQuantities leaves out (not reported at all, so callers need not filter): bare "a"/"an"
 * (they carry a count only in front of a victim noun, which the casualty rules check), and numbers
 * whose context makes them something other than a count (NON_COUNT_CONTEXTS: years, ages, times,
 * dates, measures and durations, money, identifiers such as "Resolution 2254", "no one"). Callers
 * that match NUMBER_PATTERN themselves can apply the same test with nonCountContext.
 */
import type { Qualifier } from '../../domain/types.ts';
import {
  ADDITIONAL_PREFIXES,
  ADDITIONAL_SUFFIXES,
  QUALIFIER_WORDS,
  SCALES,
  SINGULAR_PHRASES,
  SMALL_NUMBERS,
  TENS,
  VAGUE_QUANTITIES,
  type QualifierWord,
} from './lexicons/number-words.ts';
import { MONTHS } from './lexicons/date-words.ts';

export interface Quantity {
  /** The figure to record: the lowest credible reading of the words (see module comment). */
  value: number;
  min: number;
  max: number;
  qualifier: Qualifier;
  /** The words do not state an exact count (vague words, ranges, "about", "nearly", "up to"). */
  approximate: boolean;
  /** "another", "two more", "three others": adds to a figure reported before. */
  additional: boolean;
  /** Which reading produced the figure: digits, number-words, range, singular or vague:<id>. */
  rule: string;
}

export interface QuantityMention {
  start: number;
  end: number;
  text: string;
  quantity: Quantity;
}

const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Alternation of phrases, longest first, any whitespace between words. */
const alternation = (phrases: readonly string[]): string =>
  [...phrases]
    .sort((a, b) => b.length - a.length)
    .map((p) => escapeRegex(p).replace(/ /g, '\\s+'))
    .join('|');

const smallUnits = Object.keys(SMALL_NUMBERS).filter((w) => SMALL_NUMBERS[w] < 10);
const teens = Object.keys(SMALL_NUMBERS).filter((w) => SMALL_NUMBERS[w] >= 10);

const UNIT = `(?:${alternation(smallUnits)})\\b`;
const TEEN = `(?:${alternation(teens)})\\b`;
const TEN = `(?:${alternation(Object.keys(TENS))})\\b`;
/** 1-99 in words: "seven", "seventeen", "twenty-one", "twenty one". Regex source, no groups. */
export const CARDINAL_WORDS_PATTERN = `(?:${TEN}(?:(?:-|\\s+)${UNIT})?|${TEEN}|${UNIT})`;
/** 100-999 in words: "a hundred", "one hundred and twelve". */
const HUNDREDS = `(?:(?:an?|${UNIT})\\s+hundred\\b(?:\\s+(?:and\\s+)?${CARDINAL_WORDS_PATTERN})?)`;
const BELOW_1000 = `(?:${HUNDREDS}|${CARDINAL_WORDS_PATTERN})`;
/** Thousands and millions: "two thousand", "a thousand", "4 million", "1.5 million", "12 thousand". */
const LARGE = `(?:(?:${BELOW_1000}|an?|\\d+(?:[.,]\\d+)?)\\s+(?:thousand|million)\\b(?:\\s+(?:and\\s+)?${BELOW_1000})?)`;
/**
 * Digits: "1,600", European "1.600" (a point followed by exactly three digits is a thousands
 * separator), "1 600" with a no-break space, "7". Not followed by more digits after a separator,
 * so "3.5", "14:45" and "06/11" yield nothing.
 */
const DIGITS = `(?:\\d{1,3}(?:,\\d{3})+|\\d{1,3}(?:\\.\\d{3})+|\\d{1,3}(?:[\\u00a0\\u202f]\\d{3})+|\\d+)(?![\\d]|[.,:/]\\d)`;
const NUM = `(?:${LARGE}|${BELOW_1000}|${DIGITS})`;
/** "between 12 and 15", "12-15", "12 – 15", "seven to eight", "one or two". */
const RANGE = `(?:between\\s+${NUM}\\s+and\\s+${NUM}|${DIGITS}\\s*[-–]\\s*${DIGITS}|${NUM}\\s+(?:to|or)\\s+${NUM})`;
const VAGUE = `(?:${VAGUE_QUANTITIES.map((v) => `${v.pattern}\\b`).join('|')})`;
const QUALIFIER = `(?:${alternation(QUALIFIER_WORDS.map((q) => q.phrase))})`;
const ADDITIONAL_PREFIX = `(?:${alternation(ADDITIONAL_PREFIXES)})`;
const ADDITIONAL_SUFFIX = `(?:${alternation(ADDITIONAL_SUFFIXES)})\\b`;
const SINGULAR = `(?:${alternation(SINGULAR_PHRASES.map((s) => s.phrase))})\\b`;

/**
 * Regex source (no capturing groups; compile with the `i` flag) for one quantity phrase with its
 * qualifier: "at least six", "more than 1,600", "12-15", "dozens of", "two more", "another".
 * Never starts inside a word or a number ("Su-24", "3.5", "Assad", "tension") and never ends
 * inside one ("4th", "20km").
 */
export const NUMBER_PATTERN =
  `(?<![\\w\\-–/:.,])` +
  `(?:(?:${QUALIFIER}\\s+)?(?:${ADDITIONAL_PREFIX}\\s+)?(?:${RANGE}|${VAGUE}|${NUM})(?:\\s+${ADDITIONAL_SUFFIX})?` +
  `|${SINGULAR})` +
  `(?!\\w)`;

const NUMBER_REGEX = new RegExp(NUMBER_PATTERN, 'gi');

// ---------------------------------------------------------------------------------------------
// Parsing

interface BaseQuantity {
  value: number;
  min: number;
  max: number;
  qualifier: Qualifier;
  approximate: boolean;
  rule: string;
}

const QUALIFIERS_LONGEST_FIRST: readonly QualifierWord[] = [...QUALIFIER_WORDS].sort(
  (a, b) => b.phrase.length - a.phrase.length,
);
const VAGUE_ANCHORED = VAGUE_QUANTITIES.map((v) => ({ entry: v, regex: new RegExp(`^(?:${v.pattern})$`) }));

/** Lower case, one space between words, no-break-space thousands joined, dashes unified. */
function normalisePhrase(phrase: string): string {
  return phrase
    .replace(/(\d)[\u00a0\u202f](?=\d{3}\b)/g, '$1')
    .toLowerCase()
    .replace(/[–—]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Integer value of digits or number words ("1,600", "1.600", "twenty-one", "4 million"), else null. */
export function parseNumber(words: string): number | null {
  const s = normalisePhrase(words);
  if (/^\d{1,3}(?:,\d{3})+$/.test(s)) return Number(s.replace(/,/g, ''));
  if (/^\d{1,3}(?:\.\d{3})+$/.test(s)) return Number(s.replace(/\./g, ''));
  if (/^\d+$/.test(s)) return Number(s);

  const tokens = s.split(/[\s-]+/).filter((t) => t !== 'and');
  if (tokens.length === 0) return null;
  let total = 0;
  let group = 0;
  let groupStarted = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const next = tokens[i + 1];
    if (t === 'a' || t === 'an') {
      // Only as "a hundred" / "a thousand".
      if (next === undefined || !(next in SCALES) || groupStarted) return null;
      group = 1;
      groupStarted = true;
    } else if (/^\d+(?:[.,]\d+)?$/.test(t)) {
      // Digits only in front of a scale word: "4 million", "1.5 million", "1,5 million".
      if (next === undefined || !(next in SCALES) || groupStarted) return null;
      group = Number(t.replace(',', '.'));
      groupStarted = true;
    } else if (t in SMALL_NUMBERS) {
      group += SMALL_NUMBERS[t];
      groupStarted = true;
    } else if (t in TENS) {
      group += TENS[t];
      groupStarted = true;
    } else if (t in SCALES) {
      // A scale word needs a multiplier: "a hundred", "two thousand", never a bare "hundred".
      if (!groupStarted) return null;
      if (t === 'hundred') {
        group *= 100;
      } else {
        total += group * SCALES[t];
        group = 0;
        groupStarted = false;
      }
    } else {
      return null;
    }
  }
  const value = Math.round(total + group);
  return value > 0 ? value : null;
}

function exact(value: number, rule: string): BaseQuantity {
  return { value, min: value, max: value, qualifier: 'exact', approximate: false, rule };
}

/** "12-15", "12 to 15", "between 12 and 15", "seven or eight". Needs both ends and low < high. */
function parseRange(s: string): BaseQuantity | null {
  const between = /^between (.+) and (.+)$/.exec(s);
  const pairs: [string, string][] = [];
  if (between) pairs.push([between[1], between[2]]);
  for (const sep of s.matchAll(/ ?- ?| to | or /g)) {
    const at = sep.index ?? 0;
    pairs.push([s.slice(0, at), s.slice(at + sep[0].length)]);
  }
  for (const [left, right] of pairs) {
    const low = parseNumber(left);
    const high = parseNumber(right);
    if (low !== null && high !== null && low < high) {
      return { value: low, min: low, max: high, qualifier: 'about', approximate: true, rule: 'range' };
    }
  }
  return null;
}

function parseBase(s: string): BaseQuantity | null {
  for (const { entry, regex } of VAGUE_ANCHORED) {
    if (regex.test(s)) {
      return {
        value: entry.value,
        min: entry.min,
        max: entry.max,
        qualifier: entry.qualifier,
        approximate: true,
        rule: `vague:${entry.id}`,
      };
    }
  }
  const n = parseNumber(s);
  if (n !== null) return exact(n, /^[\d.,\s]+$/.test(s) ? 'digits' : 'number-words');
  return parseRange(s);
}

function applyQualifier(base: BaseQuantity, q: QualifierWord | null): BaseQuantity {
  if (q === null) return base;
  switch (q.qualifier) {
    case 'exact':
      return base;
    case 'at_least':
    case 'more_than':
      return { ...base, value: base.min, qualifier: q.qualifier };
    case 'nearly':
      return {
        ...base,
        min: Math.max(1, Math.floor((base.min * 9) / 10)),
        qualifier: 'nearly',
        approximate: true,
      };
    case 'about':
      return {
        ...base,
        min: Math.max(1, Math.floor((base.min * 9) / 10)),
        max: Math.ceil((base.max * 11) / 10),
        qualifier: 'about',
        approximate: true,
      };
    case 'up_to': {
      const max = q.strict ? base.max - 1 : base.max;
      return { ...base, value: max, min: Math.min(1, max), max, qualifier: 'up_to', approximate: true };
    }
    default:
      return { ...base, qualifier: q.qualifier };
  }
}

/**
 * The figure a quantity phrase states, or null when the phrase is not one (see the module comment
 * for how qualifiers and vague words become value/min/max). Accepts what NUMBER_PATTERN matches.
 */
export function parseQuantity(phrase: string): Quantity | null {
  let s = normalisePhrase(phrase);
  if (s === '') return null;

  const singular = SINGULAR_PHRASES.find((p) => p.phrase === s);
  if (singular) {
    return { ...exact(1, 'singular'), additional: singular.additional };
  }

  const qualifier = QUALIFIERS_LONGEST_FIRST.find((q) => s.startsWith(`${q.phrase} `)) ?? null;
  if (qualifier) s = s.slice(qualifier.phrase.length + 1);

  let additional = false;
  const prefix = ADDITIONAL_PREFIXES.find((p) => s.startsWith(`${p} `));
  if (prefix) {
    s = s.slice(prefix.length + 1);
    additional = true;
  }
  const suffix = ADDITIONAL_SUFFIXES.find((p) => s.endsWith(` ${p}`));
  if (suffix) {
    s = s.slice(0, -(suffix.length + 1));
    additional = true;
  }

  const base = parseBase(s);
  if (base === null) return null;
  return { ...applyQualifier(base, qualifier), additional };
}

// ---------------------------------------------------------------------------------------------
// Finding quantities in running text

export type NonCountKind = 'year' | 'age' | 'time' | 'date' | 'measure' | 'money' | 'identifier' | 'pronoun';

/**
 * Contexts in which a matched number is not a count of people or things. Each is tested on the
 * text just before (`before`, ending at the number) and just after (`after`, starting after it);
 * `phrase` restricts the context to some number shapes. The example contains `number`, which the
 * context must exclude.
 */
export interface NonCountContext {
  id: string;
  kind: NonCountKind;
  phrase?: RegExp;
  before?: RegExp;
  after?: RegExp;
  example: string;
  number: string;
}

const MONTH_WORDS = `(?:${MONTHS.flatMap((m) => [m.name, ...m.abbreviations]).join('|')})`;
const YEAR_SHAPE = /^(?:19|20)\d{2}(?:\s*-\s*(?:19|20)\d{2})?$/;

export const NON_COUNT_CONTEXTS: readonly NonCountContext[] = [
  {
    id: 'year-after-preposition',
    kind: 'year',
    phrase: YEAR_SHAPE,
    before: /(?:\b(?:in|since|from|until|till|during|before|after|early|late|mid|the|year|spring|summer|autumn|fall|winter)[\s-]*|\d,\s*)$/i,
    example: 'The conflict has killed hundreds of thousands since 2011.',
    number: '2011',
  },
  {
    id: 'year-before-punctuation',
    kind: 'year',
    phrase: YEAR_SHAPE,
    after: /^(?!\s+[a-z])/,
    example: 'Talks held in Astana, 2019, failed.',
    number: '2019',
  },
  {
    id: 'age-aged',
    kind: 'age',
    before: /\b(?:aged|ages|age\s+of)\s*$/i,
    example: 'Three children aged between 5 and 12 were among the dead.',
    number: 'between 5 and 12',
  },
  {
    id: 'age-year-old',
    kind: 'age',
    after: /^[\s-]*(?:years?|months?)[\s-]+old\b|^-(?:years?|months?)\b/i,
    example: 'A 12-year-old boy was wounded.',
    number: '12',
  },
  {
    id: 'age-in-parentheses',
    kind: 'age',
    phrase: /^\d{1,3}$/,
    before: /\(\s*$/,
    after: /^\s*\)/,
    example: 'Ahmad al-Khalil (55) was shot dead at a checkpoint.',
    number: '55',
  },
  {
    id: 'hyphenated-compound',
    kind: 'measure',
    after: /^-(?:pages?|days?|hours?|weeks?|months?|years?|minutes?|storey|story|floor|points?|members?|strong|kilomet(?:re|er)s?|km|miles?|met(?:re|er)s?)\b/i,
    example: 'The 23-page report lists every strike.',
    number: '23',
  },
  {
    id: 'time-of-day',
    kind: 'time',
    after: /^\s*(?:[ap]\.?m\.?(?![a-z])|o['’]?clock\b|gmt\b|utc\b|local\s+time\b)/i,
    example: 'The strike hit the market at 10 a.m. on Sunday.',
    number: '10',
  },
  {
    id: 'date-after-month',
    kind: 'date',
    before: new RegExp(`\\b${MONTH_WORDS}\\.?\\s*$`, 'i'),
    example: 'Eight civilians were killed on Wednesday, November 6, in Idlib.',
    number: '6',
  },
  {
    id: 'date-before-month',
    kind: 'date',
    after: new RegExp(`^\\s+(?:of\\s+)?${MONTH_WORDS}\\b`, 'i'),
    example: 'The raids of 6 November killed seven people.',
    number: '6',
  },
  {
    id: 'measure-unit',
    kind: 'measure',
    after:
      /^(?:\s*|-)(?:%|per\s*cent\b|percent\b|km\b|kilomet(?:re|er)s?\b|miles?\b|met(?:re|er)s?\b|hours?\b|days?\b|nights?\b|weeks?\b|months?\b|years?\b|minutes?\b|seconds?\b|hectares?\b|tons?\b|tonnes?\b|kg\b|kilograms?\b|times\b|degrees\b)/i,
    example: 'Activists said 96 people were killed in 48 hours.',
    number: '48',
  },
  {
    id: 'money',
    kind: 'money',
    before: /(?:[$€£]|\b(?:US\$|USD|EUR|SYP))\s*$/,
    example: 'The UN appealed for $4 million in aid.',
    number: '4 million',
  },
  {
    id: 'money-unit',
    kind: 'money',
    after: /^\s+(?:(?:syrian|turkish|us)\s+)?(?:dollars?|euros?|pounds?|liras?)\b/i,
    example: 'Bread now costs 500 Syrian pounds.',
    number: '500',
  },
  {
    id: 'identifier',
    kind: 'identifier',
    before:
      /\b(?:resolution|route|highway|road|motorway|brigade|division|regiment|battalion|unit|no\.|number|article|chapter|page|flight|room|building|block|phase|gate|sector|checkpoint)\s*$/i,
    example: 'Security Council Resolution 2254 calls for a ceasefire.',
    number: '2254',
  },
  {
    // "(Kurdistan 24)", "told Orient 24": digits right after a capitalised name inside a sentence.
    id: 'after-proper-name',
    kind: 'identifier',
    phrase: /^\d+$/,
    before: /[a-z,;:(]\s*\b[A-Z][A-Za-z]+\s$/,
    example: 'ERBIL (Kurdistan 24) - A drone strike hit a car.',
    number: '24',
  },
  {
    id: 'list-item-number',
    kind: 'identifier',
    phrase: /^\d{1,2}$/,
    before: /(?:^|\n)[ \t]*$/,
    after: /^[.)]\s/,
    example: 'Latest developments\n1. Daily shelling continued.',
    number: '1',
  },
  {
    id: 'no-one',
    kind: 'pronoun',
    phrase: /^one$/i,
    before: /\bno\s+$/i,
    example: 'No one was hurt in the blast.',
    number: 'one',
  },
  {
    id: 'one-another',
    kind: 'pronoun',
    phrase: /^one$/i,
    after: /^\s+another\b/i,
    example: 'The factions accused one another of the attack.',
    number: 'one',
  },
];

const CONTEXT_WINDOW = 40;

/**
 * Why the number text[start, end) is not a count, or null when it may be one. `start`/`end` are
 * offsets in `text`. Month names in a date context must be capitalised when they are also common
 * words ("May", "March").
 */
export function nonCountContext(text: string, start: number, end: number): NonCountContext | null {
  const phrase = text.slice(start, end);
  const before = text.slice(Math.max(0, start - CONTEXT_WINDOW), start);
  const after = text.slice(end, end + CONTEXT_WINDOW);
  for (const c of NON_COUNT_CONTEXTS) {
    if (c.phrase && !c.phrase.test(phrase)) continue;
    if (c.before && !c.before.test(before)) continue;
    if (c.after && !c.after.test(after)) continue;
    if (c.kind === 'date' && !monthWordIsCapitalisedWhereNeeded(c.before ? before : after, c.before !== undefined)) {
      continue;
    }
    return c;
  }
  return null;
}

/** "may"/"march" only count as months when written "May"/"March". */
function monthWordIsCapitalisedWhereNeeded(context: string, monthAtEnd: boolean): boolean {
  const word = monthAtEnd ? /([A-Za-z]+)\.?\s*$/.exec(context)?.[1] : /^\s+(?:of\s+)?([A-Za-z]+)/i.exec(context)?.[1];
  if (word === undefined) return true;
  const month = MONTHS.find((m) => m.name === word.toLowerCase() || m.abbreviations.includes(word.toLowerCase()));
  if (month === undefined || !month.capitalOnly) return true;
  return word[0] === word[0].toUpperCase();
}

/**
 * Every quantity phrase in `text`, left to right, non-overlapping, each the longest phrase at its
 * position. Offsets are shifted by `offset` (the position of `text` in its document). Bare "a"/"an"
 * and numbers in a non-count context are left out (see the module comment).
 */
export function findQuantities(text: string, offset = 0): QuantityMention[] {
  const found: QuantityMention[] = [];
  for (const m of text.matchAll(NUMBER_REGEX)) {
    const phrase = m[0];
    const start = m.index ?? 0;
    const end = start + phrase.length;
    const lower = phrase.toLowerCase();
    if (lower === 'a' || lower === 'an') continue;
    if (nonCountContext(text, start, end) !== null) continue;
    const quantity = parseQuantity(phrase);
    if (quantity === null) continue;
    found.push({ start: start + offset, end: end + offset, text: phrase, quantity });
  }
  return found;
}
