import type { Token } from './segment';
import { indexOfSorted, mergeSortedKeys, spreadColumn } from './sorted-strings';

const URL_GLUE = new Set(['/', '.', '_', '=', '@', '#', '?', '&']);
/** Short words a title-case headline may leave lowercase. */
const HEADLINE_SMALL = /^(?:a|an|the|of|in|on|at|to|for|and|or|but|by|with|from|as|vs|via|nor|per|up)$/;
const SENTENCE_END = /^[.!?…"”»’]$/;

/**
 * Whether a sentence is a headline in title case ("Police Arrest Two Suspects
 * After Harbour Robbery"): at least four words, no end punctuation, every word
 * but short grammar words capitalised. Its capitals say nothing about names.
 */
export function isTitleCaseHeadline(tokens: readonly Token[]): boolean {
  const last = tokens[tokens.length - 1];
  if (!last || SENTENCE_END.test(last.text)) return false;
  let words = 0;
  for (const t of tokens) {
    const c = t.text.charCodeAt(0);
    const lower = c >= 97 && c <= 122;
    const upper = c >= 65 && c <= 90;
    if (!lower && !upper && !/^\p{L}/u.test(t.text)) continue;
    if (lower || (!upper && /^\p{Ll}/u.test(t.text))) {
      if (!HEADLINE_SMALL.test(t.text)) return false;
      continue;
    }
    words++;
  }
  return words >= 4;
}

/**
 * The counts of {@link CapitalizationStats} as compact sorted columns, kept
 * between increments (lib/corpus/increment.ts): words seen capitalised
 * mid-sentence (as written) and how often; lowercased words seen lowercase,
 * how often, and how often outside addresses.
 */
export interface CapitalizationCounts {
  capWords: string[];
  capCounts: Int32Array;
  lowWords: string[];
  lowCounts: Int32Array;
  lowInText: Int32Array;
}

const bump = (column: Int32Array, row: number, n: number): void => {
  column[row] = column[row]! + n;
};

/** Counts of no text. */
export function emptyCapitalizationCounts(): CapitalizationCounts {
  return {
    capWords: [],
    capCounts: new Int32Array(0),
    lowWords: [],
    lowCounts: new Int32Array(0),
    lowInText: new Int32Array(0),
  };
}

/**
 * How often each word is written capitalised in mid-sentence versus lowercase,
 * across the whole import. Decides whether a sentence-initial capitalised word
 * ("Previously", "Establishment") is a name: only names are capitalised mid-sentence.
 */
export class CapitalizationStats {
  /** Per word as written: how often capitalised mid-sentence (one object per word, so a count is one look-up). */
  private readonly midCap = new Map<string, { n: number }>();
  /** Per lowercased word: how often lowercase, and how often so outside URLs and file names. */
  private readonly lower = new Map<string, { n: number; inText: number }>();

  /** `base`: the counts of text seen before (earlier increments), added to what this instance counts. */
  constructor(private readonly base?: CapitalizationCounts) {
    if (base && base.capWords.length === 0 && base.lowWords.length === 0) this.base = undefined;
  }

  private capOf(word: string): number {
    const n = this.midCap.get(word)?.n ?? 0;
    if (!this.base) return n;
    const i = indexOfSorted(this.base.capWords, word);
    return i < 0 ? n : n + this.base.capCounts[i]!;
  }

  private lowOf(lower: string, inText: boolean): number {
    const c = this.lower.get(lower);
    const n = c ? (inText ? c.inText : c.n) : 0;
    if (!this.base) return n;
    const i = indexOfSorted(this.base.lowWords, lower);
    return i < 0 ? n : n + (inText ? this.base.lowInText : this.base.lowCounts)[i]!;
  }

  /** The base counts plus everything counted here, as sorted columns. */
  counts(): CapitalizationCounts {
    const base = this.base ?? emptyCapitalizationCounts();
    const cap = mergeSortedKeys(base.capWords, this.midCap.keys());
    const capCounts = spreadColumn(base.capCounts, 1, cap.inserted, cap.keys.length);
    for (const [w, c] of this.midCap) bump(capCounts, indexOfSorted(cap.keys, w), c.n);
    const low = mergeSortedKeys(base.lowWords, this.lower.keys());
    const lowCounts = spreadColumn(base.lowCounts, 1, low.inserted, low.keys.length);
    const lowInText = spreadColumn(base.lowInText, 1, low.inserted, low.keys.length);
    for (const [w, c] of this.lower) {
      const row = indexOfSorted(low.keys, w);
      bump(lowCounts, row, c.n);
      bump(lowInText, row, c.inText);
    }
    return { capWords: cap.keys, capCounts, lowWords: low.keys, lowCounts, lowInText };
  }

  /** Counts the words of one sentence (its first word is skipped: capitalised anyway). */
  addSentence(tokens: readonly Token[]): void {
    if (isTitleCaseHeadline(tokens)) return;
    let first = true;
    let prev: Token | undefined;
    for (const t of tokens) {
      const before = prev;
      prev = t;
      const code = t.text.charCodeAt(0);
      const ascii = code < 128;
      const letter = ascii ? (code >= 65 && code <= 90) || (code >= 97 && code <= 122) : /\p{L}/u.test(t.text[0]!);
      if (!letter) {
        if (t.text === ':' || t.text === '"' || t.text === '“' || t.text === '«') first = true; // after a colon or an opening quote
        continue;
      }
      if (first) {
        first = false;
        continue;
      }
      if (ascii ? code <= 90 : /\p{Lu}/u.test(t.text[0]!)) {
        const c = this.midCap.get(t.text);
        if (c) c.n++;
        else this.midCap.set(t.text, { n: 1 });
      } else {
        const k = t.text.toLowerCase();
        let c = this.lower.get(k);
        if (!c) this.lower.set(k, (c = { n: 0, inText: 0 }));
        c.n++;
        // "…/uploads/chattanooga.jpg": glued to a slash or dot, a piece of an address.
        if (!before || before.end !== t.start || !URL_GLUE.has(before.text)) c.inText++;
      }
    }
  }

  /** True when `word` (capitalised) is seen capitalised mid-sentence at least as often as lowercase. */
  looksLikeName(word: string): boolean {
    const cap = this.capOf(word);
    const low = this.lowOf(word.toLowerCase(), false);
    return cap > 0 && cap >= low;
  }

  /**
   * True when `word` (written with capitals) is a common word of the import's
   * text: written lowercase, outside addresses, more often than capitalised
   * mid-sentence ("fact" vs "FACT", "day" vs "Day"; not "ice" vs "ICE" in a
   * text about the agency).
   */
  isCommonWord(word: string): boolean {
    const low = this.lowOf(word.toLowerCase(), true);
    return low > 0 && low > this.capOf(word);
  }

  /** True when `word` occurs lowercase somewhere in the import. */
  seenLowercase(word: string): boolean {
    return this.lowOf(word.toLowerCase(), false) > 0;
  }
}
