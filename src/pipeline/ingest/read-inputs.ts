/**
 * The ingest stage's reader: turns the paths a user gives (JSON Lines or JSON array files, plain
 * or gzip-compressed, `.txt` articles, saved `.html` pages, folders of them, `-` for standard
 * input) into a stream of parsed articles and input errors, in a deterministic order. Errors are
 * items, not exceptions: a bad line, a missing path or an unreadable file is reported with its
 * place and the rest goes on (the CLI exits 1 when any were rejected, per export-format.md).
 * JSON is streamed in bounded memory (json-records.ts), never read whole; a `.txt` or an `.html`
 * is one article. Only regular files are opened (a named pipe or a device is refused by name).
 */
import { createReadStream, type Stats } from 'node:fs';
import { readFile, readdir, realpath, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { createGunzip } from 'node:zlib';
import type { Article } from '../../domain/types.ts';
import { InputError } from './input-error.ts';
import { jsonRecords } from './json-records.ts';
import { DEFAULT_MAX_HTML_BYTES, readHtmlPage } from './html-page.ts';
import { parseArticle, parsePublishedField } from './parse-article.ts';
import { txtArticle } from './txt-article.ts';
import { utf16JsonLinesError } from './utf16-detection.ts';

export type InputItem =
  | { kind: 'article'; article: Article; source: string }
  | { kind: 'error'; error: InputError };

export interface ReadInputsOptions {
  /** Publication date for `.txt` files whose header does not give one (ISO date or date-time). */
  published?: string | null;
  /** Longest JSON Lines line accepted, in bytes (default 5 MiB). */
  maxLineBytes?: number;
  /** Largest `.txt` file accepted, in bytes (default 64 MiB). */
  maxTextFileBytes?: number;
  /** Largest `.html` page accepted, in bytes (default 10 MiB). */
  maxHtmlBytes?: number;
}

export const DEFAULT_MAX_LINE_BYTES = 5 * 1024 * 1024;
export const DEFAULT_MAX_TEXT_FILE_BYTES = 64 * 1024 * 1024;

/** How a file is read: JSON records (Lines or an array), gzip-compressed JSON records, one .txt article, one HTML page. */
export type InputFormat = 'json' | 'json-gz' | 'txt' | 'html';
/** File name endings and their formats, longest first (".jsonl.gz" before ".gz"). */
const FORMAT_BY_ENDING: readonly [string, InputFormat][] = [
  ['.jsonl.gz', 'json-gz'],
  ['.ndjson.gz', 'json-gz'],
  ['.json.gz', 'json-gz'],
  ['.jsonl', 'json'],
  ['.ndjson', 'json'],
  ['.json', 'json'],
  ['.txt', 'txt'],
  ['.html', 'html'],
  ['.htm', 'html'],
  ['.xhtml', 'html'],
];
/** Picked up when walking a folder (`.json` only when named explicitly: it is often some other JSON). */
const FOLDER_FORMATS = new Set(['.jsonl', '.ndjson', '.jsonl.gz', '.ndjson.gz', '.txt', '.html', '.htm']);
const EXPECTED_TYPES =
  '.jsonl, .ndjson or .json (JSON Lines, one article object per line, or one JSON array of articles), the same gzip-compressed (.jsonl.gz), .txt, .html, a folder, or - for standard input';
/** The path that names standard input (JSON Lines or a JSON array). */
export const STDIN = '-';

function endingOf(path: string): string | null {
  const lower = path.toLowerCase();
  return FORMAT_BY_ENDING.find(([ending]) => lower.endsWith(ending))?.[0] ?? null;
}

export function formatOf(path: string): InputFormat | null {
  const ending = endingOf(path);
  return ending === null ? null : FORMAT_BY_ENDING.find(([e]) => e === ending)![1];
}

function errorItem(source: string, field: string | null, detail: string): InputItem {
  return { kind: 'error', error: new InputError(source, field, detail) };
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${n.toLocaleString('en-US')} bytes (${(n / (1024 * 1024)).toFixed(1)} MiB)`;
  return `${n.toLocaleString('en-US')} bytes`;
}

function ioMessage(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err?.code === 'ENOENT') return 'no such file or folder';
  if (err?.code === 'EACCES' || err?.code === 'EPERM') return 'permission denied';
  return `cannot read: ${err?.message ?? String(e)}`;
}

/** Every file under `dir` (following symlinks, skipping dot-files and cycles), unsorted. */
async function listFolder(dir: string, seen: Set<string>, out: string[], errors: InputItem[]): Promise<void> {
  let real: string;
  try {
    real = await realpath(dir);
  } catch (e) {
    errors.push(errorItem(dir, null, ioMessage(e)));
    return;
  }
  if (seen.has(real)) return;
  seen.add(real);
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (e) {
    errors.push(errorItem(dir, null, ioMessage(e)));
    return;
  }
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const p = join(dir, entry.name);
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      try {
        const s = await stat(p);
        isDir = s.isDirectory();
        isFile = s.isFile();
      } catch {
        continue; // a dangling link inside a folder is not an input the user named
      }
    }
    if (isDir) await listFolder(p, seen, out, errors);
    else if (isFile && FOLDER_FORMATS.has(endingOf(p) ?? '')) out.push(p);
  }
}

/** Code-unit order, so the order is the same on every machine and locale. */
function byPath(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The bytes of a file (gunzipped for `json-gz`), or of standard input. */
function byteStream(file: string, format: InputFormat): AsyncIterable<Buffer> {
  if (file === STDIN) return process.stdin;
  const raw = createReadStream(file, { highWaterMark: CHUNK_BYTES });
  if (format !== 'json-gz') return raw;
  // Errors of either stream (a truncated or corrupt gzip) end the iteration with that error.
  const gunzip = createGunzip();
  raw.on('error', (e) => gunzip.destroy(e));
  return raw.pipe(gunzip);
}

const CHUNK_BYTES = 1 << 16;

async function* readJson(file: string, format: InputFormat, maxRecordBytes: number): AsyncGenerator<InputItem> {
  const name = file === STDIN ? 'stdin' : file;
  // A UTF-16 file would read as lines of NUL-spaced bytes: it is named as such, with how to convert it.
  const utf16 = format === 'json' && file !== STDIN ? await utf16JsonLinesError(file) : null;
  if (utf16) {
    yield { kind: 'error', error: utf16 };
    return;
  }
  try {
    for await (const record of jsonRecords(byteStream(file, format), maxRecordBytes)) {
      const where = record.item === null ? `${name}:${record.line}` : `${name}:${record.line} (item ${record.item + 1})`;
      if ('error' in record) {
        yield errorItem(where, null, record.error);
        continue;
      }
      if ('tooLongBytes' in record) {
        yield errorItem(
          where,
          null,
          `${record.item === null ? 'line' : 'item'} is ${formatBytes(record.tooLongBytes)}, over the limit of ${formatBytes(maxRecordBytes)}; ` +
            'it was skipped (split the article or raise the limit)',
        );
        continue;
      }
      const text = record.text;
      if (text.trim() === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (e) {
        const hint = /^\s*[[{]\s*$/.test(text) ? ' (a pretty-printed JSON document? write one article object per line, or one JSON array)' : '';
        yield errorItem(where, null, `invalid JSON: ${(e as Error).message}${hint}`);
        continue;
      }
      let item: InputItem;
      try {
        item = { kind: 'article', article: parseArticle(value, where), source: where };
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        item = { kind: 'error', error: e };
      }
      yield item;
    }
  } catch (e) {
    // The file could not be opened or broke off mid-read: what was read stands, the rest is reported.
    const gz = (e as NodeJS.ErrnoException)?.code?.startsWith('Z_') ? 'not a complete gzip stream: ' : '';
    yield errorItem(name, null, gz ? `${gz}${(e as Error).message}` : ioMessage(e));
  }
}

/**
 * One file that is one article (a `.txt`, an `.html` page): its size checked against `maxBytes`
 * before it is read whole, then `read` turns its bytes into the article; an InputError of either
 * step is the file's rejection.
 */
async function readWholeArticle(file: string, size: number, maxBytes: number, what: string, read: (bytes: Buffer) => Article): Promise<InputItem> {
  if (size > maxBytes) {
    return errorItem(file, null, `file is ${formatBytes(size)}, over the limit of ${formatBytes(maxBytes)} for ${what}`);
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (e) {
    return errorItem(file, null, ioMessage(e));
  }
  try {
    return { kind: 'article', article: read(bytes), source: file };
  } catch (e) {
    if (e instanceof InputError) return { kind: 'error', error: e };
    throw e;
  }
}

function readHtml(file: string, size: number, maxBytes: number, published: string | null): Promise<InputItem> {
  const fallbackId = basename(file).replace(/\.x?html?$/i, '');
  return readWholeArticle(file, size, maxBytes, 'one HTML page', (bytes) => readHtmlPage(bytes, { source: file, fallbackId, published, maxBytes }));
}

function readTxt(file: string, size: number, maxBytes: number, published: string | null): Promise<InputItem> {
  return readWholeArticle(file, size, maxBytes, 'one .txt article', (bytes) => txtArticle(bytes, file, published));
}

/**
 * One input a path stands for: a file to read (or standard input), or why it is not read —
 * `unreadable` when the path could not be looked at (missing, no permission), not when it was
 * refused for what it is (an unsupported ending, not a regular file).
 */
export type InputFile = { kind: 'file'; path: string; format: InputFormat; size: number } | { kind: 'error'; error: InputItem; unreadable: boolean };

/**
 * The inputs the paths stand for, in order: files by their ending, folders recursively (files
 * sorted by path; `.jsonl`, `.ndjson`, their `.gz`, `.txt`, `.html` and `.htm` picked, others,
 * dot-files and what is not a regular file ignored), `-` as standard input (size 0). A path given
 * explicitly that is missing, not a regular file or has an unsupported ending is an error. Nothing
 * is opened: the reader and the progress count (../../cli/progress.ts) both walk the paths this way.
 */
export async function* inputFiles(paths: readonly string[]): AsyncGenerator<InputFile> {
  const error = (source: string, detail: string, unreadable = true): InputFile => ({ kind: 'error', error: errorItem(source, null, detail), unreadable });
  for (const path of paths) {
    if (path === STDIN) {
      yield { kind: 'file', path, format: 'json', size: 0 };
      continue;
    }
    let info;
    try {
      info = await stat(path);
    } catch (e) {
      yield error(path, `${ioMessage(e)}; expected ${EXPECTED_TYPES}`);
      continue;
    }
    if (info.isDirectory()) {
      const files: string[] = [];
      const errors: InputItem[] = [];
      await listFolder(path, new Set(), files, errors);
      for (const e of errors) yield { kind: 'error', error: e, unreadable: true };
      files.sort(byPath);
      for (const file of files) {
        let fileInfo;
        try {
          fileInfo = await stat(file);
        } catch (e) {
          yield error(file, ioMessage(e));
          continue;
        }
        if (fileInfo.isFile()) yield { kind: 'file', path: file, format: formatOf(file)!, size: fileInfo.size };
      }
      continue;
    }
    const format = formatOf(path);
    if (format === null) {
      const ext = extname(path);
      yield error(path, `unsupported file type ${ext ? JSON.stringify(ext) : '(no extension)'}; expected ${EXPECTED_TYPES}`, false);
      continue;
    }
    // Only regular files are opened: a FIFO would hang the batch, a device (/dev/zero, /dev/urandom) never ends.
    if (!info.isFile()) {
      yield error(path, `not a regular file (${kindOf(info)}); expected ${EXPECTED_TYPES}`, false);
      continue;
    }
    yield { kind: 'file', path, format, size: info.size };
  }
}

/**
 * Reads every input of `paths` (see inputFiles) in order, as articles and error items. Throws
 * `InputError` (source `--published`) only when `opts.published` itself is invalid, before
 * reading anything.
 */
export async function* readInputs(paths: string[], opts: ReadInputsOptions = {}): AsyncGenerator<InputItem> {
  const published = parsePublishedField(opts.published, '--published', 'published');
  const maxLineBytes = opts.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const maxTextFileBytes = opts.maxTextFileBytes ?? DEFAULT_MAX_TEXT_FILE_BYTES;
  if (!(maxLineBytes > 0)) throw new RangeError(`maxLineBytes must be a positive number, got ${maxLineBytes}`);
  for await (const input of inputFiles(paths)) {
    if (input.kind === 'error') yield input.error;
    else if (input.format === 'json' || input.format === 'json-gz') yield* readJson(input.path, input.format, maxLineBytes);
    else if (input.format === 'html') yield await readHtml(input.path, input.size, opts.maxHtmlBytes ?? DEFAULT_MAX_HTML_BYTES, published);
    else yield await readTxt(input.path, input.size, maxTextFileBytes, published);
  }
}

function kindOf(info: Stats): string {
  if (info.isFIFO()) return 'a named pipe';
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  if (info.isSocket()) return 'a socket';
  return 'not a file';
}
