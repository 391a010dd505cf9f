/**
 * The one figure rule of every export (incidents/1 JSON, the ACLED-column CSV, GeoJSON): a
 * category's figure never exceeds the total's figure of the same bound. Reconciliation keeps each
 * category's range apart (src/pipeline/link), so a later report's "nine civilians" can give
 * civilians a best of 9 while the total's best is a 7 another report stated; a row saying 9 of 7
 * killed were civilians misleads. When the incident states a total, each category's best, min and
 * max are capped at the total's best, min and max. Capping keeps min ≤ best ≤ max, and an
 * incident without a stated total is unchanged (its headline is then built from the categories,
 * src/domain/headline-figure.ts, and cannot be below any of them). The stored incident is never
 * changed: this is how it is written. docs/export-format-notes.md states the rule for readers.
 */
import { COUNT_CATEGORIES } from '../domain/types.ts';
import type { CountRange, CountSummary } from '../domain/types.ts';

function capped(range: CountRange, total: CountRange): CountRange {
  return { best: Math.min(range.best, total.best), min: Math.min(range.min, total.min), max: Math.min(range.max, total.max) };
}

/** The counts as every export writes them: categories capped at the total, bound by bound. */
export function boundedCounts(summary: CountSummary): CountSummary {
  const total = summary.total;
  if (total === undefined) return summary;
  const out: CountSummary = {};
  for (const category of COUNT_CATEGORIES) {
    const range = summary[category];
    if (range !== undefined) out[category] = category === 'total' ? range : capped(range, total);
  }
  return out;
}
