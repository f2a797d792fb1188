/**
 * Bounded Damerau–Levenshtein distance (the "optimal string alignment" form:
 * an insertion, a deletion, a substitution or a swap of two neighbouring
 * letters each count as one edit). MiniSearch's fuzzy search counts a swap as
 * two edits, so "lavorv" is two edits from "lavrov" there and one here.
 */

// Three rows reused across calls: a query word is compared with thousands of name words, and allocating
// rows for each comparison cost more than the comparisons. Grown when a longer word comes.
let rows = [new Int32Array(64), new Int32Array(64), new Int32Array(64)] as const;

/**
 * The distance between `a` and `b` when it is at most `max`, else `max + 1`.
 * Stops as soon as a whole row of the table costs more than `max` (a swap
 * cannot bring it back: it costs one more than the row before).
 */
export function damerauWithin(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a === b) return 0;
  const n = b.length;
  if (rows[0].length <= n) rows = [new Int32Array(n + 1), new Int32Array(n + 1), new Int32Array(n + 1)];
  // The one before last (for swaps), the last, and the current.
  let [before, prev, row] = rows;
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    let least = i;
    const ai = a.charCodeAt(i - 1);
    const aPrev = i > 1 ? a.charCodeAt(i - 2) : -1;
    for (let j = 1; j <= n; j++) {
      const bj = b.charCodeAt(j - 1);
      let d = prev[j - 1]! + (ai === bj ? 0 : 1);
      const del = prev[j]! + 1;
      const ins = row[j - 1]! + 1;
      if (del < d) d = del;
      if (ins < d) d = ins;
      if (j > 1 && ai === b.charCodeAt(j - 2) && aPrev === bj && before[j - 2]! + 1 < d) d = before[j - 2]! + 1;
      row[j] = d;
      if (d < least) least = d;
    }
    if (least > max) return max + 1;
    const done = before;
    before = prev;
    prev = row;
    row = done;
  }
  return Math.min(prev[n]!, max + 1);
}
