/**
 * Finding where a quoted sentence sits in an article's text, so that gold quotes (which carry no
 * offsets) can be compared with the system's character spans. An exact `indexOf` is tried first;
 * when an annotator's quote differs from the text only in whitespace, typographic quotes, dashes
 * or letter case, the search is repeated on a normalised copy of both and the hit is mapped back
 * to offsets in the ORIGINAL text.
 */
import type { Span } from '../domain/types.ts';

/** Typographic variants folded to one ASCII character before comparing. */
const FOLD: Record<string, string> = {
  '\u2018': "'", '\u2019': "'", '\u201a': "'", '\u201b': "'", '\u02bc': "'", '\u2032': "'", '`': "'", '\u00b4': "'",
  '\u201c': '"', '\u201d': '"', '\u201e': '"', '\u201f': '"', '\u00ab': '"', '\u00bb': '"', '\u2033': '"',
  '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2013': '-', '\u2014': '-', '\u2015': '-', '\u2212': '-',
};

interface Normalised {
  text: string;
  /** Original offset of each character of `text`. */
  origin: number[];
}

/** Fold quotes and dashes, lower-case, and collapse every whitespace run to one space. */
function normalise(s: string): Normalised {
  let text = '';
  const origin: number[] = [];
  let pendingSpace = -1;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (/\s/.test(ch)) {
      if (pendingSpace < 0) pendingSpace = i;
      continue;
    }
    if (pendingSpace >= 0) {
      if (text.length > 0) {
        text += ' ';
        origin.push(pendingSpace);
      }
      pendingSpace = -1;
    }
    const folded = FOLD[ch] ?? ch;
    const lower = folded.toLowerCase();
    // Keep a one-to-one map of characters: skip case folding that changes length.
    text += lower.length === 1 ? lower : folded;
    origin.push(i);
  }
  return { text, origin };
}

/** Where `quote` occurs in `text`, or null when it does not occur even after normalising. */
export function locateQuote(text: string, quote: string): Span | null {
  if (quote.length === 0) return null;
  const exact = text.indexOf(quote);
  if (exact >= 0) return { start: exact, end: exact + quote.length };
  const nq = normalise(quote).text;
  if (nq.length === 0) return null;
  const nt = normalise(text);
  const at = nt.text.indexOf(nq);
  if (at < 0) return null;
  return { start: nt.origin[at], end: nt.origin[at + nq.length - 1] + 1 };
}

/** Two half-open spans share at least one character. */
export function spansOverlap(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

/**
 * Fallback when a span cannot be placed in the text (article missing): the normalised quotes
 * overlap when one contains the other.
 */
export function quotesOverlap(a: string, b: string): boolean {
  const na = normalise(a).text;
  const nb = normalise(b).text;
  if (na.length === 0 || nb.length === 0) return false;
  return na.includes(nb) || nb.includes(na);
}
