#!/usr/bin/env node
// Builds dist/, then runs every test/**/*.test.ts file with node's test runner and the tsx loader. Node 20's
// `--test` does not expand globs itself, so the file list is collected here (sorted, so runs
// are reproducible). Extra arguments are passed to node (e.g. --test-name-pattern).
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

function collect(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...collect(p));
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const roots = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const flags = process.argv.slice(2).filter((a) => a.startsWith('-'));
const files = (roots.length ? roots : ['test']).flatMap((r) => (statSync(r).isDirectory() ? collect(r) : [r]));
// The tests that run `bin/tally.js` run the build (dist/, decision 0028): build it from the
// current sources first (incremental, seconds when nothing changed).
const build = spawnSync(process.execPath, [new URL('./build.mjs', import.meta.url).pathname], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const reporter = process.env.CI ? ['--test-reporter=spec'] : [];
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...reporter, ...flags, ...files], { stdio: 'inherit' });
process.exit(r.status ?? 1);
