/**
 * The export use case: read incidents, tallies and documents from a store and render one of the
 * contract formats (incidents/1 JSON, ACLED-column CSV, GeoJSON).
 */
import type { IncidentStore } from '../storage/incident-store.ts';
import { toIncidentsJson } from '../export/incidents-json.ts';
import { toAcledCsv } from '../export/acled-csv.ts';
import { toGeoJson } from '../export/geojson.ts';
import type { ExportInput } from '../export/export-input.ts';

export const EXPORT_FORMATS = ['json', 'csv', 'geojson'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export function exportInput(store: IncidentStore, generatedAt: string, policy: string): ExportInput {
  const documents = store.listDocuments().map((d) => ({ id: d.id, url: d.url, outlet: d.outlet, published: d.published, title: d.title }));
  return { incidents: store.listIncidents(), tallies: store.listTallies(), documents, generatedAt, policy };
}

export function renderExport(store: IncidentStore, format: ExportFormat, generatedAt: string, policy = 'latest'): string {
  const input = exportInput(store, generatedAt, policy);
  if (format === 'json') return JSON.stringify(toIncidentsJson(input), null, 2) + '\n';
  if (format === 'csv') return toAcledCsv(input);
  return JSON.stringify(toGeoJson(input), null, 2) + '\n';
}
