/**
 * Lookup tables over a corpus model (lib/pack/model.ts), built when it is
 * loaded, and the small views every answer is made of. Rows are numbers into
 * the model's columns; the tables are typed arrays too (row lists grouped by
 * document, entity and speaker), so a corpus of 10,000 documents costs a few
 * tens of milliseconds here, not the seconds of a million small objects.
 */
import type { DocumentMeta, DocumentSummary, EntityRef, PassageView, QuoteView } from '../messages/protocol';
import { quoteKind, ranksInDocument, type CorpusModel, type DocumentEntry } from '../pack/model';
import type { Entity, EntityType } from '../pack/types';
import { lowerBound } from '../search/sorted';
import { sentenceLead } from './card-repeats';

/** Thrown for an id that is not in the corpus; the router maps it to `not-found`. */
export class NotFoundError extends Error {
  override name = 'NotFoundError';
}

/** A document's metadata, without its text. */
export function meta(doc: DocumentEntry): DocumentMeta {
  const { length: _length, ...rest } = doc;
  return rest;
}

/** A document's row in lists: its metadata and how many entities, quotes, statements and passages it has. */
export function documentSummary(data: CorpusData, doc: number): DocumentSummary {
  const { mentions: m, quotes: q } = data.model;
  const entities = new Set(m.entity.subarray(data.mentionStart[doc], data.mentionStart[doc + 1]));
  let quoteCount = 0;
  let statementCount = 0;
  for (let i = data.quoteStart[doc]!; i < data.quoteStart[doc + 1]!; i++) {
    if (q.kind[i] === 0) quoteCount++;
    else statementCount++;
  }
  return {
    ...meta(data.model.documents[doc]!),
    entityCount: entities.size,
    quoteCount,
    statementCount,
    passageCount: data.passageStart[doc + 1]! - data.passageStart[doc]!,
  };
}

/** A short reference to an entity. */
export function ref(e: Entity): EntityRef {
  return { id: e.id, name: e.name, type: e.type };
}

/**
 * Rows grouped by a key: the rows of key `k` are `rows[start[k]] … rows[start[k+1]-1]`,
 * in the order of `order` (default: row order; a counting sort). Negative keys are left out.
 */
export class RowGroups {
  readonly start: Uint32Array;
  readonly rows: Uint32Array;

  constructor(keys: ArrayLike<number>, keyCount: number, order?: ArrayLike<number>) {
    this.start = new Uint32Array(keyCount + 1);
    let n = 0;
    for (let i = 0; i < keys.length; i++) {
      if (keys[i]! < 0) continue;
      this.start[keys[i]! + 1]!++;
      n++;
    }
    for (let k = 0; k < keyCount; k++) this.start[k + 1]! += this.start[k]!;
    this.rows = new Uint32Array(n);
    const next = this.start.slice(0, keyCount);
    for (let j = 0; j < keys.length; j++) {
      const i = order ? order[j]! : j;
      if (keys[i]! >= 0) this.rows[next[keys[i]!]!++] = i;
    }
  }

  /** The rows of key `k`. */
  of(k: number): Uint32Array {
    return this.rows.subarray(this.start[k], this.start[k + 1]);
  }
}

/**
 * Quote rows newest document first, by start within a document. The model keeps a document's quotes by
 * start, so a stable counting sort by the document's rank gives that order in O(quotes) (a comparison sort
 * of 300,000 rows was a tenth of a service-worker start at 10,000 briefings); a model whose quotes are not
 * in that order gets the comparison sort.
 */
export function newestFirst(q: { doc: Uint32Array; start: Uint32Array }, recency: Uint32Array): Uint32Array {
  const keys = new Uint32Array(q.doc.length);
  for (let i = 0; i < keys.length; i++) keys[i] = recency[q.doc[i]!]!;
  const rows = new RowGroups(keys, recency.length).rows;
  for (let i = 1; i < rows.length; i++) {
    const a = rows[i - 1]!;
    const b = rows[i]!;
    if (q.doc[a] === q.doc[b] && q.start[a]! > q.start[b]!)
      return Uint32Array.from(q.doc.keys()).sort(
        (x, y) => recency[q.doc[x]!]! - recency[q.doc[y]!]! || q.start[x]! - q.start[y]!,
      );
  }
  return rows;
}

/** The first row of each document in a document-ordered column (length documents + 1). */
function docStarts(doc: Uint32Array, docCount: number): Uint32Array {
  const start = new Uint32Array(docCount + 1);
  for (let d = 0, i = 0; d <= docCount; d++) {
    while (i < doc.length && doc[i]! < d) i++;
    start[d] = i;
  }
  return start;
}

/** The model and its lookup tables. */
export class CorpusData {
  readonly docIndex: Map<string, number>;
  readonly entityIndex: Map<string, number>;
  /** First passage / mention / quote row of each document. */
  readonly passageStart: Uint32Array;
  readonly mentionStart: Uint32Array;
  readonly quoteStart: Uint32Array;
  readonly mentionsByEntity: RowGroups;
  /** Each speaker's quotes, newest document first, in reading order within a document. */
  readonly quotesBySpeaker: RowGroups;
  /** Rank of each document from the newest (0) by date; undated documents last, ties in corpus order. */
  readonly recency: Uint32Array;
  private readonly passageRank: Uint32Array;
  private readonly quoteRank: Uint32Array;

  /**
   * @param entityIndex entity id → number in `model.entities`, when the caller already made it (a joined
   *   corpus, lib/pack/segment.ts): 65,000 ids at 10,000 briefings are not hashed twice after a restart.
   * @param docIndex document id → number, when the caller already made it (a joined corpus).
   */
  constructor(
    readonly model: CorpusModel,
    entityIndex?: Map<string, number>,
    docIndex?: Map<string, number>,
  ) {
    const docs = model.documents.length;
    this.docIndex = docIndex ?? new Map(model.documents.map((d, i) => [d.id, i]));
    this.entityIndex = entityIndex ?? new Map(model.entities.map((e, i) => [e.id, i]));
    this.passageStart = docStarts(model.passages.doc, docs);
    this.mentionStart = docStarts(model.mentions.doc, docs);
    this.quoteStart = docStarts(model.quotes.doc, docs);
    this.mentionsByEntity = new RowGroups(model.mentions.entity, model.entities.length);
    this.recency = recencyRanks(model.documents);
    const q = model.quotes;
    this.quotesBySpeaker = new RowGroups(q.speaker, model.entities.length, newestFirst(q, this.recency));
    this.passageRank = ranksInDocument(model.passages.doc);
    this.quoteRank = ranksInDocument(model.quotes.doc);
  }

  /** The document number of `docId`, or NotFoundError. */
  docNumber(docId: string): number {
    const n = this.docIndex.get(docId);
    if (n === undefined) throw new NotFoundError(`Dossier: no document "${docId}" in the corpus`);
    return n;
  }

  /** The entity number of `entityId`, or NotFoundError. */
  entityNumber(entityId: string): number {
    const n = this.entityIndex.get(entityId);
    if (n === undefined) throw new NotFoundError(`Dossier: no entity "${entityId}" in the corpus`);
    return n;
  }

  entity(n: number): Entity {
    return this.model.entities[n]!;
  }

  passageId(row: number): string {
    return `${this.model.documents[this.model.passages.doc[row]!]!.id}#${this.passageRank[row]!}`;
  }

  quoteId(row: number): string {
    return `${this.model.documents[this.model.quotes.doc[row]!]!.id}:q${this.quoteRank[row]!}`;
  }

  /** The passage row of document `doc` that contains `offset`, or -1. */
  passageAt(doc: number, offset: number): number {
    const { start, end } = this.model.passages;
    const from = this.passageStart[doc]!;
    const to = this.passageStart[doc + 1]!;
    // Last passage starting at or before `offset`.
    const i = lowerBound(start, offset + 1, from, to) - 1;
    return i >= from && offset < end[i]! ? i : -1;
  }

  /** Calls `visit` with each mention row inside passage `row`, in reading order, without building a list. */
  forEachMentionIn(row: number, visit: (mention: number) => void): void {
    const p = this.model.passages;
    const m = this.model.mentions;
    const doc = p.doc[row]!;
    const to = this.mentionStart[doc + 1]!;
    const end = p.end[row]!;
    for (let i = lowerBound(m.start, p.start[row]!, this.mentionStart[doc]!, to); i < to && m.start[i]! < end; i++)
      if (m.end[i]! <= end) visit(i);
  }

  /** Mention rows inside passage `row`, in reading order. */
  mentionsIn(row: number): number[] {
    const inside: number[] = [];
    this.forEachMentionIn(row, (i) => inside.push(i));
    return inside;
  }

  /** The entity types passage `row` mentions. */
  typesIn(row: number): EntityType[] {
    return [...new Set(this.mentionsIn(row).map((i) => this.entity(this.model.mentions.entity[i]!).type))];
  }

  /** Direct quotes and statements of entity `n`, newest first. */
  quotesOf(n: number): Uint32Array {
    return this.quotesBySpeaker.of(n);
  }

  /** Number of direct quotes of entity `n`. */
  directQuoteCount(n: number): number {
    let count = 0;
    for (const row of this.quotesOf(n)) if (this.model.quotes.kind[row] === 0) count++;
    return count;
  }

  /**
   * The view of quote `row`, given its document's text. A statement that starts mid-sentence
   * ("Lee said that | the talks would resume") gets its sentence's start as `lead`, so that every
   * list shows whose words they are and where they start.
   */
  quoteView(row: number, text: string): QuoteView {
    const q = this.model.quotes;
    const speaker = q.speaker[row]!;
    const view: QuoteView = {
      id: this.quoteId(row),
      text: text.slice(q.start[row], q.end[row]),
      kind: quoteKind(q.kind[row]!),
      speaker: speaker < 0 ? null : ref(this.entity(speaker)),
      doc: meta(this.model.documents[q.doc[row]!]!),
      start: q.start[row]!,
    };
    if (view.kind !== 'reported') return view;
    const passage = this.passageAt(q.doc[row]!, q.start[row]!);
    const from = passage >= 0 ? this.model.passages.start[passage]! : Math.max(0, q.start[row]! - 400);
    const lead = sentenceLead(text, from, q.start[row]!);
    return lead ? { ...view, lead } : view;
  }

  /** The view of passage `row`, given its document's text. */
  passageView(row: number, text: string, highlights: [number, number][]): PassageView {
    const p = this.model.passages;
    return {
      id: this.passageId(row),
      text: text.slice(p.start[row], p.end[row]),
      doc: meta(this.model.documents[p.doc[row]!]!),
      highlights,
      start: p.start[row]!,
    };
  }

  /** Orders (document, offset) pairs newest document first; within a document, in reading order. */
  byRecency(a: { doc: number; start: number }, b: { doc: number; start: number }): number {
    return a.doc === b.doc ? a.start - b.start : this.recency[a.doc]! - this.recency[b.doc]!;
  }
}

/** Rank of each document by date, newest first; ties (and undated documents, last) in corpus order. */
function recencyRanks(documents: readonly DocumentEntry[]): Uint32Array {
  const order = Array.from(documents.keys()).sort((a, b) => {
    const da = documents[a]!.date ?? '';
    const db = documents[b]!.date ?? '';
    return da === db ? a - b : da < db ? 1 : -1;
  });
  const rank = new Uint32Array(documents.length);
  order.forEach((doc, i) => (rank[doc] = i));
  return rank;
}
