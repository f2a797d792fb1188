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

/** One stored corpus version. Its content lives in `chunks` records keyed by generation. */
export interface GenerationRecord {
  /**
   * 2: a corpus model, its search indexes and one text record per document
   * (./chunks.ts). Absent: the first layout, lists as JSON slices, read only to
   * be rewritten in layout 2.
   */
  layout?: 2;
  /** `g-<time base36>-<random>`: sorts by creation time. */
  id: string;
  state: GenerationState;
  /** ISO 8601 time the write started. */
  createdAt: string;
  counts: CorpusCounts;
  /** Number of chunk records, for the re-read check. */
  chunkCount: number;
  /** FNV-1a over the document texts (layout 1: every chunk's data) in order, for the re-read check. */
  checksum: string;
  /** The pack's own `createdAt` and `generator`. */
  pack: { createdAt: string; generator: string };
}

/** Layout 2: the model, the search indexes, a document's text. */
export type ChunkPart = 'model' | 'indexes' | 'text';
/** Layout 1: lists as JSON slices; `index` was a MiniSearch index as JSON text. */
export type LegacyChunkPart = 'documents' | 'passages' | 'entities' | 'mentions' | 'quotes' | 'index';

/** One record of a generation. */
export interface ChunkRecord {
  generation: string;
  /** Position in the generation, from 0; the key is `[generation, seq]`. */
  seq: number;
  part: ChunkPart | LegacyChunkPart;
  /** Items in this record (layout 1: items of the slice, characters for `index`). */
  items: number;
  /** Layout 2: a CorpusModel, SearchIndexes or a text; layout 1: JSON text. */
  data: unknown;
}

/** Reasons for left-out documents kept with the import's status. */
export const MAX_SKIPPED_REASONS = 100;

/** What happened to the last import, persisted so the options page can tell after a restart. */
export interface ImportStatus {
  state: 'started' | 'finished' | 'failed' | 'cancelled' | 'interrupted';
  /** Which run this is (the page that started it picks it), so the page can find its own import's outcome. */
  runId?: string;
  /** ISO 8601 times. */
  startedAt: string;
  endedAt?: string;
  /** Documents offered to this import (after validation). */
  offered: number;
  /** Documents added to the corpus (finished imports). */
  added?: number;
  /** Documents left out (duplicates and the like). */
  skipped?: number;
  /** Why, one line each, the first {@link MAX_SKIPPED_REASONS}. */
  skippedReasons?: string[];
  /** How long the import took, ms (finished imports). */
  ms?: number;
  /** Documents in the corpus after the import. */
  total?: number;
  /** Generation the import wrote (or was writing). */
  generation?: string;
  /** Why it failed, in words for the user. */
  error?: string;
  /** Set when the import is one batch of a streamed file (lib/import/stream-run.ts). */
  stream?: StreamRunInfo;
}

/**
 * Where a streamed import (a `.jsonl`/`.jsonl.gz` committed batch by batch)
 * was when its record was written. The run has added `addedBefore` articles,
 * plus `added` when the record is `finished`.
 */
export interface StreamRunInfo {
  /** The files read. */
  files: string[];
  /** Bytes of the files read so far, and their size. */
  bytesRead: number;
  bytesTotal: number;
  /** Articles the run's earlier batches added (already in the corpus) and left out. */
  addedBefore: number;
  skippedBefore: number;
  /** True until the run's last record: part of the files was not imported (yet). */
  more: boolean;
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
