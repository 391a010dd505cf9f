/**
 * Operator commands of the real entry point (`node bin/tally.js`): `--version`, a pipeline whose
 * reader stops early (`tally export | head -1`, through a real shell pipe), and `tally backup` of a
 * SQLite store — also while another connection holds it open in WAL mode — and its refusals.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/storage/open-store.ts';
import { incidentsJsonRendering } from '../../src/export/incidents-json.ts';
import { REPO, runTally, shown } from './run-tally.ts';

const NOW = '2026-01-01T00:00:00Z';
const tally = (...args: string[]) => runTally(args, NOW);

let dir: string;
let db: string;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tally-ops-cli-'));
  db = join(dir, 'sample.db');
  const r = await tally('ingest', '--db', db, join(REPO, 'sample', 'articles.jsonl'));
  assert.equal(r.status, 0, shown(r));
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe('tally --version', () => {
  test("prints the package's version and exits 0", async () => {
    const { version } = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string };
    const r = await tally('--version');
    assert.equal(r.status, 0, shown(r));
    assert.equal(r.stdout, `${version}\n`);
  });
});

describe('a reader that stops early', () => {
  test('`tally export | head -1` ends quietly with status 0 once head has gone', async () => {
    // The export is larger than a pipe holds (64 KiB), so tally is still writing when head exits.
    const full = await tally('export', '--db', db, '--format', 'json');
    assert.ok(full.stdout.length > 70_000, `the export is ${full.stdout.length} bytes`);
    const script = `node bin/tally.js export --db '${db}' --format json | head -1; echo "tally exit: \${PIPESTATUS[0]}" >&2`;
    const r = await new Promise<{ status: number | null; stdout: string; stderr: string }>((done, fail) => {
      const child = spawn('bash', ['-c', script], { cwd: REPO, env: { ...process.env, TALLY_NOW: NOW }, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
      child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
      child.on('error', fail);
      child.on('close', (status) => done({ status, stdout, stderr }));
    });
    assert.equal(r.stdout, `${full.stdout.split('\n')[0]}\n`, 'head printed the first line');
    assert.equal(r.stderr, 'tally exit: 0\n', 'no stack trace, status 0');
  });
});

describe('tally backup', () => {
  test('copies a store in use into a new file that opens with the same data', async () => {
    // Another connection holds the store open, as a running server would.
    const live = await openStore(db, incidentsJsonRendering);
    const out = join(dir, 'copy.db');
    try {
      const r = await tally('backup', '--db', db, out);
      assert.equal(r.status, 0, shown(r));
      assert.match(r.stdout, new RegExp(`^backed up ${db.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} to .*copy\\.db \\(\\d+ pages\\)\\n$`));
      assert.ok(!existsSync(`${out}.partial`));
      const copy = await openStore(out, incidentsJsonRendering);
      try {
        assert.deepEqual(await copy.listIncidents(), await live.listIncidents());
        assert.deepEqual(
          (await copy.listDocuments()).map((d) => d.id),
          (await live.listDocuments()).map((d) => d.id),
        );
        assert.ok((await copy.listIncidents()).length > 0);
      } finally {
        await copy.close();
      }
    } finally {
      await live.close();
    }
  });

  test('refuses to replace an existing file, leaving it as it was', async () => {
    const out = join(dir, 'taken.db');
    writeFileSync(out, 'keep me');
    const r = await tally('backup', '--db', db, out);
    assert.equal(r.status, 2, shown(r));
    assert.match(r.stderr, /taken\.db already exists; give a new file name/);
    assert.equal(readFileSync(out, 'utf8'), 'keep me');
  });

  test('refuses a file that is not a Tally store, and a missing one', async () => {
    const other = join(dir, 'other.db');
    writeFileSync(other, '');
    const r = await tally('backup', '--db', other, join(dir, 'never.db'));
    assert.equal(r.status, 2, shown(r));
    assert.match(r.stderr, /not a Tally store/);
    assert.ok(!existsSync(join(dir, 'never.db')));
    const missing = await tally('backup', '--db', join(dir, 'nope.db'), join(dir, 'never.db'));
    assert.equal(missing.status, 2, shown(missing));
    assert.match(missing.stderr, /no such store/);
  });

  test('for a PostgreSQL store, says to use pg_dump (without the password) and exits 2', async () => {
    const r = await tally('backup', '--db', 'postgres://tally:hunter2@db.example:5432/tally', join(dir, 'pg.dump'));
    assert.equal(r.status, 2, shown(r));
    assert.match(r.stderr, /pg_dump --format=custom --file '.*pg\.dump' 'postgres:\/\/tally@db\.example:5432\/tally'/);
    assert.ok(!r.stderr.includes('hunter2'), 'the password is not printed');
    assert.ok(!existsSync(join(dir, 'pg.dump')));
  });
});
