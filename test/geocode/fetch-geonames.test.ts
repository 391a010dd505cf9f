/**
 * Downloading a GeoNames country from a local HTTP server (127.0.0.1, a free port) that serves
 * the fixture dump as the GeoNames export lays it out: SY.zip, admin1CodesASCII.txt,
 * admin2Codes.txt. The result must read back exactly like the fixture folder; HTTP errors and bad
 * archives must fail naming the URL.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fetchGeoNames } from '../../src/pipeline/geocode/fetch-geonames.ts';
import { GeoNamesDownloadError, ZipFormatError } from '../../src/pipeline/geocode/geocode-errors.ts';
import { readGeoNamesDir } from '../../src/pipeline/geocode/geonames-reader.ts';
import { writeZip } from './zip-writer.ts';

const FIXTURE = fileURLToPath(new URL('../fixtures/geonames/', import.meta.url));
const fixtureFile = (name: string) => readFileSync(join(FIXTURE, name));

/** What the server answers, by path. */
const ROUTES: Record<string, Buffer> = {
  '/dump/SY.zip': writeZip([
    { name: 'SY.txt', data: fixtureFile('SY.txt') },
    { name: 'readme.txt', data: 'fixture readme', method: 0 },
  ]),
  '/dump/admin1CodesASCII.txt': fixtureFile('admin1CodesASCII.txt'),
  '/dump/admin2Codes.txt': fixtureFile('admin2Codes.txt'),
  '/broken/LB.zip': Buffer.from('<html>maintenance</html>'),
  '/broken/JO.zip': writeZip([{ name: 'readme.txt', data: 'no country file here' }]),
};
// A mirror that has the country archive but not the code tables.
ROUTES['/partial/SY.zip'] = ROUTES['/dump/SY.zip'];

let server: Server;
let base = '';
const requested: string[] = [];
const temps: string[] = [];

before(async () => {
  server = createServer((req, res) => {
    requested.push(req.url ?? '');
    const body = ROUTES[req.url ?? ''];
    if (body === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    } else {
      res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(body);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  temps.forEach((d) => rmSync(d, { recursive: true, force: true }));
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tally-fetch-'));
  temps.push(dir);
  return dir;
}

describe('fetchGeoNames against a local server', () => {
  test('downloads, unzips and writes a folder that reads like the fixture', async () => {
    const dest = join(tempDir(), 'geonames');
    const written = await fetchGeoNames('sy', { baseUrl: `${base}/dump/`, destDir: dest });
    assert.deepEqual(written, [join(dest, 'SY.txt'), join(dest, 'admin1CodesASCII.txt'), join(dest, 'admin2Codes.txt')]);
    assert.deepEqual(readdirSync(dest).sort(), ['SY.txt', 'admin1CodesASCII.txt', 'admin2Codes.txt']);
    assert.deepEqual(readGeoNamesDir(dest), readGeoNamesDir(FIXTURE));
    assert.deepEqual(requested.slice(-3), ['/dump/SY.zip', '/dump/admin1CodesASCII.txt', '/dump/admin2Codes.txt']);
  });

  test('an HTTP 404 is a GeoNamesDownloadError naming the URL and the status', async () => {
    const dest = tempDir();
    const url = `${base}/dump/TR.zip`;
    await assert.rejects(
      fetchGeoNames('TR', { baseUrl: `${base}/dump`, destDir: dest }),
      (err: unknown) =>
        err instanceof GeoNamesDownloadError && err.url === url && err.status === 404 && err.message.includes(`download of ${url} failed: HTTP 404`),
    );
    assert.deepEqual(readdirSync(dest), []);
  });

  test('a missing code table is a 404 for that file, after the country file', async () => {
    const dest = tempDir();
    const url = `${base}/partial/admin1CodesASCII.txt`;
    await assert.rejects(
      fetchGeoNames('SY', { baseUrl: `${base}/partial`, destDir: dest }),
      (err: unknown) => err instanceof GeoNamesDownloadError && err.url === url && err.status === 404,
    );
    assert.equal(existsSync(join(dest, 'admin1CodesASCII.txt')), false);
  });

  test('a page that is not a ZIP is a ZipFormatError naming the URL', async () => {
    await assert.rejects(
      fetchGeoNames('LB', { baseUrl: `${base}/broken`, destDir: tempDir() }),
      (err: unknown) => err instanceof ZipFormatError && err.message.startsWith(`${base}/broken/LB.zip is not a ZIP archive`),
    );
  });

  test('a ZIP without CC.txt is a ZipFormatError listing what it holds', async () => {
    await assert.rejects(
      fetchGeoNames('JO', { baseUrl: `${base}/broken`, destDir: tempDir() }),
      (err: unknown) => err instanceof ZipFormatError && err.message === `${base}/broken/JO.zip has no member JO.txt; members: readme.txt`,
    );
  });
});

describe('fetchGeoNames without a server', () => {
  test('a network failure is a GeoNamesDownloadError with no status', async () => {
    const failing: typeof fetch = async () => {
      throw new TypeError('fetch failed');
    };
    await assert.rejects(
      fetchGeoNames('SY', { baseUrl: 'http://mirror.invalid/dump', destDir: tempDir(), fetchImpl: failing }),
      (err: unknown) =>
        err instanceof GeoNamesDownloadError && err.status === null && err.message === 'download of http://mirror.invalid/dump/SY.zip failed: fetch failed',
    );
  });

  test('the default base URL is the GeoNames export', async () => {
    const seen: string[] = [];
    const recording: typeof fetch = async (input) => {
      seen.push(String(input));
      return new Response('gone', { status: 410, statusText: 'Gone' });
    };
    await assert.rejects(fetchGeoNames('SY', { destDir: tempDir(), fetchImpl: recording }), /HTTP 410 Gone/);
    assert.deepEqual(seen, ['https://download.geonames.org/export/dump/SY.zip']);
  });

  test('a country code that is not two letters is refused before any download', async () => {
    await assert.rejects(fetchGeoNames('SYR', { destDir: tempDir(), fetchImpl: async () => assert.fail('no fetch') }), /country code "SYR" is not two letters/);
  });
});
