/**
 * The MiniSearch configuration shared by whoever builds an index (build script,
 * CLI, importer) and whoever loads one (service worker). A serialized index can
 * only be loaded with the options it was built with, so they live in one place.
 */
import type { Options, SearchOptions } from 'minisearch';

/** What gets indexed: one record per entity, quote and passage. */
export interface SearchRecord {
  /** `e:<entityId>`, `q:<quoteId>` or `p:<passageId>`. */
  id: string;
  /** Entity name (entities only). */
  name?: string;
  /** Other names, space-joined (entities only). */
  aliases?: string;
  description?: string;
  /** Quote or passage text. */
  text?: string;
  /** Speaker's name (quotes only). */
  speaker?: string;
}

export type RecordKind = 'entity' | 'quote' | 'passage';

const KIND_BY_PREFIX: Record<string, RecordKind> = { e: 'entity', q: 'quote', p: 'passage' };

/** The kind of a search record, from its id prefix. */
export function recordKind(id: string): RecordKind {
  const kind = KIND_BY_PREFIX[id.slice(0, id.indexOf(':'))];
  if (!kind) throw new Error(`Dossier search: record id "${id}" has no known kind prefix`);
  return kind;
}

/** The record id without its kind prefix. */
export function recordTarget(id: string): string {
  return id.slice(id.indexOf(':') + 1);
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

/** A term as indexed and as searched: folded, and dropped when it is a stop word. */
export function processTerm(term: string): string | null {
  const folded = foldTerm(term);
  return STOP_WORDS.has(folded) ? null : folded;
}

/** Options for `new MiniSearch()` and `MiniSearch.loadJSON()`. */
export const indexOptions: Options<SearchRecord> = {
  fields: ['name', 'aliases', 'description', 'text', 'speaker'],
  storeFields: [],
  processTerm,
};

/** Boost per record kind: a name match beats a quote, a quote beats a passage. */
export const KIND_BOOST: Record<RecordKind, number> = { entity: 3, quote: 1.5, passage: 1 };

/**
 * Default options of a query: every word must match; the last one may be a
 * prefix (the word being typed); names weigh most. No fuzzy matching: on a
 * large vocabulary it costs more than the rest of the search together.
 */
export const searchOptions: SearchOptions = {
  prefix: (term, i, terms) => i === terms.length - 1 && term.length >= 2,
  fuzzy: false,
  boost: { name: 4, aliases: 3, description: 1.5, speaker: 1.5, text: 1 },
  boostDocument: (id) => KIND_BOOST[recordKind(String(id))],
  combineWith: 'AND',
  // Stop words are not in the index: with AND, searching one would find nothing.
  processTerm,
};

/** The second try when {@link searchOptions} finds (almost) nothing: typos forgiven. */
export const fallbackSearchOptions: SearchOptions = {
  ...searchOptions,
  prefix: true,
  fuzzy: (term) => (term.length > 4 ? 0.2 : false),
};
