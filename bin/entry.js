// Loads one of Tally's entry modules for the scripts in bin/ (docs/decisions/0028-build-once.md).
//
// Tally runs from its build, dist/ (plain JavaScript from `npm run build`, which `npm install`
// runs): no TypeScript loader at run time. In a development checkout whose sources changed since
// the last build, running the stale build would silently run old code, so the sources are run
// instead through tsx (a development dependency); without tsx, the stale build runs and says so.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BUILD_INFO = join(ROOT, 'dist', 'build-info.json');

/** The newest change under `dir`: a source file written, or a folder's entries added, removed or renamed. */
function newestSourceTime(dir) {
  let newest = statSync(dir).mtimeMs;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    const t = entry.isDirectory() ? newestSourceTime(p) : entry.name.endsWith('.ts') ? statSync(p).mtimeMs : 0;
    if (t > newest) newest = t;
  }
  return newest;
}

/** 'fresh' (dist/ is built from the current sources), 'stale' (sources changed since), or 'missing'. */
export function buildState() {
  if (!existsSync(BUILD_INFO)) return 'missing';
  const src = join(ROOT, 'src');
  if (!existsSync(src)) return 'fresh';
  return newestSourceTime(src) <= statSync(BUILD_INFO).mtimeMs ? 'fresh' : 'stale';
}

/** Imports `name` (e.g. 'cli/main') from dist/, or from src/ through tsx when the build is missing or stale. */
export async function importEntry(name) {
  const state = buildState();
  if (state === 'fresh') return import(pathToFileURL(join(ROOT, 'dist', `${name}.js`)).href);
  let register;
  try {
    ({ register } = await import('tsx/esm/api'));
  } catch {
    if (state === 'stale') {
      process.stderr.write('tally: the sources changed since the last build and tsx is not installed; running the build in dist/ (npm run build)\n');
      return import(pathToFileURL(join(ROOT, 'dist', `${name}.js`)).href);
    }
    throw new Error(`Tally is not built (no ${BUILD_INFO}): run \`npm run build\` (npm install runs it)`);
  }
  register();
  return import(pathToFileURL(join(ROOT, 'src', `${name}.ts`)).href);
}
