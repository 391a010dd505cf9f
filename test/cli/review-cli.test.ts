/**
 * `tally review …` and `tally audit` spawned from the repository root against a SQLite store in a
 * temporary folder (docs/decisions/0018-review-decisions-and-audit.md): a decision recorded from
 * the command line is applied and audited under the --reviewer name, a stale --version is refused
 * and writes nothing, rejected incidents leave the export unless --include-rejected, `tally audit
 * --format jsonl` prints every entry, and no command of the CLI changes or deletes an entry.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REVIEW_ARTICLES } from '../services/review-fixture.ts';
import { runTally, shown, type Run } from './run-tally.ts';


const tally = (now: string, ...args: string[]): Promise<Run> => runTally(args, now);

let dir: string;
let db: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tally-review-cli-'));
  db = join(dir, 'store.db');
  const input = join(dir, 'articles.jsonl');
  writeFileSync(input, REVIEW_ARTICLES.map((a) => JSON.stringify(a)).join('\n') + '\n');
  const r = await tally('2026-03-01T00:00:00Z', 'ingest', '--db', db, input);
  assert.equal(r.status, 0, shown(r));
});
after(() => rmSync(dir, { recursive: true, force: true }));

async function exported(...extra: string[]): Promise<{ id: string; documents: string[]; review_status: string; reviewed_by: string | null; killed: Record<string, { best: number }> }[]> {
  const r = await tally('2026-03-02T00:00:00Z', 'export', '--db', db, ...extra);
  assert.equal(r.status, 0, shown(r));
  return JSON.parse(r.stdout).incidents;
}

const citing = async (doc: string, ...extra: string[]) => (await exported(...extra)).find((i) => i.documents.includes(doc))!;

describe('tally review and tally audit', () => {
  test('edit with --reviewer and --reason: applied, shown in the export, audited under the name', async () => {
    const douma = await citing('rv-douma-shelling');
    const r = await tally('2026-03-02T10:00:00Z', 'review', 'edit', douma.id, '--db', db, '--reviewer', 'ana', '--field', 'killed.civilians.best', '--value', '3', '--reason', 'a third body', '--version', '0');
    assert.equal(r.status, 0, shown(r));
    assert.match(r.stdout, /edit killed\.civilians\.best = 3 by ana \(a third body\)/);
    const now = await citing('rv-douma-shelling');
    assert.deepEqual([now.killed.civilians.best, now.review_status, now.reviewed_by], [3, 'edited', 'ana']);
    const audit = await tally('2026-03-02T11:00:00Z', 'audit', '--db', db, '--incident', douma.id, '--format', 'jsonl');
    assert.equal(audit.status, 0, shown(audit));
    const entries = audit.stdout.trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(entries.map((e) => [e.actor, e.action, e.field, e.before, e.after, e.reason, e.at]), [[{ kind: 'user', name: 'ana' }, 'review.edit', 'killed.civilians.best', 2, 3, 'a third body', '2026-03-02T10:00:00Z']]);
  });

  test('a stale --version is refused with the current one and writes nothing', async () => {
    const douma = await citing('rv-douma-shelling');
    const r = await tally('2026-03-02T12:00:00Z', 'review', 'edit', douma.id, '--db', db, '--reviewer', 'ben', '--field', 'killed.civilians.best', '--value', '1', '--reason', 'stale', '--version', '0');
    assert.equal(r.status, 1, shown(r));
    assert.match(r.stderr, /review version 1, not 0/);
    assert.equal((await citing('rv-douma-shelling')).killed.civilians.best, 3);
  });

  test('reject: left out of the export unless --include-rejected; merge keeps two reports together', async () => {
    const busayrah = await citing('rv-busayrah-clashes');
    assert.equal((await tally('2026-03-03T00:00:00Z', 'review', 'reject', busayrah.id, '--db', db, '--reason', 'exercise')).status, 0);
    assert.equal(await citing('rv-busayrah-clashes'), undefined);
    assert.equal((await citing('rv-busayrah-clashes', '--include-rejected')).review_status, 'rejected');
    const a = await citing('rv-azaz-bomb');
    const b = await citing('rv-azaz-later');
    const r = await tally('2026-03-03T01:00:00Z', 'review', 'merge', a.id, '--db', db, '--into', b.id, '--reason', 'one attack');
    assert.equal(r.status, 0, shown(r));
    assert.deepEqual((await citing('rv-azaz-bomb')).documents, ['rv-azaz-bomb', 'rv-azaz-later']);
  });

  test('audit --since filters by time; the text format names the pipeline of each relink', async () => {
    const r = await tally('2026-03-04T00:00:00Z', 'audit', '--db', db, '--since', '2026-03-03T00:00:00Z');
    assert.equal(r.status, 0, shown(r));
    const lines = r.stdout.trim().split('\n');
    assert.ok(lines.some((l) => /\treview\.reject\t/.test(l)));
    assert.ok(lines.some((l) => /\tpipeline \d+\.\d+\.\d+ rules [0-9a-f]{16}\trelink\t/.test(l)));
    assert.ok(!lines.some((l) => /review\.edit/.test(l)), 'the edit of 2026-03-02 is before --since');
  });

  test('no command changes or deletes an audit entry', async () => {
    const before = await tally('2026-03-05T00:00:00Z', 'audit', '--db', db, '--format', 'jsonl');
    const help = await tally('2026-03-05T00:00:00Z', 'audit', '--help');
    const options = [...help.stdout.matchAll(/^\s+(-[-\w, ]+?)(?: <\w+>)?\s{2,}/gm)].map((m) => m[1].trim());
    assert.deepEqual(options, ['--db', '--since', '--incident', '--action', '--format', '-h, --help'], 'audit takes only reading options');
    assert.doesNotMatch(help.stdout, /Commands:/, 'audit has no subcommand');
    for (const args of [['audit', 'delete', '1'], ['audit', '--delete', '1'], ['audit', 'purge'], ['review', 'delete', '1']]) {
      const r = await tally('2026-03-05T00:00:00Z', ...args, '--db', db);
      assert.notEqual(r.status, 0, `tally ${args.join(' ')} is refused: ${shown(r)}`);
    }
    const afterwards = await tally('2026-03-05T00:00:00Z', 'audit', '--db', db, '--format', 'jsonl');
    assert.equal(afterwards.stdout, before.stdout);
  });
});
