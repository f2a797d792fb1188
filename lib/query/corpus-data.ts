/**
 * Lookup tables over one pack, built once when it is loaded, and the small
 * views every answer is made of (entity refs, quote and passage views).
 */
import type { DocumentMeta, EntityRef, PassageView, QuoteView } from '../messages/protocol';
import type { Entity, EntityType, Mention, Pack, PackDocument, Passage, Quote } from '../pack/types';

/** Thrown for an id that is not in the corpus; the router maps it to `not-found`. */
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

/** A document's metadata, without its text. */
export function meta(doc: PackDocument): DocumentMeta {
  const { text: _text, ...rest } = doc;
  return rest;
}

/** A short reference to an entity. */
export function ref(e: Entity): EntityRef {
  return { id: e.id, name: e.name, type: e.type };
}

/** The pack and its indexes by id. */
export class CorpusData {
  readonly docs: Map<string, PackDocument>;
  readonly entities: Map<string, Entity>;
  readonly quotes: Map<string, Quote>;
  readonly passages: Map<string, Passage>;
  readonly passagesByDoc: Map<string, Passage[]>;
  readonly mentionsByEntity: Map<string, Mention[]>;
  readonly mentionsByDoc: Map<string, Mention[]>;
  readonly quotesBySpeaker: Map<string, Quote[]>;
  readonly quotesByDoc: Map<string, Quote[]>;
  /** Entity types mentioned in each passage, filled on demand (search filters). */
  private readonly passageTypes = new Map<string, Set<EntityType>>();

  constructor(readonly pack: Pack) {
    this.docs = new Map(pack.documents.map((d) => [d.id, d]));
    this.entities = new Map(pack.entities.map((e) => [e.id, e]));
    this.quotes = new Map(pack.quotes.map((q) => [q.id, q]));
    this.passages = new Map(pack.passages.map((p) => [p.id, p]));
    this.passagesByDoc = groupBy(pack.passages, (p) => p.docId);
    for (const list of this.passagesByDoc.values()) list.sort((a, b) => a.start - b.start);
    this.mentionsByEntity = groupBy(pack.mentions, (m) => m.entityId);
    this.mentionsByDoc = groupBy(pack.mentions, (m) => m.docId);
    for (const list of this.mentionsByDoc.values()) list.sort((a, b) => a.start - b.start);
    this.quotesBySpeaker = groupBy(
      pack.quotes.filter((q) => q.speakerId !== null),
      (q) => q.speakerId ?? '',
    );
    this.quotesByDoc = groupBy(pack.quotes, (q) => q.docId);
  }

  /** The document, or NotFoundError. */
  doc(docId: string): PackDocument {
    const doc = this.docs.get(docId);
    if (!doc) throw new NotFoundError(`Dossier: no document "${docId}" in the corpus`);
    return doc;
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

  /** Mentions inside a passage, in reading order (binary search in the document's mentions). */
  mentionsIn(p: Passage): Mention[] {
    const list = this.mentionsByDoc.get(p.docId) ?? [];
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]!.start < p.start) lo = mid + 1;
      else hi = mid;
    }
    const inside: Mention[] = [];
    for (let i = lo; i < list.length && list[i]!.start < p.end; i++) if (list[i]!.end <= p.end) inside.push(list[i]!);
    return inside;
  }

  /** The entity types a passage mentions. */
  typesIn(p: Passage): Set<EntityType> {
    let types = this.passageTypes.get(p.id);
    if (!types) {
      types = new Set(this.mentionsIn(p).flatMap((m) => this.entities.get(m.entityId)?.type ?? []));
      this.passageTypes.set(p.id, types);
    }
    return types;
  }

  quoteView(q: Quote): QuoteView {
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

  passageView(p: Passage, highlights: [number, number][]): PassageView {
    const doc = this.doc(p.docId);
    return { id: p.id, text: doc.text.slice(p.start, p.end), doc: meta(doc), highlights, start: p.start };
  }

  /** Newest documents first; within a document, in reading order. */
  readonly byRecency = (a: { docId: string; start: number }, b: { docId: string; start: number }): number => {
    if (a.docId === b.docId) return a.start - b.start;
    const da = this.docs.get(a.docId)?.date ?? '';
    const db = this.docs.get(b.docId)?.date ?? '';
    return da === db ? (a.docId < b.docId ? -1 : 1) : da < db ? 1 : -1;
  };
}
