import { foldTerm } from './index-options';

/**
 * Ranges of `text` to highlight for a search: every word whose folded form
 * starts with one of the matched index terms (MiniSearch reports the index
 * terms a result matched, which already covers prefix and fuzzy matches).
 * Returned sorted and non-overlapping.
 */
export function termRanges(text: string, terms: readonly string[]): [number, number][] {
  const wanted = terms.map(foldTerm).filter((t) => t.length > 0);
  if (wanted.length === 0) return [];
  const ranges: [number, number][] = [];
  for (const m of text.matchAll(/[\p{L}\p{N}\p{M}]+/gu)) {
    const word = foldTerm(m[0]);
    if (wanted.some((t) => word === t || (t.length >= 2 && word.startsWith(t)))) {
      ranges.push([m.index, m.index + m[0].length]);
    }
  }
  return ranges;
}
