/**
 * Folds typographic variants to the ASCII forms the extraction rules are written for (curly quotes
 * and primes to ' and ", dashes and minus signs to -, Unicode spaces to a space, Arabic-script
 * punctuation and digits to their ASCII counterparts, full-width ASCII to ASCII), WITHOUT changing
 * the text's length: every UTF-16 code unit maps to exactly one code unit. That is the point of the
 * module: a span found in the normalised text is the same span in the original, so every quote and
 * offset in the output points into the document as ingested (export-format.md: claims[].start/end
 * are offsets into the document's `text`). Hence what cannot be done one-for-one is left alone:
 * characters NFKC would expand (ligatures "ﬁ", "½", "™", "‥", "㎞"), the ellipsis "…" (stays one
 * character; the segmenter knows it), composed/decomposed accents (NFC/NFD change lengths), astral
 * characters. Invisible characters (zero-width space/joiners, word joiner, BOM, soft hyphen) become
 * a plain space rather than being deleted, which splits a word that contained one ("bom\u00ADbing"
 * → "bom bing"): the price of keeping offsets, and the rarer failure compared with an invisible
 * character silently breaking every word match.
 */

/** code unit → replacement code unit; 0 = unchanged. Built once from the table below. */
const MAP = new Uint16Array(0x10000);

function mapAll(chars: string, to: string): void {
  for (const ch of chars) MAP[ch.charCodeAt(0)] = to.charCodeAt(0);
}

// Quotes and primes (U+2018–201F, U+2032–2036, U+00B4 acute accent used as an apostrophe).
mapAll('\u2018\u2019\u201A\u201B\u2032\u2035\u00B4', "'");
mapAll('\u201C\u201D\u201E\u201F\u2033\u2036', '"');
// Guillemets: « » as double quotes, ‹ › as single quotes.
mapAll('\u00AB\u00BB', '"');
mapAll('\u2039\u203A', "'");
// Hyphens, dashes, minus signs (incl. small and full-width forms).
mapAll('\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uFE58\uFE63\uFF0D', '-');
// Spaces: no-break, Ogham, en/em/thin/hair… (U+2000–200A), narrow no-break, math, ideographic.
mapAll('\u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u202F\u205F\u3000', ' ');
// Invisible: zero-width space/non-joiner/joiner, word joiner, BOM, soft hyphen, Mongolian vowel separator.
mapAll('\u200B\u200C\u200D\u2060\uFEFF\u00AD\u180E', ' ');
// Line and paragraph separators, next-line: line breaks.
mapAll('\u2028\u2029\u0085', '\n');
// Arabic-script punctuation.
mapAll('\u060C\u066C', ',');
mapAll('\u061B', ';');
mapAll('\u061F', '?');
mapAll('\u066A', '%');
mapAll('\u066B', '.');
// Arabic-Indic and Extended Arabic-Indic (Persian/Urdu) digits.
for (let d = 0; d < 10; d++) {
  MAP[0x0660 + d] = 0x30 + d;
  MAP[0x06f0 + d] = 0x30 + d;
}
// Full-width ASCII (U+FF01–FF5E) to ASCII, as NFKC does, one for one.
for (let c = 0xff01; c <= 0xff5e; c++) if (MAP[c] === 0) MAP[c] = c - 0xfee0;

/** See module comment. `normalizeText(t).length === t.length` always. */
export function normalizeText(text: string): string {
  let out: string[] | null = null;
  let copied = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x85) continue; // nothing below U+0085 is mapped: the common case costs one compare
    const to = MAP[c];
    if (to === 0) continue;
    if (out === null) out = [];
    if (i > copied) out.push(text.slice(copied, i));
    out.push(String.fromCharCode(to));
    copied = i + 1;
  }
  if (out === null) return text;
  if (copied < text.length) out.push(text.slice(copied));
  return out.join('');
}
