#!/usr/bin/env node
// Compiles src/ to dist/ once with tsc (tsconfig.build.json), so that `tally` runs as plain
// JavaScript with no TypeScript loader (docs/decisions/0028-build-once.md), and records in
// dist/build-info.json the version, the hash of the rule sources it compiled (the audit log's
// pipeline identity) and when it was built. Incremental: a build with nothing changed takes seconds.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const r = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit', cwd: root });
if (r.status !== 0) {
  console.error('tally build: tsc failed; dist/ was not marked as built');
  process.exit(r.status ?? 1);
}
const { hashRuleSources } = await import('../dist/services/pipeline-identity.js');
const { packageVersion } = await import('../dist/services/package-version.js');
const version = packageVersion();
mkdirSync(join(root, 'dist'), { recursive: true });
writeFileSync(
  join(root, 'dist', 'build-info.json'),
  `${JSON.stringify({ version, rules: hashRuleSources(root), built: new Date().toISOString() }, null, 2)}\n`,
);
