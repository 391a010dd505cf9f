/**
 * Streams a file line by line in bounded memory, for JSON Lines files that may be gigabytes. A line
 * longer than the limit is not buffered: its bytes are counted and dropped until the next newline,
 * and it is reported by number and size so the reader can name it and go on with the next line.
 * Lines are split on LF; a CR before it is dropped; a UTF-8 byte order mark on line 1 is dropped.
 * Bytes are decoded leniently (invalid UTF-8 becomes U+FFFD; parseArticle judges how much is too much).
 */
import { createReadStream } from 'node:fs';

export type FileLine =
  | { line: number; text: string }
  /** A line over the limit: only its size (bytes, without the newline) is known. */
  | { line: number; tooLongBytes: number };

const LF = 0x0a;
const CHUNK_BYTES = 1 << 16;

export async function* readFileLines(file: string, maxLineBytes: number): AsyncGenerator<FileLine> {
  let parts: Buffer[] = [];
  let partBytes = 0;
  let skipping = false;
  let skippedBytes = 0;
  let lineNo = 1;

  const finishLine = (): FileLine => {
    if (skipping) {
      const out = { line: lineNo, tooLongBytes: skippedBytes };
      skipping = false;
      skippedBytes = 0;
      return out;
    }
    const buf = parts.length === 1 ? parts[0] : Buffer.concat(parts, partBytes);
    let text = buf.toString('utf8');
    if (text.endsWith('\r')) text = text.slice(0, -1);
    if (lineNo === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    parts = [];
    partBytes = 0;
    return { line: lineNo, text };
  };

  const stream = createReadStream(file, { highWaterMark: CHUNK_BYTES });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let pos = 0;
    while (pos < chunk.length) {
      const nl = chunk.indexOf(LF, pos);
      const end = nl === -1 ? chunk.length : nl;
      const len = end - pos;
      if (skipping) {
        skippedBytes += len;
      } else if (partBytes + len > maxLineBytes) {
        skipping = true;
        skippedBytes = partBytes + len;
        parts = [];
        partBytes = 0;
      } else if (len > 0) {
        parts.push(chunk.subarray(pos, end));
        partBytes += len;
      }
      if (nl === -1) break;
      yield finishLine();
      lineNo++;
      pos = nl + 1;
    }
  }
  if (skipping || partBytes > 0) yield finishLine();
}
