/**
 * Cuts a pack into chunk records and puts it back together. Pure. Lists are
 * stored as JSON text in slices rather than one record per item or one giant
 * object: strings are cloned into IndexedDB without walking object graphs, a
 * 10,000-document corpus is a few hundred records, and the checksum is taken
 * over exactly the text that was written.
 */
import { PACK_FORMAT, PACK_VERSION, type Pack } from '../pack/types';
import type { ChunkPart, ChunkRecord, CorpusCounts, GenerationRecord } from './types';

/** Items per chunk for each list: about 1 MB of JSON for news-sized documents. */
export const ITEMS_PER_CHUNK: Record<Exclude<ChunkPart, 'index'>, number> = {
  documents: 200,
  passages: 10_000,
  entities: 5_000,
  mentions: 20_000,
  quotes: 5_000,
};
/** Characters of index JSON per chunk. */
export const INDEX_CHARS_PER_CHUNK = 4_000_000;

const LIST_PARTS = ['documents', 'passages', 'entities', 'mentions', 'quotes'] as const;

/** FNV-1a (32 bit) over strings, as 8 hex digits: catches a lost, reordered or truncated chunk. */
export function checksum(parts: Iterable<string>): string {
  let h = 0x811c9dc5;
  for (const s of parts) {
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** The counts of a pack's lists. */
export function countsOf(pack: Pack): CorpusCounts {
  return {
    documents: pack.documents.length,
    passages: pack.passages.length,
    entities: pack.entities.length,
    mentions: pack.mentions.length,
    quotes: pack.quotes.length,
  };
}

/** Cuts `pack` into the chunk records of `generation`, in `seq` order. */
export function toChunks(pack: Pack, generation: string): ChunkRecord[] {
  const chunks: ChunkRecord[] = [];
  const push = (part: ChunkPart, items: number, data: string) =>
    chunks.push({ generation, seq: chunks.length, part, items, data });
  for (const part of LIST_PARTS) {
    const list: readonly unknown[] = pack[part];
    const size = ITEMS_PER_CHUNK[part];
    for (let i = 0; i < list.length; i += size) {
      const slice = list.slice(i, i + size);
      push(part, slice.length, JSON.stringify(slice));
    }
  }
  const index = JSON.stringify(pack.index);
  for (let i = 0; i < index.length; i += INDEX_CHARS_PER_CHUNK) {
    const slice = index.slice(i, i + INDEX_CHARS_PER_CHUNK);
    push('index', slice.length, slice);
  }
  return chunks;
}

/**
 * Reassembles a pack from its generation record and chunks, checking what was
 * recorded at write time: chunk count, order, checksum and per-list counts.
 * @throws Error naming the first mismatch ("generation g-…: 3 of 4 chunks").
 */
export function fromChunks(gen: GenerationRecord, chunks: readonly ChunkRecord[]): Pack {
  const where = `Dossier store: generation ${gen.id}`;
  if (chunks.length !== gen.chunkCount) throw new Error(`${where}: ${chunks.length} of ${gen.chunkCount} chunks`);
  chunks.forEach((c, i) => {
    if (c.seq !== i) throw new Error(`${where}: chunk ${i} is missing`);
  });
  if (checksum(chunks.map((c) => c.data)) !== gen.checksum) throw new Error(`${where}: checksum mismatch`);
  const lists: Record<Exclude<ChunkPart, 'index'>, unknown[]> = {
    documents: [],
    passages: [],
    entities: [],
    mentions: [],
    quotes: [],
  };
  let index = '';
  for (const c of chunks) {
    if (c.part === 'index') index += c.data;
    else for (const item of JSON.parse(c.data) as unknown[]) lists[c.part].push(item);
  }
  for (const part of LIST_PARTS) {
    if (lists[part].length !== gen.counts[part])
      throw new Error(`${where}: ${lists[part].length} ${part}, expected ${gen.counts[part]}`);
  }
  return {
    format: PACK_FORMAT,
    version: PACK_VERSION,
    createdAt: gen.pack.createdAt,
    generator: gen.pack.generator,
    ...(lists as Pick<Pack, (typeof LIST_PARTS)[number]>),
    index: JSON.parse(index) as unknown,
  };
}
