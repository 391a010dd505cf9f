/**
 * The `incidents/1` JSON export (../shared/docs/export-format.md): domain objects renamed to the
 * contract's snake_case field names, with ACLED's sub-event label alongside our event type.
 * Counts keep only the categories stated — an absent category means "not stated", never zero —
 * listed in the fixed order total, civilians, children, women, fighters so output is stable, and
 * no category exceeds the total (the figure rule every export shares, ./figure-rule.ts).
 * Extra fields beyond the contract (allowed by it): `perpetrators_disputed`, claims' `published`
 * and `rules`, tallies' `start`/`end`. An incident no report dates is written
 * `"date": {"start": null, "end": null, "precision": "unknown"}`, as the contract allows.
 */
import { COUNT_CATEGORIES } from '../domain/types.ts';
import type {
  Claim,
  ClaimFigure,
  CountCategory,
  CountRange,
  CountSummary,
  DatePrecision,
  EventType,
  GeoPrecision,
  Incident,
  ResolvedPlace,
  ReviewStatus,
  Tally,
} from '../domain/types.ts';
import { acledSubEventType } from './acled-vocabulary.ts';
import { analystFigures, boundedCounts } from './figure-rule.ts';
import type { ExportDocument, ExportInput } from './export-input.ts';

export const INCIDENTS_JSON_FORMAT = 'incidents/1';

/**
 * Revision of incidentJson's output. Stores keep each incident's rendering (the HTTP API sends it
 * as stored) and compare this number before trusting it, so raise it whenever incidentJson's
 * output changes; test/export/incidents-json.test.ts fails until the fingerprint beside it agrees.
 */
export const INCIDENT_JSON_REVISION = 7;

/**
 * incidentJson as the rendering a store keeps beside each incident and serves as API pages
 * (IncidentRendering in src/storage/incident-store.ts); whoever opens a store passes this.
 */
export const incidentsJsonRendering = { revision: INCIDENT_JSON_REVISION, render: incidentJson };

export interface PlaceJson {
  name: string;
  gazetteer_id: string | null;
  lat: number | null;
  lon: number | null;
  admin1: string | null;
  admin2: string | null;
  precision: GeoPrecision;
  /** `near`: named only as a reference point for the event ("north of X"). */
  relation?: 'near';
}

export type CountsJson = Partial<Record<CountCategory, CountRange>>;
export type FiguresJson = Partial<Record<CountCategory, number>>;

export interface ClaimJson {
  claimant: string;
  document: string;
  documents: string[];
  outlet: string | null;
  published: string | null;
  quote: string;
  start: number;
  end: number;
  killed: FiguresJson;
  injured: FiguresJson;
  rules: string[];
  /** Each figure with the offsets of the words stating it (inside the quote); additive to the contract. */
  figures: ClaimFigureJson[];
  /**
   * `"title"`: `quote`, `start`/`end` and the figures' offsets are in the document's title
   * (`documents[].title`), not its text; absent: in the text, as before. Additive (decision 0020).
   */
  quote_in?: 'title';
}

/** The JSON of a claim's figure is the domain's: the same six fields. */
export type ClaimFigureJson = ClaimFigure;

/** A day or span (ISO dates), or `unknown` with null start and end when no report gives a day. */
export type IncidentDateJson = { start: string; end: string; precision: DatePrecision } | { start: null; end: null; precision: 'unknown' };

export interface IncidentJson {
  id: string;
  event_type: EventType;
  acled_sub_event_type: string;
  date: IncidentDateJson;
  location: PlaceJson | null;
  places: PlaceJson[];
  perpetrators: string[];
  perpetrators_disputed: boolean;
  killed: CountsJson;
  injured: CountsJson;
  targets: string[];
  claims: ClaimJson[];
  documents: string[];
  /** Independent confirmations (claimants, wire copies counted once); extra field. */
  independent_sources?: number;
  review: { status: ReviewStatus };
  /** Review status, the analyst of the latest decision and when (null when none); additive, decision 0018. */
  review_status: ReviewStatus;
  reviewed_by: string | null;
  reviewed_at: string | null;
  /** Fields where the machine now disagrees with an analyst's value, which stands; [] when none (additive, decision 0018). */
  review_disagreements: { field: string; human: unknown; machine: unknown; decision: number }[];
  /** Ids this incident had before it absorbed others, oldest first; [] when none (additive, decision 0017). */
  previous_ids: string[];
}

export interface TallyJson {
  id: string;
  document: string;
  claimant: string | null;
  period: { start: string; end: string } | null;
  area: string | null;
  perpetrator: string | null;
  killed: FiguresJson;
  injured: FiguresJson;
  displaced: number | null;
  quote: string;
  start: number;
  end: number;
}

export interface DocumentJson {
  id: string;
  url: string | null;
  outlet: string | null;
  published: string | null;
  title: string | null;
  /**
   * How the document was read, only for documents read from a web page (additive): the address
   * it was fetched from and where each field was read ("published": "JSON-LD datePublished").
   */
  provenance?: { format: 'html'; fetched_from: string | null; fields: Record<string, string> };
}

export interface IncidentsJson {
  format: typeof INCIDENTS_JSON_FORMAT;
  generated_at: string;
  policy?: string;
  documents: DocumentJson[];
  incidents: IncidentJson[];
  tallies: TallyJson[];
}

export function placeJson(place: ResolvedPlace): PlaceJson {
  return {
    name: place.name,
    gazetteer_id: place.gazetteerId,
    lat: place.lat,
    lon: place.lon,
    admin1: place.admin1,
    admin2: place.admin2,
    precision: place.precision,
    ...(place.relation ? { relation: place.relation } : {}),
  };
}

function countsJson(summary: CountSummary): CountsJson {
  const out: CountsJson = {};
  for (const category of COUNT_CATEGORIES) {
    const c = summary[category];
    if (c !== undefined) out[category] = { best: c.best, min: c.min, max: c.max };
  }
  return out;
}

function figuresJson(figures: Partial<Record<CountCategory, number>>): FiguresJson {
  const out: FiguresJson = {};
  for (const category of COUNT_CATEGORIES) {
    const n = figures[category];
    if (n !== undefined) out[category] = n;
  }
  return out;
}

function claimJson(claim: Claim): ClaimJson {
  return {
    claimant: claim.claimant,
    document: claim.document,
    documents: [...claim.documents],
    outlet: claim.outlet,
    published: claim.published,
    quote: claim.quote,
    start: claim.start,
    end: claim.end,
    killed: figuresJson(claim.killed),
    injured: figuresJson(claim.injured),
    rules: [...claim.rules],
    figures: (claim.figures ?? []).map((f) => ({ outcome: f.outcome, category: f.category, value: f.value, start: f.start, end: f.end, rule: f.rule })),
    ...(claim.quoteIn === 'title' ? { quote_in: 'title' as const } : {}),
  };
}

export function incidentJson(incident: Incident): IncidentJson {
  return {
    id: incident.id,
    event_type: incident.eventType,
    acled_sub_event_type: acledSubEventType(incident),
    date: incident.date.start === null ? { start: null, end: null, precision: 'unknown' } : { start: incident.date.start, end: incident.date.end, precision: incident.date.precision },
    location: incident.location ? placeJson(incident.location) : null,
    places: incident.places.map(placeJson),
    perpetrators: [...incident.perpetrators],
    perpetrators_disputed: incident.perpetratorsDisputed,
    killed: countsJson(boundedCounts(incident.killed, analystFigures(incident.review, 'killed'))),
    injured: countsJson(boundedCounts(incident.injured, analystFigures(incident.review, 'injured'))),
    targets: [...incident.targets],
    claims: incident.claims.map(claimJson),
    documents: [...incident.documents],
    ...(incident.independentSources !== undefined ? { independent_sources: incident.independentSources } : {}),
    review: { status: incident.review.status },
    review_status: incident.review.status,
    reviewed_by: incident.review.reviewedBy ?? null,
    reviewed_at: incident.review.reviewedAt ?? null,
    review_disagreements: (incident.review.disagreements ?? []).map((d) => ({ field: d.field, human: d.human, machine: d.machine, decision: d.decision })),
    previous_ids: [...(incident.previousIds ?? [])],
  };
}

export function tallyJson(tally: Tally): TallyJson {
  return {
    id: tally.id,
    document: tally.document,
    claimant: tally.claimant,
    period: tally.period ? { start: tally.period.start, end: tally.period.end } : null,
    area: tally.area,
    perpetrator: tally.perpetrator,
    killed: figuresJson(tally.killed),
    injured: figuresJson(tally.injured),
    displaced: tally.displaced,
    quote: tally.quote,
    start: tally.start,
    end: tally.end,
  };
}

/** A document of the `documents` list; `provenance` only when the document has one, so other files are as before. */
export function documentJson(doc: ExportDocument): DocumentJson {
  const json: DocumentJson = { id: doc.id, url: doc.url, outlet: doc.outlet, published: doc.published, title: doc.title };
  if (doc.provenance) json.provenance = { format: doc.provenance.format, fetched_from: doc.provenance.fetchedFrom, fields: { ...doc.provenance.fields } };
  return json;
}

/** The whole `incidents/1` object, arrays in the order given. */
export function toIncidentsJson(input: ExportInput): IncidentsJson {
  return {
    format: INCIDENTS_JSON_FORMAT,
    generated_at: input.generatedAt,
    ...(input.policy !== undefined ? { policy: input.policy } : {}),
    documents: input.documents.map(documentJson),
    incidents: input.incidents.map(incidentJson),
    tallies: input.tallies.map(tallyJson),
  };
}
