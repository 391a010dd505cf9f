import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { detectUtf16, type Utf16Detection } from '../../src/pipeline/ingest/utf16-detection.ts';

const LINE = '{"id": "a-1", "text": "Shelling killed four people in the village on Sunday, a monitor said."}\n';
const le = (s: string): Buffer => Buffer.from(s, 'utf16le');
const be = (s: string): Buffer => Buffer.from(s, 'utf16le').swap16();

describe('detectUtf16', () => {
  const rows: [string, Buffer, Utf16Detection | null][] = [
    ['UTF-8 JSON', Buffer.from(LINE), null],
    ['UTF-8 with its byte order mark', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(LINE)]), null],
    ['UTF-8 Arabic and CJK text', Buffer.from('قتل ثلاثة مدنيين。三名平民在空袭中丧生。'), null],
    ['UTF-16LE byte order mark', Buffer.concat([Buffer.from([0xff, 0xfe]), le(LINE)]), { encoding: 'UTF-16LE', byteOrderMark: true }],
    ['UTF-16BE byte order mark', Buffer.concat([Buffer.from([0xfe, 0xff]), be(LINE)]), { encoding: 'UTF-16BE', byteOrderMark: true }],
    ['UTF-16LE JSON without a mark', le(LINE), { encoding: 'UTF-16LE', byteOrderMark: false }],
    ['UTF-16BE JSON without a mark', be(LINE), { encoding: 'UTF-16BE', byteOrderMark: false }],
    ['UTF-16LE Chinese with ASCII keys and an ideographic space (00 30)', le('{"id": "z", "text": "三名平民\u3000在空袭中丧生"}'), { encoding: 'UTF-16LE', byteOrderMark: false }],
    ['too short to tell', le('ab'), null],
    ['a zip header', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00, 0x21, 0x00]), null],
  ];
  for (const [name, bytes, expected] of rows) test(name, () => assert.deepEqual(detectUtf16(bytes), expected));
});
