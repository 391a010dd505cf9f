/** The version in the repository's package.json: what `tally --version`, /health and the OpenAPI description report. */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_JSON = join(resolve(dirname(fileURLToPath(import.meta.url)), '..', '..'), 'package.json');

export function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(PACKAGE_JSON, 'utf8')) as { version?: string }).version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}
