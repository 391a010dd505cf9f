/**
 * Tallies (a claimant's total over a period or region, kept apart from incidents) filtered for
 * browsing and for exports of a filtered set. Tallies are few — a handful per monitor report — so
 * they are filtered in memory rather than through store indexes.
 */
import type { Tally } from '../domain/types.ts';
import type { IncidentStore } from '../storage/incident-store.ts';

export interface TallyFilter {
  /** ISO dates; a tally matches when its period overlaps [from, to]. A tally without a period never matches a date filter. */
  from?: string;
  to?: string;
  /** Claimant id, compared case-insensitively. */
  claimant?: string;
  /** Tallies read from this document. */
  document?: string;
}

export function tallyMatches(tally: Tally, filter: TallyFilter): boolean {
  if (filter.from !== undefined || filter.to !== undefined) {
    if (!tally.period) return false;
    if (filter.from !== undefined && tally.period.end < filter.from) return false;
    if (filter.to !== undefined && tally.period.start > filter.to) return false;
  }
  if (filter.claimant !== undefined && (tally.claimant ?? '').toLowerCase() !== filter.claimant.toLowerCase()) return false;
  if (filter.document !== undefined && tally.document !== filter.document) return false;
  return true;
}

/** The stored tallies matching `filter`, in the store's order. */
export async function listTallies(store: IncidentStore, filter: TallyFilter = {}): Promise<Tally[]> {
  return (await store.listTallies()).filter((t) => tallyMatches(t, filter));
}
