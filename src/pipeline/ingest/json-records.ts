/**
 * JSON records from a byte stream, in bounded memory, whichever of the two shapes the input has:
 * JSON Lines (one object per line) or one JSON array of objects (`[{…}, {…}]`, as many exporters
 * and `jq -s` write). The shape is read from the first character that is not white space (after a
 * UTF-8 byte order mark): `[` is an array, anything else JSON Lines. Files of gigabytes, gzip
 * streams and standard input all arrive as chunks; neither shape is ever held whole.
 *
 * Each record is its raw text and where it starts (line, and for an array the item's index); a
 * record longer than the limit is not buffered — its bytes are counted and dropped, and it is
 * reported by place and size so the reader can name it and go on. Decoding is lenient (invalid
 * UTF-8 becomes U+FFFD; parseArticle judges how much is too much).
 */

export type JsonRecord =
  /** `item` is the index in an array (0-based), null for JSON Lines. */
  | { line: number; item: number | null; text: string }
  | { line: number; item: number | null; tooLongBytes: number }
  /** The array itself is malformed here (never closed, text after its end). */
  | { line: number; item: number | null; error: string };

const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const TAB = 0x09;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const COMMA = 0x2c;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

const isSpace = (b: number) => b === SPACE || b === LF || b === CR || b === TAB;

/** A bounded buffer for one record: its parts, or only its size once it is over the limit. */
class RecordBuffer {
  private parts: Buffer[] = [];
  private bytes = 0;
  private over = false;

  constructor(private readonly limit: number) {}

  get size(): number {
    return this.bytes;
  }

  add(part: Buffer): void {
    if (part.length === 0) return;
    this.bytes += part.length;
    if (this.over) return;
    if (this.bytes > this.limit) {
      this.over = true;
      this.parts = [];
      return;
    }
    this.parts.push(part);
  }

  /** The record so far as text, or null when it went over the limit; the buffer is emptied. */
  take(): { text: string } | { tooLongBytes: number } {
    const out = this.over ? { tooLongBytes: this.bytes } : { text: (this.parts.length === 1 ? this.parts[0] : Buffer.concat(this.parts, this.bytes)).toString('utf8') };
    this.parts = [];
    this.bytes = 0;
    this.over = false;
    return out;
  }
}

/**
 * The records of `chunks`, JSON Lines or a JSON array. An item that is not valid JSON fails to
 * parse later with JSON's own message and its place; an array never closed, or followed by more
 * text, comes as an error record.
 */
export async function* jsonRecords(chunks: AsyncIterable<Buffer>, maxRecordBytes: number): AsyncGenerator<JsonRecord> {
  const iterator = chunks[Symbol.asyncIterator]();
  // Read until the first significant byte (after a byte order mark), keeping what was read.
  let head = Buffer.alloc(0);
  let shape: 'lines' | 'array' | null = null;
  let bomChecked = false;
  let scanned = 0;
  while (shape === null) {
    const next = await iterator.next();
    if (!next.done) head = Buffer.concat([head, next.value]);
    if (!bomChecked && (head.length >= 3 || next.done)) {
      if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) head = head.subarray(3);
      bomChecked = true;
    }
    if (bomChecked) {
      for (; scanned < head.length && shape === null; scanned++) {
        if (!isSpace(head[scanned])) shape = head[scanned] === OPEN_BRACKET ? 'array' : 'lines';
      }
    }
    if (next.done) break;
  }
  const pending = [head];
  const rest: AsyncIterable<Buffer> = {
    [Symbol.asyncIterator]: () => ({ next: () => iterator.next(), return: async () => (await iterator.return?.()) ?? { done: true, value: undefined } }),
  };
  async function* all(): AsyncGenerator<Buffer> {
    yield* pending;
    yield* rest;
  }
  if (shape === 'array') yield* arrayRecords(all(), maxRecordBytes);
  else yield* lineRecords(all(), maxRecordBytes);
}

/** JSON Lines: split on LF; a CR before it is dropped. */
async function* lineRecords(chunks: AsyncIterable<Buffer>, maxRecordBytes: number): AsyncGenerator<JsonRecord> {
  const buffer = new RecordBuffer(maxRecordBytes);
  let line = 1;
  const finish = (): JsonRecord => {
    const taken = buffer.take();
    if ('text' in taken && taken.text.endsWith('\r')) return { line, item: null, text: taken.text.slice(0, -1) };
    return { line, item: null, ...taken };
  };
  for await (const chunk of chunks) {
    let pos = 0;
    while (pos < chunk.length) {
      const nl = chunk.indexOf(LF, pos);
      const end = nl === -1 ? chunk.length : nl;
      buffer.add(chunk.subarray(pos, end));
      if (nl === -1) break;
      yield finish();
      line++;
      pos = nl + 1;
    }
  }
  if (buffer.size > 0) yield finish();
}

/** An item's text without the white space between it and the `]` after it. */
function trimmed(taken: { text: string } | { tooLongBytes: number }): { text: string } | { tooLongBytes: number } {
  return 'text' in taken ? { text: taken.text.trimEnd() } : taken;
}

/**
 * One JSON array: the items at depth 1 are cut out by tracking brackets, braces and strings, and
 * each is handed on as text. Text outside items that is not white space, a comma or the closing
 * bracket becomes a record of its own (so it is reported, not skipped).
 */
async function* arrayRecords(chunks: AsyncIterable<Buffer>, maxRecordBytes: number): AsyncGenerator<JsonRecord> {
  const buffer = new RecordBuffer(maxRecordBytes);
  let line = 1;
  let depth = 0; // 0 before '[', 1 between items, >1 inside an item
  let inString = false;
  let escaped = false;
  let item = 0;
  let itemLine = 1;
  let inItem = false;
  let closed = false;
  let stray = false;
  for await (const chunk of chunks) {
    let start = inItem ? 0 : -1; // where the current item's part of this chunk begins
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i];
      if (b === LF) line++;
      if (inString) {
        if (escaped) escaped = false;
        else if (b === BACKSLASH) escaped = true;
        else if (b === QUOTE) inString = false;
        continue;
      }
      if (closed) {
        if (!isSpace(b) && !stray) {
          stray = true;
          yield { line, item: null, error: "text after the array's closing ]: one JSON array per file, or one object per line (JSON Lines)" };
        }
        continue;
      }
      if (depth === 0) {
        if (b === OPEN_BRACKET) depth = 1;
        continue;
      }
      if (depth === 1 && !inItem) {
        if (isSpace(b) || b === COMMA) continue;
        if (b === CLOSE_BRACKET) {
          closed = true;
          depth = 0;
          continue;
        }
        inItem = true;
        itemLine = line;
        start = i;
      }
      if (b === QUOTE) inString = true;
      else if (b === OPEN_BRACE || b === OPEN_BRACKET) depth++;
      else if (b === CLOSE_BRACE || b === CLOSE_BRACKET) depth--;
      // An item ends where its closing bracket brings the depth back to 1, or at a comma at depth 1
      // (a bare value such as a number or a string).
      const ends = (depth === 1 && (b === CLOSE_BRACE || b === CLOSE_BRACKET)) || (depth === 1 && b === COMMA) || depth === 0;
      if (ends) {
        const endAt = b === COMMA || depth === 0 ? i : i + 1;
        buffer.add(chunk.subarray(start, endAt));
        yield { line: itemLine, item, ...trimmed(buffer.take()) };
        item++;
        inItem = false;
        start = -1;
        if (depth === 0) {
          // The item closed the array itself (a bare value just before ']').
          closed = true;
        }
      }
    }
    if (inItem) buffer.add(chunk.subarray(start));
  }
  if (inItem) yield { line: itemLine, item, ...trimmed(buffer.take()) };
  if (!closed) yield { line, item: null, error: 'the JSON array is not closed: the input ends before its ]' };
}
