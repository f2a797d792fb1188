/**
 * Shapes of what the corpus store keeps in IndexedDB and reports. Plain data:
 * these cross the message boundary (corpus.status) and the worker boundary.
 */
import type { ExtractionState } from '../corpus/increment';
import type { Entity } from '../pack/types';

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
   * 3: a manifest (one small record, {@link ManifestRecord}; {@link LegacyManifest}
   * before the layers) naming segments, which are stored apart ({@link SegmentRecord}),
   * and layers (lib/store/layers.ts), both shared by the generations that list them. 2: a corpus model, its search indexes and one text record per
   * document (./chunks.ts), still read. Absent: the first layout, lists as JSON
   * slices, read only to be rewritten.
   */
  layout?: 2 | 3;
  /** Layout 3: the segments the generation lists, in order (also in its manifest; here so clean-up need not read manifests). */
  segments?: string[];
  /** Layout 3, manifest version 2: the layer records (`l-…`) its manifest uses, so clean-up need not read manifests. */
  layers?: string[];
  /** `g-<time base36>-<random>`: sorts by creation time. */
  id: string;
  state: GenerationState;
  /** ISO 8601 time the write started. */
  createdAt: string;
  counts: CorpusCounts;
  /** Number of chunk records, for the re-read check. */
  chunkCount: number;
  /** FNV-1a over the document texts (layout 1: every chunk's data; layout 3: the segment ids) in order, for the re-read check. */
  checksum: string;
  /** The pack's own `createdAt` and `generator`. */
  pack: { createdAt: string; generator: string };
}

/** Layout 2 and segments: the model, the search indexes, a document's text; layout 3: the manifest and its layers (./layers.ts). */
/** `postings`: a block of a split text index's postings (lib/store/posting-blocks.ts). */
export type ChunkPart = 'model' | 'indexes' | 'text' | 'manifest' | 'layer' | 'postings';
/** Layout 1: lists as JSON slices; `index` was a MiniSearch index as JSON text. */
export type LegacyChunkPart = 'documents' | 'passages' | 'entities' | 'mentions' | 'quotes' | 'index';

/**
 * One segment (lib/pack/segment.ts) as stored: its own record here, its
 * content in `chunks` under its id (record 0 the segment model, 1 its text
 * index, 2 + n the text of its document n). Written once, never changed
 * except `writing` → `complete` when the first generation listing it is
 * activated; deleted when no generation lists it.
 */
export interface SegmentRecord {
  /** `s-<time base36>-<random>`. */
  id: string;
  state: GenerationState;
  createdAt: string;
  /** Items of the segment itself (its `entities`: the size of its local entity table). */
  counts: CorpusCounts;
  chunkCount: number;
  /** FNV-1a over its document texts in order. */
  checksum: string;
  /** Its documents' ids, titles and text keys (lib/import/merge.ts `textKey`): what an import dedupes against without reading texts. */
  docIds: string[];
  titles: string[];
  textKeys: string[];
  /** Fingerprint of what its text index covers (lib/search/records.ts `textIndexKey`), kept by full writes to reuse the index. */
  textKey?: string;
  /**
   * The subscription whose layer the segment holds (`CorpusStore.putPackSegment`): a new version
   * replaces exactly this segment, and merges leave it alone. Absent: the user's own documents.
   */
  source?: string;
}

/**
 * What record 0 of a layout-3 generation held as main wrote it until issue #14's layers
 * (manifest version 1): everything in one record. Still read; the next write upgrades it.
 */
export interface LegacyManifest extends ManifestEdits {
  /** Segment ids in order: documents are numbered through them in this order. */
  segments: string[];
  /** The corpus-wide entity table, after the user's edits. */
  entities: Entity[];
  /** MiniSearch JSON of the names index over `entities`. */
  names: string;
  /** What incremental extraction remembers (lib/corpus/increment.ts). */
  extraction: ExtractionState;
  /** Ids of deleted documents still inside a listed segment (tombstones, dropped when their segment is merged). */
  deleted: string[];
}

/** What lib/edits writes into a manifest besides the entity table (`CorpusStore.amend`). */
export interface ManifestEdits {
  /**
   * Entity ids the segments may still name that the table no longer has (merged away by
   * `CorpusStore.amend`), each → the id its mentions and quotes read as (one the table
   * lacks only while a deletion dropped it: those mentions are in tombstoned documents).
   * Keys are never table ids. Absent: none (a full write names final ids in its one segment).
   */
  redirects?: Record<string, string>;
  /** Deletions written as tombstones whose documents may still be in a listed segment: what their undo puts back. */
  deletions?: TombstoneDeletion[];
}

/** One deletion written as tombstones by `CorpusStore.amend` (lib/edits), kept so undo needs no full rewrite. */
export interface TombstoneDeletion {
  /** Log ids of its `docDelete` entries (the first is the undo token). */
  edits: string[];
  /** The documents it tombstoned. */
  documents: string[];
  /** The entities it dropped from the table (named only by those documents), as they were. */
  entities: Entity[];
}

/**
 * A base record and the delta records written after it (lib/store/layers.ts), with
 * their sizes in values (the measure compaction compares).
 */
export interface LayerRefs {
  /** Layer id (`l-…`) of the base. */
  base: string;
  /** Layer ids of the deltas, oldest first. */
  deltas: string[];
  baseCells: number;
  deltaCells: number;
}

/**
 * What record 0 of a layout-3 generation holds now (manifest version 2): small. The entity
 * table (with the names index of its base) and the extraction state are layers of their
 * own records, shared by the generations that list them.
 */
export interface ManifestRecord extends ManifestEdits {
  version: 2;
  /** Segment ids in order: documents are numbered through them in this order. */
  segments: string[];
  /** Ids of deleted documents still inside a listed segment (tombstones, dropped when their segment is merged). */
  deleted: string[];
  /** Entities in the table the `table` layers fold to. */
  entities: number;
  /** The entity table: a base (entities, and the names index over them) and positional deltas. */
  table: LayerRefs;
  /** The extraction state: a base and key-based deltas (lib/corpus/state-delta.ts). */
  state: LayerRefs;
}

/** A layout-3 manifest as an importer sees it, layers folded (no names index). */
export interface ManifestData extends ManifestEdits {
  /** Segment ids in order: documents are numbered through them in this order. */
  segments: string[];
  /** The corpus-wide entity table, after the user's edits. */
  entities: Entity[];
  /** What incremental extraction remembers (lib/corpus/increment.ts). */
  extraction: ExtractionState;
  /** Ids of deleted documents still inside a listed segment (tombstones, dropped when their segment is merged). */
  deleted: string[];
}

/** A layout-3 manifest with its layers folded, without the extraction state (what an edit reads). */
export type ManifestView = Omit<ManifestData, 'extraction'>;

/** One record of a generation or of a segment. */
export interface ChunkRecord {
  /** The generation's id, or the segment's (`s-…`). */
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
  /** Per pack imported: its generator, articles added, and whether they joined as they are (no extraction) or were extracted again. */
  packs?: { generator: string; added: number; asIs: boolean }[];
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
  /**
   * Finished imports: ms per phase up to the swap (lock wait, sweep, read, dedupe, extract, layers,
   * write, verify…; lib/store/phase-times.ts), so a slow import can be broken down afterwards.
   */
  phases?: Record<string, number>;
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
