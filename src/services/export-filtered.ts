/**
 * Exports of a filtered set (the HTTP API's `/export`): the incidents matching an incident filter,
 * the tallies matching its date, claimant and document parts, and the documents either of them
 * cites, rendered in one of the contract formats (incidents/1 JSON, ACLED-column CSV, GeoJSON).
 * With no filter the result is the same as `tally export` of the whole store (same order, same
 * bytes but the timestamp).
 */
import type { IncidentFilter, IncidentStore } from '../storage/incident-store.ts';
import type { ExportInput } from '../export/export-input.ts';
import { toIncidentsJson } from '../export/incidents-json.ts';
import { toAcledCsv } from '../export/acled-csv.ts';
import { toGeoJson } from '../export/geojson.ts';
import { matchingIncidents } from './query-incidents.ts';
import { listTallies } from './query-tallies.ts';
import type { ExportFormat } from './export-store.ts';

export interface RenderedExport {
  body: string;
  contentType: string;
  /** A file name for Content-Disposition. */
  fileName: string;
}

const MEDIA: Record<ExportFormat, { contentType: string; extension: string }> = {
  json: { contentType: 'application/json; charset=utf-8', extension: 'json' },
  csv: { contentType: 'text/csv; charset=utf-8; header=present', extension: 'csv' },
  // RFC 7946 §12 registers application/geo+json.
  geojson: { contentType: 'application/geo+json; charset=utf-8', extension: 'geojson' },
};

function isEmpty(filter: IncidentFilter): boolean {
  return Object.values(filter).every((v) => v === undefined);
}

/** What the exporters take for the incidents matching `filter`, stamped `generatedAt`. */
export async function filteredExportInput(store: IncidentStore, filter: IncidentFilter, generatedAt: string, includeRejected = false): Promise<ExportInput> {
  // Rejected incidents (not incidents, an analyst decided) stay out unless asked for (decision 0018).
  const keep = includeRejected || filter.reviewStatus === 'rejected';
  const incidents = (await matchingIncidents(store, filter)).filter((i) => keep || i.review.status !== 'rejected');
  const tallies = await listTallies(store, { from: filter.from, to: filter.to, claimant: filter.claimant, document: filter.document });
  const stored = await store.listDocuments();
  const cited = new Set<string>();
  for (const i of incidents) for (const d of i.documents) cited.add(d);
  for (const t of tallies) cited.add(t.document);
  const documents = stored
    .filter((d) => isEmpty(filter) || cited.has(d.id))
    .map((d) => ({ id: d.id, url: d.url, outlet: d.outlet, published: d.published, title: d.title }));
  return { incidents, tallies, documents, generatedAt, policy: 'latest' };
}

export async function renderFilteredExport(store: IncidentStore, filter: IncidentFilter, format: ExportFormat, generatedAt: string, includeRejected = false): Promise<RenderedExport> {
  const input = await filteredExportInput(store, filter, generatedAt, includeRejected);
  const body =
    format === 'json'
      ? JSON.stringify(toIncidentsJson(input), null, 2) + '\n'
      : format === 'csv'
        ? toAcledCsv(input)
        : JSON.stringify(toGeoJson(input), null, 2) + '\n';
  return { body, contentType: MEDIA[format].contentType, fileName: `tally-incidents.${MEDIA[format].extension}` };
}
