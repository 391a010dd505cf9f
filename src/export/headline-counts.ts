/**
 * ACLED's conservative figure: the `min` headline count (src/domain/headline-figure.ts) of an
 * incident's reconciled counts, the lowest total any claim gave, with 0 when nothing is stated, as
 * ACLED codes unreported fatalities.
 */
import { headlineCount } from '../domain/headline-figure.ts';
import type { CountSummary } from '../domain/types.ts';

/** ACLED `fatalities`: the lowest figure claimed, 0 when none was stated. */
export function acledFatalities(killed: CountSummary): number {
  return headlineCount(killed, 'min') ?? 0;
}
