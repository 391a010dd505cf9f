/**
 * One number for "how many were killed" when an incident states counts by category. Exports (the
 * ACLED `fatalities` column, GeoJSON `killed_best`) and the store's filter columns ("minimum
 * killed") all need the same single figure, so the rule lives here once:
 *
 * 1. `total` when stated;
 * 2. else `civilians` + `fighters` (disjoint categories; whichever are stated);
 * 3. else the larger of `children` and `women` — both are subsets of civilians
 *    (annotation-guide.md: "three children of the same family" → children 3 AND civilians 3), so
 *    adding them could double-count a girl; the larger is a safe lower bound;
 * 4. else null: nothing stated is "not stated", never zero.
 *
 * The same rule is applied to `best`, `min` and `max` separately. ACLED's conservative figure is
 * the `min` of this (the lowest total any claim gave), with 0 when nothing is stated, as ACLED codes
 * unreported fatalities.
 */
import type { CountSummary } from '../domain/types.ts';

export type CountField = 'best' | 'min' | 'max';

export function headlineCount(summary: CountSummary, field: CountField): number | null {
  if (summary.total) return summary.total[field];
  const { civilians, fighters } = summary;
  if (civilians || fighters) return (civilians?.[field] ?? 0) + (fighters?.[field] ?? 0);
  const { children, women } = summary;
  if (children || women) return Math.max(children?.[field] ?? 0, women?.[field] ?? 0);
  return null;
}

/** ACLED `fatalities`: the lowest figure claimed, 0 when none was stated. */
export function acledFatalities(killed: CountSummary): number {
  return headlineCount(killed, 'min') ?? 0;
}
