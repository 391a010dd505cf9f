/**
 * The one IncidentStore implementation, written once with Kysely and run on SQLite or PostgreSQL
 * (./sqlite-incident-store.ts and ./postgres-incident-store.ts open the connection and hand it
 * here). The store is a front over rooms, one per concern, each a small class over the shared
 * Kysely handle (./rooms/):
 *
 * - documents (./rooms/document-room.ts): every version of every report;
 * - mentions (./rooms/mention-room.ts): what extraction found in each document version;
 * - incidents (./rooms/incident-room.ts): the incident set and tallies linking last produced;
 * - issued ids (./rooms/incident-id-room.ts): every incident id ever issued and what it became;
 * - read model (./rooms/read-model.ts): the tables, caches and query plans the list, count and
 *   statistics queries read, derived from the incident set at each replace;
 * - warnings (./rooms/warning-room.ts) and gazetteer (./rooms/gazetteer-room.ts);
 * - users (./rooms/user-room.ts): accounts, API tokens and login sessions (migration 5).
 *
 * - review decisions (./rooms/review-room.ts) and the append-only audit log (./rooms/audit-room.ts),
 *   docs/decisions/0018-review-decisions-and-audit.md.
 * A write that spans rooms (a document with its
 * mentions, an incident set with its read model) is composed here in one transaction of the
 * shared writer (./rooms/store-writer.ts). Domain objects are stored whole as JSON in `body`
 * columns — the only thing read back, so they round-trip exactly — with copies of the fields the
 * list filters use in indexed columns (./store-schema.ts). The rendering of the incident pages
 * the read model keeps (IncidentRendering) is given when the store is opened: storage imports no
 * export format (docs/decisions/0015-store-rooms.md).
 */
import type { Kysely } from 'kysely';
import type { Article, Incident, IssuedIncidentId, Mention, Tally, Warning } from '../domain/types.ts';
import type { GazetteerEntry } from '../domain/gazetteer-entry.ts';
import type { AuditEntry, AuditFilter, DecisionStatus, NewAuditEntry, NewDecision, ReviewDecision } from '../domain/review.ts';
import type {
  DocumentSummary,
  DocumentWriteResult,
  IncidentBatchItem,
  IncidentFilter,
  IncidentIdResolution,
  IncidentRendering,
  IncidentStore,
  NewUser,
  Page,
  RelinkRecord,
  StatsBucket,
  Facets,
  PerpetratorSplit,
  StatsRow,
  StoredDocument,
  StoredSession,
  StoredToken,
  StoredUser,
  UndatedStats,
} from './incident-store.ts';
import type { StoreDatabase, StoreDialect } from './store-schema.ts';
import { SMALL_SET } from './incident-query-plan.ts';
import { schemaVersion } from './store-migrations.ts';
import { StoreWriter } from './rooms/store-writer.ts';
import { DocumentRoom } from './rooms/document-room.ts';
import { MentionRoom, mentionRows } from './rooms/mention-room.ts';
import { IncidentRoom, incidentSetRows } from './rooms/incident-room.ts';
import { ReadModel, derivedRows } from './rooms/read-model.ts';
import { WarningRoom, type StoredWarning, type WarningFilter } from './rooms/warning-room.ts';
import { FeedRoom, type FeedItem, type FeedState } from './rooms/feed-room.ts';
import { IncidentIdRoom, issuedIdRows } from './rooms/incident-id-room.ts';
import { GazetteerRoom } from './rooms/gazetteer-room.ts';
import { UserRoom } from './rooms/user-room.ts';
import { ReviewRoom } from './rooms/review-room.ts';
import { AuditRoom } from './rooms/audit-room.ts';

/** Settings of an open store that are not part of its location. */
export interface StoreOptions {
  /** PostgreSQL connections in the pool (default 10). */
  poolSize?: number;
  /** See SMALL_SET in ./incident-query-plan.ts; tests vary it to run every access path. */
  smallSet?: number;
  /**
   * Answer counts and statistics from incident_day_stats when the filter allows (default true);
   * tests turn it off to check both ways give the same answers.
   */
  dayStats?: boolean;
}

export class KyselyIncidentStore implements IncidentStore {
  private readonly rendering: IncidentRendering;
  private readonly writer: StoreWriter;
  private readonly documents: DocumentRoom;
  private readonly mentions: MentionRoom;
  private readonly incidents: IncidentRoom;
  private readonly issuedIds: IncidentIdRoom;
  private readonly readModel: ReadModel;
  private readonly warnings: WarningRoom;
  private readonly feeds: FeedRoom;
  private readonly gazetteer: GazetteerRoom;
  private readonly users: UserRoom;
  private readonly review: ReviewRoom;
  private readonly audit: AuditRoom;

  constructor(
    private readonly db: Kysely<StoreDatabase>,
    readonly dialect: StoreDialect,
    /** File path, ':memory:' or the PostgreSQL URL with its password hidden. */
    readonly location: string,
    /** How the stored incident pages are rendered (the caller's export format). */
    rendering: IncidentRendering,
    options: StoreOptions = {},
  ) {
    this.rendering = rendering;
    this.writer = new StoreWriter(db, dialect);
    this.documents = new DocumentRoom(db, this.writer);
    this.mentions = new MentionRoom(db, this.writer, this.documents);
    this.incidents = new IncidentRoom(db, this.writer);
    this.issuedIds = new IncidentIdRoom(db, this.writer);
    this.readModel = new ReadModel(db, dialect, this.writer, rendering, options.smallSet ?? SMALL_SET, options.dayStats ?? true);
    this.warnings = new WarningRoom(db, this.writer);
    this.feeds = new FeedRoom(db, this.writer);
    this.gazetteer = new GazetteerRoom(db, this.writer);
    this.users = new UserRoom(db, this.writer);
    this.review = new ReviewRoom(db);
    this.audit = new AuditRoom(db, this.writer);
  }

  /** Highest applied migration. */
  async schemaVersion(): Promise<number> {
    return schemaVersion(this.db, this.dialect);
  }

  // ---- documents and mentions -------------------------------------------------------------

  async putDocument(article: Article, ingestedAt: string): Promise<DocumentWriteResult> {
    return this.documents.put(article, ingestedAt);
  }

  async putDocumentWithMentions(article: Article, ingestedAt: string, mentions: Mention[], warnings?: { runId: string; list: readonly Warning[] }): Promise<DocumentWriteResult> {
    const op = `putDocumentWithMentions('${article.id}')`;
    const rows = mentionRows(article.id, mentions, op);
    return this.writer.write(op, async (trx) => {
      const { result, version } = await this.documents.putIn(trx, article, ingestedAt);
      if (result !== 'unchanged') {
        await this.mentions.insertIn(trx, rows, version, op);
        if (warnings) await this.warnings.addIn(trx, warnings.runId, warnings.list, ingestedAt);
      }
      return result;
    });
  }

  async isCurrentDocument(article: Article): Promise<boolean> {
    return this.documents.isCurrent(article);
  }

  async getDocument(id: string): Promise<StoredDocument | null> {
    return this.documents.get(id);
  }

  async listDocuments(): Promise<StoredDocument[]> {
    return this.documents.list();
  }

  async listDocumentSummaries(page: { after: string | null; limit: number }): Promise<DocumentSummary[]> {
    return this.documents.listSummaries(page.after, page.limit);
  }

  async listDocumentVersions(id: string): Promise<StoredDocument[]> {
    return this.documents.listVersions(id);
  }

  async replaceMentions(docId: string, mentions: Mention[]): Promise<void> {
    return this.mentions.replace(docId, mentions);
  }

  async listMentions(): Promise<Mention[]> {
    return this.mentions.list();
  }

  async listMentionsForDocument(docId: string): Promise<Mention[]> {
    return this.mentions.listForDocument(docId);
  }

  // ---- incidents, tallies and the read model ----------------------------------------------

  /**
   * The incident set and its read model are replaced in one transaction, every row built and
   * checked before it opens; the planner statistics are refreshed after the commit.
   */
  async replaceIncidents(incidents: Incident[], tallies: Tally[], issued?: readonly IssuedIncidentId[], record: RelinkRecord = {}): Promise<void> {
    const op = 'replaceIncidents';
    const set = incidentSetRows(incidents, tallies, this.rendering, op);
    const derived = derivedRows(incidents, set);
    const ids = issued && issuedIdRows(issued, op);
    await this.writer.write(op, async (trx) => {
      await this.incidents.replaceIn(trx, set, op);
      await this.readModel.replaceIn(trx, set, derived, op);
      if (ids) await this.issuedIds.replaceIn(trx, ids, op);
      if (record.decisionStatuses?.length) await this.review.setStatusesIn(trx, record.decisionStatuses, op);
      if (record.audit?.length) await this.audit.appendIn(trx, record.audit, op);
    });
    await this.readModel.refreshPlannerStatistics();
  }

  async listIssuedIncidentIds(): Promise<IssuedIncidentId[]> {
    return this.issuedIds.list();
  }

  async resolveIncidentId(id: string): Promise<IncidentIdResolution | null> {
    return this.issuedIds.resolve(id);
  }

  async listIncidents(filter?: IncidentFilter): Promise<Incident[]> {
    if (filter === undefined || Object.values(filter).every((v) => v === undefined)) return this.incidents.list();
    return this.readModel.listMatching(filter);
  }

  async listTallies(): Promise<Tally[]> {
    return this.incidents.listTallies();
  }

  async listIncidentBatch(filter: IncidentFilter, page: { after: number | null; limit: number }): Promise<IncidentBatchItem[]> {
    return this.readModel.listMatchingBatch(filter, page.after, page.limit);
  }

  async getIncident(id: string): Promise<Incident | null> {
    return this.incidents.get(id);
  }

  async queryIncidents(filter: IncidentFilter, page: { cursor?: string | null; limit: number }): Promise<Page<Incident>> {
    return this.readModel.queryIncidents(filter, page);
  }

  async queryIncidentJson(filter: IncidentFilter, page: { cursor?: string | null; limit: number }): Promise<Page<string> & { total: number }> {
    return this.readModel.queryIncidentJson(filter, page);
  }

  async countIncidents(filter: IncidentFilter): Promise<number> {
    return this.readModel.countIncidents(filter);
  }

  async incidentsVersion(): Promise<string> {
    return this.readModel.incidentsVersion();
  }

  async dataVersion(): Promise<string> {
    return this.readModel.dataVersion();
  }

  async stats(filter: IncidentFilter, groupBy: StatsBucket | 'perpetrator', byPerpetrator = false, split: PerpetratorSplit = 'each'): Promise<StatsRow[]> {
    return this.readModel.stats(filter, groupBy, byPerpetrator, split);
  }

  async facets(): Promise<Facets> {
    return this.readModel.facets();
  }

  async documentLanguages(): Promise<{ language: string | null; documents: number }[]> {
    return this.documents.languages();
  }

  async undatedStats(filter: IncidentFilter): Promise<UndatedStats> {
    return this.readModel.undatedStats(filter);
  }

  // ---- warnings and gazetteer -------------------------------------------------------------

  async addWarnings(runId: string, warnings: readonly Warning[], at: string | null = null): Promise<void> {
    return this.warnings.add(runId, warnings, at);
  }

  async listWarnings(filter?: string | WarningFilter): Promise<StoredWarning[]> {
    return this.warnings.list(typeof filter === 'string' ? { runId: filter } : (filter ?? {}));
  }

  async getFeed(url: string): Promise<FeedState | null> {
    return this.feeds.getFeed(url);
  }

  async putFeed(feed: FeedState): Promise<void> {
    return this.feeds.putFeed(feed);
  }

  async getFeedItem(feedUrl: string, itemKey: string): Promise<FeedItem | null> {
    return this.feeds.getItem(feedUrl, itemKey);
  }

  async putFeedItem(item: FeedItem): Promise<void> {
    return this.feeds.putItem(item);
  }

  async listFeedItems(feedUrl: string | null = null): Promise<FeedItem[]> {
    return this.feeds.listItems(feedUrl);
  }

  async replaceGazetteer(entries: Iterable<GazetteerEntry>, source: string): Promise<number> {
    return this.gazetteer.replace(entries, source);
  }

  async loadGazetteer(): Promise<GazetteerEntry[]> {
    return this.gazetteer.load();
  }

  async gazetteerSource(): Promise<string | null> {
    return this.gazetteer.source();
  }

  // ---- users, tokens and sessions ---------------------------------------------------------

  async addUser(user: NewUser): Promise<void> {
    return this.users.addUser(user);
  }

  async getUser(name: string): Promise<StoredUser | null> {
    return this.users.getUser(name);
  }

  async listUsers(): Promise<StoredUser[]> {
    return this.users.listUsers();
  }

  async disableUser(name: string, at: string): Promise<boolean> {
    return this.users.disableUser(name, at);
  }

  async addToken(token: Omit<StoredToken, 'revokedAt'>): Promise<void> {
    return this.users.addToken(token);
  }

  async getToken(id: string): Promise<StoredToken | null> {
    return this.users.getToken(id);
  }

  async listTokens(userName?: string): Promise<StoredToken[]> {
    return this.users.listTokens(userName);
  }

  async revokeToken(id: string, at: string): Promise<boolean> {
    return this.users.revokeToken(id, at);
  }

  async addSession(session: Omit<StoredSession, 'endedAt'>): Promise<void> {
    return this.users.addSession(session);
  }

  async getSession(id: string): Promise<StoredSession | null> {
    return this.users.getSession(id);
  }

  async endSession(id: string, at: string): Promise<boolean> {
    return this.users.endSession(id, at);
  }

  // ---- review decisions and the audit log ---------------------------------------------------

  async addDecision(decision: NewDecision, expectedVersion: number | null, audit: (recorded: ReviewDecision) => NewAuditEntry[]): Promise<ReviewDecision> {
    const op = `addDecision('${decision.incidentId}')`;
    return this.writer.write(op, async (trx) => {
      const recorded = await this.review.addIn(trx, decision, expectedVersion, op);
      await this.audit.appendIn(trx, audit(recorded), op);
      return recorded;
    });
  }

  async listDecisions(filter: { incidentId?: string; status?: DecisionStatus } = {}): Promise<ReviewDecision[]> {
    return this.review.list(filter);
  }

  async reviewVersion(incidentId: string): Promise<number> {
    return this.review.versionOf(incidentId);
  }

  async appendAudit(entries: readonly NewAuditEntry[]): Promise<void> {
    return this.audit.append(entries);
  }

  async listAudit(filter: AuditFilter, page: { cursor?: string | null; limit: number }): Promise<Page<AuditEntry>> {
    return this.audit.list(filter, page);
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}
