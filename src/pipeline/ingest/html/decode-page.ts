/**
 * Turns the bytes of an HTML page into a string, choosing the character encoding the way a browser
 * does, in a reduced form of WHATWG HTML §13.2.3 ("Determining the character encoding"): a byte
 * order mark decides; then the HTTP Content-Type charset; then a `<meta charset>` or
 * `<meta http-equiv="Content-Type">` in the first 1024 bytes (the "prescan"); else UTF-8 (the
 * spec's last step is a guess from the locale or the bytes, which is left out: a guess would make
 * the same page read differently on different machines). Invalid byte sequences become U+FFFD and
 * lone surrogates are replaced, so the result is always a well-formed string.
 */
import { InputError } from '../input-error.ts';

/** How many bytes the meta prescan looks at (WHATWG: "the first 1024 bytes"). */
const PRESCAN_BYTES = 1024;

/** Where the encoding was found, for error messages. */
export type CharsetSource = 'byte order mark' | 'Content-Type header' | 'meta charset' | 'default';

export interface ChosenCharset {
  label: string;
  from: CharsetSource;
}

const ENCODING_EXAMPLES = 'a WHATWG encoding label such as utf-8, windows-1252, iso-8859-2 or windows-1256';

/** The encoding a byte order mark announces, or null without one. */
export function charsetOfBom(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

/**
 * The `charset` parameter of a Content-Type value (RFC 9110 §8.3: parameter names are
 * case-insensitive, values may be quoted), or null. `text/html; charset="ISO-8859-1"` → `ISO-8859-1`.
 */
export function charsetOfContentType(contentType: string): string | null {
  const params = contentType.split(';').slice(1);
  for (const param of params) {
    const eq = param.indexOf('=');
    if (eq === -1) continue;
    if (param.slice(0, eq).trim().toLowerCase() !== 'charset') continue;
    let value = param.slice(eq + 1).trim();
    if (value.startsWith('"')) {
      const close = value.indexOf('"', 1);
      value = close === -1 ? value.slice(1) : value.slice(1, close);
    }
    value = value.trim();
    return value === '' ? null : value;
  }
  return null;
}

/** One attribute in a tag: name, then optionally = and a double-, single- or un-quoted value. */
const TAG_ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]*)))?/y;

/** The attributes of the tag whose name ends at `from`, lower-cased names, first occurrence wins. */
function tagAttributes(head: string, from: number): Map<string, string> {
  const attrs = new Map<string, string>();
  let pos = from;
  while (pos < head.length) {
    while (pos < head.length && (head[pos] === '/' || /\s/.test(head[pos]))) pos++;
    if (pos >= head.length || head[pos] === '>') break;
    TAG_ATTRIBUTE.lastIndex = pos;
    const m = TAG_ATTRIBUTE.exec(head);
    if (!m || m[0].length === 0) break;
    const name = m[1].toLowerCase();
    if (!attrs.has(name)) attrs.set(name, m[2] ?? m[3] ?? m[4] ?? '');
    pos = TAG_ATTRIBUTE.lastIndex;
  }
  return attrs;
}

/**
 * WHATWG "algorithm for extracting a character encoding from a meta element": the value after
 * `charset` `=` in a content attribute. `text/html; charset=windows-1252` → `windows-1252`.
 */
const CONTENT_CHARSET = /charset\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s;"']+))/i;

/**
 * The encoding label a `<meta>` in the first 1024 bytes declares, or null. Comments are skipped;
 * a declared UTF-16 means UTF-8 and x-user-defined means windows-1252, as the prescan says (a
 * page whose meta tag could be read as ASCII is not UTF-16).
 */
export function prescanMetaCharset(bytes: Uint8Array): string | null {
  // latin1 maps each byte to one character, so ASCII markup reads as itself whatever the encoding.
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, PRESCAN_BYTES)).toString('latin1');
  const metaStart = /<!--|<meta[\s/]/gi;
  let m: RegExpExecArray | null;
  while ((m = metaStart.exec(head)) !== null) {
    if (m[0] === '<!--') {
      const end = head.indexOf('-->', m.index + 4);
      if (end === -1) return null;
      metaStart.lastIndex = end + 3;
      continue;
    }
    const attrs = tagAttributes(head, m.index + 5);
    let label: string | null = null;
    const charset = attrs.get('charset');
    if (charset !== undefined && charset.trim() !== '') {
      label = charset.trim();
    } else if (attrs.get('http-equiv')?.trim().toLowerCase() === 'content-type') {
      const c = CONTENT_CHARSET.exec(attrs.get('content') ?? '');
      if (c) label = (c[1] ?? c[2] ?? c[3]).trim();
    }
    if (label === null || label === '') continue;
    const lower = label.toLowerCase();
    if (lower === 'utf-16' || lower === 'utf-16le' || lower === 'utf-16be') return 'utf-8';
    if (lower === 'x-user-defined') return 'windows-1252';
    return label;
  }
  return null;
}

/** The encoding of `bytes`: BOM, then Content-Type charset, then meta prescan, then UTF-8. */
export function chooseCharset(bytes: Uint8Array, contentType: string | null): ChosenCharset {
  const bom = charsetOfBom(bytes);
  if (bom !== null) return { label: bom, from: 'byte order mark' };
  const header = contentType ? charsetOfContentType(contentType) : null;
  if (header !== null) return { label: header, from: 'Content-Type header' };
  const meta = prescanMetaCharset(bytes);
  if (meta !== null) return { label: meta, from: 'meta charset' };
  return { label: 'utf-8', from: 'default' };
}

/**
 * Bytes 0x80–0x9F of windows-1252 (WHATWG Encoding, index-windows-1252): "smart" quotes, dashes,
 * the euro sign. Node's TextDecoder has decoded windows-1252 — and the labels that mean it on the
 * web: latin1, iso-8859-1, ascii — as ISO-8859-1 since 20.18.3, leaving these bytes as C1 control
 * characters (nodejs/node#56542, #60888). They are put right after decoding; five bytes the
 * standard maps to themselves (0x81, 0x8D, 0x8F, 0x90, 0x9D) stay as they are.
 */
const WINDOWS_1252_C1 =
  '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F' +
  '\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';

function fixWindows1252(decoded: string): string {
  return decoded.replace(/[\u0080-\u009F]/g, (c) => WINDOWS_1252_C1[c.charCodeAt(0) - 0x80]);
}

/** Replaces lone surrogates with U+FFFD (String.prototype.toWellFormed, ES2024, present in Node 20). */
function wellFormed(s: string): string {
  return (s as string & { toWellFormed(): string }).toWellFormed();
}

/**
 * The page as a well-formed string. A string given is taken as already decoded (a leading BOM
 * character is dropped). An encoding label TextDecoder does not know is an InputError naming it.
 */
export function decodePage(bytes: Uint8Array | string, source: string, contentType: string | null): string {
  if (typeof bytes === 'string') return wellFormed(bytes.charCodeAt(0) === 0xfeff ? bytes.slice(1) : bytes);
  const { label, from } = chooseCharset(bytes, contentType);
  let decoder: TextDecoder;
  try {
    // fatal: false (the default) turns invalid sequences into U+FFFD; the BOM, when it matches, is dropped.
    decoder = new TextDecoder(label);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    throw new InputError(
      source,
      'text',
      `unknown character encoding ${JSON.stringify(label)} in the ${from}; expected ${ENCODING_EXAMPLES}`,
    );
  }
  const decoded = decoder.decode(bytes);
  return wellFormed(decoder.encoding === 'windows-1252' ? fixWindows1252(decoded) : decoded);
}
