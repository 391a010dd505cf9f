/**
 * Weighted vocabularies the synthetic benchmark corpora draw from (event types, perpetrators,
 * targets) and the draws made from them, shared so the linking and API suites generate data of the
 * same make-up.
 */
import type { EventType } from '../src/domain/types.ts';
import type { Rng } from './generate-corpus.ts';

const DAY_MS = 86_400_000;

/** A value drawn from `table` with probability proportional to its weight. */
export function weighted<T>(rng: Rng, table: readonly [T, number][]): T {
  let sum = 0;
  for (const [, w] of table) sum += w;
  let x = rng.float() * sum;
  for (const [v, w] of table) {
    x -= w;
    if (x < 0) return v;
  }
  return table[table.length - 1][0];
}

/**
 * A skewed draw over `items` in a seeded order: the k-th item of the shuffled order has weight
 * 1/(k+8), so a few (towns) are drawn often. Shuffles once now, then one float per draw.
 */
export function skewedPicker<T>(rng: Rng, items: readonly T[]): () => T {
  const order = rng.shuffle(items);
  const cumulative: number[] = [];
  let acc = 0;
  for (let k = 0; k < order.length; k++) cumulative.push((acc += 1 / (k + 8)));
  return () => {
    const x = rng.float() * acc;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return order[lo];
  };
}

/** The ISO date of a day number (days since 1970-01-01). */
export function isoDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export const EVENT_TYPE_WEIGHTS: readonly [EventType, number][] = [
  ['air_strike', 45],
  ['shelling', 30],
  ['armed_clash', 10],
  ['explosion', 8],
  ['attack', 5],
  ['other', 2],
];

export const PERPETRATOR_WEIGHTS: readonly [string, number][] = [
  ['russia', 25],
  ['syrian-government', 30],
  ['opposition', 8],
  ['hts', 6],
  ['turkey', 8],
  ['isis', 6],
  ['sdf', 4],
  ['us-coalition', 5],
  ['iran-backed', 3],
  ['unknown', 5],
];

export const TARGETS: readonly string[] = ['hospital', 'school', 'market', 'residential', 'camp', 'mosque', 'bakery', 'military'];
