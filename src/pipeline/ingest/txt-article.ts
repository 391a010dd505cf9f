/**
 * Turns the bytes of a plain `.txt` article into an `Article`: id = file name without extension,
 * text = the whole file, or, when the file opens with a metadata header, the body after it.
 * The header is a run of `key: value` lines at the very top (keys url, outlet, published, title,
 * language; others are ignored like extra JSON fields) closed by a line `---`. Offsets computed
 * later refer to `text`, i.e. to the body. `published: unknown` (or empty) in the header means null;
 * without a `published` header line the caller's default (the `--published` flag) applies.
 * The file must be valid UTF-8, or UTF-16 opening with a byte order mark (the one way a .txt can
 * say its encoding; Windows tools write it): any other encoding would be a guess, so it is refused,
 * UTF-16 without a mark with its name and the command that converts it (utf16-detection.ts).
 */
import { isUtf8 } from 'node:buffer';
import { basename, extname } from 'node:path';
import type { Article } from '../../domain/types.ts';
import { InputError } from './input-error.ts';
import { PUBLISHED_EXPECTED, isoDayOf } from './published-date.ts';
import { checkArticleText } from './parse-article.ts';
import { decodeUtf16WithBom, detectUtf16, utf16FileError } from './utf16-detection.ts';

const HEADER_KEYS = ['url', 'outlet', 'published', 'title', 'language'] as const;
type HeaderKey = (typeof HEADER_KEYS)[number];

const HEADER_LINE = /^([A-Za-z][A-Za-z0-9_-]*)[ \t]*:(.*)$/;
const HEADER_END = /^---[ \t]*$/;
/** A header is looked for in the first lines only; past this it is body text. */
const MAX_HEADER_LINES = 40;

export interface TxtHeader {
  fields: Partial<Record<HeaderKey, string>>;
  /** 1-based line number of each field, for error messages. */
  lines: Partial<Record<HeaderKey, number>>;
  /** Offset in the decoded file where the body starts. */
  bodyStart: number;
  /** 1-based line number of the first body line. */
  bodyLine: number;
}

/** The header block at the top of `content`, or null when the file has none. */
export function parseTxtHeader(content: string): TxtHeader | null {
  const fields: Partial<Record<HeaderKey, string>> = {};
  const lines: Partial<Record<HeaderKey, number>> = {};
  let pos = 0;
  let sawField = false;
  for (let lineNo = 1; lineNo <= MAX_HEADER_LINES && pos < content.length; lineNo++) {
    const nl = content.indexOf('\n', pos);
    const lineEnd = nl === -1 ? content.length : nl;
    const next = nl === -1 ? content.length : nl + 1;
    let line = content.slice(pos, lineEnd);
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (HEADER_END.test(line)) {
      return sawField ? { fields, lines, bodyStart: next, bodyLine: lineNo + 1 } : null;
    }
    const m = HEADER_LINE.exec(line);
    if (!m) return null;
    sawField = true;
    const key = m[1].toLowerCase();
    if ((HEADER_KEYS as readonly string[]).includes(key)) {
      fields[key as HeaderKey] = m[2].trim();
      lines[key as HeaderKey] = lineNo;
    }
    pos = next;
  }
  return null;
}

/** The first byte offset at which `buf` is not valid UTF-8 (buf is known to be invalid). */
function firstInvalidUtf8(buf: Buffer): number {
  let i = 0;
  while (i < buf.length) {
    const b = buf[i];
    let need: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else {
      return i;
    }
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = buf[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return buf.length;
}

/** The text of a `.txt` file's bytes: UTF-8, or UTF-16 with a byte order mark; else an InputError. */
function decodeText(bytes: Buffer, file: string): string {
  const utf16 = detectUtf16(bytes);
  if (utf16?.byteOrderMark) return decodeUtf16WithBom(bytes, file, utf16);
  if (utf16) throw utf16FileError(file, 'text', utf16, 'expected UTF-8 (or UTF-16 with a byte order mark)');
  if (!isUtf8(bytes)) {
    throw new InputError(
      file,
      'text',
      `invalid UTF-8 at byte ${firstInvalidUtf8(bytes)}; expected a text file encoded as UTF-8 (re-encode it, e.g. iconv -f windows-1252 -t utf-8)`,
    );
  }
  return bytes.toString('utf8');
}

/**
 * Builds the article of one `.txt` file. `file` names it in errors; `defaultPublished` (already a
 * `YYYY-MM-DD` day or null) applies when the header has no `published` line.
 */
export function txtArticle(bytes: Buffer, file: string, defaultPublished: string | null): Article {
  let content = decodeText(bytes, file);
  if (content.charCodeAt(0) === 0xfeff) content = content.slice(1);

  const header = parseTxtHeader(content);
  const id = basename(file, extname(file));
  if (id.trim() === '') throw new InputError(file, 'id', 'file name gives an empty document id; rename the file');

  const text = header ? content.slice(header.bodyStart) : content;
  checkArticleText(text, file);

  const fields = header?.fields ?? {};
  let published = defaultPublished;
  if (fields.published !== undefined) {
    const raw = fields.published;
    if (raw === '' || raw.toLowerCase() === 'unknown') {
      published = null;
    } else {
      published = isoDayOf(raw);
      if (published === null) {
        throw new InputError(
          `${file}:${header?.lines.published ?? 1}`,
          'published',
          `header "published: ${raw}" is not ${PUBLISHED_EXPECTED} or "unknown"`,
        );
      }
    }
  }
  const orNull = (v: string | undefined): string | null => (v === undefined || v === '' ? null : v);
  return {
    id,
    text,
    published,
    url: orNull(fields.url),
    outlet: orNull(fields.outlet),
    title: orNull(fields.title),
    language: orNull(fields.language),
  };
}
