/**
 * Corpus search: MiniSearch finds and scores the records; this module groups
 * them (names, then quotes, then passages), applies the filters, counts the
 * facets the UI offers, and suggests names that complete the query.
 */
import type MiniSearch from 'minisearch';
import type { SearchResult } from 'minisearch';
import type { SearchFacets, SearchFilters, SearchHit, SearchResults } from '../messages/protocol';
import type { EntityType } from '../pack/types';
import { recordKind, recordTarget, searchOptions, type RecordKind, type SearchRecord } from '../search/index-options';
import { ref, type CorpusData } from './corpus-data';

/** Results looked at for facets; beyond this the counts are a lower bound. */
const FACET_WINDOW = 1000;
const GROUP_ORDER: Record<RecordKind, number> = { entity: 0, quote: 1, passage: 2 };

/** What one search result is, resolved against the corpus. */
interface Resolved {
  result: SearchResult;
  kind: RecordKind;
  target: string;
  /** Entity types the result is about (for the type filter and facet). */
  types: EntityType[];
  speakerId: string | null;
  docIds: string[];
}

function resolve(data: CorpusData, result: SearchResult): Resolved | null {
  const id = String(result.id);
  const kind = recordKind(id);
  const target = recordTarget(id);
  if (kind === 'entity') {
    const e = data.entities.get(target);
    if (!e) return null;
    const docIds = [...new Set((data.mentionsByEntity.get(e.id) ?? []).map((m) => m.docId))];
    return { result, kind, target, types: [e.type], speakerId: null, docIds };
  }
  if (kind === 'quote') {
    const q = data.quotes.get(target);
    if (!q) return null;
    const speaker = q.speakerId ? data.entities.get(q.speakerId) : undefined;
    return { result, kind, target, types: speaker ? [speaker.type] : [], speakerId: q.speakerId, docIds: [q.docId] };
  }
  const p = data.passages.get(target);
  if (!p) return null;
  return { result, kind, target, types: [...data.typesIn(p)], speakerId: null, docIds: [p.docId] };
}

function matches(r: Resolved, f: SearchFilters): boolean {
  if (f.types?.length && !r.types.some((t) => f.types!.includes(t))) return false;
  if (f.speakerId && r.speakerId !== f.speakerId) return false;
  if (f.docId && !r.docIds.includes(f.docId)) return false;
  return true;
}

function facets(data: CorpusData, resolved: Resolved[]): SearchFacets {
  const types = new Map<EntityType, number>();
  const speakers = new Map<string, number>();
  const documents = new Map<string, number>();
  for (const r of resolved.slice(0, FACET_WINDOW)) {
    for (const t of r.types) types.set(t, (types.get(t) ?? 0) + 1);
    if (r.speakerId) speakers.set(r.speakerId, (speakers.get(r.speakerId) ?? 0) + 1);
    if (r.kind !== 'entity') for (const d of r.docIds) documents.set(d, (documents.get(d) ?? 0) + 1);
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

/** Names completing the query, best first. */
function suggest(data: CorpusData, index: MiniSearch<SearchRecord>, query: string): string[] {
  const names = index
    .search(query, {
      ...searchOptions,
      fields: ['name', 'aliases'],
      filter: (r) => recordKind(String(r.id)) === 'entity',
    })
    .slice(0, 5)
    .flatMap((r) => data.entities.get(recordTarget(String(r.id)))?.name ?? []);
  return [...new Set(names)];
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
  const resolved = index.search(q, searchOptions).flatMap((r) => resolve(data, r) ?? []);
  // Sort is stable: within a group, MiniSearch's score order stays.
  const kept = resolved.filter((r) => matches(r, filters)).sort((a, b) => GROUP_ORDER[a.kind] - GROUP_ORDER[b.kind]);
  return {
    query,
    hits: kept.slice(0, limit).map((r) => toHit(data, r)),
    total: kept.length,
    facets: facets(data, resolved),
    suggestions: suggest(data, index, q),
  };
}
