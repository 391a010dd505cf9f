import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../../src/pipeline/ingest/input-error.ts';
import { parseTxtHeader, txtArticle } from '../../src/pipeline/ingest/txt-article.ts';

describe('parseTxtHeader', () => {
  const rows: { name: string; content: string; expected: Omit<NonNullable<ReturnType<typeof parseTxtHeader>>, 'bodyStart'> | null }[] = [
    {
      name: 'known keys, any case, trimmed values',
      content: 'URL:  https://example.org/x \ntitle: Strikes on Ariha\n---\nBody.',
      expected: { fields: { url: 'https://example.org/x', title: 'Strikes on Ariha' }, lines: { url: 1, title: 2 }, bodyLine: 4 },
    },
    {
      name: 'CRLF lines',
      content: 'outlet: Example Wire\r\n---\r\nBody.',
      expected: { fields: { outlet: 'Example Wire' }, lines: { outlet: 1 }, bodyLine: 3 },
    },
    {
      name: 'unknown keys are skipped, not fatal',
      content: 'author: Jane Doe\npublished: unknown\n---\nBody.',
      expected: { fields: { published: 'unknown' }, lines: { published: 2 }, bodyLine: 4 },
    },
    { name: 'no closing ---', content: 'Update: toll rises to 12\nRescuers search.', expected: null },
    { name: 'a --- without fields before it', content: '---\nBody.', expected: null },
    { name: 'a sentence before ---', content: 'Three were killed.\n---\nMore.', expected: null },
  ];
  for (const r of rows) {
    test(r.name, () => {
      const got = parseTxtHeader(r.content);
      assert.deepEqual(got, r.expected && { ...r.expected, bodyStart: r.content.indexOf('Body.') });
      if (got) assert.equal(r.content.slice(got.bodyStart), 'Body.');
    });
  }
});

describe('txtArticle: UTF-8 validation names the first bad byte', () => {
  const rows: [string, number[], number | null][] = [
    ['valid two-, three- and four-byte characters', [0x41, 0xc3, 0xa9, 0xe2, 0x80, 0x94, 0xf0, 0x9f, 0x98, 0x80], null],
    ['a lone Latin-1 byte', [0x41, 0x42, 0xe9, 0x43], 2],
    ['an overlong encoding of "/"', [0x41, 0xc0, 0xaf], 1],
    ['an encoded surrogate', [0x41, 0x41, 0xed, 0xa0, 0x80], 2],
    ['a sequence cut off at the end', [0x41, 0xe2, 0x80], 1],
    ['a stray continuation byte', [0x80, 0x41], 0],
    ['a code point above U+10FFFF', [0x41, 0xf4, 0x90, 0x80, 0x80], 1],
  ];
  for (const [name, bytes, bad] of rows) {
    test(name, () => {
      const buf = Buffer.concat([Buffer.from(bytes), Buffer.from(' was hit.')]);
      if (bad === null) {
        assert.equal(txtArticle(buf, 'ok.txt', null).text, buf.toString('utf8'));
        return;
      }
      assert.throws(
        () => txtArticle(buf, 'dir/bad.txt', null),
        (e: unknown) => e instanceof InputError && e.source === 'dir/bad.txt' && e.message.includes(`invalid UTF-8 at byte ${bad};`),
      );
    });
  }
});

describe('txtArticle', () => {
  test('id is the file name without its extension; a BOM is dropped', () => {
    const a = txtArticle(Buffer.from('\uFEFFTwo civilians died in Binnish.'), '/data/in/2019-11-06 binnish.report.txt', '2019-11-06');
    assert.equal(a.id, '2019-11-06 binnish.report');
    assert.equal(a.text, 'Two civilians died in Binnish.');
    assert.equal(a.published, '2019-11-06');
  });

  test('binary junk in a .txt is rejected like in JSON Lines', () => {
    assert.throws(() => txtArticle(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x41]), 'archive.txt', null), /NUL characters/);
  });
});

describe('txtArticle: UTF-16 files', () => {
  const BODY = 'Two civilians died in Binnish on Tuesday, a monitor said.';
  const CONTENT = `title: Binnish shelled\npublished: 2019-11-05\n---\n${BODY}`;
  const utf16le = (s: string): Buffer => Buffer.from(s, 'utf16le');
  const utf16be = (s: string): Buffer => Buffer.from(s, 'utf16le').swap16();

  test('UTF-16LE with a byte order mark (FF FE) is decoded like the same file in UTF-8', () => {
    const a = txtArticle(Buffer.concat([Buffer.from([0xff, 0xfe]), utf16le(CONTENT)]), 'in/binnish.txt', null);
    assert.deepEqual(a, txtArticle(Buffer.from(CONTENT), 'in/binnish.txt', null));
    assert.equal(a.text, BODY);
    assert.equal(a.title, 'Binnish shelled');
  });

  test('UTF-16BE with a byte order mark (FE FF) is decoded, characters beyond the BMP too', () => {
    const a = txtArticle(Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(`${BODY} 😐`)]), 'binnish.txt', null);
    assert.equal(a.text, `${BODY} 😐`);
  });

  const refused: { name: string; bytes: Buffer; message: RegExp }[] = [
    {
      name: 'UTF-16LE without a byte order mark',
      bytes: utf16le(CONTENT),
      message: /looks like UTF-16LE \(a NUL byte every other byte, no byte order mark\); expected UTF-8 \(or UTF-16 with a byte order mark\): convert it.*iconv -f UTF-16LE -t UTF-8 in\/binnish\.txt > in\/binnish\.txt\.utf8 && mv in\/binnish\.txt\.utf8 in\/binnish\.txt/,
    },
    {
      name: 'UTF-16BE without a byte order mark',
      bytes: utf16be(BODY),
      message: /looks like UTF-16BE .*iconv -f UTF-16BE -t UTF-8/,
    },
    {
      name: 'UTF-16LE with a byte order mark and a lone surrogate',
      bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), utf16le(BODY), Buffer.from([0x00, 0xd8, 0x41, 0x00])]),
      message: /is not valid UTF-16LE \(byte order mark FF FE\): it has a lone surrogate; expected UTF-8, or UTF-16 with a byte order mark/,
    },
    {
      name: 'UTF-16LE with a byte order mark cut off mid-character',
      bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), utf16le(BODY), Buffer.from([0x41])]),
      message: /is not valid UTF-16LE \(byte order mark FF FE\): it has an odd number of bytes \(117\)/,
    },
  ];
  for (const r of refused) {
    test(`refused, naming the encoding and how to convert: ${r.name}`, () => {
      assert.throws(
        () => txtArticle(r.bytes, 'in/binnish.txt', null),
        (e: unknown) => {
          assert.ok(e instanceof InputError);
          assert.equal(e.source, 'in/binnish.txt');
          assert.equal(e.field, 'text');
          assert.match(e.message, r.message);
          return true;
        },
      );
    });
  }
});
