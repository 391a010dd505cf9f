/**
 * Reads a text file line by line through a fixed-size buffer, so a 1.5 GB GeoNames
 * allCountries.txt never has to fit in memory as one string. Synchronous on purpose: the import
 * is a batch step and a synchronous reader keeps readGeoNamesDir a plain function.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

const CHUNK_BYTES = 4 * 1024 * 1024;

/**
 * Calls onLine for every line of a UTF-8 file with its 1-based number. A trailing "\r" is removed
 * (files edited on Windows); a final line without a newline is still delivered. chunkBytes is the
 * read size (tests make it tiny to split characters and line ends across reads).
 */
export function forEachLine(
  path: string,
  onLine: (line: string, lineNo: number) => void,
  chunkBytes: number = CHUNK_BYTES,
): void {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(chunkBytes);
    const decoder = new StringDecoder('utf8');
    let pending = '';
    let lineNo = 0;
    const emit = (line: string): void => {
      lineNo += 1;
      onLine(line.endsWith('\r') ? line.slice(0, -1) : line, lineNo);
    };
    for (;;) {
      const read = readSync(fd, buffer, 0, chunkBytes, null);
      if (read === 0) break;
      const text = pending + decoder.write(buffer.subarray(0, read));
      let start = 0;
      let nl = text.indexOf('\n', start);
      while (nl !== -1) {
        emit(text.slice(start, nl));
        start = nl + 1;
        nl = text.indexOf('\n', start);
      }
      pending = text.slice(start);
    }
    pending += decoder.end();
    if (pending.length > 0) emit(pending);
  } finally {
    closeSync(fd);
  }
}
