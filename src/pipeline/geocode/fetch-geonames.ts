/**
 * Downloads one country of the GeoNames export into a folder that readGeoNamesDir can read:
 * `${baseUrl}/${CC}.zip` unpacked to `CC.txt`, plus `admin1CodesASCII.txt` and `admin2Codes.txt`.
 * The base URL is a parameter (a mirror, or a local server in tests); reading it from the
 * environment (TALLY_GEONAMES_URL) is the caller's job, so this module has no hidden configuration.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GeoNamesDownloadError } from './geocode-errors.ts';
import { ADMIN1_FILE, ADMIN2_FILE } from './geonames-reader.ts';
import { readZipMember } from './zip-reader.ts';

export const DEFAULT_GEONAMES_URL = 'https://download.geonames.org/export/dump';

export interface FetchGeoNamesOptions {
  /** Folder of the export (default DEFAULT_GEONAMES_URL); `${baseUrl}/SY.zip` must exist. */
  baseUrl?: string;
  /** Folder to write into; created when missing. */
  destDir: string;
  /** fetch to use (default globalThis.fetch); injected in tests. */
  fetchImpl?: typeof fetch;
}

/**
 * Downloads and unpacks one country; returns the paths written (CC.txt, admin1CodesASCII.txt,
 * admin2Codes.txt). Throws GeoNamesDownloadError on a network failure or a status other than 200,
 * ZipFormatError when the archive is malformed or lacks CC.txt.
 */
export async function fetchGeoNames(countryCode: string, options: FetchGeoNamesOptions): Promise<string[]> {
  const cc = countryCode.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(cc)) {
    throw new RangeError(`country code "${countryCode}" is not two letters (ISO 3166-1 alpha-2, e.g. SY)`);
  }
  const base = (options.baseUrl ?? DEFAULT_GEONAMES_URL).replace(/\/+$/, '');
  const fetchImpl = options.fetchImpl ?? globalThis.fetch;
  mkdirSync(options.destDir, { recursive: true });

  const zipUrl = `${base}/${cc}.zip`;
  const zip = await download(fetchImpl, zipUrl);
  const placeFile = `${cc}.txt`;
  const text = readZipMember(zip, placeFile, zipUrl);
  const written = [writeAtomically(join(options.destDir, placeFile), text)];
  for (const table of [ADMIN1_FILE, ADMIN2_FILE]) {
    written.push(writeAtomically(join(options.destDir, table), await download(fetchImpl, `${base}/${table}`)));
  }
  return written;
}

async function download(fetchImpl: typeof fetch, url: string): Promise<Buffer> {
  let response: Response;
  try {
    response = await fetchImpl(url);
  } catch (err) {
    throw new GeoNamesDownloadError(url, null, `download of ${url} failed: ${(err as Error).message}`, { cause: err });
  }
  if (response.status !== 200) {
    // Drain the body so the connection can be reused or closed.
    await response.arrayBuffer().catch(() => undefined);
    throw new GeoNamesDownloadError(url, response.status, `download of ${url} failed: HTTP ${response.status} ${response.statusText}`.trimEnd());
  }
  try {
    return Buffer.from(await response.arrayBuffer());
  } catch (err) {
    throw new GeoNamesDownloadError(url, response.status, `download of ${url} broke off: ${(err as Error).message}`, { cause: err });
  }
}

/** Writes beside the target then renames, so an interrupted download never leaves half a file. */
function writeAtomically(path: string, data: Buffer): string {
  const partial = `${path}.partial`;
  writeFileSync(partial, data);
  renameSync(partial, path);
  return path;
}
