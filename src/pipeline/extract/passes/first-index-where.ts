/**
 * Binary search over a range whose test turns from false to true once, as "ends after offset x"
 * does over a document's sentences (in text order, not overlapping). Passes use it to find the
 * sentence or mention at a position in log time rather than by a scan, which made long documents
 * quadratic.
 */

/** The first index in [0, n) where `holds` is true, or n when none is. */
export function firstIndexWhere(n: number, holds: (k: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (holds(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
