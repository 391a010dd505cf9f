/**
 * The minimal ZIP reader: stored and deflate members come back byte for byte; archives that are
 * not ZIPs, lack the member, are corrupt or use unsupported methods fail with ZipFormatError
 * naming the archive and what is wrong.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ZipFormatError } from '../../src/pipeline/geocode/geocode-errors.ts';
import { crc32, listZipMembers, readZipMember } from '../../src/pipeline/geocode/zip-reader.ts';
import { writeZip } from './zip-writer.ts';

const TEXT = 'line one\tcol\nline two ‘Ayn\n'.repeat(50);

describe('crc32', () => {
  test('matches the standard check value for "123456789"', () => {
    assert.equal(crc32(Buffer.from('123456789')), 0xcbf43926);
  });
  test('of nothing is 0', () => assert.equal(crc32(Buffer.alloc(0)), 0));
});

describe('readZipMember', () => {
  test('reads deflate and stored members, in an archive with a comment', () => {
    const zip = writeZip(
      [
        { name: 'readme.txt', data: 'hello', method: 0 },
        { name: 'SY.txt', data: TEXT, method: 8 },
      ],
      'archive comment',
    );
    assert.deepEqual(
      listZipMembers(zip).map((m) => [m.name, m.method]),
      [
        ['readme.txt', 0],
        ['SY.txt', 8],
      ],
    );
    assert.equal(readZipMember(zip, 'SY.txt').toString('utf8'), TEXT);
    assert.equal(readZipMember(zip, 'readme.txt').toString('utf8'), 'hello');
  });

  test('a missing member is an error listing the members', () => {
    const zip = writeZip([{ name: 'readme.txt', data: 'hello' }]);
    assert.throws(
      () => readZipMember(zip, 'SY.txt', 'SY.zip'),
      (err: unknown) => err instanceof ZipFormatError && /SY\.zip has no member SY\.txt; members: readme\.txt/.test(err.message),
    );
  });

  const bad: [string, () => Buffer, RegExp][] = [
    ['not a zip at all', () => Buffer.from('<html>Not Found</html>'), /x\.zip is not a ZIP archive/],
    ['an empty file', () => Buffer.alloc(0), /x\.zip is not a ZIP archive/],
    [
      'a corrupted byte in a stored member',
      () => {
        const zip = writeZip([{ name: 'SY.txt', data: 'abcdef', method: 0 }]);
        zip[30 + 'SY.txt'.length] ^= 0xff;
        return zip;
      },
      /x\.zip member SY\.txt: CRC-32 is 0x[0-9a-f]{8}, the directory says 0x[0-9a-f]{8}/,
    ],
    [
      'garbage in deflate data',
      () => {
        const zip = writeZip([{ name: 'SY.txt', data: TEXT, method: 8 }]);
        zip.fill(0xff, 30 + 6, 30 + 6 + 8);
        return zip;
      },
      /x\.zip member SY\.txt: (deflate data is corrupt|expected \d+ bytes|CRC-32)/,
    ],
    [
      'an unsupported compression method',
      () => {
        const zip = writeZip([{ name: 'SY.txt', data: 'abc', method: 0 }]);
        const central = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
        zip.writeUInt16LE(14, central + 10);
        return zip;
      },
      /x\.zip member SY\.txt uses compression method 14; only 0 \(stored\) and 8 \(deflate\)/,
    ],
    [
      'a truncated archive',
      () => writeZip([{ name: 'SY.txt', data: TEXT, method: 0 }]).subarray(200),
      /x\.zip: central directory .* runs past its end record/,
    ],
  ];
  for (const [what, make, message] of bad) {
    test(`${what} → ZipFormatError`, () => {
      assert.throws(
        () => readZipMember(make(), 'SY.txt', 'x.zip'),
        (err: unknown) => err instanceof ZipFormatError && err.source === 'x.zip' && message.test(err.message),
      );
    });
  }
});
