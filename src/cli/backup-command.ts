/**
 * `tally backup --db FILE OUT`: a consistent copy of a SQLite store, made with SQLite's online
 * backup API (through better-sqlite3) while servers and ingests keep using the store: the copy is
 * the store as of one moment, with what the write-ahead log holds, never a file copied halfway
 * through a write (which `cp` of a WAL-mode store can be). The copy is written beside OUT and
 * renamed into place once complete, so OUT is never a partial store; an existing OUT is refused
 * rather than replaced. A PostgreSQL store is backed up by PostgreSQL's own tool: the command says
 * how and exits with status 2.
 */
import { existsSync, renameSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { Command } from 'commander';
import { isPostgresUrl } from '../storage/open-store.ts';
import { MIGRATION_TABLE } from '../storage/store-migrations.ts';

export interface BackupCommandDeps {
  /** The store location for a --db value (env TALLY_DB and the default applied). */
  dbPath: (option: string | undefined) => string;
  usageError: (message: string) => Error;
  out: (line: string) => void;
}

/** The pg_dump command line for a PostgreSQL URL, its password left out (pg_dump reads PGPASSWORD or ~/.pgpass). */
export function pgDumpAdvice(url: string, out: string): string {
  const shown = new URL(url);
  shown.password = '';
  return `pg_dump --format=custom --file '${out}' '${shown.toString()}'`;
}

/** Copies the SQLite store at `from` to `to` (which must not exist); resolves with the pages copied. */
export async function backupSqliteStore(from: string, to: string, usageError: (message: string) => Error): Promise<number> {
  if (!existsSync(from)) throw usageError(`--db ${from}: no such store`);
  if (existsSync(to)) throw usageError(`${to} already exists; give a new file name (a backup never replaces a file)`);
  const db = new Database(from, { readonly: true, fileMustExist: true });
  const partial = `${to}.partial`;
  try {
    const isStore = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(MIGRATION_TABLE);
    if (!isStore) throw usageError(`--db ${from}: not a Tally store (it has no ${MIGRATION_TABLE} table)`);
    rmSync(partial, { force: true });
    const { totalPages } = await db.backup(partial);
    renameSync(partial, to);
    return totalPages;
  } catch (err) {
    rmSync(partial, { force: true });
    throw err;
  } finally {
    db.close();
  }
}

export function registerBackupCommand(program: Command, deps: BackupCommandDeps): Command {
  return program
    .command('backup')
    .description('copy a SQLite store while it is in use (SQLite online backup); for PostgreSQL, prints the pg_dump command to use')
    .option('--db <location>', 'SQLite file (env TALLY_DB)')
    .argument('<out>', 'the backup file to write (must not exist)')
    .action(async (out: string, o: { db?: string }) => {
      const location = deps.dbPath(o.db);
      if (isPostgresUrl(location)) {
        throw deps.usageError(`--db names a PostgreSQL store; back it up with PostgreSQL's own tool, e.g.\n  ${pgDumpAdvice(location, out)}\n(restore with pg_restore; see the PostgreSQL documentation, "Backup and Restore")`);
      }
      const pages = await backupSqliteStore(location, out, deps.usageError);
      deps.out(`backed up ${location} to ${out} (${pages} pages)`);
    });
}
