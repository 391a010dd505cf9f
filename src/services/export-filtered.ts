/**
 * Exports of a filtered set (the HTTP API's `/export`): the incidents matching an incident filter,
 * the tallies matching its date, claimant and document parts, and the documents either of them
 * cites, rendered in one of the contract formats (incidents/1 JSON, ACLED-column CSV, GeoJSON).
 * With no filter the result is the same as `tally export` of the whole store (same order, same
 * bytes but `generated_at`).
 */
import type { IncidentFilter, IncidentStore } from '../storage/incident-store.ts';
import type { ExportFormat } from './export-store.ts';
import { exportChunks } from './export-stream.ts';

export interface RenderedExport {
  /** The file, chunk by chunk (./export-stream.ts). */
  body: AsyncGenerator<string>;
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

export interface FilteredExportRequest {
  filter: IncidentFilter;
  format: ExportFormat;
  generatedAt: string;
  includeRejected?: boolean;
  /** ISO date-time: only incidents changed at or after it. */
  since?: string;
}

/** The export of a filtered set, ready to stream; the request is checked before anything is read. */
export async function renderFilteredExport(store: IncidentStore, request: FilteredExportRequest): Promise<RenderedExport> {
  const body = await exportChunks(store, { ...request, policy: 'latest' });
  return { body, contentType: MEDIA[request.format].contentType, fileName: `tally-incidents.${MEDIA[request.format].extension}` };
}
