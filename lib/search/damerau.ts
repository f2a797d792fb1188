/**
 * Bounded Damerau–Levenshtein distance (the "optimal string alignment" form:
 * an insertion, a deletion, a substitution or a swap of two neighbouring
 * letters each count as one edit). MiniSearch's fuzzy search counts a swap as
 * two edits, so "lavorv" is two edits from "lavrov" there and one here.
 */

/**
 * The distance between `a` and `b` when it is at most `max`, else `max + 1`.
 * Stops as soon as every alignment costs more than `max` (O(len × (2·max+1))
 * cells at most are useful; the early exit makes most non-matches cost a few rows).
 */
export function damerauWithin(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a === b) return 0;
  const n = b.length;
  // Three rows: the one before last (for swaps), the last, and the current.
  let before = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let row = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    let least = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= n; j++) {
      const bj = b.charCodeAt(j - 1);
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (ai === bj ? 0 : 1));
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj)
        d = Math.min(d, before[j - 2]! + 1);
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
