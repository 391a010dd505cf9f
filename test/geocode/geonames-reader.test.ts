/**
 * Reading a GeoNames dump folder: the hand-typed fixture in test/fixtures/geonames, and temporary
 * folders with malformed lines or missing files. Malformed lines become `file:line: reason`
 * warnings and reading goes on; a missing folder or code table is a GeoNamesDirError.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GeoNamesDirError } from '../../src/pipeline/geocode/geocode-errors.ts';
import { parseGeoNameLine, readGeoNamesDir } from '../../src/pipeline/geocode/geonames-reader.ts';

const FIXTURE = fileURLToPath(new URL('../fixtures/geonames/', import.meta.url));
const temps: string[] = [];
after(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A temporary dump folder with the given files; the fixture's code tables unless overridden. */
function dumpDir(files: Record<string, string | null>): string {
  const dir = mkdtempSync(join(tmpdir(), 'tally-geonames-'));
  temps.push(dir);
  const all: Record<string, string | null> = { 'admin1CodesASCII.txt': 'fixture', 'admin2Codes.txt': 'fixture', ...files };
  for (const [name, content] of Object.entries(all)) {
    if (content === null) continue;
    if (content === 'fixture') copyFileSync(join(FIXTURE, name), join(dir, name));
    else writeFileSync(join(dir, name), content);
  }
  return dir;
}

/** A well-formed line (19 columns) with some columns replaced. */
function line(overrides: Partial<Record<number, string>> = {}): string {
  const cols = ['9100001', 'Binnish', 'Binnish', 'Binnesh', '35.957', '36.714', 'P', 'PPL', 'SY', '', '12', 'ID', '', '', '30000', '', '', 'Asia/Damascus', '2024-01-01'];
  for (const [i, v] of Object.entries(overrides)) cols[Number(i)] = v as string;
  return cols.join('\t');
}

describe('readGeoNamesDir on the fixture folder', () => {
  const { entries, warnings } = readGeoNamesDir(FIXTURE);
  const byId = new Map(entries.map((e) => [e.id, e]));

  test('reads every kept line without warnings, ids prefixed geonames:', () => {
    assert.deepEqual(warnings, []);
    assert.equal(entries.length, 9);
    assert.ok(entries.every((e) => /^geonames:\d+$/.test(e.id)));
  });

  test('resolves admin names from the code tables', () => {
    const saraqib = byId.get('geonames:9000001');
    assert.deepEqual(saraqib, {
      id: 'geonames:9000001',
      name: 'Sarāqib',
      asciiName: 'Saraqib',
      alternateNames: ['Saraqeb', 'Sarakib', 'سراقب'],
      lat: 35.8645,
      lon: 36.8059,
      featureClass: 'P',
      featureCode: 'PPLA3',
      countryCode: 'SY',
      admin1Code: '12',
      admin1Name: 'Idlib',
      admin2Code: 'ID',
      admin2Name: 'Idleb',
      population: 34000,
    });
    assert.equal(byId.get('geonames:9000004')?.admin1Name, 'Homs');
    assert.equal(byId.get('geonames:9000004')?.admin2Name, 'Homs');
  });

  test('keeps P, A, S and T features, drops the river (H)', () => {
    assert.equal(byId.get('geonames:9000005')?.featureCode, 'ADM1');
    assert.equal(byId.get('geonames:9000007')?.featureClass, 'S');
    assert.equal(byId.get('geonames:9000010')?.featureClass, 'T');
    assert.equal(byId.has('geonames:9000006'), false);
  });

  test('featureClasses and countries options narrow the result', () => {
    assert.equal(readGeoNamesDir(FIXTURE, { featureClasses: ['P'] }).entries.length, 6);
    assert.equal(readGeoNamesDir(FIXTURE, { featureClasses: ['H'] }).entries[0]?.name, 'Nahr al `Asi');
    assert.equal(readGeoNamesDir(FIXTURE, { countries: ['tr'] }).entries.length, 0);
  });
});

describe('readGeoNamesDir with malformed lines', () => {
  test('each malformed line is a warning with file:line and reason; the rest is read', () => {
    const text = [
      line(),
      line({ 0: '9100002' }).split('\t').slice(0, 10).join('\t'),
      line({ 0: '9100003', 4: 'north' }),
      line({ 0: 'x17' }),
      '',
      line({ 0: '9100005', 5: '200.5' }),
      line({ 0: '9100006', 14: '1,200' }),
      line({ 0: '9100007', 1: 'Sarmin', 2: 'Sarmin' }),
    ].join('\r\n');
    const dir = dumpDir({ 'SY.txt': text });
    const { entries, warnings } = readGeoNamesDir(dir);
    const file = join(dir, 'SY.txt');
    assert.deepEqual(
      entries.map((e) => e.name),
      ['Binnish', 'Sarmin'],
    );
    assert.deepEqual(warnings, [
      `${file}:2: expected 19 tab-separated columns, found 10`,
      `${file}:3: latitude "north" is not a number between -90 and 90`,
      `${file}:4: geonameid "x17" is not a positive integer`,
      `${file}:6: longitude "200.5" is not a number between -180 and 180`,
      `${file}:7: population "1,200" is not a whole number`,
    ]);
  });

  test('admin codes with no name in the tables are listed once per file', () => {
    const dir = dumpDir({ 'SY.txt': [line(), line({ 0: '9100002', 10: '07', 11: 'MY' })].join('\n') + '\n' });
    const { entries, warnings } = readGeoNamesDir(dir);
    assert.equal(entries[1].admin1Name, null);
    assert.equal(entries[1].admin2Name, null);
    const file = join(dir, 'SY.txt');
    assert.deepEqual(warnings, [
      `${file}: 1 admin codes used here have no name in admin1CodesASCII.txt: SY.07`,
      `${file}: 1 admin codes used here have no name in admin2Codes.txt: SY.07.MY`,
    ]);
  });

  test('a malformed code table line is a warning too', () => {
    const dir = dumpDir({ 'SY.txt': line(), 'admin1CodesASCII.txt': 'SY.12\tIdlib\tIdlib\t1\nSY12 Idlib\nSY-12\tX\tX\t2\n' });
    const { entries, warnings } = readGeoNamesDir(dir);
    assert.equal(entries[0].admin1Name, 'Idlib');
    const file = join(dir, 'admin1CodesASCII.txt');
    assert.deepEqual(warnings, [
      `${file}:2: expected at least 3 tab-separated columns, found 1`,
      `${file}:3: code "SY-12" is not of the form CC.A1 (e.g. SY.12)`,
    ]);
  });

  test('allCountries.txt is read instead of country files beside it, with a warning', () => {
    const dir = dumpDir({ 'allCountries.txt': line(), 'SY.txt': line({ 0: '9100009' }) });
    const { entries, warnings } = readGeoNamesDir(dir);
    assert.deepEqual(entries.map((e) => e.id), ['geonames:9100001']);
    assert.deepEqual(warnings, [`${dir}: read allCountries.txt only; it already holds SY.txt`]);
  });

  test('several country files are all read, in name order', () => {
    const dir = dumpDir({ 'SY.txt': line(), 'LB.txt': line({ 0: '9200001', 1: 'Tripoli', 8: 'LB', 10: '', 11: '' }) });
    assert.deepEqual(readGeoNamesDir(dir).entries.map((e) => e.name), ['Tripoli', 'Binnish']);
  });
});

describe('readGeoNamesDir errors', () => {
  const cases: [string, () => string, RegExp][] = [
    ['a folder that does not exist', () => join(tmpdir(), 'tally-no-such-geonames-dir'), /GeoNames folder .*tally-no-such-geonames-dir does not exist/],
    ['a file instead of a folder', () => join(dumpDir({ 'SY.txt': line() }), 'SY.txt'), /GeoNames folder .*SY\.txt is not a folder/],
    ['no admin1CodesASCII.txt', () => dumpDir({ 'SY.txt': line(), 'admin1CodesASCII.txt': null }), /GeoNames folder .*tally-geonames-\w+ has no admin1CodesASCII\.txt/],
    ['no admin2Codes.txt', () => dumpDir({ 'SY.txt': line(), 'admin2Codes.txt': null }), /GeoNames folder .*tally-geonames-\w+ has no admin2Codes\.txt/],
    ['no place file', () => dumpDir({ 'readme.txt': 'hello' }), /has no place file: expected country files such as SY\.txt or allCountries\.txt/],
  ];
  for (const [what, makeDir, message] of cases) {
    test(`${what} → GeoNamesDirError`, () => {
      const dir = makeDir();
      assert.throws(
        () => readGeoNamesDir(dir),
        (err: unknown) => err instanceof GeoNamesDirError && err.dir === dir && message.test(err.message),
      );
    });
  }
});

describe('parseGeoNameLine', () => {
  test('empty alternate names and population give [] and 0; an empty ascii name falls back to the name', () => {
    const entry = parseGeoNameLine(line({ 2: '', 3: '', 14: '' }));
    assert.ok(typeof entry !== 'string');
    assert.deepEqual([entry.asciiName, entry.alternateNames, entry.population], ['Binnish', [], 0]);
  });
  test('a lower-case feature class is malformed', () => {
    assert.equal(parseGeoNameLine(line({ 6: 'p' })), 'feature class "p" is not one capital letter');
  });
});
