/**
 * The reader's inputs beyond JSON Lines files (issue 13): one JSON array, gzip, standard input;
 * only regular files opened; the progress pre-count reading no more than the reader does.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type InputItem, readInputs } from '../../src/pipeline/ingest/read-inputs.ts';
import { jsonRecords } from '../../src/pipeline/ingest/json-records.ts';
import { countInputDocuments } from '../../src/cli/progress.ts';
import { REPO } from '../cli/run-tally.ts';

const root = mkdtempSync(join(tmpdir(), 'tally-more-inputs-'));
after(() => rmSync(root, { recursive: true, force: true }));
let counter = 0;
function file(name: string, content: string | Buffer): string {
  const dir = join(root, `case-${counter++}`);
  mkdirSync(dir, { recursive: true });
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}
async function collect(paths: string[]): Promise<InputItem[]> {
  const out: InputItem[] = [];
  for await (const item of readInputs(paths)) out.push(item);
  return out;
}
const rows = (items: InputItem[]) => items.map((i) => (i.kind === 'article' ? ['article', i.source, i.article.id] : ['error', i.error.source, i.error.detail]));
const article = (id: string, extra: object = {}) => ({ id, text: `Shelling on the village of ${id} killed two civilians, local sources said.`, ...extra });

/** The records of `text` cut into chunks of `size` bytes. */
async function records(text: string, size: number, limit = 1 << 20) {
  const bytes = Buffer.from(text);
  async function* chunks() {
    for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
  }
  const out = [];
  for await (const r of jsonRecords(chunks(), limit)) out.push(r);
  return out;
}

describe('jsonRecords', () => {
  const array = `\ufeff[\n  {"id": "a", "text": "He said \\"[no]\\" {x}"},\n  {"id": "b", "nested": [1, {"c": "]"}]},\n  7,\n  "s"\n]\n`;
  for (const size of [1, 3, 7, 64, 1 << 16]) {
    test(`a JSON array's items, with their lines, in chunks of ${size} bytes`, async () => {
      const got = await records(array, size);
      assert.deepEqual(got, [
        { line: 2, item: 0, text: '{"id": "a", "text": "He said \\"[no]\\" {x}"}' },
        { line: 3, item: 1, text: '{"id": "b", "nested": [1, {"c": "]"}]}' },
        { line: 4, item: 2, text: '7' },
        { line: 5, item: 3, text: '"s"' },
      ]);
      for (const r of got) if ('text' in r) JSON.parse(r.text);
    });
  }

  test('JSON Lines are told from an array by the first character, across chunks', async () => {
    assert.deepEqual(await records('  \n{"id":"a"}\r\n{"id":"b"}', 2), [
      { line: 1, item: null, text: '  ' },
      { line: 2, item: null, text: '{"id":"a"}' },
      { line: 3, item: null, text: '{"id":"b"}' },
    ]);
  });

  test('an item over the limit is reported by size, not held, and the next item is read', async () => {
    const big = JSON.stringify(article('big', { text: 'x'.repeat(5000) }));
    const got = await records(`[${big},{"id":"after"}]`, 100, 1000);
    assert.deepEqual(got, [
      { line: 1, item: 0, tooLongBytes: big.length },
      { line: 1, item: 1, text: '{"id":"after"}' },
    ]);
  });

  test('an array never closed, or followed by more, is reported', async () => {
    assert.deepEqual((await records('[{"id":"a"},', 4)).at(-1), { line: 1, item: null, error: 'the JSON array is not closed: the input ends before its ]' });
    const after = await records('[{"id":"a"}]\n{"id":"b"}\n', 4);
    assert.equal(after.length, 2);
    assert.match((after[1] as { error: string }).error, /text after the array's closing \]/);
  });
});

describe('readInputs: arrays, gzip, standard input, regular files only', () => {
  test('a .json file holding one array: each item an article named by file, line and item', async () => {
    const p = file('export.json', JSON.stringify([article('a1'), { id: 'no-text' }, article('a3')], null, 2));
    const got = rows(await collect([p]));
    assert.equal(got.length, 3);
    assert.deepEqual(got[0], ['article', `${p}:2 (item 1)`, 'a1']);
    assert.equal(got[1][0], 'error');
    assert.match(String(got[1][1]), /export\.json:\d+ \(item 2\)$/);
    assert.match(String(got[1][2]), /missing "text"/);
    assert.equal(got[2][2], 'a3');
  });

  test('.jsonl.gz is read through gunzip, also from a folder; a corrupt one is reported and the batch goes on', async () => {
    const dir = join(root, `case-${counter++}`);
    mkdirSync(dir);
    writeFileSync(join(dir, 'a.jsonl.gz'), gzipSync(`${JSON.stringify(article('g1'))}\n${JSON.stringify(article('g2'))}\n`));
    const good = gzipSync(`${JSON.stringify(article('c1'))}\n`.repeat(1) + `${JSON.stringify(article('c2'))}\n`);
    writeFileSync(join(dir, 'b.jsonl.gz'), good.subarray(0, good.length - 12));
    writeFileSync(join(dir, 'c.jsonl'), `${JSON.stringify(article('plain'))}\n`);
    const got = rows(await collect([dir]));
    // What the truncated stream gave before it broke may stand (c1); the files around it are read whole.
    assert.deepEqual(got.filter((r) => r[0] === 'article' && r[2] !== 'c1').map((r) => r[2]), ['g1', 'g2', 'plain']);
    const error = got.find((r) => r[0] === 'error');
    assert.ok(error, JSON.stringify(got));
    assert.equal(error[1], join(dir, 'b.jsonl.gz'));
    assert.match(String(error[2]), /gzip|unexpected end/i);
  });

  test('a named pipe and a link to a device are refused by name, without opening them', async () => {
    const dir = join(root, `case-${counter++}`);
    mkdirSync(dir);
    const fifo = join(dir, 'feed.jsonl');
    execFileSync('mkfifo', [fifo]);
    const zero = join(dir, 'zero.jsonl');
    symlinkSync('/dev/zero', zero);
    const ok = file('ok.jsonl', `${JSON.stringify(article('ok'))}\n`);
    const got = rows(await collect([fifo, zero, ok, dir]));
    assert.deepEqual(got, [
      ['error', fifo, `not a regular file (a named pipe); expected ${String(got[0][2]).split('; expected ')[1]}`],
      ['error', zero, `not a regular file (a character device); expected ${String(got[1][2]).split('; expected ')[1]}`],
      ['article', `${ok}:1`, 'ok'],
    ]);
    // The progress count opens neither (it would hang on the pipe and never end on the device).
    assert.equal(await countInputDocuments([fifo, zero, ok, dir]), 1);
  });

  test('the progress count holds no line whole: a 30 MB line counts once, like the reader reads it', async () => {
    const p = file('big.jsonl', `${JSON.stringify(article('x', { text: 'y'.repeat(30 * 1024 * 1024) }))}\n${JSON.stringify(article('next'))}\n`);
    assert.equal(await countInputDocuments([p]), 2);
    const gz = file('a.jsonl.gz', gzipSync('{}\n'));
    assert.equal(await countInputDocuments([p, gz]), null, 'gzip is not read twice: the total is unknown');
  });

  test('tally ingest - reads standard input (JSON Lines or an array) and names it stdin:LINE', async () => {
    const db = join(root, `stdin-${counter++}.db`);
    const input = `${JSON.stringify([article('s1'), { id: 's2' }])}\n`;
    const child = spawn(process.execPath, ['bin/tally.js', 'ingest', '--db', db, '-'], { cwd: REPO, env: { ...process.env, TALLY_NOW: '2026-03-01T00:00:00Z' } });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (out += s));
    child.stdin.end(input);
    const status = await new Promise<number | null>((done) => child.on('close', done));
    assert.equal(status, 1, out);
    assert.match(out, /documents read: 1 \(new 1/);
    assert.match(out, /stdin:1 \(item 2\): missing "text"/);
  });
});
