/**
 * The headline figure (src/domain/headline-figure.ts) of an incident's reconciled counts, for each
 * of `best`, `min` and `max` separately. ACLED's conservative figure is the `min` of this (the
 * lowest total any claim gave), with 0 when nothing is stated, as ACLED codes unreported fatalities.
 */
import { headlineFigure, type CategoryFigures } from '../domain/headline-figure.ts';
import type { CountCategory, CountRange, CountSummary } from '../domain/types.ts';

export type CountField = 'best' | 'min' | 'max';

export function headlineCount(summary: CountSummary, field: CountField): number | null {
  const figures: CategoryFigures = {};
  for (const [k, v] of Object.entries(summary) as [CountCategory, CountRange | undefined][]) if (v) figures[k] = v[field];
  return headlineFigure(figures);
}

/** ACLED `fatalities`: the lowest figure claimed, 0 when none was stated. */
export function acledFatalities(killed: CountSummary): number {
  return headlineCount(killed, 'min') ?? 0;
}
