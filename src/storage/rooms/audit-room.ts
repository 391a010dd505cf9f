/**
 * The audit room: every human and machine change (`audit_log`, migrations 1 and 5), append-only.
 * This room can only append and read; the database itself refuses UPDATE and DELETE on the table
 * (migration 5's triggers), so no code path — route, command or a mistake here — can change or
 * remove an entry. Entries are stored whole as JSON in `detail` with copies of what the filters
 * read (time, actor, action, incident) in columns, and paged by their id.
 */
import type { AuditEntry, AuditFilter, NewAuditEntry } from '../../domain/review.ts';
import { actorText } from '../../domain/review.ts';
import type { Page } from '../incident-store.ts';
import { StoreQueryError } from '../store-errors.ts';
import { storedJson, type Db, type StoreWriter } from './store-writer.ts';

export class AuditRoom {
  constructor(
    private readonly db: Db,
    private readonly writer: StoreWriter,
  ) {}

  /** Append entries in the caller's transaction, in the order given. */
  async appendIn(trx: Db, entries: readonly NewAuditEntry[], op: string): Promise<void> {
    const rows = entries.map((e, i) => ({
      at: e.at,
      actor: actorText(e.actor),
      action: e.action,
      entity_type: e.incidentId === null ? 'run' : 'incident',
      entity_id: e.incidentId,
      detail: storedJson(e, () => `audit entry #${i} '${e.action}'`, op),
    }));
    await this.writer.insertBatches(trx, 'audit_log', rows, op, (i) => `audit entry #${i} '${entries[i].action}'`);
  }

  async append(entries: readonly NewAuditEntry[]): Promise<void> {
    const op = 'appendAudit';
    await this.writer.write(op, (trx) => this.appendIn(trx, entries, op));
  }

  /** Entries matching `filter`, oldest first, keyset-paginated by id. */
  async list(filter: AuditFilter, page: { cursor?: string | null; limit: number }): Promise<Page<AuditEntry>> {
    let after = 0;
    if (page.cursor != null) {
      if (!/^[1-9]\d{0,15}$/.test(page.cursor)) throw new StoreQueryError('page.cursor', page.cursor, 'the next_cursor of a previous page');
      after = Number(page.cursor);
    }
    if (!Number.isInteger(page.limit) || page.limit < 1) throw new StoreQueryError('page.limit', page.limit, 'a positive integer');
    let q = this.db.selectFrom('audit_log').select(['id', 'detail']).where('id', '>', after).orderBy('id').limit(page.limit + 1);
    if (filter.since !== undefined) q = q.where('at', '>=', filter.since);
    if (filter.incidentId !== undefined) q = q.where('entity_id', '=', filter.incidentId);
    if (filter.action !== undefined) q = q.where('action', '=', filter.action);
    const rows = await q.execute();
    const items = rows.slice(0, page.limit).map((r) => ({ ...(JSON.parse(r.detail ?? '{}') as NewAuditEntry), id: Number(r.id) }));
    return { items, nextCursor: rows.length > page.limit ? String(items[items.length - 1].id) : null };
  }
}
