/**
 * The mentions room: what extraction found in each document (`mentions`), kept per document
 * version. Only the current version's mentions are listed; a document's mentions are written
 * together with it (putDocumentWithMentions, composed by the store) or replaced as a set.
 */
import type { Mention } from '../../domain/types.ts';
import type { MentionsTable } from '../store-schema.ts';
import { StoreWriteError } from '../store-errors.ts';
import type { DocumentRoom } from './document-room.ts';
import { parseBody, refuseDuplicates, storedJson, type Db, type StoreWriter } from './store-writer.ts';

/** A mention row before its document version is known (only inside the transaction). */
export type PendingMentionRow = Omit<MentionsTable, 'doc_version'>;

/** Mention rows of `docId`, checked: each belongs to the document and no id is given twice. */
export function mentionRows(docId: string, mentions: Mention[], op: string): PendingMentionRow[] {
  mentions.forEach((m, seq) => {
    if (m.docId !== docId) throw new StoreWriteError(op, `mention #${seq} '${m.id}' belongs to document '${m.docId}', not '${docId}'`);
  });
  refuseDuplicates(mentions.map((m) => m.id), (i, id) => `mention #${i} '${id}'`, op);
  return mentions.map((m, seq) => ({
    doc_id: docId,
    seq,
    id: m.id,
    kind: m.kind,
    event_type: m.eventType?.value ?? null,
    date_start: m.date?.start ?? null,
    date_end: m.date?.end ?? null,
    body: storedJson(m, () => `mention #${seq} '${m.id}'`, op),
  }));
}

export class MentionRoom {
  constructor(
    private readonly db: Db,
    private readonly writer: StoreWriter,
    private readonly documents: DocumentRoom,
  ) {}

  /** Replace the mentions of the current version of `docId`, which must be stored. */
  async replace(docId: string, mentions: Mention[]): Promise<void> {
    const op = `replaceMentions('${docId}')`;
    const rows = mentionRows(docId, mentions, op);
    return this.writer.write(op, async (trx) => {
      const doc = await this.documents.currentIn(trx, docId);
      if (!doc) throw new StoreWriteError(op, `no document '${docId}' is stored; put the document before its mentions`);
      await trx.deleteFrom('mentions').where('doc_id', '=', docId).where('doc_version', '=', doc.version).execute();
      await this.insertIn(trx, rows, doc.version, op);
    });
  }

  /** Insert rows of mentionRows as those of document version `version`, in the caller's transaction. */
  async insertIn(trx: Db, rows: PendingMentionRow[], version: number, op: string): Promise<void> {
    await this.writer.insertBatches(trx, 'mentions', rows.map((r) => ({ ...r, doc_version: version })), op, (i) => `mention #${i} '${rows[i].id}'`);
  }

  /** Mentions of every current document version, by document id and then extraction order. */
  async list(): Promise<Mention[]> {
    const rows = await this.db
      .selectFrom('mentions as m')
      .innerJoin('documents as d', (j) => j.onRef('d.id', '=', 'm.doc_id').onRef('d.version', '=', 'm.doc_version'))
      .select('m.body')
      .where('d.is_current', '=', 1)
      .orderBy('m.doc_id')
      .orderBy('m.seq')
      .execute();
    return rows.map((r) => parseBody<Mention>(r));
  }

  async listForDocument(docId: string): Promise<Mention[]> {
    const rows = await this.db
      .selectFrom('mentions as m')
      .innerJoin('documents as d', (j) => j.onRef('d.id', '=', 'm.doc_id').onRef('d.version', '=', 'm.doc_version'))
      .select('m.body')
      .where('d.is_current', '=', 1)
      .where('m.doc_id', '=', docId)
      .orderBy('m.seq')
      .execute();
    return rows.map((r) => parseBody<Mention>(r));
  }
}
