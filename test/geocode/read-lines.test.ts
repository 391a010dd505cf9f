/**
 * The buffered line reader: lines, numbers, CRLF and multi-byte characters survive being split
 * across reads, and a last line without a newline is delivered.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { forEachLine } from '../../src/pipeline/geocode/read-lines.ts';

const dir = mkdtempSync(join(tmpdir(), 'tally-lines-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const cases: [string, string, [number, string][]][] = [
  ['LF with a final newline', 'a\tb\nSarāqib\n', [[1, 'a\tb'], [2, 'Sarāqib']]],
  ['CRLF, no final newline', 'Kafr ‘Uwayd\r\nسراقب\r\nlast', [[1, 'Kafr ‘Uwayd'], [2, 'سراقب'], [3, 'last']]],
  ['empty lines keep their numbers', '\n\nx\n', [[1, ''], [2, ''], [3, 'x']]],
  ['an empty file', '', []],
];
for (const [what, text, expected] of cases) {
  for (const chunk of [1, 3, 7, 4096]) {
    test(`${what} (reads of ${chunk} bytes)`, () => {
      const path = join(dir, 'f.txt');
      writeFileSync(path, text);
      const seen: [number, string][] = [];
      forEachLine(path, (line, n) => seen.push([n, line]), chunk);
      assert.deepEqual(seen, expected);
    });
  }
}
