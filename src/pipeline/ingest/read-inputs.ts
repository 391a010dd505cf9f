/**
 * The ingest stage's reader: turns the paths a user gives (JSON Lines files, `.txt` articles,
 * folders of them) into a stream of parsed articles and input errors, in a deterministic order.
 * Errors are items, not exceptions: a bad line, a missing path or an unreadable file is reported
 * with its place and the rest goes on (the CLI exits 1 when any were rejected, per export-format.md).
 * JSON Lines are streamed in bounded memory (see line-reader.ts); a `.txt` is one article.
 */
import { readFile, readdir, realpath, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { Article } from '../../domain/types.ts';
import { InputError } from './input-error.ts';
import { readFileLines } from './line-reader.ts';
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
}

export const DEFAULT_MAX_LINE_BYTES = 5 * 1024 * 1024;
export const DEFAULT_MAX_TEXT_FILE_BYTES = 64 * 1024 * 1024;

type Format = 'jsonl' | 'txt';
const FORMAT_BY_EXTENSION: Record<string, Format> = {
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.json': 'jsonl',
  '.txt': 'txt',
};
/** Picked up when walking a folder (`.json` only when named explicitly: it is often not JSON Lines). */
const FOLDER_EXTENSIONS = new Set(['.jsonl', '.ndjson', '.txt']);
const EXPECTED_TYPES = '.jsonl, .ndjson or .json (JSON Lines, one article object per line), .txt, or a folder';

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
    else if (isFile && FOLDER_EXTENSIONS.has(extname(p).toLowerCase())) out.push(p);
  }
}

/** Code-unit order, so the order is the same on every machine and locale. */
function byPath(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

async function* readJsonLines(file: string, maxLineBytes: number): AsyncGenerator<InputItem> {
  const utf16 = await utf16JsonLinesError(file);
  if (utf16) {
    yield { kind: 'error', error: utf16 };
    return;
  }
  try {
    for await (const raw of readFileLines(file, maxLineBytes)) {
      const where = `${file}:${raw.line}`;
      if ('tooLongBytes' in raw) {
        yield errorItem(
          where,
          null,
          `line is ${formatBytes(raw.tooLongBytes)}, over the limit of ${formatBytes(maxLineBytes)}; ` +
            'it was skipped (split the article or raise the limit)',
        );
        continue;
      }
      const line = raw.text;
      if (line.trim() === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (e) {
        const hint = /^\s*[[{]\s*$/.test(line) ? ' (a pretty-printed JSON document? write one article object per line)' : '';
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
    yield errorItem(file, null, ioMessage(e));
  }
}

async function readTxt(file: string, size: number, maxBytes: number, published: string | null): Promise<InputItem> {
  if (size > maxBytes) {
    return errorItem(file, null, `file is ${formatBytes(size)}, over the limit of ${formatBytes(maxBytes)} for one .txt article`);
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (e) {
    return errorItem(file, null, ioMessage(e));
  }
  try {
    return { kind: 'article', article: txtArticle(bytes, file, published), source: file };
  } catch (e) {
    if (e instanceof InputError) return { kind: 'error', error: e };
    throw e;
  }
}

/**
 * Reads every path in order: files by their extension, folders recursively (files sorted by path;
 * `.jsonl`, `.ndjson` and `.txt` picked, others and dot-files ignored). A path given explicitly
 * that is missing or has an unsupported extension is an error item. Throws `InputError` (source
 * `--published`) only when `opts.published` itself is invalid, before reading anything.
 */
export async function* readInputs(paths: string[], opts: ReadInputsOptions = {}): AsyncGenerator<InputItem> {
  const published = parsePublishedField(opts.published, '--published', 'published');
  const maxLineBytes = opts.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const maxTextFileBytes = opts.maxTextFileBytes ?? DEFAULT_MAX_TEXT_FILE_BYTES;
  if (!(maxLineBytes > 0)) throw new RangeError(`maxLineBytes must be a positive number, got ${maxLineBytes}`);

  const readFileAt = async function* (file: string, size: number, format: Format): AsyncGenerator<InputItem> {
    if (format === 'jsonl') yield* readJsonLines(file, maxLineBytes);
    else yield await readTxt(file, size, maxTextFileBytes, published);
  };

  for (const path of paths) {
    let info;
    try {
      info = await stat(path);
    } catch (e) {
      yield errorItem(path, null, `${ioMessage(e)}; expected ${EXPECTED_TYPES}`);
      continue;
    }
    if (info.isDirectory()) {
      const files: string[] = [];
      const errors: InputItem[] = [];
      await listFolder(path, new Set(), files, errors);
      yield* errors;
      files.sort(byPath);
      for (const file of files) {
        let size = 0;
        try {
          size = (await stat(file)).size;
        } catch (e) {
          yield errorItem(file, null, ioMessage(e));
          continue;
        }
        yield* readFileAt(file, size, FORMAT_BY_EXTENSION[extname(file).toLowerCase()]);
      }
      continue;
    }
    const format = FORMAT_BY_EXTENSION[extname(path).toLowerCase()];
    if (format === undefined) {
      const ext = extname(path);
      yield errorItem(path, null, `unsupported file type ${ext ? JSON.stringify(ext) : '(no extension)'}; expected ${EXPECTED_TYPES}`);
      continue;
    }
    yield* readFileAt(path, info.size, format);
  }
}
