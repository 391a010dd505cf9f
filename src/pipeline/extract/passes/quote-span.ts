/** The exact words a frame was read from: its clause, trimmed of separators and connectives. */
import type { Span } from '../../../domain/types.ts';

export function quoteSpan(text: string, f: Span): Span {
  let start = f.start;
  let end = f.end;
  while (start < end && /[\s,;:\-–]/.test(text[start])) start++;
  while (end > start && /[\s,;]/.test(text[end - 1])) end--;
  // Leading connectives of a split clause ("while", "and they are") are not part of the statement.
  const lead = /^(?:and\s+)?(?:while|whereas|they are|and)\s+/i.exec(text.slice(start, end));
  if (lead) start += lead[0].length;
  return { start, end };
}
