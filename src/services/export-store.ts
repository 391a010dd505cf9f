/**
 * The export use case: read incidents, tallies and documents from a store and render one of the
 * contract formats (incidents/1 JSON, ACLED-column CSV, GeoJSON).
 */
import type { IncidentStore } from '../storage/incident-store.ts';
import { toIncidentsJson } from '../export/incidents-json.ts';
import { toAcledCsv } from '../export/acled-csv.ts';
import { toGeoJson } from '../export/geojson.ts';
import type { ExportInput } from '../export/export-input.ts';
import { linkMentions, type ReconcilePolicy } from '../pipeline/link/link-mentions.ts';
import { syndicationGroups } from '../pipeline/link/syndication.ts';

export const EXPORT_FORMATS = ['json', 'csv', 'geojson'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/**
 * Stored incidents are reconciled with the default policy (`latest`) at ingest; another policy is
 * applied by relinking the stored mentions in memory, so an export never rewrites the store.
 */
export async function exportInput(store: IncidentStore, generatedAt: string, policy: ReconcilePolicy = 'latest'): Promise<ExportInput> {
  const stored = await store.listDocuments();
  const documents = stored.map((d) => ({ id: d.id, url: d.url, outlet: d.outlet, published: d.published, title: d.title }));
  if (policy === 'latest') return { incidents: await store.listIncidents(), tallies: await store.listTallies(), documents, generatedAt, policy };
  const meta = new Map(stored.map((d) => [d.id, { outlet: d.outlet, published: d.published }]));
  const { groupOf } = syndicationGroups(stored.map((d) => ({ id: d.id, text: d.text })));
  const { incidents, tallies } = linkMentions(await store.listMentions(), meta, policy, groupOf);
  return { incidents, tallies, documents, generatedAt, policy };
}

export async function renderExport(store: IncidentStore, format: ExportFormat, generatedAt: string, policy: ReconcilePolicy = 'latest'): Promise<string> {
  const input = await exportInput(store, generatedAt, policy);
  if (format === 'json') return JSON.stringify(toIncidentsJson(input), null, 2) + '\n';
  if (format === 'csv') return toAcledCsv(input);
  return JSON.stringify(toGeoJson(input), null, 2) + '\n';
}
