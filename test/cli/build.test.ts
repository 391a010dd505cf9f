/**
 * The build (decision 0028): `tally` runs from dist/ as plain JavaScript. Here the built command
 * is set up as an installed copy would be — bin/, dist/ and package.json, with every dependency
 * but the TypeScript tools (tsx, typescript) and no src/ — and it must ingest and export exactly
 * what the sources do. bin/entry.js's choice between the build and the sources is checked on
 * fresh, stale and missing builds.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { REPO } from './run-tally.ts';

const ARTICLES = [
  { id: 'b1', url: 'https://example.org/b1', outlet: 'Fictional Courier', published: '2026-03-02T09:00:00Z', title: 'Shelling hits market', text: 'Shelling killed four civilians, including a child, and wounded nine in the market of Ariha on Sunday, the Fictional Monitor said.' },
  { id: 'b2', url: 'https://example.org/b2', outlet: 'Fictional Herald', published: '2026-03-02T11:00:00Z', title: 'Market shelled', text: 'Four civilians were killed and nine injured when shells fell on the market in Ariha on Sunday, according to the Fictional Monitor.' },
];

function run(cwd: string, script: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [script, ...args], { cwd, env: { ...process.env, TALLY_NOW: '2026-03-03T00:00:00Z', ...env }, encoding: 'utf8' });
  return { ...r, shown: `status ${r.status}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}` };
}

describe('the build runs without a TypeScript loader', () => {
  let dir: string;
  let installed: string;
  before(() => {
    const build = spawnSync(process.execPath, [join(REPO, 'scripts', 'build.mjs')], { cwd: REPO, encoding: 'utf8' });
    assert.equal(build.status, 0, build.stderr);
    dir = mkdtempSync(join(tmpdir(), 'tally-build-'));
    installed = join(dir, 'installed');
    mkdirSync(join(installed, 'node_modules'), { recursive: true });
    cpSync(join(REPO, 'bin'), join(installed, 'bin'), { recursive: true });
    cpSync(join(REPO, 'dist'), join(installed, 'dist'), { recursive: true });
    cpSync(join(REPO, 'package.json'), join(installed, 'package.json'));
    for (const name of readdirSync(join(REPO, 'node_modules'))) {
      if (name === 'tsx' || name === 'typescript' || name === '.bin') continue;
      symlinkSync(join(REPO, 'node_modules', name), join(installed, 'node_modules', name));
    }
    writeFileSync(join(dir, 'articles.jsonl'), ARTICLES.map((a) => JSON.stringify(a)).join('\n') + '\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('the installed copy has neither tsx nor the sources', () => {
    const r = run(installed, '-e', ["import('tsx/esm/api').then(() => console.log('found'), () => console.log('absent'))"]);
    assert.equal(r.stdout.trim(), 'absent', r.shown);
    assert.deepEqual(readdirSync(installed).sort(), ['bin', 'dist', 'node_modules', 'package.json']);
  });

  test('ingest and export from the build equal those from the sources', () => {
    const outputs = [installed, REPO].map((root, i) => {
      const db = join(dir, `store-${i}.db`);
      const out = join(dir, `export-${i}.json`);
      const ingest = run(root, join(root, 'bin', 'tally.js'), ['ingest', '--db', db, join(dir, 'articles.jsonl')]);
      assert.equal(ingest.status, 0, ingest.shown);
      assert.match(ingest.stdout, /incidents: 1 /, ingest.shown);
      const exp = run(root, join(root, 'bin', 'tally.js'), ['export', '--db', db, '--format', 'json', '--out', out]);
      assert.equal(exp.status, 0, exp.shown);
      return JSON.parse(readFileSync(out, 'utf8')) as { generated_at?: string };
    });
    assert.deepEqual(outputs[0], outputs[1]);
  });

  test("the build's audit entries name the rules the sources hash to", async () => {
    const { hashRuleSources } = await import('../../src/services/pipeline-identity.ts');
    const info = JSON.parse(readFileSync(join(installed, 'dist', 'build-info.json'), 'utf8')) as { rules: string };
    assert.equal(info.rules, hashRuleSources(REPO));
    const r = run(installed, '--input-type=module', ['-e', "const m = await import('./dist/services/pipeline-identity.js'); console.log(m.pipelineActor().rules)"]);
    assert.equal(r.stdout.trim(), info.rules, r.shown);
  });
});

describe("bin/entry.js: the build when it is current, the sources when they changed since", () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'tally-entry-'));
    cpSync(join(REPO, 'bin', 'entry.js'), join(dir, 'bin', 'entry.js'), { recursive: true });
    writeFileSync(join(dir, 'package.json'), '{"type":"module"}\n');
    mkdirSync(join(dir, 'src', 'cli'), { recursive: true });
    writeFileSync(join(dir, 'src', 'cli', 'who.ts'), "export const who: string = 'sources';\n");
    symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const who = () => run(dir, '--input-type=module', ['-e', "const { importEntry, buildState } = await import('./bin/entry.js'); console.log(buildState(), (await importEntry('cli/who')).who)"]);

  test('no build: the sources run through tsx', () => {
    assert.equal(who().stdout.trim(), 'missing sources');
  });

  test('a build newer than every source runs; a source edited after it sends the run back to the sources', () => {
    mkdirSync(join(dir, 'dist', 'cli'), { recursive: true });
    writeFileSync(join(dir, 'dist', 'cli', 'who.js'), "export const who = 'build';\n");
    writeFileSync(join(dir, 'dist', 'build-info.json'), '{}\n');
    const past = new Date(Date.now() - 60_000);
    for (const p of [join(dir, 'src'), join(dir, 'src', 'cli'), join(dir, 'src', 'cli', 'who.ts')]) utimesSync(p, past, past);
    assert.equal(who().stdout.trim(), 'fresh build');
    const future = new Date(Date.now() + 60_000);
    utimesSync(join(dir, 'src', 'cli', 'who.ts'), future, future);
    assert.equal(who().stdout.trim(), 'stale sources');
  });
});
