/**
 * The `tally` command line: parses arguments, wires the store, gazetteer and services (this is the
 * composition root), prints results. Exit status per the contract: 0 success, 1 when some inputs
 * were rejected (the rest landed), 2 on usage errors.
 */
import { createWriteStream, existsSync, statSync, writeFileSync } from 'node:fs';
import { finished } from 'node:stream/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError, Option } from 'commander';
import { isPostgresUrl, openStore } from '../storage/open-store.ts';
import { incidentsJsonRendering } from '../export/incidents-json.ts';
import { importGeoNames, loadGazetteer } from '../services/gazetteer-service.ts';
import { ingestPaths, type IngestSummary } from '../services/ingest-batch.ts';
import { EXPORT_FORMATS, renderExport, type ExportFormat } from '../services/export-store.ts';
import { exportChunks, sinceMillis, writeChunks } from '../services/export-stream.ts';
import { ExportInputError } from '../export/export-input.ts';
import { runCountsEval, runEval, runReportedIncidentsEval, traceMisses, type EvalExport } from '../services/run-eval.ts';
import { pendingCountTraces, pendingGoldTraces, pendingReportedTraces, selectMisses, type PendingTrace } from '../eval/trace-misses.ts';
import { formatTraces, traceJsonLines } from '../eval/format-trace.ts';
import { formatReport } from '../eval/format-report.ts';
import { documentNotes, formatCountsReport, formatReportedIncidentsReport } from '../eval/format-count-report.ts';
import { checkThresholds, type ThresholdResult, type Thresholds } from '../eval/eval-thresholds.ts';
import { countSummary, type CountSummaryKey } from '../eval/score-counts.ts';
import { reportedIncidentsSummary, type ReportedIncidentsSummaryKey } from '../eval/score-linking.ts';
import { fetchGeoNames, DEFAULT_GEONAMES_URL } from '../pipeline/geocode/fetch-geonames.ts';
import { GeoNamesDirError } from '../pipeline/geocode/geocode-errors.ts';
import { RECONCILE_POLICIES, type ReconcilePolicy } from '../pipeline/link/link-mentions.ts';
import { parsePublished } from './published-option.ts';
import { registerReviewCommands } from './review-command.ts';
import { registerTalliesCommand } from './tallies-command.ts';
import { registerWarningsCommand } from './warnings-command.ts';
import { registerWatchCommands } from './watch-command.ts';
import { parseInterval } from './duration.ts';
import { registerServeCommand, serveStore } from './serve-command.ts';
import { registerBackupCommand } from './backup-command.ts';
import { endQuietlyOnBrokenPipe } from './broken-pipe.ts';
import { packageVersion } from '../services/package-version.ts';
import { registerUserCommands } from './user-command.ts';
import { countInputDocuments, createIngestProgress, formatIngestSummary, incidentChanges, phaseReporter } from './progress.ts';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SHARED = process.env.TALLY_SHARED_DIR ?? join(REPO_ROOT, '..', 'shared');

/**
 * Thresholds the issues commit to: issue 2 (extraction) and issue 3 (linking: on seeds both
 * cross-document incidents linked and documents exactly right for ≥ 90% of matched incidents; on
 * dev ≥ 10 of the 14 multi-article incidents fully linked).
 */
export const DEV_THRESHOLDS: Record<string, Thresholds> = {
  seeds: {
    'incidents.f1': 0.85,
    'figures.accuracy': 0.9,
    'perpetrators.exact': 0.85,
    'claimants.exact': 0.85,
    'tallies.recognised': 1,
    'tallies.turned_into_incident': { max: 0 },
    'documents.exact': 0.9,
    'documents.cross_document': 1,
  },
  dev: {
    'incidents.f1': 0.8,
    'figures.accuracy': 0.92,
    'perpetrators.exact': 0.85,
    'claimants.exact': 0.74,
    'tallies.recognised': 0.85,
    'tallies.turned_into_incident': { max: 0 },
    'documents.cross_document': 13 / 14 - 1e-9,
  },
};

/**
 * Regression floors for the US sets (../shared/corpus/gvdb, gva): the figures measured on
 * 2026-12-07 after the scene and follow-up linking of decision 0022 — gvdb killed 0.776, injured
 * 0.754, both 0.624; gva per report killed 0.795, injured 0.691, both 0.601, B-cubed F1 0.880,
 * fully linked 0.470, incidents both 0.631 — less about 0.02, rounded down, so a change that loses
 * ground fails CI (test/eval/us-sets.test.ts). B-cubed precision (0.987) is held at the issue's
 * 0.95. They are floors, not goals: issue 10's targets are gvdb killed ≥ 0.75, injured ≥ 0.75, both
 * ≥ 0.60; gva both ≥ 0.60 (per report), fully linked ≥ 45%, B-cubed precision ≥ 0.95. Raise a floor
 * when a change lifts its figure.
 */
export const GVDB_THRESHOLDS: Thresholds<CountSummaryKey> = { 'killed.exact': 0.77, 'injured.exact': 0.75, 'both.exact': 0.63 };
export const GVA_THRESHOLDS: Thresholds<ReportedIncidentsSummaryKey> = {
  'reports.killed_exact': 0.78,
  'reports.injured_exact': 0.67,
  'reports.both_exact': 0.59,
  'linking.bcubed_precision': 0.95,
  'linking.bcubed_f1': 0.86,
  'linking.fully_linked': 0.45,
  'incidents.both_exact': 0.61,
};

/** `tally export` prints a progress line every this many incidents (smaller exports print none). */
const EXPORT_PROGRESS_EVERY = 100_000;

class UsageError extends Error {}

function now(): string {
  return process.env.TALLY_NOW ?? new Date().toISOString();
}

/** The store location: a SQLite file path or a postgres:// URL (--db, else env TALLY_DB, else tally.db). */
function dbPath(opt: string | undefined): string {
  return opt ?? process.env.TALLY_DB ?? 'tally.db';
}

/** A store that must already hold data: a missing SQLite file is a usage error (a URL names a server). */
function existingDbPath(opt: string | undefined): string {
  const path = dbPath(opt);
  if (!isPostgresUrl(path) && !existsSync(path)) throw new UsageError(`--db ${path}: no such store; run 'tally ingest --db ${path} FILE...' first`);
  return path;
}

function policyOf(p: string | undefined): ReconcilePolicy {
  const v = (p ?? 'latest') as ReconcilePolicy;
  if (!RECONCILE_POLICIES.includes(v)) throw new UsageError(`--policy ${p}: expected one of ${RECONCILE_POLICIES.join(', ')}`);
  return v;
}

/** --since, checked: a usage error when it is not an ISO 8601 date-time. */
function sinceOption(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  try {
    sinceMillis(value);
  } catch (e) {
    if (e instanceof ExportInputError) throw new UsageError(`--since ${value}: expected an ISO 8601 date-time such as 2026-12-01T00:00:00Z`);
    throw e;
  }
  return value;
}

/** Stream the export into `path`; the file is complete when this resolves. */
async function writeFileStreamed(path: string, chunks: AsyncIterable<string>): Promise<void> {
  const file = createWriteStream(path);
  await writeChunks(chunks, file);
  file.end();
  await finished(file);
}

export async function main(argv: string[]): Promise<number> {
  let exit = 0;
  endQuietlyOnBrokenPipe(process.stdout);
  const out = (l: string) => process.stdout.write(l + '\n');
  const err = (l: string) => process.stderr.write(l + '\n');
  const program = new Command('tally')
    .description('Turn news reports of armed-conflict violence into a source-attributed database of incidents and casualties.')
    .version(packageVersion(), '-V, --version', 'print the version of Tally')
    // Program options only before the command: `tally review edit --version 3` is the review's own option.
    .enablePositionalOptions()
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });

  program
    .command('ingest')
    .description('read JSON Lines or JSON arrays (also .gz), .txt and .html files, folders, or - (stdin); extract, geocode, link; print a summary')
    .option('--db <file>', 'store: a SQLite file or a postgres:// URL (env TALLY_DB)')
    .option('--published <date>', 'publication date for .txt files without one (YYYY-MM-DD)')
    .option('--document-budget <duration>', 'longest extraction of one document before it is skipped and reported: 20s, 2m', '20s')
    .argument('<paths...>')
    .action(async (paths: string[], o: { db?: string; published?: string; documentBudget?: string }) => {
      const published = o.published !== undefined ? parsePublished(o.published) : null;
      const documentBudgetMs = parseInterval(o.documentBudget ?? '20s');
      if (documentBudgetMs === null) throw new UsageError(`--document-budget ${JSON.stringify(o.documentBudget)}: expected a duration of at least 1s such as 20s or 2m`);
      const store = await openStore(dbPath(o.db), incidentsJsonRendering);
      try {
        const { resolver, source } = await loadGazetteer(store);
        const before = await store.listIncidents();
        const progress = createIngestProgress({ stream: process.stderr, total: await countInputDocuments(paths) });
        const runId = now();
        const summary = await ingestPaths(store, resolver, paths, { published, policy: 'latest', now: runId, runId, onProgress: progress.onProgress, onPhase: progress.onPhase, documentBudgetMs });
        progress.stop();
        out(`gazetteer: ${source}`);
        const listing = `tally warnings${o.db !== undefined && !isPostgresUrl(o.db) ? ` --db ${o.db}` : ''} --run ${runId}`;
        for (const line of formatIngestSummary(summary, incidentChanges(before, await store.listIncidents()), listing)) out(line);
        if (summary.rejected.length) exit = 1;
      } finally {
        await store.close();
      }
    });

  program
    .command('export')
    .description('write incidents as incidents/1 JSON, ACLED-column CSV or GeoJSON, incident by incident')
    .option('--db <file>', 'store: a SQLite file or a postgres:// URL (env TALLY_DB)')
    .addOption(new Option('--format <format>', 'output format').choices([...EXPORT_FORMATS]).default('json'))
    .addOption(new Option('--policy <policy>', 'best-estimate policy: latest (stored), conservative (lowest credible), max').choices(RECONCILE_POLICIES).default('latest'))
    .option('--out <file>', 'write to a file instead of stdout')
    .option('--include-rejected', 'keep incidents an analyst rejected (left out by default)')
    .option('--since <time>', 'only incidents changed at or after this ISO 8601 date-time (a report ingested or a review decision made since)')
    .action(async (o: { db?: string; format: string; out?: string; policy?: string; includeRejected?: boolean; since?: string }) => {
      const since = sinceOption(o.since);
      const store = await openStore(existingDbPath(o.db), incidentsJsonRendering);
      try {
        // A large export says how far it has got on standard error, every EXPORT_PROGRESS_EVERY incidents.
        let written = 0;
        const onIncidents = (n: number) => {
          written = n;
          if (n % EXPORT_PROGRESS_EVERY === 0) err(`exported ${n} incidents`);
        };
        const chunks = await exportChunks(store, { format: o.format as ExportFormat, generatedAt: now(), policy: policyOf(o.policy), includeRejected: o.includeRejected ?? false, since, onIncidents });
        if (o.out) await writeFileStreamed(o.out, chunks);
        else await writeChunks(chunks, process.stdout);
        if (written >= EXPORT_PROGRESS_EVERY && written % EXPORT_PROGRESS_EVERY !== 0) err(`exported ${written} incidents`);
      } finally {
        await store.close();
      }
    });

  program
    .command('eval')
    .description('score the pipeline against a gold file (--gold), per-article counts (--counts) or incidents listing their reports (--incidents)')
    .option('--gold <file>', 'gold JSON (incident-gold/1)')
    .option('--counts <file>', 'per-article killed and injured, CSV with id, killed, injured (../shared/corpus/gvdb/counts.csv)')
    .option('--incidents <file>', 'incidents with their reports, CSV with incident_id, date, killed, injured, documents (../shared/corpus/gva/incidents.csv)')
    .requiredOption('--articles <file>', 'articles JSON Lines')
    .option('--gazetteer <dir>', 'GeoNames dump folder (default: with --gold, ../shared/data/gazetteer/geonames when present, else the embedded towns; with --counts or --incidents, the embedded towns)')
    .option('--verbose', 'list every miss, then the trace of each (rules, figures, places, dates, links)')
    .option('--json', 'print the machine-readable report')
    .addOption(new Option('--format <format>', 'how --verbose prints traces: text, or jsonl (one miss-trace/1 object per line, nothing else)').choices(['text', 'jsonl']).default('text'))
    .option('--limit <n>', 'trace at most N misses')
    .option('--article <id>', 'trace only the misses involving this article (report)')
    .action(async (o: { gold?: string; counts?: string; incidents?: string; articles: string; gazetteer?: string; verbose?: boolean; json?: boolean; format: 'text' | 'jsonl'; limit?: string; article?: string }) => {
      const given = (['gold', 'counts', 'incidents'] as const).filter((k) => o[k] !== undefined);
      if (given.length !== 1) throw new UsageError(`expected one of --gold, --counts, --incidents; got ${given.length ? given.map((k) => `--${k}`).join(' and ') : 'none'}`);
      const jsonl = o.format === 'jsonl';
      if (jsonl && o.json) throw new UsageError('--format jsonl prints traces, --json the report: give one of them');
      const tracing = o.verbose === true || jsonl;
      if (!tracing && (o.limit !== undefined || o.article !== undefined)) throw new UsageError(`${o.limit !== undefined ? '--limit' : '--article'} selects traces: add --verbose or --format jsonl`);
      const limit = o.limit === undefined ? undefined : Number(o.limit);
      if (limit !== undefined && !(Number.isInteger(limit) && limit >= 0)) throw new UsageError(`--limit ${o.limit}: expected a whole number 0 or more`);
      const printed = (source: string, text: string) => {
        out(`gazetteer: ${source}`);
        out(text);
      };
      // With --verbose: the report's lists, then the traces; with --format jsonl: the traces alone.
      const report = async (run: EvalExport, text: () => string, pending: () => PendingTrace[]) => {
        if (!tracing) return printed(run.gazetteerSource, text());
        const all = selectMisses(pending(), { article: o.article });
        const traces = await traceMisses(run, o.articles, selectMisses(all, { limit }));
        if (jsonl) process.stdout.write(traceJsonLines(traces));
        else printed(run.gazetteerSource, text() + formatTraces(traces, all.length));
      };
      if (o.counts !== undefined) {
        const run = await runCountsEval({ counts: o.counts, articles: o.articles, gazetteerDir: o.gazetteer ?? null, now: now() });
        if (o.json) out(JSON.stringify({ summary: countSummary(run.score), ...run.score }, null, 2));
        else await report(run, () => formatCountsReport(run.score, { verbose: o.verbose, notes: documentNotes(run.ingest.warnings, run.system.tallies) }), () => pendingCountTraces(run.score));
      } else if (o.incidents !== undefined) {
        const run = await runReportedIncidentsEval({ incidents: o.incidents, articles: o.articles, gazetteerDir: o.gazetteer ?? null, now: now() });
        if (o.json) out(JSON.stringify({ summary: reportedIncidentsSummary(run.score), ...run.score }, null, 2));
        else await report(run, () => formatReportedIncidentsReport(run.score, { verbose: o.verbose, notes: documentNotes(run.ingest.warnings, run.system.tallies) }), () => pendingReportedTraces(run.score, run.gold));
      } else {
        const gz = o.gazetteer ?? defaultGazetteerDir();
        const run = await runEval({ gold: o.gold!, articles: o.articles, gazetteerDir: gz, now: now() });
        if (o.json) out(JSON.stringify(run.report, null, 2));
        else await report(run, () => formatReport(run.report, { verbose: o.verbose }), () => pendingGoldTraces(run.report, run.system));
      }
    });

  program
    .command('eval-dev')
    .description('run eval on each development set in ../shared/corpus (seeds, dev, gvdb, gva) and compare with the thresholds')
    .option('--verbose', 'list every miss')
    .option('--check', 'exit 1 when a threshold is not met')
    .action(async (o: { verbose?: boolean; check?: boolean }) => {
      const corpus = join(SHARED, 'corpus');
      if (!existsSync(corpus)) throw new UsageError(`${corpus} is missing: the development sets live in ../shared beside the repo`);
      let failed = false;
      const printChecks = (results: ThresholdResult<string>[]) => {
        for (const r of results) {
          const want = [r.min !== null ? `>= ${r.min}` : '', r.max !== null ? `<= ${r.max}` : ''].filter(Boolean).join(' ');
          out(`  ${r.ok ? 'ok  ' : 'FAIL'} ${r.key} = ${r.value === null ? 'n/a' : Number(r.value.toFixed(3))} (target ${want})`);
          if (!r.ok) failed = true;
        }
      };
      for (const set of ['seeds', 'dev']) {
        const run = await runEval({ gold: join(corpus, set, 'gold.json'), articles: join(corpus, set, 'articles.jsonl'), gazetteerDir: defaultGazetteerDir(), now: now() });
        out(`=== ${set} (gazetteer ${run.gazetteerSource}) ===`);
        out(formatReport(run.report, { verbose: o.verbose }));
        printChecks(checkThresholds(run.report.summary, DEV_THRESHOLDS[set]));
      }
      // The US sets use the embedded towns: the village-level gazetteer in ../shared is Syrian.
      const gvdb = await runCountsEval({ counts: join(corpus, 'gvdb', 'counts.csv'), articles: join(corpus, 'gvdb', 'articles.jsonl'), now: now() });
      out(`=== gvdb (gazetteer ${gvdb.gazetteerSource}) ===`);
      out(formatCountsReport(gvdb.score, { verbose: o.verbose, notes: documentNotes(gvdb.ingest.warnings, gvdb.system.tallies) }));
      printChecks(checkThresholds(countSummary(gvdb.score), GVDB_THRESHOLDS));
      const gva = await runReportedIncidentsEval({ incidents: join(corpus, 'gva', 'incidents.csv'), articles: join(corpus, 'gva', 'articles.jsonl'), now: now() });
      out(`=== gva (gazetteer ${gva.gazetteerSource}) ===`);
      out(formatReportedIncidentsReport(gva.score, { verbose: o.verbose, notes: documentNotes(gva.ingest.warnings, gva.system.tallies) }));
      printChecks(checkThresholds(reportedIncidentsSummary(gva.score), GVA_THRESHOLDS));
      if (failed && o.check) exit = 1;
    });

  const gaz = program.command('gazetteer').description('manage the gazetteer places are resolved against');
  gaz
    .command('import')
    .description('load a GeoNames dump folder (XX.txt or allCountries.txt with admin1CodesASCII.txt and admin2Codes.txt)')
    .option('--db <file>', 'store: a SQLite file or a postgres:// URL (env TALLY_DB)')
    .argument('<dir>')
    .action(async (dir: string, o: { db?: string }) => {
      // Check the folder before creating a store, so a mistyped path leaves nothing behind.
      if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`gazetteer folder '${dir}' does not exist or is not a folder; expected a GeoNames dump folder (XX.txt with admin1CodesASCII.txt and admin2Codes.txt)`);
      const store = await openStore(dbPath(o.db), incidentsJsonRendering);
      try {
        const phase = phaseReporter(process.stderr);
        const r = await importGeoNames(store, dir, phase).catch((e: unknown) => {
          if (e instanceof GeoNamesDirError) throw new UsageError(e.message);
          throw e;
        });
        phase('done\n');
        out(`imported ${r.entries} places from ${dir}`);
        for (const w of r.warnings.slice(0, 20)) err(`warning: ${w}`);
        if (r.warnings.length) out(`warnings: ${r.warnings.length}`);
      } finally {
        await store.close();
      }
    });
  gaz
    .command('fetch')
    .description('download a country dump from the GeoNames export (and import it with --db)')
    .argument('<cc>', 'ISO country code, e.g. SY')
    .option('--url <url>', 'base URL of the dump export (env TALLY_GEONAMES_URL)')
    .option('--dest <dir>', 'folder to write the files to', 'gazetteer')
    .option('--db <file>', 'also import into this store (SQLite file or postgres:// URL)')
    .action(async (cc: string, o: { url?: string; dest: string; db?: string }) => {
      if (!/^[A-Za-z]{2}$/.test(cc)) throw new UsageError(`country code '${cc}': expected two letters such as SY`);
      const files = await fetchGeoNames(cc.toUpperCase(), { baseUrl: o.url ?? process.env.TALLY_GEONAMES_URL ?? DEFAULT_GEONAMES_URL, destDir: o.dest });
      for (const f of files) out(`wrote ${f}`);
      if (o.db) {
        const store = await openStore(dbPath(o.db), incidentsJsonRendering);
        try {
          const r = await importGeoNames(store, o.dest);
          out(`imported ${r.entries} places`);
        } finally {
          await store.close();
        }
      }
    });

  program
    .command('demo')
    .description('ingest the bundled sample (fictional articles) into SQLite with the embedded gazetteer, export it, then serve the dashboard and API')
    .option('--db <file>', 'store: a SQLite file or a postgres:// URL', 'tally-sample.db')
    .option('--out <file>', 'export file', 'tally-sample.json')
    .option('--port <port>', 'port to serve on', '8080')
    .option('--no-serve', 'stop after the export')
    .action(async (o: { db: string; out: string; port: string; serve: boolean }) => {
      const port = Number(o.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port ${o.port}: expected a port number 0-65535`);
      const store = await openStore(o.db, incidentsJsonRendering);
      try {
        const { resolver, source } = await loadGazetteer(store);
        const paths = [join(REPO_ROOT, 'sample')];
        const before = await store.listIncidents();
        const progress = createIngestProgress({ stream: process.stderr, total: await countInputDocuments(paths) });
        const summary = await ingestPaths(store, resolver, paths, { now: now(), runId: now(), onProgress: progress.onProgress, onPhase: progress.onPhase });
        progress.stop();
        out(`gazetteer: ${source}`);
        for (const line of formatIngestSummary(summary, incidentChanges(before, await store.listIncidents()))) out(line);
        writeFileSync(o.out, await renderExport(store, 'json', now()));
        out(`store: ${o.db}; incidents exported to ${o.out}`);
        if (o.serve) await serveStore(store, { location: o.db, resolver, gazetteerSource: source, port }, { usageError: (m) => new UsageError(m), out, now });
      } finally {
        await store.close();
      }
    });

  registerServeCommand(program, { dbPath, openStore: (location) => openStore(location, incidentsJsonRendering), usageError: (message) => new UsageError(message), out, now });

  registerUserCommands(program, {
    dbPath,
    openStore: (location) => openStore(location, incidentsJsonRendering),
    usageError: (message) => new UsageError(message),
    out,
    now,
    readStdin: async () => {
      let text = '';
      for await (const chunk of process.stdin) text += String(chunk);
      return text;
    },
  });
  registerReviewCommands(program, { dbPath: existingDbPath, openStore: (location) => openStore(location, incidentsJsonRendering), usageError: (message) => new UsageError(message), out, now });

  registerBackupCommand(program, { dbPath, usageError: (message) => new UsageError(message), out });

  registerTalliesCommand(program, { dbPath, openStore: (location) => openStore(location, incidentsJsonRendering), usageError: (message) => new UsageError(message), out });
  registerWarningsCommand(program, { dbPath, openStore: (location) => openStore(location, incidentsJsonRendering), usageError: (message) => new UsageError(message), out });
  registerWatchCommands(program, {
    dbPath,
    openStore: (location) => openStore(location, incidentsJsonRendering),
    loadResolver: loadGazetteer,
    usageError: (message) => new UsageError(message),
    out,
    err,
    now,
    setExit: (code) => (exit = code),
  });

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    if (e instanceof UsageError) {
      err(`tally: ${e.message}`);
      return 2;
    }
    err(`tally: ${(e as Error).message}`);
    return (e as { name?: string }).name === 'InputError' ? 2 : 1;
  }
  return exit;
}

export function defaultGazetteerDir(): string | null {
  const d = join(SHARED, 'data', 'gazetteer', 'geonames');
  return existsSync(d) ? d : null;
}
