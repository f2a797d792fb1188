/**
 * The read model of a corpus: what the service worker loads to answer, in a
 * form that loads fast and stays small at 10,000 documents.
 *
 * Writers (the importer, edits, subscriptions) work on a {@link Pack}: plain
 * lists of objects, easy to change. Readers never see those lists. A pack is
 * compacted once, when it is stored: passages, mentions and quotes become
 * columns of typed arrays ordered by document and offset, and ids that the
 * order implies (`doc#n`, `doc:qn`) are not stored. Structured clone (what
 * IndexedDB does) copies a typed array as one block of bytes, where a list of
 * a million small objects costs a million allocations; document texts are kept
 * apart so that a reader can load only the ones it shows.
 */
import type { Entity, Mention, Pack, PackDocument, Passage, Quote, QuoteKind } from './types';
import { PACK_FORMAT, PACK_VERSION } from './types';

/** A document without its text, plus the text's length (for range checks). */
export interface DocumentEntry {
  id: string;
  title: string;
  source?: string;
  date?: string;
  url?: string;
  length: number;
}

/** Paragraphs, ordered by document then start. Passage `i` of document `d` has id `${docId}#${n}`, n its rank. */
export interface PassageColumns {
  doc: Uint32Array;
  start: Uint32Array;
  end: Uint32Array;
}

/** Entity occurrences, ordered by document then start. */
export interface MentionColumns {
  entity: Uint32Array;
  doc: Uint32Array;
  start: Uint32Array;
  end: Uint32Array;
}

/** Quotes and statements, ordered by document then start; ids `${docId}:q${n}`, n the rank in the document. */
export interface QuoteColumns {
  doc: Uint32Array;
  start: Uint32Array;
  end: Uint32Array;
  /** Entity number of the speaker, -1 when unknown. */
  speaker: Int32Array;
  /** 0 direct, 1 reported. */
  kind: Uint8Array;
}

/** Everything about a corpus except document texts. */
export interface CorpusModel {
  createdAt: string;
  generator: string;
  documents: DocumentEntry[];
  entities: Entity[];
  passages: PassageColumns;
  mentions: MentionColumns;
  quotes: QuoteColumns;
}

const KINDS: readonly QuoteKind[] = ['direct', 'reported'];

/** Quote kind from its column code. */
export function quoteKind(code: number): QuoteKind {
  return KINDS[code] ?? 'direct';
}

interface Ranged {
  doc: number;
  start: number;
  end: number;
}

function byPosition(a: Ranged, b: Ranged): number {
  return a.doc - b.doc || a.start - b.start || a.end - b.end;
}

function lookup(ids: ReadonlyMap<string, number>, id: string, what: string): number {
  const n = ids.get(id);
  if (n === undefined) throw new Error(`Dossier pack: no ${what} "${id}"`);
  return n;
}

/** The columns and documents of a model, without its entity table and stamps. */
export type ModelRows = Pick<CorpusModel, 'documents' | 'passages' | 'mentions' | 'quotes'>;

/**
 * Documents and their rows as columns in document order: the part of {@link compactPack} that segments
 * (lib/pack/segment.ts) share. Entity ids become numbers through `entityIds`.
 * @throws Error when a passage, mention or quote refers to a missing document or entity.
 */
export function compactRows(
  rows: Pick<Pack, 'documents' | 'passages' | 'mentions' | 'quotes'>,
  entityIds: ReadonlyMap<string, number>,
): ModelRows {
  const docIds = new Map(rows.documents.map((d, i) => [d.id, i]));
  const passages = rows.passages
    .map((p) => ({ doc: lookup(docIds, p.docId, 'document'), start: p.start, end: p.end }))
    .sort(byPosition);
  const mentions = rows.mentions
    .map((m) => ({
      doc: lookup(docIds, m.docId, 'document'),
      entity: lookup(entityIds, m.entityId, 'entity'),
      start: m.start,
      end: m.end,
    }))
    .sort(byPosition);
  const quotes = rows.quotes
    .map((q) => ({
      doc: lookup(docIds, q.docId, 'document'),
      start: q.start,
      end: q.end,
      speaker: q.speakerId === null ? -1 : lookup(entityIds, q.speakerId, 'speaker entity'),
      kind: KINDS.indexOf(q.kind),
    }))
    .sort(byPosition);
  return {
    documents: rows.documents.map(({ text, ...meta }) => ({ ...meta, length: text.length })),
    passages: {
      doc: Uint32Array.from(passages, (p) => p.doc),
      start: Uint32Array.from(passages, (p) => p.start),
      end: Uint32Array.from(passages, (p) => p.end),
    },
    mentions: {
      entity: Uint32Array.from(mentions, (m) => m.entity),
      doc: Uint32Array.from(mentions, (m) => m.doc),
      start: Uint32Array.from(mentions, (m) => m.start),
      end: Uint32Array.from(mentions, (m) => m.end),
    },
    quotes: {
      doc: Uint32Array.from(quotes, (q) => q.doc),
      start: Uint32Array.from(quotes, (q) => q.start),
      end: Uint32Array.from(quotes, (q) => q.end),
      speaker: Int32Array.from(quotes, (q) => q.speaker),
      kind: Uint8Array.from(quotes, (q) => q.kind),
    },
  };
}

/**
 * The read model of `pack`: lists become columns in document order.
 * @throws Error when a passage, mention or quote refers to a missing document or entity.
 */
export function compactPack(pack: Pack): CorpusModel {
  const rows = compactRows(pack, new Map(pack.entities.map((e, i) => [e.id, i])));
  return {
    createdAt: pack.createdAt,
    generator: pack.generator,
    documents: rows.documents,
    entities: pack.entities.map((e) => ({ ...e })),
    passages: rows.passages,
    mentions: rows.mentions,
    quotes: rows.quotes,
  };
}

/** For each row of a document-ordered column, its rank within its document. */
export function ranksInDocument(doc: Uint32Array): Uint32Array {
  const rank = new Uint32Array(doc.length);
  for (let i = 1; i < doc.length; i++) rank[i] = doc[i] === doc[i - 1] ? rank[i - 1]! + 1 : 0;
  return rank;
}

/**
 * The pack a model was made from (ids regenerated from the order), given every document's text.
 * @throws Error when a text is missing.
 */
export function expandModel(model: CorpusModel, textOf: (doc: number) => string | undefined): Pack {
  const texts = model.documents.map((d, i) => {
    const text = textOf(i);
    if (text === undefined) throw new Error(`Dossier pack: the text of document "${d.id}" is missing`);
    return text;
  });
  const documents: PackDocument[] = model.documents.map(({ length: _length, ...meta }, i) => ({
    ...meta,
    text: texts[i]!,
  }));
  const docId = (i: number) => model.documents[i]!.id;
  const entityId = (i: number) => model.entities[i]!.id;
  const p = model.passages;
  const passageRank = ranksInDocument(p.doc);
  const passages: Passage[] = Array.from(p.doc, (d, i) => ({
    id: `${docId(d)}#${passageRank[i]!}`,
    docId: docId(d),
    start: p.start[i]!,
    end: p.end[i]!,
  }));
  const m = model.mentions;
  const mentions: Mention[] = Array.from(m.doc, (d, i) => ({
    entityId: entityId(m.entity[i]!),
    docId: docId(d),
    start: m.start[i]!,
    end: m.end[i]!,
  }));
  const q = model.quotes;
  const quoteRank = ranksInDocument(q.doc);
  const quotes: Quote[] = Array.from(q.doc, (d, i) => ({
    id: `${docId(d)}:q${quoteRank[i]!}`,
    docId: docId(d),
    text: texts[d]!.slice(q.start[i], q.end[i]),
    speakerId: q.speaker[i]! < 0 ? null : entityId(q.speaker[i]!),
    kind: quoteKind(q.kind[i]!),
    start: q.start[i]!,
    end: q.end[i]!,
  }));
  return {
    format: PACK_FORMAT,
    version: PACK_VERSION,
    createdAt: model.createdAt,
    generator: model.generator,
    documents,
    passages,
    entities: model.entities.map((e) => ({ ...e })),
    mentions,
    quotes,
  };
}
