/**
 * The documents room: every version of every report the store was given (`documents`), the
 * current one marked. A text seen again under its id is recognised by its content hash
 * (../document-content-hash.ts) and not stored twice; a changed text becomes a new current version.
 */
import type { Article, DocumentProvenance } from '../../domain/types.ts';
import type { DocumentSummary, DocumentWriteResult, StoredDocument } from '../incident-store.ts';
import type { DocumentsTable } from '../store-schema.ts';
import { documentContentHash } from '../document-content-hash.ts';
import type { Db, StoreWriter } from './store-writer.ts';

function toStoredDocument(row: DocumentsTable): StoredDocument {
  return {
    id: row.id,
    text: row.text,
    published: row.published,
    url: row.url,
    outlet: row.outlet,
    title: row.title,
    language: row.language,
    provenance: row.provenance === null || row.provenance === undefined ? null : (JSON.parse(row.provenance) as DocumentProvenance),
    detectedLanguage: row.detected_language ?? null,
    version: row.version,
    contentHash: row.content_hash,
    ingestedAt: row.ingested_at,
  };
}

export class DocumentRoom {
  constructor(
    private readonly db: Db,
    private readonly writer: StoreWriter,
  ) {}

  async put(article: Article, ingestedAt: string): Promise<DocumentWriteResult> {
    return this.writer.write(`putDocument('${article.id}')`, async (trx) => (await this.putIn(trx, article, ingestedAt)).result);
  }

  /** put inside the caller's transaction, with the version the document has now. */
  async putIn(trx: Db, article: Article, ingestedAt: string): Promise<{ result: DocumentWriteResult; version: number }> {
    const hash = documentContentHash(article);
    const current = await this.currentIn(trx, article.id);
    if (current && current.content_hash === hash) return { result: 'unchanged', version: current.version };
    if (current) await trx.updateTable('documents').set({ is_current: 0 }).where('id', '=', article.id).where('is_current', '=', 1).execute();
    const version = current ? current.version + 1 : 1;
    await trx
      .insertInto('documents')
      .values({
        id: article.id,
        version,
        content_hash: hash,
        text: article.text,
        published: article.published,
        url: article.url,
        outlet: article.outlet,
        title: article.title,
        language: article.language,
        // Left out when absent (they default to null): a store at an earlier schema version, as the
        // migration tests build, has no such columns yet.
        provenance: article.provenance ? JSON.stringify(article.provenance) : undefined,
        detected_language: article.detectedLanguage ?? undefined,
        ingested_at: ingestedAt,
        is_current: 1,
      })
      .execute();
    return { result: current ? 'new_version' : 'new', version };
  }

  /** Current documents by language (given, else detected), most first, then by language. */
  async languages(): Promise<{ language: string | null; documents: number }[]> {
    const rows = await this.db
      .selectFrom('documents')
      .select((eb) => [eb.fn.coalesce('language', 'detected_language').as('language'), eb.fn.countAll().as('documents')])
      .where('is_current', '=', 1)
      .groupBy((eb) => eb.fn.coalesce('language', 'detected_language'))
      .execute();
    return rows
      .map((r) => ({ language: (r.language as string | null) ?? null, documents: Number(r.documents) }))
      .sort((a, b) => b.documents - a.documents || (String(a.language) < String(b.language) ? -1 : 1));
  }

  /** True when `article` is exactly the current version of its id (same content hash). */
  async isCurrent(article: Article): Promise<boolean> {
    const current = await this.currentIn(this.db, article.id);
    return current !== undefined && current.content_hash === documentContentHash(article);
  }

  /** Version and hash of the current version of `id`, read inside the caller's transaction. */
  async currentIn(trx: Db, id: string): Promise<{ version: number; content_hash: string } | undefined> {
    return trx.selectFrom('documents').select(['version', 'content_hash']).where('id', '=', id).where('is_current', '=', 1).executeTakeFirst();
  }

  async get(id: string): Promise<StoredDocument | null> {
    const row = await this.db.selectFrom('documents').selectAll().where('id', '=', id).where('is_current', '=', 1).executeTakeFirst();
    return row ? toStoredDocument(row) : null;
  }

  async list(): Promise<StoredDocument[]> {
    const rows = await this.db.selectFrom('documents').selectAll().where('is_current', '=', 1).orderBy('id').execute();
    return rows.map(toStoredDocument);
  }

  /** A page of current documents without their text (exports list thousands; texts stay in the store). */
  async listSummaries(after: string | null, limit: number): Promise<DocumentSummary[]> {
    let query = this.db.selectFrom('documents').select(['id', 'url', 'outlet', 'published', 'title', 'ingested_at', 'provenance']).where('is_current', '=', 1);
    if (after !== null) query = query.where('id', '>', after);
    const rows = await query.orderBy('id').limit(limit).execute();
    return rows.map((r) => ({
      id: r.id,
      url: r.url,
      outlet: r.outlet,
      published: r.published,
      title: r.title,
      ingestedAt: r.ingested_at,
      provenance: r.provenance ? (JSON.parse(r.provenance) as DocumentProvenance) : null,
    }));
  }

  async listVersions(id: string): Promise<StoredDocument[]> {
    const rows = await this.db.selectFrom('documents').selectAll().where('id', '=', id).orderBy('version').execute();
    return rows.map(toStoredDocument);
  }
}
