/**
 * The GeoJSON export (RFC 7946): a FeatureCollection with one feature per incident, a Point where
 * the location has coordinates and `geometry: null` where it has none (RFC 7946 §3.2: "an unlocated
 * Feature"), never a point at 0,0, so the file holds as many incidents as the CSV and the JSON.
 * Coordinates are [longitude, latitude] (RFC 7946 §3.1.1). Figures follow the rule every export
 * shares (./figure-rule.ts: no category above the total). Properties are the `incidents/1` fields flattened
 * for map viewers, which read flat key/value tables: lists become comma-joined strings and each
 * count category its own property. A count that was not stated is null (viewers show no value),
 * never 0, and every feature has the same property keys so viewers infer one attribute table.
 */
import type { GeoPrecision, Incident } from '../domain/types.ts';
import { acledSubEventType } from './acled-vocabulary.ts';
import type { ExportInput } from './export-input.ts';
import { headlineCount } from '../domain/headline-figure.ts';
import { analystFigures, boundedCounts } from './figure-rule.ts';

export interface IncidentFeatureProperties {
  id: string;
  event_type: Incident['eventType'];
  sub_event_type: string;
  /** Null when the incident's date is unknown (date_precision `unknown`). */
  date_start: string | null;
  date_end: string | null;
  date_precision: Incident['date']['precision'];
  /** Null when the incident has no location at all. */
  location: string | null;
  admin1: string | null;
  admin2: string | null;
  /** Null when the incident has no location at all. */
  geo_precision: GeoPrecision | null;
  perpetrators: string;
  killed_best: number | null;
  killed_min: number | null;
  killed_max: number | null;
  civilians_killed: number | null;
  children_killed: number | null;
  women_killed: number | null;
  fighters_killed: number | null;
  injured_best: number | null;
  claimants: string;
  documents: string;
  review_status: Incident['review']['status'];
  reviewed_by: string | null;
  reviewed_at: string | null;
  /** Earlier ids of the incident, comma-separated as the other lists here; '' when none. */
  previous_ids: string;
}

export interface IncidentFeature {
  type: 'Feature';
  id: string;
  geometry: { type: 'Point'; coordinates: [number, number] } | null;
  properties: IncidentFeatureProperties;
}

export interface IncidentFeatureCollection {
  type: 'FeatureCollection';
  features: IncidentFeature[];
}

export function incidentFeature(incident: Incident): IncidentFeature {
  const loc = incident.location;
  const killed = boundedCounts(incident.killed, analystFigures(incident.review, 'killed'));
  return {
    type: 'Feature',
    id: incident.id,
    geometry: loc && loc.lat !== null && loc.lon !== null ? { type: 'Point', coordinates: [loc.lon, loc.lat] } : null,
    properties: {
      id: incident.id,
      event_type: incident.eventType,
      sub_event_type: acledSubEventType(incident),
      date_start: incident.date.start,
      date_end: incident.date.end,
      date_precision: incident.date.precision,
      location: loc?.name ?? null,
      admin1: loc?.admin1 ?? null,
      admin2: loc?.admin2 ?? null,
      geo_precision: loc?.precision ?? null,
      perpetrators: incident.perpetrators.join(','),
      killed_best: headlineCount(killed, 'best'),
      killed_min: headlineCount(killed, 'min'),
      killed_max: headlineCount(killed, 'max'),
      civilians_killed: killed.civilians?.best ?? null,
      children_killed: killed.children?.best ?? null,
      women_killed: killed.women?.best ?? null,
      fighters_killed: killed.fighters?.best ?? null,
      injured_best: headlineCount(incident.injured, 'best'),
      claimants: [...new Set(incident.claims.map((c) => c.claimant))].join(','),
      documents: incident.documents.join(','),
      review_status: incident.review.status,
      reviewed_by: incident.review.reviewedBy ?? null,
      reviewed_at: incident.review.reviewedAt ?? null,
      previous_ids: (incident.previousIds ?? []).join(','),
    },
  };
}

/** Features in the order of the incidents given. */
export function toGeoJson(input: Pick<ExportInput, 'incidents'>): IncidentFeatureCollection {
  return {
    type: 'FeatureCollection',
    features: input.incidents.map(incidentFeature),
  };
}
