/**
 * The RFC 4180 reader: quoted fields holding commas, doubled quotes and line breaks; CRLF and LF
 * record ends; malformed text is an error naming the line.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CsvError, csvRows, parseCsv } from '../../src/eval/csv-records.ts';

const fieldsOf = (text: string) => parseCsv(text, 't.csv').map((r) => r.fields);

const CASES: [string, string, string[][]][] = [
  ['plain, LF', 'a,b\n1,2\n', [['a', 'b'], ['1', '2']]],
  ['CRLF (RFC 4180 §2.1)', 'a,b\r\n1,2\r\n', [['a', 'b'], ['1', '2']]],
  ['no final line break', 'a,b\n1,2', [['a', 'b'], ['1', '2']]],
  ['quoted comma', 'a,b\n"Celista, B.C",2\n', [['a', 'b'], ['Celista, B.C', '2']]],
  ['quoted newline kept as written', 'id,city\nx1,"first line\nSECOND"\nx2,Omaha\n', [['id', 'city'], ['x1', 'first line\nSECOND'], ['x2', 'Omaha']]],
  ['quoted CRLF kept', 'a\r\n"p\r\nq"\r\n', [['a'], ['p\r\nq']]],
  ['doubled quote (§2.7)', 'a\n"say ""when"""\n', [['a'], ['say "when"']]],
  ['empty fields', 'a,b,c\n,,\n', [['a', 'b', 'c'], ['', '', '']]],
  ['empty quoted field is a record', 'a\n""\n', [['a'], ['']]],
  ['blank lines hold no record', 'a,b\n\n1,2\n\n', [['a', 'b'], ['1', '2']]],
  ['byte order mark dropped', '\ufeffa,b\n1,2\n', [['a', 'b'], ['1', '2']]],
];

for (const [name, text, want] of CASES) {
  test(`parseCsv: ${name}`, () => assert.deepEqual(fieldsOf(text), want));
}

test('parseCsv: a record starts on the line after a quoted newline', () => {
  assert.deepEqual(
    parseCsv('id,city\nx1,"a\nb"\nx2,c\n', 't.csv').map((r) => r.line),
    [1, 2, 4],
  );
});

const ERRORS: [string, string, RegExp][] = [
  ['quote inside an unquoted field', 'a\nab"c\n', /t\.csv:2: a double quote inside an unquoted field/],
  ['text after a closing quote', 'a\n"ab"c\n', /t\.csv:2: text after a closing quote/],
  ['unterminated quote names its opening line', 'a\n"ab\ncd\n', /t\.csv:2: a quoted field is never closed/],
];

for (const [name, text, message] of ERRORS) {
  test(`parseCsv rejects ${name}`, () => assert.throws(() => parseCsv(text, 't.csv'), (e: unknown) => e instanceof CsvError && message.test(e.message)));
}

test('csvRows: keyed by header, with line numbers', () => {
  assert.deepEqual(csvRows('id,n\nx,"1\n"\ny,2\n', 't.csv', ['id']), [
    { line: 2, values: { id: 'x', n: '1\n' } },
    { line: 4, values: { id: 'y', n: '2' } },
  ]);
});

test('csvRows: a missing column and a short record are errors', () => {
  assert.throws(() => csvRows('id,n\n', 't.csv', ['id', 'killed']), /t\.csv:1: header lacks killed \(has id, n\)/);
  assert.throws(() => csvRows('id,n\nx\n', 't.csv', ['id']), /t\.csv:2: 1 fields; the header has 2/);
});
