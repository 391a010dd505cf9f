/**
 * Turns `/api/v1/stats?group_by=day|week|month|year&by_perpetrator=true` rows into the aligned arrays uPlot
 * draws: one x value per bucket (gaps filled with zero so the time axis is honest), one series per
 * perpetrator with its own values, and the running sums used to stack the bars. Also maps a brushed
 * range of buckets back to the `from`/`to` dates of the incident filter. Dates are handled as UTC
 * calendar days throughout so no time zone can shift a bucket.
 */
import { orderPerpetrators } from './perpetrator-palette.ts';

export type TimeBucket = 'day' | 'week' | 'month' | 'year';

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

/** The day number of the bucket after the one starting on `day` (months and years by the calendar). */
export function nextBucket(day: number, bucket: TimeBucket): number {
  if (bucket === 'day') return day + 1;
  if (bucket === 'week') return day + 7;
  const d = new Date(day * DAY_MS);
  const next = bucket === 'month' ? Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) : Date.UTC(d.getUTCFullYear() + 1, 0, 1);
  return Math.round(next / DAY_MS);
}

/** Last day covered by the bucket starting at `key`. */
export function bucketEnd(key: string, bucket: TimeBucket): string {
  return isoDay(nextBucket(dayNumber(key), bucket) - 1);
}

/** Most buckets of one kind the chart draws before it takes the next larger kind (bars stay wider than a few pixels). */
const MAX_BUCKETS_OF: Record<Exclude<TimeBucket, 'year'>, number> = { day: MAX_DAY_BUCKETS, week: 104, month: 120 };

/** Days while the span fits MAX_DAY_BUCKETS, then weeks (two years), months (ten years), years. */
export function autoBucket(firstDay: string, lastDay: string): TimeBucket {
  const days = dayNumber(lastDay) - dayNumber(firstDay) + 1;
  if (days <= MAX_BUCKETS_OF.day) return 'day';
  if (days / 7 <= MAX_BUCKETS_OF.week) return 'week';
  const months = (Number(lastDay.slice(0, 4)) - Number(firstDay.slice(0, 4))) * 12 + Number(lastDay.slice(5, 7)) - Number(firstDay.slice(5, 7)) + 1;
  return months <= MAX_BUCKETS_OF.month ? 'month' : 'year';
}

export function stackByPerpetrator(rows: readonly StatsRowJson[], bucket: TimeBucket): StackedSeries {
  const empty: StackedSeries = { bucket, keys: [], xs: [], perpetrators: [], raw: [], stacked: [], incidents: [] };
  if (rows.length === 0) return empty;
  const days = rows.map((r) => dayNumber(r.key));
  const first = Math.min(...days);
  const last = Math.max(...days);
  const allDays = new Set<number>(days);
  // Empty buckets between the rows keep the time axis honest, unless a stray date would make too many.
  const between: number[] = [];
  for (let d = first; d <= last && between.length <= MAX_BUCKETS; d = nextBucket(d, bucket)) between.push(d);
  if (between.length <= MAX_BUCKETS) for (const d of between) allDays.add(d);
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

const DAY_FORMAT = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
const DAY_YEAR_FORMAT = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const MONTH_YEAR_FORMAT = new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });

/**
 * Tick labels always show the year: on the first tick and wherever it changes for days and weeks
 * ("17 Sep 2019", "24 Sep", … "6 Jan 2020"), on every tick for months ("Sep 2019") and years.
 */
export function tickLabels(splits: readonly number[], bucket: TimeBucket): string[] {
  const year = (s: number) => new Date(s * 1000).getUTCFullYear();
  return splits.map((s, i) => {
    const date = new Date(s * 1000);
    if (bucket === 'year') return String(year(s));
    if (bucket === 'month') return MONTH_YEAR_FORMAT.format(date);
    return (i === 0 || year(s) !== year(splits[i - 1]) ? DAY_YEAR_FORMAT : DAY_FORMAT).format(date);
  });
}
