/**
 * The warnings room: what ingest runs skipped or could not read and why (`warnings`), kept per
 * run id so an analyst can see them after the run (style: warnings are data).
 */
import type { Warning } from '../../domain/types.ts';
import type { Db, StoreWriter } from './store-writer.ts';

export class WarningRoom {
  constructor(
    private readonly db: Db,
    private readonly writer: StoreWriter,
  ) {}

  async add(runId: string, warnings: Warning[]): Promise<void> {
    const op = `addWarnings('${runId}')`;
    const rows = warnings.map((w) => ({ run_id: runId, code: w.code, message: w.message, source: w.source }));
    return this.writer.write(op, (trx) => this.writer.insertBatches(trx, 'warnings', rows, op, (i) => `warning #${i} '${warnings[i].code}'`));
  }

  /** Warnings of one run, or of every run, in the order they were added. */
  async list(runId?: string): Promise<(Warning & { runId: string })[]> {
    let query = this.db.selectFrom('warnings').select(['run_id', 'code', 'message', 'source']).orderBy('id');
    if (runId !== undefined) query = query.where('run_id', '=', runId);
    const rows = await query.execute();
    return rows.map((r) => ({ code: r.code, message: r.message, source: r.source, runId: r.run_id }));
  }
}
