/**
 * The one storage boundary. The SQLite implementation is the embedded default; a PostgreSQL one
 * will pass the same contract suite (test/storage/store-contract.ts). Linking decisions are made by
 * pure functions in src/pipeline/link; the store only persists what it is given.
 */
import type { Article, Incident, Mention, Tally, Warning } from '../domain/types.ts';
import type { GazetteerEntry } from '../domain/gazetteer-entry.ts';

export type DocumentWriteResult = 'new' | 'unchanged' | 'new_version';

export interface StoredDocument extends Article {
  /** 1 for the first text seen under this id, +1 for each changed text. */
  version: number;
  contentHash: string;
  ingestedAt: string;
}

export interface IncidentStore {
  /** Same id and text: 'unchanged'. Same id, new text: a new version is kept and becomes current. */
  putDocument(article: Article, ingestedAt: string): DocumentWriteResult;
  getDocument(id: string): StoredDocument | null;
  /** Current version of every document, ordered by id. */
  listDocuments(): StoredDocument[];
  /** Every stored version of one document, oldest first. */
  listDocumentVersions(id: string): StoredDocument[];

  /** Replace all mentions extracted from a document (its current version). */
  replaceMentions(docId: string, mentions: Mention[]): void;
  listMentions(): Mention[];
  listMentionsForDocument(docId: string): Mention[];

  /** Replace the whole set of incidents and tallies (linking output) in one transaction. */
  replaceIncidents(incidents: Incident[], tallies: Tally[]): void;
  listIncidents(): Incident[];
  listTallies(): Tally[];

  /** Warnings of ingest runs, kept so an analyst can see what was skipped and why. */
  addWarnings(runId: string, warnings: Warning[]): void;
  listWarnings(runId?: string): (Warning & { runId: string })[];

  /** Replace the gazetteer with these entries (a dump import is a whole replacement). */
  replaceGazetteer(entries: Iterable<GazetteerEntry>, source: string): number;
  loadGazetteer(): GazetteerEntry[];
  gazetteerSource(): string | null;

  /** Run fn in one transaction: all or nothing. */
  transaction<T>(fn: () => T): T;
  close(): void;
}
