/**
 * Feedback for long ingests (`tally ingest`, `tally demo`): on a terminal a progress bar
 * (cli-progress) redrawn in place on stderr; when stderr is a file or a pipe, where redrawing
 * would fill a log with control characters, a plain line every N documents. Either way the run ends
 * with a summary on stdout: documents read, what was skipped and why (unchanged texts, rejected
 * inputs with their place and reason), incidents created, updated and removed, tallies, and the
 * warnings by code with a few examples. The reporter takes its streams as parameters, so tests
 * drive it with in-memory streams.
 */
import { createReadStream } from 'node:fs';
import cliProgress from 'cli-progress';
import type { Incident } from '../domain/types.ts';
import type { IngestSummary } from '../services/ingest-batch.ts';
import { jsonRecords } from '../pipeline/ingest/json-records.ts';
import { DEFAULT_MAX_LINE_BYTES, STDIN, inputFiles } from '../pipeline/ingest/read-inputs.ts';

export interface ProgressStream {
  write(chunk: string): boolean;
  isTTY?: boolean;
  columns?: number;
}

export interface IngestProgressOptions {
  /** Where progress goes (stderr): a bar when it is a terminal, plain lines otherwise. */
  stream: ProgressStream;
  /** Documents expected, when known (see countInputDocuments): the bar shows a percentage. */
  total?: number | null;
  /** Plain-line mode: one line every this many documents (default 1000). */
  every?: number;
}

export interface IngestProgress {
  /** Pass as IngestOptions.onProgress. */
  onProgress: (p: { read: number; source: string }) => void;
  /** Pass as IngestOptions.onPhase: ends the reading bar, then one line per phase with its time. */
  onPhase: (phase: string) => void;
  /** Stops the bar (or prints the last count) so the summary starts on a clean line. */
  stop: () => void;
}

/**
 * One line per phase of a long run after the documents are read ("linking 12,034 mentions", then
 * "writing 8,211 incidents"), each with the seconds the phase before it took, so a run that seems
 * to hang says what it is doing.
 */
export function phaseReporter(stream: ProgressStream, clock: () => number = () => performance.now()): (phase: string) => void {
  let since = clock();
  let last: string | null = null;
  return (phase) => {
    const now = clock();
    if (last !== null) stream.write(`  (${((now - since) / 1000).toFixed(1)} s)\n`);
    stream.write(phase);
    if (phase.endsWith('\n')) last = null;
    else last = phase;
    since = now;
  };
}

const DEFAULT_EVERY = 1000;
const SOURCE_WIDTH = 40;

function shortSource(source: string): string {
  return source.length <= SOURCE_WIDTH ? source : `…${source.slice(-(SOURCE_WIDTH - 1))}`;
}

export function createIngestProgress(opts: IngestProgressOptions): IngestProgress {
  const total = opts.total ?? null;
  const phase = phaseReporter(opts.stream);
  let phases = false;
  if (!opts.stream.isTTY) {
    const every = opts.every ?? DEFAULT_EVERY;
    let last = 0;
    let reported = false;
    const endReading = () => {
      if (!reported && last % every !== 0) opts.stream.write(`read ${last}${total !== null ? ` of ${total}` : ''} documents\n`);
      reported = true;
    };
    return {
      onProgress: ({ read }) => {
        last = read;
        if (read % every === 0) opts.stream.write(`read ${read}${total !== null ? ` of ${total}` : ''} documents\n`);
      },
      onPhase: (name) => {
        endReading();
        phases = true;
        phase(name);
      },
      stop: () => {
        endReading();
        if (phases) phase('done\n');
      },
    };
  }
  const format =
    total !== null
      ? 'ingest [{bar}] {percentage}% | {value}/{total} documents | {duration_formatted} | ETA {eta_formatted} | {source}'
      : 'ingest {value} documents | {duration_formatted} | {source}';
  const bar = new cliProgress.SingleBar(
    { format, stream: opts.stream as NodeJS.WritableStream, hideCursor: true, clearOnComplete: false, fps: 5, etaBuffer: 200 },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  let stopped = false;
  const endBar = () => {
    if (started && !stopped) bar.stop();
    stopped = true;
  };
  return {
    onPhase: (name) => {
      endBar();
      phases = true;
      phase(name);
    },
    onProgress: ({ read, source }) => {
      if (!started) {
        bar.start(total ?? 0, 0, { source: '' });
        started = true;
      }
      // An estimated total can be passed (a line was not an article): grow it rather than show >100%.
      if (total !== null && read > bar.getTotal()) bar.setTotal(read);
      bar.update(read, { source: shortSource(source) });
    },
    stop: () => {
      endBar();
      if (phases) phase('done\n');
    },
  };
}

/** Records of a JSON file counted as the reader reads them: in bounded memory, a record over the limit counts once. */
async function countRecords(path: string): Promise<number> {
  let n = 0;
  for await (const record of jsonRecords(createReadStream(path, { highWaterMark: 1 << 16 }), DEFAULT_MAX_LINE_BYTES)) {
    if (!('text' in record) || record.text.trim() !== '') n++;
  }
  return n;
}

/**
 * How many documents the paths hold, for the bar's percentage: records of JSON files (Lines or an
 * array), one per `.txt` and `.html`, walking the paths as the reader does (inputFiles: only regular
 * files, never a named pipe or a device). It reads no more than the reader will — a record of any
 * length is counted without being held. An estimate (a bad line counts too); null when it cannot
 * know without reading the input twice (gzip, standard input) or a path cannot be read (the reader
 * will report it).
 */
export async function countInputDocuments(paths: readonly string[]): Promise<number | null> {
  let total = 0;
  try {
    for await (const input of inputFiles(paths)) {
      if (input.kind === 'error') {
        if (input.unreadable) return null;
        continue; // refused for what it is: the reader opens nothing there either
      }
      if (input.path === STDIN || input.format === 'json-gz') return null;
      total += input.format === 'json' ? await countRecords(input.path) : 1;
    }
  } catch {
    return null;
  }
  return total;
}

export interface IncidentChanges {
  created: number;
  updated: number;
  unchanged: number;
  removed: number;
}

/** Incidents created, changed and gone between two states of a store (ids are stable across relinks). */
export function incidentChanges(before: readonly Incident[], after: readonly Incident[]): IncidentChanges {
  const old = new Map(before.map((i) => [i.id, JSON.stringify(i)]));
  const changes: IncidentChanges = { created: 0, updated: 0, unchanged: 0, removed: 0 };
  const seen = new Set<string>();
  for (const incident of after) {
    seen.add(incident.id);
    const previous = old.get(incident.id);
    if (previous === undefined) changes.created++;
    else if (previous === JSON.stringify(incident)) changes.unchanged++;
    else changes.updated++;
  }
  for (const id of old.keys()) if (!seen.has(id)) changes.removed++;
  return changes;
}

const LISTED_REJECTIONS = 50;
const EXAMPLES_PER_WARNING = 3;

/** The closing summary of an ingest, one line per item (stdout). */
export function formatIngestSummary(s: IngestSummary, changes?: IncidentChanges, warningsCommand?: string): string[] {
  const lines: string[] = [];
  lines.push(`documents read: ${s.read} (new ${s.added}, new versions ${s.newVersions}, unchanged ${s.unchanged})`);
  const skipped: string[] = [];
  if (s.unchanged) skipped.push(`${s.unchanged} unchanged (same id and text as stored)`);
  if (s.rejected.length) skipped.push(`${s.rejected.length} rejected (listed below)`);
  lines.push(`skipped: ${skipped.length ? skipped.join(', ') : 'none'}`);
  lines.push(`rejected: ${s.rejected.length}`);
  for (const r of s.rejected.slice(0, LISTED_REJECTIONS)) lines.push(`  ${r.message}`);
  if (s.rejected.length > LISTED_REJECTIONS) {
    const more = `  … and ${s.rejected.length - LISTED_REJECTIONS} more`;
    lines.push(warningsCommand ? `${more}: every one is listed by \`${warningsCommand} --code input-rejected\`` : more);
  }
  const languages = Object.keys(s.notExtracted).sort();
  if (languages.length) {
    lines.push(`stored, not extracted (no rules for their language yet): ${languages.map((l) => `${l} ${s.notExtracted[l]}`).join(', ')}`);
  }
  const incidentPart = changes
    ? `incidents: ${s.incidents} (created ${changes.created}, updated ${changes.updated}, unchanged ${changes.unchanged}, removed ${changes.removed})`
    : `incidents: ${s.incidents}`;
  lines.push(`mentions extracted: ${s.mentions}; ${incidentPart}; tallies: ${s.tallies}`);
  const byCode = new Map<string, IngestSummary['warnings']>();
  for (const w of s.warnings) {
    if (w.code === 'input-rejected') continue; // already listed under rejected
    const list = byCode.get(w.code) ?? [];
    list.push(w);
    byCode.set(w.code, list);
  }
  const codes = [...byCode.keys()].sort();
  lines.push(`warnings: ${codes.map((c) => `${c} ${byCode.get(c)!.length}`).join(', ') || 'none'}`);
  for (const code of codes) {
    for (const w of byCode.get(code)!.slice(0, EXAMPLES_PER_WARNING)) lines.push(`  ${code}: ${w.message} (${w.source})`);
  }
  if (codes.length && warningsCommand) lines.push(`  every warning: \`${warningsCommand}\``);
  return lines;
}
