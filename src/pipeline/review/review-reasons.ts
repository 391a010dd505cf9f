/**
 * Why an incident needs an analyst's eye (issue 11 step 4, docs/decisions/0021-review-queue.md).
 * Each reason is a rule with an id, a weight, a plain-language label and an invented example; an
 * incident's uncertainty is the sum of the weights of the reasons it has, and the review queue is
 * ordered by it. Reasons are read off the linked incident alone (its claims, figures, place, date
 * and the weakest join the linker made), so the queue needs nothing the store does not keep.
 * A pure function.
 */
import { headlineCount, headlineFigure } from '../../domain/headline-figure.ts';
import type { Claim, Incident } from '../../domain/types.ts';

export const REVIEW_REASON_IDS = [
  'machine-disagrees',
  'conflicting-figures',
  'disputed-perpetrator',
  'weak-link',
  'undated',
  'unplaced',
  'governorate-only',
  'figure-outside-quote',
  'large-figure',
  'rising-toll',
  'single-source',
] as const;
export type ReviewReasonId = (typeof REVIEW_REASON_IDS)[number];

export interface ReviewReasonRule {
  id: ReviewReasonId;
  /** Added to the incident's uncertainty when the reason holds. */
  weight: number;
  label: string;
  /** An invented incident the reason fires on. */
  example: string;
}

/** The rules, heaviest first (the order reasons are listed in). */
export const REVIEW_REASONS: readonly ReviewReasonRule[] = [
  { id: 'machine-disagrees', weight: 5, label: 'the machine now reads a field otherwise than an analyst set it', example: 'an analyst set killed 4; a new report made the machine read 6' },
  { id: 'conflicting-figures', weight: 4, label: 'claims give different killed or injured figures', example: 'a monitor says 12 killed, a ministry says 7' },
  { id: 'disputed-perpetrator', weight: 3, label: 'claims name different perpetrators', example: 'one outlet blames an air force, another rebel shelling' },
  { id: 'weak-link', weight: 3, label: 'a report joined the incident on weak evidence', example: 'two reports share a district and a day but no village or figure' },
  { id: 'undated', weight: 2.5, label: 'no report gives a date', example: 'an undated page says "a car bomb killed three"' },
  { id: 'unplaced', weight: 2.5, label: 'no place could be resolved', example: '"three were killed near the front line"' },
  { id: 'governorate-only', weight: 1.5, label: 'placed only at a governorate or province', example: '"in the eastern countryside of the province"' },
  { id: 'figure-outside-quote', weight: 2, label: "a claim's figure is stated outside the claim's quote", example: 'the quote is the headline; the toll is two sentences down' },
  { id: 'large-figure', weight: 1.5, label: 'a large figure (25 or more killed, or 50 or more injured)', example: '"at least 40 people were killed"' },
  { id: 'rising-toll', weight: 1, label: 'the toll rose between reports', example: 'a toll of 5 in the morning, 9 by the evening' },
  { id: 'single-source', weight: 1, label: 'one source only', example: 'a single outlet, with no claimant named' },
];

const RULE_OF = new Map(REVIEW_REASONS.map((r) => [r.id, r]));

export function reviewReasonRule(id: ReviewReasonId): ReviewReasonRule {
  return RULE_OF.get(id)!;
}

export function isReviewReasonId(s: string): s is ReviewReasonId {
  return RULE_OF.has(s as ReviewReasonId);
}

/** A reason an incident has, with what in it fired the rule. */
export interface ReviewReason {
  id: ReviewReasonId;
  weight: number;
  /** What in this incident fired the rule, e.g. "killed: 12 (monitor), 7 (ministry)". */
  detail: string;
}

/** Joins scored below this (and not copies of one wire story) are weak: the linker's threshold is 3–4. */
export const WEAK_LINK_SCORE = 4.5;
export const LARGE_KILLED = 25;
export const LARGE_INJURED = 50;

export function reviewReasons(incident: Incident): ReviewReason[] {
  const out: ReviewReason[] = [];
  const add = (id: ReviewReasonId, detail: string) => out.push({ id, weight: reviewReasonRule(id).weight, detail });

  const disagreements = incident.review.disagreements ?? [];
  if (disagreements.length) add('machine-disagrees', disagreements.map((d) => d.field).join(', '));

  const conflicts = (['killed', 'injured'] as const).map((outcome) => figureConflict(incident.claims, outcome)).filter((s): s is string => s !== null);
  if (conflicts.length) add('conflicting-figures', conflicts.join('; '));

  if (incident.perpetratorsDisputed) add('disputed-perpetrator', incident.perpetrators.join(' vs '));

  const link = incident.link;
  if (link && link.weakest < WEAK_LINK_SCORE) add('weak-link', `score ${link.weakest}: ${link.reasons.join(', ') || 'no evidence named'}`);

  if (incident.date.start === null) add('undated', 'date unknown');

  if (!incident.location) add('unplaced', 'no place resolved');
  else if (incident.location.precision === 'admin1' || incident.location.precision === 'country') add('governorate-only', `${incident.location.name} (${incident.location.precision})`);

  const outside = figuresOutsideQuote(incident.claims);
  if (outside.length) add('figure-outside-quote', outside.join('; '));

  const killed = headlineCount(incident.killed, 'best');
  const injured = headlineCount(incident.injured, 'best');
  if ((killed ?? 0) >= LARGE_KILLED || (injured ?? 0) >= LARGE_INJURED) add('large-figure', [killed !== null ? `${killed} killed` : '', injured !== null ? `${injured} injured` : ''].filter(Boolean).join(', '));

  const rising = risingToll(incident.claims);
  if (rising) add('rising-toll', rising);

  if ((incident.independentSources ?? incident.claims.length) <= 1) add('single-source', incident.claims[0] ? `${incident.claims[0].claimant}, ${incident.documents.length} document${incident.documents.length === 1 ? '' : 's'}` : 'no claim');

  return out;
}

/** The incident's uncertainty: the sum of its reasons' weights. */
export function uncertainty(reasons: readonly ReviewReason[]): number {
  return Math.round(reasons.reduce((s, r) => s + r.weight, 0) * 10) / 10;
}

/**
 * "killed: 7 (ministry), 12 (monitor)" when claims of different claimants or documents give
 * different headline figures; null when they agree. One claimant's figures in one document differ
 * when the text gives a total and its parts, so those alone are no conflict.
 */
function figureConflict(claims: readonly Claim[], outcome: 'killed' | 'injured'): string | null {
  const stated = claims.map((c) => ({ c, v: headlineFigure(c[outcome]) })).filter((x): x is { c: Claim; v: number } => x.v !== null);
  const conflicting = stated.some((a) => stated.some((b) => a.v !== b.v && (a.c.claimant !== b.c.claimant || a.c.document !== b.c.document)));
  if (!conflicting) return null;
  const byValue = new Map<number, Set<string>>();
  for (const { c, v } of stated) {
    if (!byValue.has(v)) byValue.set(v, new Set());
    byValue.get(v)!.add(c.claimant);
  }
  const parts = [...byValue.entries()].sort((a, b) => a[0] - b[0]).map(([v, who]) => `${v} (${[...who].sort().join(', ')})`);
  return `${outcome}: ${parts.join(', ')}`;
}

/** Figures whose words lie outside their claim's quote, as "killed 5 in claim 2". */
function figuresOutsideQuote(claims: readonly Claim[]): string[] {
  const out: string[] = [];
  claims.forEach((c, i) => {
    for (const f of c.figures ?? []) {
      if (f.start < c.start || f.end > c.end) out.push(`${f.outcome} ${f.value} in claim ${i + 1}`);
    }
  });
  return out;
}

/** "killed 5 → 9" when a later-published claim gives a higher killed figure than an earlier one. */
function risingToll(claims: readonly Claim[]): string | null {
  const dated = claims
    .map((c) => ({ at: c.published, v: headlineFigure(c.killed) }))
    .filter((x): x is { at: string; v: number } => x.at !== null && x.v !== null)
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.v - b.v));
  for (let i = 1; i < dated.length; i++) {
    const earlier = dated.slice(0, i).filter((x) => x.at < dated[i].at);
    const low = Math.min(...earlier.map((x) => x.v));
    if (earlier.length && dated[i].v > low) return `killed ${low} → ${Math.max(...dated.slice(i).map((x) => x.v))}`;
  }
  return null;
}
