/**
 * `npm run bench [-- <suite>... [--option value]...]`: runs the named benchmark suites (all of
 * them when none is named) one after another in this process, prints each one's summary and
 * table to stdout, and writes its full results to bench/out/<suite>.json (gitignored) with the
 * time of the run and the machine it ran on. Options are the union of the suites' declared
 * options; `--list` prints suites and options. A suite that fails is reported and the others
 * still run; the exit code is then 1.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { formatSummary, formatTable } from './format-table.ts';
import { BenchOptionError, type JsonValue, type Suite, type SuiteOption } from './suite.ts';
import { SUITES } from './suites/index.ts';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const DEFAULT_OUT_DIR = join(BENCH_DIR, 'out');

/** A suite name or an option the runner cannot use. */
export class BenchUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BenchUsageError';
  }
}

/** Every suite's options, once each; two suites declaring one name differently is a programming error. */
export function collectOptions(suites: readonly Suite[]): SuiteOption[] {
  const byName = new Map<string, { option: SuiteOption; suite: string }>();
  for (const suite of suites) {
    for (const option of suite.options) {
      const seen = byName.get(option.name);
      if (seen && seen.option.defaultValue !== option.defaultValue) {
        throw new BenchUsageError(`option --${option.name} is declared by suites ${seen.suite} (default ${seen.option.defaultValue}) and ${suite.name} (default ${option.defaultValue}); give one of them another name`);
      }
      if (!seen) byName.set(option.name, { option, suite: suite.name });
    }
  }
  return [...byName.values()].map((v) => v.option);
}

export interface RunnerArgs {
  suites: Suite[];
  options: Map<string, string>;
  outDir: string;
  list: boolean;
}

export function parseRunnerArgs(argv: readonly string[], suites: readonly Suite[] = SUITES): RunnerArgs {
  const declared = collectOptions(suites);
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        ...Object.fromEntries(declared.map((o) => [o.name, { type: 'string' as const }])),
        out: { type: 'string' },
        list: { type: 'boolean' },
      },
    });
  } catch (e) {
    throw new BenchUsageError(`${e instanceof Error ? e.message : String(e)}\n${usage(suites)}`);
  }
  const names = parsed.positionals;
  const chosen = names.length === 0 ? [...suites] : names.map((n) => suites.find((s) => s.name === n) ?? unknownSuite(n, suites));
  const options = new Map<string, string>();
  const values = parsed.values as Record<string, string | boolean | undefined>;
  for (const o of declared) {
    const v = values[o.name];
    options.set(o.name, typeof v === 'string' ? v : o.defaultValue);
  }
  const out = parsed.values.out;
  return { suites: chosen, options, outDir: typeof out === 'string' ? out : DEFAULT_OUT_DIR, list: parsed.values.list === true };
}

function unknownSuite(name: string, suites: readonly Suite[]): never {
  throw new BenchUsageError(`no benchmark suite "${name}"; available: ${suites.map((s) => s.name).join(', ')}`);
}

export function usage(suites: readonly Suite[] = SUITES): string {
  const lines = ['usage: npm run bench -- [suite...] [--option value...] [--out dir] [--list]', 'suites:'];
  for (const s of suites) lines.push(`  ${s.name}  ${s.description}`);
  lines.push('options:');
  for (const o of collectOptions(suites)) lines.push(`  --${o.name} <${o.valueName}>  ${o.description} (default ${o.defaultValue})`);
  lines.push(`  --out <dir>  where <suite>.json files go (default ${relative(process.cwd(), DEFAULT_OUT_DIR) || '.'})`);
  return lines.join('\n');
}

function environment(): Record<string, JsonValue> {
  const cpus = os.cpus();
  return {
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpu: cpus[0]?.model ?? 'unknown',
    cpuCount: cpus.length,
    totalMemoryBytes: os.totalmem(),
  };
}

export async function main(argv: readonly string[], now: () => Date = () => new Date()): Promise<number> {
  let args: RunnerArgs;
  try {
    args = parseRunnerArgs(argv);
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  if (args.list) {
    process.stdout.write(`${usage()}\n`);
    return 0;
  }
  const env = environment();
  process.stdout.write(`node ${env.node}, ${env.platform}, ${env.cpuCount} × ${env.cpu}\n`);
  let failed = 0;
  for (const suite of args.suites) {
    const ranAt = now().toISOString();
    const options = new Map(suite.options.map((o) => [o.name, args.options.get(o.name) ?? o.defaultValue]));
    try {
      const outcome = await suite.run({ options, log: (line) => process.stderr.write(`${line}\n`) });
      mkdirSync(args.outDir, { recursive: true });
      const file = join(args.outDir, `${suite.name}.json`);
      const record = { suite: suite.name, ranAt, environment: env, ...outcome };
      writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`);
      process.stdout.write(`\n== ${suite.name} ==\n${formatSummary(outcome.summary)}\n\n${formatTable(outcome.table)}\n`);
      if (outcome.notes.length) process.stdout.write(`\nnotes:\n${outcome.notes.map((n) => `  ${n}`).join('\n')}\n`);
      process.stdout.write(`\nresults written to ${relative(process.cwd(), file)}\n`);
    } catch (e) {
      failed++;
      const what = e instanceof BenchOptionError ? e.message : e instanceof Error ? (e.stack ?? e.message) : String(e);
      process.stderr.write(`\n== ${suite.name} FAILED ==\n${what}\n`);
    }
  }
  return failed ? 1 : 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await main(process.argv.slice(2));
}
