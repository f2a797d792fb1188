/**
 * Answers the protocol's questions from a loaded pack: entity cards, search,
 * document lists and documents. Pure (no browser API), so it is tested in Node
 * and runs unchanged in the service worker.
 */
import MiniSearch, { type SearchResult } from 'minisearch';
import type {
  DocumentMeta,
  DocumentSummary,
  DocumentView,
  EntityCard,
  EntityRef,
  NameTable,
  PassageView,
  QuoteView,
  SearchHit,
  SearchResults,
} from '../messages/protocol';
import type { Entity, Mention, Pack, PackDocument, Passage, Quote } from '../pack/types';
import { indexOptions, recordKind, recordTarget, searchOptions, type SearchRecord } from '../search/index-options';

/** How many items of each list an entity card carries. */
export const CARD_LIMITS = { quotes: 8, statements: 6, passages: 6, related: 8 } as const;

/** Thrown for an id that is not in the corpus; the handler maps it to `not-found`. */
export class NotFoundError extends Error {
  override name = 'NotFoundError';
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

function meta(doc: PackDocument): DocumentMeta {
  const { text: _text, ...rest } = doc;
  return rest;
}

function ref(e: Entity): EntityRef {
  return { id: e.id, name: e.name, type: e.type };
}

/** Read-only views over one pack, with the lookup tables built once. */
export class CorpusQuery {
  readonly pack: Pack;
  private readonly index: MiniSearch<SearchRecord>;
  private readonly docs: Map<string, PackDocument>;
  private readonly entities: Map<string, Entity>;
  private readonly quotes: Map<string, Quote>;
  private readonly passages: Map<string, Passage>;
  private readonly passagesByDoc: Map<string, Passage[]>;
  private readonly mentionsByEntity: Map<string, Mention[]>;
  private readonly mentionsByDoc: Map<string, Mention[]>;
  private readonly quotesBySpeaker: Map<string, Quote[]>;
  private readonly quotesByDoc: Map<string, Quote[]>;
  private namesCache: NameTable | undefined;

  /** @throws Error when the serialized index does not match {@link indexOptions}. */
  constructor(pack: Pack) {
    this.pack = pack;
    this.index = MiniSearch.loadJS(pack.index as Parameters<typeof MiniSearch.loadJS>[0], indexOptions);
    this.docs = new Map(pack.documents.map((d) => [d.id, d]));
    this.entities = new Map(pack.entities.map((e) => [e.id, e]));
    this.quotes = new Map(pack.quotes.map((q) => [q.id, q]));
    this.passages = new Map(pack.passages.map((p) => [p.id, p]));
    this.passagesByDoc = groupBy(pack.passages, (p) => p.docId);
    for (const list of this.passagesByDoc.values()) list.sort((a, b) => a.start - b.start);
    this.mentionsByEntity = groupBy(pack.mentions, (m) => m.entityId);
    this.mentionsByDoc = groupBy(pack.mentions, (m) => m.docId);
    this.quotesBySpeaker = groupBy(
      pack.quotes.filter((q) => q.speakerId !== null),
      (q) => q.speakerId ?? '',
    );
    this.quotesByDoc = groupBy(pack.quotes, (q) => q.docId);
  }

  /** The passage of `docId` that contains `offset`, if any (binary search). */
  passageAt(docId: string, offset: number): Passage | undefined {
    const list = this.passagesByDoc.get(docId);
    if (!list) return undefined;
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const p = list[mid]!;
      if (offset < p.start) hi = mid - 1;
      else if (offset >= p.end) lo = mid + 1;
      else return p;
    }
    return undefined;
  }

  private doc(docId: string): PackDocument {
    const doc = this.docs.get(docId);
    if (!doc) throw new NotFoundError(`Dossier: no document "${docId}" in the corpus`);
    return doc;
  }

  private quoteView(q: Quote): QuoteView {
    const speaker = q.speakerId ? this.entities.get(q.speakerId) : undefined;
    return {
      id: q.id,
      text: q.text,
      kind: q.kind,
      speaker: speaker ? ref(speaker) : null,
      doc: meta(this.doc(q.docId)),
      start: q.start,
    };
  }

  private passageView(p: Passage, highlights: [number, number][]): PassageView {
    const doc = this.doc(p.docId);
    return { id: p.id, text: doc.text.slice(p.start, p.end), doc: meta(doc), highlights, start: p.start };
  }

  /** Newest documents first; within a document, in reading order. */
  private byRecency = (a: { docId: string; start: number }, b: { docId: string; start: number }): number => {
    if (a.docId === b.docId) return a.start - b.start;
    const da = this.docs.get(a.docId)?.date ?? '';
    const db = this.docs.get(b.docId)?.date ?? '';
    return da === db ? (a.docId < b.docId ? -1 : 1) : da < db ? 1 : -1;
  };

  /**
   * What the corpus says about one entity.
   * @throws NotFoundError for an unknown id.
   */
  card(entityId: string): EntityCard {
    const entity = this.entities.get(entityId);
    if (!entity) throw new NotFoundError(`Dossier: no entity "${entityId}" in the corpus`);
    const said = [...(this.quotesBySpeaker.get(entityId) ?? [])].sort(this.byRecency);
    const quotes = said.filter((q) => q.kind === 'direct');
    const statements = said.filter((q) => q.kind === 'reported');

    // Passages that mention the entity, with the mention ranges inside each.
    const mentions = this.mentionsByEntity.get(entityId) ?? [];
    const hits = new Map<string, { passage: Passage; ranges: [number, number][] }>();
    for (const m of mentions) {
      const p = this.passageAt(m.docId, m.start);
      if (!p) continue;
      const hit = hits.get(p.id) ?? { passage: p, ranges: [] };
      hit.ranges.push([m.start - p.start, m.end - p.start]);
      hits.set(p.id, hit);
    }
    const passages = [...hits.values()].sort((a, b) => this.byRecency(a.passage, b.passage));
    return {
      entity: {
        ...ref(entity),
        aliases: entity.aliases.filter((a) => a !== entity.name),
        ...(entity.description ? { description: entity.description } : {}),
      },
      quotes: quotes.slice(0, CARD_LIMITS.quotes).map((q) => this.quoteView(q)),
      statements: statements.slice(0, CARD_LIMITS.statements).map((q) => this.quoteView(q)),
      passages: passages.slice(0, CARD_LIMITS.passages).map((h) => this.passageView(h.passage, h.ranges)),
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
      const p = this.passages.get(pid);
      if (!p) continue;
      const seen = new Set<string>();
      for (const m of this.mentionsByDoc.get(p.docId) ?? []) {
        if (m.start < p.start || m.end > p.end || m.entityId === entityId || seen.has(m.entityId)) continue;
        seen.add(m.entityId);
        counts.set(m.entityId, (counts.get(m.entityId) ?? 0) + 1);
      }
    }
    return [...counts]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .flatMap(([id, count]) => {
        const e = this.entities.get(id);
        return e ? [{ ...ref(e), count }] : [];
      });
  }

  /** Full-text search over entities, quotes and passages, best first. */
  search(query: string, limit = 30): SearchResults {
    const q = query.trim();
    if (!q) return { query, hits: [], total: 0 };
    const results = this.index.search(q, searchOptions);
    const hits: SearchHit[] = [];
    for (const r of results) {
      if (hits.length >= limit) break;
      const hit = this.hit(r);
      if (hit) hits.push(hit);
    }
    return { query, hits, total: results.length };
  }

  private hit(r: SearchResult): SearchHit | null {
    const id = String(r.id);
    const target = recordTarget(id);
    const base = { id, score: r.score, terms: r.terms };
    switch (recordKind(id)) {
      case 'entity': {
        const e = this.entities.get(target);
        if (!e) return null;
        const quoteCount = (this.quotesBySpeaker.get(e.id) ?? []).filter((x) => x.kind === 'direct').length;
        return {
          ...base,
          kind: 'entity',
          entity: { ...ref(e), ...(e.description ? { description: e.description } : {}), quoteCount },
        };
      }
      case 'quote': {
        const q = this.quotes.get(target);
        return q ? { ...base, kind: 'quote', quote: this.quoteView(q) } : null;
      }
      case 'passage': {
        const p = this.passages.get(target);
        return p ? { ...base, kind: 'passage', passage: this.passageView(p, []) } : null;
      }
    }
  }

  /** Every document with its counts, newest first. */
  documents(): DocumentSummary[] {
    return this.pack.documents
      .map((d) => {
        const quotes = this.quotesByDoc.get(d.id) ?? [];
        return {
          ...meta(d),
          entityCount: new Set((this.mentionsByDoc.get(d.id) ?? []).map((m) => m.entityId)).size,
          quoteCount: quotes.filter((q) => q.kind === 'direct').length,
          statementCount: quotes.filter((q) => q.kind === 'reported').length,
          passageCount: this.passagesByDoc.get(d.id)?.length ?? 0,
        };
      })
      .sort((a, b) => (b.date ?? '').localeCompare(a.date ?? '') || a.title.localeCompare(b.title));
  }

  /**
   * One document with everything found in it.
   * @throws NotFoundError for an unknown id.
   */
  document(docId: string): DocumentView {
    const document = this.doc(docId);
    const mentions = this.mentionsByDoc.get(docId) ?? [];
    const entityIds = new Set(mentions.map((m) => m.entityId));
    return {
      document,
      passages: (this.passagesByDoc.get(docId) ?? []).map(({ id, start, end }) => ({ id, start, end })),
      mentions: mentions.map(({ entityId, start, end }) => ({ entityId, start, end })),
      quotes: (this.quotesByDoc.get(docId) ?? []).map((q) => this.quoteView(q)),
      entities: [...entityIds].flatMap((id) => {
        const e = this.entities.get(id);
        return e ? [ref(e)] : [];
      }),
    };
  }

  /** References for the known ids among `ids`, in the same order. */
  refs(ids: readonly string[]): EntityRef[] {
    return ids.flatMap((id) => {
      const e = this.entities.get(id);
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
