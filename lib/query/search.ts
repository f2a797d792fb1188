/**
 * Corpus search: MiniSearch finds and scores the records; this module groups
 * them (names, then quotes, then passages), applies the filters, counts the
 * facets the UI offers, and suggests names that complete the query.
 *
 * A broad word can match tens of thousands of passages in a large corpus, so
 * results are resolved against the corpus lazily: only as many as the page of
 * hits, the facet window and the filters need.
 */
import type MiniSearch from 'minisearch';
import type { SearchResult } from 'minisearch';
import type { SearchFacets, SearchFilters, SearchHit, SearchResults } from '../messages/protocol';
import type { EntityType } from '../pack/types';
import {
  fallbackSearchOptions,
  recordKind,
  recordTarget,
  searchOptions,
  type RecordKind,
  type SearchRecord,
} from '../search/index-options';
import { ref, type CorpusData } from './corpus-data';

/** Results (in group order) whose facets are counted. */
export const FACET_WINDOW = 300;
/** Results looked at when a filter is on; past this, `total` is a lower bound. */
export const FILTER_WINDOW = 5000;
/** Fewer hits than this and the query is tried again with fuzzy matching. */
const FUZZY_BELOW = 3;
const GROUP_ORDER: Record<RecordKind, number> = { entity: 0, quote: 1, passage: 2 };

/** What one search result is about, resolved against the corpus. */
interface Resolved {
  result: SearchResult;
  kind: RecordKind;
  target: string;
  /** Entity types it is about (type filter and facet). */
  types: EntityType[];
  speakerId: string | null;
  /** Articles it belongs to; computed only for entities when the article filter needs it. */
  docIds: () => string[];
}

function resolve(data: CorpusData, result: SearchResult): Resolved | null {
  const id = String(result.id);
  const kind = recordKind(id);
  const target = recordTarget(id);
  if (kind === 'entity') {
    const e = data.entities.get(target);
    if (!e) return null;
    const docIds = () => [...new Set((data.mentionsByEntity.get(e.id) ?? []).map((m) => m.docId))];
    return { result, kind, target, types: [e.type], speakerId: null, docIds };
  }
  if (kind === 'quote') {
    const q = data.quotes.get(target);
    if (!q) return null;
    const speaker = q.speakerId ? data.entities.get(q.speakerId) : undefined;
    return {
      result,
      kind,
      target,
      types: speaker ? [speaker.type] : [],
      speakerId: q.speakerId,
      docIds: () => [q.docId],
    };
  }
  const p = data.passages.get(target);
  if (!p) return null;
  return { result, kind, target, types: [...data.typesIn(p)], speakerId: null, docIds: () => [p.docId] };
}

function matches(r: Resolved, f: SearchFilters): boolean {
  if (f.types?.length && !r.types.some((t) => f.types!.includes(t))) return false;
  if (f.speakerId && r.speakerId !== f.speakerId) return false;
  if (f.docId && !r.docIds().includes(f.docId)) return false;
  return true;
}

function hasFilters(f: SearchFilters): boolean {
  return Boolean(f.types?.length || f.speakerId || f.docId);
}

function facets(data: CorpusData, window: Resolved[]): SearchFacets {
  const types = new Map<EntityType, number>();
  const speakers = new Map<string, number>();
  const documents = new Map<string, number>();
  for (const r of window) {
    for (const t of r.types) types.set(t, (types.get(t) ?? 0) + 1);
    if (r.speakerId) speakers.set(r.speakerId, (speakers.get(r.speakerId) ?? 0) + 1);
    if (r.kind !== 'entity') for (const d of r.docIds()) documents.set(d, (documents.get(d) ?? 0) + 1);
  }
  // Most frequent first; ties in a stable, readable order.
  const byCount = <T extends string>(m: Map<T, number>) =>
    [...m].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return {
    types: byCount(types).map(([type, count]) => ({ type, count })),
    speakers: byCount(speakers).flatMap(([id, count]) => {
      const e = data.entities.get(id);
      return e ? [{ ...ref(e), count }] : [];
    }),
    documents: byCount(documents).flatMap(([id, count]) => {
      const d = data.docs.get(id);
      return d ? [{ id, title: d.title, count }] : [];
    }),
  };
}

function toHit(data: CorpusData, r: Resolved): SearchHit {
  const base = { id: String(r.result.id), score: r.result.score, terms: r.result.terms };
  if (r.kind === 'entity') {
    const e = data.entities.get(r.target)!;
    const quoteCount = (data.quotesBySpeaker.get(e.id) ?? []).filter((q) => q.kind === 'direct').length;
    return {
      ...base,
      kind: 'entity',
      entity: { ...ref(e), ...(e.description ? { description: e.description } : {}), quoteCount },
    };
  }
  if (r.kind === 'quote') return { ...base, kind: 'quote', quote: data.quoteView(data.quotes.get(r.target)!) };
  return { ...base, kind: 'passage', passage: data.passageView(data.passages.get(r.target)!, []) };
}

/** Entity names among the (already grouped) results: they come first. */
function suggestions(data: CorpusData, grouped: SearchResult[]): string[] {
  const names: string[] = [];
  for (const r of grouped) {
    if (names.length >= 5 || recordKind(String(r.id)) !== 'entity') break;
    const name = data.entities.get(recordTarget(String(r.id)))?.name;
    if (name && !names.includes(name)) names.push(name);
  }
  return names;
}

/** Searches the corpus: grouped, filtered hits (at most `limit`), facets and name suggestions. */
export function searchCorpus(
  data: CorpusData,
  index: MiniSearch<SearchRecord>,
  query: string,
  limit: number,
  filters: SearchFilters = {},
): SearchResults {
  const q = query.trim();
  if (!q) return { query, hits: [], total: 0, facets: { types: [], speakers: [], documents: [] }, suggestions: [] };
  let found = index.search(q, searchOptions);
  // Fuzzy matching is costly on a large vocabulary: only when exact and prefix matching find (almost) nothing.
  if (found.length < FUZZY_BELOW) found = index.search(q, fallbackSearchOptions);
  // Sort is stable: within a group, MiniSearch's score order stays. Only the id is read here.
  const grouped = found.sort((a, b) => GROUP_ORDER[recordKind(String(a.id))] - GROUP_ORDER[recordKind(String(b.id))]);

  const filtered = hasFilters(filters);
  const window = Math.max(FACET_WINDOW, filtered ? FILTER_WINDOW : limit);
  const resolved: Resolved[] = [];
  for (const r of grouped.slice(0, window)) {
    const x = resolve(data, r);
    if (x) resolved.push(x);
  }
  const kept = filtered ? resolved.filter((r) => matches(r, filters)) : resolved;
  return {
    query,
    hits: kept.slice(0, limit).map((r) => toHit(data, r)),
    total: filtered ? kept.length : grouped.length,
    facets: facets(data, resolved.slice(0, FACET_WINDOW)),
    suggestions: suggestions(data, grouped),
  };
}
