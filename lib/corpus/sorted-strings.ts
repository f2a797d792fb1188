/**
 * Sorted string columns: the compact dictionaries of the extraction state
 * (words, name keys, ids) are plain sorted `string[]` with parallel typed
 * arrays, searched by binary search instead of being loaded into a `Map`, so
 * reading one costs nothing per entry (issue #14: an increment costs the new
 * articles, not the corpus). Order: JavaScript's `<` on strings (UTF-16 code units).
 */

/** First index `i` with `list[i] >= key`; `list.length` when none. */
export function lowerBoundString(list: readonly string[], key: string): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of `key` in the sorted `list`, or -1. */
export function indexOfSorted(list: readonly string[], key: string): number {
  const i = lowerBoundString(list, key);
  return i < list.length && list[i] === key ? i : -1;
}

/** Concatenates slices (spread arguments only while they fit on the stack). */
function joinPieces(pieces: (readonly string[])[]): string[] {
  if (pieces.length <= 4096) return ([] as string[]).concat(...pieces);
  const out: string[] = [];
  for (const p of pieces) for (const x of p) out.push(x);
  return out;
}

/**
 * Merges a sorted column with new keys: `keys` is every key of the old column
 * and of `added`, sorted; `inserted` holds, ascending, the rows of the result
 * that are new keys (every other row is an old row, in order). Costs copying
 * the column in slices plus a binary search per added key, so a few new keys
 * in a large column are cheap. When nothing is new, `keys` is the old column
 * itself: columns are never mutated once made.
 */
export function mergeSortedKeys(
  keys: readonly string[],
  added: Iterable<string>,
): { keys: string[]; inserted: Int32Array } {
  const fresh = [...new Set(added)]
    .filter((k) => indexOfSorted(keys, k) < 0)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (fresh.length === 0) return { keys: keys as string[], inserted: new Int32Array(0) }; // shared, never mutated
  const pieces: (readonly string[])[] = [];
  const inserted = new Int32Array(fresh.length);
  let from = 0;
  fresh.forEach((k, j) => {
    const at = lowerBoundString(keys, k);
    pieces.push(keys.slice(from, at), [k]);
    inserted[j] = at + j;
    from = at;
  });
  pieces.push(keys.slice(from));
  return { keys: joinPieces(pieces), inserted };
}

/** A typed column of an old sorted table carried over to the merged one: `width` values per row, zeros in inserted rows. */
export function spreadColumn<T extends Int32Array | Float64Array | Uint8Array>(
  column: T,
  width: number,
  inserted: Int32Array,
  rows: number,
): T {
  if (inserted.length === 0) return column.slice() as T;
  const out = new (column.constructor as new (n: number) => T)(rows * width);
  let src = 0;
  let dst = 0;
  for (const at of inserted) {
    const n = at - dst;
    out.set(column.subarray(src * width, (src + n) * width), dst * width);
    src += n;
    dst = at + 1;
  }
  out.set(column.subarray(src * width), dst * width);
  return out;
}

/** A string column carried over like {@link spreadColumn}, `fill` in inserted rows. */
export function spreadStrings(
  column: readonly string[],
  inserted: Int32Array,
  fill: (row: number) => string,
): string[] {
  if (inserted.length === 0) return column.slice();
  const pieces: string[][] = [];
  let src = 0;
  let dst = 0;
  for (const at of inserted) {
    const n = at - dst;
    pieces.push(column.slice(src, src + n), [fill(at)]);
    src += n;
    dst = at + 1;
  }
  pieces.push(column.slice(src));
  return joinPieces(pieces);
}
