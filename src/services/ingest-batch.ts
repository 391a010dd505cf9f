/**
 * The ingest use case: read inputs, store each document (a changed text is a new version, an
 * unchanged one is skipped), extract its mentions, then relink every incident mention so new
 * reports join existing incidents, and carry the incident ids issued before onto the new clusters.
 * Analysts' decisions are applied on every relink (docs/decisions/0018-review-decisions-and-audit.md)
 * and each relink run is written to the audit log with the pipeline's version and rule-set hash.
 * Bad inputs are reported with their location and the rest of the batch lands; nothing already
 * stored is touched by a failure.
 */
import type { Article, Incident, IssuedIncidentId, Mention, MentionKey, Tally, Warning } from '../domain/types.ts';
import type { AuditCause, NewAuditEntry } from '../domain/review.ts';
import type { IncidentStore } from '../storage/incident-store.ts';
import { readInputs, type InputItem } from '../pipeline/ingest/read-inputs.ts';
import { EXTRACTED_LANGUAGES, documentLanguage, isExtracted, primaryLanguage, withDetectedLanguage } from '../pipeline/ingest/document-language.ts';
import { extractDocument } from '../pipeline/extract/extract-document.ts';
import { ExtractionBudgetError } from '../pipeline/extract/extraction-budget.ts';
import type { ExtractResult } from '../pipeline/extract/extract-document.ts';
import { DocumentBudgetError } from './extraction-worker.ts';
import { linkMentions, type ReconcilePolicy } from '../pipeline/link/link-mentions.ts';
import { syndicationGroups } from '../pipeline/link/syndication.ts';
import { assignIncidentIds, type IdentityChange } from '../pipeline/link/incident-identity.ts';
import { constraintsOf, departedReports } from '../pipeline/review/review-constraints.ts';
import { applyDecisions, type ApplyResult, type DecisionOutcome } from '../pipeline/review/apply-decisions.ts';
import { pipelineActor } from './pipeline-identity.ts';
import type { PlaceResolver } from '../pipeline/geocode/place-resolver.ts';

export interface IngestOptions {
  published?: string | null;
  policy?: ReconcilePolicy;
  /** ISO timestamp for this run (injected so tests are deterministic). */
  now: string;
  runId: string;
  onProgress?: (p: { read: number; source: string }) => void;
  /** Each phase after the reading starts: linking, writing (for a progress line). */
  onPhase?: (phase: string) => void;
  /**
   * Longest extraction of one document, ms (default DEFAULT_DOCUMENT_BUDGET_MS). A document over it
   * is rejected — reported with its place, kept in the warnings, not stored — and the batch goes on;
   * ingested again with a larger budget it is read.
   */
  documentBudgetMs?: number;
  /**
   * Extracts one document somewhere else than on this thread (the HTTP API: a worker thread with a
   * time and memory budget, ./extraction-worker.ts); rejects with DocumentBudgetError when the
   * document is over a budget. Default: in this thread, with `documentBudgetMs`.
   */
  extract?: (article: Article) => Promise<ExtractResult>;
}

/** A normal report takes milliseconds; the slowest real reports seen take well under a second. */
export const DEFAULT_DOCUMENT_BUDGET_MS = 20_000;

export interface IngestSummary {
  read: number;
  added: number;
  newVersions: number;
  unchanged: number;
  /** Documents whose mentions were extracted in this run (an unchanged document is not extracted again). */
  extracted: number;
  /** Documents stored but not extracted because no rules read their language, by language. */
  notExtracted: Record<string, number>;
  rejected: { source: string; message: string }[];
  mentions: number;
  incidents: number;
  tallies: number;
  warnings: Warning[];
}

export async function ingestPaths(store: IncidentStore, resolver: PlaceResolver, paths: string[], opts: IngestOptions): Promise<IngestSummary> {
  return ingestItems(store, resolver, readInputs(paths, { published: opts.published ?? null }), opts);
}

/** `resolver` places the mentions extracted here; null only when `opts.extract` extracts (and places) elsewhere. */
export async function ingestItems(store: IncidentStore, resolver: PlaceResolver | null, items: AsyncIterable<InputItem> | Iterable<InputItem>, opts: IngestOptions): Promise<IngestSummary> {
  if (resolver === null && opts.extract === undefined) throw new Error('ingestItems: no resolver and no extract option; give one of them');
  const summary: IngestSummary = { read: 0, added: 0, newVersions: 0, unchanged: 0, extracted: 0, notExtracted: {}, rejected: [], mentions: 0, incidents: 0, tallies: 0, warnings: [] };
  // Rejections are stored as they come (before the next document is written), not at the end: a
  // run cut short keeps what it found; the store keeps each warning once, so a re-run adds none.
  let unsaved: Warning[] = [];
  const saveRejections = async () => {
    if (unsaved.length === 0) return;
    await store.addWarnings(opts.runId, unsaved, opts.now);
    unsaved = [];
  };
  for await (const item of items) {
    if (item.kind === 'error') {
      summary.rejected.push({ source: item.error.source, message: item.error.message });
      const warning = { code: 'input-rejected', message: item.error.message, source: item.error.source };
      summary.warnings.push(warning);
      unsaved.push(warning);
      continue;
    }
    summary.read++;
    opts.onProgress?.({ read: summary.read, source: item.source });
    await saveRejections();
    await ingestArticle(store, resolver, item.article, item.source, opts, summary);
    // Let other work of the process run between documents (an HTTP server's other requests).
    await new Promise<void>((done) => setImmediate(done));
  }
  await saveRejections();
  const fromReading = summary.warnings.length;
  await relink(store, opts.policy ?? 'latest', summary, { now: opts.now, cause: 'new-document', onPhase: opts.onPhase });
  await store.addWarnings(opts.runId, summary.warnings.slice(fromReading), opts.now);
  return summary;
}

async function ingestArticle(store: IncidentStore, resolver: PlaceResolver | null, given: Article, source: string, opts: IngestOptions, summary: IngestSummary): Promise<void> {
  const article = withDetectedLanguage(given);
  // A document stored as it is now needs no extraction: resuming a batch costs only the reading.
  if (await store.isCurrentDocument(article)) {
    summary.unchanged++;
    return;
  }
  const warnings: Warning[] = [];
  let mentions: Mention[] = [];
  if (isExtracted(article)) {
    let result;
    try {
      if (opts.extract) result = await opts.extract(article);
      else result = extractDocument(article, resolver!, { deadline: performance.now() + (opts.documentBudgetMs ?? DEFAULT_DOCUMENT_BUDGET_MS) });
    } catch (err) {
      if (err instanceof ExtractionBudgetError || err instanceof DocumentBudgetError) {
        // Over its budget: skipped, never stalling the batch; named with its place and kept.
        const message = `${source}: ${err.message}`;
        summary.rejected.push({ source, message });
        const warning = { code: 'document-over-budget', message, source, documentId: article.id };
        summary.warnings.push(warning);
        await store.addWarnings(opts.runId, [warning], opts.now);
        return;
      }
      // An extractor bug on one document must not lose the batch: report it with the document.
      const message = `${source}: extraction failed for document ${article.id}: ${(err as Error).message}`;
      summary.rejected.push({ source, message });
      const warning = { code: 'extract-failed', message, source, documentId: article.id };
      summary.warnings.push(warning);
      await store.addWarnings(opts.runId, [warning], opts.now);
      return;
    }
    summary.extracted++;
    mentions = result.mentions;
    warnings.push(...result.warnings.map((w) => ({ ...w, documentId: article.id })));
  } else {
    // Stored and counted, never dropped; read when rules for its language exist.
    const language = documentLanguage(article)!;
    summary.notExtracted[language] = (summary.notExtracted[language] ?? 0) + 1;
    const how = primaryLanguage(article.language) !== null ? 'given' : 'detected';
    warnings.push({ code: 'language-not-extracted', message: `document ${article.id} is in ${language} (${how}); stored, not extracted: Tally's rules read ${[...EXTRACTED_LANGUAGES].join(', ')}`, source, documentId: article.id });
  }
  // The document, its mentions and its warnings land together or not at all.
  const w = await store.putDocumentWithMentions(article, opts.now, mentions, { runId: opts.runId, list: warnings });
  if (w === 'unchanged') {
    summary.unchanged++;
    return;
  }
  if (w === 'new') summary.added++;
  else summary.newVersions++;
  summary.mentions += mentions.length;
  summary.warnings.push(...warnings);
}

/** The incident set a relink produces: linked under analysts' constraints, ids carried forward, field decisions applied. */
export interface ReviewedLink {
  incidents: Incident[];
  tallies: Tally[];
  undated: Mention[];
  issued: IssuedIncidentId[];
  changes: IdentityChange[];
  outcomes: DecisionOutcome[];
  disagreements: ApplyResult['disagreements'];
}

export async function reviewedLink(store: IncidentStore, policy: ReconcilePolicy): Promise<ReviewedLink> {
  const stored = await store.listDocuments();
  const docs = new Map(stored.map((d) => [d.id, { outlet: d.outlet, published: d.published }]));
  const { groupOf } = syndicationGroups(stored.map((d) => ({ id: d.id, text: d.text })));
  const mentions = await store.listMentions();
  const hashOf = new Map(stored.map((d) => [d.id, d.contentHash]));
  const keyOf = (m: Mention): MentionKey => ({ document: m.docId, contentHash: hashOf.get(m.docId)!, start: m.span.start, end: m.span.end });
  // Merge, split and detach decisions are constraints the linker obeys (docs/decisions/0018).
  const decisions = await store.listDecisions();
  const { constraints, orphaned } = constraintsOf(
    decisions,
    mentions.filter((m) => m.kind === 'incident').map((mention) => ({ mention, key: keyOf(mention) })),
  );
  const linked = linkMentions(mentions, docs, policy, groupOf, constraints);
  // Carry the ids issued before onto the new clusters (docs/decisions/0017-stable-incident-ids.md).
  const mentionById = new Map(mentions.map((m) => [m.id, m]));
  const keys = linked.incidents.map((incident) => incident.mentionIds.map((id) => keyOf(mentionById.get(id)!)));
  // Reports split or detached from an id no longer speak for it: the reports that stayed keep it.
  const identity = assignIncidentIds({ incidents: linked.incidents, keys, issued: await store.listIssuedIncidentIds(), departed: departedReports(decisions) });
  const applied = applyDecisions({ incidents: identity.incidents, decisions, issued: identity.issued, orphanedMembership: orphaned });
  return {
    incidents: applied.incidents,
    tallies: linked.tallies,
    undated: linked.undated,
    issued: identity.issued,
    changes: identity.changes,
    outcomes: applied.outcomes,
    disagreements: applied.disagreements,
  };
}

/** What started a relink, for its audit entry: a batch of documents, a review decision, a policy. */
export interface RelinkRun {
  now: string;
  cause: AuditCause;
  /** Told when linking starts and when the incidents are written (a progress line). */
  onPhase?: (phase: string) => void;
}

export async function relink(store: IncidentStore, policy: ReconcilePolicy, summary?: IngestSummary, run?: RelinkRun): Promise<void> {
  run?.onPhase?.('linking every stored mention');
  const before = await store.listIncidents();
  const decisionsBefore = new Map((await store.listDecisions()).map((d) => [d.id, d.status]));
  const result = await reviewedLink(store, policy);
  run?.onPhase?.(`writing ${result.incidents.length} incidents and ${result.tallies.length} tallies`);
  const { incidents, tallies, undated } = result;
  const audit = run ? relinkAudit(before, result, decisionsBefore, policy, run) : [];
  const decisionStatuses = result.outcomes.map(({ id, status, orphanedBecause }) => ({ id, status, orphanedBecause }));
  await store.replaceIncidents(incidents, tallies, result.issued, { decisionStatuses, audit });
  if (summary) {
    // Informational: what an analyst holding an old id should know.
    for (const c of result.changes) {
      if (c.kind === 'merged') summary.warnings.push({ code: 'incident-merged', message: `incident ${c.id} now tells the same event as ${c.into}; ${c.id} is kept as one of its previous ids`, source: c.into });
      if (c.kind === 'withdrawn') summary.warnings.push({ code: 'incident-withdrawn', message: `incident ${c.id} is withdrawn: none of its reports tells an incident any more`, source: c.id });
    }
    // Informational: the report still yields an incident, only its date is unknown.
    for (const m of undated) summary.warnings.push({ code: 'undated-incident', message: `incident mention ${m.id} has no date (no publication date and none in the text); kept with date unknown`, source: m.docId });
    for (const o of result.outcomes) {
      if (o.status === 'orphaned') summary.warnings.push({ code: 'decision-orphaned', message: `review decision #${o.id} is orphaned: ${o.orphanedBecause}`, source: `decision #${o.id}` });
    }
    for (const { incidentId, disagreement: d } of result.disagreements) {
      summary.warnings.push({ code: 'review-disagreement', message: `incident ${incidentId}: the machine now reads ${d.field} as ${JSON.stringify(d.machine)}; the analyst's ${JSON.stringify(d.human)} stands (decision #${d.decision})`, source: incidentId });
    }
    summary.incidents = incidents.length;
    summary.tallies = tallies.length;
  }
}

/**
 * The machine's audit entries of one relink: one for the run (incidents created, changed, merged,
 * withdrawn; decisions orphaned; disagreements) and one per disagreement newly flagged, each with
 * the pipeline's version and rule-set hash as its actor.
 */
function relinkAudit(before: readonly Incident[], result: ReviewedLink, decisionsBefore: ReadonlyMap<number, string>, policy: ReconcilePolicy, run: RelinkRun): NewAuditEntry[] {
  const actor = pipelineActor();
  const old = new Map(before.map((i) => [i.id, JSON.stringify({ ...i, previousIds: undefined })]));
  const created = result.changes.filter((c) => c.kind === 'minted').map((c) => c.id);
  const merged = result.changes.flatMap((c) => (c.kind === 'merged' ? [{ id: c.id, into: c.into }] : []));
  const withdrawn = result.changes.flatMap((c) => (c.kind === 'withdrawn' ? [c.id] : []));
  const changed = result.incidents.filter((i) => old.has(i.id) && old.get(i.id) !== JSON.stringify({ ...i, previousIds: undefined })).map((i) => i.id);
  const orphaned = result.outcomes.filter((o) => o.status === 'orphaned' && decisionsBefore.get(o.id) !== 'orphaned').map((o) => ({ decision: o.id, because: o.orphanedBecause }));
  const entries: NewAuditEntry[] = [
    {
      at: run.now,
      actor,
      action: 'relink',
      incidentId: null,
      field: null,
      before: { incidents: before.length },
      after: { incidents: result.incidents.length, created, changed, merged, withdrawn, orphanedDecisions: orphaned, policy },
      reason: null,
      cause: run.cause,
    },
  ];
  const flaggedBefore = new Set(before.flatMap((i) => (i.review.disagreements ?? []).map((d) => `${i.id}|${d.field}|${JSON.stringify(d.machine)}`)));
  for (const { incidentId, disagreement: d } of result.disagreements) {
    if (flaggedBefore.has(`${incidentId}|${d.field}|${JSON.stringify(d.machine)}`)) continue;
    entries.push({ at: run.now, actor, action: 'disagreement', incidentId, field: d.field, before: d.human, after: d.machine, reason: `the machine now disagrees with decision #${d.decision}; the analyst's value stands`, cause: run.cause });
  }
  return entries;
}
