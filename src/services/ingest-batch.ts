/**
 * The ingest use case: read inputs, store each document (a changed text is a new version, an
 * unchanged one is skipped), extract its mentions, then relink every incident mention so new
 * reports join existing incidents, and carry the incident ids issued before onto the new clusters. Bad inputs are reported with their location and the rest of
 * the batch lands; nothing already stored is touched by a failure.
 */
import type { Article, MentionKey, Warning } from '../domain/types.ts';
import type { IncidentStore } from '../storage/incident-store.ts';
import { readInputs, type InputItem } from '../pipeline/ingest/read-inputs.ts';
import { extractDocument } from '../pipeline/extract/extract-document.ts';
import { linkMentions, type ReconcilePolicy } from '../pipeline/link/link-mentions.ts';
import { syndicationGroups } from '../pipeline/link/syndication.ts';
import { assignIncidentIds } from '../pipeline/link/incident-identity.ts';
import type { PlaceResolver } from '../pipeline/geocode/place-resolver.ts';

export interface IngestOptions {
  published?: string | null;
  policy?: ReconcilePolicy;
  /** ISO timestamp for this run (injected so tests are deterministic). */
  now: string;
  runId: string;
  onProgress?: (p: { read: number; source: string }) => void;
}

export interface IngestSummary {
  read: number;
  added: number;
  newVersions: number;
  unchanged: number;
  rejected: { source: string; message: string }[];
  mentions: number;
  incidents: number;
  tallies: number;
  warnings: Warning[];
}

export async function ingestPaths(store: IncidentStore, resolver: PlaceResolver, paths: string[], opts: IngestOptions): Promise<IngestSummary> {
  return ingestItems(store, resolver, readInputs(paths, { published: opts.published ?? null }), opts);
}

export async function ingestItems(store: IncidentStore, resolver: PlaceResolver, items: AsyncIterable<InputItem> | Iterable<InputItem>, opts: IngestOptions): Promise<IngestSummary> {
  const summary: IngestSummary = { read: 0, added: 0, newVersions: 0, unchanged: 0, rejected: [], mentions: 0, incidents: 0, tallies: 0, warnings: [] };
  for await (const item of items) {
    if (item.kind === 'error') {
      summary.rejected.push({ source: item.error.source, message: item.error.message });
      summary.warnings.push({ code: 'input-rejected', message: item.error.message, source: item.error.source });
      continue;
    }
    summary.read++;
    opts.onProgress?.({ read: summary.read, source: item.source });
    await ingestArticle(store, resolver, item.article, item.source, opts, summary);
  }
  await relink(store, opts.policy ?? 'latest', summary);
  await store.addWarnings(opts.runId, summary.warnings);
  return summary;
}

async function ingestArticle(store: IncidentStore, resolver: PlaceResolver, article: Article, source: string, opts: IngestOptions, summary: IngestSummary): Promise<void> {
  let result;
  try {
    result = extractDocument(article, resolver);
  } catch (err) {
    // An extractor bug on one document must not lose the batch: report it with the document.
    const message = `${source}: extraction failed for document ${article.id}: ${(err as Error).message}`;
    summary.rejected.push({ source, message });
    summary.warnings.push({ code: 'extract-failed', message, source });
    return;
  }
  // The document and its mentions land together or not at all; an unchanged text writes nothing.
  const w = await store.putDocumentWithMentions(article, opts.now, result.mentions);
  if (w === 'unchanged') {
    summary.unchanged++;
    return;
  }
  if (w === 'new') summary.added++;
  else summary.newVersions++;
  summary.mentions += result.mentions.length;
  summary.warnings.push(...result.warnings);
}

export async function relink(store: IncidentStore, policy: ReconcilePolicy, summary?: IngestSummary): Promise<void> {
  const stored = await store.listDocuments();
  const docs = new Map(stored.map((d) => [d.id, { outlet: d.outlet, published: d.published }]));
  const { groupOf } = syndicationGroups(stored.map((d) => ({ id: d.id, text: d.text })));
  const mentions = await store.listMentions();
  const linked = linkMentions(mentions, docs, policy, groupOf);
  const { tallies, undated } = linked;
  // Carry the ids issued before onto the new clusters (docs/decisions/0017-stable-incident-ids.md).
  const hashOf = new Map(stored.map((d) => [d.id, d.contentHash]));
  const mentionById = new Map(mentions.map((m) => [m.id, m]));
  const keys = linked.incidents.map((incident) =>
    incident.mentionIds.map((id): MentionKey => {
      const m = mentionById.get(id)!;
      return { document: m.docId, contentHash: hashOf.get(m.docId)!, start: m.span.start, end: m.span.end };
    }),
  );
  const identity = assignIncidentIds({ incidents: linked.incidents, keys, issued: await store.listIssuedIncidentIds() });
  const incidents = identity.incidents;
  await store.replaceIncidents(incidents, tallies, identity.issued);
  if (summary) {
    // Informational: what an analyst holding an old id should know.
    for (const c of identity.changes) {
      if (c.kind === 'merged') summary.warnings.push({ code: 'incident-merged', message: `incident ${c.id} now tells the same event as ${c.into}; ${c.id} is kept as one of its previous ids`, source: c.into });
      if (c.kind === 'withdrawn') summary.warnings.push({ code: 'incident-withdrawn', message: `incident ${c.id} is withdrawn: none of its reports tells an incident any more`, source: c.id });
    }
    // Informational: the report still yields an incident, only its date is unknown.
    for (const m of undated) summary.warnings.push({ code: 'undated-incident', message: `incident mention ${m.id} has no date (no publication date and none in the text); kept with date unknown`, source: m.docId });
    summary.incidents = incidents.length;
    summary.tallies = tallies.length;
  }
}
