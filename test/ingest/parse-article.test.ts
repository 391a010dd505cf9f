import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../../src/pipeline/ingest/input-error.ts';
import { parseArticle } from '../../src/pipeline/ingest/parse-article.ts';
import { isoDayOf } from '../../src/pipeline/ingest/published-date.ts';
import { describeJunk } from '../../src/pipeline/ingest/text-junk.ts';

const WHERE = 'batch.jsonl:12';
const TEXT = 'At least six civilians were killed in airstrikes on Ariha on Monday, rescuers said.';

describe('parseArticle: valid records', () => {
  test('fills absent optional fields with null', () => {
    assert.deepEqual(parseArticle({ id: 'doc-1', text: TEXT }, WHERE), {
      id: 'doc-1',
      text: TEXT,
      published: null,
      url: null,
      outlet: null,
      title: null,
      language: null,
    });
  });

  test('keeps metadata, ignores unknown fields, reads "" as null', () => {
    const a = parseArticle(
      { id: 'x', text: TEXT, url: 'https://example.org/a', outlet: 'Example Wire', title: '', language: 'en', extra: 5 },
      WHERE,
    );
    assert.equal(a.url, 'https://example.org/a');
    assert.equal(a.outlet, 'Example Wire');
    assert.equal(a.title, null);
    assert.equal(a.language, 'en');
    assert.equal('extra' in a, false);
  });

  const published: [unknown, string | null][] = [
    ['2019-11-06', '2019-11-06'],
    ['2019-11-06T10:15:00Z', '2019-11-06'],
    ['2019-11-06T23:30:00-05:00', '2019-11-06'], // the publisher's day, not UTC's
    ['2019-11-06 08:00', '2019-11-06'],
    ['2019-11-06T08:00:00.123+03:00', '2019-11-06'],
    [null, null],
    ['', null],
    [undefined, null],
  ];
  for (const [input, expected] of published) {
    test(`published ${JSON.stringify(input)} -> ${expected}`, () => {
      assert.equal(parseArticle({ id: 'p', text: TEXT, published: input }, WHERE).published, expected);
    });
  }

  test('lone UTF-16 surrogates in any string field become U+FFFD; the article lands', () => {
    const a = parseArticle(
      JSON.parse(String.raw`{"id": "s\udc00", "text": "${TEXT} Rescuers\ud800 said.", "url": "https://example.org/\ud83d", "outlet": "\udfffWire", "title": "Ariha\ud800", "language": "en\udc00"}`),
      WHERE,
    );
    assert.deepEqual(a, {
      id: 's\uFFFD',
      text: `${TEXT} Rescuers\uFFFD said.`,
      published: null,
      url: 'https://example.org/\uFFFD',
      outlet: '\uFFFDWire',
      title: 'Ariha\uFFFD',
      language: 'en\uFFFD',
    });
  });

  test('a surrogate pair is kept', () => {
    assert.equal(parseArticle(JSON.parse(String.raw`{"id": "p", "text": "${TEXT} \ud83d\ude10"}`), WHERE).text, `${TEXT} 😐`);
  });

  test('a couple of replacement characters in a long text are tolerated', () => {
    const text = `${TEXT} The monitor\uFFFDs figures differ.`;
    assert.equal(parseArticle({ id: 'r', text }, WHERE).text, text);
  });
});

describe('parseArticle: rejected records name place, field and what is valid', () => {
  const cases: { name: string; input: unknown; field: string | null; message: RegExp }[] = [
    { name: 'an array', input: [1, 2], field: null, message: /expected a JSON object with "id" and "text", got an array/ },
    { name: 'a string', input: 'hello', field: null, message: /expected a JSON object/ },
    { name: 'null', input: null, field: null, message: /got null/ },
    { name: 'missing id', input: { text: TEXT }, field: 'id', message: /missing "id"; expected a non-empty string/ },
    { name: 'numeric id', input: { id: 12, text: TEXT }, field: 'id', message: /"id" must be a non-empty string, got number 12 \(write numeric ids as strings\)/ },
    { name: 'blank id', input: { id: '  ', text: TEXT }, field: 'id', message: /"id" must be a non-empty string/ },
    { name: 'missing text', input: { id: 'a' }, field: 'text', message: /missing "text" in document "a"/ },
    { name: 'text not a string', input: { id: 'a', text: ['x'] }, field: 'text', message: /"text" must be a string \(the article body\), got an array/ },
    { name: 'empty text', input: { id: 'a', text: '' }, field: 'text', message: /"text" is empty/ },
    { name: 'whitespace text', input: { id: 'a', text: ' \n\t ' }, field: 'text', message: /"text" is empty/ },
    { name: 'NUL bytes', input: { id: 'a', text: 'PK\u0003\u0004\u0000\u0000abc' }, field: 'text', message: /NUL characters \(first at offset 4\)/ },
    { name: 'invalid UTF-8 junk', input: { id: 'a', text: 'ab\uFFFD\uFFFDc\uFFFD\uFFFDd\uFFFD' }, field: 'text', message: /5 replacement characters \(U\+FFFD\)/ },
    { name: 'lone surrogates count as invalid text', input: { id: 'a', text: 'ab\uD800\uDC00c\uDFFF\uD800d\uDBFF\uDBFFe\uDC00' }, field: 'text', message: /5 replacement characters \(U\+FFFD\)/ },
    { name: 'control characters', input: { id: 'a', text: 'x\u0001\u0002\u0003y\u0004\u0005\u0006z\u0007' }, field: 'text', message: /control characters/ },
    { name: 'published not ISO', input: { id: 'a', text: TEXT, published: '6 Nov 2019' }, field: 'published', message: /"published" must be an ISO date \(YYYY-MM-DD\).*got string "6 Nov 2019"/ },
    { name: 'published impossible day', input: { id: 'a', text: TEXT, published: '2019-02-30' }, field: 'published', message: /got string "2019-02-30"/ },
    { name: 'published with an impossible UTC offset', input: { id: 'a', text: TEXT, published: '2024-03-01T10:00:00+25:00' }, field: 'published', message: /"published" must be .*±HH:MM between -14:00 and \+14:00.*got string "2024-03-01T10:00:00\+25:00"/ },
    { name: 'published number', input: { id: 'a', text: TEXT, published: 20191106 }, field: 'published', message: /got number 20191106/ },
    { name: 'url number', input: { id: 'a', text: TEXT, url: 5 }, field: 'url', message: /"url" must be a string or null, got number 5/ },
    { name: 'title object', input: { id: 'a', text: TEXT, title: {} }, field: 'title', message: /"title" must be a string or null, got an object/ },
  ];
  for (const c of cases) {
    test(c.name, () => {
      assert.throws(
        () => parseArticle(c.input, WHERE),
        (e: unknown) => {
          assert.ok(e instanceof InputError, 'an InputError');
          assert.equal(e.name, 'InputError');
          assert.equal(e.source, WHERE);
          assert.equal(e.field, c.field);
          assert.ok(e.message.startsWith(`${WHERE}: `), e.message);
          assert.match(e.message, c.message);
          return true;
        },
      );
    });
  }
});

describe('isoDayOf', () => {
  const rows: [string, string | null][] = [
    ['2020-02-29', '2020-02-29'],
    ['2000-02-29', '2000-02-29'],
    ['2019-02-29', null],
    ['1900-02-29', null],
    ['2019-04-31', null],
    ['2019-13-01', null],
    ['2019-11-06T24:00', null],
    ['2019-11-06T23:60', null],
    ['2019-11-06T10:00:60Z', '2019-11-06'],
    [' 2019-11-06 ', '2019-11-06'],
    ['2019-11-6', null],
    ['06/11/2019', null],
    ['2019-11-06T10:00:00+0300', '2019-11-06'],
    ['2019-11-06Tnoon', null],
  ];
  for (const [input, expected] of rows) {
    test(`${JSON.stringify(input)} -> ${expected}`, () => assert.equal(isoDayOf(input), expected));
  }
});

describe('isoDayOf: UTC offsets beyond the ones in use are refused', () => {
  // Offsets in use run from -12:00 (Baker Island) to +14:00 (Line Islands); RFC 3339's
  // time-numoffset has minutes 00-59.
  const rows: [string, string | null][] = [
    ['2024-03-01T10:00:00+14:00', '2024-03-01'],
    ['2024-03-01T10:00:00-14:00', '2024-03-01'],
    ['2024-03-01T10:00:00+05:45', '2024-03-01'],
    ['2024-03-01T10:00:00-0930', '2024-03-01'],
    ['2024-03-01T10:00:00+00', '2024-03-01'],
    ['2024-03-01T10:00:00+25:00', null],
    ['2024-03-01T10:00:00-15:00', null],
    ['2024-03-01T10:00:00+14:30', null],
    ['2024-03-01T10:00:00+05:60', null],
    ['2024-03-01T10:00:00+0099', null],
  ];
  for (const [input, expected] of rows) {
    test(`${JSON.stringify(input)} -> ${expected}`, () => assert.equal(isoDayOf(input), expected));
  }
});

describe('describeJunk', () => {
  test('ordinary multilingual text is not junk', () => {
    assert.equal(describeJunk('Trois civils ont été tués à Idlib.\tقتل ثلاثة مدنيين\r\n'), null);
  });
  test('two stray replacement characters are not junk, three in a short text are', () => {
    assert.equal(describeJunk(`${TEXT}\uFFFD\uFFFD`), null);
    assert.match(describeJunk('a\uFFFDb\uFFFDc\uFFFD') ?? '', /3 replacement characters/);
  });
});
