/**
 * `tally warnings --db FILE [--since TIME] [--code CODE] [--run ID] [--json]`: every warning the
 * store keeps, oldest first — inputs rejected (file:line and why), documents stored but not
 * extracted, extraction failures, linking notices — so nothing an ingest skipped is only on a
 * terminal that scrolled away (issue 13). main.ts registers it with how a --db value becomes an
 * open store and how a usage error is raised.
 */
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import type { IncidentStore, StoredWarning, WarningFilter } from '../storage/incident-store.ts';
import { isPostgresUrl } from '../storage/open-store.ts';

export interface WarningsCommandDeps {
  dbPath: (option: string | undefined) => string;
  openStore: (location: string) => Promise<IncidentStore>;
  usageError: (message: string) => Error;
  out: (line: string) => void;
}

/** Machine-readable output of `tally warnings --json`. */
export const WARNINGS_JSON_FORMAT = 'warnings/1';

/** ISO date or date-time: the --since values accepted. */
const ISO_TIME = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?)?$/;

export function registerWarningsCommand(program: Command, deps: WarningsCommandDeps): Command {
  return program
    .command('warnings')
    .description('list the warnings ingest runs kept: rejected inputs with file:line and why, documents not extracted, linking notices')
    .option('--db <file>', 'store: a SQLite file or a postgres:// URL (env TALLY_DB)')
    .option('--since <time>', 'only warnings found at or after this ISO date or date-time')
    .option('--code <code>', 'only warnings of this code (input-rejected, language-not-extracted, extract-failed, …)')
    .option('--run <id>', 'only warnings of this ingest run')
    .option('--json', 'print the machine-readable list')
    .action(async (o: { db?: string; since?: string; code?: string; run?: string; json?: boolean }) => {
      const path = deps.dbPath(o.db);
      if (path !== ':memory:' && !isPostgresUrl(path) && !existsSync(path)) throw deps.usageError(`--db ${path}: no such store; run 'tally ingest --db ${path} FILE...' first`);
      if (o.since !== undefined && (!ISO_TIME.test(o.since) || Number.isNaN(Date.parse(o.since)))) {
        throw deps.usageError(`--since ${JSON.stringify(o.since)}: expected an ISO date or date-time (2024-03-01 or 2024-03-01T12:00:00Z)`);
      }
      const filter: WarningFilter = {};
      if (o.since !== undefined) filter.since = o.since.length === 10 ? `${o.since}T00:00:00` : new Date(o.since).toISOString();
      if (o.code !== undefined) filter.code = o.code;
      if (o.run !== undefined) filter.runId = o.run;
      const store = await deps.openStore(path);
      try {
        const warnings = await store.listWarnings(filter);
        if (o.json) deps.out(JSON.stringify({ format: WARNINGS_JSON_FORMAT, warnings: warnings.map(warningJson) }, null, 2));
        else for (const line of formatWarnings(warnings)) deps.out(line);
      } finally {
        await store.close();
      }
    });
}

function warningJson(w: StoredWarning) {
  return { at: w.at, run: w.runId, code: w.code, source: w.source, document: w.documentId ?? null, message: w.message };
}

/** One line per warning (time, code, message), then how many of each code. */
export function formatWarnings(warnings: readonly StoredWarning[]): string[] {
  if (warnings.length === 0) return ['no warnings'];
  const lines = warnings.map((w) => `${w.at ?? '(before 0.1 warnings log)'}  ${w.code}  ${w.message}${w.message.includes(w.source) ? '' : ` (${w.source})`}`);
  const byCode = new Map<string, number>();
  for (const w of warnings) byCode.set(w.code, (byCode.get(w.code) ?? 0) + 1);
  lines.push(`${warnings.length} warning${warnings.length === 1 ? '' : 's'}: ${[...byCode].sort(([a], [b]) => (a < b ? -1 : 1)).map(([c, n]) => `${c} ${n}`).join(', ')}`);
  return lines;
}
