/** The serve tests' fixtures: a store file holding one article, and `tally serve` run in this process. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { registerServeCommand } from '../../src/cli/serve-command.ts';
import type { Article } from '../../src/domain/types.ts';
import { openStore } from '../../src/storage/open-store.ts';
import { incidentsJsonRendering } from '../../src/export/incidents-json.ts';
import { ingestItems } from '../../src/services/ingest-batch.ts';
import { embeddedDefault } from '../../src/services/gazetteer-service.ts';

/** A fresh temporary folder (remove it after) and a store file in it, `name`.db, holding `article`. */
export async function storeFileWith(article: Article, name: string): Promise<{ dir: string; db: string }> {
  const dir = mkdtempSync(join(tmpdir(), `tally-${name}-`));
  const db = join(dir, `${name}.db`);
  const store = await openStore(db, incidentsJsonRendering);
  await ingestItems(store, embeddedDefault().resolver, [{ kind: 'article', article, source: 'test' }], { now: '2026-01-01T00:00:00Z', runId: 'setup' });
  await store.close();
  return { dir, db };
}

export interface ServeRun {
  /** What the command printed (standard output). */
  lines: string[];
  /** The request log lines. */
  log: string[];
  /** Resolves with the URL once the server printed it ("failed: …" when it could not start). */
  url: Promise<string>;
  stop: () => void;
  done: Promise<void>;
}

/**
 * `tally serve ARGS` in this process, over the store folder `dir` (no shared boundaries), until
 * `stop()`; `usageError` makes the command's usage errors (default: plain Errors).
 */
export function serveInProcess(args: string[], dir: string, options: { env?: NodeJS.ProcessEnv; usageError?: (m: string) => Error } = {}): ServeRun {
  const lines: string[] = [];
  const log: string[] = [];
  let stop!: () => void;
  const stopped = new Promise<void>((r) => (stop = r));
  let announce!: (url: string) => void;
  const url = new Promise<string>((r) => (announce = r));
  const program = new Command('tally').exitOverride();
  registerServeCommand(program, {
    dbPath: (o) => o ?? 'tally.db',
    openStore: (location) => openStore(location, incidentsJsonRendering),
    usageError: options.usageError ?? ((m) => new Error(m)),
    out: (l) => {
      lines.push(l);
      const m = /serving on (http:\/\/\S+)/.exec(l);
      if (m) announce(m[1]);
    },
    now: () => '2026-01-01T00:00:00Z',
    env: { TALLY_SHARED_DIR: join(dir, 'no-shared'), ...options.env },
    stopSignal: () => stopped,
    logTo: { write: (line: string) => void log.push(line) },
  });
  const done = program.parseAsync(['serve', ...args], { from: 'user' }).then(() => undefined);
  // A failure before the address is printed must fail the test, not hang it.
  done.catch((e) => announce(`failed: ${(e as Error).message}`));
  return { lines, log, url, stop, done };
}
