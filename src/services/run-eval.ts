/**
 * The evaluation use case: ingest an article set into a throw-away SQLite store with a chosen
 * gazetteer, export `incidents/1` JSON exactly as a user would get it, and score it (src/eval)
 * against a gold file, a per-article counts table, or an incidents table listing each incident's
 * reports. Scoring the export (not internal objects) keeps the contract under test. `traceMisses`
 * explains chosen misses (src/eval/miss-trace.ts) by extracting their documents again.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../storage/sqlite-incident-store.ts';
import { importGeoNames, loadGazetteer } from './gazetteer-service.ts';
import { ingestPaths, type IngestSummary } from './ingest-batch.ts';
import { exportInput } from './export-store.ts';
import { toIncidentsJson, type IncidentsJson, incidentsJsonRendering } from '../export/incidents-json.ts';
import { parseGoldFile } from '../eval/gold-file.ts';
import { scoreRun, type EvalReport } from '../eval/score-run.ts';
import type { IncidentsExport } from '../eval/incidents-export.ts';
import { parseCountsCsv, parseIncidentsCsv } from '../eval/count-gold.ts';
import { scoreCounts, type CountScore } from '../eval/score-counts.ts';
import { scoreReportedIncidents, type ReportedIncidentsScore } from '../eval/score-linking.ts';
import { readInputs } from '../pipeline/ingest/read-inputs.ts';
import type { ReconcilePolicy } from '../pipeline/link/link-mentions.ts';
import type { PlaceResolving } from '../domain/place-lookup.ts';
import type { ReportedIncident } from '../eval/count-gold.ts';
import { traceDocument, type ExtractionTrace } from '../pipeline/extract/trace-document.ts';
import { TraceIndex, type MissTrace } from '../eval/miss-trace.ts';
import type { PendingTrace } from '../eval/trace-misses.ts';

export interface EvalOptions extends EvalIngestOptions {
  gold: string;
}

export interface EvalRun extends EvalExport {
  report: EvalReport;
}

/** Where an evaluation's articles come from and how they are ingested. */
export interface EvalIngestOptions {
  articles: string;
  /** A GeoNames dump folder; absent or null: the embedded default gazetteer. */
  gazetteerDir?: string | null;
  policy?: ReconcilePolicy;
  now: string;
}

export interface EvalExport {
  /** The `incidents/1` export as a user would read it back (JSON round trip). */
  system: IncidentsJson;
  ingest: IngestSummary;
  gazetteerSource: string;
  /** The resolver the articles were extracted with (in memory; outlives the store), for traces. */
  resolver: PlaceResolving;
}

/** Ingest the articles into a throw-away SQLite store and export it; the store is removed after. */
export async function ingestAndExport(opts: EvalIngestOptions): Promise<EvalExport> {
  const dir = mkdtempSync(join(tmpdir(), 'tally-eval-'));
  const store = await openSqliteStore(join(dir, 'eval.db'), incidentsJsonRendering);
  try {
    if (opts.gazetteerDir) await importGeoNames(store, opts.gazetteerDir);
    const { resolver, source } = await loadGazetteer(store);
    const ingest = await ingestPaths(store, resolver, [opts.articles], { now: opts.now, runId: 'eval', policy: opts.policy ?? 'latest' });
    const system = JSON.parse(JSON.stringify(toIncidentsJson(await exportInput(store, opts.now, opts.policy ?? 'latest')))) as IncidentsJson;
    return { system, ingest, gazetteerSource: source, resolver };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function runEval(opts: EvalOptions): Promise<EvalRun> {
  const gold = parseGoldFile(JSON.parse(readFileSync(opts.gold, 'utf8')), opts.gold);
  const run = await ingestAndExport(opts);
  const articles: { id: string; text: string }[] = [];
  for await (const item of readInputs([opts.articles])) if (item.kind === 'article') articles.push({ id: item.article.id, text: item.article.text });
  const report = scoreRun({ gold, system: goldScoredExport(run.system), articles });
  return { ...run, report };
}

/**
 * The export as the gold scorer reads it: without the incidents of unknown date. Its matching rule
 * needs overlapping dates, so such an incident could never be matched, only counted as a false
 * positive for lacking a day the documents do not give (docs/decisions/0012-undated-incidents.md).
 * The count and linking scorers (gvdb, gva) read the whole export.
 */
function goldScoredExport(system: IncidentsJson): IncidentsExport {
  const dated = system.incidents.flatMap((i) => (i.date.start === null ? [] : [{ ...i, date: i.date }]));
  return { ...system, incidents: dated };
}

export interface CountsEvalRun extends EvalExport {
  score: CountScore;
}

/** Per-article killed and injured counts against a counts table (../shared/corpus/gvdb). */
export async function runCountsEval(opts: EvalIngestOptions & { counts: string }): Promise<CountsEvalRun> {
  const gold = parseCountsCsv(readFileSync(opts.counts, 'utf8'), opts.counts);
  const run = await ingestAndExport(opts);
  return { ...run, score: scoreCounts(gold, run.system) };
}

export interface ReportedIncidentsEvalRun extends EvalExport {
  score: ReportedIncidentsScore;
  gold: ReportedIncident[];
}

/** Per-report counts, linking and incident figures against an incidents table (../shared/corpus/gva). */
export async function runReportedIncidentsEval(opts: EvalIngestOptions & { incidents: string }): Promise<ReportedIncidentsEvalRun> {
  const gold = parseIncidentsCsv(readFileSync(opts.incidents, 'utf8'), opts.incidents);
  const run = await ingestAndExport(opts);
  return { ...run, gold, score: scoreReportedIncidents(gold, run.system) };
}

/**
 * The traces of the chosen misses: the documents they read are extracted again with the run's
 * resolver (the same passes ingest ran, so the same mentions) and the frames extraction dropped.
 */
export async function traceMisses(run: EvalExport, articlesPath: string, pending: readonly PendingTrace[]): Promise<MissTrace[]> {
  const wanted = new Set(pending.flatMap((p) => p.documents));
  const extraction = new Map<string, ExtractionTrace>();
  if (wanted.size) {
    for await (const item of readInputs([articlesPath])) {
      // A later copy of an id is a new version of the document, as ingest stores it.
      if (item.kind === 'article' && wanted.has(item.article.id)) extraction.set(item.article.id, traceDocument(item.article, run.resolver));
    }
  }
  const warnings = new Map<string, string[]>();
  for (const w of run.ingest.warnings) {
    const doc = w.source.replace(/[@#].*$/, '');
    if (wanted.has(doc)) warnings.set(doc, [...(warnings.get(doc) ?? []), w.code]);
  }
  const index = new TraceIndex({ system: run.system, extraction, warnings });
  return pending.map((p) => p.build(index));
}
