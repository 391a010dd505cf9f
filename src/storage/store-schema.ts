/**
 * The store's tables as Kysely sees them: one TypeScript description of the schema created by
 * ./store-migrations.ts, so every query in ./kysely-incident-store.ts is checked against column
 * names and types on both backends. Columns are the same on SQLite and PostgreSQL; the only
 * differences live in the migrations (text collation, identity columns, the text-search index).
 *
 * Conventions: ISO dates are TEXT; `*_day` columns are the same dates as whole days since
 * 1970-01-01 (integer arithmetic is identical in both SQL dialects, date functions are not), and
 * both are NULL for an incident of unknown date;
 * booleans are INTEGER 0/1; `body` columns hold the domain object as JSON text, the only thing
 * read back, so objects round-trip exactly; every other column is a copy kept for filtering.
 */
import type { Generated } from 'kysely';

export type StoreDialect = 'sqlite' | 'postgres';

export interface DocumentsTable {
  id: string;
  version: number;
  content_hash: string;
  text: string;
  published: string | null;
  url: string | null;
  outlet: string | null;
  title: string | null;
  language: string | null;
  ingested_at: string;
  is_current: number;
  /** JSON DocumentProvenance (migration 8), null when the reader had none. */
  provenance: string | null;
  /** The language detected in the text when none was given (migration 8). */
  detected_language: string | null;
}

export interface MentionsTable {
  doc_id: string;
  doc_version: number;
  seq: number;
  id: string;
  kind: string;
  event_type: string | null;
  date_start: string | null;
  date_end: string | null;
  body: string;
}

export interface IncidentsTable {
  id: string;
  /** Position in the linking output; listIncidents returns this order. */
  seq: number;
  event_type: string;
  /** The date columns are null for an incident of unknown date (date_precision 'unknown'; migration 3). */
  date_start: string | null;
  date_end: string | null;
  start_day: number | null;
  end_day: number | null;
  /** end_day - start_day: its maximum bounds how far back a date-range filter must look. */
  span_days: number | null;
  date_precision: string;
  location_name: string | null;
  gazetteer_id: string | null;
  admin1: string | null;
  /** admin1 lower-cased (in TypeScript, so both databases compare the same string). */
  admin1_key: string | null;
  admin2: string | null;
  geo_precision: string | null;
  lat: number | null;
  lon: number | null;
  killed_best: number | null;
  killed_min: number | null;
  killed_max: number | null;
  civilians_killed: number | null;
  children_killed: number | null;
  women_killed: number | null;
  fighters_killed: number | null;
  injured_best: number | null;
  perpetrators_disputed: number;
  review_status: string;
  /** Normalised search words, space-separated (./search-text.ts); indexed per dialect. */
  search_text: string;
}

/** The whole Incident as JSON, by incidents.seq. */
export interface IncidentBodiesTable {
  seq: number;
  body: string;
  /** The incidents/1 rendering of body (store_state.incident_json_revision says which); null before migration 2's first replace. */
  api_json: string | null;
}

/** Counters readers check before trusting cached answers (migration 2). */
export interface StoreStateTable {
  key: string;
  value: number;
}

/** Casualties summed per day and filter column (migration 2; see readModel in ./store-migrations.ts). */
export interface IncidentDayStatsTable {
  /** 0: each incident once, perpetrator null; 1: once per perpetrator (null when it has none). */
  scope: number;
  perpetrator: string | null;
  admin1_key: string | null;
  /** The three days are null on the rows of incidents of unknown date (migration 3). */
  start_day: number | null;
  end_day: number | null;
  /** Day number of the first of start_day's month. */
  month_day: number | null;
  event_type: string;
  review_status: string;
  incidents: number;
  killed: number;
  civilians: number;
}

/** Child rows carry their incident's start_day (null when its date is unknown) so each can be walked in page order. */
export interface IncidentPerpetratorsTable {
  incident_id: string;
  perpetrator: string;
  position: number;
  start_day: number | null;
}

export interface IncidentDocumentsTable {
  incident_id: string;
  document_id: string;
  position: number;
  start_day: number | null;
}

export interface IncidentClaimantsTable {
  incident_id: string;
  claimant: string;
  start_day: number | null;
}

export interface ClaimsTable {
  incident_id: string;
  seq: number;
  claimant: string;
  document_id: string;
  outlet: string | null;
  published: string | null;
  span_start: number;
  span_end: number;
  quote: string;
  killed_total: number | null;
  body: string;
}

/** SQLite only: the FTS5 index of incidents.search_text, rowid = incidents.seq (contentless). */
export interface IncidentSearchTable {
  rowid: number;
  search_text: string;
}

/** Incidents per search word (./search-text.ts), for the text filter's choice of path. */
export interface SearchTermsTable {
  term: string;
  incidents: number;
}

export interface TalliesTable {
  id: string;
  seq: number;
  document_id: string;
  claimant: string | null;
  period_start: string | null;
  period_end: string | null;
  area: string | null;
  perpetrator: string | null;
  killed_total: number | null;
  killed_civilians: number | null;
  displaced: number | null;
  body: string;
}

export interface WarningsTable {
  id: Generated<number>;
  run_id: string;
  code: string;
  message: string;
  source: string;
  /** When the run that found it ran (migration 8; null on older rows). */
  at: string | null;
  /** The document it is about, when it is about one. */
  document_id: string | null;
  /** Hash of code, source and message (unique): one warning is kept once however often a run finds it. */
  fingerprint: string;
}

/** A feed `tally watch` polls (migration 8). */
export interface FeedsTable {
  url: string;
  etag: string | null;
  last_modified: string | null;
  polled_at: string | null;
  /** 'ok', 'not-modified', or 'error'. */
  status: string | null;
  error: string | null;
  failures: Generated<number>;
  next_poll_at: string | null;
}

/** An item of a feed and what became of it (migration 8). */
export interface FeedItemsTable {
  feed_url: string;
  /** The item's guid, else its link. */
  item_key: string;
  page_url: string;
  /** The item's own updated or published time as the feed gave it: a change fetches the page again. */
  stamp: string | null;
  seen_at: string;
  state: 'pending' | 'ingested' | 'failed';
  document_id: string | null;
  attempts: Generated<number>;
  error: string | null;
}

export interface GazetteerTable {
  id: string;
  /** Insertion order; loadGazetteer returns entries in the order they were given. */
  seq: number;
  name: string;
  ascii_name: string;
  alt_names: string;
  lat: number;
  lon: number;
  feature_class: string;
  feature_code: string;
  country: string;
  admin1_code: string | null;
  admin1_name: string | null;
  admin2_code: string | null;
  admin2_name: string | null;
  population: number;
}

export interface GazetteerMetaTable {
  singleton: number;
  source: string;
  entry_count: number;
}

export interface ReviewDecisionsTable {
  id: Generated<number>;
  incident_id: string;
  incident_key: string | null;
  decision: string;
  status: string;
  patch: string | null;
  reviewer: string | null;
  note: string | null;
  decided_at: string;
  superseded_by: number | null;
  /** Migration 5: the incident review version this decision made; the whole decision as JSON. */
  version: number | null;
  body: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  detail: string | null;
}

/** An incident id ever issued (migration 4); `successor` is set exactly when status is 'merged'. */
export interface IncidentIdsTable {
  id: string;
  seq: number;
  status: string;
  successor: string | null;
}

/** The mentions an issued id covered at its last assignment, in order. */
export interface IncidentIdMentionsTable {
  incident_id: string;
  position: number;
  document_id: string;
  content_hash: string;
  span_start: number;
  span_end: number;
}

/** Accounts (migration 5). `role` is one of src/domain/roles.ts's ROLES; `password_hash` a salted scrypt hash (src/auth/secret-hash.ts). */
export interface UsersTable {
  name: string;
  role: string;
  password_hash: string | null;
  disabled: number;
  created_at: string;
  disabled_at: string | null;
}

/** API tokens of users (migration 5): the public id finds the row, the secret is kept only as its hash. */
export interface ApiTokensTable {
  id: string;
  user_name: string;
  label: string | null;
  secret_hash: string;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
}

/** Dashboard login sessions (migration 5), found by id; the cookie's secret is kept only as its hash. */
export interface SessionsTable {
  id: string;
  user_name: string;
  secret_hash: string;
  /** The session's CSRF token, sent back in X-CSRF-Token; useless without the cookie. */
  csrf_token: string;
  created_at: string;
  expires_at: string;
  ended_at: string | null;
}

export interface StoreDatabase {
  documents: DocumentsTable;
  mentions: MentionsTable;
  incidents: IncidentsTable;
  incident_bodies: IncidentBodiesTable;
  store_state: StoreStateTable;
  incident_day_stats: IncidentDayStatsTable;
  incident_perpetrators: IncidentPerpetratorsTable;
  incident_documents: IncidentDocumentsTable;
  incident_claimants: IncidentClaimantsTable;
  claims: ClaimsTable;
  incident_search: IncidentSearchTable;
  search_terms: SearchTermsTable;
  tallies: TalliesTable;
  warnings: WarningsTable;
  feeds: FeedsTable;
  feed_items: FeedItemsTable;
  gazetteer: GazetteerTable;
  gazetteer_meta: GazetteerMetaTable;
  review_decisions: ReviewDecisionsTable;
  audit_log: AuditLogTable;
  incident_ids: IncidentIdsTable;
  incident_id_mentions: IncidentIdMentionsTable;
  users: UsersTable;
  api_tokens: ApiTokensTable;
  sessions: SessionsTable;
}
