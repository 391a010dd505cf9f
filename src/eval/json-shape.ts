/**
 * Reading untrusted JSON (a gold file, a saved `incidents/1` export) into typed values at the
 * boundary. A `ShapeCheck` walks the value field by field, records every problem with the JSON path
 * where it occurred (`incidents[3].killed.total.min`) and what was expected there, and lets the
 * caller throw one error listing them all, so a hand-edited gold file is fixed in one pass rather
 * than one complaint at a time.
 */

export interface ShapeProblem {
  /** JSON path from the document root, e.g. `incidents[3].date.start`. */
  path: string;
  message: string;
}

const MAX_LISTED = 25;

/** One or more problems found while reading a JSON document of a given kind. */
export class JsonShapeError extends Error {
  constructor(
    /** The input the JSON came from (a file name, "argument"). */
    readonly where: string,
    /** What the JSON was supposed to be ("gold file", "incidents/1 export"). */
    readonly what: string,
    readonly problems: readonly ShapeProblem[],
  ) {
    const listed = problems.slice(0, MAX_LISTED).map((p) => `  ${p.path || '(root)'}: ${p.message}`);
    if (problems.length > MAX_LISTED) listed.push(`  … and ${problems.length - MAX_LISTED} more`);
    super(`${where}: not a valid ${what} (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${listed.join('\n')}`);
    this.name = 'JsonShapeError';
  }
}

export type JsonObject = Record<string, unknown>;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Path of a property below `path`, bracket-quoted when the key is not an identifier. */
export function pathKey(path: string, key: string): string {
  if (IDENTIFIER.test(key)) return path ? `${path}.${key}` : key;
  return `${path}[${JSON.stringify(key)}]`;
}

export function pathIndex(path: string, index: number): string {
  return `${path}[${index}]`;
}

/** A short rendering of a bad value for an error message. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing (field missing)';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (value !== null && typeof value === 'object') return 'an object';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar day written YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

/**
 * Collects problems while reading. Each reader returns the typed value, or a neutral placeholder
 * after recording a problem; callers check `problems` once at the end and throw.
 */
export class ShapeCheck {
  readonly problems: ShapeProblem[] = [];

  fail(path: string, message: string): void {
    this.problems.push({ path, message });
  }

  expected(path: string, what: string, got: unknown): void {
    this.fail(path, `expected ${what}, got ${describeValue(got)}`);
  }

  object(value: unknown, path: string): JsonObject | null {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as JsonObject;
    this.expected(path, 'an object', value);
    return null;
  }

  /** An object, or null/absent (returns null without a problem). */
  optObject(value: unknown, path: string): JsonObject | null {
    if (value === undefined || value === null) return null;
    return this.object(value, path);
  }

  array(value: unknown, path: string): unknown[] {
    if (Array.isArray(value)) return value;
    this.expected(path, 'an array', value);
    return [];
  }

  /** An array, or absent (empty). */
  optArray(value: unknown, path: string): unknown[] {
    if (value === undefined || value === null) return [];
    return this.array(value, path);
  }

  string(value: unknown, path: string, opts: { nonEmpty?: boolean } = {}): string {
    if (typeof value === 'string' && (!opts.nonEmpty || value.trim() !== '')) return value;
    this.expected(path, opts.nonEmpty ? 'a non-empty string' : 'a string', value);
    return '';
  }

  /** A string, or null/absent (null). */
  optString(value: unknown, path: string): string | null {
    if (value === undefined || value === null) return null;
    return this.string(value, path);
  }

  boolean(value: unknown, path: string, absent: boolean): boolean {
    if (value === undefined || value === null) return absent;
    if (typeof value === 'boolean') return value;
    this.expected(path, 'true or false', value);
    return absent;
  }

  number(value: unknown, path: string): number {
    if (typeof value === 'number' && Number.isFinite(value)) return value;
    this.expected(path, 'a number', value);
    return 0;
  }

  optNumber(value: unknown, path: string): number | null {
    if (value === undefined || value === null) return null;
    return this.number(value, path);
  }

  /** A whole number ≥ 0 (a count of people, a character offset). */
  count(value: unknown, path: string): number {
    if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
    this.expected(path, 'a whole number ≥ 0', value);
    return 0;
  }

  optCount(value: unknown, path: string): number | null {
    if (value === undefined || value === null) return null;
    return this.count(value, path);
  }

  isoDate(value: unknown, path: string): string {
    if (typeof value === 'string' && isIsoDate(value)) return value;
    this.expected(path, 'an ISO date YYYY-MM-DD', value);
    return '0000-01-01';
  }

  stringArray(value: unknown, path: string, opts: { optional?: boolean } = {}): string[] {
    const items = opts.optional ? this.optArray(value, path) : this.array(value, path);
    return items.map((item, i) => this.string(item, pathIndex(path, i), { nonEmpty: true }));
  }

  /** One of a fixed list of values. */
  oneOf<T extends string>(value: unknown, path: string, allowed: readonly T[]): T {
    if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
    this.expected(path, `one of ${allowed.join(', ')}`, value);
    return allowed[0];
  }

  /** Record a problem for every repeated id, naming where it first appeared. */
  uniqueIds(ids: readonly string[], path: string, field = 'id'): void {
    const first = new Map<string, number>();
    ids.forEach((id, i) => {
      const seen = first.get(id);
      if (seen === undefined) first.set(id, i);
      else this.fail(pathKey(pathIndex(path, i), field), `duplicate id ${JSON.stringify(id)} (also at ${pathIndex(path, seen)})`);
    });
  }
}
