/**
 * Domain types shared by every stage of the pipeline: documents, extracted mentions, places,
 * incidents, claims and tallies. Types and invariants only — no I/O, no heavy imports.
 * Vocabulary follows ../shared/docs/annotation-guide.md; output shapes follow
 * ../shared/docs/export-format.md (`incidents/1`).
 */

/** A character range [start, end) in a document's ORIGINAL text. */
export interface Span {
  start: number;
  end: number;
}

/** Why a field has its value: the rule that fired and the text it fired on. */
export interface Provenance {
  rule: string;
  span: Span;
  text: string;
}

/** A document as ingested (one version of it). */
export interface Article {
  id: string;
  text: string;
  /** ISO date (YYYY-MM-DD) or date-time of publication, or null when unknown. */
  published: string | null;
  url: string | null;
  outlet: string | null;
  title: string | null;
  language: string | null;
  /**
   * Where the document came from and where each of its fields was read, when a reader knows more
   * than the fields themselves (an HTML page: `published` from `meta[property="article:published_time"]`,
   * `outlet` from `og:site_name`). Absent or null for JSON Lines and `.txt` input.
   */
  provenance?: DocumentProvenance | null;
  /**
   * The language Tally found the text to be in (ISO 639-1, e.g. "en"), when `language` was not
   * given and the detector (eld) was confident; null when it was not. Derived from the text, so it
   * is not part of the document's content hash.
   */
  detectedLanguage?: string | null;
}

/** Fields of an Article a reader can say it found somewhere. */
export const PROVENANCE_FIELDS = ['id', 'text', 'published', 'url', 'outlet', 'title', 'language'] as const;
export type ProvenanceField = (typeof PROVENANCE_FIELDS)[number];

/** How a document was read: its input format, the address it was fetched from, and each field's origin. */
export interface DocumentProvenance {
  /** The reader: 'html' (a saved page or a fetched one). */
  format: 'html';
  /** The address the page was read from (after redirects), or null for a saved file. */
  fetchedFrom: string | null;
  /** Where each field's value was read, in words a person can check against the page: 'meta[property="article:published_time"]', 'JSON-LD datePublished', 'dateline', 'og:site_name', 'link[rel=canonical]', 'html[lang]', 'file name', …; a field absent here was not found. */
  fields: Partial<Record<ProvenanceField, string>>;
}

export const EVENT_TYPES = [
  'air_strike',
  'shelling',
  'armed_clash',
  'explosion',
  'attack',
  'territory_change',
  'other',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const COUNT_CATEGORIES = ['total', 'civilians', 'children', 'women', 'fighters'] as const;
export type CountCategory = (typeof COUNT_CATEGORIES)[number];

export type Qualifier = 'exact' | 'at_least' | 'more_than' | 'nearly' | 'about' | 'up_to' | 'approx_plural';

/** One stated number: "at least six" → value 6, min 6, max 6 (ACLED-conservative). */
export interface CountValue {
  value: number;
  min: number;
  max: number;
  qualifier: Qualifier;
  prov: Provenance;
}

export type CountSet = Partial<Record<CountCategory, CountValue>>;

export type DatePrecision = 'day' | 'range' | 'reported';

export interface DateRange {
  start: string; // ISO YYYY-MM-DD
  end: string; // ISO YYYY-MM-DD
  precision: DatePrecision;
}

/**
 * The date of an incident none of whose reports gives a day: the documents have no publication date
 * and their texts state none (export-format.md: precision `unknown`, `start`/`end` null). Only
 * incidents have it; a mention without a day has `date: null`.
 */
export interface UnknownDate {
  start: null;
  end: null;
  precision: 'unknown';
}

/** An incident's date: a day or span, or unknown (narrow with `date.start === null`). */
export type IncidentDate = DateRange | UnknownDate;

export type PlaceRole = 'event' | 'origin' | 'area';

/** A place named in text, before or after gazetteer resolution. */
export interface PlaceMention {
  name: string;
  role: PlaceRole;
  /** admin-area hint read nearby ("province of Aleppo", "Idlib countryside"). */
  adminHint: string | null;
  prov: Provenance;
}

export type GeoPrecision = 'locality' | 'admin2' | 'admin1' | 'country';

export interface ResolvedPlace {
  name: string;
  gazetteerId: string | null;
  lat: number | null;
  lon: number | null;
  admin1: string | null;
  admin2: string | null;
  precision: GeoPrecision;
  /** The text mention this came from (absent for places inferred, e.g. the country). */
  mention?: PlaceMention;
  /**
   * `near`: the text names the place only as a reference point for the event ("north of X", "near
   * the capital, X"): the event is near it, not in it. Absent for the event's own places.
   */
  relation?: 'near';
  /** Same-named gazetteer places passed over for this one, each with the reason (set by the geocoder when it refused any). */
  rejected?: RejectedPlace[];
}

/** Why a same-named gazetteer place was not taken for a mention. */
export type PlaceRejection =
  /** In another country than the document's, and the text names neither that country nor one of its admin-1 areas by the mention. */
  | 'other-country'
  /** Outside the admin-1 area the text states by the mention ("Springfield, Illinois" refuses Springfield, Missouri). */
  | 'outside-stated-admin1';

export interface RejectedPlace {
  gazetteerId: string;
  name: string;
  countryCode: string;
  admin1: string | null;
  reason: PlaceRejection;
}

export type MentionKind = 'incident' | 'tally' | 'background';

export interface Tagged<T> {
  value: T;
  prov: Provenance;
}

/** A further figure statement about the same event in the same document (another source's toll). */
export interface StatedFigures {
  claimants: Tagged<string>[];
  span: Span;
  quote: string;
  killed: CountSet;
  injured: CountSet;
}

/**
 * What one passage of one document says about one event (or one tally): the unit extraction
 * produces and linking consumes.
 */
export interface Mention {
  /** Stable within the document: `${docId}#${index}` assigned after extraction. */
  id: string;
  docId: string;
  kind: MentionKind;
  /** The sentence(s) the mention was read from (offsets in the original text). */
  span: Span;
  quote: string;
  eventType: Tagged<EventType> | null;
  date: (DateRange & { prov: Provenance | null }) | null;
  places: PlaceMention[];
  resolvedPlaces: ResolvedPlace[];
  perpetrators: Tagged<string>[];
  claimants: Tagged<string>[];
  killed: CountSet;
  injured: CountSet;
  displaced: CountValue | null;
  targets: Tagged<string>[];
  /**
   * What the date rests on: a date the text states, the publication day, or a publication day
   * estimated from the text because the document had none (weak evidence for linking).
   */
  dateBasis?: 'stated' | 'published' | 'estimated';
  /** Other figures the same document gives for this event (different sources, updated tolls). */
  statements?: StatedFigures[];
  /** The area a figure covers as the text names it ("northwestern Syria", "Idlib"), for tallies. */
  area?: string | null;
  /** Why the mention is an incident or a tally: the rule of the classification decision. */
  classification?: { kind: MentionKind; rule: string };
  /**
   * People of the event the report names with an age or as identified ("Dana Lee, 24,"), as
   * lower-case first and last name: strong evidence that a later follow-up tells the same event.
   */
  people?: Tagged<string>[];
  /**
   * Streets and named venues the report names for the event ("Elm Street", "the Blue Heron
   * Tavern"), as lower-case keys ("elm street", "blue heron tavern"): two reports of the same days
   * naming one site tell one event.
   */
  sites?: Tagged<string>[];
  /** Counties the report names for the event ("Larkin County"), as lower-case names ("larkin"). */
  counties?: Tagged<string>[];
  /**
   * Where `span`, `quote` and every figure's span are: absent for the document's text; `title` when
   * the body told no incident and the mention was read from the headline (decision 0020).
   */
  quoteIn?: QuoteSource;
  /** How the headline was read (site name cut, Title Case folded, a headline rule), each with its span in the title. */
  headlineRules?: Provenance[];
}

/** The field of a document a quote and its offsets are in: its text, or its title (decision 0020). */
export type QuoteSource = 'text' | 'title';

export interface CountRange {
  best: number;
  min: number;
  max: number;
}
export type CountSummary = Partial<Record<CountCategory, CountRange>>;

/** One figure a claim reports, with the words of the document that state it. */
export interface ClaimFigure {
  outcome: 'killed' | 'injured';
  category: CountCategory;
  value: number;
  /** Offsets of the words stating the figure (inside the claim's quote), in the field the claim's quote is in (`Claim.quoteIn`). */
  start: number;
  end: number;
  rule: string;
}

export interface Claim {
  claimant: string;
  /** Outlets that carried this claim (syndicated copies collapse into one claim). */
  document: string;
  documents: string[];
  outlet: string | null;
  published: string | null;
  quote: string;
  start: number;
  end: number;
  killed: Partial<Record<CountCategory, number>>;
  injured: Partial<Record<CountCategory, number>>;
  rules: string[];
  /** Each figure with the span that states it (absent in incidents stored before figures were kept). */
  figures?: ClaimFigure[];
  /** `title`: the quote and the offsets (its own and its figures') are in the document's title, not its text (decision 0020); absent: the text. */
  quoteIn?: QuoteSource;
}

export type ReviewStatus = 'unreviewed' | 'confirmed' | 'rejected' | 'edited';
export const REVIEW_STATUSES = ['unreviewed', 'confirmed', 'rejected', 'edited'] as const satisfies readonly ReviewStatus[];

/** What analysts decided about an incident, as applied at the last relink (docs/decisions/0018). */
export interface IncidentReview {
  status: ReviewStatus;
  /** The analyst of the latest decision applied, and when it was made. */
  reviewedBy?: string | null;
  reviewedAt?: string | null;
  /** A lock holds the incident's fields as they were when locked. */
  locked?: boolean;
  /** The machine's own values of the fields analysts set (edited or locked), by field name. */
  machine?: Record<string, unknown>;
  /** Fields where the machine now disagrees with an analyst's value (the analyst's stands). */
  disagreements?: { field: string; human: unknown; machine: unknown; decision: number }[];
}

export interface Incident {
  id: string;
  eventType: EventType;
  /** Unknown (start/end null) only when every report of the incident is undated. */
  date: IncidentDate;
  location: ResolvedPlace | null;
  places: ResolvedPlace[];
  perpetrators: string[];
  perpetratorsDisputed: boolean;
  killed: CountSummary;
  injured: CountSummary;
  targets: string[];
  claims: Claim[];
  documents: string[];
  mentionIds: string[];
  /**
   * Independent confirmations: claims counted once per claimant across syndicated copies (wire copy
   * republished by several outlets is one source, not several).
   */
  independentSources?: number;
  review: IncidentReview;
  /**
   * The weakest join the linker made to gather the incident's reports (its score and evidence);
   * absent with one report, or when only analysts' merges and wire copies joined them. The review
   * queue reads it (docs/decisions/0021-review-queue.md).
   */
  link?: { weakest: number; reasons: string[] };
  /**
   * Ids this incident was known by before it absorbed other incidents (their reports now all tell
   * this event), oldest first; never issued again (docs/decisions/0017-stable-incident-ids.md).
   */
  previousIds?: string[];
}

/** The words of one report an incident id was given for: document, text version and span of a mention. */
export interface MentionKey {
  document: string;
  /** Content hash of the document version the offsets are in. */
  contentHash: string;
  start: number;
  end: number;
}

/** `current`: names an incident now; `merged`: its incident was absorbed (see successor); `withdrawn`: none of its reports tells an incident any more. */
export type IssuedIdStatus = 'current' | 'merged' | 'withdrawn';
export const ISSUED_ID_STATUSES: readonly IssuedIdStatus[] = ['current', 'merged', 'withdrawn'];

/** An incident id once issued: kept for good, so an old id always resolves or says why not. */
export interface IssuedIncidentId {
  id: string;
  /** Order of issue, 1, 2, …: in a tie the older id wins. */
  seq: number;
  status: IssuedIdStatus;
  /** The current id of the incident that absorbed a merged id; null otherwise. */
  successor: string | null;
  /** The mentions of its incident at its last assignment (for a retired id, when it retired). */
  covers: MentionKey[];
}

export interface Tally {
  id: string;
  document: string;
  claimant: string | null;
  period: { start: string; end: string } | null;
  area: string | null;
  perpetrator: string | null;
  killed: Partial<Record<CountCategory, number>>;
  injured: Partial<Record<CountCategory, number>>;
  displaced: number | null;
  quote: string;
  start: number;
  end: number;
}

/** A problem worth telling the user about that did not stop the run. */
export interface Warning {
  code: string;
  message: string;
  source: string; // document id or file:line
  /** The document the warning is about, when it is about one (its id). */
  documentId?: string | null;
}
