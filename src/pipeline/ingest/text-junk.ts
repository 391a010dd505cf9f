/**
 * Recognises article "text" that is not text: binary data pasted or decoded as a string. Such
 * input would pass as a non-empty string yet yield nothing but noise downstream, so the boundary
 * rejects it with a reason. One pass over the characters, counting NULs, U+FFFD replacement
 * characters (what a lenient UTF-8 decoder leaves for invalid bytes) and other control characters.
 */

/** Replacement characters tolerated: a couple of stray ones, or up to 1% of the text. */
const MAX_REPLACEMENT_RATIO = 0.01;
const MIN_REPLACEMENTS_TO_REJECT = 3;
/** Control characters other than tab, line feed, vertical tab, form feed and carriage return. */
const MAX_CONTROL_RATIO = 0.1;

/** Why `text` looks like binary junk, or null when it looks like text. */
export function describeJunk(text: string): string | null {
  let firstNul = -1;
  let replacements = 0;
  let controls = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20) {
      if (c === 0) {
        if (firstNul < 0) firstNul = i;
        controls++;
      } else if (c < 9 || c > 13) {
        controls++;
      }
    } else if (c >= 0x7f && c <= 0x9f) {
      controls++;
    } else if (c === 0xfffd) {
      replacements++;
    }
  }
  if (firstNul >= 0) {
    return `contains NUL characters (first at offset ${firstNul}); expected plain text, is this a binary file?`;
  }
  if (replacements >= MIN_REPLACEMENTS_TO_REJECT && replacements > text.length * MAX_REPLACEMENT_RATIO) {
    return (
      `contains ${replacements} replacement characters (U+FFFD) in ${text.length} characters, ` +
      'the mark of invalid UTF-8 or binary data; expected text encoded as UTF-8'
    );
  }
  if (controls > text.length * MAX_CONTROL_RATIO) {
    return `is ${Math.round((100 * controls) / text.length)}% control characters; expected plain text, is this binary data?`;
  }
  return null;
}
