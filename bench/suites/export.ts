/**
 * `npm run bench -- export`: memory and speed of `tally export` (src/services/export-stream.ts)
 * over a SQLite store of N synthetic incidents (issue 12: bounded memory at a million). A first
 * child process generates the incidents (bench/suites/api.ts's generator) and loads them with
 * replaceIncidents; then, for each format, a fresh child opens the store and streams the export to
 * a file, sampling its resident set size every 50 ms. Separate processes keep the load's memory
 * out of the figure: the peak RSS reported is the export's alone (process.resourceUsage().maxRSS,
 * which also catches peaks between samples).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { integerOption, type JsonValue, type Suite, type SuiteContext, type SuiteOutcome } from '../suite.ts';
import { formatBytes, formatCount, peakRssBytes } from '../measure.ts';
import { DEFAULT_SEED } from '../generate-corpus.ts';

const THIS_FILE = fileURLToPath(import.meta.url);
const DEFAULT_EXPORT_INCIDENTS = 100_000;
const FORMATS = ['csv', 'json', 'geojson'] as const;

interface ExportFigures {
  format: string;
  incidents: number;
  seconds: number;
  fileBytes: number;
  /** RSS after the store is opened, before the export starts. */
  startRssBytes: number;
  peakRssBytes: number;
  /**
   * Peak of the RSS that is the process's own memory (Linux RssAnon: heap, stacks, buffers), null
   * elsewhere. The rest of the RSS is file pages: SQLite reads the store through a memory map of up
   * to 1 GiB (src/storage/sqlite-incident-store.ts), so a pass over the whole file maps it in; the
   * kernel can drop those pages at any time, and they are shared with every reader of the file.
   */
  peakAnonRssBytes: number | null;
}

/** This process's anonymous resident memory in bytes (Linux /proc/self/status RssAnon), null where there is none. */
function anonRssBytes(): number | null {
  try {
    const m = /^RssAnon:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/**
 * Heap ceiling of the loading child only: replaceIncidents takes the whole set at once (a million
 * incident objects, their rows and JSON). The exporting children keep node's default heap, so an
 * export that held the store in memory would fail there.
 */
const LOAD_HEAP_MB = 16_384;

/** Run this file as a child with `args` (after node's `nodeArgs`); its last stdout line is its JSON answer. */
function child(args: readonly string[], log: (line: string) => void, nodeArgs: readonly string[] = []): Promise<Record<string, JsonValue>> {
  return new Promise((done, fail) => {
    const run = execFile(process.execPath, [...nodeArgs, '--import', 'tsx', THIS_FILE, ...args], { maxBuffer: 16 * 1024 * 1024 }, (error, stdout) => {
      if (error) return fail(error);
      done(JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, JsonValue>);
    });
    run.stderr?.on('data', (s: Buffer) => log(s.toString('utf8').trimEnd()));
  });
}

async function loadChild(db: string, count: number, seed: number): Promise<void> {
  const [{ openStore }, { incidentsJsonRendering }, { generateIncidents }] = await Promise.all([
    import('../../src/storage/open-store.ts'),
    import('../../src/export/incidents-json.ts'),
    import('./api.ts'),
  ]);
  const store = await openStore(db, incidentsJsonRendering);
  const t = process.hrtime.bigint();
  await store.replaceIncidents(generateIncidents(count, seed), []);
  await store.close();
  process.stdout.write(`${JSON.stringify({ loadSeconds: Number(process.hrtime.bigint() - t) / 1e9 })}\n`);
}

async function exportChild(db: string, format: (typeof FORMATS)[number], out: string): Promise<void> {
  const [{ openStore }, { incidentsJsonRendering }, { exportChunks, writeChunks }, { createWriteStream }, { finished }] = await Promise.all([
    import('../../src/storage/open-store.ts'),
    import('../../src/export/incidents-json.ts'),
    import('../../src/services/export-stream.ts'),
    import('node:fs'),
    import('node:stream/promises'),
  ]);
  const store = await openStore(db, incidentsJsonRendering);
  const incidents = await store.countIncidents({});
  const startRssBytes = process.memoryUsage().rss;
  let sampled = startRssBytes;
  let anon = anonRssBytes();
  const sampler = setInterval(() => {
    sampled = Math.max(sampled, process.memoryUsage().rss);
    const now = anonRssBytes();
    if (now !== null) anon = Math.max(anon ?? 0, now);
  }, 50);
  const t = process.hrtime.bigint();
  const file = createWriteStream(out);
  await writeChunks(await exportChunks(store, { format, generatedAt: '2026-12-07T00:00:00Z' }), file);
  file.end();
  await finished(file);
  const seconds = Number(process.hrtime.bigint() - t) / 1e9;
  clearInterval(sampler);
  await store.close();
  const figures: ExportFigures = { format, incidents, seconds, fileBytes: statSync(out).size, startRssBytes, peakRssBytes: Math.max(sampled, peakRssBytes()), peakAnonRssBytes: anon };
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

async function run(context: SuiteContext): Promise<SuiteOutcome> {
  const count = integerOption(context.options, 'export-incidents', 1);
  const seed = integerOption(context.options, 'seed', 0, 0xffffffff);
  const dir = mkdtempSync(join(tmpdir(), 'tally-bench-export-'));
  const db = join(dir, 'export.db');
  try {
    context.log(`export: generating and loading ${formatCount(count)} synthetic incidents …`);
    const load = await child(['--child', 'load', '--db', db, '--incidents', String(count), '--seed', String(seed)], context.log, [`--max-old-space-size=${LOAD_HEAP_MB}`]);
    const results: ExportFigures[] = [];
    for (const format of FORMATS) {
      context.log(`export: ${format} …`);
      results.push((await child(['--child', 'export', '--db', db, '--format', format, '--out', join(dir, `out.${format}`)], context.log)) as unknown as ExportFigures);
    }
    return {
      parameters: { incidents: count, seed },
      summary: [
        ['data', `${formatCount(count)} synthetic incidents (seed ${seed}) in SQLite, loaded in ${Number(load.loadSeconds).toFixed(1)} s by a separate process`],
        ['measured', 'each format exported to a file by a fresh process (tally export): peak RSS, and peak own RSS (anonymous memory, without the pages of the store file SQLite maps in)'],
      ],
      table: {
        columns: ['format', 'incidents', 'seconds', 'incidents/s', 'file', 'RSS at start', 'peak RSS', 'peak own RSS'],
        rows: results.map((r) => [
          r.format,
          formatCount(r.incidents),
          r.seconds.toFixed(1),
          formatCount(r.incidents / r.seconds),
          formatBytes(r.fileBytes),
          formatBytes(r.startRssBytes),
          formatBytes(r.peakRssBytes),
          r.peakAnonRssBytes === null ? 'n/a' : formatBytes(r.peakAnonRssBytes),
        ]),
      },
      results: { loadSeconds: load.loadSeconds, exports: results as unknown as JsonValue },
      notes: [],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const exportSuite: Suite = {
  name: 'export',
  description: 'peak RSS and speed of streamed exports (CSV, incidents/1 JSON, GeoJSON) of N synthetic incidents from SQLite',
  options: [
    { name: 'export-incidents', valueName: 'n', description: 'synthetic incidents in the exported store', defaultValue: String(DEFAULT_EXPORT_INCIDENTS) },
    { name: 'seed', valueName: 'n', description: 'seed of the corpus generator', defaultValue: String(DEFAULT_SEED) },
  ],
  run,
};

// Run directly with --child: load the store, or export it, and print the figures as JSON.
if (process.argv[1] && resolve(process.argv[1]) === THIS_FILE) {
  const { values } = parseArgs({ options: { child: { type: 'string' }, db: { type: 'string' }, incidents: { type: 'string' }, seed: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' } } });
  if (values.child === 'load' && values.db) {
    await loadChild(values.db, integerOption(new Map([['incidents', values.incidents ?? '']]), 'incidents', 1), integerOption(new Map([['seed', values.seed ?? String(DEFAULT_SEED)]]), 'seed', 0, 0xffffffff));
  } else if (values.child === 'export' && values.db && values.out && FORMATS.includes(values.format as never)) {
    await exportChild(values.db, values.format as (typeof FORMATS)[number], values.out);
  } else {
    process.stderr.write('bench/suites/export.ts is run by `npm run bench -- export`; run directly it takes --child load --db F --incidents N, or --child export --db F --format csv|json|geojson --out F\n');
    process.exit(2);
  }
}
