/**
 * Splits a (normalised) article text into segments: sentences, headline lines and boilerplate
 * lines, with offsets into the text, so extraction reads one sentence at a time and quotes it
 * exactly. A line break always ends a segment (headlines, bullets and captions carry no full stop).
 * Inside a line, sentences end at . ! ? … (and runs like "?!" or "..."), after any closing quotes
 * and brackets, when whitespace and a plausible sentence start follow; a stop after an abbreviation,
 * an initial, or inside a number does not end a sentence. One pass over the characters; the only
 * regular expressions run once per short line (boilerplate and headline checks).
 */
import { matchBoilerplate } from './boilerplate-patterns.ts';
import { headlineRule } from './headline.ts';
import { ABBREVIATIONS, SENTENCE_OPENERS } from './sentence-abbreviations.ts';

export type SegmentKind = 'sentence' | 'headline' | 'boilerplate';

export interface Segment {
  /** Offsets [start, end) in the text; no surrounding whitespace. */
  start: number;
  end: number;
  /** `text === input.slice(start, end)`. */
  text: string;
  kind: SegmentKind;
  /** 0-based index of the non-blank line the segment is on (each line is a paragraph). */
  paragraph: number;
  /** For headlines and boilerplate: the id of the rule or pattern that classified the line. */
  rule?: string;
}

const DOT = 0x2e;
const BANG = 0x21;
const QUESTION = 0x3f;
const ELLIPSIS = 0x2026;
const DQUOTE = 0x22;

function isLineBreak(c: number): boolean {
  return c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029 || c === 0x85;
}
function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0b || c === 0x0c || c === 0xa0 || (c >= 0x2000 && c <= 0x200b) ||
    c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff || c === 0x1680;
}
function isTerminal(c: number): boolean {
  return c === DOT || c === BANG || c === QUESTION || c === ELLIPSIS;
}
/** Closing marks that cannot open anything: consumed after a terminal even across a space. */
function isHardCloser(c: number): boolean {
  return c === 0x29 || c === 0x5d || c === 0x7d || c === 0xbb || c === 0x201d || c === 0x203a;
}
function isAsciiUpper(c: number): boolean {
  return c >= 0x41 && c <= 0x5a;
}
function isAsciiLower(c: number): boolean {
  return c >= 0x61 && c <= 0x7a;
}
function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}
function isLetter(c: number, ch: string): boolean {
  if (isAsciiUpper(c) || isAsciiLower(c)) return true;
  return c > 0x7f && ch.toLowerCase() !== ch.toUpperCase();
}
const NON_LATIN_START = /[\p{Lu}\p{Lt}\p{Lo}]/u;

/** Can a sentence begin with this character? Upper case, digit, opening quote or bracket, uncased script. */
function isSentenceStart(text: string, k: number): boolean {
  const c = text.charCodeAt(k);
  if (isAsciiUpper(c) || isDigit(c)) return true;
  if (c === DQUOTE || c === 0x27 || c === 0x28 || c === 0x5b) return true;
  if (c < 0x80) return false;
  if (c === 0x201c || c === 0x2018 || c === 0xab || c === 0x2039) return true;
  return NON_LATIN_START.test(text[k]);
}

/** Bullet markers at a line start; ASCII ones and dashes need a space after them. */
function bulletEnd(text: string, s: number, e: number): number {
  const c = text.charCodeAt(s);
  const spaced = (at: number): boolean => at < e && isSpace(text.charCodeAt(at));
  if (c === 0x2022 || c === 0xb7 || c === 0x25aa || c === 0x25a0 || c === 0x25cf || c === 0x25e6 ||
      c === 0x2023 || c === 0x25ba || c === 0x25cb || c === 0x2043) {
    return s + 1;
  }
  if ((c === 0x2d || c === 0x2a || c === 0x2013 || c === 0x2014) && spaced(s + 1)) return s + 1;
  // Numbered items: "1. ", "12) "
  let d = s;
  while (d < e && d - s < 2 && isDigit(text.charCodeAt(d))) d++;
  if (d > s && d < e && (text.charCodeAt(d) === DOT || text.charCodeAt(d) === 0x29) && spaced(d + 1)) return d + 1;
  return s;
}

/** Does the capitalised word at k (after opening quotes) commonly open a sentence? */
function opensSentence(text: string, k: number, e: number): boolean {
  while (k < e && (text.charCodeAt(k) === DQUOTE || text.charCodeAt(k) === 0x27 || text.charCodeAt(k) === 0x28)) k++;
  let w = k;
  while (w < e && (isAsciiUpper(text.charCodeAt(w)) || isAsciiLower(text.charCodeAt(w)))) w++;
  return w > k && SENTENCE_OPENERS.has(text.slice(k, w));
}

/**
 * Given a single full stop at i, the word before it (letters and inner stops) decides: abbreviations
 * and initials usually do not end a sentence. `k` is where the next sentence would start.
 */
function stopEndsSentence(text: string, i: number, k: number, e: number, lineStart: number): boolean {
  let ts = i;
  while (ts > lineStart) {
    const c = text.charCodeAt(ts - 1);
    if (c === DOT || isLetter(c, text[ts - 1])) ts--;
    else break;
  }
  if (ts === i) return true; // a number, a quote or a bracket before the stop
  const token = text.slice(ts, i);
  const lower = token.toLowerCase();
  let kind = ABBREVIATIONS.get(lower);
  if (kind === undefined) {
    if (token.length === 1 && isAsciiUpper(token.charCodeAt(0))) kind = 'final'; // an initial: "John F. Kennedy"
    else if (token.includes('.')) kind = 'final'; // an unlisted dotted abbreviation: "U.S.A."
    else return true;
  }
  switch (kind) {
    case 'title':
    case 'mid':
      return false;
    case 'number':
      return !isDigit(text.charCodeAt(k));
    case 'final':
      return opensSentence(text, k, e);
  }
}

/** Splits the content [s, e) of one line into sentence segments. */
function splitSentences(text: string, s: number, e: number, paragraph: number, out: Segment[]): void {
  const first = out.length;
  let sentStart = s;
  let quotes = 0; // straight double quotes seen on the line: odd = inside a quotation
  const push = (a: number, b: number): void => {
    while (b > a && isSpace(text.charCodeAt(b - 1))) b--;
    while (a < b && isSpace(text.charCodeAt(a))) a++;
    if (b <= a) return;
    let hasWord = false;
    for (let x = a; x < b && !hasWord; x++) hasWord = isLetter(text.charCodeAt(x), text[x]) || isDigit(text.charCodeAt(x));
    const prev = out.length > first ? out[out.length - 1] : null;
    if (!hasWord && prev) {
      // Stray punctuation (") ." in machine-translated text) belongs to the sentence before it.
      prev.end = b;
      prev.text = text.slice(prev.start, b);
      return;
    }
    out.push({ start: a, end: b, text: text.slice(a, b), kind: 'sentence', paragraph });
  };

  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    if (c === DQUOTE) {
      quotes++;
      continue;
    }
    if (!isTerminal(c)) continue;
    let j = i;
    while (j < e && isTerminal(text.charCodeAt(j))) j++;
    const singleStop = j === i + 1 && c === DOT;

    // Closing quotes and brackets after the terminal, then any further terminal run (". )." ).
    let end = j;
    for (;;) {
      const a = text.charCodeAt(end);
      if (end < e && (isHardCloser(a) || a === DQUOTE || a === 0x27 || a === 0x2019)) {
        if (a === DQUOTE) quotes++;
        end++;
        continue;
      }
      let k = end;
      while (k < e && isSpace(text.charCodeAt(k))) k++;
      const b = text.charCodeAt(k);
      if (k > end && k < e && (isHardCloser(b) || (b === DQUOTE && quotes % 2 === 1))) {
        if (b === DQUOTE) quotes++;
        end = k + 1;
        continue;
      }
      if (end < e && isTerminal(a) && end > j) {
        while (end < e && isTerminal(text.charCodeAt(end))) end++;
        continue;
      }
      break;
    }

    let k = end;
    while (k < e && isSpace(text.charCodeAt(k))) k++;
    if (k >= e) break; // the line's end closes the sentence
    let boundary: boolean;
    if (k === end) {
      // No space: "1.5", "U.S.-backed", "example.com" are not boundaries, but "people.The" is.
      boundary = singleStop && end === j && isAsciiLower(text.charCodeAt(i - 1)) && i - 2 >= s &&
        isLetter(text.charCodeAt(i - 2), text[i - 2]) && isAsciiUpper(text.charCodeAt(k)) &&
        isAsciiLower(text.charCodeAt(k + 1)) && stopEndsSentence(text, i, k, e, s);
    } else if (!isSentenceStart(text, k)) {
      boundary = false;
    } else {
      boundary = singleStop ? stopEndsSentence(text, i, k, e, s) : true;
    }
    if (boundary) {
      push(sentStart, end);
      sentStart = k;
    }
    i = end - 1;
  }
  push(sentStart, e);
}

/** See module comment. `text` should be the output of normalizeText (works on raw text too). */
export function segment(text: string): Segment[] {
  const out: Segment[] = [];
  const n = text.length;
  let paragraph = 0;
  let lineStart = 0;
  let lastContent = n; // end of the last non-blank character: the last line is the one reaching it
  while (lastContent > 0 && (isSpace(text.charCodeAt(lastContent - 1)) || isLineBreak(text.charCodeAt(lastContent - 1)))) lastContent--;
  while (lineStart <= n) {
    let lineEnd = lineStart;
    while (lineEnd < n && !isLineBreak(text.charCodeAt(lineEnd))) lineEnd++;

    let s = lineStart;
    let e = lineEnd;
    while (s < e && isSpace(text.charCodeAt(s))) s++;
    while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
    let bulleted = false;
    if (s < e) {
      const afterBullet = bulletEnd(text, s, e);
      bulleted = afterBullet > s;
      s = afterBullet;
      while (s < e && isSpace(text.charCodeAt(s))) s++;
    }
    if (s < e) {
      const line = text.slice(s, e);
      const boilerplate = matchBoilerplate(line);
      const headline = boilerplate || bulleted ? null : headlineRule(line, lineEnd >= lastContent);
      if (boilerplate) {
        out.push({ start: s, end: e, text: line, kind: 'boilerplate', paragraph, rule: boilerplate.id });
      } else if (headline) {
        out.push({ start: s, end: e, text: line, kind: 'headline', paragraph, rule: headline });
      } else {
        splitSentences(text, s, e, paragraph, out);
      }
      paragraph++;
    }

    if (lineEnd >= n) break;
    lineStart = lineEnd + (text.charCodeAt(lineEnd) === 0x0d && text.charCodeAt(lineEnd + 1) === 0x0a ? 2 : 1);
  }
  return out;
}
