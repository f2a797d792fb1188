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
  /** The same words by their first letter, then by length, each list sorted: what {@link similar} scans. */
  private readonly byInitial: Map<string, string[][]>;
  /** The words: a set, and those a later corpus added ({@link with}) in a smaller one, so none is copied whole. */
  private readonly words: Set<string>;
  private readonly added: Set<string>;

  constructor(
    entities: readonly Pick<Entity, 'name' | 'aliases'>[],
    from?: { byInitial: Map<string, string[][]>; words: Set<string>; added: Set<string> },
  ) {
    if (from) {
      ({ byInitial: this.byInitial, words: this.words, added: this.added } = from);
      return;
    }
    this.byInitial = new Map();
    this.words = nameWords(entities);
    this.added = new Set();
    for (const word of [...this.words].sort()) {
      let lengths = this.byInitial.get(word[0]!);
      if (!lengths) this.byInitial.set(word[0]!, (lengths = []));
      (lengths[word.length] ??= []).push(word);
    }
  }

  /**
   * This vocabulary with `words` added (those it lacks), as a new vocabulary: this one is not changed (the
   * corpus it belongs to may still answer). Costs the lists the new words go in (one initial and length
   * each) and the set of words added since the last whole set.
   */
  with(words: Iterable<string>): NameVocabulary {
    const fresh = [...new Set(words)].filter((w) => !this.has(w)).sort();
    if (fresh.length === 0) return this;
    let base = this.words;
    let added = new Set(this.added);
    for (const word of fresh) added.add(word);
    if (added.size * 8 > base.size) {
      base = new Set([...base, ...added]);
      added = new Set();
    }
    const byInitial = new Map(this.byInitial);
    const copied = new Set<unknown>();
    for (const word of fresh) {
      let lengths = byInitial.get(word[0]!);
      if (!lengths || !copied.has(lengths)) {
        lengths = lengths ? lengths.slice() : [];
        copied.add(lengths);
        byInitial.set(word[0]!, lengths);
      }
      let list = lengths[word.length];
      if (!list || !copied.has(list)) {
        list = list ? list.slice() : [];
        copied.add(list);
        lengths[word.length] = list;
      }
      list.splice(lowerBoundOf(list, word), 0, word);
    }
    return new NameVocabulary([], { byInitial, words: base, added });
  }

  /** Number of distinct words. */
  get size(): number {
    return this.words.size + this.added.size;
  }

  /** True when some name has this (folded) word. */
  has(word: string): boolean {
    return this.words.has(word) || this.added.has(word);
  }

  /** True when some name word starts with `prefix`. */
  hasPrefix(prefix: string): boolean {
    const lengths = prefix ? this.byInitial.get(prefix[0]!) : undefined;
    if (!lengths) return false;
    for (let n = prefix.length; n < lengths.length; n++) {
      const list = lengths[n];
      if (list?.[lowerBoundOf(list, prefix)]?.startsWith(prefix)) return true;
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

/** The folded words of the names and aliases of `entities`, as the names index holds them (stop words left out). */
function nameWords(entities: Iterable<Pick<Entity, 'name' | 'aliases'>>): Set<string> {
  // Names and aliases repeat the same words many times over: each distinct token is folded once.
  const tokens = new Set<string>();
  for (const e of entities) {
    for (const token of tokenize(e.name)) tokens.add(token);
    for (const alias of e.aliases) for (const token of tokenize(alias)) tokens.add(token);
  }
  const words = new Set<string>();
  for (const token of tokens) {
    // ASCII needs no Unicode folding (most names are): lower-casing is what processTerm would do.
    const lower = ASCII.test(token) ? token.toLowerCase() : null;
    const word = lower === null ? processTerm(token) : isStopWord(lower) ? null : lower;
    if (word) words.add(word);
  }
  return words;
}

/** First position in the sorted `list` whose word is not below `word`. */
function lowerBoundOf(list: readonly string[], word: string): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]! < word) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const vocabularies = new WeakMap<object, NameVocabulary>();
/** Vocabularies to derive on first use from an earlier corpus's (see {@link deriveNameVocabulary}). */
const derivations = new WeakMap<object, () => NameVocabulary | undefined>();

/** The vocabulary of a corpus's entities, built on first use and kept while `key` (the corpus model) lives. */
export function nameVocabularyOf(key: object, entities: readonly Pick<Entity, 'name' | 'aliases'>[]): NameVocabulary {
  let vocabulary = vocabularies.get(key);
  if (!vocabulary) {
    vocabulary = derivations.get(key)?.() ?? new NameVocabulary(entities);
    derivations.delete(key);
    vocabularies.set(key, vocabulary);
  }
  return vocabulary;
}

/**
 * Says that the corpus `key` (entities `entities`) follows the corpus `from` (entities `before`): when its
 * vocabulary is first needed and `from`'s was built, it is `from`'s with the words of the entities that
 * changed or were added (a row of `entities` that is not the same object as `before`'s), rather than
 * built over all 65,000 entities again. When a changed entity lost a word, or rows were removed, it is
 * built afresh: the result is always what {@link NameVocabulary}'s constructor gives for `entities`.
 */
export function deriveNameVocabulary(
  key: object,
  entities: readonly Pick<Entity, 'name' | 'aliases'>[],
  from: object,
  before: readonly Pick<Entity, 'name' | 'aliases'>[],
): void {
  if (key === from || vocabularies.has(key)) return;
  // The earlier vocabulary itself when built (small, and the earlier corpus is dropped after the swap);
  // else a weak reference to that corpus, whose vocabulary a question still in flight may build.
  const built = vocabularies.get(from);
  const fromRef = built ? undefined : new WeakRef(from);
  derivations.set(key, () => {
    const earlier = fromRef?.deref();
    const previous = built ?? (earlier ? vocabularies.get(earlier) : undefined);
    if (!previous || entities.length < before.length) return undefined;
    const changed: Pick<Entity, 'name' | 'aliases'>[] = [];
    for (let i = 0; i < before.length; i++) {
      if (entities[i] === before[i]) continue;
      const now = nameWords([entities[i]!]);
      for (const word of nameWords([before[i]!])) if (!now.has(word)) return undefined;
      changed.push(entities[i]!);
    }
    for (let i = before.length; i < entities.length; i++) changed.push(entities[i]!);
    return previous.with(nameWords(changed));
  });
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
