/**
 * Grid clustering of map points, kept free of Leaflet so it can be tested in Node. Points are in
 * absolute pixel coordinates at the current zoom (Leaflet's `map.project`), so clusters do not
 * change while panning, only when zooming. A positive cell size groups points falling in the same
 * square cell; a cell size of 0 groups only points at exactly the same position (several incidents
 * geocoded to one town centre), which must stay grouped at every zoom or they would hide each other.
 * Clusters whose centres end up closer than one cell (neighbours across a cell edge) are merged.
 * Output order follows the first member's input order, so a given input always gives the same clusters.
 */

export interface GridPoint<T> {
  x: number;
  y: number;
  item: T;
}

export interface GridCluster<T> {
  /** Mean position of the members, in the same pixel space as the input. */
  x: number;
  y: number;
  items: T[];
  /** True when every member sits at the same position (zooming in cannot separate them). */
  samePosition: boolean;
}

export class GridClusterError extends Error {
  constructor(readonly cellSize: number) {
    super(`gridCluster: cell size ${cellSize} is invalid; use a finite number >= 0 (0 groups identical positions only)`);
    this.name = 'GridClusterError';
  }
}

export function gridCluster<T>(points: readonly GridPoint<T>[], cellSize: number): GridCluster<T>[] {
  if (!Number.isFinite(cellSize) || cellSize < 0) throw new GridClusterError(cellSize);
  const cells = new Map<string, { sx: number; sy: number; first: GridPoint<T>; samePosition: boolean; items: T[] }>();
  for (const p of points) {
    if (!Number.isFinite(p.x) || !Number.isFinite(p.y)) continue;
    const key = cellSize === 0 ? `${p.x},${p.y}` : `${Math.floor(p.x / cellSize)},${Math.floor(p.y / cellSize)}`;
    const cell = cells.get(key);
    if (!cell) {
      cells.set(key, { sx: p.x, sy: p.y, first: p, samePosition: true, items: [p.item] });
      continue;
    }
    cell.sx += p.x;
    cell.sy += p.y;
    cell.items.push(p.item);
    if (p.x !== cell.first.x || p.y !== cell.first.y) cell.samePosition = false;
  }
  const clusters = [...cells.values()].map((c) => ({
    x: c.sx / c.items.length,
    y: c.sy / c.items.length,
    items: c.items,
    samePosition: c.samePosition,
  }));
  return cellSize === 0 ? clusters : mergeClose(clusters, cellSize);
}

/**
 * Two points just either side of a cell edge land in different cells yet would draw on top of each
 * other; a cluster whose centre is closer than one cell to an earlier one is merged into it (centre
 * weighted by member count). Centres are indexed by cell so only the 3×3 neighbouring cells are
 * searched: one pass, linear in the number of clusters.
 */
function mergeClose<T>(clusters: GridCluster<T>[], cellSize: number): GridCluster<T>[] {
  const out: GridCluster<T>[] = [];
  const index = new Map<string, GridCluster<T>[]>();
  const cellOf = (c: GridCluster<T>): [number, number] => [Math.floor(c.x / cellSize), Math.floor(c.y / cellSize)];
  const put = (c: GridCluster<T>): void => {
    const key = cellOf(c).join(',');
    const list = index.get(key);
    if (list) list.push(c);
    else index.set(key, [c]);
  };
  const remove = (c: GridCluster<T>): void => {
    const key = cellOf(c).join(',');
    const list = index.get(key)!;
    list.splice(list.indexOf(c), 1);
  };
  for (const c of clusters) {
    const [cx, cy] = cellOf(c);
    let near: GridCluster<T> | null = null;
    for (let dx = -1; dx <= 1 && !near; dx++) {
      for (let dy = -1; dy <= 1 && !near; dy++) {
        near = index.get(`${cx + dx},${cy + dy}`)?.find((o) => Math.hypot(o.x - c.x, o.y - c.y) < cellSize) ?? null;
      }
    }
    if (!near) {
      out.push(c);
      put(c);
      continue;
    }
    remove(near);
    const n = near.items.length + c.items.length;
    near.samePosition = near.samePosition && c.samePosition && near.x === c.x && near.y === c.y;
    near.x = (near.x * near.items.length + c.x * c.items.length) / n;
    near.y = (near.y * near.items.length + c.y * c.items.length) / n;
    near.items.push(...c.items);
    put(near);
  }
  return out;
}
