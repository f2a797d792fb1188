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

/**
 * Merges a sorted column with new keys: the result holds every key of `keys`
 * and of `added`, sorted; `from[r]` is the old row result row `r` comes from,
 * or -1 for a new key, so the caller can carry its parallel columns over.
 */
export function mergeSortedKeys(
  keys: readonly string[],
  added: Iterable<string>,
): { keys: string[]; from: Int32Array } {
  const fresh = [...new Set(added)]
    .filter((k) => indexOfSorted(keys, k) < 0)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const out: string[] = new Array<string>(keys.length + fresh.length);
  const from = new Int32Array(out.length);
  let i = 0;
  let j = 0;
  for (let r = 0; r < out.length; r++) {
    if (j >= fresh.length || (i < keys.length && keys[i]! < fresh[j]!)) {
      out[r] = keys[i]!;
      from[r] = i++;
    } else {
      out[r] = fresh[j++]!;
      from[r] = -1;
    }
  }
  return { keys: out, from };
}
