/**
 * Exports written incident by incident: the store is read a batch at a time (listIncidentBatch,
 * listDocumentSummaries) and each incident becomes its piece of the file as it is read, so memory
 * stays bounded by one batch whatever the size of the store (bench/suites/export.ts measures it).
 * `tally export`, GET /api/v1/export and renderExport (the one-string form the tests and the demo
 * use) all come through here, so the three give the same bytes.
 *
 * When an incident last changed (the CSV `timestamp`, `--since`): the store keeps no change time
 * per incident, so it is the later of the ingest time of the newest current version of its
 * documents (a new report joins it, a report's new text) and its latest review decision; an
 * incident whose documents are not in the store and that no analyst touched has none, and counts
 * as changed (it is written with `--since`, stamped with the export time). Decision 0025.
 *
 * A policy other than `latest` relinks the stored mentions in memory (./export-store.ts), which
 * needs the whole store in memory anyway; its incidents are then written from that set.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { Incident, Tally } from '../domain/types.ts';
import type { DocumentSummary, IncidentFilter, IncidentStore } from '../storage/incident-store.ts';
import type { ReconcilePolicy } from '../pipeline/link/link-mentions.ts';
import { INCIDENTS_JSON_FORMAT, documentJson, incidentJson, tallyJson, type DocumentJson } from '../export/incidents-json.ts';
import { acledCsvHeader, acledCsvRecord } from '../export/acled-csv.ts';
import { incidentFeature } from '../export/geojson.ts';
import { ExportInputError, unixSeconds } from '../export/export-input.ts';
import { prettyJsonObject } from '../export/json-stream.ts';
import { listTallies } from './query-tallies.ts';
import { reviewedLink } from './ingest-batch.ts';
import type { ExportFormat } from './export-store.ts';

/** Incidents read from the store per query. */
export const EXPORT_BATCH = 500;
/** Pieces are gathered up to this many characters before they are handed to a stream. */
const CHUNK_CHARS = 64 * 1024;

export interface ExportRequest {
  format: ExportFormat;
  /** ISO date-time the file is stamped with (`generated_at`). */
  generatedAt: string;
  policy?: ReconcilePolicy;
  /** Incidents matching it (and the documents and tallies they cite); none: the whole store. */
  filter?: IncidentFilter;
  /** ISO date-time: only incidents changed at or after it. */
  since?: string;
  /** Keep incidents an analyst rejected (left out by default, decision 0018). */
  includeRejected?: boolean;
  /** Incidents and documents read per query (default EXPORT_BATCH). */
  batchSize?: number;
  /** Told the number of incidents written so far after each one (a progress line). */
  onIncidents?: (written: number) => void;
}

/** An incident to write and when it last changed (null: not known). */
export interface ExportedIncident {
  incident: Incident;
  changedAt: string | null;
}

const later = (a: string | null, b: string | null): string | null => (a === null ? b : b === null ? a : Date.parse(b) > Date.parse(a) ? b : a);

/** When an incident last changed: its newest report's ingest or its latest review decision. */
export function incidentChangedAt(incident: Incident, reportsIngestedAt: string | null): string | null {
  return later(reportsIngestedAt, incident.review.reviewedAt ?? null);
}

/** The `since` of a request as epoch milliseconds (whole seconds); an ExportInputError naming it when it is not a date-time. */
export function sinceMillis(since: string): number {
  return unixSeconds(since, 'since') * 1000;
}

function isEmptyFilter(filter: IncidentFilter | undefined): boolean {
  return filter === undefined || Object.values(filter).every((v) => v === undefined);
}

/** Whether an incident is written: rejected ones only when asked for, and only those changed since `since`. */
function keeper(request: ExportRequest): (item: ExportedIncident) => boolean {
  const keepRejected = request.includeRejected === true || request.filter?.reviewStatus === 'rejected';
  const since = request.since === undefined ? null : sinceMillis(request.since);
  return ({ incident, changedAt }) =>
    (keepRejected || incident.review.status !== 'rejected') && (since === null || changedAt === null || Date.parse(changedAt) >= since);
}

/** The stored incidents (policy `latest`) matching the request, batch by batch. */
async function* storedIncidents(store: IncidentStore, request: ExportRequest): AsyncGenerator<ExportedIncident> {
  const keep = keeper(request);
  const limit = request.batchSize ?? EXPORT_BATCH;
  let after: number | null = null;
  for (;;) {
    const batch = await store.listIncidentBatch(request.filter ?? {}, { after, limit });
    for (const { incident, reportsIngestedAt } of batch) {
      const item = { incident, changedAt: incidentChangedAt(incident, reportsIngestedAt) };
      if (keep(item)) yield item;
    }
    if (batch.length < limit) return;
    after = batch[batch.length - 1].position;
  }
}

/** Current documents without their text, page by page, in id order. */
async function* storedDocuments(store: IncidentStore, limit: number): AsyncGenerator<DocumentSummary> {
  let after: string | null = null;
  for (;;) {
    const page = await store.listDocumentSummaries({ after, limit });
    yield* page;
    if (page.length < limit) return;
    after = page[page.length - 1].id;
  }
}


/** Where an export's incidents, documents and tallies come from. */
interface ExportSource {
  incidents: () => AsyncIterable<ExportedIncident>;
  documents: () => AsyncIterable<DocumentJson>;
  tallies: readonly Tally[];
}

async function* only<T>(values: AsyncIterable<T>, keep: (value: T) => boolean): AsyncGenerator<T> {
  for await (const value of values) if (keep(value)) yield value;
}

async function* fromArray<T>(values: readonly T[]): AsyncGenerator<T> {
  yield* values;
}

/** The tallies read from documents ingested at or after `since` (a tally changes only with its document). */
async function talliesSince(store: IncidentStore, tallies: readonly Tally[], since: number, limit: number): Promise<Tally[]> {
  const recent = new Set<string>();
  for await (const d of storedDocuments(store, limit)) if (Date.parse(d.ingestedAt) >= since) recent.add(d.id);
  return tallies.filter((t) => recent.has(t.document));
}

/**
 * The stored set. A filtered or `since` export lists only the documents its incidents and tallies
 * cite, which are known only after reading the incidents: they are read once for the document ids
 * (ids only are kept) and again to be written.
 */
async function storeSource(store: IncidentStore, request: ExportRequest): Promise<ExportSource> {
  const filter = request.filter ?? {};
  const limit = request.batchSize ?? EXPORT_BATCH;
  const matching = await listTallies(store, { from: filter.from, to: filter.to, claimant: filter.claimant, document: filter.document });
  const tallies = request.since === undefined ? matching : await talliesSince(store, matching, sinceMillis(request.since), limit);
  const incidents = () => storedIncidents(store, request);
  const documents = () => mapped(storedDocuments(store, limit), documentJson);
  if (request.format !== 'json' || (isEmptyFilter(filter) && request.since === undefined)) return { incidents, documents, tallies };
  const cited = new Set(tallies.map((t) => t.document));
  for await (const { incident } of incidents()) for (const d of incident.documents) cited.add(d);
  return { incidents, documents: () => only(documents(), (d) => cited.has(d.id)), tallies };
}

/** The set relinked in memory under another policy (decisions applied, nothing stored). */
async function relinkedSource(store: IncidentStore, request: ExportRequest, policy: ReconcilePolicy): Promise<ExportSource> {
  const { incidents, tallies } = await reviewedLink(store, policy);
  const documents = await store.listDocuments();
  const ingestedAt = new Map(documents.map((d) => [d.id, d.ingestedAt]));
  const reportsIngestedAt = (i: Incident) => i.documents.reduce<string | null>((newest, id) => later(newest, ingestedAt.get(id) ?? null), null);
  const items = incidents.map((incident) => ({ incident, changedAt: incidentChangedAt(incident, reportsIngestedAt(incident)) })).filter(keeper(request));
  const summaries = documents.map((d) => ({ id: d.id, url: d.url, outlet: d.outlet, published: d.published, title: d.title }));
  return { incidents: () => fromArray(items), documents: () => fromArray(summaries), tallies };
}

/** The source, telling `onIncidents` how many incidents have been taken from it. */
function counted(source: ExportSource, onIncidents: (written: number) => void): ExportSource {
  return {
    ...source,
    incidents: async function* () {
      let n = 0;
      for await (const item of source.incidents()) {
        yield item;
        onIncidents(++n);
      }
    },
  };
}

async function* mapped<T, U>(values: AsyncIterable<T>, map: (value: T) => U): AsyncGenerator<U> {
  for await (const value of values) yield map(value);
}

async function* csvPieces(source: ExportSource, generatedAt: string): AsyncGenerator<string> {
  yield acledCsvHeader();
  for await (const { incident, changedAt } of source.incidents()) yield acledCsvRecord(incident, { changedAt: changedAt ?? generatedAt });
}

function jsonPieces(source: ExportSource, request: ExportRequest, policy: ReconcilePolicy): AsyncGenerator<string> {
  return prettyJsonObject([
    ['format', INCIDENTS_JSON_FORMAT],
    ['generated_at', request.generatedAt],
    ['policy', policy],
    ['documents', source.documents()],
    ['incidents', mapped(source.incidents(), ({ incident }) => incidentJson(incident))],
    ['tallies', fromArray(source.tallies.map(tallyJson))],
  ]);
}

function geoJsonPieces(source: ExportSource): AsyncGenerator<string> {
  return prettyJsonObject([
    ['type', 'FeatureCollection'],
    ['features', mapped(source.incidents(), ({ incident }) => incidentFeature(incident))],
  ]);
}

/** Pieces gathered into chunks of about CHUNK_CHARS characters (a stream write per incident costs more than the writing). */
async function* chunked(pieces: AsyncIterable<string>): AsyncGenerator<string> {
  let buffer = '';
  for await (const piece of pieces) {
    buffer += piece;
    if (buffer.length >= CHUNK_CHARS) {
      yield buffer;
      buffer = '';
    }
  }
  if (buffer.length > 0) yield buffer;
}

/**
 * The export file as a sequence of text chunks. The request is checked before anything is read
 * (an ExportInputError names the bad field), so a caller can still answer with an error.
 */
export async function exportChunks(store: IncidentStore, request: ExportRequest): Promise<AsyncGenerator<string>> {
  unixSeconds(request.generatedAt);
  if (request.since !== undefined) sinceMillis(request.since);
  const policy = request.policy ?? 'latest';
  if (policy !== 'latest' && !isEmptyFilter(request.filter)) {
    throw new ExportInputError('policy', policy, "'latest' when the export is filtered (another policy relinks the whole store)");
  }
  const read = policy === 'latest' ? await storeSource(store, request) : await relinkedSource(store, request, policy);
  const source = request.onIncidents ? counted(read, request.onIncidents) : read;
  const pieces = request.format === 'csv' ? csvPieces(source, request.generatedAt) : request.format === 'json' ? jsonPieces(source, request, policy) : geoJsonPieces(source);
  return chunked(pieces);
}

/** Write the chunks to `out` as it takes them (waiting for 'drain' when its buffer is full). Does not end `out`. */
export async function writeChunks(chunks: AsyncIterable<string>, out: Writable): Promise<void> {
  for await (const chunk of chunks) {
    if (!out.write(chunk)) await once(out, 'drain');
  }
}

/** The whole file as one string (tests, the demo's small sample). */
export async function exportText(store: IncidentStore, request: ExportRequest): Promise<string> {
  let text = '';
  for await (const chunk of await exportChunks(store, request)) text += chunk;
  return text;
}
