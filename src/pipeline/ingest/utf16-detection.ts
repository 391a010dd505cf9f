/**
 * Recognises input files written in UTF-16 instead of UTF-8 — what Windows tools call "Unicode"
 * (Notepad's "Save as Unicode", Windows PowerShell 5's `>` and `Out-File`) — so the reader can
 * name the encoding and the fix rather than report every line as invalid JSON or the file as
 * binary. Evidence, strongest first: a byte order mark (FF FE little-endian, FE FF big-endian, per
 * the Unicode Standard §23.8), else NUL bytes at every other position at the start of the file
 * (text made of ASCII characters, as JSON keys and English prose are, has a zero high byte in
 * every UTF-16 code unit; UTF-8 text has no NUL bytes at all).
 */
import { open } from 'node:fs/promises';
import { InputError } from './input-error.ts';

export type Utf16Encoding = 'UTF-16LE' | 'UTF-16BE';

export interface Utf16Detection {
  encoding: Utf16Encoding;
  /** True when a byte order mark says so (and is the file's first two bytes); false when guessed from NULs. */
  byteOrderMark: boolean;
}

/** Bytes of the start of a file looked at: several lines of any JSON Lines file or article. */
export const UTF16_SNIFF_BYTES = 512;
/** Fewest 2-byte units with a NUL on one side for a guess: a handful of ASCII characters. */
const MIN_NUL_UNITS = 4;

/**
 * Whether `head` (the first bytes of a file) is UTF-16, and which byte order. Without a byte
 * order mark, at least a quarter of the first units must have their NUL on one side, and at most
 * an eighth as many on the other (UTF-16LE puts NUL second in U+0041 "A" as 41 00, but first in
 * U+3000, the ideographic space, as 00 30).
 */
export function detectUtf16(head: Uint8Array): Utf16Detection | null {
  if (head.length >= 2) {
    if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'UTF-16LE', byteOrderMark: true };
    if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'UTF-16BE', byteOrderMark: true };
  }
  const end = Math.min(head.length, UTF16_SNIFF_BYTES) & ~1;
  const units = end / 2;
  let nulFirst = 0;
  let nulSecond = 0;
  for (let i = 0; i < end; i += 2) {
    if (head[i] === 0) nulFirst++;
    if (head[i + 1] === 0) nulSecond++;
  }
  const dominant = Math.max(nulFirst, nulSecond);
  const other = Math.min(nulFirst, nulSecond);
  if (dominant < MIN_NUL_UNITS || dominant < units / 4 || other * 8 > dominant) return null;
  return { encoding: nulSecond > nulFirst ? 'UTF-16LE' : 'UTF-16BE', byteOrderMark: false };
}

/** What the detection rests on, for messages: "byte order mark FF FE" or the NUL pattern. */
function evidence(d: Utf16Detection): string {
  if (!d.byteOrderMark) return 'a NUL byte every other byte, no byte order mark';
  return `byte order mark ${d.encoding === 'UTF-16LE' ? 'FF FE' : 'FE FF'}`;
}

/** A path as a POSIX shell word: bare when it is made of safe characters, else single-quoted. */
function shellWord(path: string): string {
  return /^[A-Za-z0-9_./:@%+,=-]+$/.test(path) ? path : `'${path.replaceAll("'", `'\\''`)}'`;
}

/** How to convert `file` to UTF-8 in place (keeping its name, which may be its document id). */
export function utf16ConversionAdvice(file: string, encoding: Utf16Encoding): string {
  const from = shellWord(file);
  const to = shellWord(`${file}.utf8`);
  return `convert it to UTF-8, e.g. iconv -f ${encoding} -t UTF-8 ${from} > ${to} && mv ${to} ${from}`;
}

/**
 * The error for a file found to be UTF-16 where it is not accepted; `expected` says what is, e.g.
 * "JSON Lines must be UTF-8".
 */
export function utf16FileError(file: string, field: string | null, d: Utf16Detection, expected: string): InputError {
  const is = d.byteOrderMark ? `is ${d.encoding}` : `looks like ${d.encoding}`;
  return new InputError(file, field, `file ${is} (${evidence(d)}); ${expected}: ${utf16ConversionAdvice(file, d.encoding)}`);
}

/**
 * The text of a UTF-16 file that starts with a byte order mark (the mark dropped), or an
 * InputError naming the file when its bytes are not valid UTF-16 (a lone surrogate, an odd byte
 * at the end): the decoder is strict so that no U+FFFD is made up in the text.
 */
export function decodeUtf16WithBom(bytes: Uint8Array, file: string, d: Utf16Detection): string {
  try {
    return new TextDecoder(d.encoding.toLowerCase(), { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const fault = bytes.length % 2 === 1 ? `an odd number of bytes (${bytes.length})` : 'a lone surrogate';
    return failDecoding(file, d, fault);
  }
}

function failDecoding(file: string, d: Utf16Detection, fault: string): never {
  throw new InputError(file, 'text', `file is not valid ${d.encoding} (${evidence(d)}): it has ${fault}; expected UTF-8, or UTF-16 with a byte order mark`);
}

/**
 * The first bytes of `file` (at most UTF16_SNIFF_BYTES), or null when it cannot be read: the
 * caller's own read of the file then reports why, in the one place that does.
 */
async function readHead(file: string): Promise<Uint8Array | null> {
  let handle;
  try {
    handle = await open(file, 'r');
    const buf = Buffer.alloc(UTF16_SNIFF_BYTES);
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    return buf.subarray(0, bytesRead);
  } catch {
    return null;
  } finally {
    await handle?.close();
  }
}

/**
 * An InputError when the JSON Lines file `file` is UTF-16, else null. JSON Lines are refused
 * rather than decoded: they are read as a stream of bytes split at LF with byte limits per line
 * (json-records.ts), and RFC 8259 §8.1 requires JSON exchanged between systems to be UTF-8.
 */
export async function utf16JsonLinesError(file: string): Promise<InputError | null> {
  const head = await readHead(file);
  const d = head && detectUtf16(head);
  return d ? utf16FileError(file, null, d, 'JSON Lines must be UTF-8') : null;
}
