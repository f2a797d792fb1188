/**
 * How a corpus is laid out in chunk records, and back. Pure.
 *
 * Layout 2 (written now): record 0 is the corpus model (lib/pack/model.ts),
 * record 1 its search indexes, and record 2 + n the text of document n as
 * UTF-8 bytes (a JavaScript string with one curly quote is stored at two
 * bytes a character: UTF-8 halves the texts of 10,000 briefings on disk).
 * Model and indexes are typed arrays and a few strings, which IndexedDB clones
 * as blocks of bytes: the service worker is ready after reading two records,
 * and reads a document's text only when an answer shows it.
 *
 * Layout 1 (the first one) cut every list into JSON slices; it is still read,
 * to be rewritten in layout 2.
 */
import { Fnv1a } from '../pack/fnv';
import type { CorpusModel } from '../pack/model';
import type { SegmentIndexes, SegmentModel } from '../pack/segment';
import { PACK_FORMAT, PACK_VERSION, type Pack } from '../pack/types';
import type { SearchIndexes } from '../search/records';
import {
  blockSeq,
  checkSplitHead,
  isSplit,
  joinTextIndex,
  splitTextIndex,
  type StoredTextIndex,
} from './posting-blocks';
import type { ChunkRecord, CorpusCounts, GenerationRecord, LegacyChunkPart, SegmentRecord } from './types';

/** Sequence numbers of the fixed records of layout 2. */
export const MODEL_SEQ = 0;
export const INDEXES_SEQ = 1;
/** Sequence number of document `n`'s text. */
export const textSeq = (n: number): number => 2 + n;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A document's text from its record's data, or undefined when it is not one. */
export function textOfRecord(data: unknown): string | undefined {
  return data instanceof Uint8Array ? decoder.decode(data) : undefined;
}

/** FNV-1a over strings, as 8 hex digits: catches a lost, reordered or truncated record. */
export function checksum(parts: Iterable<string>): string {
  const fnv = new Fnv1a();
  for (const s of parts) fnv.string(s);
  return fnv.hex();
}

/** The counts of a corpus model. */
export function countsOfModel(model: CorpusModel): CorpusCounts {
  return {
    documents: model.documents.length,
    passages: model.passages.doc.length,
    entities: model.entities.length,
    mentions: model.mentions.doc.length,
    quotes: model.quotes.doc.length,
  };
}

/** The records of a generation in layout 2, in `seq` order. */
export function toChunks(
  generation: string,
  model: CorpusModel,
  indexes: SearchIndexes,
  texts: readonly string[],
): ChunkRecord[] {
  return [
    { generation, seq: MODEL_SEQ, part: 'model', items: model.documents.length, data: model },
    { generation, seq: INDEXES_SEQ, part: 'indexes', items: indexes.text.lengths.length, data: indexes },
    ...texts.map((text, n) => ({
      generation,
      seq: textSeq(n),
      part: 'text' as const,
      items: 1,
      data: encoder.encode(text),
    })),
  ];
}

/**
 * Checks the model and indexes records of a layout-2 generation against its record.
 * @throws Error naming the first mismatch.
 */
export function checkHead(
  gen: GenerationRecord,
  model: ChunkRecord | undefined,
  indexes: ChunkRecord | undefined,
): { model: CorpusModel; indexes: SearchIndexes } {
  const where = `Dossier store: generation ${gen.id}`;
  if (model?.part !== 'model' || indexes?.part !== 'indexes') throw new Error(`${where}: its model is missing`);
  const m = model.data as CorpusModel;
  const counts = countsOfModel(m);
  for (const [part, count] of Object.entries(gen.counts) as [keyof CorpusCounts, number][]) {
    if (counts[part] !== count) throw new Error(`${where}: ${counts[part]} ${part}, expected ${count}`);
  }
  const ix = indexes.data as SearchIndexes;
  if (ix.text.lengths.length !== counts.quotes + counts.passages)
    throw new Error(`${where}: the text index does not match the corpus`);
  return { model: m, indexes: ix };
}

/**
 * The document texts of a layout-2 generation from its text records, checked.
 * @throws Error when one is missing or the checksum differs.
 */
export function checkTexts(
  gen: Pick<GenerationRecord, 'id' | 'counts' | 'checksum'>,
  records: readonly ChunkRecord[],
): string[] {
  const where = `Dossier store: ${gen.id.startsWith('s-') ? 'segment' : 'generation'} ${gen.id}`;
  if (records.length !== gen.counts.documents)
    throw new Error(`${where}: ${records.length} of ${gen.counts.documents} texts`);
  const texts = records.map((r, n) => {
    const text = r.seq === textSeq(n) ? textOfRecord(r.data) : undefined;
    if (text === undefined) throw new Error(`${where}: text ${n} is missing`);
    return text;
  });
  if (checksum(texts) !== gen.checksum) throw new Error(`${where}: checksum mismatch`);
  return texts;
}

const LEGACY_LISTS = ['documents', 'passages', 'entities', 'mentions', 'quotes'] as const;

/**
 * Reassembles a pack from a layout-1 generation, checking chunk count, order,
 * checksum and per-list counts. Its search index is dropped (rebuilt on rewrite).
 * @throws Error naming the first mismatch ("generation g-…: 3 of 4 chunks").
 */
export function fromLegacyChunks(gen: GenerationRecord, chunks: readonly ChunkRecord[]): Pack {
  const where = `Dossier store: generation ${gen.id}`;
  if (chunks.length !== gen.chunkCount) throw new Error(`${where}: ${chunks.length} of ${gen.chunkCount} chunks`);
  chunks.forEach((c, i) => {
    if (c.seq !== i || typeof c.data !== 'string') throw new Error(`${where}: chunk ${i} is missing`);
  });
  const data = chunks.map((c) => c.data as string);
  if (checksum(data) !== gen.checksum) throw new Error(`${where}: checksum mismatch`);
  const lists: Record<(typeof LEGACY_LISTS)[number], unknown[]> = {
    documents: [],
    passages: [],
    entities: [],
    mentions: [],
    quotes: [],
  };
  for (const c of chunks) {
    const part = c.part as LegacyChunkPart;
    if (part !== 'index') for (const item of JSON.parse(c.data as string) as unknown[]) lists[part].push(item);
  }
  for (const part of LEGACY_LISTS) {
    if (lists[part].length !== gen.counts[part])
      throw new Error(`${where}: ${lists[part].length} ${part}, expected ${gen.counts[part]}`);
  }
  return {
    format: PACK_FORMAT,
    version: PACK_VERSION,
    createdAt: gen.pack.createdAt,
    generator: gen.pack.generator,
    ...(lists as Pick<Pack, (typeof LEGACY_LISTS)[number]>),
  };
}

/** Sequence number of a layout-3 generation's manifest (its only record). */
export const MANIFEST_SEQ = 0;

/** The counts of a segment (`entities`: its local entity table). */
export function countsOfSegment(model: SegmentModel): CorpusCounts {
  return {
    documents: model.documents.length,
    passages: model.passages.doc.length,
    entities: model.entityIds.length,
    mentions: model.mentions.doc.length,
    quotes: model.quotes.doc.length,
  };
}

/**
 * The records of a segment, in `seq` order: its model, its text index, its texts (as layout 2), then, for
 * a large index, its posting blocks: the index record then holds only the dictionary (./posting-blocks.ts).
 */
export function toSegmentChunks(model: SegmentModel, indexes: SegmentIndexes, texts: readonly string[]): ChunkRecord[] {
  const id = model.id;
  const { head, blocks } = splitTextIndex(indexes.text);
  return [
    { generation: id, seq: MODEL_SEQ, part: 'model', items: model.documents.length, data: model },
    { generation: id, seq: INDEXES_SEQ, part: 'indexes', items: indexes.text.lengths.length, data: { text: head } },
    ...texts.map((text, n) => ({
      generation: id,
      seq: textSeq(n),
      part: 'text' as const,
      items: 1,
      data: encoder.encode(text),
    })),
    ...blocks.map((block, k) => ({
      generation: id,
      seq: blockSeq(texts.length, k),
      part: 'postings' as const,
      items: block.records.length,
      data: block,
    })),
  ];
}

/** A segment's index record as stored: its text index whole, or the dictionary of a split one. */
export interface StoredSegmentIndexes {
  text: StoredTextIndex;
}

/**
 * A segment read whole (every record of it, in `seq` order, as `getAll` over its key range gives them):
 * its model, its text index (posting blocks joined) and its texts, checked.
 * @throws Error naming the first mismatch.
 */
export function segmentOfStored(
  seg: SegmentRecord,
  stored: readonly ChunkRecord[],
): { model: SegmentModel; indexes: SegmentIndexes; texts: string[] } {
  const { model, indexes } = checkSegmentHead(seg, stored[MODEL_SEQ], stored[INDEXES_SEQ]);
  const documents = seg.counts.documents;
  const texts = checkTexts(seg, stored.slice(textSeq(0), textSeq(documents)));
  const blocks = stored.slice(textSeq(documents));
  blocks.forEach((b, k) => {
    if (b.seq !== blockSeq(documents, k))
      throw new Error(`Dossier store: segment ${seg.id}: posting block ${k} is missing`);
  });
  const text = joinTextIndex(
    indexes.text,
    blocks.map((b) => b.data),
    `Dossier store: segment ${seg.id}`,
  );
  return { model, indexes: { text }, texts };
}

/**
 * Checks a segment's model and index records against its record.
 * @throws Error naming the first mismatch.
 */
export function checkSegmentHead(
  seg: SegmentRecord,
  model: ChunkRecord | undefined,
  indexes: ChunkRecord | undefined,
): { model: SegmentModel; indexes: StoredSegmentIndexes } {
  const where = `Dossier store: segment ${seg.id}`;
  if (model?.part !== 'model' || indexes?.part !== 'indexes') throw new Error(`${where}: its model is missing`);
  const m = model.data as SegmentModel;
  if (m.id !== seg.id) throw new Error(`${where}: holds segment ${m.id}`);
  const counts = countsOfSegment(m);
  for (const [part, count] of Object.entries(seg.counts) as [keyof CorpusCounts, number][]) {
    if (counts[part] !== count) throw new Error(`${where}: ${counts[part]} ${part}, expected ${count}`);
  }
  const ix = indexes.data as StoredSegmentIndexes;
  if (ix.text?.lengths?.length !== counts.quotes + counts.passages)
    throw new Error(`${where}: the text index does not match the segment`);
  if (isSplit(ix.text)) checkSplitHead(ix.text, where);
  return { model: m, indexes: ix };
}
