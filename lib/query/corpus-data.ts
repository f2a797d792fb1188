/**
 * Lookup tables over a corpus model (lib/pack/model.ts), built when it is
 * loaded, and the small views every answer is made of. Rows are numbers into
 * the model's columns; the tables are typed arrays too (row lists grouped by
 * document, entity and speaker), so a corpus of 10,000 documents costs a few
 * tens of milliseconds here, not the seconds of a million small objects.
 */
import type { DocumentMeta, DocumentSummary, EntityRef, PassageView, QuoteView } from '../messages/protocol';
import { quoteKind, ranksInDocument, type CorpusModel, type DocumentEntry } from '../pack/model';
import { extendedFrom } from '../pack/segment';
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

/** Rows grouped by a key: {@link RowGroups}, or such groups with some keys' lists replaced ({@link GrownGroups}). */
export interface Groups {
  /** The rows of key `k` (empty for a key without rows). */
  of(k: number): Uint32Array;
}

const NO_ROWS = new Uint32Array(0);

/**
 * Grown groups are built anew once their replaced lists hold more than `share` of the rows (tests set it
 * higher, so that small corpora grow too).
 */
export const growLimit = { share: 0.5 };

/**
 * Groups after rows were appended (issue #14: a reload after an append costs the append): the groups built
 * over the rows at some earlier point, and the whole new list of every key that gained rows since. Lists
 * are never changed in place, so an older corpus's groups stay as they were.
 */
export class GrownGroups implements Groups {
  constructor(
    readonly base: RowGroups,
    /** Keys the base has (later keys have no list there). */
    readonly baseKeys: number,
    readonly lists: ReadonlyMap<number, Uint32Array>,
    /** Rows in `lists` (to know when building anew is cheaper). */
    readonly listed: number,
  ) {}

  of(k: number): Uint32Array {
    return this.lists.get(k) ?? (k < this.baseKeys ? this.base.of(k) : NO_ROWS);
  }
}

/**
 * `groups` with each key's rows among `fresh` (rows, in the order they go after the key's old ones) added
 * after its old ones, or merged in by `before` when given (a row goes before an old one when before(row, old)).
 * Null when the changed lists would hold more than {@link growLimit} of the rows: the caller builds them anew.
 */
function grownGroups(
  groups: Groups,
  keyCount: number,
  totalRows: number,
  fresh: Map<number, number[]>,
  before?: (row: number, old: number) => boolean,
): GrownGroups | null {
  const root = groups instanceof GrownGroups ? groups : new GrownGroups(groups as RowGroups, keyCount, new Map(), 0);
  const lists = new Map(root.lists);
  let listed = root.listed;
  for (const [k, rows] of fresh) {
    const old = root.of(k);
    const list = new Uint32Array(old.length + rows.length);
    if (!before) {
      list.set(old, 0);
      list.set(rows, old.length);
    } else {
      let [i, j, at] = [0, 0, 0];
      while (i < old.length && j < rows.length) list[at++] = before(rows[j]!, old[i]!) ? rows[j++]! : old[i++]!;
      while (i < old.length) list[at++] = old[i++]!;
      while (j < rows.length) list[at++] = rows[j++]!;
    }
    listed += list.length - (root.lists.get(k)?.length ?? 0);
    lists.set(k, list);
  }
  if (listed > totalRows * growLimit.share) return null;
  return new GrownGroups(root.base, root.baseKeys, lists, listed);
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

/**
 * The first row of each document in a document-ordered column (length documents + 1). With `previous`
 * (the starts of the column's first documents, which kept their rows): only the documents after them are looked at.
 */
function docStarts(doc: Uint32Array, docCount: number, previous?: Uint32Array): Uint32Array {
  const start = new Uint32Array(docCount + 1);
  let from = 0;
  let i = 0;
  if (previous) {
    from = previous.length - 1;
    start.set(previous.subarray(0, from), 0);
    i = previous[from]!;
  }
  for (let d = from; d <= docCount; d++) {
    while (i < doc.length && doc[i]! < d) i++;
    start[d] = i;
  }
  return start;
}

/** Rank within its document of each row of a document-ordered column, the first `previous.length` rows' known. */
function grownRanks(doc: Uint32Array, previous: Uint32Array): Uint32Array {
  const rank = new Uint32Array(doc.length);
  rank.set(previous, 0);
  for (let i = Math.max(1, previous.length); i < doc.length; i++)
    rank[i] = doc[i] === doc[i - 1] ? rank[i - 1]! + 1 : 0;
  return rank;
}

/** The tables {@link CorpusData} keeps, built from the model or grown from an earlier model's. */
interface Tables {
  passageStart: Uint32Array;
  mentionStart: Uint32Array;
  quoteStart: Uint32Array;
  mentionsByEntity: Groups;
  quotesBySpeaker: Groups;
  recency: Uint32Array;
  /** Document numbers newest first (what `recency` ranks). */
  byDate: Uint32Array;
  passageRank: Uint32Array;
  quoteRank: Uint32Array;
}

/** Each model's tables, so that a model extended from it (lib/pack/segment.ts `extendedFrom`) grows them. */
const builtTables = new WeakMap<CorpusModel, Tables>();

function freshTables(model: CorpusModel): Tables {
  const docs = model.documents.length;
  const byDate = newestOrder(model.documents);
  const recency = ranksOf(byDate);
  const q = model.quotes;
  return {
    passageStart: docStarts(model.passages.doc, docs),
    mentionStart: docStarts(model.mentions.doc, docs),
    quoteStart: docStarts(model.quotes.doc, docs),
    mentionsByEntity: new RowGroups(model.mentions.entity, model.entities.length),
    quotesBySpeaker: new RowGroups(q.speaker, model.entities.length, newestFirst(q, recency)),
    recency,
    byDate,
    passageRank: ranksInDocument(model.passages.doc),
    quoteRank: ranksInDocument(model.quotes.doc),
  };
}

/**
 * `model`'s tables grown from those of `before`, a model it extends (its documents, rows and entity numbers
 * first, then the new ones): O(new rows) plus copies of the per-document arrays, not O(corpus) of work.
 * Null when growing is not worth it (the changed lists would hold half the rows).
 */
function grownTables(model: CorpusModel, before: CorpusModel, was: Tables): Tables | null {
  const docs = model.documents.length;
  const docs0 = before.documents.length;
  const m = model.mentions;
  const q = model.quotes;
  const m0 = before.mentions.doc.length;
  const q0 = before.quotes.doc.length;
  // Recency: the new documents merged into the old order (ties: corpus order, so a new one goes after).
  const added = Array.from({ length: docs - docs0 }, (_, i) => docs0 + i).sort(byNewest(model.documents));
  const byDate = new Uint32Array(docs);
  {
    const newer = byNewest(model.documents);
    let [i, j, at] = [0, 0, 0];
    while (i < was.byDate.length && j < added.length)
      byDate[at++] = newer(added[j]!, was.byDate[i]!) < 0 ? added[j++]! : was.byDate[i++]!;
    while (i < was.byDate.length) byDate[at++] = was.byDate[i++]!;
    while (j < added.length) byDate[at++] = added[j++]!;
  }
  const recency = ranksOf(byDate);
  const mentionsOf = new Map<number, number[]>();
  for (let i = m0; i < m.entity.length; i++) {
    const k = m.entity[i]!;
    let rows = mentionsOf.get(k);
    if (!rows) mentionsOf.set(k, (rows = []));
    rows.push(i);
  }
  const newest = (a: number, b: number) => recency[q.doc[a]!]! - recency[q.doc[b]!]! || q.start[a]! - q.start[b]!;
  const quotesOf = new Map<number, number[]>();
  for (let i = q0; i < q.speaker.length; i++) {
    const k = q.speaker[i]!;
    if (k < 0) continue;
    let rows = quotesOf.get(k);
    if (!rows) quotesOf.set(k, (rows = []));
    rows.push(i);
  }
  for (const rows of quotesOf.values()) rows.sort(newest);
  const mentionsByEntity = grownGroups(was.mentionsByEntity, before.entities.length, m.entity.length, mentionsOf);
  // New quotes are of new documents only: a new row goes before an old one when its document is newer.
  const quotesBySpeaker = grownGroups(
    was.quotesBySpeaker,
    before.entities.length,
    q.speaker.length,
    quotesOf,
    (row, old) => recency[q.doc[row]!]! < recency[q.doc[old]!]!,
  );
  if (!mentionsByEntity || !quotesBySpeaker) return null;
  return {
    passageStart: docStarts(model.passages.doc, docs, was.passageStart),
    mentionStart: docStarts(m.doc, docs, was.mentionStart),
    quoteStart: docStarts(q.doc, docs, was.quoteStart),
    mentionsByEntity,
    quotesBySpeaker,
    recency,
    byDate,
    passageRank: grownRanks(model.passages.doc, was.passageRank),
    quoteRank: grownRanks(q.doc, was.quoteRank),
  };
}

/** The model and its lookup tables. */
export class CorpusData {
  readonly docIndex: Map<string, number>;
  readonly entityIndex: Map<string, number>;
  /** First passage / mention / quote row of each document. */
  readonly passageStart: Uint32Array;
  readonly mentionStart: Uint32Array;
  readonly quoteStart: Uint32Array;
  readonly mentionsByEntity: Groups;
  /** Each speaker's quotes, newest document first, in reading order within a document. */
  readonly quotesBySpeaker: Groups;
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
    this.docIndex = docIndex ?? new Map(model.documents.map((d, i) => [d.id, i]));
    this.entityIndex = entityIndex ?? new Map(model.entities.map((e, i) => [e.id, i]));
    // After an append, the tables grow from the last corpus's (when it is still in memory).
    const before = extendedFrom(model);
    const was = before && builtTables.get(before);
    const tables = (before && was && grownTables(model, before, was)) || freshTables(model);
    builtTables.set(model, tables);
    this.passageStart = tables.passageStart;
    this.mentionStart = tables.mentionStart;
    this.quoteStart = tables.quoteStart;
    this.mentionsByEntity = tables.mentionsByEntity;
    this.recency = tables.recency;
    this.quotesBySpeaker = tables.quotesBySpeaker;
    this.passageRank = tables.passageRank;
    this.quoteRank = tables.quoteRank;
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

/** Orders document numbers newest first by date; ties (and undated documents, last) in corpus order. */
function byNewest(documents: readonly DocumentEntry[]): (a: number, b: number) => number {
  return (a, b) => {
    const da = documents[a]!.date ?? '';
    const db = documents[b]!.date ?? '';
    return da === db ? a - b : da < db ? 1 : -1;
  };
}

/** Document numbers newest first (see {@link byNewest}). */
function newestOrder(documents: readonly DocumentEntry[]): Uint32Array {
  return Uint32Array.from(Array.from(documents.keys()).sort(byNewest(documents)));
}

/** Rank of each document in `order`. */
function ranksOf(order: Uint32Array): Uint32Array {
  const rank = new Uint32Array(order.length);
  order.forEach((doc, i) => (rank[doc] = i));
  return rank;
}
