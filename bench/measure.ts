/**
 * Clocks and counters the benchmark suites share: monotonic nanosecond timing with
 * process.hrtime.bigint(), the process's peak resident set size, and the formatting of rates,
 * durations and speed ratios the printed tables use. Kept apart so every suite reports time and
 * memory the same way.
 */

/** Nanoseconds since `start` (a process.hrtime.bigint() reading). */
export function elapsedNs(start: bigint): bigint {
  return process.hrtime.bigint() - start;
}

/** Runs `fn` over every item and returns the wall time of the whole pass in nanoseconds. */
export function timePass<T>(items: readonly T[], fn: (item: T, index: number) => void): bigint {
  const start = process.hrtime.bigint();
  for (let i = 0; i < items.length; i++) fn(items[i], i);
  return elapsedNs(start);
}

export function nsToSeconds(ns: bigint): number {
  return Number(ns) / 1e9;
}

/** Items per second, or 0 for a pass too short to time. */
export function perSecond(count: number, ns: bigint): number {
  return ns > 0n ? count / nsToSeconds(ns) : 0;
}

/** Peak resident set size of this process so far, in bytes (getrusage's ru_maxrss). */
export function peakRssBytes(): number {
  return process.resourceUsage().maxRSS * 1024;
}

export function formatBytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(0)} MB`;
}

export function formatSeconds(ns: bigint): string {
  const s = nsToSeconds(ns);
  return s >= 10 ? `${s.toFixed(1)} s` : s >= 0.01 ? `${s.toFixed(2)} s` : `${(s * 1000).toFixed(2)} ms`;
}

/** 1234567.8 → "1,234,568". */
export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/**
 * How much faster a pass is than the baseline pass: baselineNs / ns (2 = twice as fast).
 * Returns 0 when the pass took no measurable time.
 */
export function speedRatio(baselineNs: bigint, ns: bigint): number {
  return ns > 0n ? Number(baselineNs) / Number(ns) : 0;
}

/** "3.2× faster than pipeline" / "1.5× slower than pipeline" / "same speed as pipeline". */
export function describeRatio(ratio: number, baseline: string): string {
  if (ratio === 0) return 'not measurable';
  if (Math.abs(ratio - 1) < 0.05) return `same speed as ${baseline}`;
  const digits = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
  return ratio > 1 ? `${digits(ratio)}× faster than ${baseline}` : `${digits(1 / ratio)}× slower than ${baseline}`;
}
