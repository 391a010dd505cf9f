/**
 * The warnings room: what ingest runs skipped, refused or could not read and why (`warnings`), a
 * log an analyst lists after the run (`tally warnings`; style: warnings are data). Each warning
 * is kept once: its fingerprint (code, source, message) is unique, so a run that finds it again —
 * re-running a finished ingest, resuming one after a crash — adds nothing. A document's warnings
 * are written in the transaction that stores the document (`addIn`), so neither lands without the
 * other.
 */
import { createHash } from 'node:crypto';
import type { Warning } from '../../domain/types.ts';
import type { Db, StoreWriter } from './store-writer.ts';

/** A stored warning: the run that found it first and when. */
export interface StoredWarning extends Warning {
  runId: string;
  /** ISO date-time of that run; null for warnings stored before migration 8. */
  at: string | null;
}

/** Filters of `list`; all optional, ANDed. */
export interface WarningFilter {
  runId?: string;
  /** Warnings found at or after this ISO date-time. */
  since?: string;
  code?: string;
  /** At most this many, oldest first (default: all). */
  limit?: number;
}

export function warningFingerprint(w: Pick<Warning, 'code' | 'source' | 'message'>): string {
  return createHash('sha256').update(JSON.stringify([w.code, w.source, w.message]), 'utf8').digest('hex').slice(0, 32);
}

export class WarningRoom {
  constructor(
    private readonly db: Db,
    private readonly writer: StoreWriter,
  ) {}

  async add(runId: string, warnings: readonly Warning[], at: string | null = null): Promise<void> {
    if (warnings.length === 0) return;
    return this.writer.write(`addWarnings('${runId}')`, (trx) => this.addIn(trx, runId, warnings, at));
  }

  /** add, inside the caller's transaction. */
  async addIn(trx: Db, runId: string, warnings: readonly Warning[], at: string | null): Promise<void> {
    const seen = new Set<string>();
    for (const w of warnings) {
      const fingerprint = warningFingerprint(w);
      if (seen.has(fingerprint)) continue;
      seen.add(fingerprint);
      await trx
        .insertInto('warnings')
        .values({ run_id: runId, code: w.code, message: w.message, source: w.source, at, document_id: w.documentId ?? null, fingerprint })
        .onConflict((oc) => oc.column('fingerprint').doNothing())
        .execute();
    }
  }

  /** Warnings, oldest first (in the order they were added). */
  async list(filter: WarningFilter = {}): Promise<StoredWarning[]> {
    let query = this.db.selectFrom('warnings').select(['run_id', 'code', 'message', 'source', 'at', 'document_id']).orderBy('id');
    if (filter.runId !== undefined) query = query.where('run_id', '=', filter.runId);
    if (filter.code !== undefined) query = query.where('code', '=', filter.code);
    if (filter.since !== undefined) query = query.where('at', '>=', filter.since);
    if (filter.limit !== undefined) query = query.limit(filter.limit);
    const rows = await query.execute();
    return rows.map((r) => ({ code: r.code, message: r.message, source: r.source, runId: r.run_id, at: r.at, documentId: r.document_id }));
  }
}
