/**
 * One number for "how many were killed" (or injured) when a statement, a mention or an incident
 * gives counts by category. Extraction (is this figure a part of that total?), linking (do two
 * reports give the same toll?), the exports (ACLED `fatalities`, GeoJSON `killed_best`) and the
 * store's filter columns all need the same single figure, so the rule lives here once:
 *
 * 1. `total` when stated;
 * 2. else `civilians` + `fighters` (disjoint categories; whichever are stated);
 * 3. else the larger of `children` and `women` — both are subsets of civilians
 *    (annotation-guide.md: "three children of the same family" → children 3 AND civilians 3), so
 *    adding them could double-count a girl; the larger is a safe lower bound;
 * 4. else null: nothing stated is "not stated", never zero.
 */
import type { CountCategory, CountRange, CountSet, CountSummary } from './types.ts';

export type CategoryFigures = Partial<Record<CountCategory, number>>;

export function headlineFigure(figures: CategoryFigures): number | null {
  if (figures.total !== undefined) return figures.total;
  const { civilians, fighters } = figures;
  if (civilians !== undefined || fighters !== undefined) return (civilians ?? 0) + (fighters ?? 0);
  const { children, women } = figures;
  if (children !== undefined || women !== undefined) return Math.max(children ?? 0, women ?? 0);
  return null;
}

/** The headline of a set of read counts (each category's stated value). */
export function headlineOfCounts(counts: CountSet): number | null {
  const figures: CategoryFigures = {};
  for (const [k, v] of Object.entries(counts) as [CountCategory, { value: number } | undefined][]) if (v) figures[k] = v.value;
  return headlineFigure(figures);
}

export type CountField = 'best' | 'min' | 'max';

/** The headline of an incident's reconciled counts, for each of `best`, `min` and `max` separately. */
export function headlineCount(summary: CountSummary, field: CountField): number | null {
  const figures: CategoryFigures = {};
  for (const [k, v] of Object.entries(summary) as [CountCategory, CountRange | undefined][]) if (v) figures[k] = v[field];
  return headlineFigure(figures);
}
