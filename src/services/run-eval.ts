/**
 * The evaluation use case: ingest an article set into a throw-away SQLite store with a chosen
 * gazetteer, export `incidents/1` JSON exactly as a user would get it, and score it against a gold
 * file (src/eval). Scoring the export (not internal objects) keeps the contract under test.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../storage/sqlite-incident-store.ts';
import { importGeoNames, loadGazetteer } from './gazetteer-service.ts';
import { ingestPaths, type IngestSummary } from './ingest-batch.ts';
import { exportInput } from './export-store.ts';
import { toIncidentsJson } from '../export/incidents-json.ts';
import { parseGoldFile } from '../eval/gold-file.ts';
import { scoreRun, type EvalReport } from '../eval/score-run.ts';
import { readInputs } from '../pipeline/ingest/read-inputs.ts';
import type { ReconcilePolicy } from '../pipeline/link/link-mentions.ts';

export interface EvalOptions {
  gold: string;
  articles: string;
  gazetteerDir?: string | null;
  policy?: ReconcilePolicy;
  now: string;
}

export interface EvalRun {
  report: EvalReport;
  ingest: IngestSummary;
  gazetteerSource: string;
}

export async function runEval(opts: EvalOptions): Promise<EvalRun> {
  const gold = parseGoldFile(JSON.parse(readFileSync(opts.gold, 'utf8')), opts.gold);
  const dir = mkdtempSync(join(tmpdir(), 'tally-eval-'));
  const store = await openSqliteStore(join(dir, 'eval.db'));
  try {
    if (opts.gazetteerDir) await importGeoNames(store, opts.gazetteerDir);
    const { resolver, source } = await loadGazetteer(store);
    const ingest = await ingestPaths(store, resolver, [opts.articles], { now: opts.now, runId: 'eval', policy: opts.policy ?? 'latest' });
    const system = JSON.parse(JSON.stringify(toIncidentsJson(await exportInput(store, opts.now, opts.policy ?? 'latest'))));
    const articles: { id: string; text: string }[] = [];
    for await (const item of readInputs([opts.articles])) if (item.kind === 'article') articles.push({ id: item.article.id, text: item.article.text });
    const report = scoreRun({ gold, system, articles });
    return { report, ingest, gazetteerSource: source };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
