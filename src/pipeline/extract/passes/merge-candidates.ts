/**
 * Which groups a frame may join in mergeFrames, found through indexes instead of by trying every
 * group: a report listing thousands of separate incidents made that scan quadratic. The candidates
 * are a superset of the groups `compatible` (merge-frames.ts) can accept, so trying them from the
 * last one down finds the same group the scan found. `compatible(g, b)` is true only when
 * - both have localities and share one: the same gazetteer id, the same name key (sameName
 *   compares name keys), or localities within SAME_LOCALITY_KM (sameLocality);
 * - either is a headline and both state the same killed total;
 * - not both have localities and the frame is near the group's first sentence (two sentences) or
 *   either is a headline;
 * - the same killed total (the only way two frames far apart with a place missing may join).
 * So a frame's candidates are: every group when it is a headline; headline groups; groups opened in
 * the last two sentences; groups with its killed total; and, for a frame with localities, groups
 * with a locality of the same id or name key or in a nearby cell of a latitude/longitude grid.
 * Groups only gain localities and figures when they absorb frames, so an index entry is added when
 * a group changes and never needs removing (a stale entry is one more candidate, rejected by
 * `compatible`).
 */
import type { ResolvedPlace } from '../../../domain/types.ts';
import { nameKey } from '../../../domain/name-key.ts';
import type { ClassifiedFrame, FrameGroup } from './extraction-state.ts';
import { firstIndexWhere } from './first-index-where.ts';
import { SAME_LOCALITY_KM, totalOf } from './frame-relations.ts';

/** Grid cells of 0.1° (about 11 km of latitude): SAME_LOCALITY_KM never spans more than the next cell in latitude. */
const CELL_DEG = 0.1;
const LON_CELLS = Math.round(360 / CELL_DEG);
/** Kilometres per degree of latitude (and of longitude at the equator) on the haversine sphere, rounded down. */
const KM_PER_DEG = 111;

export class MergeCandidates {
  /** First sentence of each group, by index (groups are opened in text order, so it never decreases). */
  private readonly sentences: number[] = [];
  private readonly headlines: number[] = [];
  private readonly byTotal = new Map<number, Set<number>>();
  private readonly byGazetteerId = new Map<string, Set<number>>();
  private readonly byNameKey = new Map<string, Set<number>>();
  private readonly byCell = new Map<string, Set<number>>();

  /** Group `k` was opened (k is the next index) or changed. */
  note(k: number, g: FrameGroup): void {
    if (k === this.sentences.length) {
      this.sentences.push(g.frame.sentence);
      if (g.frame.headline) this.headlines.push(k);
    }
    const total = totalOf(g.frame.killed);
    if (total !== null) add(this.byTotal, total, k);
    for (const p of g.localities) {
      if (p.gazetteerId) add(this.byGazetteerId, p.gazetteerId, k);
      const key = nameKey(p.name);
      if (key !== '') add(this.byNameKey, key, k);
      const cell = cellOf(p);
      if (cell) add(this.byCell, `${cell.lat}:${cell.lon}`, k);
    }
  }

  /** Indices of the groups `b` may join, highest first, without repeats. */
  candidatesFor(b: ClassifiedFrame): number[] {
    const n = this.sentences.length;
    if (b.frame.headline) return Array.from({ length: n }, (_, i) => n - 1 - i);
    const out = new Set<number>(this.headlines);
    for (let k = firstIndexWhere(n, (i) => this.sentences[i] >= b.frame.sentence - 2); k < n; k++) out.add(k);
    const total = totalOf(b.frame.killed);
    if (total !== null) for (const k of this.byTotal.get(total) ?? []) out.add(k);
    for (const p of b.localities) {
      if (p.gazetteerId) for (const k of this.byGazetteerId.get(p.gazetteerId) ?? []) out.add(k);
      const key = nameKey(p.name);
      if (key !== '') for (const k of this.byNameKey.get(key) ?? []) out.add(k);
      const near = nearCells(p);
      if (near === 'all') return Array.from({ length: n }, (_, i) => n - 1 - i);
      for (const c of near) for (const k of this.byCell.get(c) ?? []) out.add(k);
    }
    return [...out].sort((x, y) => y - x);
  }
}

function add(index: Map<string | number, Set<number>>, key: string | number, k: number): void {
  const set = index.get(key);
  if (set) set.add(k);
  else index.set(key, new Set([k]));
}

/**
 * The grid cell of a place sameLocality measures distances from: a locality with a latitude (a
 * missing longitude counts as 0 there, as it does in distanceKm's arithmetic); else null.
 */
function cellOf(p: ResolvedPlace): { lat: number; lon: number } | null {
  if (p.precision !== 'locality' || p.lat === null) return null;
  const lon = p.lon ?? 0;
  return { lat: Math.floor(p.lat / CELL_DEG), lon: ((Math.floor(lon / CELL_DEG) % LON_CELLS) + LON_CELLS) % LON_CELLS };
}

/** The cells holding every locality within SAME_LOCALITY_KM of `p` (with a margin), or 'all' near a pole. */
function nearCells(p: ResolvedPlace): string[] | 'all' {
  const cell = cellOf(p);
  if (!cell) return [];
  // A degree of longitude shrinks with the cosine of the latitude; take the smallest within reach.
  const cos = Math.cos((Math.min(90, Math.abs(p.lat!) + 2 * CELL_DEG) * Math.PI) / 180);
  if (cos < 0.01) return 'all';
  const lonCells = Math.ceil(SAME_LOCALITY_KM / (KM_PER_DEG * cos) / CELL_DEG) + 1;
  if (2 * lonCells + 1 >= LON_CELLS) return 'all';
  const out: string[] = [];
  for (let dLat = -1; dLat <= 1; dLat++) {
    for (let dLon = -lonCells; dLon <= lonCells; dLon++) out.push(`${cell.lat + dLat}:${(((cell.lon + dLon) % LON_CELLS) + LON_CELLS) % LON_CELLS}`);
  }
  return out;
}
