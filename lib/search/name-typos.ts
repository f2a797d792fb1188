/**
 * The second try for names with typos: "lavorv", "kery", "asad", "jon kerry".
 * Each query word that is not a word of any name is replaced by the name words
 * within a few Damerau edits of it (lib/search/damerau.ts: a swap of two
 * letters is one edit), and the names index is asked again with those words.
 *
 * Only the words of entity names and aliases are compared — a small vocabulary
 * (tens of thousands of words for 10,000 briefings, against hundreds of
 * thousands in the passages), grouped by length so that a word is compared only
 * with words of about its length. It is built once per corpus, on the first
 * query that needs it.
 */
import MiniSearch, { type Query, type SearchOptions, type SearchResult } from 'minisearch';
import type { Entity } from '../pack/types';
import { damerauWithin } from './damerau';
import { isStopWord, processTerm, searchOptions, type SearchRecord } from './index-options';

/** Edits forgiven in a word of this length: none under 3 letters, one up to 4, two from 5. */
export function maxNameEdits(length: number): number {
  return length >= 5 ? 2 : length >= 3 ? 1 : 0;
}

/** Name words kept per query word, closest first: enough for real variants, few enough to stay fast. */
const MAX_CANDIDATES = 24;

/** Weight of a word found with `edits` edits (an exact word weighs 1), as MiniSearch's `boostTerm`. */
const EDIT_WEIGHT = [1, 0.55, 0.3];

const tokenize = MiniSearch.getDefault('tokenize') as (text: string) => string[];

const ASCII = /^[\x00-\x7f]*$/;

/** The words of every entity name and alias, as the names index holds them, grouped by initial and length. */
export class NameVocabulary {
  /** `byLength[n]`: the distinct words of n letters, sorted. */
  private readonly byLength: string[][] = [];
  /** The same words by their first letter, then by length: what {@link similar} scans. */
  private readonly byInitial = new Map<string, string[][]>();
  private readonly words = new Set<string>();

  constructor(entities: readonly Pick<Entity, 'name' | 'aliases'>[]) {
    // Names and aliases repeat the same words many times over: each distinct token is folded once.
    const tokens = new Set<string>();
    for (const e of entities) {
      for (const token of tokenize(e.name)) tokens.add(token);
      for (const alias of e.aliases) for (const token of tokenize(alias)) tokens.add(token);
    }
    for (const token of tokens) {
      // ASCII needs no Unicode folding (most names are): lower-casing is what processTerm would do.
      const lower = ASCII.test(token) ? token.toLowerCase() : null;
      const word = lower === null ? processTerm(token) : isStopWord(lower) ? null : lower;
      if (word) this.words.add(word);
    }
    for (const word of [...this.words].sort()) {
      (this.byLength[word.length] ??= []).push(word);
      let lengths = this.byInitial.get(word[0]!);
      if (!lengths) this.byInitial.set(word[0]!, (lengths = []));
      (lengths[word.length] ??= []).push(word);
    }
  }

  /** Number of distinct words. */
  get size(): number {
    return this.words.size;
  }

  /** True when some name has this (folded) word. */
  has(word: string): boolean {
    return this.words.has(word);
  }

  /** True when some name word starts with `prefix`. */
  hasPrefix(prefix: string): boolean {
    for (let n = prefix.length; n < this.byLength.length; n++) {
      const list = this.byLength[n];
      if (!list) continue;
      // Sorted: binary search for the first word ≥ prefix.
      let lo = 0;
      let hi = list.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (list[mid]! < prefix) lo = mid + 1;
        else hi = mid;
      }
      if (list[lo]?.startsWith(prefix)) return true;
    }
    return false;
  }

  /**
   * Name words within `max` Damerau edits of `word`, closest first (ties alphabetical), at most `limit`.
   * Only words that begin with the word's first or second letter are compared: that covers a swap of the
   * first two letters and an extra letter in front, and leaves out a wrong or missing first letter — a
   * rare typo (Elasticsearch's `prefix_length: 1` makes the same trade) that would multiply the scan by the
   * size of the alphabet.
   */
  similar(word: string, max: number, limit = MAX_CANDIDATES): { word: string; edits: number }[] {
    const found: { word: string; edits: number }[] = [];
    const initials = new Set([word[0], word[1]].filter((c): c is string => c !== undefined));
    for (const initial of initials) {
      const lengths = this.byInitial.get(initial) ?? [];
      const from = Math.max(1, word.length - max);
      const to = Math.min(lengths.length - 1, word.length + max);
      for (let n = from; n <= to; n++) {
        for (const candidate of lengths[n] ?? []) {
          const edits = damerauWithin(word, candidate, max);
          if (edits <= max) found.push({ word: candidate, edits });
        }
      }
    }
    found.sort((a, b) => a.edits - b.edits || (a.word < b.word ? -1 : a.word > b.word ? 1 : 0));
    return found.slice(0, limit);
  }
}

const vocabularies = new WeakMap<object, NameVocabulary>();

/** The vocabulary of a corpus's entities, built on first use and kept while `key` (the corpus model) lives. */
export function nameVocabularyOf(key: object, entities: readonly Pick<Entity, 'name' | 'aliases'>[]): NameVocabulary {
  let vocabulary = vocabularies.get(key);
  if (!vocabulary) {
    vocabulary = new NameVocabulary(entities);
    vocabularies.set(key, vocabulary);
  }
  return vocabulary;
}

/**
 * The query with its misspelt words replaced by the name words they may stand
 * for, and each replacement's weight; null when no word was misspelt or a
 * misspelt word has no close name word (every word must match, as in the first try).
 */
export function typoQuery(
  query: string,
  vocabulary: NameVocabulary,
): { query: Query; weights: Map<string, number> } | null {
  const words = tokenize(query)
    .map((t) => processTerm(t))
    .filter((w): w is string => Boolean(w));
  if (words.length === 0) return null;
  const weights = new Map<string, number>();
  const parts: Query[] = [];
  let changed = false;
  for (const [i, word] of words.entries()) {
    const last = i === words.length - 1;
    if (vocabulary.has(word)) {
      parts.push({ queries: [word], prefix: last && word.length >= 2 });
      continue;
    }
    // The word being typed: a name word it begins is not a typo.
    if (last && word.length >= 2 && vocabulary.hasPrefix(word)) {
      parts.push({ queries: [word], prefix: true });
      continue;
    }
    const close = vocabulary.similar(word, maxNameEdits(word.length));
    if (close.length === 0) return null;
    changed = true;
    for (const c of close) weights.set(c.word, Math.max(weights.get(c.word) ?? 0, EDIT_WEIGHT[c.edits] ?? 0.2));
    parts.push({ queries: close.map((c) => c.word), combineWith: 'OR', prefix: false });
  }
  return changed ? { query: { queries: parts, combineWith: 'AND' }, weights } : null;
}

/**
 * Searches the names index forgiving typos in name words (see the module
 * comment). Returns no results when the query has no misspelt word.
 */
export function searchNamesWithTypos(
  names: MiniSearch<SearchRecord>,
  vocabulary: NameVocabulary,
  query: string,
): SearchResult[] {
  const typo = typoQuery(query, vocabulary);
  if (!typo) return [];
  const options: SearchOptions = {
    ...searchOptions,
    fuzzy: false,
    // The words are already the index's own terms: processing them again would change nothing.
    boostTerm: (term) => typo.weights.get(term) ?? 1,
  };
  return names.search(typo.query, options);
}
