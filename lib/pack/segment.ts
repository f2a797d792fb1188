/**
 * A segment: one immutable batch of documents with everything extracted from
 * them, as the store keeps it (issue #14). A corpus generation is a manifest
 * naming its segments in order plus the corpus-wide entity table; adding an
 * article writes one new segment and a new manifest, never the old segments.
 *
 * A segment refers to entities by id through its own small table
 * (`entityIds`), so the corpus's entity table can change (new aliases, the
 * user's edits) without rewriting the segments that mention them.
 *
 * Readers put the segments of a generation together into one
 * {@link CorpusModel} (documents in segment order), with a text index that
 * searches every segment's own index with corpus-wide statistics.
 */
import { mergeTextIndexes, SegmentedTextIndex, type TextSegment } from '../search/segmented-text-index';
import { buildTextIndex, TextIndex, type TextIndexData, type TextSearcher } from '../search/text-index';
import {
  compactRows,
  type CorpusModel,
  type DocumentEntry,
  type MentionColumns,
  type ModelRows,
  type PassageColumns,
  type QuoteColumns,
} from './model';
import type { Entity, Mention, PackDocument, Passage, Quote } from './types';

/** The read model of one segment. Columns are ordered by (local) document, then start. */
export interface SegmentModel {
  /** `s-<time base36>-<random>`: sorts by creation time. */
  id: string;
  createdAt: string;
  /** What wrote it, e.g. "dossier-import 0.1.0". */
  generator: string;
  /** The segment's documents; column `doc` values are numbers into this list. */
  documents: DocumentEntry[];
  /** Local entity number → entity id in the corpus's table; column `entity`/`speaker` values are local numbers. */
  entityIds: string[];
  passages: PassageColumns;
  mentions: MentionColumns;
  quotes: QuoteColumns;
}

/** A segment's text index: records are its quotes, then its passages, in its own column order. */
export interface SegmentIndexes {
  text: TextIndexData;
}

/** What {@link buildSegment} makes a segment of: documents with their texts and their knowledge, ids as strings. */
export interface SegmentInput {
  id: string;
  createdAt: string;
  generator: string;
  documents: PackDocument[];
  passages: Passage[];
  mentions: Mention[];
  quotes: Quote[];
}

/** A segment as readers load it: its model and its text index. */
export interface LoadedSegment {
  model: SegmentModel;
  indexes: SegmentIndexes;
}

const ERROR = 'Dossier segment';

/**
 * A segment of `input`: columns in local document order, local entity numbers
 * through `entityIds` (the ids mentioned or speaking, sorted), its text index
 * (records: its quotes, then its passages, as `buildSearchIndexes` numbers
 * them) and its texts by local document.
 * @throws Error when a document id repeats, or a row names a document not in the segment.
 */
export function buildSegment(input: SegmentInput): { model: SegmentModel; indexes: SegmentIndexes; texts: string[] } {
  const seen = new Set<string>();
  for (const d of input.documents) {
    if (seen.has(d.id)) throw new Error(`${ERROR} ${input.id}: document "${d.id}" appears twice`);
    seen.add(d.id);
  }
  const ids = new Set<string>();
  for (const m of input.mentions) ids.add(m.entityId);
  for (const q of input.quotes) if (q.speakerId !== null) ids.add(q.speakerId);
  const entityIds = [...ids].sort();
  let rows: ModelRows;
  try {
    rows = compactRows(input, new Map(entityIds.map((id, i) => [id, i])));
  } catch (error) {
    throw new Error(`${ERROR} ${input.id}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const texts = input.documents.map((d) => d.text);
  const { quotes: q, passages: p } = rows;
  const text = buildTextIndex(q.doc.length + p.doc.length, (record) => {
    const [columns, row] = record < q.doc.length ? [q, record] : [p, record - q.doc.length];
    return texts[columns.doc[row]!]!.slice(columns.start[row], columns.end[row]);
  });
  const model: SegmentModel = {
    id: input.id,
    createdAt: input.createdAt,
    generator: input.generator,
    documents: rows.documents,
    entityIds,
    passages: rows.passages,
    mentions: rows.mentions,
    quotes: rows.quotes,
  };
  return { model, indexes: { text }, texts };
}

/** A generation's segments put together; see {@link joinSegments}. */
export interface JoinedCorpus {
  /** What CorpusQuery reads: documents in segment order, entity numbers into the table given. */
  model: CorpusModel;
  /** Searches every segment's text index with corpus-wide statistics; records numbered as `model`'s. */
  text: TextSearcher;
  /** Entity id → number in `model.entities` (the join needs it; lib/query's CorpusData takes it as is). */
  entityIndex: Map<string, number>;
  /** Document id → number in `model.documents` (CorpusData takes it as is; {@link extendJoin} checks against it). */
  docIndex: Map<string, number>;
  /** Where document `doc` of `model` lives: segment number (in the order given) and its local number there. */
  locate(doc: number): { segment: number; local: number };
  /**
   * Per segment (in the order given): where its rows are in `model` when it was copied whole (no document
   * left out, every entity known), else null. With it, {@link segmentFromJoined} gives the segment back
   * without keeping its own columns (the service worker's segment cache, lib/store/segment-cache.ts).
   */
  placements: (SegmentPlacement | null)[];
}

/** Where a segment copied whole lies in a joined model; see {@link JoinedCorpus.placements}. */
export interface SegmentPlacement {
  /** Its local document d is document docBase + d of the joined model. */
  docBase: number;
  /** First row of its passages, quotes and mentions in the joined columns (its rows follow, all of them). */
  passageAt: number;
  quoteAt: number;
  mentionAt: number;
  /** Local entity number → entity number in the joined table (all ≥ 0, distinct). */
  entityNumbers: Int32Array;
}

/** What a segment is besides its columns: what {@link segmentFromJoined} needs to give it back. */
export type SegmentShell = Omit<SegmentModel, 'passages' | 'mentions' | 'quotes'> & {
  rows: { passages: number; mentions: number; quotes: number };
};

/** Options of {@link joinSegments} and {@link mergeSegments}. */
export interface JoinOptions {
  /** Document ids to leave out (tombstones), with all their rows. */
  deleted?: ReadonlySet<string>;
  /** Entity ids merged away (manifest `redirects`): a segment's mention or quote of a key reads as its value. */
  redirects?: Readonly<Record<string, string>>;
  /** Stamps of the result; default: the newest segment's createdAt and the last segment's generator. */
  createdAt?: string;
  generator?: string;
  /**
   * The text searcher of an earlier join over some of the same segments (same text index objects): its
   * word list is reused, so the first search after a reload pays for the new segments' words only.
   */
  previous?: TextSearcher;
}

/**
 * Per segment, local document → number in the result, -1 when left out: deleted, or its id appears again in a
 * later segment (the later copy wins, so a re-added document is never listed twice).
 */
function keptDocuments(
  segments: readonly LoadedSegment[],
  deleted: ReadonlySet<string> | undefined,
): { numbers: Int32Array[]; dropped: boolean[]; count: number } {
  const later = new Set<string>();
  const keep = segments.map(() => null as Uint8Array | null);
  const dropped = segments.map(() => false);
  for (let s = segments.length - 1; s >= 0; s--) {
    const docs = segments[s]!.model.documents;
    const flags = new Uint8Array(docs.length);
    for (let d = 0; d < docs.length; d++) {
      const id = docs[d]!.id;
      if (deleted?.has(id) || later.has(id)) dropped[s] = true;
      else flags[d] = 1;
      later.add(id);
    }
    keep[s] = flags;
  }
  let count = 0;
  const numbers = keep.map((flags) => {
    const out = new Int32Array(flags!.length);
    for (let d = 0; d < out.length; d++) out[d] = flags![d] ? count++ : -1;
    return out;
  });
  return { numbers, dropped, count };
}

/** Rows of a document-ordered column whose document is kept. */
function keptRows(doc: Uint32Array, docNumber: Int32Array, all: boolean): number {
  if (all) return doc.length;
  let n = 0;
  for (let i = 0; i < doc.length; i++) if (docNumber[doc[i]!]! >= 0) n++;
  return n;
}

/** Empty columns sized for `n` passages / mentions / quotes. */
function columnsFor(passages: number, mentions: number, quotes: number): Omit<ModelRows, 'documents'> {
  return {
    passages: { doc: new Uint32Array(passages), start: new Uint32Array(passages), end: new Uint32Array(passages) },
    mentions: {
      entity: new Uint32Array(mentions),
      doc: new Uint32Array(mentions),
      start: new Uint32Array(mentions),
      end: new Uint32Array(mentions),
    },
    quotes: {
      doc: new Uint32Array(quotes),
      start: new Uint32Array(quotes),
      end: new Uint32Array(quotes),
      speaker: new Int32Array(quotes),
      kind: new Uint8Array(quotes),
    },
  };
}

/** Whether every local entity of a segment has a number (no mention will be dropped). */
function allKnown(entityNumber: Int32Array): boolean {
  for (let i = 0; i < entityNumber.length; i++) if (entityNumber[i]! < 0) return false;
  return true;
}

/** out[at + i] = base + column[i]: a segment's local document numbers made global when it drops none. */
function shifted(out: Uint32Array, at: number, column: Uint32Array, base: number): void {
  for (let i = 0; i < column.length; i++) out[at + i] = base + column[i]!;
}

/**
 * Copies the kept rows of every segment into one set of columns: documents renumbered through `docNumbers`,
 * entities through `entityNumbers` (local → result number, -1: unknown; such a mention is dropped, such a
 * speaker becomes -1). A segment that drops nothing is copied by blocks, its document numbers shifted, its
 * entity numbers looked up in its small table: one pass per column, no per-row allocation.
 */
function concatRows(
  segments: readonly LoadedSegment[],
  docNumbers: Int32Array[],
  dropped: boolean[],
  entityNumbers: Int32Array[],
  placements: (SegmentPlacement | null)[] = [],
): Omit<ModelRows, 'documents'> {
  const whole = segments.map((_, s) => !dropped[s] && allKnown(entityNumbers[s]!));
  let passages = 0;
  let mentions = 0;
  let quotes = 0;
  segments.forEach(({ model }, s) => {
    passages += keptRows(model.passages.doc, docNumbers[s]!, !dropped[s]);
    quotes += keptRows(model.quotes.doc, docNumbers[s]!, !dropped[s]);
    const { doc, entity } = model.mentions;
    if (whole[s]) {
      mentions += doc.length;
      return;
    }
    const docNumber = docNumbers[s]!;
    const entityNumber = entityNumbers[s]!;
    for (let i = 0; i < doc.length; i++) if (docNumber[doc[i]!]! >= 0 && entityNumber[entity[i]!]! >= 0) mentions++;
  });
  const out = columnsFor(passages, mentions, quotes);
  let pAt = 0;
  let mAt = 0;
  let qAt = 0;
  segments.forEach(({ model }, s) => {
    const docNumber = docNumbers[s]!;
    const entityNumber = entityNumbers[s]!;
    // With nothing dropped, local document d is global base + d.
    const base = docNumber.length > 0 ? docNumber[0]! : 0;
    placements[s] = whole[s]
      ? { docBase: base, passageAt: pAt, quoteAt: qAt, mentionAt: mAt, entityNumbers: entityNumber }
      : null;
    const p = model.passages;
    if (!dropped[s]) {
      out.passages.start.set(p.start, pAt);
      out.passages.end.set(p.end, pAt);
      shifted(out.passages.doc, pAt, p.doc, base);
      pAt += p.doc.length;
    } else {
      for (let i = 0; i < p.doc.length; i++) {
        const d = docNumber[p.doc[i]!]!;
        if (d < 0) continue;
        out.passages.doc[pAt] = d;
        out.passages.start[pAt] = p.start[i]!;
        out.passages.end[pAt++] = p.end[i]!;
      }
    }
    const q = model.quotes;
    if (!dropped[s]) {
      out.quotes.start.set(q.start, qAt);
      out.quotes.end.set(q.end, qAt);
      out.quotes.kind.set(q.kind, qAt);
      shifted(out.quotes.doc, qAt, q.doc, base);
      const speakers = out.quotes.speaker;
      for (let i = 0; i < q.doc.length; i++) {
        const speaker = q.speaker[i]!;
        speakers[qAt + i] = speaker < 0 ? -1 : entityNumber[speaker]!;
      }
      qAt += q.doc.length;
    } else {
      for (let i = 0; i < q.doc.length; i++) {
        const d = docNumber[q.doc[i]!]!;
        if (d < 0) continue;
        const speaker = q.speaker[i]!;
        out.quotes.doc[qAt] = d;
        out.quotes.start[qAt] = q.start[i]!;
        out.quotes.end[qAt] = q.end[i]!;
        out.quotes.speaker[qAt] = speaker < 0 ? -1 : entityNumber[speaker]!;
        out.quotes.kind[qAt++] = q.kind[i]!;
      }
    }
    const m = model.mentions;
    if (whole[s]) {
      out.mentions.start.set(m.start, mAt);
      out.mentions.end.set(m.end, mAt);
      shifted(out.mentions.doc, mAt, m.doc, base);
      const entity = out.mentions.entity;
      for (let i = 0; i < m.entity.length; i++) entity[mAt + i] = entityNumber[m.entity[i]!]!;
      mAt += m.doc.length;
    } else {
      for (let i = 0; i < m.doc.length; i++) {
        const d = docNumber[m.doc[i]!]!;
        const e = entityNumber[m.entity[i]!]!;
        if (d < 0 || e < 0) continue;
        out.mentions.entity[mAt] = e;
        out.mentions.doc[mAt] = d;
        out.mentions.start[mAt] = m.start[i]!;
        out.mentions.end[mAt++] = m.end[i]!;
      }
    }
  });
  return out;
}

/** The text index view of each segment: its records, and which of them belong to documents left out. */
function textSegments(segments: readonly LoadedSegment[], docNumbers: Int32Array[], dropped: boolean[]): TextSegment[] {
  return segments.map(({ model, indexes }, s) => {
    const quotes = model.quotes.doc.length;
    const records = quotes + model.passages.doc.length;
    if (indexes.text.lengths.length !== records) {
      throw new Error(
        `${ERROR} ${model.id}: its text index has ${indexes.text.lengths.length} records for ${quotes} quotes and ${model.passages.doc.length} passages`,
      );
    }
    if (!dropped[s]) return { data: indexes.text, quotes };
    const docNumber = docNumbers[s]!;
    const marks = new Uint8Array(records);
    for (let i = 0; i < quotes; i++) if (docNumber[model.quotes.doc[i]!]! < 0) marks[i] = 1;
    const p = model.passages.doc;
    for (let i = 0; i < p.length; i++) if (docNumber[p[i]!]! < 0) marks[quotes + i] = 1;
    return { data: indexes.text, quotes, dropped: marks };
  });
}

function newestCreatedAt(segments: readonly LoadedSegment[]): string {
  let newest = '';
  for (const { model } of segments) if (model.createdAt > newest) newest = model.createdAt;
  return newest;
}

/**
 * Puts a generation's segments together into one read model (documents in
 * segment order) and a text index over all of them with corpus-wide
 * statistics (lib/search/segmented-text-index.ts). Entity numbers in the
 * result index `entities` (shared, not copied); a mention of an id not in
 * `entities` is dropped and such a speaker becomes -1 (the quote stays).
 * Documents in `options.deleted` are left out with their rows, and so is a
 * document whose id appears again in a later segment. Pass the generation's
 * own `createdAt`: CorpusQuery versions the page name table with it.
 * @throws Error when a segment's text index does not fit its model.
 */
export function joinSegments(
  entities: Entity[],
  segments: readonly LoadedSegment[],
  options: JoinOptions = {},
): JoinedCorpus {
  const entityNumber = new Map<string, number>();
  for (let i = 0; i < entities.length; i++) entityNumber.set(entities[i]!.id, i);
  const { numbers, dropped, count } = keptDocuments(segments, options.deleted);
  const redirects = options.redirects ? new Map(Object.entries(options.redirects)) : undefined;
  // A plain loop: typed-array `from` with a mapping function is many times slower in V8.
  const entityNumbers = segments.map(({ model }) => {
    const ids = model.entityIds;
    const out = new Int32Array(ids.length);
    for (let i = 0; i < ids.length; i++) out[i] = entityNumber.get(redirects?.get(ids[i]!) ?? ids[i]!) ?? -1;
    return out;
  });
  const documents: DocumentEntry[] = new Array<DocumentEntry>(count);
  const docSegment = new Uint32Array(count);
  const docLocal = new Uint32Array(count);
  segments.forEach(({ model }, s) => {
    const docNumber = numbers[s]!;
    for (let d = 0; d < docNumber.length; d++) {
      const n = docNumber[d]!;
      if (n < 0) continue;
      documents[n] = model.documents[d]!;
      docSegment[n] = s;
      docLocal[n] = d;
    }
  });
  const parts = textSegments(segments, numbers, dropped);
  const text: TextSearcher =
    parts.length === 1 && !parts[0]!.dropped
      ? new TextIndex(parts[0]!.data)
      : new SegmentedTextIndex(parts, options.previous);
  const placements: (SegmentPlacement | null)[] = [];
  const model: CorpusModel = {
    createdAt: options.createdAt ?? newestCreatedAt(segments),
    generator: options.generator ?? segments[segments.length - 1]?.model.generator ?? '',
    documents,
    entities,
    ...(segments.length === 1 && isIdentity(segments[0]!, numbers[0]!, entityNumbers[0]!)
      ? ownRows(segments[0]!.model, placements)
      : concatRows(segments, numbers, dropped, entityNumbers, placements)),
  };
  const docIndex = new Map<string, number>();
  for (let d = 0; d < count; d++) docIndex.set(documents[d]!.id, d);
  return joined(model, text, entityNumber, docIndex, placements, { docSegment, docLocal, parts });
}

/** What {@link extendJoin} needs of a join besides what {@link JoinedCorpus} shows. */
interface JoinInside {
  docSegment: Uint32Array;
  docLocal: Uint32Array;
  /** Each segment's text index as the join's text searcher reads it. */
  parts: TextSegment[];
  /** The buffers the joined columns are the first rows of, when an extension made them with room after. */
  room?: Room;
}

/**
 * Joined columns with room after their rows (issue #14: an append costs the append). A join
 * {@link extendJoin} made has as columns views of the first rows of these buffers; the next extension writes
 * its rows after them, into the room, and its columns are longer views of the same buffers. An older corpus
 * never sees those rows: its views end where its rows end, and rows are written only past the longest view
 * handed out so far ({@link Room.used}), so nothing any corpus reads is ever written again.
 */
interface Room {
  columns: Omit<ModelRows, 'documents'>;
  /** Rows of each table written so far: the length of the longest views over these buffers. */
  used: { passages: number; mentions: number; quotes: number };
}

/** Rows to allocate for `rows`: an eighth more (at least 1,024), so copies happen every eighth of the corpus. */
function withRoom(rows: number): number {
  return rows + Math.max(1024, rows >> 3);
}

/** The first `rows` rows of each of `columns`' arrays, as views. */
function firstRows(
  { passages: p, mentions: m, quotes: q }: Omit<ModelRows, 'documents'>,
  rows: { passages: number; mentions: number; quotes: number },
): Omit<ModelRows, 'documents'> {
  const [np, nm, nq] = [rows.passages, rows.mentions, rows.quotes];
  return {
    passages: { doc: p.doc.subarray(0, np), start: p.start.subarray(0, np), end: p.end.subarray(0, np) },
    mentions: {
      entity: m.entity.subarray(0, nm),
      doc: m.doc.subarray(0, nm),
      start: m.start.subarray(0, nm),
      end: m.end.subarray(0, nm),
    },
    quotes: {
      doc: q.doc.subarray(0, nq),
      start: q.start.subarray(0, nq),
      end: q.end.subarray(0, nq),
      speaker: q.speaker.subarray(0, nq),
      kind: q.kind.subarray(0, nq),
    },
  };
}

const insides = new WeakMap<JoinedCorpus, JoinInside>();

/** Model → the model {@link extendJoin} extended into it (weakly: an older corpus may be gone). */
const extendedModels = new WeakMap<CorpusModel, WeakRef<CorpusModel>>();

/**
 * The model `model` was made from by {@link extendJoin}, when it is still in memory: `model`'s documents,
 * rows and entity numbers start with exactly that model's (same documents, same rows, the same entity ids
 * at the same numbers, entities only appended), so tables over it can be extended (lib/query/corpus-data.ts).
 */
export function extendedFrom(model: CorpusModel): CorpusModel | undefined {
  return extendedModels.get(model)?.deref();
}

function joined(
  model: CorpusModel,
  text: TextSearcher,
  entityIndex: Map<string, number>,
  docIndex: Map<string, number>,
  placements: (SegmentPlacement | null)[],
  inside: JoinInside,
): JoinedCorpus {
  const count = model.documents.length;
  const { docSegment, docLocal } = inside;
  const out: JoinedCorpus = {
    model,
    text,
    entityIndex,
    docIndex,
    placements,
    locate(doc) {
      if (!(doc >= 0 && doc < count)) throw new RangeError(`${ERROR}: no document number ${doc} (of ${count})`);
      return { segment: docSegment[doc]!, local: docLocal[doc]! };
    },
  };
  insides.set(out, inside);
  return out;
}

/**
 * Whether a lone segment's rows are already the joined rows: no document left out (numbered 0…n-1) and
 * every local entity number is the table's own (a full write names its segment's entities in table order).
 */
function isIdentity(segment: LoadedSegment, docNumber: Int32Array, entityNumber: Int32Array): boolean {
  for (let d = 0; d < docNumber.length; d++) if (docNumber[d] !== d) return false;
  for (let e = 0; e < entityNumber.length; e++) if (entityNumber[e] !== e) return false;
  return segment.model.documents.length === docNumber.length;
}

/**
 * A lone segment whose numbers are the joined ones ({@link isIdentity}): its columns are the joined model's,
 * not copied (after a service-worker start, the 16 MB of columns of 10,000 briefings are not copied again).
 */
function ownRows(model: SegmentModel, placements: (SegmentPlacement | null)[]): Omit<ModelRows, 'documents'> {
  const entityNumbers = new Int32Array(model.entityIds.length);
  for (let e = 0; e < entityNumbers.length; e++) entityNumbers[e] = e;
  placements[0] = { docBase: 0, passageAt: 0, quoteAt: 0, mentionAt: 0, entityNumbers };
  return { passages: model.passages, mentions: model.mentions, quotes: model.quotes };
}

/**
 * The join of a generation that lists the segments of `previous` (same order) and then `added`, with
 * the same tombstones and redirects, as {@link joinSegments} would make it, without joining again: the
 * previous columns are copied as blocks and the added segments' rows appended (their documents come
 * last, as numbered through the segments in order), the entity and document maps extended, the text
 * searcher made over the same indexes plus the added ones (its word list extended, not rebuilt).
 * Null when that would not give the same corpus, and the caller joins all: a previous segment was not
 * copied whole, an existing entity changed its place in the table, an added document repeats a document
 * already there or a tombstone, or an added segment names an entity the table lacks.
 * `previous` and its maps are not changed (the corpus it belongs to may still be answering).
 */
export function extendJoin(
  previous: JoinedCorpus,
  entities: Entity[],
  added: readonly LoadedSegment[],
  options: JoinOptions = {},
): JoinedCorpus | null {
  const inside = insides.get(previous);
  if (!inside || previous.placements.some((p) => !p)) return null;
  const before = previous.model;
  const known = before.entities.length;
  if (entities.length < known) return null;
  for (let i = 0; i < known; i++) {
    const a = entities[i]!;
    const b = before.entities[i]!;
    if (a !== b && a.id !== b.id) return null;
  }
  let entityIndex = previous.entityIndex;
  if (entities.length > known) {
    entityIndex = new Map(entityIndex);
    for (let i = known; i < entities.length; i++) {
      if (entityIndex.has(entities[i]!.id)) return null;
      entityIndex.set(entities[i]!.id, i);
    }
  }
  const docIndex = new Map(previous.docIndex);
  let count = before.documents.length;
  const documents = before.documents.slice();
  for (const { model } of added) {
    for (const d of model.documents) {
      if (docIndex.has(d.id) || options.deleted?.has(d.id)) return null;
      docIndex.set(d.id, count++);
      documents.push(d);
    }
  }
  const redirects = options.redirects ? new Map(Object.entries(options.redirects)) : undefined;
  const entityNumbers: Int32Array[] = [];
  for (const { model } of added) {
    const out = new Int32Array(model.entityIds.length);
    for (let i = 0; i < out.length; i++) {
      const n = entityIndex.get(redirects?.get(model.entityIds[i]!) ?? model.entityIds[i]!);
      if (n === undefined) return null;
      out[i] = n;
    }
    entityNumbers.push(out);
  }
  const rows = (pick: (m: SegmentModel) => { doc: Uint32Array }) =>
    added.reduce((n, { model }) => n + pick(model).doc.length, 0);
  const p0 = before.passages.doc.length;
  const m0 = before.mentions.doc.length;
  const q0 = before.quotes.doc.length;
  const need = {
    passages: p0 + rows((m) => m.passages),
    mentions: m0 + rows((m) => m.mentions),
    quotes: q0 + rows((m) => m.quotes),
  };
  // The new rows go into the room after the previous join's rows when nobody wrote there yet and they fit;
  // else the columns are copied once into buffers with room (an eighth more).
  let room = inside.room;
  const fits =
    room !== undefined &&
    room.used.passages === p0 &&
    room.used.mentions === m0 &&
    room.used.quotes === q0 &&
    room.columns.passages.doc.length >= need.passages &&
    room.columns.mentions.doc.length >= need.mentions &&
    room.columns.quotes.doc.length >= need.quotes;
  if (!fits) {
    room = {
      columns: columnsFor(withRoom(need.passages), withRoom(need.mentions), withRoom(need.quotes)),
      used: { passages: p0, mentions: m0, quotes: q0 },
    };
    const copy = (to: object, from: object) => {
      const target = to as Record<string, Uint32Array>;
      for (const [key, column] of Object.entries(from as Record<string, Uint32Array>)) target[key]!.set(column, 0);
    };
    copy(room.columns.passages, before.passages);
    copy(room.columns.mentions, before.mentions);
    copy(room.columns.quotes, before.quotes);
  }
  room!.used = need;
  const out = firstRows(room!.columns, need);
  const placements = previous.placements.slice();
  const docSegment = new Uint32Array(count);
  const docLocal = new Uint32Array(count);
  docSegment.set(inside.docSegment);
  docLocal.set(inside.docLocal);
  const parts = inside.parts.slice();
  let docBase = before.documents.length;
  let [pAt, mAt, qAt] = [p0, m0, q0];
  added.forEach(({ model, indexes }, k) => {
    const s = inside.parts.length + k;
    const numbers = entityNumbers[k]!;
    placements.push({ docBase, passageAt: pAt, quoteAt: qAt, mentionAt: mAt, entityNumbers: numbers });
    for (let d = 0; d < model.documents.length; d++) {
      docSegment[docBase + d] = s;
      docLocal[docBase + d] = d;
    }
    const p = model.passages;
    out.passages.start.set(p.start, pAt);
    out.passages.end.set(p.end, pAt);
    shifted(out.passages.doc, pAt, p.doc, docBase);
    pAt += p.doc.length;
    const q = model.quotes;
    out.quotes.start.set(q.start, qAt);
    out.quotes.end.set(q.end, qAt);
    out.quotes.kind.set(q.kind, qAt);
    shifted(out.quotes.doc, qAt, q.doc, docBase);
    for (let i = 0; i < q.doc.length; i++) {
      const speaker = q.speaker[i]!;
      out.quotes.speaker[qAt + i] = speaker < 0 ? -1 : numbers[speaker]!;
    }
    qAt += q.doc.length;
    const m = model.mentions;
    out.mentions.start.set(m.start, mAt);
    out.mentions.end.set(m.end, mAt);
    shifted(out.mentions.doc, mAt, m.doc, docBase);
    for (let i = 0; i < m.entity.length; i++) out.mentions.entity[mAt + i] = numbers[m.entity[i]!]!;
    mAt += m.doc.length;
    docBase += model.documents.length;
    parts.push(...textSegments([{ model, indexes }], [new Int32Array(0)], [false]));
  });
  const model: CorpusModel = {
    createdAt: options.createdAt ?? [before.createdAt, ...added.map((a) => a.model.createdAt)].sort().at(-1)!,
    generator: options.generator ?? added.at(-1)?.model.generator ?? before.generator,
    documents,
    entities,
    ...out,
  };
  const text = new SegmentedTextIndex(parts, previous.text);
  extendedModels.set(model, new WeakRef(before));
  return joined(model, text, entityIndex, docIndex, placements, { docSegment, docLocal, parts, room: room! });
}

/** A merged segment, and where each of its documents came from (to copy the texts). */
export interface MergedSegment extends LoadedSegment {
  /** Local document `d` of the merged segment is local document `local[d]` of segment `segment[d]` (input order). */
  from: { segment: Uint32Array; local: Uint32Array };
}

/**
 * Merges segments into one (a background merge): models concatenated, text
 * indexes merged (lib/search/segmented-text-index.ts, no text is read),
 * documents in `options.deleted` dropped for good, as is a document whose id
 * appears again in a later segment. The texts are the caller's to copy:
 * `from` says where each document's text is. Joining the result gives the
 * same model and the same search as joining the parts.
 * @throws Error when a segment's text index does not fit its model.
 */
export function mergeSegments(
  id: string,
  segments: readonly LoadedSegment[],
  options: JoinOptions = {},
): MergedSegment {
  const { numbers, dropped, count } = keptDocuments(segments, options.deleted);
  // The merged entity table: ids in order of first use by a kept row.
  const entityIds: string[] = [];
  const merged = new Map<string, number>();
  const entityNumbers = segments.map(({ model }, s) => {
    const used = new Int32Array(model.entityIds.length).fill(-1);
    const docNumber = numbers[s]!;
    const use = (local: number): void => {
      if (used[local]! >= 0) return;
      const entityId = model.entityIds[local]!;
      let n = merged.get(entityId);
      if (n === undefined) {
        n = entityIds.push(entityId) - 1;
        merged.set(entityId, n);
      }
      used[local] = n;
    };
    const m = model.mentions;
    for (let i = 0; i < m.doc.length; i++) if (docNumber[m.doc[i]!]! >= 0) use(m.entity[i]!);
    const q = model.quotes;
    for (let i = 0; i < q.doc.length; i++) if (docNumber[q.doc[i]!]! >= 0 && q.speaker[i]! >= 0) use(q.speaker[i]!);
    return used;
  });
  const documents: DocumentEntry[] = new Array<DocumentEntry>(count);
  const from = { segment: new Uint32Array(count), local: new Uint32Array(count) };
  segments.forEach(({ model }, s) => {
    const docNumber = numbers[s]!;
    for (let d = 0; d < docNumber.length; d++) {
      const n = docNumber[d]!;
      if (n < 0) continue;
      documents[n] = { ...model.documents[d]! };
      from.segment[n] = s;
      from.local[n] = d;
    }
  });
  const text = mergeTextIndexes(textSegments(segments, numbers, dropped));
  const model: SegmentModel = {
    id,
    createdAt: options.createdAt ?? newestCreatedAt(segments),
    generator: options.generator ?? segments[segments.length - 1]?.model.generator ?? '',
    documents,
    entityIds,
    ...concatRows(segments, numbers, dropped, entityNumbers),
  };
  return { model, indexes: { text }, from };
}

/**
 * A segment given back from a joined model it was copied into whole (see
 * {@link JoinedCorpus.placements}): documents and entity numbers made local
 * again, start/end/kind columns views of the joined ones (no copy). `scratch`
 * is an Int32Array at least as long as the joined entity table, all -1; it is
 * left so. What {@link joinSegments} needs, without the segment's own columns
 * kept in memory beside the joined ones.
 */
export function segmentFromJoined(
  joined: CorpusModel,
  at: SegmentPlacement,
  shell: SegmentShell,
  scratch: Int32Array,
): SegmentModel {
  const { entityNumbers, docBase } = at;
  for (let i = 0; i < entityNumbers.length; i++) scratch[entityNumbers[i]!] = i;
  try {
    const local = (column: Uint32Array, from: number, n: number): Uint32Array => {
      const out = new Uint32Array(n);
      for (let i = 0; i < n; i++) out[i] = column[from + i]! - docBase;
      return out;
    };
    const { passages: np, quotes: nq, mentions: nm } = shell.rows;
    const p = joined.passages;
    const q = joined.quotes;
    const m = joined.mentions;
    const speaker = new Int32Array(nq);
    for (let i = 0; i < nq; i++) {
      const e = q.speaker[at.quoteAt + i]!;
      speaker[i] = e < 0 ? -1 : scratch[e]!;
    }
    const entity = new Uint32Array(nm);
    for (let i = 0; i < nm; i++) entity[i] = scratch[m.entity[at.mentionAt + i]!]!;
    const { rows: _rows, ...head } = shell;
    return {
      ...head,
      passages: {
        doc: local(p.doc, at.passageAt, np),
        start: p.start.subarray(at.passageAt, at.passageAt + np),
        end: p.end.subarray(at.passageAt, at.passageAt + np),
      },
      quotes: {
        doc: local(q.doc, at.quoteAt, nq),
        start: q.start.subarray(at.quoteAt, at.quoteAt + nq),
        end: q.end.subarray(at.quoteAt, at.quoteAt + nq),
        speaker,
        kind: q.kind.subarray(at.quoteAt, at.quoteAt + nq),
      },
      mentions: {
        entity,
        doc: local(m.doc, at.mentionAt, nm),
        start: m.start.subarray(at.mentionAt, at.mentionAt + nm),
        end: m.end.subarray(at.mentionAt, at.mentionAt + nm),
      },
    };
  } finally {
    for (let i = 0; i < entityNumbers.length; i++) scratch[entityNumbers[i]!] = -1;
  }
}
