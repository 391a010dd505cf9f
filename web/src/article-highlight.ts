/**
 * Plans how an article's text is cut up to show one claim: the text before the quoted sentence,
 * the sentence itself (rendered as `<mark>`) with the extracted fields inside it underlined and
 * labelled with their rule id, and the text after. Kept free of the DOM so the offsets logic is
 * tested in Node. Offsets are UTF-16 code-unit positions in the document's `text`, as the API gives
 * them. A quote whose offsets fall outside the text, or whose text no longer matches (the document
 * got a new version after linking), is reported rather than silently mis-highlighted.
 */

export interface FieldSpan {
  start: number;
  end: number;
  /** Shown as the span's tooltip, e.g. "killed.civilians = 12 (rule casualties.at-least)". */
  label: string;
}

export interface Piece {
  start: number;
  end: number;
  /** null for plain text inside the quote. */
  field: string | null;
}

export interface HighlightPlan {
  before: [number, number];
  quote: Piece[];
  after: [number, number];
  /** True when text.slice(start, end) equals the claim's quote. */
  matches: boolean;
}

export class QuoteSpanError extends Error {
  constructor(readonly start: number, readonly end: number, readonly textLength: number) {
    super(`quote span ${start}..${end} does not fit the article text of ${textLength} characters; expected 0 <= start < end <= ${textLength}`);
    this.name = 'QuoteSpanError';
  }
}

export function planHighlight(text: string, start: number, end: number, quote: string, fields: readonly FieldSpan[]): HighlightPlan {
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > text.length || start >= end) {
    throw new QuoteSpanError(start, end, text.length);
  }
  // Fields inside the quote, earliest first; a field overlapping one already taken is dropped
  // (nested underlines would be unreadable; its rule still shows in the claim's field list).
  const inside = fields
    .filter((f) => f.start >= start && f.end <= end && f.start < f.end)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const pieces: Piece[] = [];
  let at = start;
  for (const f of inside) {
    if (f.start < at) continue;
    if (f.start > at) pieces.push({ start: at, end: f.start, field: null });
    pieces.push({ start: f.start, end: f.end, field: f.label });
    at = f.end;
  }
  if (at < end) pieces.push({ start: at, end, field: null });
  return { before: [0, start], quote: pieces, after: [end, text.length], matches: text.slice(start, end) === quote };
}
