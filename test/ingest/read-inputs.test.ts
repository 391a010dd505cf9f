import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createReadStream, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../src/pipeline/ingest/input-error.ts';
import { jsonRecords } from '../../src/pipeline/ingest/json-records.ts';
import { type InputItem, readInputs } from '../../src/pipeline/ingest/read-inputs.ts';

const root = mkdtempSync(join(tmpdir(), 'tally-ingest-'));
after(() => rmSync(root, { recursive: true, force: true }));

let counter = 0;
function file(name: string, content: string | Buffer): string {
  const dir = join(root, `case-${counter++}`);
  mkdirSync(dir, { recursive: true });
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

async function collect(paths: string[], opts = {}): Promise<InputItem[]> {
  const out: InputItem[] = [];
  for await (const item of readInputs(paths, opts)) out.push(item);
  return out;
}

/** Items as compact rows: ['article', source, id] or ['error', source, field]. */
function rows(items: InputItem[]): [string, string, string | null][] {
  return items.map((i) => (i.kind === 'article' ? ['article', i.source, i.article.id] : ['error', i.error.source, i.error.field]));
}

const line = (o: object): string => JSON.stringify(o);
const A = (id: string, extra: object = {}): string =>
  line({ id, text: `Shelling on the village of ${id} killed two civilians, local sources said.`, ...extra });

describe('readInputs: JSON Lines', () => {
  test('reads articles with their file:line, skipping blank lines', async () => {
    const p = file('batch.jsonl', [A('a', { published: '2019-11-06T09:00:00Z' }), '', '   ', A('b'), A('c'), ''].join('\n'));
    const items = await collect([p]);
    assert.deepEqual(rows(items), [
      ['article', `${p}:1`, 'a'],
      ['article', `${p}:4`, 'b'],
      ['article', `${p}:5`, 'c'],
    ]);
    const first = items[0];
    assert.ok(first.kind === 'article');
    assert.equal(first.article.published, '2019-11-06');
  });

  test('invalid JSON on line 3 is an error and the rest of the file is still read', async () => {
    const p = file('broken.ndjson', [A('a'), A('b'), '{"id": "c", "text": "unterminated', A('d')].join('\n'));
    const items = await collect([p]);
    assert.deepEqual(rows(items), [
      ['article', `${p}:1`, 'a'],
      ['article', `${p}:2`, 'b'],
      ['error', `${p}:3`, null],
      ['article', `${p}:4`, 'd'],
    ]);
    const err = items[2];
    assert.ok(err.kind === 'error');
    assert.ok(err.error.message.startsWith(`${p}:3: invalid JSON: `), err.error.message);
  });

  test('a pretty-printed JSON document gets a hint', async () => {
    const p = file('pretty.json', '{\n  "id": "a",\n  "text": "x"\n}\n');
    const items = await collect([p]);
    const first = items[0];
    assert.ok(first.kind === 'error');
    assert.match(first.error.message, /:1: invalid JSON: .*write one article object per line/);
  });

  test('field errors carry the line and field, and reading goes on', async () => {
    const p = file('fields.jsonl', [
      line({ text: 'Two killed.' }),
      line({ id: 'empty', text: '   ' }),
      line({ id: 'junk', text: '\u0000\u0001\u0002binary' }),
      A('ok'),
    ].join('\n'));
    const items = await collect([p]);
    assert.deepEqual(rows(items), [
      ['error', `${p}:1`, 'id'],
      ['error', `${p}:2`, 'text'],
      ['error', `${p}:3`, 'text'],
      ['article', `${p}:4`, 'ok'],
    ]);
    const messages = items.map((i) => (i.kind === 'error' ? i.error.message : ''));
    assert.match(messages[0], /missing "id"/);
    assert.match(messages[1], /"text" is empty/);
    assert.match(messages[2], /NUL characters/);
  });

  test('CRLF line ends and a byte order mark are accepted', async () => {
    const p = file('windows.jsonl', `\uFEFF${A('a')}\r\n${A('b')}\r\n`);
    assert.deepEqual(rows(await collect([p])), [
      ['article', `${p}:1`, 'a'],
      ['article', `${p}:2`, 'b'],
    ]);
  });

  test('a 20 MB line is reported by line and size and the next line is read', async () => {
    const dir = join(root, `case-${counter++}`);
    mkdirSync(dir);
    const p = join(dir, 'huge.jsonl');
    const fd = openSync(p, 'w');
    writeSync(fd, `${A('before')}\n`);
    const head = '{"id":"huge","text":"';
    const block = 'x'.repeat(1024 * 1024);
    writeSync(fd, head);
    for (let i = 0; i < 20; i++) writeSync(fd, block);
    writeSync(fd, '"}\n');
    writeSync(fd, `${A('after')}\n`);
    closeSync(fd);
    const size = head.length + 20 * block.length + 2;

    const items = await collect([p]);
    assert.deepEqual(rows(items), [
      ['article', `${p}:1`, 'before'],
      ['error', `${p}:2`, null],
      ['article', `${p}:3`, 'after'],
    ]);
    const err = items[1];
    assert.ok(err.kind === 'error');
    assert.match(err.error.message, new RegExp(`:2: line is ${size.toLocaleString('en-US')} bytes \\(20\\.0 MiB\\), over the limit of 5,242,880 bytes`));
  });

  test('maxLineBytes applies, also to an over-long last line without a newline', async () => {
    const p = file('limit.jsonl', `${A('a')}\n${A('b'.repeat(300))}\n${A('c')}\n${A('d'.repeat(300))}`);
    assert.deepEqual(rows(await collect([p], { maxLineBytes: 200 })), [
      ['article', `${p}:1`, 'a'],
      ['error', `${p}:2`, null],
      ['article', `${p}:3`, 'c'],
      ['error', `${p}:4`, null],
    ]);
  });

  const utf16Files: { name: string; bytes: () => Buffer; message: RegExp }[] = [
    {
      name: 'UTF-16LE with a byte order mark',
      bytes: () => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from([A('a'), A('b')].join('\r\n'), 'utf16le')]),
      message: /is UTF-16LE \(byte order mark FF FE\); JSON Lines must be UTF-8: convert it.*iconv -f UTF-16LE -t UTF-8 /,
    },
    {
      name: 'UTF-16BE with a byte order mark',
      bytes: () => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from([A('a'), A('b')].join('\n'), 'utf16le').swap16()]),
      message: /is UTF-16BE \(byte order mark FE FF\).*iconv -f UTF-16BE -t UTF-8 /,
    },
    {
      name: 'UTF-16LE without a byte order mark',
      bytes: () => Buffer.from([A('a'), A('b')].join('\n'), 'utf16le'),
      message: /looks like UTF-16LE \(a NUL byte every other byte, no byte order mark\).*iconv -f UTF-16LE -t UTF-8 /,
    },
  ];
  for (const u of utf16Files) {
    test(`a JSON Lines file in ${u.name} is one error naming the encoding and how to convert it, not "invalid JSON" per line`, async () => {
      const p = file('windows.jsonl', u.bytes());
      const items = await collect([p, file('next.jsonl', A('c'))]);
      assert.deepEqual(rows(items).map(([kind, , id]) => [kind, id]), [['error', null], ['article', 'c']]);
      const err = items[0];
      assert.ok(err.kind === 'error');
      assert.equal(err.error.source, p);
      assert.match(err.error.message, u.message);
      assert.ok(err.error.message.includes(`${p} > ${p}.utf8 && mv ${p}.utf8 ${p}`), err.error.message);
    });
  }

  test('a .json file named explicitly is read as JSON Lines', async () => {
    const p = file('export.json', `${A('j')}\n`);
    assert.deepEqual(rows(await collect([p])), [['article', `${p}:1`, 'j']]);
  });
});

/** The lines of a file as the reader cuts them (json-records.ts, JSON Lines shape). */
const readFileLines = (path: string, maxLineBytes: number) => jsonRecords(createReadStream(path, { highWaterMark: 1 << 16 }), maxLineBytes);

describe('the JSON Lines cutter over a file', () => {
  test('splits exactly like String.split across 64 KiB chunk boundaries', async () => {
    const lines: string[] = [];
    for (let i = 0; i < 400; i++) lines.push('é'.repeat((i * 7919) % 3000) + String(i));
    const p = file('lines.txt', lines.join('\n'));
    const got: string[] = [];
    for await (const l of readFileLines(p, 1 << 20)) {
      assert.ok('text' in l);
      assert.equal(l.line, got.length + 1);
      got.push(l.text);
    }
    assert.deepEqual(got, lines);
  });

  test('reports lines over the limit with their full byte size', async () => {
    const p = file('sizes.txt', `short\n${'y'.repeat(100_000)}\nend`);
    const got = [];
    for await (const l of readFileLines(p, 1000)) got.push(l);
    assert.deepEqual(got, [
      { line: 1, item: null, text: 'short' },
      { line: 2, item: null, tooLongBytes: 100_000 },
      { line: 3, item: null, text: 'end' },
    ]);
  });
});

describe('readInputs: .txt files', () => {
  const BODY = 'Three civilians were killed in a drone strike near Qamishli on Tuesday.\n\nThe Kurdish-led administration blamed Turkey.';

  test('without a header: id from the file name, published from the option', async () => {
    const p = file('qamishli-drone.txt', BODY);
    const items = await collect([p], { published: '2021-11-09T12:00:00+03:00' });
    assert.equal(items.length, 1);
    const item = items[0];
    assert.ok(item.kind === 'article');
    assert.equal(item.source, p);
    assert.deepEqual(item.article, {
      id: 'qamishli-drone',
      text: BODY,
      published: '2021-11-09',
      url: null,
      outlet: null,
      title: null,
      language: null,
    });
  });

  test('without a header or option: published is null', async () => {
    const item = (await collect([file('plain.txt', BODY)]))[0];
    assert.ok(item.kind === 'article');
    assert.equal(item.article.published, null);
  });

  test('a header fills the metadata and the text is the body after ---', async () => {
    const header = 'url: https://example.org/news/1\nOutlet: Example Wire (AFP copy)\npublished: 2023-10-05\ntitle: Drone strike kills three\nlanguage: en\nauthor: ignored\n---\n';
    const p = file('with-header.txt', header + BODY);
    const item = (await collect([p], { published: '2020-01-01' }))[0];
    assert.ok(item.kind === 'article');
    assert.deepEqual(item.article, {
      id: 'with-header',
      text: BODY,
      published: '2023-10-05',
      url: 'https://example.org/news/1',
      outlet: 'Example Wire (AFP copy)',
      title: 'Drone strike kills three',
      language: 'en',
    });
    // Offsets refer to the body.
    assert.equal(item.article.text.indexOf('Three civilians'), 0);
  });

  test('published: unknown in the header means null, even with a --published default', async () => {
    const p = file('unknown-date.txt', `title: A report\npublished: unknown\n---\n${BODY}`);
    const item = (await collect([p], { published: '2020-01-01' }))[0];
    assert.ok(item.kind === 'article');
    assert.equal(item.article.published, null);
    assert.equal(item.article.title, 'A report');
  });

  test('a header without published leaves the --published default', async () => {
    const p = file('no-date.txt', `title: A report\n---\n${BODY}`);
    const item = (await collect([p], { published: '2020-01-01' }))[0];
    assert.ok(item.kind === 'article');
    assert.equal(item.article.published, '2020-01-01');
  });

  test('an invalid header date is an error naming the header line', async () => {
    const p = file('bad-date.txt', `url: https://example.org\npublished: last Tuesday\n---\n${BODY}`);
    const item = (await collect([p]))[0];
    assert.ok(item.kind === 'error');
    assert.equal(item.error.source, `${p}:2`);
    assert.equal(item.error.field, 'published');
    assert.match(item.error.message, /header "published: last Tuesday" is not an ISO date/);
  });

  test('key: value lines not closed by --- are body text', async () => {
    const text = 'Update: the toll rose to 12.\nRescuers are still searching.';
    const item = (await collect([file('no-close.txt', text)]))[0];
    assert.ok(item.kind === 'article');
    assert.equal(item.article.text, text);
  });

  test('invalid UTF-8 is an error naming the file and byte', async () => {
    const bytes = Buffer.concat([Buffer.from('Caf'), Buffer.from([0xe9]), Buffer.from(' strike killed two.')]);
    const p = file('latin1.txt', bytes);
    const item = (await collect([p]))[0];
    assert.ok(item.kind === 'error');
    assert.equal(item.error.source, p);
    assert.match(item.error.message, /invalid UTF-8 at byte 3; expected a text file encoded as UTF-8/);
  });

  test('a UTF-16LE file with a byte order mark is decoded', async () => {
    const p = file('utf16.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`title: A report\r\n---\r\n${BODY}`, 'utf16le')]));
    const item = (await collect([p]))[0];
    assert.ok(item.kind === 'article');
    assert.equal(item.article.text, BODY);
    assert.equal(item.article.title, 'A report');
  });

  test('an empty body is an error', async () => {
    const item = (await collect([file('empty-body.txt', 'title: Nothing\n---\n\n')]))[0];
    assert.ok(item.kind === 'error');
    assert.equal(item.error.field, 'text');
  });
});

describe('readInputs: paths and folders', () => {
  test('folders are walked recursively in path order, picking .jsonl/.ndjson/.txt only', async () => {
    const dir = join(root, `case-${counter++}`);
    mkdirSync(join(dir, 'a', 'deep'), { recursive: true });
    mkdirSync(join(dir, '.git'));
    writeFileSync(join(dir, 'b.txt'), 'Two died in Saraqib.');
    writeFileSync(join(dir, 'a', 'z.jsonl'), `${A('z1')}\n${A('z2')}\n`);
    writeFileSync(join(dir, 'a', 'y.txt'), 'One died in Ariha.');
    writeFileSync(join(dir, 'a', 'deep', 'x.ndjson'), `${A('x1')}\n`);
    writeFileSync(join(dir, 'a', 'notes.md'), '# not an input');
    writeFileSync(join(dir, 'a', 'data.json'), 'not picked from folders');
    writeFileSync(join(dir, '.hidden.txt'), 'Editors leave these.');
    writeFileSync(join(dir, '.git', 'c.txt'), 'Not an article.');
    const items = await collect([dir]);
    assert.deepEqual(rows(items), [
      ['article', `${join(dir, 'a', 'deep', 'x.ndjson')}:1`, 'x1'],
      ['article', join(dir, 'a', 'y.txt'), 'y'],
      ['article', `${join(dir, 'a', 'z.jsonl')}:1`, 'z1'],
      ['article', `${join(dir, 'a', 'z.jsonl')}:2`, 'z2'],
      ['article', join(dir, 'b.txt'), 'b'],
    ]);
    // Same input, same output.
    assert.deepEqual(rows(await collect([dir])), rows(items));
  });

  test('a missing path is an error item and the next path is still read', async () => {
    const missing = join(root, 'no-such-file.jsonl');
    const p = file('ok.jsonl', `${A('ok')}\n`);
    const items = await collect([missing, p]);
    assert.deepEqual(rows(items), [
      ['error', missing, null],
      ['article', `${p}:1`, 'ok'],
    ]);
    const err = items[0];
    assert.ok(err.kind === 'error');
    assert.match(err.error.message, /no such file or folder; expected \.jsonl, \.ndjson or \.json/);
  });

  test('an explicitly named file with an unknown extension is an error item', async () => {
    const p = file('report.docx', 'PK not an article format');
    const items = await collect([p]);
    assert.equal(items.length, 1);
    const err = items[0];
    assert.ok(err.kind === 'error');
    assert.equal(err.error.source, p);
    assert.match(err.error.message, /unsupported file type "\.docx"; expected/);
  });

  test('an invalid --published is thrown before anything is read', async () => {
    await assert.rejects(collect([root], { published: 'yesterday' }), (e: unknown) => {
      assert.ok(e instanceof InputError);
      assert.equal(e.source, '--published');
      assert.match(e.message, /^--published: "published" must be an ISO date/);
      return true;
    });
  });
});
