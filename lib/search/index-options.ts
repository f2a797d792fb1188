/**
 * How text becomes search terms, for both indexes (MiniSearch over entity names,
 * ./text-index.ts over quotes and passages), and the MiniSearch configuration of
 * the names index, shared by whoever builds it (the store) and whoever loads it
 * (the service worker): a serialized index loads only with the options it was
 * built with.
 */
import type { Options, SearchOptions } from 'minisearch';

/** What the names index holds: one record per entity (quotes and passages are in the text index, ./text-index.ts). */
export interface SearchRecord {
  /** The entity id. */
  id: string;
  name: string;
  /** Other names, space-joined. */
  aliases: string;
  description?: string;
}

// Words too common to help a search; leaving them out keeps the index small.
const STOP_WORDS = new Set(
  'a an and are as at be but by for from had has have he her his in is it its of on or she that the their they this to was were will with'.split(
    ' ',
  ),
);

/** Lower-cases and strips diacritics, so "Erdogan" finds "Erdoğan". */
export function foldTerm(term: string): string {
  return term
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

/** Whether a folded term is a stop word (never indexed). */
export function isStopWord(folded: string): boolean {
  return STOP_WORDS.has(folded);
}

/** A term as indexed and as searched: folded, and dropped when it is a stop word. */
export function processTerm(term: string): string | null {
  const folded = foldTerm(term);
  return STOP_WORDS.has(folded) ? null : folded;
}

/** Options for `new MiniSearch()` and `MiniSearch.loadJSON()` of the names index. */
export const indexOptions: Options<SearchRecord> = {
  fields: ['name', 'aliases', 'description'],
  storeFields: [],
  processTerm,
};

/**
 * Default options of a names query: every word must match; the last one may
 * be a prefix (the word being typed); the name weighs most.
 */
export const searchOptions: SearchOptions = {
  prefix: (term, i, terms) => i === terms.length - 1 && term.length >= 2,
  fuzzy: false,
  boost: { name: 4, aliases: 3, description: 1.5 },
  combineWith: 'AND',
  // Stop words are not in the index: with AND, searching one would find nothing.
  processTerm,
};

/**
 * The second try when {@link searchOptions} finds (almost) nothing: one typo
 * forgiven in words of five letters or more. Prefixes stay for the last word
 * only, and one typo is the most: on the 73,000 names of 10,000 briefings, two
 * typos or prefixes of every word cost ten times as much.
 */
export const fallbackSearchOptions: SearchOptions = {
  ...searchOptions,
  fuzzy: (term) => (term.length > 4 ? 0.2 : false),
  maxFuzzy: 1,
};
