/**
 * What a benchmark suite is, for bench/run.ts: a name, the command-line options it reads (declared
 * up front so the runner can parse and list them before anything runs), and a run function that
 * returns its figures as JSON-ready results plus a summary and a table for people. Suites measure;
 * the runner owns argument parsing, printing and writing bench/out/<suite>.json.
 */

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface SuiteOption {
  /** Long option name without dashes ("articles" for --articles). */
  name: string;
  /** Placeholder shown in usage ("n"). */
  valueName: string;
  description: string;
  defaultValue: string;
}

export interface Table {
  columns: string[];
  /** Cells as printed; the same figures go unformatted into `results`. */
  rows: string[][];
}

export interface SuiteOutcome {
  /** What the run was asked to do (corpus size, seed, ...). */
  parameters: Record<string, JsonValue>;
  /** Label/value lines printed above the table. */
  summary: [string, string][];
  table: Table;
  /** Every figure, unformatted, for bench/out/<suite>.json. */
  results: Record<string, JsonValue>;
  /** Things a reader must know (failures, caveats). */
  notes: string[];
}

export interface SuiteContext {
  /** Values of the suite's declared options (defaults filled in), by name. */
  options: ReadonlyMap<string, string>;
  /** Progress lines (stderr), so stdout stays the report. */
  log(line: string): void;
}

export interface Suite {
  name: string;
  description: string;
  options: readonly SuiteOption[];
  run(context: SuiteContext): Promise<SuiteOutcome>;
}

/** A command-line value the runner or a suite cannot use. */
export class BenchOptionError extends Error {
  constructor(
    message: string,
    readonly option: string,
    readonly value: string | undefined,
  ) {
    super(message);
    this.name = 'BenchOptionError';
  }
}

/** An integer option within [min, max]; the error names the option, the value and what is valid. */
export function integerOption(options: ReadonlyMap<string, string>, name: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const raw = options.get(name);
  if (raw === undefined) throw new BenchOptionError(`--${name}: no value and no default (suite did not declare it)`, name, raw);
  const value = /^\d+$/.test(raw.trim().replace(/_/g, '')) ? Number(raw.trim().replace(/_/g, '')) : NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new BenchOptionError(`--${name}: expected a whole number from ${min} to ${max}, got "${raw}"`, name, raw);
  }
  return value;
}
