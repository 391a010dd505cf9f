/**
 * The issued-ids room: every incident id ever issued (`incident_ids`) with the mentions it covered
 * when last assigned (`incident_id_mentions`), migration 4. Which id an incident gets is decided by
 * a pure function (src/pipeline/link/incident-identity.ts); this room keeps its table, replaced
 * whole in the transaction that replaces the incident set, and answers what an old id became
 * (docs/decisions/0017-stable-incident-ids.md). Rows are checked before the transaction opens:
 * a table that could not be read back consistently is refused, naming the id.
 */
import type { IssuedIdStatus, IssuedIncidentId } from '../../domain/types.ts';
import { ISSUED_ID_STATUSES } from '../../domain/types.ts';
import type { IncidentIdResolution } from '../incident-store.ts';
import { StoreWriteError } from '../store-errors.ts';
import { refuseDuplicates, type Db, type StoreWriter } from './store-writer.ts';

/** The rows of an issued-id table, checked: statuses, successors that are current ids, unique ids and seqs. */
export function issuedIdRows(issued: readonly IssuedIncidentId[], op: string) {
  const what = (i: number) => `issued id #${i} '${issued[i].id}'`;
  refuseDuplicates(issued.map((x) => x.id), (i, id) => `issued id #${i} '${id}'`, op);
  refuseDuplicates(issued.map((x) => String(x.seq)), (i, seq) => `${what(i)} seq ${seq}`, op);
  const status = new Map(issued.map((x) => [x.id, x.status]));
  issued.forEach((x, i) => {
    if (!ISSUED_ID_STATUSES.includes(x.status)) throw new StoreWriteError(op, `${what(i)}: status ${JSON.stringify(x.status)} is not one of ${ISSUED_ID_STATUSES.join(', ')}`);
    if (!Number.isInteger(x.seq) || x.seq < 1) throw new StoreWriteError(op, `${what(i)}: seq ${x.seq} is not a positive integer`);
    if ((x.status === 'merged') !== (x.successor !== null)) {
      throw new StoreWriteError(op, `${what(i)}: status '${x.status}' with successor ${JSON.stringify(x.successor)}; a merged id has a successor, no other id has one`);
    }
    if (x.successor !== null && status.get(x.successor) !== 'current') {
      throw new StoreWriteError(op, `${what(i)}: successor '${x.successor}' is ${status.has(x.successor) ? `'${status.get(x.successor)}'` : 'not in the table'}; a merged id points at a current id`);
    }
  });
  const ids = issued.map((x) => ({ id: x.id, seq: x.seq, status: x.status, successor: x.successor }));
  const mentions = issued.flatMap((x) =>
    x.covers.map((k, position) => ({ incident_id: x.id, position, document_id: k.document, content_hash: k.contentHash, span_start: k.start, span_end: k.end })),
  );
  return { what, ids, mentions };
}

export type IssuedIdRows = ReturnType<typeof issuedIdRows>;

export class IncidentIdRoom {
  constructor(
    private readonly db: Db,
    private readonly writer: StoreWriter,
  ) {}

  /** Delete the stored table and insert `rows`, in the caller's transaction. */
  async replaceIn(trx: Db, rows: IssuedIdRows, op: string): Promise<void> {
    await trx.deleteFrom('incident_id_mentions').execute();
    await trx.deleteFrom('incident_ids').execute();
    await this.writer.insertBatches(trx, 'incident_ids', rows.ids, op, rows.what);
    const m = rows.mentions;
    await this.writer.insertBatches(trx, 'incident_id_mentions', m, op, (i) => `covered mention #${m[i].position} of issued id '${m[i].incident_id}'`);
  }

  /** Every issued id with what it covers, ordered by seq. */
  async list(): Promise<IssuedIncidentId[]> {
    const ids = await this.db.selectFrom('incident_ids').select(['id', 'seq', 'status', 'successor']).orderBy('seq').execute();
    const mentions = await this.db
      .selectFrom('incident_id_mentions')
      .select(['incident_id', 'document_id', 'content_hash', 'span_start', 'span_end'])
      .orderBy('incident_id')
      .orderBy('position')
      .execute();
    const covers = new Map<string, IssuedIncidentId['covers']>();
    for (const m of mentions) {
      const list = covers.get(m.incident_id) ?? [];
      list.push({ document: m.document_id, contentHash: m.content_hash, start: Number(m.span_start), end: Number(m.span_end) });
      covers.set(m.incident_id, list);
    }
    return ids.map((r) => ({ id: r.id, seq: Number(r.seq), status: r.status as IssuedIdStatus, successor: r.successor, covers: covers.get(r.id) ?? [] }));
  }

  /** What an issued id names now; null for an id never issued. */
  async resolve(id: string): Promise<IncidentIdResolution | null> {
    const row = await this.db.selectFrom('incident_ids').select(['id', 'status', 'successor']).where('id', '=', id).executeTakeFirst();
    if (!row) return null;
    const status = row.status as IssuedIdStatus;
    return { id: row.id, status, current: status === 'current' ? row.id : status === 'merged' ? row.successor : null };
  }
}
