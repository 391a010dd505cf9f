/**
 * Comparing a run's summary with agreed thresholds, so `npm run eval` can fail when a score falls
 * below (or a count rises above) what the project has committed to. A threshold is a minimum
 * (`0.6`, or `{ min: 0.6 }`), a maximum (`{ max: 3 }`), or both. A score that could not be measured
 * (null: nothing to measure) fails any threshold set on it, so a broken run cannot pass silently.
 * The keys are the gold-file summary's by default; the count and linking sets have their own.
 */
import type { SummaryKey } from './score-run.ts';

export type Threshold = number | { min?: number; max?: number };
export type Thresholds<K extends string = SummaryKey> = Partial<Record<K, Threshold>>;

export interface ThresholdResult<K extends string = SummaryKey> {
  key: K;
  value: number | null;
  min: number | null;
  max: number | null;
  ok: boolean;
}

/** One result per threshold, in key order. */
export function checkThresholds<K extends string = SummaryKey>(summary: Readonly<Partial<Record<K, number | null>>>, thresholds: Thresholds<K>): ThresholdResult<K>[] {
  return (Object.keys(thresholds) as K[]).sort().map((key) => {
    const t = thresholds[key] as Threshold;
    const min = typeof t === 'number' ? t : (t.min ?? null);
    const max = typeof t === 'number' ? null : (t.max ?? null);
    const value = summary[key] ?? null;
    const ok = value !== null && (min === null || value >= min) && (max === null || value <= max);
    return { key, value, min, max, ok };
  });
}
