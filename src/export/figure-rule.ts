/**
 * The one figure rule of every export (incidents/1 JSON, the ACLED-column CSV, GeoJSON): a
 * category's figure never exceeds the total's figure of the same bound. Reconciliation keeps each
 * category's range apart (src/pipeline/link), so a later report's "nine civilians" can give
 * civilians a best of 9 while the total's best is a 7 another report stated; a row saying 9 of 7
 * killed were civilians misleads. When the incident states a total, each category's best, min and
 * max are capped at the total's best, min and max. Capping keeps min ≤ best ≤ max, and an
 * incident without a stated total is unchanged (its headline is then built from the categories,
 * src/domain/headline-figure.ts, and cannot be below any of them).
 *
 * An analyst's figure stands (decision 0018): a figure an analyst edited is never capped, and when
 * it is above the total, the total of that bound is raised to it (at least that many died); counts
 * an analyst locked are written as locked. The stored incident is never changed: this is how it is
 * written. docs/export-format-notes.md states the rule for readers.
 */
import { COUNT_CATEGORIES } from '../domain/types.ts';
import type { CountCategory, CountRange, CountSummary, IncidentReview } from '../domain/types.ts';

const BOUNDS = ['best', 'min', 'max'] as const;
type Bound = (typeof BOUNDS)[number];

/** The figures of one outcome an analyst set, as `category.bound`, or `locked` when the analyst locked the counts. */
export type AnalystFigures = ReadonlySet<`${CountCategory}.${Bound}`> | 'locked';

/** What an analyst set of `outcome`'s counts, read from the machine values kept for the fields analysts set. */
export function analystFigures(review: IncidentReview, outcome: 'killed' | 'injured'): AnalystFigures {
  const fields = Object.keys(review.machine ?? {});
  if (fields.includes(outcome)) return 'locked';
  const prefix = `${outcome}.`;
  return new Set(fields.filter((f) => f.startsWith(prefix)).map((f) => f.slice(prefix.length) as `${CountCategory}.${Bound}`));
}

/** The total with each bound raised to the analysts' category figures above it, still min ≤ best ≤ max. */
function totalOver(summary: CountSummary, total: CountRange, analyst: ReadonlySet<string>): CountRange {
  const raised = { ...total };
  for (const bound of BOUNDS) {
    if (analyst.has(`total.${bound}`)) continue;
    for (const category of COUNT_CATEGORIES) {
      const range = summary[category];
      if (category !== 'total' && range !== undefined && analyst.has(`${category}.${bound}`)) raised[bound] = Math.max(raised[bound], range[bound]);
    }
  }
  raised.best = Math.max(raised.best, raised.min);
  raised.max = Math.max(raised.max, raised.best);
  return raised;
}

/** The counts as every export writes them: categories capped at the total, bound by bound, analysts' figures standing. */
export function boundedCounts(summary: CountSummary, analyst: AnalystFigures = new Set()): CountSummary {
  if (summary.total === undefined || analyst === 'locked') return summary;
  const total = totalOver(summary, summary.total, analyst);
  const out: CountSummary = {};
  for (const category of COUNT_CATEGORIES) {
    const range = summary[category];
    if (range === undefined) continue;
    if (category === 'total') {
      out.total = total;
      continue;
    }
    const capped = (bound: Bound) => (analyst.has(`${category}.${bound}`) ? range[bound] : Math.min(range[bound], total[bound]));
    out[category] = { best: capped('best'), min: capped('min'), max: capped('max') };
  }
  return out;
}
