/**
 * The export use case: read incidents, tallies and documents from a store and render one of the
 * contract formats (incidents/1 JSON, ACLED-column CSV, GeoJSON). exportInput is the in-memory
 * form the evaluation reads; files are written by ./export-stream.ts.
 */
import type { IncidentStore } from '../storage/incident-store.ts';
import type { Incident } from '../domain/types.ts';
import type { ExportInput } from '../export/export-input.ts';
import type { ReconcilePolicy } from '../pipeline/link/link-mentions.ts';
import { reviewedLink } from './ingest-batch.ts';
import { exportText } from './export-stream.ts';

export const EXPORT_FORMATS = ['json', 'csv', 'geojson'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/**
 * Stored incidents are reconciled with the default policy (`latest`) at ingest; another policy is
 * applied by relinking the stored mentions in memory, so an export never rewrites the store.
 */
export async function exportInput(store: IncidentStore, generatedAt: string, policy: ReconcilePolicy = 'latest', includeRejected = false): Promise<ExportInput> {
  const stored = await store.listDocuments();
  const documents = stored.map((d) => ({ id: d.id, url: d.url, outlet: d.outlet, published: d.published, title: d.title }));
  // Rejected incidents (not incidents, an analyst decided) stay out unless asked for (decision 0018).
  const shown = (incidents: Incident[]) => (includeRejected ? incidents : incidents.filter((i) => i.review.status !== 'rejected'));
  if (policy === 'latest') return { incidents: shown(await store.listIncidents()), tallies: await store.listTallies(), documents, generatedAt, policy };
  // The same decisions apply under another policy: linked in memory, never stored.
  const { incidents, tallies } = await reviewedLink(store, policy);
  return { incidents: shown(incidents), tallies, documents, generatedAt, policy };
}

/** The whole-store export as one string (./export-stream.ts writes the same bytes incident by incident). */
export async function renderExport(store: IncidentStore, format: ExportFormat, generatedAt: string, policy: ReconcilePolicy = 'latest', includeRejected = false): Promise<string> {
  return exportText(store, { format, generatedAt, policy, includeRejected });
}
