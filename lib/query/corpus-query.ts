/**
 * Answers the protocol's questions from a loaded pack: entity cards, search,
 * document lists and documents. Pure (no browser API), so it is tested in Node
 * and runs unchanged in the service worker.
 */
import type MiniSearch from 'minisearch';
import type {
  DocumentSummary,
  DocumentView,
  EntityCard,
  EntityRef,
  NameTable,
  SearchFilters,
  SearchResults,
} from '../messages/protocol';
import type { Pack, Passage } from '../pack/types';
import type { SearchRecord } from '../search/index-options';
import { CorpusData, meta, NotFoundError, ref } from './corpus-data';
import { searchCorpus } from './search';
import { loadSearchIndex } from '../search/records';

export { NotFoundError } from './corpus-data';

/** How many items of each list an entity card carries. */
export const CARD_LIMITS = { quotes: 8, statements: 6, passages: 6, related: 8 } as const;

/**
 * Read-only views over one pack. The lookup tables and the search index are
 * built on first use, not up front: after the browser restarts the service
 * worker, the first question is usually a page's `names.get`, which needs
 * neither, and on a large corpus they take seconds to build. {@link warm}
 * builds them ahead of the first card or search.
 */
export class CorpusQuery {
  readonly pack: Pack;
  private indexCache: MiniSearch<SearchRecord> | undefined;
  private dataCache: CorpusData | undefined;
  private namesCache: NameTable | undefined;

  constructor(pack: Pack) {
    this.pack = pack;
  }

  /** @throws Error when the serialized index was built with other index options (lib/search/index-options.ts). */
  private get index(): MiniSearch<SearchRecord> {
    this.indexCache ??= loadSearchIndex(this.pack.index);
    return this.indexCache;
  }

  private get data(): CorpusData {
    this.dataCache ??= new CorpusData(this.pack);
    return this.dataCache;
  }

  /**
   * Builds the tables and the index now (call when the worker is idle).
   * @throws Error when the serialized index was built with other index options (lib/search/index-options.ts).
   */
  warm(): void {
    void this.data;
    void this.index;
  }

  /** The passage of `docId` that contains `offset`, if any. */
  passageAt(docId: string, offset: number): Passage | undefined {
    return this.data.passageAt(docId, offset);
  }

  /**
   * What the corpus says about one entity.
   * @throws NotFoundError for an unknown id.
   */
  card(entityId: string): EntityCard {
    const entity = this.data.entities.get(entityId);
    if (!entity) throw new NotFoundError(`Dossier: no entity "${entityId}" in the corpus`);
    const said = [...(this.data.quotesBySpeaker.get(entityId) ?? [])].sort(this.data.byRecency);
    const quotes = said.filter((q) => q.kind === 'direct');
    const statements = said.filter((q) => q.kind === 'reported');

    // Passages that mention the entity, with the mention ranges inside each.
    const mentions = this.data.mentionsByEntity.get(entityId) ?? [];
    const hits = new Map<string, { passage: Passage; ranges: [number, number][] }>();
    for (const m of mentions) {
      const p = this.data.passageAt(m.docId, m.start);
      if (!p) continue;
      const hit = hits.get(p.id) ?? { passage: p, ranges: [] };
      hit.ranges.push([m.start - p.start, m.end - p.start]);
      hits.set(p.id, hit);
    }
    const passages = [...hits.values()].sort((a, b) => this.data.byRecency(a.passage, b.passage));
    return {
      entity: {
        ...ref(entity),
        aliases: entity.aliases.filter((a) => a !== entity.name),
        ...(entity.description ? { description: entity.description } : {}),
      },
      quotes: quotes.slice(0, CARD_LIMITS.quotes).map((q) => this.data.quoteView(q)),
      statements: statements.slice(0, CARD_LIMITS.statements).map((q) => this.data.quoteView(q)),
      passages: passages.slice(0, CARD_LIMITS.passages).map((h) => this.data.passageView(h.passage, h.ranges)),
      related: this.related(entityId, hits.keys()).slice(0, CARD_LIMITS.related),
      totals: {
        quotes: quotes.length,
        statements: statements.length,
        passages: passages.length,
        documents: new Set(mentions.map((m) => m.docId)).size,
      },
    };
  }

  /** Entities mentioned in the same passages, most often first. */
  private related(entityId: string, passageIds: Iterable<string>): (EntityRef & { count: number })[] {
    const counts = new Map<string, number>();
    for (const pid of passageIds) {
      const p = this.data.passages.get(pid);
      if (!p) continue;
      const seen = new Set<string>();
      for (const m of this.data.mentionsIn(p)) {
        if (m.entityId === entityId || seen.has(m.entityId)) continue;
        seen.add(m.entityId);
        counts.set(m.entityId, (counts.get(m.entityId) ?? 0) + 1);
      }
    }
    return [...counts]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .flatMap(([id, count]) => {
        const e = this.data.entities.get(id);
        return e ? [{ ...ref(e), count }] : [];
      });
  }

  /** Full-text search: names, then quotes, then passages, filtered; see lib/query/search.ts. */
  search(query: string, limit = 30, filters: SearchFilters = {}): SearchResults {
    return searchCorpus(this.data, this.index, query, limit, filters);
  }

  /** Every document with its counts, newest first. */
  documents(): DocumentSummary[] {
    return this.pack.documents
      .map((d) => {
        const quotes = this.data.quotesByDoc.get(d.id) ?? [];
        return {
          ...meta(d),
          entityCount: new Set((this.data.mentionsByDoc.get(d.id) ?? []).map((m) => m.entityId)).size,
          quoteCount: quotes.filter((q) => q.kind === 'direct').length,
          statementCount: quotes.filter((q) => q.kind === 'reported').length,
          passageCount: this.data.passagesByDoc.get(d.id)?.length ?? 0,
        };
      })
      .sort((a, b) => (b.date ?? '').localeCompare(a.date ?? '') || a.title.localeCompare(b.title));
  }

  /**
   * One document with everything found in it.
   * @throws NotFoundError for an unknown id.
   */
  document(docId: string): DocumentView {
    const document = this.data.doc(docId);
    const mentions = this.data.mentionsByDoc.get(docId) ?? [];
    const entityIds = new Set(mentions.map((m) => m.entityId));
    return {
      document,
      passages: (this.data.passagesByDoc.get(docId) ?? []).map(({ id, start, end }) => ({ id, start, end })),
      mentions: mentions.map(({ entityId, start, end }) => ({ entityId, start, end })),
      quotes: (this.data.quotesByDoc.get(docId) ?? []).map((q) => this.data.quoteView(q)),
      entities: [...entityIds].flatMap((id) => {
        const e = this.data.entities.get(id);
        return e ? [ref(e)] : [];
      }),
    };
  }

  /** References for the known ids among `ids`, in the same order. */
  refs(ids: readonly string[]): EntityRef[] {
    return ids.flatMap((id) => {
      const e = this.data.entities.get(id);
      return e ? [ref(e)] : [];
    });
  }

  /** The names to spot on pages: every alias of every entity not hidden by the user. */
  names(): NameTable {
    if (!this.namesCache) {
      const names = this.pack.entities
        .filter((e) => !e.hidden)
        .flatMap((e) => [...new Set([e.name, ...e.aliases])].map((text) => ({ text, entityId: e.id, type: e.type })));
      this.namesCache = { version: `${this.pack.createdAt}/${this.pack.entities.length}/${names.length}`, names };
    }
    return this.namesCache;
  }
}
