/**
 * Syndicated-copy detection: finds documents whose texts are near-duplicates (one wire story
 * republished by several outlets under their own headlines and footers, a lightly reworded copy,
 * a copy with an extra paragraph) so that a figure they all carry counts as ONE claim carried by
 * several outlets, not as independent confirmations (annotation guide, "claimants"). Texts become
 * sets of word 5-shingles (Broder 1997, "On the resemblance and containment of documents");
 * MinHash signatures with LSH banding (Leskovec, Rajaraman & Ullman, Mining of Massive Datasets,
 * ch. 3) propose candidate pairs in near-linear time; each candidate is then verified on the exact
 * shingle sets, by resemblance (Jaccard) or by containment (a copy inside a longer text). Groups
 * come from union-find over verified pairs, strongest first, refusing a merge that would put two
 * texts with almost nothing in common into one group (a daily round-up that copies two unrelated
 * wire briefs must not make the briefs copies of each other). Pure functions: the result depends
 * only on the set of documents, never on their order.
 */

// ---------------------------------------------------------------------------------------------
// Options and errors

export interface SyndicationOptions {
  /** Words per shingle. 5 is Broder's choice for short texts: long enough that two independent
   * reporters rarely write the same five words, short enough that one changed word costs little. */
  shingleSize?: number;
  /** LSH bands × rows = MinHash signature length (42 × 3 = 126 hashes). */
  bands?: number;
  rows?: number;
  /** A pair is a copy when the Jaccard resemblance of its shingle sets reaches this. */
  jaccardThreshold?: number;
  /** …or when this share of the smaller text's shingles is found in the larger one. */
  containmentThreshold?: number;
  /** Containment only counts when the smaller text has at least this many shingles. */
  minContainedShingles?: number;
  /** Texts with fewer shingles are grouped only with identical texts. */
  minShingles?: number;
  /** Every two members of a group must share at least this share of the smaller one's shingles. */
  groupFloor?: number;
}

/**
 * Threshold choices (measured in test/link/syndication.test.ts on texts written for it):
 * - containment 0.5: at least half of the smaller text's five-word sequences appear in the other.
 *   The wire story under five outlets' headlines, bylines and footers scores 0.9-0.97; with an
 *   added paragraph or trimmed to its first half, 0.9+; with three of ten sentences rewritten and
 *   one dropped, 0.65. Two independent reports of the same strike, with the same figures and the
 *   same quoted monitor, score 0.03 (stock phrases such as "the Syrian Observatory for Human
 *   Rights"), so the margin on that side is wide; a long statement quoted verbatim by two
 *   otherwise independent reports stays well under a half of either.
 * - minContainedShingles 30 (about two sentences): below that, one shared sentence would be half
 *   of the text, so short texts are grouped on resemblance only.
 * - jaccard 0.5: Broder's "roughly the same" resemblance; since Jaccard ≤ containment it adds
 *   only pairs too short for containment, and names the basis of near-verbatim copies.
 * - LSH 42 bands of 3 rows: a pair with Jaccard s becomes a candidate with probability
 *   1-(1-s³)^42: 0.996 at s = 0.5, 0.94 at 0.4, 0.68 at 0.3, 0.48 at 0.25, but 0.005 at 0.05, so
 *   copies are found while unrelated texts on the same war rarely need exact verification
 *   (32 × 4 missed 1% of the planted copies in the 10,000-document test; 63 × 2 verified 20×
 *   more candidates). A copy that keeps less than about a quarter of a much longer original has
 *   Jaccard ≤ 0.25 and may be missed.
 * - groupFloor 0.3: complete-linkage check at merge time (every two members share ≥ 30 % of the
 *   smaller); chains of copies (the wire, a reworded copy, a trimmed copy) stay above 0.6,
 *   unrelated stories joined only through a round-up sit near 0.
 */
export const SYNDICATION_DEFAULTS: Readonly<Required<SyndicationOptions>> = Object.freeze({
  shingleSize: 5,
  bands: 42,
  rows: 3,
  jaccardThreshold: 0.5,
  containmentThreshold: 0.5,
  minContainedShingles: 30,
  minShingles: 10,
  groupFloor: 0.3,
});

/** An option out of range (names the option, the value and what is valid). */
export class SyndicationOptionsError extends Error {
  override readonly name = 'SyndicationOptionsError';
  constructor(
    readonly option: string,
    readonly value: unknown,
    readonly expected: string,
  ) {
    super(`syndication option ${option}: ${JSON.stringify(value)} is invalid; expected ${expected}`);
  }
}

/** A document list that cannot be compared (names the document and its index in the input). */
export class SyndicationInputError extends Error {
  override readonly name = 'SyndicationInputError';
  constructor(
    readonly index: number,
    readonly docId: string | null,
    readonly detail: string,
  ) {
    super(`syndication input, document ${index}${docId === null ? '' : ` (id ${JSON.stringify(docId)})`}: ${detail}`);
  }
}

function resolveOptions(opts: SyndicationOptions | undefined): Required<SyndicationOptions> {
  const o = { ...SYNDICATION_DEFAULTS, ...opts };
  const int = (k: 'shingleSize' | 'bands' | 'rows' | 'minContainedShingles' | 'minShingles', min: number) => {
    if (!Number.isInteger(o[k]) || o[k] < min) throw new SyndicationOptionsError(k, o[k], `an integer ≥ ${min}`);
  };
  const share = (k: 'jaccardThreshold' | 'containmentThreshold' | 'groupFloor') => {
    if (typeof o[k] !== 'number' || !(o[k] > 0 && o[k] <= 1)) throw new SyndicationOptionsError(k, o[k], 'a number in (0, 1]');
  };
  int('shingleSize', 1);
  int('bands', 1);
  int('rows', 1);
  int('minContainedShingles', 1);
  int('minShingles', 1);
  share('jaccardThreshold');
  share('containmentThreshold');
  share('groupFloor');
  if (o.bands * o.rows > 1024) throw new SyndicationOptionsError('bands', o.bands, `bands × rows ≤ 1024 (rows is ${o.rows})`);
  return o;
}

// ---------------------------------------------------------------------------------------------
// Hashing (32-bit, deterministic; written here so the core has no dependency)

/** FNV-1a, 32 bits, over UTF-16 code units (http://www.isthe.com/chongo/tech/comp/fnv/). */
export function fnv1a32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** MurmurHash3's finaliser: every input bit affects every output bit. */
function fmix32(x: number): number {
  let h = x;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** MurmurHash3 x86_32 over a run of 32-bit words (here: word hashes or signature rows). */
function murmur3Words(words: ArrayLike<number>, start: number, count: number, seed: number): number {
  let h = seed;
  for (let i = start; i < start + count; i++) {
    let k = Math.imul(words[i], 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  return fmix32(h ^ (count * 4));
}

/** Fixed seeds for the MinHash functions (SplitMix32-style sequence from a constant). */
function minhashSeeds(n: number): Uint32Array {
  const seeds = new Uint32Array(n);
  let s = 0x9e3779b9;
  for (let i = 0; i < n; i++) {
    s = (s + 0x9e3779b9) >>> 0;
    seeds[i] = fmix32(s);
  }
  return seeds;
}

// ---------------------------------------------------------------------------------------------
// Shingles

const MARKS = /[\p{M}\u0640]+/gu; // combining marks (accents, Arabic harakat) and tatweel
const APOSTROPHES = /['\u2018\u2019\u02BC\u02BF\u00B4`]/g; // "Assad's" = "Assads", "Ma'arrat" = "Maarrat"
const WORD = /[\p{L}\p{N}]+/gu;

/**
 * The words a text is compared on: compatibility-decomposed, accents and Arabic diacritics
 * dropped, lower-cased, apostrophes removed, then runs of letters and digits. Punctuation,
 * dashes, quotes, bullets and line breaks are separators, so a dateline "BEIRUT (AP) —" and a
 * copy's "Beirut, Syria -" differ in words only.
 */
export function comparisonWords(text: string): string[] {
  return text.normalize('NFKD').replace(MARKS, '').toLowerCase().replace(APOSTROPHES, '').match(WORD) ?? [];
}

/**
 * The sorted, distinct 32-bit hashes of a text's word k-shingles. A text shorter than k words
 * has one shingle: all its words.
 */
export function shingleHashes(text: string, k = SYNDICATION_DEFAULTS.shingleSize): Uint32Array {
  const words = comparisonWords(text);
  if (!words.length) return new Uint32Array(0);
  const wh = new Uint32Array(words.length);
  for (let i = 0; i < words.length; i++) wh[i] = fnv1a32(words[i]);
  const span = Math.min(k, words.length);
  const n = words.length - span + 1;
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) out[i] = murmur3Words(wh, i, span, 0x5eed);
  out.sort();
  let w = 0;
  for (let i = 0; i < n; i++) if (i === 0 || out[i] !== out[w - 1]) out[w++] = out[i];
  return out.slice(0, w);
}

function minhashSignature(shingles: Uint32Array, seeds: Uint32Array): Uint32Array {
  const sig = new Uint32Array(seeds.length).fill(0xffffffff);
  for (let s = 0; s < shingles.length; s++) {
    const x = shingles[s];
    for (let i = 0; i < seeds.length; i++) {
      const v = fmix32(x ^ seeds[i]);
      if (v < sig[i]) sig[i] = v;
    }
  }
  return sig;
}

/** |A ∩ B| of two sorted, distinct arrays. */
function intersectionSize(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      n++;
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return n;
}

function sameArray(a: Uint32Array, b: Uint32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

// ---------------------------------------------------------------------------------------------
// Grouping

export interface SyndicationDoc {
  id: string;
  text: string;
}

/** Why two documents are copies: `identical` = the same shingle set (same words, any furniture
 * of punctuation or layout); `jaccard` = resemblance; `containment` = the smaller inside the larger. */
export type CopyBasis = 'identical' | 'jaccard' | 'containment';

export interface CopyPair {
  /** a < b (UTF-16 code-unit order). */
  a: string;
  b: string;
  jaccard: number;
  /** |A ∩ B| / min(|A|, |B|): the share of the smaller text found in the other. */
  containment: number;
  basis: CopyBasis;
  /** False when the pair is a copy but its documents sit in different groups because joining
   * them would have grouped unrelated texts (a round-up carrying two different wire briefs). */
  inGroup: boolean;
}

export interface SyndicationGroup {
  /** The smallest member id. */
  id: string;
  /** Sorted member ids, at least two. */
  members: string[];
  /** The weakest link holding the group together: the lowest score (Jaccard, or containment
   * for containment pairs) among the pairs that joined it; 1 for identical copies. */
  similarity: number;
}

export type SkipReason = 'no-words' | 'too-short';

export interface SyndicationResult {
  /** Document id → group id, for grouped documents only (`groupOf.get(id) ?? id` is the source unit). */
  groupOf: Map<string, string>;
  /** Sorted by id. */
  groups: SyndicationGroup[];
  /** Every verified copy pair, sorted by (a, b): the evidence for the groups. Identical texts are
   * paired with the smallest id among them only; near-duplicates with every candidate that passed,
   * so a story copied m times yields about m²/2 pairs (the one cost that is not linear). */
  pairs: CopyPair[];
  /** Documents with no words (never grouped) or too few shingles (grouped only when identical). */
  skipped: { id: string; reason: SkipReason; shingles: number }[];
  /** Work done: LSH candidate pairs verified exactly (near-linear when this stays near documents). */
  stats: { documents: number; candidates: number };
}

const byCodeUnits = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

interface Verified {
  i: number;
  j: number;
  jaccard: number;
  containment: number;
  basis: CopyBasis;
}

/**
 * Groups near-duplicate documents. Documents are first put in id order, so indices, LSH buckets,
 * the order pairs are merged in and every tie-break depend on the ids and texts only.
 */
export function syndicationGroups(docs: readonly SyndicationDoc[], opts?: SyndicationOptions): SyndicationResult {
  const o = resolveOptions(opts);
  const seen = new Map<string, number>();
  docs.forEach((d, idx) => {
    if (d === null || typeof d !== 'object') throw new SyndicationInputError(idx, null, `expected { id, text }, got ${d === null ? 'null' : typeof d}`);
    if (typeof d.id !== 'string' || !d.id) throw new SyndicationInputError(idx, null, `id must be a non-empty string, got ${JSON.stringify(d.id)}`);
    if (typeof d.text !== 'string') throw new SyndicationInputError(idx, d.id, `text must be a string, got ${typeof d.text}`);
    const prev = seen.get(d.id);
    if (prev !== undefined) throw new SyndicationInputError(idx, d.id, `duplicate id (also document ${prev})`);
    seen.set(d.id, idx);
  });
  const sorted = [...docs].sort((x, y) => byCodeUnits(x.id, y.id));
  const ids = sorted.map((d) => d.id);
  const sets = sorted.map((d) => shingleHashes(d.text, o.shingleSize));
  const n = sorted.length;

  const skipped: SyndicationResult['skipped'] = [];
  const verified: Verified[] = [];

  // 1. Identical shingle sets: one representative (the smallest id) stands for its class.
  const rep = new Int32Array(n).fill(-1);
  const byPrint = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    const s = sets[i];
    if (!s.length) {
      skipped.push({ id: ids[i], reason: 'no-words', shingles: 0 });
      continue;
    }
    if (s.length < o.minShingles) skipped.push({ id: ids[i], reason: 'too-short', shingles: s.length });
    const key = `${s.length}:${murmur3Words(s, 0, s.length, 0xd0c5)}`;
    const reps = byPrint.get(key);
    const same = reps?.find((r) => sameArray(sets[r], s));
    if (same !== undefined) {
      rep[i] = same;
      verified.push({ i: same, j: i, jaccard: 1, containment: 1, basis: 'identical' });
    } else {
      rep[i] = i;
      if (reps) reps.push(i);
      else byPrint.set(key, [i]);
    }
  }

  // 2. MinHash + LSH banding over representatives long enough to compare.
  const seeds = minhashSeeds(o.bands * o.rows);
  const buckets = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    if (rep[i] !== i || sets[i].length < o.minShingles) continue;
    const sig = minhashSignature(sets[i], seeds);
    for (let b = 0; b < o.bands; b++) {
      const key = b * 0x1_0000_0000 + murmur3Words(sig, b * o.rows, o.rows, b);
      const list = buckets.get(key);
      if (list) list.push(i);
      else buckets.set(key, [i]);
    }
  }
  const candidates = new Set<number>();
  for (const list of buckets.values()) {
    if (list.length < 2) continue;
    for (let x = 0; x < list.length; x++) for (let y = x + 1; y < list.length; y++) candidates.add(list[x] * n + list[y]);
  }

  // 3. Exact verification of candidates.
  const overlapCache = new Map<number, number>();
  const containmentOf = (i: number, j: number): number => {
    const key = i < j ? i * n + j : j * n + i;
    let c = overlapCache.get(key);
    if (c === undefined) {
      c = intersectionSize(sets[i], sets[j]) / Math.min(sets[i].length, sets[j].length);
      overlapCache.set(key, c);
    }
    return c;
  };
  for (const key of [...candidates].sort((x, y) => x - y)) {
    const i = Math.floor(key / n);
    const j = key - i * n;
    const a = sets[i];
    const b = sets[j];
    const inter = intersectionSize(a, b);
    const small = Math.min(a.length, b.length);
    const jaccard = inter / (a.length + b.length - inter);
    const containment = inter / small;
    overlapCache.set(key, containment);
    if (jaccard >= o.jaccardThreshold) verified.push({ i, j, jaccard, containment, basis: 'jaccard' });
    else if (containment >= o.containmentThreshold && small >= o.minContainedShingles) verified.push({ i, j, jaccard, containment, basis: 'containment' });
  }

  // 4. Union-find, strongest pairs first, with a complete-linkage floor between representatives.
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (x: number): number => {
    let r = x;
    while (parent[r] !== r) r = parent[r];
    while (parent[x] !== r) {
      const next = parent[x];
      parent[x] = r;
      x = next;
    }
    return r;
  };
  const repsOf = new Map<number, number[]>(); // root → representative members
  const weakest = new Map<number, number>(); // root → lowest joining score
  const score = (v: Verified) => (v.basis === 'containment' ? v.containment : v.jaccard);
  const order = [...verified].sort(
    (x, y) => y.jaccard - x.jaccard || y.containment - x.containment || byCodeUnits(ids[x.i], ids[y.i]) || byCodeUnits(ids[x.j], ids[y.j]),
  );
  // A refused merge stays refused while both groups are unchanged (roots keep their members
  // until merged away; a group that grew is re-checked).
  const refused = new Map<number, number>(); // ra * n + rb → size of a * n + size of b
  for (const v of order) {
    const ra = find(v.i);
    const rb = find(v.j);
    if (ra === rb) continue;
    const ma = repsOf.get(ra) ?? [rep[v.i]];
    const mb = repsOf.get(rb) ?? [rep[v.j]];
    if (v.basis !== 'identical') {
      const key = Math.min(ra, rb) * n + Math.max(ra, rb);
      const sizes = ra < rb ? ma.length * n + mb.length : mb.length * n + ma.length;
      if (refused.get(key) === sizes) continue;
      if (!ma.every((x) => mb.every((y) => containmentOf(x, y) >= o.groupFloor))) {
        refused.set(key, sizes);
        continue;
      }
    }
    const root = Math.min(ra, rb);
    parent[Math.max(ra, rb)] = root;
    repsOf.set(root, v.basis === 'identical' ? ma : [...ma, ...mb]);
    repsOf.delete(Math.max(ra, rb));
    weakest.set(root, Math.min(weakest.get(ra) ?? 1, weakest.get(rb) ?? 1, score(v)));
  }

  const members = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const r = find(i);
    const list = members.get(r);
    if (list) list.push(i);
    else members.set(r, [i]);
  }
  const groupOf = new Map<string, string>();
  const groups: SyndicationGroup[] = [];
  for (const [root, list] of members) {
    if (list.length < 2) continue;
    const memberIds = list.map((i) => ids[i]); // already in id order
    for (const id of memberIds) groupOf.set(id, memberIds[0]);
    groups.push({ id: memberIds[0], members: memberIds, similarity: round4(weakest.get(root) ?? 1) });
  }
  groups.sort((x, y) => byCodeUnits(x.id, y.id));
  const pairs: CopyPair[] = verified
    .map((v) => ({ a: ids[v.i], b: ids[v.j], jaccard: round4(v.jaccard), containment: round4(v.containment), basis: v.basis, inGroup: find(v.i) === find(v.j) }))
    .sort((x, y) => byCodeUnits(x.a, y.a) || byCodeUnits(x.b, y.b));
  return { groupOf, groups, pairs, skipped, stats: { documents: n, candidates: candidates.size } };
}

// ---------------------------------------------------------------------------------------------
// Independent confirmations

export interface ClaimCarriage {
  claimant: string;
  documents: readonly string[];
}

export interface IndependentSource {
  claimant: string;
  /** Sorted ids of the documents through which this one source's claim reached us. */
  documents: string[];
}

export interface IndependenceOptions {
  /**
   * Claimants whose word is one source however many outlets independently quote it (the
   * annotation guide: "two outlets quoting the same monitor are one claim"), e.g. `sohr`, `un`.
   * Default: none, so only copies collapse and e.g. `witnesses` heard by two newsrooms count twice.
   */
  singleSource?: (claimant: string) => boolean;
}

/**
 * Counts independent confirmations among claims: one (claimant, document) carriage is one unit;
 * units with the same claimant collapse when their documents are in the same syndication group
 * or are a verified copy pair (a round-up copying a brief, kept out of the brief's group). A claim
 * listing documents from two unrelated outlets is two confirmations. Sources are sorted by
 * claimant, then first document.
 */
export function independentSources(
  claims: readonly ClaimCarriage[],
  syndication: { groupOf: ReadonlyMap<string, string>; pairs?: readonly Pick<CopyPair, 'a' | 'b'>[] },
  opts: IndependenceOptions = {},
): { count: number; sources: IndependentSource[] } {
  const unitOf = (doc: string) => syndication.groupOf.get(doc) ?? doc;
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(x, r);
    return r;
  };
  const union = (x: string, y: string) => {
    const rx = find(x);
    const ry = find(y);
    if (rx !== ry) parent.set(rx < ry ? ry : rx, rx < ry ? rx : ry);
  };
  const docsOfNode = new Map<string, Set<string>>();
  const claimantOfNode = new Map<string, string>();
  const nodesByUnit = new Map<string, string[]>(); // unit → nodes (for copy pairs across groups)
  for (const c of claims) {
    for (const d of c.documents) {
      const unit = opts.singleSource?.(c.claimant) ? '' : unitOf(d);
      const node = `${c.claimant}\u0000${unit}`;
      if (!parent.has(node)) {
        parent.set(node, node);
        claimantOfNode.set(node, c.claimant);
        docsOfNode.set(node, new Set());
        const list = nodesByUnit.get(unitOf(d));
        if (list) list.push(node);
        else nodesByUnit.set(unitOf(d), [node]);
      }
      docsOfNode.get(node)!.add(d);
    }
  }
  for (const p of syndication.pairs ?? []) {
    const ua = unitOf(p.a);
    const ub = unitOf(p.b);
    if (ua === ub) continue;
    for (const na of nodesByUnit.get(ua) ?? [])
      for (const nb of nodesByUnit.get(ub) ?? []) if (claimantOfNode.get(na) === claimantOfNode.get(nb)) union(na, nb);
  }
  const components = new Map<string, IndependentSource>();
  for (const node of parent.keys()) {
    const root = find(node);
    let s = components.get(root);
    if (!s) components.set(root, (s = { claimant: claimantOfNode.get(node)!, documents: [] }));
    s.documents.push(...docsOfNode.get(node)!);
  }
  const sources = [...components.values()].map((s) => ({ claimant: s.claimant, documents: [...new Set(s.documents)].sort(byCodeUnits) }));
  sources.sort((x, y) => byCodeUnits(x.claimant, y.claimant) || byCodeUnits(x.documents[0], y.documents[0]));
  return { count: sources.length, sources };
}
