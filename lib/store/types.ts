/**
 * Shapes of what the corpus store keeps in IndexedDB and reports. Plain data:
 * these cross the message boundary (corpus.status) and the worker boundary.
 */

/** Item counts of one corpus. */
export interface CorpusCounts {
  documents: number;
  passages: number;
  entities: number;
  mentions: number;
  quotes: number;
}

/** Where a generation is in its life. Only `complete` generations can become active. */
export type GenerationState = 'writing' | 'complete';

/** One stored corpus version. The pack's lists live in `chunks` records keyed by generation. */
export interface GenerationRecord {
  /** `g-<time base36>-<random>`: sorts by creation time. */
  id: string;
  state: GenerationState;
  /** ISO 8601 time the write started. */
  createdAt: string;
  counts: CorpusCounts;
  /** Number of chunk records, for the re-read check. */
  chunkCount: number;
  /** FNV-1a over every chunk's data in order, for the re-read check. */
  checksum: string;
  /** The pack's own `createdAt` and `generator`. */
  pack: { createdAt: string; generator: string };
}

/** The lists a pack is cut into; `index` is the serialized search index as JSON text. */
export type ChunkPart = 'documents' | 'passages' | 'entities' | 'mentions' | 'quotes' | 'index';

/** A slice of one list of one generation, stored as JSON text (cheap to clone and to hash). */
export interface ChunkRecord {
  generation: string;
  /** Position in the generation, from 0; the key is `[generation, seq]`. */
  seq: number;
  part: ChunkPart;
  /** Items in this slice (characters for `index`). */
  items: number;
  /** JSON array of items, or a slice of the index JSON. */
  data: string;
}

/** What happened to the last import, persisted so the options page can tell after a restart. */
export interface ImportStatus {
  state: 'started' | 'finished' | 'failed' | 'cancelled' | 'interrupted';
  /** ISO 8601 times. */
  startedAt: string;
  endedAt?: string;
  /** Documents offered to this import (after validation). */
  offered: number;
  /** Documents added to the corpus (finished imports). */
  added?: number;
  /** Documents left out (duplicates and the like). */
  skipped?: number;
  /** Documents in the corpus after the import. */
  total?: number;
  /** Generation the import wrote (or was writing). */
  generation?: string;
  /** Why it failed, in words for the user. */
  error?: string;
}

/** What the store says about the active corpus without loading it. */
export interface StoreStatus {
  /** Active generation id, or null when the store is empty (the bundled pack answers). */
  generation: string | null;
  counts: CorpusCounts | null;
  /** When the active generation was written. */
  createdAt: string | null;
  lastImport: ImportStatus | null;
}
