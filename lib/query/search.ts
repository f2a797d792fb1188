/**
 * Corpus search. MiniSearch finds and scores entity names; the text index
 * (lib/search/text-index.ts) finds and scores quotes and passages. This module
 * groups them (names, then quotes, then passages), applies the filters, counts
 * the facets the UI offers, and suggests names that complete the query.
 *
 * A broad word can match tens of thousands of passages in a large corpus, so
 * only a window of the best matches is resolved against the corpus, and only
 * the texts of the hits on the page are read.
 */
import type { SearchResult } from 'minisearch';
import type { SearchFacets, SearchFilters, SearchHit, SearchResults } from '../messages/protocol';
import type { EntityType } from '../pack/types';
import { fallbackSearchOptions, searchOptions } from '../search/index-options';
import { nameVocabularyOf, searchNamesWithTypos } from '../search/name-typos';
import { isQuoteRecord, textRecord } from '../search/records';
import { searchTerms, type TextHit } from '../search/text-index';
import { ref } from './corpus-data';
import type { CorpusQuery, LoadedIndexes } from './corpus-query';

/** Results (in group order) whose facets are counted. */
export const FACET_WINDOW = 300;
/** Results looked at when a filter is on; past this, `total` is a lower bound. */
export const FILTER_WINDOW = 5000;
/** Fewer hits than this and the query is tried again with fuzzy matching. */
const FUZZY_BELOW = 3;
/** The best name matches whose quotes count as matches too ("lavrov" finds what Lavrov said). */
const SPEAKERS = 3;
/** Quotes of one speaker looked at for the rest of a query ("lavrov ceasefire"). */
const SPEAKER_QUOTES_WINDOW = 1000;

/** One match, resolved against the corpus. */
interface Resolved {
  kind: 'entity' | 'quote' | 'passage';
  /** Entity number, or quote / passage row. */
  row: number;
  score: number;
  terms: string[];
  /** Entity types it is about (type filter and facet). */
  types: EntityType[];
  /** Speaker's entity number, or -1. */
  speaker: number;
  /** Document numbers it belongs to; for entities computed only when the article filter needs them. */
  docs: () => number[];
}

function resolveEntity(corpus: CorpusQuery, r: SearchResult): Resolved | null {
  const n = corpus.data.entityIndex.get(String(r.id));
  if (n === undefined) return null;
  const { mentions } = corpus.model;
  const docs = () => [...new Set(Array.from(corpus.data.mentionsByEntity.of(n), (i) => mentions.doc[i]!))];
  return {
    kind: 'entity',
    row: n,
    score: r.score,
    terms: r.terms,
    types: [corpus.data.entity(n).type],
    speaker: -1,
    docs,
  };
}

/** Quote `row`, found with `score` by `terms`: about its speaker, if known. */
function resolveQuote(corpus: CorpusQuery, row: number, score: number, terms: string[]): Resolved {
  const speaker = corpus.model.quotes.speaker[row]!;
  const doc = corpus.model.quotes.doc[row]!;
  const types = speaker < 0 ? [] : [corpus.data.entity(speaker).type];
  return { kind: 'quote', row, score, terms, types, speaker, docs: () => [doc] };
}

function resolveText(corpus: CorpusQuery, h: TextHit): Resolved {
  const { kind, row } = textRecord(corpus.model, h.record);
  if (kind === 'quote') return resolveQuote(corpus, row, h.score, h.terms);
  const doc = corpus.model.passages.doc[row]!;
  return { kind, row, score: h.score, terms: h.terms, types: corpus.data.typesIn(row), speaker: -1, docs: () => [doc] };
}

/** Quotes of the entities a query names, newest first (at most `room`): "lavrov" finds what Lavrov said. */
function speakerQuotes(corpus: CorpusQuery, names: readonly Resolved[], room: number): Resolved[] {
  let left = Math.max(0, room);
  return names.slice(0, SPEAKERS).flatMap((entity) => {
    const rows = corpus.data.quotesOf(entity.row).subarray(0, left);
    left -= rows.length;
    return Array.from(rows, (row) => resolveQuote(corpus, row, entity.score, entity.terms));
  });
}

/**
 * Quotes whose speaker some query words name and whose text matches the other
 * words: "lavrov ceasefire" finds what Lavrov said about the ceasefire, which
 * neither index finds alone (no entity is named both, and quotes seldom name
 * their speaker). Tried when no entity matches every word.
 */
function speakerAndWords(corpus: CorpusQuery, indexes: LoadedIndexes, query: string, room: number): Resolved[] {
  const terms = searchTerms(query);
  if (terms.length < 2 || room <= 0) return [];
  const speakers = indexes.names.search(query, { ...searchOptions, combineWith: 'OR' }).slice(0, SPEAKERS);
  const { quotes } = corpus.model;
  const found: Resolved[] = [];
  for (const hit of speakers) {
    const n = corpus.data.entityIndex.get(String(hit.id));
    const rest = terms.filter((t) => !hit.queryTerms.includes(t));
    if (n === undefined || rest.length === 0 || rest.length === terms.length) continue;
    const words = indexes.text.search(rest.join(' '), {
      prefix: rest.at(-1) === terms.at(-1) ? 'last' : 'none',
      fuzzy: false,
      combineWith: 'AND',
      limit: Math.min(room - found.length, SPEAKER_QUOTES_WINDOW),
      boost: (record) => (isQuoteRecord(corpus.model, record) && quotes.speaker[record] === n ? 1 : 0),
    });
    for (const h of words.hits) found.push(resolveQuote(corpus, h.record, h.score, [...hit.terms, ...h.terms]));
    if (found.length >= room) break;
  }
  return found;
}

function matches(corpus: CorpusQuery, r: Resolved, f: SearchFilters): boolean {
  if (f.types?.length && !r.types.some((t) => f.types!.includes(t))) return false;
  if (f.speakerId && (r.speaker < 0 || corpus.data.entity(r.speaker).id !== f.speakerId)) return false;
  if (f.docId) {
    const doc = corpus.data.docIndex.get(f.docId);
    if (doc === undefined || !r.docs().includes(doc)) return false;
  }
  return true;
}

function hasFilters(f: SearchFilters): boolean {
  return Boolean(f.types?.length || f.speakerId || f.docId);
}

function facets(corpus: CorpusQuery, window: readonly Resolved[]): SearchFacets {
  const types = new Map<EntityType, number>();
  const speakers = new Map<number, number>();
  const documents = new Map<number, number>();
  for (const r of window) {
    for (const t of r.types) types.set(t, (types.get(t) ?? 0) + 1);
    if (r.speaker >= 0) speakers.set(r.speaker, (speakers.get(r.speaker) ?? 0) + 1);
    if (r.kind !== 'entity') for (const d of r.docs()) documents.set(d, (documents.get(d) ?? 0) + 1);
  }
  // Most frequent first; ties in a stable, readable order.
  const byCount = <T>(m: Map<T, number>, name: (key: T) => string) =>
    [...m].sort((a, b) => b[1] - a[1] || name(a[0]).localeCompare(name(b[0])));
  const entity = (n: number) => corpus.data.entity(n);
  const doc = (n: number) => corpus.model.documents[n]!;
  return {
    types: byCount(types, (t) => t).map(([type, count]) => ({ type, count })),
    speakers: byCount(speakers, (n) => entity(n).id).map(([n, count]) => ({ ...ref(entity(n)), count })),
    documents: byCount(documents, (n) => doc(n).id).map(([n, count]) => ({
      id: doc(n).id,
      title: doc(n).title,
      count,
    })),
  };
}

async function toHits(corpus: CorpusQuery, page: readonly Resolved[]): Promise<SearchHit[]> {
  const data = corpus.data;
  const texts = await corpus.texts(page.filter((r) => r.kind !== 'entity').map((r) => r.docs()[0]!));
  return page.map((r): SearchHit => {
    const base = { score: r.score, terms: r.terms };
    if (r.kind === 'entity') {
      const e = data.entity(r.row);
      return {
        ...base,
        id: `e:${e.id}`,
        kind: 'entity',
        entity: {
          ...ref(e),
          ...(e.description ? { description: e.description } : {}),
          quoteCount: data.directQuoteCount(r.row),
        },
      };
    }
    const text = texts.get(r.docs()[0]!)!;
    if (r.kind === 'quote')
      return { ...base, id: `q:${data.quoteId(r.row)}`, kind: 'quote', quote: data.quoteView(r.row, text) };
    return { ...base, id: `p:${data.passageId(r.row)}`, kind: 'passage', passage: data.passageView(r.row, text, []) };
  });
}

/**
 * Finds names, quotes and passages; tries again with typos forgiven when that finds (almost) nothing:
 * names first with Damerau edits over the name words (a swap is one edit, two edits from five letters:
 * lib/search/name-typos.ts), else with MiniSearch's fuzzy matching; quotes and passages with one typo.
 */
function find(corpus: CorpusQuery, indexes: LoadedIndexes, query: string, window: number) {
  const strict = { prefix: 'last', fuzzy: false, combineWith: 'AND', limit: window } as const;
  let names = indexes.names.search(query, searchOptions);
  let text = indexes.text.search(query, strict);
  let exact: TextHit[] = [];
  // Fuzzy matching is costly on a large vocabulary: only when exact and prefix matching find (almost) nothing.
  if (names.length + text.total < FUZZY_BELOW) {
    const vocabulary = nameVocabularyOf(corpus.model, corpus.model.entities);
    names = searchNamesWithTypos(indexes.names, vocabulary, query);
    if (names.length === 0) names = indexes.names.search(query, fallbackSearchOptions);
    // What matched the words as typed stays ahead of what matches them with a typo: at 10,000 articles a
    // rare word ("raisina") is one with a common one ("raising"), whose hundreds of quotes would bury it.
    exact = text.hits;
    text = indexes.text.search(query, { ...strict, fuzzy: true });
  }
  return { names, text, exact };
}

/** Text hits not in `seen`, quotes first, then passages (each in score order). */
function grouped(corpus: CorpusQuery, hits: readonly TextHit[], seen: ReadonlySet<number>): TextHit[] {
  const quotes = hits.filter((h) => isQuoteRecord(corpus.model, h.record) && !seen.has(h.record));
  const passages = hits.filter((h) => !isQuoteRecord(corpus.model, h.record) && !seen.has(h.record));
  return [...quotes, ...passages];
}

/** A search's answer before its rows are built: what {@link searchCorpus} keeps of its last few queries. */
interface Ranked {
  /** The matches kept after the filters, in order; the page's hits are the first `limit`. */
  kept: Resolved[];
  total: number;
  facets: SearchFacets;
  suggestions: string[];
}

/**
 * Ranked answers kept per corpus (most recent last): the popup asks a query's first rows and then the rest
 * (lib/ui/search/search-model.ts), and typing back over a word asks the same queries again. Each is a few
 * hundred small objects; a reloaded corpus is a new CorpusQuery, so nothing stale is kept.
 */
const RECENT_ANSWERS = 8;
const recent = new WeakMap<CorpusQuery, Map<string, Ranked>>();

/** The matches of `q` (trimmed) grouped, filtered and counted, without rows. */
function rank(corpus: CorpusQuery, indexes: LoadedIndexes, q: string, window: number, filters: SearchFilters): Ranked {
  const filtered = hasFilters(filters);
  const found = find(corpus, indexes, q, window);

  const names: Resolved[] = [];
  for (const r of found.names.slice(0, window)) {
    const x = resolveEntity(corpus, r);
    if (x) names.push(x);
  }
  // Quotes of the speakers the query names come first, then quotes and passages by their words.
  const said = names.length
    ? speakerQuotes(corpus, names, window - names.length)
    : speakerAndWords(corpus, indexes, q, window);
  const saidTotal = names.length
    ? names.slice(0, SPEAKERS).reduce((n, e) => n + corpus.data.quotesOf(e.row).length, 0)
    : said.length;
  // Group text hits into quotes and passages by record number, without resolving them all. Hits of the
  // words as typed (when typos were forgiven: `exact`) come after the speakers' quotes, before the typo hits.
  // (A quote's record number is its row: lib/search/records.ts.)
  const saidRows = new Set(said.map((r) => r.row));
  const exact = grouped(corpus, found.exact, saidRows);
  const rest = grouped(corpus, found.text.hits, new Set([...saidRows, ...exact.map((h) => h.record)]));
  const overlap = found.text.hits.filter((h) => isQuoteRecord(corpus.model, h.record) && saidRows.has(h.record)).length;
  const room = Math.max(0, window - names.length - said.length);
  const resolved = [...names, ...said, ...[...exact, ...rest].slice(0, room).map((h) => resolveText(corpus, h))];

  const kept = filtered ? resolved.filter((r) => matches(corpus, r, filters)) : resolved;
  const suggestions = [
    ...new Set(found.names.slice(0, 5).flatMap((r) => corpus.refs([String(r.id)]).map((e) => e.name))),
  ];
  return {
    kept,
    total: filtered ? kept.length : names.length + saidTotal + found.text.total - overlap,
    facets: facets(corpus, resolved.slice(0, FACET_WINDOW)),
    suggestions,
  };
}

/** {@link rank}, or its answer kept from a recent search of the same query, window and filters. */
function ranked(
  corpus: CorpusQuery,
  indexes: LoadedIndexes,
  q: string,
  window: number,
  filters: SearchFilters,
): Ranked {
  let answers = recent.get(corpus);
  if (!answers) recent.set(corpus, (answers = new Map<string, Ranked>()));
  const key = JSON.stringify([q, window, filters.types ?? [], filters.speakerId ?? '', filters.docId ?? '']);
  let answer = answers.get(key);
  if (answer) answers.delete(key);
  else answer = rank(corpus, indexes, q, window, filters);
  answers.set(key, answer);
  for (const old of answers.keys()) {
    if (answers.size <= RECENT_ANSWERS) break;
    answers.delete(old);
  }
  return answer;
}

/**
 * Searches the corpus: grouped, filtered hits (at most `limit`), facets and name suggestions. Rows (with
 * the texts they quote) are built for the `limit` hits only; asking the same query again with another
 * limit (the popup's first rows, then the rest) reuses the ranking.
 */
export async function searchCorpus(
  corpus: CorpusQuery,
  indexes: LoadedIndexes,
  query: string,
  limit: number,
  filters: SearchFilters = {},
): Promise<SearchResults> {
  const q = query.trim();
  if (!q) return { query, hits: [], total: 0, facets: { types: [], speakers: [], documents: [] }, suggestions: [] };
  const window = Math.max(FACET_WINDOW, hasFilters(filters) ? FILTER_WINDOW : limit);
  const { kept, total, facets, suggestions } = ranked(corpus, indexes, q, window, filters);
  return { query, hits: await toHits(corpus, kept.slice(0, limit)), total, facets, suggestions };
}
