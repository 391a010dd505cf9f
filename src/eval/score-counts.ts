/**
 * Scoring per-document killed and injured counts (../shared/corpus/gvdb/README.md, and the
 * per-report part of ../shared/corpus/gva/README.md): a document's system figure is the largest
 * headline `best` among the incidents citing it, 0 when none (src/eval/document-figures.ts); it is
 * right when it equals the gold figure. Killed, injured and both are reported, beside the score of
 * an empty export (every figure 0) so a number can be read against what doing nothing gets.
 */
import { share, type Share } from './score-run.ts';
import type { CountGold } from './count-gold.ts';
import { figuresByDocument, type CountedExport, type SourcedFigure } from './document-figures.ts';

export interface CountShares {
  killed: Share;
  injured: Share;
  both: Share;
}

/** A document whose killed or injured figure is wrong. */
export interface CountMiss {
  id: string;
  /** The gold incident of a report (per-report gold only). */
  incident?: string;
  gold: { killed: number; injured: number };
  /** The system's figures with their sources; null is "no incident states one" (scored as 0). */
  system: { killed: SourcedFigure | null; injured: SourcedFigure | null };
}

export interface CountScore {
  documents: number;
  exact: CountShares;
  /** An empty export: every document 0 killed, 0 injured. */
  emptyBaseline: CountShares;
  /** In gold order. */
  misses: CountMiss[];
}

function shares(gold: readonly CountGold[], killedOf: (g: CountGold) => number, injuredOf: (g: CountGold) => number): CountShares {
  let killed = 0;
  let injured = 0;
  let both = 0;
  for (const g of gold) {
    const k = killedOf(g) === g.killed;
    const i = injuredOf(g) === g.injured;
    if (k) killed++;
    if (i) injured++;
    if (k && i) both++;
  }
  return { killed: share(killed, gold.length), injured: share(injured, gold.length), both: share(both, gold.length) };
}

export function scoreCounts(gold: readonly CountGold[], system: CountedExport): CountScore {
  const byDoc = figuresByDocument(system);
  const figure = (id: string, o: 'killed' | 'injured') => byDoc.get(id)?.[o] ?? null;
  const exact = shares(
    gold,
    (g) => figure(g.id, 'killed')?.value ?? 0,
    (g) => figure(g.id, 'injured')?.value ?? 0,
  );
  const misses: CountMiss[] = [];
  for (const g of gold) {
    const killed = figure(g.id, 'killed');
    const injured = figure(g.id, 'injured');
    if ((killed?.value ?? 0) !== g.killed || (injured?.value ?? 0) !== g.injured) {
      misses.push({ id: g.id, ...(g.incident === undefined ? {} : { incident: g.incident }), gold: { killed: g.killed, injured: g.injured }, system: { killed, injured } });
    }
  }
  return { documents: gold.length, exact, emptyBaseline: shares(gold, () => 0, () => 0), misses };
}

export type CountSummaryKey = 'killed.exact' | 'injured.exact' | 'both.exact';

/** Flat figures for thresholds and `--json`; rates are null when there was nothing to score. */
export function countSummary(score: CountScore): Record<CountSummaryKey, number | null> {
  return { 'killed.exact': score.exact.killed.rate, 'injured.exact': score.exact.injured.rate, 'both.exact': score.exact.both.rate };
}
