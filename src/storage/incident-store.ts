/**
 * The one storage boundary. Two implementations pass one contract suite
 * (test/storage/store-contract.ts): SQLite (embedded default, a single file) and PostgreSQL (teams,
 * scale), both behind one query builder. Every method is async so the PostgreSQL driver fits;
 * the SQLite implementation answers synchronously under the hood. Linking decisions are made by
 * pure functions in src/pipeline/link; the store only persists and queries what it is given.
 */
import type { StoredWarning, WarningFilter } from './rooms/warning-room.ts';
import type { FeedItem, FeedState } from './rooms/feed-room.ts';
import type { Article, EventType, Incident, IssuedIdStatus, IssuedIncidentId, Mention, ReviewStatus, Tally, Warning } from '../domain/types.ts';
import type { GazetteerEntry } from '../domain/gazetteer-entry.ts';
import type { Role } from '../domain/roles.ts';
import type { AuditEntry, AuditFilter, DecisionStatus, NewAuditEntry, NewDecision, ReviewDecision } from '../domain/review.ts';

export type DocumentWriteResult = 'new' | 'unchanged' | 'new_version';

export type { StoredWarning, WarningFilter } from './rooms/warning-room.ts';
export type { FeedItem, FeedItemState, FeedState } from './rooms/feed-room.ts';

export interface StoredDocument extends Article {
  /** 1 for the first text seen under this id, +1 for each changed text. */
  version: number;
  contentHash: string;
  ingestedAt: string;
}

/** Filters of the incident list (HTTP API, exports of a filtered set). All optional, ANDed. */
export interface IncidentFilter {
  /** ISO dates; an incident matches when its date range overlaps [from, to] (one of unknown date never does). */
  from?: string;
  to?: string;
  /** [west, south, east, north] in WGS84 degrees. */
  bbox?: [number, number, number, number];
  /** Governorate name as exported (location.admin1), compared case-insensitively. */
  admin1?: string;
  perpetrator?: string;
  eventType?: EventType;
  /** Minimum best killed (headline figure: total, else civilians + fighters). */
  minKilled?: number;
  claimant?: string;
  /** Free text over place names, quotes and claimants. */
  q?: string;
  reviewStatus?: ReviewStatus;
  /** Incidents citing this document. */
  document?: string;
}

/** An incident read for an export, with its place in the store's order and when its newest report was ingested. */
export interface IncidentBatchItem {
  incident: Incident;
  /** Position in listIncidents' order: pass the last one as `after` to read on. */
  position: number;
  /** ingestedAt of the newest current version of the incident's documents; null when none is stored. */
  reportsIngestedAt: string | null;
}

/** A current document without its text: what exports list. */
export type DocumentSummary = Pick<StoredDocument, 'id' | 'url' | 'outlet' | 'published' | 'title' | 'ingestedAt' | 'provenance'>;

export interface Page<T> {
  items: T[];
  /** Opaque cursor of the next page, null at the end. */
  nextCursor: string | null;
}

export type StatsBucket = 'day' | 'week' | 'month' | 'year';

/**
 * How statistics split incidents among perpetrators: `each` counts an incident once under each of
 * its perpetrators (sums may exceed the incidents'); `sole` counts it once, under its only
 * perpetrator, `unknown` when it has none, SHARED_PERPETRATORS when it has several (sums are the
 * incidents').
 */
export type PerpetratorSplit = 'each' | 'sole';
/** The perpetrator key of incidents with several perpetrators in `sole` statistics. */
export const SHARED_PERPETRATORS = 'shared';

export interface StatsRow {
  /** Bucket start (ISO date) for time buckets, the perpetrator id for `perpetrator`. */
  key: string;
  perpetrator?: string;
  incidents: number;
  killed: number;
  civilians: number;
}

/** Incidents of unknown date and their sums, as a statistics row without a bucket. */
export type UndatedStats = Omit<StatsRow, 'key' | 'perpetrator'>;

/** A value of a filter and the number of incidents holding it. */
export interface FacetValue {
  value: string;
  incidents: number;
}

/** Each filterable field's values in the store, most incidents first, then by value. */
export interface Facets {
  perpetrators: FacetValue[];
  claimants: FacetValue[];
  admin1: FacetValue[];
  eventTypes: FacetValue[];
  outlets: FacetValue[];
}

/**
 * The rendering of an incident the store keeps beside its body and serves as queryIncidentJson's
 * pages (the incidents/1 JSON the HTTP API sends). It is given to the store when it is opened, so
 * storage imports no export format. `revision` names the rendering's output: texts stored under
 * another revision are rendered again on read until the next replaceIncidents.
 */
export interface IncidentRendering {
  revision: number;
  render(incident: Incident): unknown;
}

/** What an issued incident id names now (docs/decisions/0017-stable-incident-ids.md). */
export interface IncidentIdResolution {
  id: string;
  status: IssuedIdStatus;
  /** The current id of its incident: itself when current, its successor when merged, null when withdrawn. */
  current: string | null;
}

/** An account. Secrets are never stored in the clear: `passwordHash` is a salted scrypt hash (src/auth/secret-hash.ts). */
export interface StoredUser {
  name: string;
  role: Role;
  /** Null for an account that cannot log in (it only holds tokens). */
  passwordHash: string | null;
  disabled: boolean;
  createdAt: string;
  disabledAt: string | null;
}

export type NewUser = Pick<StoredUser, 'name' | 'role' | 'passwordHash' | 'createdAt'>;

/** An API token of a user; `id` is public (part of the token), the secret is kept as `secretHash`. */
export interface StoredToken {
  id: string;
  userName: string;
  label: string | null;
  secretHash: string;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
}

/** A dashboard login session; `id` finds it, the cookie's secret is kept as `secretHash`. */
export interface StoredSession {
  id: string;
  userName: string;
  secretHash: string;
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
  endedAt: string | null;
}

/** A decision's status as the last relink found it (docs/decisions/0018-review-decisions-and-audit.md). */
export interface DecisionStatusUpdate {
  id: number;
  status: DecisionStatus;
  orphanedBecause: string | null;
}

/** What a relink writes beside the incident set, in the same transaction. */
export interface RelinkRecord {
  decisionStatuses?: readonly DecisionStatusUpdate[];
  audit?: readonly NewAuditEntry[];
}

export interface IncidentStore {
  /** Same id and text: 'unchanged'. Same id, new text: a new version is kept and becomes current. */
  putDocument(article: Article, ingestedAt: string): Promise<DocumentWriteResult>;
  getDocument(id: string): Promise<StoredDocument | null>;
  /** Current version of every document, ordered by id. */
  listDocuments(): Promise<StoredDocument[]>;
  /** Current documents without their text, ordered by id, at most `limit` after the id `after` (null: from the first). */
  listDocumentSummaries(page: { after: string | null; limit: number }): Promise<DocumentSummary[]>;
  /** Every stored version of one document, oldest first. */
  listDocumentVersions(id: string): Promise<StoredDocument[]>;

  /**
   * Store a document and the mentions extracted from it in one transaction: when the text is
   * unchanged nothing is written; otherwise the (new version of the) document and its mentions land
   * together or not at all, with the document's warnings when `warnings` is given (kept as
   * addWarnings keeps them, under `warnings.runId`, found at `ingestedAt`).
   */
  putDocumentWithMentions(article: Article, ingestedAt: string, mentions: Mention[], warnings?: { runId: string; list: readonly Warning[] }): Promise<DocumentWriteResult>;
  /** True when `article` (id, text and every field) is exactly the current version of its id: storing it would write nothing. */
  isCurrentDocument(article: Article): Promise<boolean>;
  /** Replace all mentions extracted from a document (its current version). */
  replaceMentions(docId: string, mentions: Mention[]): Promise<void>;
  listMentions(): Promise<Mention[]>;
  listMentionsForDocument(docId: string): Promise<Mention[]>;

  /**
   * Replace the whole set of incidents and tallies (linking output) in one transaction; with
   * `issued`, the table of issued incident ids is replaced in the same transaction (left as it is
   * without).
   */
  replaceIncidents(incidents: Incident[], tallies: Tally[], issued?: readonly IssuedIncidentId[], record?: RelinkRecord): Promise<void>;
  /** Every incident id ever issued, with the mentions it covers, ordered by seq. */
  listIssuedIncidentIds(): Promise<IssuedIncidentId[]>;
  /** What an issued incident id names now; null for an id never issued. */
  resolveIncidentId(id: string): Promise<IncidentIdResolution | null>;
  /** Every incident (matching `filter` when given), in the order given to replaceIncidents. */
  listIncidents(filter?: IncidentFilter): Promise<Incident[]>;
  listTallies(): Promise<Tally[]>;
  /**
   * listIncidents a batch at a time, for exports that write incident by incident: at most `limit`
   * incidents matching `filter` after the position `after` (null: from the first), in the same order.
   */
  listIncidentBatch(filter: IncidentFilter, page: { after: number | null; limit: number }): Promise<IncidentBatchItem[]>;
  getIncident(id: string): Promise<Incident | null>;
  /**
   * Filtered incidents, newest first (date start descending, then id), those of unknown date last
   * (id descending), keyset-paginated: pass the previous page's `nextCursor` to continue.
   */
  queryIncidents(filter: IncidentFilter, page: { cursor?: string | null; limit: number }): Promise<Page<Incident>>;
  /**
   * queryIncidents with each incident as its incidents/1 JSON text, as the HTTP API sends it, and
   * the count of the whole filtered set (countIncidents) with it.
   */
  queryIncidentJson(filter: IncidentFilter, page: { cursor?: string | null; limit: number }): Promise<Page<string> & { total: number }>;
  countIncidents(filter: IncidentFilter): Promise<number>;
  /**
   * Changes whenever the stored incidents change, whichever process changed them: answers derived
   * from the incidents may be reused while it stays the same.
   */
  incidentsVersion(): Promise<string>;
  /**
   * Changes with every committed write of any kind (documents, incidents, decisions, audit,
   * users, sessions), whichever process made it: what HTTP ETags are made of. Cheap to read.
   */
  dataVersion(): Promise<string>;
  /**
   * Killed by time bucket (and perpetrator when `byPerpetrator`), or by perpetrator alone, the
   * perpetrators split as `split` says (default `each`).
   * Incidents of unknown date are in no time bucket (see undatedStats) but in perpetrator buckets.
   */
  stats(filter: IncidentFilter, groupBy: StatsBucket | 'perpetrator', byPerpetrator?: boolean, split?: PerpetratorSplit): Promise<StatsRow[]>;
  /** The incidents of unknown date matching `filter` (none when it has a date range) and their sums. */
  undatedStats(filter: IncidentFilter): Promise<UndatedStats>;
  /** The values the filters can take and how many incidents hold each (the dashboard's filter lists). */
  facets(): Promise<Facets>;
  /** Current documents by their language as given, else as detected (null: not known), most documents first. */
  documentLanguages(): Promise<{ language: string | null; documents: number }[]>;

  /**
   * Warnings of ingest runs, kept so an analyst can see what was skipped and why; each once (one
   * with the code, source and message of a stored one is not added again). `at`: when the run ran.
   */
  addWarnings(runId: string, warnings: readonly Warning[], at?: string | null): Promise<void>;
  /** Stored warnings, oldest first: of one run (a string), or as `filter` says. */
  listWarnings(filter?: string | WarningFilter): Promise<StoredWarning[]>;

  /** What `tally watch` knows of a feed, null before its first poll. */
  getFeed(url: string): Promise<FeedState | null>;
  putFeed(feed: FeedState): Promise<void>;
  /** One item of a feed and what became of it, null when never seen. */
  getFeedItem(feedUrl: string, itemKey: string): Promise<FeedItem | null>;
  putFeedItem(item: FeedItem): Promise<void>;
  /** Items of one feed (every feed when null), oldest first. */
  listFeedItems(feedUrl?: string | null): Promise<FeedItem[]>;

  /** Replace the gazetteer with these entries (a dump import is a whole replacement). */
  replaceGazetteer(entries: Iterable<GazetteerEntry>, source: string): Promise<number>;
  loadGazetteer(): Promise<GazetteerEntry[]>;
  gazetteerSource(): Promise<string | null>;

  /** Users, tokens and sessions (src/storage/rooms/user-room.ts). A name already taken is refused (StoreWriteError). */
  addUser(user: NewUser): Promise<void>;
  getUser(name: string): Promise<StoredUser | null>;
  /** Every user, ordered by name (byte order). */
  listUsers(): Promise<StoredUser[]>;
  /** Disable a user and end its open sessions in one transaction; false when no user has this name. */
  disableUser(name: string, at: string): Promise<boolean>;
  /** A token of an existing user (an unknown user or a duplicate id is refused). */
  addToken(token: Omit<StoredToken, 'revokedAt'>): Promise<void>;
  getToken(id: string): Promise<StoredToken | null>;
  /** Tokens of one user, or of all, oldest first (then id). */
  listTokens(userName?: string): Promise<StoredToken[]>;
  /** Mark a token revoked at `at`; false when there is no such token or it was already revoked. */
  revokeToken(id: string, at: string): Promise<boolean>;
  addSession(session: Omit<StoredSession, 'endedAt'>): Promise<void>;
  getSession(id: string): Promise<StoredSession | null>;
  /** End (log out) a session at `at`; false when there is no such open session. */
  endSession(id: string, at: string): Promise<boolean>;
  /**
   * Record an analyst's decision as its incident's next review version, with its audit entries, in
   * one transaction. With `expectedVersion` (If-Match), a VersionConflictError unless the incident
   * is at that version; nothing is written then.
   */
  addDecision(decision: NewDecision, expectedVersion: number | null, audit: (recorded: ReviewDecision) => NewAuditEntry[]): Promise<ReviewDecision>;
  /** Decisions in the order recorded, of one incident id or status when given. */
  listDecisions(filter?: { incidentId?: string; status?: DecisionStatus }): Promise<ReviewDecision[]>;
  /** How many decisions were recorded on this incident id (0: none). */
  reviewVersion(incidentId: string): Promise<number>;

  /** Append entries to the audit log. There is no method to change or remove one. */
  appendAudit(entries: readonly NewAuditEntry[]): Promise<void>;
  /** Audit entries matching `filter`, oldest first, keyset-paginated. */
  listAudit(filter: AuditFilter, page: { cursor?: string | null; limit: number }): Promise<Page<AuditEntry>>;

  close(): Promise<void>;
}
