/**
 * Binary search over ascending typed-array columns, shared by the text index
 * (postings) and the read model (passage and mention offsets).
 */

/** First row `i` in `[from, to)` with `column[i] >= value` (the column ascends there); `to` when none. */
export function lowerBound(column: Uint32Array, value: number, from: number, to: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (column[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
