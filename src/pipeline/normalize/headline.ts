/**
 * Tells a headline or subheading line from a sentence: scraped articles carry titles, section
 * heads ("Latest developments") and quoted pull-heads on lines of their own, without a full stop.
 * Extraction should not read them as sentences of the report (a headline restates the lead, and
 * counting it would double a figure). Three rules, each with an id reported as the segment's rule.
 * The last line of a text is never a headline: excerpts and scraped pages are often cut off
 * mid-sentence ("The US State Departmen"), and a cut-off sentence must stay a sentence.
 */

/** Lines longer than this, in characters or words, are not headlines. */
const MAX_HEADLINE_CHARS = 250;
const MAX_HEADLINE_WORDS = 25;
const MAX_SHORT_HEADLINE_WORDS = 6;
/** Sentence-case lines without a final stop up to this many words are headlines ("Russian strikes kill nine in Idlib"). */
const MAX_UNPUNCTUATED_HEADLINE_WORDS = 16;
const EARLY_COMMA_WORDS = 4;
/** Share of capitalised words (small words aside) that makes a line Title Case. */
const TITLE_CASE_RATIO = 0.75;

/** Words Title Case leaves in lower case; a line ending with one was cut off, not titled. */
const SMALL_WORDS: ReadonlySet<string> = new Set([
  'a', 'an', 'the', 'and', 'or', 'but', 'nor', 'of', 'in', 'on', 'at', 'to', 'for', 'by', 'with', 'from',
  'as', 'into', 'onto', 'over', 'after', 'amid', 'near', 'per', 'via', 'vs', 'is', 'are', 'was', 'were',
  'be', 'its', 'off', 'up', 'out', 'than', 'that', 'has', 'have', 'had', 'al', 'el', 'bin', 'de',
]);

const SENTENCE_FINAL = '.!?…:;,';
const CLOSERS = '"\')]}»”’›';
const OPENERS = '"\'([{«“‘‹';

function isUpper(ch: string): boolean {
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}
function isLower(ch: string): boolean {
  return ch !== ch.toUpperCase() && ch === ch.toLowerCase();
}

export type HeadlineRule = 'headline-title-case' | 'headline-short' | 'headline-unpunctuated';

/**
 * The headline rule `line` (trimmed) satisfies, or null when it reads as a sentence. `lastLine`:
 * the line is the text's last, where a missing full stop more likely means the text was cut off.
 */
export function headlineRule(line: string, lastLine = false): HeadlineRule | null {
  if (lastLine) return null;
  if (line.length === 0 || line.length > MAX_HEADLINE_CHARS) return null;
  let t = line.length - 1;
  while (t >= 0 && CLOSERS.includes(line[t])) t--;
  if (t < 0 || SENTENCE_FINAL.includes(line[t])) return null;

  const words = line.split(/\s+/);
  if (words.length > MAX_HEADLINE_WORDS) return null;
  let cased = 0;
  let upper = 0;
  let firstLetter = '';
  for (let w = 0; w < words.length; w++) {
    let word = words[w];
    let a = 0;
    while (a < word.length && OPENERS.includes(word[a])) a++;
    word = word.slice(a);
    const ch = word[0];
    if (ch === undefined) continue;
    if (firstLetter === '') firstLetter = ch;
    const bare = word.replace(/[^\p{L}\p{N}'-]+$/u, '').toLowerCase();
    if (w > 0 && SMALL_WORDS.has(bare)) continue;
    if (isUpper(ch)) {
      upper++;
      cased++;
    } else if (isLower(ch)) {
      cased++;
    }
  }
  if (cased > 0 && isUpper(firstLetter) && upper / cased >= TITLE_CASE_RATIO) return 'headline-title-case';

  const lastWord = words[words.length - 1].replace(/[^\p{L}\p{N}'-]+$/u, '').toLowerCase();
  if (!isUpper(firstLetter) || SMALL_WORDS.has(lastWord)) return null;
  if (words.length <= MAX_SHORT_HEADLINE_WORDS) return 'headline-short';
  // "Moreover, another drone hit ...", "On Tuesday, three ...": an opening phrase set off by a
  // comma is how sentences start, not headlines.
  const earlyComma = words.slice(0, EARLY_COMMA_WORDS).some((w) => w.endsWith(','));
  if (words.length <= MAX_UNPUNCTUATED_HEADLINE_WORDS && !earlyComma) return 'headline-unpunctuated';
  return null;
}
