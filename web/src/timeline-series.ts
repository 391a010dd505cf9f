/**
 * Turns `/api/v1/stats?group_by=day|week&by_perpetrator=true` rows into the aligned arrays uPlot
 * draws: one x value per bucket (gaps filled with zero so the time axis is honest), one series per
 * perpetrator with its own values, and the running sums used to stack the bars. Also maps a brushed
 * range of buckets back to the `from`/`to` dates of the incident filter. Dates are handled as UTC
 * calendar days throughout so no time zone can shift a bucket.
 */
import { orderPerpetrators } from './perpetrator-palette.ts';

export type TimeBucket = 'day' | 'week';

export interface StatsRowJson {
  key: string;
  perpetrator?: string;
  incidents: number;
  killed: number;
  civilians: number;
}

export interface StackedSeries {
  bucket: TimeBucket;
  /** Bucket start dates (ISO), ascending. */
  keys: string[];
  /** Bucket starts as Unix seconds (uPlot's time scale). */
  xs: number[];
  perpetrators: string[];
  /** raw[p][i]: killed by perpetrators[p] in bucket i. */
  raw: number[][];
  /** stacked[p][i]: raw summed over perpetrators 0..p. */
  stacked: number[][];
  incidents: number[];
}

export class TimelineDataError extends Error {
  constructor(readonly key: string, reason: string) {
    super(`stats row key "${key}" ${reason}; expected an ISO date YYYY-MM-DD`);
    this.name = 'TimelineDataError';
  }
}

const DAY_MS = 86_400_000;
/** More buckets than this per day would make bars thinner than a pixel on a laptop. */
export const MAX_DAY_BUCKETS = 120;
/** Guard against a stray far-off date exploding the axis into millions of empty buckets. */
const MAX_BUCKETS = 5000;

export function dayNumber(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) throw new TimelineDataError(iso, 'is not a date');
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (!Number.isFinite(ms)) throw new TimelineDataError(iso, 'is not a valid date');
  return Math.round(ms / DAY_MS);
}

export function isoDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function step(bucket: TimeBucket): number {
  return bucket === 'day' ? 1 : 7;
}

/** Last day covered by the bucket starting at `key`. */
export function bucketEnd(key: string, bucket: TimeBucket): string {
  return isoDay(dayNumber(key) + step(bucket) - 1);
}

/** 'day' when the span of incident dates fits MAX_DAY_BUCKETS days, else 'week'. */
export function autoBucket(firstDay: string, lastDay: string): TimeBucket {
  return dayNumber(lastDay) - dayNumber(firstDay) + 1 <= MAX_DAY_BUCKETS ? 'day' : 'week';
}

export function stackByPerpetrator(rows: readonly StatsRowJson[], bucket: TimeBucket): StackedSeries {
  const empty: StackedSeries = { bucket, keys: [], xs: [], perpetrators: [], raw: [], stacked: [], incidents: [] };
  if (rows.length === 0) return empty;
  const days = rows.map((r) => dayNumber(r.key));
  const first = Math.min(...days);
  const last = Math.max(...days);
  const allDays = new Set<number>(days);
  const stride = step(bucket);
  if ((last - first) / stride <= MAX_BUCKETS) {
    for (let d = first; d <= last; d += stride) allDays.add(d);
  }
  const ordered = [...allDays].sort((a, b) => a - b);
  const index = new Map(ordered.map((d, i) => [d, i]));
  const perpetrators = orderPerpetrators(rows.map((r) => r.perpetrator ?? 'unknown'));
  const pIndex = new Map(perpetrators.map((p, i) => [p, i]));
  const raw = perpetrators.map(() => ordered.map(() => 0));
  const incidents = ordered.map(() => 0);
  rows.forEach((r, n) => {
    const i = index.get(days[n])!;
    raw[pIndex.get(r.perpetrator ?? 'unknown')!][i] += r.killed;
    incidents[i] += r.incidents;
  });
  const stacked: number[][] = [];
  raw.forEach((values, p) => stacked.push(values.map((v, i) => v + (p > 0 ? stacked[p - 1][i] : 0))));
  return {
    bucket,
    keys: ordered.map(isoDay),
    xs: ordered.map((d) => (d * DAY_MS) / 1000),
    perpetrators,
    raw,
    stacked,
    incidents,
  };
}

/** The filter dates covering buckets `fromIndex..toIndex` (inclusive, any order). */
export function rangeOfBuckets(series: StackedSeries, fromIndex: number, toIndex: number): { from: string; to: string } | null {
  if (series.keys.length === 0) return null;
  const clamp = (i: number): number => Math.min(series.keys.length - 1, Math.max(0, Math.round(i)));
  const a = clamp(Math.min(fromIndex, toIndex));
  const b = clamp(Math.max(fromIndex, toIndex));
  return { from: series.keys[a], to: bucketEnd(series.keys[b], series.bucket) };
}
