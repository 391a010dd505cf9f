/**
 * Stable incident ids (issue 11, docs/decisions/0017-stable-incident-ids.md). Linking is a pure
 * function of the mentions and names each incident after its canonical founding mention; that name
 * moves when an earlier report arrives or the clusters change. This step, run after every relink,
 * carries ids forward instead: each incident takes the issued id whose covered mentions it holds
 * most of, and a new id is minted (the linker's own, founder-derived one) only when no issued id
 * matches. An id whose incident was absorbed becomes a previous id of the absorbing incident; an id
 * is never issued twice. It is a pure function of (linked incidents, their mention keys, the ids
 * issued so far); storage keeps the table between runs.
 *
 * A mention matches a covered key when both are in the same document version (content hash) and
 * their spans overlap, so a rule change that widens or narrows a mention's span keeps its id. With
 * no ids issued (a store linked from scratch) every incident keeps the linker's id, which does not
 * depend on ingest order.
 */
import type { Incident, IssuedIncidentId, MentionKey } from '../../domain/types.ts';
import { stableId } from './link-mentions.ts';

export interface IdentityInput {
  /** Linked incidents, in the linker's order; each id is the one to mint if nothing matches. */
  incidents: readonly Incident[];
  /** The mention keys of each incident (same order as `incidents`). */
  keys: readonly (readonly MentionKey[])[];
  /** Every id issued before this run, whatever its status. */
  issued: readonly IssuedIncidentId[];
  /**
   * Reports analysts split or detached from an incident, by the id they were taken from: they no
   * longer speak for that id, so the reports that stayed keep it and the moved ones get a new one.
   */
  departed?: ReadonlyMap<string, readonly MentionKey[]>;
}

export interface IdentityResult {
  /** The incidents with their carried or minted ids and previous ids, in the order given. */
  incidents: Incident[];
  /** The whole table after this run (every id ever issued), ordered by seq. */
  issued: IssuedIncidentId[];
  /** What happened to each id, for the run's report. */
  changes: IdentityChange[];
}

export type IdentityChange =
  | { kind: 'minted'; id: string }
  | { kind: 'merged'; id: string; into: string }
  | { kind: 'withdrawn'; id: string };

const versionKey = (document: string, contentHash: string) => `${document}\u0000${contentHash}`;

function overlap(a: { start: number; end: number }, b: { start: number; end: number }): number {
  return Math.min(a.end, b.end) - Math.max(a.start, b.start);
}

/**
 * The incidents holding a covered key. A mention of the same document version with exactly the
 * key's span holds it — every such mention: one sentence can tell two events ("three were killed
 * in A and two in B"), whose mentions then share a span, and each incident keeps its claim on it.
 * Otherwise the mention whose span matches it best (overlap over union, so a sentence is not taken
 * by a paragraph around it; ties: the earlier span, then the earlier incident). None when nothing
 * overlaps.
 */
function holdersOf(byVersion: Map<string, { incident: number; start: number; end: number }[]>, key: MentionKey): number[] {
  const candidates = byVersion.get(versionKey(key.document, key.contentHash)) ?? [];
  const exact = [...new Set(candidates.filter((m) => m.start === key.start && m.end === key.end).map((m) => m.incident))];
  if (exact.length) return exact;
  let best = -1;
  let bestScore = 0;
  let bestStart = Infinity;
  for (const m of candidates) {
    const o = overlap(m, key);
    if (o <= 0) continue;
    const score = o / (Math.max(m.end, key.end) - Math.min(m.start, key.start));
    if (best === -1 || score > bestScore || (score === bestScore && (m.start < bestStart || (m.start === bestStart && m.incident < best)))) {
      best = m.incident;
      bestScore = score;
      bestStart = m.start;
    }
  }
  return best === -1 ? [] : [best];
}

/** The id to mint for an incident: the linker's, or (when issued before) a deterministic variant of it. */
function mintedId(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 1; ; n++) {
    const id = stableId('inc', `${base}~${n}`);
    if (!taken.has(id)) return id;
  }
}

export function assignIncidentIds(input: IdentityInput): IdentityResult {
  const { incidents, keys, issued } = input;
  const departed = input.departed ?? new Map<string, readonly MentionKey[]>();
  const sameKey = (a: MentionKey, b: MentionKey) => a.document === b.document && a.contentHash === b.contentHash && a.start === b.start && a.end === b.end;
  if (keys.length !== incidents.length) throw new Error(`assignIncidentIds: ${incidents.length} incidents but ${keys.length} key lists; give one key list per incident`);

  const byVersion = new Map<string, { incident: number; start: number; end: number }[]>();
  keys.forEach((list, incident) => {
    for (const k of list) {
      const v = versionKey(k.document, k.contentHash);
      const at = byVersion.get(v) ?? [];
      at.push({ incident, start: k.start, end: k.end });
      byVersion.set(v, at);
    }
  });

  // How many of each current id's covered mentions each incident holds.
  const current = issued.filter((x) => x.status === 'current');
  const pairs: { id: IssuedIncidentId; incident: number; weight: number }[] = [];
  const heldBy = new Map<string, Map<number, number>>();
  for (const id of current) {
    const held = new Map<number, number>();
    const gone = departed.get(id.id) ?? [];
    for (const key of id.covers) {
      if (gone.some((g) => sameKey(g, key))) continue;
      for (const h of holdersOf(byVersion, key)) held.set(h, (held.get(h) ?? 0) + 1);
    }
    heldBy.set(id.id, held);
    for (const [incident, weight] of held) pairs.push({ id, incident, weight });
  }
  // Most shared mentions first; then the older id; then the id; then, between two incidents equally
  // holding one id, the one the linker would mint that id for (two incidents whose mentions share
  // a span keep their own ids, run after run); then the incident's own (linker) id.
  const own = (p: (typeof pairs)[number]) => (incidents[p.incident].id === p.id.id ? 0 : 1);
  const order = (a: (typeof pairs)[number], b: (typeof pairs)[number]) =>
    b.weight - a.weight || a.id.seq - b.id.seq || cmp(a.id.id, b.id.id) || own(a) - own(b) || cmp(incidents[a.incident].id, incidents[b.incident].id);
  pairs.sort(order);

  const assigned: (string | null)[] = incidents.map(() => null);
  const kept = new Set<string>();
  for (const p of pairs) {
    if (assigned[p.incident] !== null || kept.has(p.id.id)) continue;
    assigned[p.incident] = p.id.id;
    kept.add(p.id.id);
  }

  const taken = new Set(issued.map((x) => x.id));
  let seq = Math.max(0, ...issued.map((x) => x.seq));
  const changes: IdentityChange[] = [];
  const minted: IssuedIncidentId[] = [];
  incidents.forEach((incident, i) => {
    if (assigned[i] !== null) return;
    const id = mintedId(incident.id, taken);
    taken.add(id);
    assigned[i] = id;
    minted.push({ id, seq: ++seq, status: 'current', successor: null, covers: [...keys[i]] });
    changes.push({ kind: 'minted', id });
  });

  // Current ids that lost their incident: absorbed by the incident holding most of their mentions, else withdrawn.
  const successorOf = new Map<string, string | null>();
  for (const id of current) {
    if (kept.has(id.id)) continue;
    const held = [...heldBy.get(id.id)!.entries()].map(([incident, weight]) => ({ id, incident, weight })).sort(order);
    const into = held.length ? assigned[held[0].incident]! : null;
    successorOf.set(id.id, into);
    changes.push(into ? { kind: 'merged', id: id.id, into } : { kind: 'withdrawn', id: id.id });
  }

  const coversOf = new Map<string, MentionKey[]>();
  assigned.forEach((id, i) => coversOf.set(id!, [...keys[i]]));
  const table: IssuedIncidentId[] = issued.map((x) => {
    if (x.status === 'current' && kept.has(x.id)) return { ...x, covers: coversOf.get(x.id)! };
    if (x.status === 'current') {
      const into = successorOf.get(x.id)!;
      return { ...x, status: into ? 'merged' : 'withdrawn', successor: into };
    }
    if (x.status === 'merged' && x.successor !== null && successorOf.has(x.successor)) {
      // Its absorbing incident was absorbed or withdrawn now: follow it.
      const into = successorOf.get(x.successor)!;
      return { ...x, status: into ? 'merged' : 'withdrawn', successor: into };
    }
    return x;
  });
  table.push(...minted);
  table.sort((a, b) => a.seq - b.seq || cmp(a.id, b.id));

  const previous = new Map<string, string[]>();
  for (const x of table) if (x.status === 'merged') previous.set(x.successor!, [...(previous.get(x.successor!) ?? []), x.id]);
  return {
    incidents: incidents.map((incident, i) => ({ ...incident, id: assigned[i]!, previousIds: previous.get(assigned[i]!) ?? [] })),
    issued: table,
    changes,
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
