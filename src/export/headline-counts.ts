/**
 * ACLED's conservative figures of an incident: `fatalities` and the CSV's category figures beside
 * it. Each category's lowest claimed figure (`min`) is taken; a figure whose words were vague
 * ("dozens of civilians") is written with ACLED's code for those words ("dozens" 12,
 * ./acled-vocabulary.ts) instead of Tally's stricter floor (24), which stays in killed_min; then
 * the figure rule (./figure-rule.ts) caps each category at the total, and `fatalities` is the
 * headline of the result (src/domain/headline-figure.ts), 0 when nothing is stated, as ACLED codes
 * unreported fatalities.
 *
 * Which words stated a figure is read from the claims: each figure keeps the span of its words,
 * read again here with the extractor's quantity reader. A category's min is recoded only when a
 * claim's vague figure of that category has exactly that value, so an analyst's edited figure (no
 * claim states it) is written as the analyst set it.
 */
import { headlineCount } from '../domain/headline-figure.ts';
import type { Claim, CountCategory, CountRange, CountSummary, Incident } from '../domain/types.ts';
import { findQuantities } from '../pipeline/extract/numbers.ts';
import { ACLED_VAGUE_CODES } from './acled-vocabulary.ts';
import { analystFigures, boundedCounts } from './figure-rule.ts';

export interface AcledKilled {
  /** ACLED `fatalities`. */
  fatalities: number;
  /** Each stated category on the same footing as `fatalities`; absent when not stated. */
  categories: Partial<Record<CountCategory, number>>;
}

const VAGUE_RULE = /^vague:(.+)$/;

/** `category:value` → ACLED's code, for every killed figure of the claims stated in vague words. */
function vagueKilledFigures(claims: readonly Claim[]): Map<string, number> {
  const codes = new Map<string, number>();
  for (const claim of claims) {
    for (const figure of claim.figures ?? []) {
      if (figure.outcome !== 'killed') continue;
      const words = claim.quote.slice(figure.start - claim.start, figure.end - claim.start);
      const first = findQuantities(words)[0];
      const vague = first ? VAGUE_RULE.exec(first.quantity.rule) : null;
      const code = vague ? ACLED_VAGUE_CODES[vague[1]] : undefined;
      if (code !== undefined && first.quantity.value === figure.value) codes.set(`${figure.category}:${figure.value}`, code);
    }
  }
  return codes;
}

/** The incident's killed counts with each min coded as ACLED codes vague words. */
function acledCodedKilled(incident: Pick<Incident, 'killed' | 'claims'>): CountSummary {
  const codes = vagueKilledFigures(incident.claims);
  if (codes.size === 0) return incident.killed;
  const out: CountSummary = {};
  for (const [category, range] of Object.entries(incident.killed) as [CountCategory, CountRange | undefined][]) {
    if (range === undefined) continue;
    const code = codes.get(`${category}:${range.min}`);
    out[category] = code === undefined ? range : { best: Math.min(range.best, code), min: code, max: Math.max(range.max, code) };
  }
  return out;
}

/** ACLED's `fatalities` and the category figures that go beside it. */
export function acledKilled(incident: Pick<Incident, 'killed' | 'claims' | 'review'>): AcledKilled {
  const counts = boundedCounts(acledCodedKilled(incident), analystFigures(incident.review, 'killed'));
  const categories: AcledKilled['categories'] = {};
  for (const [category, range] of Object.entries(counts) as [CountCategory, CountRange | undefined][]) if (range) categories[category] = range.min;
  return { fatalities: headlineCount(counts, 'min') ?? 0, categories };
}

/** ACLED `fatalities`: the lowest figure claimed, vague words coded as ACLED does, 0 when none was stated. */
export function acledFatalities(incident: Pick<Incident, 'killed' | 'claims' | 'review'>): number {
  return acledKilled(incident).fatalities;
}
