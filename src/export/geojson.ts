/**
 * The GeoJSON export (RFC 7946): a FeatureCollection with one Point per incident whose location
 * has coordinates — incidents that could not be placed are left out, not put at 0,0. Coordinates
 * are [longitude, latitude] (RFC 7946 §3.1.1). Properties are the `incidents/1` fields flattened
 * for map viewers, which read flat key/value tables: lists become comma-joined strings and each
 * count category its own property. A count that was not stated is null (viewers show no value),
 * never 0, and every feature has the same property keys so viewers infer one attribute table.
 */
import type { GeoPrecision, Incident } from '../domain/types.ts';
import { acledSubEventType } from './acled-vocabulary.ts';
import type { ExportInput } from './export-input.ts';
import { headlineCount } from '../domain/headline-figure.ts';

export interface IncidentFeatureProperties {
  id: string;
  event_type: Incident['eventType'];
  sub_event_type: string;
  /** Null when the incident's date is unknown (date_precision `unknown`). */
  date_start: string | null;
  date_end: string | null;
  date_precision: Incident['date']['precision'];
  location: string;
  admin1: string | null;
  admin2: string | null;
  geo_precision: GeoPrecision;
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
  geometry: { type: 'Point'; coordinates: [number, number] };
  properties: IncidentFeatureProperties;
}

export interface IncidentFeatureCollection {
  type: 'FeatureCollection';
  features: IncidentFeature[];
}

function incidentFeature(incident: Incident): IncidentFeature | null {
  const loc = incident.location;
  if (!loc || loc.lat === null || loc.lon === null) return null;
  return {
    type: 'Feature',
    id: incident.id,
    geometry: { type: 'Point', coordinates: [loc.lon, loc.lat] },
    properties: {
      id: incident.id,
      event_type: incident.eventType,
      sub_event_type: acledSubEventType(incident),
      date_start: incident.date.start,
      date_end: incident.date.end,
      date_precision: incident.date.precision,
      location: loc.name,
      admin1: loc.admin1,
      admin2: loc.admin2,
      geo_precision: loc.precision,
      perpetrators: incident.perpetrators.join(','),
      killed_best: headlineCount(incident.killed, 'best'),
      killed_min: headlineCount(incident.killed, 'min'),
      killed_max: headlineCount(incident.killed, 'max'),
      civilians_killed: incident.killed.civilians?.best ?? null,
      children_killed: incident.killed.children?.best ?? null,
      women_killed: incident.killed.women?.best ?? null,
      fighters_killed: incident.killed.fighters?.best ?? null,
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
    features: input.incidents.map(incidentFeature).filter((f): f is IncidentFeature => f !== null),
  };
}
