/**
 * Merge, split and detach decisions as the linker's constraints (docs/decisions/0018-review-decisions-and-audit.md).
 * Decisions name reports by mention key (document, content hash, span), so they survive a relink
 * and even a rule change that moves a span; here each key is matched to the current mention in the
 * same document version whose span overlaps it most, as incident ids are (incident-identity.ts).
 * Decisions are read in the order recorded and a later one wins: a merge lifts earlier
 * cannot-link pairs between what it merges, a split or detach lifts earlier must-link pairs across
 * what it separates. A decision none of whose reports on one side still exists is orphaned (the
 * document changed, the mention vanished). A pure function.
 */
import type { Mention, MentionKey } from '../../domain/types.ts';
import type { ReviewDecision } from '../../domain/review.ts';
import type { LinkConstraints } from '../link/link-mentions.ts';

export interface KeyedMention {
  mention: Mention;
  key: MentionKey;
}

export interface ConstraintResult {
  constraints: LinkConstraints;
  /** Membership decisions whose reports are gone, by decision id, with the reason. */
  orphaned: Map<number, string>;
}

const versionKey = (k: MentionKey) => `${k.document}\u0000${k.contentHash}`;

/** Find the current mention a stored key names (same document version, most overlapping span). */
export function mentionFinder(mentions: readonly KeyedMention[]): (key: MentionKey) => string | null {
  const byVersion = new Map<string, KeyedMention[]>();
  for (const m of mentions) byVersion.set(versionKey(m.key), [...(byVersion.get(versionKey(m.key)) ?? []), m]);
  return (key) => {
    let best: string | null = null;
    let bestOverlap = -1;
    for (const m of byVersion.get(versionKey(key)) ?? []) {
      const o = Math.min(m.key.end, key.end) - Math.max(m.key.start, key.start);
      const hit = o > 0 || (o === 0 && m.key.start === key.start && m.key.end === key.end);
      if (hit && o > bestOverlap) (best = m.mention.id), (bestOverlap = o);
    }
    return best;
  };
}

const pairKey = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);

export function constraintsOf(decisions: readonly ReviewDecision[], mentions: readonly KeyedMention[]): ConstraintResult {
  const find = mentionFinder(mentions);
  const resolve = (keys: readonly MentionKey[]) => [...new Set(keys.map(find).filter((id): id is string => id !== null))];
  const must = new Map<string, [string, string]>();
  const cannot = new Map<string, [string, string]>();
  const orphaned = new Map<number, string>();
  const across = (xs: string[], ys: string[], add: Map<string, [string, string]>, lift: Map<string, [string, string]>) => {
    for (const x of xs)
      for (const y of ys) {
        if (x === y) continue;
        add.set(pairKey(x, y), [x, y]);
        lift.delete(pairKey(x, y));
      }
  };
  for (const d of [...decisions].sort((a, b) => a.id - b.id)) {
    const a = d.action;
    if (a.kind === 'merge') {
      const mine = resolve(a.mentions);
      const other = resolve(a.otherMentions);
      if (!mine.length || !other.length) {
        orphaned.set(d.id, `none of the reports of ${mine.length ? `incident ${a.other}` : `incident ${d.incidentId}`} exists any more`);
        continue;
      }
      // A chain is enough for must-link (groups are transitive); cannot-link pairs are lifted across all.
      const all = [...mine, ...other];
      for (let i = 1; i < all.length; i++) must.set(pairKey(all[0], all[i]), [all[0], all[i]]);
      for (const x of all) for (const y of all) if (x !== y) cannot.delete(pairKey(x, y));
    } else if (a.kind === 'split') {
      const moved = resolve(a.moved);
      const kept = resolve(a.kept);
      if (!moved.length || !kept.length) {
        orphaned.set(d.id, moved.length ? 'none of the reports that stay exists any more' : 'none of the reports split off exists any more');
        continue;
      }
      for (let i = 1; i < moved.length; i++) must.set(pairKey(moved[0], moved[i]), [moved[0], moved[i]]);
      across(moved, kept, cannot, must);
    } else if (a.kind === 'detach') {
      const [detached] = resolve([a.mention]);
      if (detached === undefined) {
        orphaned.set(d.id, `the detached report (document ${a.mention.document}, characters ${a.mention.start}-${a.mention.end}) no longer exists in that version`);
        continue;
      }
      across([detached], resolve(a.kept), cannot, must);
    }
  }
  // Must-link groups are transitive, so a cannot-link pair may still fall inside one group through
  // a chain of merges; the linker then keeps the group together (a join an analyst asked for).
  return { constraints: { mustLink: [...must.values()], cannotLink: [...cannot.values()] }, orphaned };
}

/**
 * The reports each split or detach decision moved away from the incident id it was made on: they
 * no longer speak for that id when ids are carried forward (assignIncidentIds), so the reports that
 * stayed keep it and the moved ones get a new one (docs/decisions/0021-review-queue.md).
 */
export function departedReports(decisions: readonly ReviewDecision[]): Map<string, MentionKey[]> {
  const departed = new Map<string, MentionKey[]>();
  for (const d of decisions) {
    const moved = d.action.kind === 'split' ? d.action.moved : d.action.kind === 'detach' ? [d.action.mention] : [];
    if (moved.length) departed.set(d.incidentId, [...(departed.get(d.incidentId) ?? []), ...moved]);
  }
  return departed;
}
