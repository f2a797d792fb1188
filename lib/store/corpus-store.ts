/**
 * The corpus store: generations of the corpus in IndexedDB, one of them
 * active. Writers add a whole new generation, verify it by reading it back,
 * and flip the `active` pointer in one transaction; readers only ever see a
 * complete, verified generation. See lib/store/README.md.
 */
import { emptyExtractionState, type ExtractionState } from '../corpus/increment';
import { readLoggedEdit, type LoggedEdit } from '../edits/types';
import { textKey } from '../import/merge';
import { compactPack, expandModel, type CorpusModel } from '../pack/model';
import { packFileOfModel, toPackFile } from '../pack/file';
import type MiniSearch from 'minisearch';
import {
  buildSegment,
  extendJoin,
  joinSegments,
  mergeSegments,
  type JoinedCorpus,
  type LoadedSegment,
  type SegmentIndexes,
  type SegmentModel,
} from '../pack/segment';
import type { Entity, Mention, Pack, PackDocument, PackFile, Passage, Quote } from '../pack/types';
import type { CorpusParts, TextSource } from '../query/corpus-query';
import type { SearchRecord } from '../search/index-options';
import { deriveNameVocabulary } from '../search/name-typos';
import { buildSearchIndexes, loadNamesIndex, type SearchIndexes } from '../search/records';
import { TextIndex, type TextIndexData, type TextSearcher } from '../search/text-index';
import {
  checkHead,
  checkSegmentHead,
  checkTexts,
  checksum,
  countsOfSegment,
  segmentOfStored,
  fromLegacyChunks,
  INDEXES_SEQ,
  MODEL_SEQ,
  textOfRecord,
  textSeq,
  toSegmentChunks,
  type StoredSegmentIndexes,
} from './chunks';
import { generationRange, openCorpusDatabase, type ActivePointer, type CorpusDatabase } from './db';
import { webLock, type LockRunner } from './lock';
import {
  checkLayers,
  editsOf,
  LAYER_RANGE,
  manifestChunk,
  readManifestParts,
  writeManifestParts,
  type ChunkGetter,
  type PartsPlan,
} from './layers';
import type { HeldParts } from './held-parts';
import {
  blockRange,
  blockSeq,
  isSplit,
  joinTextIndex,
  LazyPostings,
  lazyTextIndex,
  SegmentGoneError,
  textReadiness,
} from './posting-blocks';
import { SegmentCache, type CacheView } from './segment-cache';
import { namesLoader, TableCache } from './table-cache';
import { PhaseTimes, type PhaseMarks } from './phase-times';
import type {
  ChunkRecord,
  CorpusCounts,
  GenerationRecord,
  ImportStatus,
  LegacyManifest,
  ManifestData,
  ManifestView,
  ManifestRecord,
  SegmentRecord,
  StoreStatus,
  TombstoneDeletion,
} from './types';

/** What a write is checked with before it may become active: the names index (when it wrote one) and the new segment's text index. */
export interface WrittenIndexes {
  names?: string;
  text?: TextIndexData;
}

/** A layout-3 generation as an importer sees it: its manifest and its segments' records (no model, no text). */
export interface ActiveManifest {
  generation: string;
  counts: CorpusCounts;
  /** The corpus's own `createdAt` and `generator` (of its last write). */
  pack: { createdAt: string; generator: string };
  /** Its parts, layers folded (no names index). */
  manifest: ManifestData;
  /** Its manifest record as stored (what the next write builds on). */
  stored: ManifestRecord | LegacyManifest;
  segments: SegmentRecord[];
}

/** The active manifest as an edit sees it ({@link CorpusStore.amend}): everything but the extraction state. */
export interface AmendBase extends Omit<ActiveManifest, 'manifest'> {
  manifest: ManifestView;
}

/** The new documents of an append and what was extracted from them (ids as strings, as in a Pack). */
export interface AppendInput {
  documents: PackDocument[];
  passages: Passage[];
  mentions: Mention[];
  quotes: Quote[];
  /** What wrote them, e.g. "dossier-import 0.1.0". */
  generator: string;
}

/**
 * The manifest after an append: the whole entity table (after edits) and the extraction
 * state; only what changed from `against` is written (lib/store/layers.ts).
 */
export interface ManifestChange {
  entities: Entity[];
  extraction: ExtractionState;
  /** The active manifest the change was made from, read under the same write lock (else it is read again). */
  against?: ActiveManifest;
}

/**
 * A new manifest over the same segments (lib/edits: entity edits, deletes as
 * tombstones); what is left out stays as it was.
 */
export interface ManifestAmendment {
  /** The whole entity table after the change. */
  entities: Entity[];
  /** Ids merged away → the id they read as (the whole map; no key may be a table id; a value not in the table reads as nothing). */
  redirects?: Record<string, string>;
  /** Tombstones: ids of deleted documents inside listed segments (the whole list). */
  deleted?: string[];
  /** Deletions written as tombstones, for undo (the whole list). */
  deletions?: TombstoneDeletion[];
  /** The generation's counts after the change; default: as they were, `entities` counted. */
  counts?: CorpusCounts;
  /** The edit log's change when it depends on the manifest (an undo): replaces `options.log`. */
  log?: LogChange;
}

/**
 * The manifest after a pack joins as a segment ({@link CorpusStore.putPackSegment}): the whole
 * entity table and extraction state, the segments that leave, the whole list of tombstones.
 */
export interface PackSegmentChange {
  entities: Entity[];
  extraction: ExtractionState;
  /** The active manifest the change was made from, read under the same write lock. */
  against: ActiveManifest;
  /** Segment ids that leave the manifest (a subscription's previous version). */
  drop: string[];
  /** Tombstones after the change (the whole list). */
  deleted: string[];
  /** The counts of the kept segments as the new generation reads them; the new segment's are added. */
  kept: CorpusCounts;
  /** Merge redirects (the whole map; keys the new table has are dropped). Default: the manifest's. */
  redirects?: Record<string, string>;
  /** Tombstone deletions still undoable (the whole list). Default: the manifest's. */
  deletions?: TombstoneDeletion[];
}

/** When segments are merged: {@link MERGE_FACTOR} consecutive segments of one size tier (a power of ten of documents). */
export const MERGE_FACTOR = 10;

/** Options of {@link CorpusStore.open}. */
export interface CorpusStoreOptions {
  /** Database name (default `dossier-corpus`); tests use their own. */
  name?: string;
  /** Writer lock (default: Web Locks, else an in-process lock). */
  lock?: LockRunner;
  /** Extra check of what a write re-read before it may become active (default: both indexes load). */
  verify?: (written: WrittenIndexes) => void;
  /**
   * 1: write manifests as one record with everything, as before the layers (lib/store/layers.ts):
   * only for the upgrade tests and the append bench's "before" column. Default 2.
   */
  manifestVersion?: 1 | 2;
  /**
   * The entity table and extraction state to keep between imports (the import worker passes
   * one instance to every store it opens): `readManifest` uses them instead of reading their
   * layers while the active manifest names the layers they came from (lib/store/held-parts.ts).
   */
  held?: HeldParts;
}

/** Options of {@link CorpusStore.write}. */
export interface WriteOptions {
  /** Aborting stops the write between batches; the old generation stays active. */
  signal?: AbortSignal;
  /** Called with the new generation's id before anything is written. */
  onGeneration?: (generation: string) => void;
  /** Record progress: `done` of `total` records written. */
  onProgress?: (done: number, total: number) => void;
  /** Changes to the edit log, made in the transaction that activates the new generation. */
  log?: LogChange;
  /**
   * The import's status once the new generation is active, written in the same
   * transaction (its `generation` is filled in): an import is `finished` exactly
   * when its corpus answers.
   */
  lastImport?: ImportStatus;
  /**
   * The extraction state the new generation keeps (layout 3). Default: the
   * active generation's, so an edit does not make later imports forget what the
   * corpus's extraction learnt; empty when there is none.
   */
  extraction?: ExtractionState;
  /**
   * Marks the write's phases on it (`append.segment`, `append.layers`, `write`, `verify`, `activate`;
   * lib/store/phase-times.ts); when it is a {@link PhaseTimes}, `lastImport` is written with its snapshot.
   */
  phases?: PhaseMarks;
}

/** Entries added to and removed from the edit log together with a corpus change. */
export interface LogChange {
  append?: readonly LoggedEdit[];
  /** Log ids of entries to remove (an undone deletion, an article imported again). */
  remove?: readonly string[];
}

/** Words for the user when the browser refuses to store more. */
export function describeWriteError(error: unknown): string {
  const name = (error as { name?: unknown } | null)?.name;
  const message = error instanceof Error ? error.message : String(error);
  if (name === 'QuotaExceededError')
    return `The browser has no more storage space for Dossier (${message}). Free some disk space or delete documents you no longer need, then try again.`;
  return message;
}

/** Bytes of text per write transaction. */
const BATCH_BYTES = 8_000_000;
/** Document texts a reader keeps in memory. */
const TEXT_CACHE_SIZE = 64;

function defaultVerify({ names, text }: WrittenIndexes): void {
  if (names !== undefined) loadNamesIndex(names);
  if (text) new TextIndex(text);
}

function newGenerationId(): string {
  return `g-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

function newSegmentId(): string {
  return `s-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/** Everything a new layout-3 generation is made of. */
interface GenerationPlan {
  id: string;
  /** The segment written with it, if any (a merge or an append writes one; a manifest-only change none). */
  segment?: { record: SegmentRecord; chunks: ChunkRecord[] };
  /** The manifest and the layer records written with it. */
  parts: PartsPlan;
  counts: CorpusCounts;
  pack: { createdAt: string; generator: string };
  /** For {@link HeldParts}: the manifest it was made from and the parts it wrote (absent: that part was kept). */
  held: {
    before: ManifestRecord | LegacyManifest | undefined;
    entities?: readonly Entity[];
    extraction?: ExtractionState;
  };
}

/** What `openActive` reads of a segment: its record and its records 0 (model) and 1 (indexes). */
type HeadRecords = [SegmentRecord | undefined, ChunkRecord | undefined, ChunkRecord | undefined];

/** Persistent, versioned corpus storage. Create with {@link CorpusStore.open}. */
export class CorpusStore {
  /** Segment heads of the last {@link openActive}, by id (the service worker's: only new segments are read). */
  private readonly segmentCache = new SegmentCache();
  /** The entity table and names index of the last {@link openActive}, by layer ids (./table-cache.ts). */
  private readonly tableCache = new TableCache();

  private constructor(
    private readonly db: CorpusDatabase,
    private readonly lock: LockRunner,
    private readonly verify: (written: WrittenIndexes) => void,
    private readonly version1 = false,
    private readonly held?: HeldParts,
  ) {}

  /**
   * Opens the store.
   * @throws Error when IndexedDB cannot be opened.
   */
  static async open(options: CorpusStoreOptions = {}): Promise<CorpusStore> {
    const db = await openCorpusDatabase(options.name);
    return new CorpusStore(
      db,
      options.lock ?? webLock(),
      options.verify ?? defaultVerify,
      options.manifestVersion === 1,
      options.held,
    );
  }

  /** Drops the parts held between imports (lib/store/held-parts.ts): the next read reads every layer. */
  forgetHeld(): void {
    this.held?.forget();
  }

  /** Runs `fn` as the only writer (waits for an import or edit in progress). */
  withWriteLock<T>(fn: () => Promise<T>): Promise<T> {
    return this.lock(() => fn());
  }

  /**
   * The active corpus as a pack (for writers: the importer, edits), or null when
   * the store holds none (the bundled pack answers then).
   * @throws Error when the active generation fails its re-read check.
   */
  async readActive(): Promise<{ generation: string; pack: Pack } | null> {
    const stored = await this.readWhole();
    if (!stored) return null;
    const pack = 'legacy' in stored ? stored.legacy : expandModel(stored.model, (n) => stored.texts[n]);
    return { generation: stored.generation, pack };
  }

  /**
   * The active corpus in its file form (export), or null when the store holds none.
   * Built from the stored model, without the lists of objects {@link readActive} makes.
   * @throws Error when the active generation fails its re-read check.
   */
  async readActiveFile(): Promise<PackFile | null> {
    const stored = await this.readWhole();
    if (!stored) return null;
    return 'legacy' in stored ? toPackFile(stored.legacy) : packFileOfModel(stored.model, stored.texts);
  }

  /** Every record of the active generation, checked: its model and texts, or a first-layout pack. */
  private async readWhole(): Promise<
    { generation: string; model: CorpusModel; texts: string[] } | { generation: string; legacy: Pack } | null
  > {
    const tx = this.db.transaction(['meta', 'generations', 'segments', 'chunks']);
    const gen = await this.activeRecord(tx.objectStore('meta'), tx.objectStore('generations'));
    if (!gen) return null;
    if (gen.layout === 3) {
      const chunks = tx.objectStore('chunks');
      const manifest = await readManifestParts(chunks, gen, { entities: true });
      const records = await Promise.all(manifest.segments.map((s) => tx.objectStore('segments').get(s)));
      const all = await Promise.all(manifest.segments.map((s) => chunks.getAll(generationRange(s))));
      await tx.done;
      const segments = records.map((record, i) => {
        if (!record) throw new Error(`Dossier store: generation ${gen.id}: segment ${manifest.segments[i]} is missing`);
        return segmentOfStored(record, all[i]!);
      });
      const joined = this.join(gen, manifest, segments);
      const texts = joined.model.documents.map((_, doc) => {
        const { segment, local } = joined.locate(doc);
        return segments[segment]!.texts[local]!;
      });
      return { generation: gen.id, model: joined.model, texts };
    }
    const chunks = await tx.objectStore('chunks').getAll(generationRange(gen.id));
    await tx.done;
    if (gen.layout !== 2) return { generation: gen.id, legacy: fromLegacyChunks(gen, chunks) };
    const { model } = checkHead(gen, chunks[MODEL_SEQ], chunks[INDEXES_SEQ]);
    return { generation: gen.id, model, texts: checkTexts(gen, chunks.slice(textSeq(0))) };
  }

  /** Joins a layout-3 generation's segments, checked against its counts. */
  private join(
    gen: GenerationRecord,
    manifest: { entities?: Entity[]; deleted: string[]; redirects?: Record<string, string> },
    segments: readonly { model: SegmentModel; indexes: SegmentIndexes }[],
    previous?: TextSearcher,
  ): ReturnType<typeof joinSegments> {
    const joined = joinSegments(manifest.entities!, segments, {
      deleted: new Set(manifest.deleted),
      ...(manifest.redirects ? { redirects: manifest.redirects } : {}),
      createdAt: gen.pack.createdAt,
      generator: gen.pack.generator,
      previous,
    });
    this.checkJoined(gen, joined);
    return joined;
  }

  /** @throws Error when a joined generation's document count is not its own. */
  private checkJoined(gen: GenerationRecord, joined: JoinedCorpus): void {
    if (joined.model.documents.length !== gen.counts.documents)
      throw new Error(
        `Dossier store: generation ${gen.id}: ${joined.model.documents.length} documents, expected ${gen.counts.documents}`,
      );
  }

  /**
   * The active corpus for answering, or null when the store holds none: reads
   * the model and the indexes (layout 3: the manifest and every segment's model
   * and text index, in one transaction, joined), and hands a text source that
   * reads documents when asked. A corpus stored in the first layout is rewritten first.
   * @throws Error when the active generation fails its check.
   */
  async openActive(options: { phases?: PhaseMarks } = {}): Promise<{ generation: string; parts: CorpusParts } | null> {
    const { phases } = options;
    const tx = this.db.transaction(['meta', 'generations', 'segments', 'chunks']);
    const gen = await this.activeRecord(tx.objectStore('meta'), tx.objectStore('generations'));
    if (!gen) return null;
    const chunks = tx.objectStore('chunks');
    if (gen.layout === 3) {
      // Segments are immutable: only those not cached from an earlier load are read (./segment-cache.ts).
      // They are asked for right behind the manifest's layers, so that IndexedDB reads them (the largest
      // records) while the entity table is decoded and the names index loaded.
      let ids: string[] = [];
      let cache: CacheView | undefined;
      let toRead: string[] = [];
      let reading: Promise<HeadRecords[]> | undefined;
      const manifest = await readManifestParts(
        chunks,
        gen,
        { names: true },
        (stored) => {
          ids = stored.segments;
          cache = this.segmentCache.view(ids);
          toRead = ids.filter((s) => !cache!.cached.has(s));
          reading = Promise.all(
            toRead.map((s) =>
              Promise.all([
                tx.objectStore('segments').get(s),
                chunks.get([s, MODEL_SEQ]),
                chunks.get([s, INDEXES_SEQ]),
              ]),
            ),
          );
          reading.catch(() => undefined); // awaited below; a failed manifest read must not leave it unhandled
        },
        undefined,
        this.tableCache,
      );
      phases?.mark('open.layers');
      const heads = await reading!;
      await tx.done;
      phases?.mark('open.segments');
      const read = new Map(
        heads.map(([record, model, indexes], i) => {
          if (!record) throw new Error(`Dossier store: generation ${gen.id}: segment ${toRead[i]} is missing`);
          return [toRead[i]!, this.segmentHead(record, model, indexes)];
        }),
      );
      // After an append (segments added, same tombstones and redirects), the last join is extended.
      const key = JSON.stringify([[...manifest.deleted].sort(), manifest.redirects ?? {}]);
      const last = cache!.extendable(key);
      const added = last ? ids.slice(last.count).map((id) => read.get(id)) : [];
      let joined =
        last && added.every(Boolean)
          ? extendJoin(last.joined, manifest.entities!, added as LoadedSegment[], {
              deleted: new Set(manifest.deleted),
              ...(manifest.redirects ? { redirects: manifest.redirects } : {}),
              createdAt: gen.pack.createdAt,
              generator: gen.pack.generator,
            })
          : null;
      if (joined) {
        this.checkJoined(gen, joined);
        this.segmentCache.keepExtended(ids, added as LoadedSegment[], joined, key);
      } else {
        const segments = cache!.segments(ids, read);
        joined = this.join(gen, manifest, segments, cache!.previous);
        this.segmentCache.keep(ids, segments, joined, key);
      }
      const layers = manifest.names!.layers;
      if (layers) this.tableCache.keep(layers, manifest.entities!);
      const before = cache!.previousModel;
      if (before) deriveNameVocabulary(joined.model, joined.model.entities, before, before.entities);
      phases?.mark('open.join');
      const indexes = cache!.indexes(ids, read);
      const textReady = textReadiness(
        indexes.map((s) => s.text),
        ids.map((_, s) => !joined.placements[s]),
      );
      const json = manifest.names!.json;
      let legacyNames: MiniSearch<SearchRecord> | undefined;
      return {
        generation: gen.id,
        parts: {
          model: joined.model,
          indexes: { names: json, text: joined.text },
          entityIndex: joined.entityIndex,
          docIndex: joined.docIndex,
          // Loaded when a search first needs it (a page's names and an entity card do not): see CorpusQuery.
          // Carried over from the last load when only deltas were added to the table (./table-cache.ts).
          loadNames: layers ? namesLoader(this.tableCache, layers) : () => (legacyNames ??= loadNamesIndex(json)),
          ...(textReady ? { textReady } : {}),
          texts: this.textSource(
            (doc) => {
              const { segment, local } = joined.locate(doc);
              return [ids[segment]!, textSeq(local)];
            },
            gen.id,
            // A merge after this generation was loaded deletes the segments it merged: find the document again.
            (doc) => this.findText(joined.model.documents[doc]!.id),
          ),
        },
      };
    }
    if (gen.layout !== 2) {
      await tx.done;
      await this.migrate(gen.id);
      return this.openActive();
    }
    const [model, indexes] = await Promise.all([chunks.get([gen.id, MODEL_SEQ]), chunks.get([gen.id, INDEXES_SEQ])]);
    await tx.done;
    const head = checkHead(gen, model, indexes);
    return { generation: gen.id, parts: { ...head, texts: this.textSource((d) => [gen.id, textSeq(d)], gen.id) } };
  }

  /**
   * A segment's model and text index as `openActive` hands them on: a split index (./posting-blocks.ts)
   * with its postings still to read, block by block, when a question needs them.
   * @throws Error naming the first mismatch.
   */
  private segmentHead(
    record: SegmentRecord,
    model: ChunkRecord | undefined,
    indexes: ChunkRecord | undefined,
  ): { model: SegmentModel; indexes: SegmentIndexes } {
    const head = checkSegmentHead(record, model, indexes);
    const text = head.indexes.text;
    if (!isSplit(text)) return { model: head.model, indexes: { text } };
    const where = `Dossier store: segment ${record.id}`;
    const documents = record.counts.documents;
    const loader = new LazyPostings(
      text,
      async (from, to) => {
        const blocks = await this.db.getAll('chunks', blockRange(record.id, documents, from, to));
        // Fewer blocks than asked: damage, or a merge deleted the segment after this corpus was loaded.
        if (blocks.length < to - from && !(await this.db.get('segments', record.id)))
          throw new SegmentGoneError(record.id);
        return blocks.map((b, i) => (b.seq === blockSeq(documents, from + i) ? b.data : undefined));
      },
      where,
    );
    return { model: head.model, indexes: { text: lazyTextIndex(loader) } };
  }

  /** Rewrites a layout-1 generation in the current layout (under the write lock, unless another writer already did). */
  private migrate(generation: string): Promise<void> {
    return this.lock(async () => {
      const active = await this.readActive();
      if (active?.generation === generation) await this.write(active.pack);
    });
  }

  /**
   * Reads texts by document number (`keyOf` gives its record's key), keeping the
   * last few in memory; `relocate` finds a text whose record is gone.
   */
  private textSource(
    keyOf: (doc: number) => [string, number],
    generation: string,
    relocate?: (doc: number) => Promise<string | undefined>,
  ): TextSource {
    const cache = new Map<number, string>();
    return async (docs) => {
      // This call's texts are kept apart from the cache: another call may fill the cache and push
      // out what this one found there while it awaits its records.
      const found = new Map<number, string>();
      for (const d of docs) {
        const text = cache.get(d);
        if (text !== undefined) found.set(d, text);
      }
      const missing = [...new Set(docs.filter((d) => !found.has(d)))];
      if (missing.length) {
        const tx = this.db.transaction('chunks');
        const records = await Promise.all(missing.map((d) => tx.store.get(keyOf(d))));
        await tx.done;
        for (const [i, r] of records.entries()) {
          const text = textOfRecord(r?.data) ?? (await relocate?.(missing[i]!));
          if (text === undefined)
            throw new Error(`Dossier store: generation ${generation} has no text ${missing[i]} (replaced meanwhile?)`);
          found.set(missing[i]!, text);
        }
      }
      const texts = docs.map((d) => {
        const text = found.get(d)!;
        cache.delete(d); // re-inserted: the most recently used are last
        cache.set(d, text);
        return text;
      });
      for (const key of cache.keys()) {
        if (cache.size <= TEXT_CACHE_SIZE) break;
        cache.delete(key);
      }
      return texts;
    };
  }

  /** The text of document `id` in the active layout-3 generation, found through its segments' records. */
  private async findText(id: string): Promise<string | undefined> {
    const active = await this.readLayout();
    for (const seg of active?.segments ?? []) {
      const local = seg.docIds.indexOf(id);
      if (local >= 0) return textOfRecord((await this.db.get('chunks', [seg.id, textSeq(local)]))?.data);
    }
    return undefined;
  }

  /**
   * The active layout-3 generation's manifest and segment records (what an
   * import dedupes and extracts against), or null when the store is empty or
   * the active generation is in an older layout (see {@link ensureSegmented}).
   */
  readManifest(options: { phases?: PhaseMarks } = {}): Promise<ActiveManifest | null> {
    return this.readActiveManifest(true, options.phases);
  }

  /** {@link readManifest}, with or without the extraction state (an edit keeps the state's layers unread). */
  private async readActiveManifest(withState: true, phases?: PhaseMarks): Promise<ActiveManifest | null>;
  private async readActiveManifest(withState: false): Promise<AmendBase | null>;
  private async readActiveManifest(withState: boolean, phases?: PhaseMarks): Promise<AmendBase | null> {
    const tx = this.db.transaction(['meta', 'generations', 'segments', 'chunks']);
    const gen = await this.activeRecord(tx.objectStore('meta'), tx.objectStore('generations'));
    if (gen?.layout !== 3) {
      await tx.done;
      return null;
    }
    const parts = await readManifestParts(
      tx.objectStore('chunks'),
      gen,
      { entities: true, extraction: withState },
      undefined,
      this.held?.layers,
    );
    // Held for the next read of the same layers (an import after the worker's warm-up read).
    if (withState) this.held?.read(parts.stored, { entities: parts.entities!, extraction: parts.extraction! });
    phases?.mark('read.layers');
    const segments = await this.segmentRecords(tx.objectStore('segments'), gen, parts.segments, this.held);
    await tx.done;
    this.held?.readSegments(segments);
    phases?.mark('read.segments');
    return {
      generation: gen.id,
      counts: gen.counts,
      pack: gen.pack,
      manifest: {
        segments: parts.segments,
        deleted: parts.deleted,
        entities: parts.entities!,
        ...(withState ? { extraction: parts.extraction! } : {}),
        ...editsOf(parts),
      },
      stored: parts.stored,
      segments,
    };
  }

  /** The active layout-3 generation's manifest record and segment records, without reading its layers. */
  private async readLayout(): Promise<{
    generation: string;
    counts: CorpusCounts;
    pack: GenerationRecord['pack'];
    stored: ManifestRecord | LegacyManifest;
    segments: SegmentRecord[];
  } | null> {
    const tx = this.db.transaction(['meta', 'generations', 'segments', 'chunks']);
    const gen = await this.activeRecord(tx.objectStore('meta'), tx.objectStore('generations'));
    if (gen?.layout !== 3) {
      await tx.done;
      return null;
    }
    const parts = await readManifestParts(tx.objectStore('chunks'), gen, {});
    const segments = await this.segmentRecords(tx.objectStore('segments'), gen, parts.segments);
    await tx.done;
    return { generation: gen.id, counts: gen.counts, pack: gen.pack, stored: parts.stored, segments };
  }

  private async segmentRecords(
    store: { get(id: string): Promise<SegmentRecord | undefined> },
    gen: GenerationRecord,
    ids: readonly string[],
    held?: HeldParts,
  ): Promise<SegmentRecord[]> {
    // Complete segments' records held from the last read (./held-parts.ts) are not read again.
    const records = await Promise.all(
      ids.map((s) => {
        const kept = held?.segment(s);
        return kept ? Promise.resolve(kept) : store.get(s);
      }),
    );
    return records.map((record, i) => {
      if (!record) throw new Error(`Dossier store: generation ${gen.id}: segment ${ids[i]} is missing`);
      return record;
    });
  }

  /** Reads chunks outside a transaction (layers a write builds on). */
  private chunkGetter(): ChunkGetter {
    return { get: (key) => this.db.get('chunks', key) };
  }

  /**
   * Makes the active corpus a layout-3 generation, so it can be appended to:
   * a layout-2 (or first-layout) generation, or the bundled pack (`fallback`)
   * when the store is empty, is written as one segment. This costs the whole
   * corpus, once. The caller must hold the write lock.
   * @returns the manifest to append to.
   */
  async ensureSegmented(fallback: () => Promise<Pack>, options: WriteOptions = {}): Promise<ActiveManifest> {
    const current = await this.readManifest();
    if (current) return current;
    const pack = (await this.readActive())?.pack ?? (await fallback());
    await this.write(pack, options);
    const written = await this.readManifest();
    if (!written) throw new Error('Dossier store: the corpus could not be turned into segments');
    return written;
  }

  /** The active generation's record without its chunks; the newest complete one if the pointer is lost. */
  private async activeRecord(
    meta: { get(key: 'active'): Promise<unknown> },
    gens: { get(id: string): Promise<GenerationRecord | undefined>; getAll(): Promise<GenerationRecord[]> },
  ): Promise<GenerationRecord | null> {
    const pointer = (await meta.get('active')) as ActivePointer | undefined;
    const gen = pointer ? await gens.get(pointer.generation) : undefined;
    if (gen?.state === 'complete') return gen;
    const complete = (await gens.getAll()).filter((g) => g.state === 'complete');
    return complete.sort((a, b) => (a.id < b.id ? 1 : -1))[0] ?? null;
  }

  /**
   * Active generation, counts and the last import, without loading the corpus.
   * An import recorded as `started` whose writer is gone (nobody holds the write
   * lock: its tab was closed, its worker stopped) is settled first, so the
   * status never says an import is running when none is.
   */
  async status(): Promise<StoreStatus> {
    const status = await this.readStatus();
    if (status.lastImport?.state !== 'started') return status;
    const settled = await this.lock((held) => (held ? this.settleImport() : Promise.resolve(false)), {
      ifAvailable: true,
    });
    return settled ? this.readStatus() : status;
  }

  /** {@link status} as stored, without settling anything. */
  private async readStatus(): Promise<StoreStatus> {
    const tx = this.db.transaction(['meta', 'generations']);
    const gen = await this.activeRecord(tx.objectStore('meta'), tx.objectStore('generations'));
    const lastImport = ((await tx.objectStore('meta').get('lastImport')) as ImportStatus | undefined) ?? null;
    await tx.done;
    return {
      generation: gen?.id ?? null,
      counts: gen?.counts ?? null,
      createdAt: gen?.createdAt ?? null,
      lastImport,
    };
  }

  /**
   * Writes `pack` as a new generation of one segment, re-reads and verifies it,
   * makes it active in one transaction and deletes the generations (and
   * segments) it replaces. The text index is reused when the active
   * generation is one segment with the same documents, passages and quotes
   * (entity edits). The caller must hold the write lock ({@link withWriteLock});
   * use {@link commit} otherwise.
   * @returns the new generation's id.
   * @throws Error (or the signal's reason) when writing or verifying fails; the
   *   previous generation then stays active and the half-written one is left for
   *   {@link collectGarbage}.
   */
  async write(pack: Pack, options: WriteOptions = {}): Promise<string> {
    const id = newGenerationId();
    options.onGeneration?.(id);
    const model = compactPack(pack);
    const texts = pack.documents.map((d) => d.text);
    const indexes = buildSearchIndexes(model, (n) => texts[n]!, await this.activeIndexes());
    const { entities, ...columns } = model;
    const segment: SegmentModel = { ...columns, id: newSegmentId(), entityIds: entities.map((e) => e.id) };
    // The active generation's extraction state is kept by reference (not read) unless another is given.
    const before = await this.readLayout().catch(() => null);
    const parts = await writeManifestParts(
      this.chunkGetter(),
      before ? { stored: before.stored } : null,
      {
        entities,
        names: indexes.names,
        rebase: true,
        // A full write's one segment names final entity ids: no redirects, no tombstones to undo.
        edits: {},
        version1: this.version1,
        ...(options.extraction
          ? { extraction: options.extraction }
          : before
            ? {}
            : { extraction: emptyExtractionState() }),
      },
      [segment.id],
      [],
    );
    return this.writeGeneration(
      {
        id,
        segment: this.segmentToWrite(segment, { text: indexes.text }, texts, pack.documents, indexes.textKey),
        parts,
        counts: { ...countsOfSegment(segment), entities: entities.length },
        pack: { createdAt: pack.createdAt, generator: pack.generator },
        held: {
          before: before?.stored,
          entities,
          ...(options.extraction ? { extraction: options.extraction } : {}),
        },
      },
      options,
    );
  }

  /**
   * Adds documents to the active layout-3 generation: writes one new segment
   * (built from `input`) and a new manifest (`change`: the whole entity table
   * and the extraction state), re-reads and verifies the new segment only,
   * and activates the new generation in one transaction with the edit log's
   * change and the import's status, as {@link write} does. Old segments are
   * neither read nor rewritten. The caller must hold the write lock.
   * @returns the new generation's id.
   * @throws Error when the active corpus is not in layout 3 (call {@link ensureSegmented} first),
   *   or when writing or verifying fails (the previous generation stays active).
   */
  async append(input: AppendInput, change: ManifestChange, options: WriteOptions = {}): Promise<string> {
    const active = change.against ? (await this.readStatus()).generation : undefined;
    const base = change.against && change.against.generation === active ? change.against : await this.readManifest();
    if (!base) throw new Error('Dossier store: nothing to append to (the corpus is not stored in segments yet)');
    const id = newGenerationId();
    options.onGeneration?.(id);
    const createdAt = new Date().toISOString();
    options.phases?.mark('append.base');
    const built = buildSegment({ ...input, id: newSegmentId(), createdAt });
    const counts = countsOfSegment(built.model);
    options.phases?.mark('append.segment');
    const added = new Set(input.documents.map((d) => d.id));
    const parts = await writeManifestParts(
      this.chunkGetter(),
      { stored: base.stored, entities: base.manifest.entities, extraction: base.manifest.extraction },
      {
        entities: change.entities,
        extraction: change.extraction,
        version1: this.version1,
        edits: carriedEdits(base.manifest, change.entities, input.documents),
      },
      [...base.manifest.segments, built.model.id],
      // A tombstoned document added again: its new copy is live (joinSegments keeps the later copy of an id).
      base.manifest.deleted.filter((d) => !added.has(d)),
    );
    options.phases?.mark('append.layers');
    return this.writeGeneration(
      {
        id,
        segment: this.segmentToWrite(built.model, built.indexes, built.texts, input.documents),
        parts,
        counts: {
          documents: base.counts.documents + counts.documents,
          passages: base.counts.passages + counts.passages,
          entities: change.entities.length,
          mentions: base.counts.mentions + counts.mentions,
          quotes: base.counts.quotes + counts.quotes,
        },
        pack: { createdAt, generator: input.generator },
        held: { before: base.stored, entities: change.entities, extraction: change.extraction },
      },
      options,
    );
  }

  /**
   * A pack joins the active layout-3 generation as one segment, as it is (issue #14: no
   * extraction; lib/import/pack-segment.ts makes `input` and `change`), in place of the
   * segments `change.drop` names (a subscription's previous version; none for a pack
   * file): writes the new segment (tagged with `input.source`, the subscription, so its
   * next version replaces exactly it and merges leave it alone) and a manifest listing
   * the kept segments and it, with the tombstones, table and state `change` gives.
   * `input` null writes the manifest alone (unsubscribing). Kept segments are neither
   * read nor written; the swap is verified and activated as {@link append} is, and a
   * failure or abort leaves the previous generation active. The caller holds the write lock.
   * @returns the new generation's id.
   * @throws Error when `change.against` is no longer the active generation, or when writing or verifying fails.
   */
  async putPackSegment(
    input: (AppendInput & { source?: string }) | null,
    change: PackSegmentChange,
    options: WriteOptions = {},
  ): Promise<string> {
    const base = change.against;
    const active = (await this.readStatus()).generation;
    if (base.generation !== active)
      throw new Error(`Dossier store: the corpus changed (${active}) since ${base.generation} was read`);
    const id = newGenerationId();
    options.onGeneration?.(id);
    const createdAt = new Date().toISOString();
    const built = input ? buildSegment({ ...input, id: newSegmentId(), createdAt }) : undefined;
    const added = built ? countsOfSegment(built.model) : undefined;
    options.phases?.mark('append.segment');
    const drop = new Set(change.drop);
    const table = new Set(change.entities.map((e) => e.id));
    const redirects = Object.entries(change.redirects ?? base.manifest.redirects ?? {}).filter(([k]) => !table.has(k));
    const deletions = change.deletions ?? base.manifest.deletions ?? [];
    const parts = await writeManifestParts(
      this.chunkGetter(),
      { stored: base.stored, entities: base.manifest.entities, extraction: base.manifest.extraction },
      {
        entities: change.entities,
        extraction: change.extraction,
        version1: this.version1,
        edits: {
          ...(redirects.length ? { redirects: Object.fromEntries(redirects) } : {}),
          ...(deletions.length ? { deletions } : {}),
        },
      },
      [...base.manifest.segments.filter((s) => !drop.has(s)), ...(built ? [built.model.id] : [])],
      change.deleted,
    );
    options.phases?.mark('append.layers');
    const kept = change.kept;
    const segment = built && this.segmentToWrite(built.model, built.indexes, built.texts, input!.documents);
    if (segment && input?.source) segment.record.source = input.source;
    return this.writeGeneration(
      {
        id,
        ...(segment ? { segment } : {}),
        parts,
        counts: {
          documents: kept.documents + (added?.documents ?? 0),
          passages: kept.passages + (added?.passages ?? 0),
          entities: change.entities.length,
          mentions: kept.mentions + (added?.mentions ?? 0),
          quotes: kept.quotes + (added?.quotes ?? 0),
        },
        pack: { createdAt, generator: input?.generator ?? base.pack.generator },
        held: { before: base.stored, entities: change.entities, extraction: change.extraction },
      },
      options,
    );
  }

  /** Whether the active generation is stored in segments (layout 3), without reading it: {@link amend} can change it. */
  async isSegmented(): Promise<boolean> {
    const tx = this.db.transaction(['meta', 'generations']);
    const gen = await this.activeRecord(tx.objectStore('meta'), tx.objectStore('generations'));
    await tx.done;
    return gen?.layout === 3;
  }

  /**
   * Writes a new generation listing the same segments as the active one, with
   * the manifest `change` makes of it (lib/edits: an entity edit, deletes as
   * tombstones): the entity table, the names index (updated, not rebuilt),
   * redirects, tombstones and counts; the extraction state is kept. Nothing of
   * a segment is read or written. Verified and activated like {@link append},
   * with the log change and `lastImport` in the activating transaction; a
   * failure or abort leaves the old generation active. `change` runs after the
   * manifest is read, and may say null: nothing is written. The caller holds the write lock.
   * @returns the new generation's id, or null when `change` gave null.
   * @throws Error when the active corpus is not in layout 3 (use {@link write}), or from `change`, or when writing fails.
   */
  async amend(
    change: (base: AmendBase) => ManifestAmendment | null | Promise<ManifestAmendment | null>,
    options: WriteOptions = {},
  ): Promise<string | null> {
    // The extraction state is not read: an edit keeps its layers as they are.
    const base = await this.readActiveManifest(false);
    if (!base) throw new Error('Dossier store: nothing to amend (the corpus is not stored in segments yet)');
    const next = await change(base);
    if (!next) return null;
    const table = new Set(next.entities.map((e) => e.id));
    const redirects = next.redirects ?? base.manifest.redirects ?? {};
    for (const [from, to] of Object.entries(redirects)) {
      if (table.has(from)) throw new Error(`Dossier store: ${from} is in the entity table and redirected to ${to}`);
    }
    const id = newGenerationId();
    options.onGeneration?.(id);
    const deletions = next.deletions ?? base.manifest.deletions ?? [];
    // The entity table as a delta over the active one (or a new base past its share); the
    // extraction state's layers are kept by reference (lib/store/layers.ts).
    const parts = await writeManifestParts(
      this.chunkGetter(),
      { stored: base.stored, entities: base.manifest.entities },
      {
        entities: next.entities,
        version1: this.version1,
        edits: {
          ...(Object.keys(redirects).length ? { redirects } : {}),
          ...(deletions.length ? { deletions } : {}),
        },
      },
      base.manifest.segments,
      next.deleted ?? base.manifest.deleted,
    );
    return this.writeGeneration(
      {
        id,
        parts,
        counts: next.counts ?? { ...base.counts, entities: next.entities.length },
        pack: base.pack,
        held: { before: base.stored, entities: next.entities },
      },
      next.log ? { ...options, log: next.log } : options,
    );
  }

  /**
   * The models (record 0: documents without text, columns, local entity table)
   * of the given segments, checked; no text index, no text.
   * @throws Error when a segment or its model is missing.
   */
  async readSegmentModels(ids: readonly string[]): Promise<SegmentModel[]> {
    const tx = this.db.transaction(['segments', 'chunks']);
    const heads = await Promise.all(
      ids.map((s) => Promise.all([tx.objectStore('segments').get(s), tx.objectStore('chunks').get([s, MODEL_SEQ])])),
    );
    await tx.done;
    return heads.map(([record, model], i) => {
      const data = model?.data as SegmentModel | undefined;
      if (!record || model?.part !== 'model' || !data || data.id !== ids[i])
        throw new Error(`Dossier store: segment ${ids[i]}: its model is missing`);
      const counts = countsOfSegment(data);
      if (counts.documents !== record.counts.documents || counts.mentions !== record.counts.mentions)
        throw new Error(`Dossier store: segment ${ids[i]}: its model does not match its record`);
      return data;
    });
  }

  /** A segment's record and chunks, ready to write. */
  private segmentToWrite(
    model: SegmentModel,
    indexes: SegmentIndexes,
    texts: readonly string[],
    documents: readonly { id: string; title: string; text: string }[],
    key?: string,
  ): { record: SegmentRecord; chunks: ChunkRecord[] } {
    const chunks = toSegmentChunks(model, indexes, texts);
    return {
      chunks,
      record: {
        id: model.id,
        state: 'writing',
        createdAt: model.createdAt,
        counts: countsOfSegment(model),
        chunkCount: chunks.length,
        checksum: checksum(texts),
        docIds: documents.map((d) => d.id),
        titles: documents.map((d) => d.title),
        textKeys: documents.map((d) => textKey(d.text)),
        ...(key ? { textKey: key } : {}),
      },
    };
  }

  /**
   * Writes a layout-3 generation (its record, its new segment if any, its
   * manifest), re-reads what it wrote, and activates it in one transaction with
   * the edit log's change and the import's status. The caller holds the lock.
   */
  private async writeGeneration(plan: GenerationPlan, options: WriteOptions): Promise<string> {
    const { signal, onProgress } = options;
    const { id, segment } = plan;
    const { manifest } = plan.parts;
    const record: GenerationRecord = {
      id,
      layout: 3,
      state: 'writing',
      createdAt: new Date().toISOString(),
      counts: plan.counts,
      chunkCount: 1,
      checksum: checksum(manifest.segments),
      pack: plan.pack,
      segments: manifest.segments,
      layers: plan.parts.layers,
    };
    signal?.throwIfAborted();
    // Records first: a crash from here on leaves a `writing` generation that lists its segment and layers, all collected.
    const head = this.db.transaction(['generations', 'segments'], 'readwrite');
    await Promise.all([
      head.objectStore('generations').put(record),
      ...(segment ? [head.objectStore('segments').put(segment.record)] : []),
      head.done,
    ]);
    const chunks: ChunkRecord[] = [...(segment?.chunks ?? []), ...plan.parts.chunks, manifestChunk(manifest, id)];
    for (let i = 0; i < chunks.length;) {
      signal?.throwIfAborted();
      const tx = this.db.transaction('chunks', 'readwrite');
      let chars = 0;
      const puts: Promise<unknown>[] = [];
      while (i < chunks.length && (chars === 0 || chars + sizeOf(chunks[i]!) <= BATCH_BYTES)) {
        chars += sizeOf(chunks[i]!);
        puts.push(tx.store.put(chunks[i++]!));
      }
      await Promise.all([...puts, tx.done]);
      onProgress?.(i, chunks.length);
    }
    options.phases?.mark('write');
    // Re-read check of what this write added (never the old segments): complete, and it loads.
    await readManifestParts(this.chunkGetter(), record, {});
    await checkLayers(this.chunkGetter(), plan.parts.chunks);
    const names = plan.parts.names;
    if (segment) {
      const stored = await this.db.getAll('chunks', generationRange(segment.record.id));
      if (stored.length !== segment.record.chunkCount)
        throw new Error(
          `Dossier store: segment ${segment.record.id}: ${stored.length} of ${segment.record.chunkCount} records`,
        );
      const { indexes } = segmentOfStored(segment.record, stored);
      this.verify({ ...(names !== undefined ? { names } : {}), text: indexes.text });
    } else if (names !== undefined) this.verify({ names });
    signal?.throwIfAborted();
    options.phases?.mark('verify');

    // One transaction: the generation, the edit log and the import's status change together or not at all.
    const tx = this.db.transaction(['meta', 'generations', 'segments', 'edits'], 'readwrite');
    const current = await tx.objectStore('generations').get(id);
    if (!current) throw new Error(`Dossier store: generation ${id} vanished before it could be activated`);
    for (const s of manifest.segments) {
      const seg = await tx.objectStore('segments').get(s);
      if (!seg) throw new Error(`Dossier store: segment ${s} vanished before generation ${id} could be activated`);
      if (seg.state !== 'complete') await tx.objectStore('segments').put({ ...seg, state: 'complete' });
    }
    await tx.objectStore('generations').put({ ...current, state: 'complete' });
    await tx.objectStore('meta').put({ generation: id, activatedAt: new Date().toISOString() }, 'active');
    if (options.lastImport) {
      const phases = options.phases instanceof PhaseTimes ? { phases: options.phases.snapshot() } : {};
      await tx.objectStore('meta').put({ ...options.lastImport, ...phases, generation: id }, 'lastImport');
    }
    const remove = new Set(options.log?.remove ?? []);
    if (remove.size) {
      for (let cursor = await tx.objectStore('edits').openCursor(); cursor; cursor = await cursor.continue())
        if (remove.has(cursor.value.id)) await cursor.delete();
    }
    for (const entry of options.log?.append ?? []) await tx.objectStore('edits').add(entry);
    await tx.done;
    options.phases?.mark('activate');
    this.held?.wrote(plan.held.before, manifest, plan.held);
    // The new corpus is active: what follows is clean-up, and its failure is no failure of the write.
    await this.deleteGenerations((g) => g !== id).catch((error: unknown) =>
      console.warn(`Dossier store: old generations stay until the next clean-up: ${String(error)}`),
    );
    return id;
  }

  /**
   * Merges small segments of the active generation when the policy says so:
   * the first run of {@link MERGE_FACTOR} or more consecutive segments of one
   * size tier (10^k to 10^(k+1) - 1 live documents) becomes one segment
   * (`mergeSegments`: no re-extraction; tombstoned documents are dropped).
   * Writes the merged segment and a new manifest, verified and activated like
   * an append; the corpus answers the same before and after. Takes the write
   * lock only if nobody holds it (an import or edit goes first).
   * @returns the new generation's id, or null when there was nothing to merge or a writer was busy.
   */
  mergeWhenIdle(options: { signal?: AbortSignal; factor?: number } = {}): Promise<string | null> {
    return this.lock((held) => (held ? this.mergeSmallSegments(options) : Promise.resolve(null)), {
      ifAvailable: true,
    });
  }

  /** {@link mergeWhenIdle} for a caller holding the write lock. */
  async mergeSmallSegments(options: { signal?: AbortSignal; factor?: number } = {}): Promise<string | null> {
    const base = await this.readLayout();
    if (!base) return null;
    const deleted = new Set(base.stored.deleted);
    const run = pickMergeRun(
      // A subscription's segment is never merged: its next version replaces exactly it (putPackSegment).
      base.segments.map((s) => (s.source ? NaN : s.docIds.filter((d) => !deleted.has(d)).length)),
      options.factor ?? MERGE_FACTOR,
    );
    if (!run) return null;
    const chosen = base.segments.slice(run.from, run.to);
    const all = await Promise.all(chosen.map((s) => this.db.getAll('chunks', generationRange(s.id))));
    const parts = chosen.map((record, i) => {
      return { ...segmentOfStored(record, all[i]!), record };
    });
    options.signal?.throwIfAborted();
    const merged = mergeSegments(newSegmentId(), parts, { deleted, generator: base.pack.generator });
    // Texts, ids, titles and text keys are copied from where each merged document came from, not recomputed.
    const texts: string[] = [];
    const documents: { id: string; title: string; text: string }[] = [];
    const keys: string[] = [];
    merged.from.segment.forEach((s, d) => {
      const part = parts[s]!;
      const local = merged.from.local[d]!;
      texts.push(part.texts[local]!);
      documents.push({ id: part.record.docIds[local]!, title: part.record.titles[local]!, text: part.texts[local]! });
      keys.push(part.record.textKeys[local]!);
    });
    // Tombstones stay only for documents still in a segment outside the merged run.
    const elsewhere = new Set(base.segments.flatMap((seg, i) => (i >= run.from && i < run.to ? [] : seg.docIds)));
    const segments = [...base.stored.segments];
    segments.splice(run.from, run.to - run.from, merged.model.id);
    const record = this.segmentToWrite(merged.model, merged.indexes, texts, documents);
    record.record.textKeys = keys;
    // An idle moment: layers whose deltas passed half their share are folded into new bases.
    const layers = await writeManifestParts(
      this.chunkGetter(),
      { stored: base.stored },
      { idle: true, version1: this.version1 },
      segments,
      base.stored.deleted.filter((d) => elsewhere.has(d)),
    );
    return this.writeGeneration(
      {
        id: newGenerationId(),
        segment: record,
        parts: layers,
        counts: base.counts,
        pack: base.pack,
        // The merge keeps the table and state as they were (an idle compaction only re-bases them).
        held: { before: base.stored },
      },
      options.signal ? { signal: options.signal } : {},
    );
  }

  /** The edit log in the order the edits were made; entries this version cannot read are left out. */
  async readEdits(): Promise<LoggedEdit[]> {
    const stored = await this.db.getAll('edits');
    return stored.flatMap((entry) => {
      const edit = readLoggedEdit(entry);
      return edit ? [edit] : [];
    });
  }

  /**
   * Appends entries to the edit log without changing the corpus (moving a log
   * kept by an older version into the store, once). Entries already in the log
   * (same id) are skipped. Takes the write lock.
   */
  appendEdits(entries: readonly LoggedEdit[]): Promise<void> {
    return this.lock(async () => {
      const tx = this.db.transaction('edits', 'readwrite');
      const known = new Set((await tx.store.getAll()).map((e) => e.id));
      for (const entry of entries) if (!known.has(entry.id)) await tx.store.add(entry);
      await tx.done;
    });
  }

  /** The active generation's indexes, to reuse what did not change; undefined when there are none. */
  private async activeIndexes(): Promise<SearchIndexes | undefined> {
    const tx = this.db.transaction(['meta', 'generations', 'segments', 'chunks']);
    const gen = await this.activeRecord(tx.objectStore('meta'), tx.objectStore('generations'));
    let found: SearchIndexes | undefined;
    if (gen?.layout === 2) found = (await tx.objectStore('chunks').get([gen.id, INDEXES_SEQ]))?.data as SearchIndexes;
    else if (gen?.layout === 3 && gen.segments?.length === 1) {
      // One segment written by `write` keeps the fingerprint of what its text index covers.
      const seg = await tx.objectStore('segments').get(gen.segments[0]!);
      const indexes = seg?.textKey ? await tx.objectStore('chunks').get([seg.id, INDEXES_SEQ]) : undefined;
      if (seg?.textKey && indexes) {
        const head = (indexes.data as StoredSegmentIndexes).text;
        const blocks = isSplit(head)
          ? await tx.objectStore('chunks').getAll(blockRange(seg.id, seg.counts.documents, 0, head.blocks.count))
          : [];
        const text = joinTextIndex(
          head,
          blocks.map((b) => b.data),
          `Dossier store: segment ${seg.id}`,
        );
        found = { names: '', text, textKey: seg.textKey };
      }
    }
    await tx.done;
    return found;
  }

  /** {@link write} under the write lock: for edits that replace the whole corpus. */
  commit(pack: Pack, options: WriteOptions = {}): Promise<string> {
    return this.lock(() => this.write(pack, options));
  }

  /**
   * Start-up clean-up: {@link sweep} when no writer holds the lock.
   * @returns the deleted generation ids, or null when a writer was busy.
   */
  collectGarbage(): Promise<string[] | null> {
    return this.lock((held) => (held ? this.sweep() : Promise.resolve(null)), { ifAvailable: true });
  }

  /**
   * Deletes every generation that is not active (half-written ones from a crash,
   * replaced ones whose deletion was cut short) and turns a `started` last import
   * into `interrupted`. The caller must hold the write lock.
   * @returns the deleted generation ids.
   */
  async sweep(): Promise<string[]> {
    const active = (await this.readStatus()).generation;
    const removed = await this.deleteGenerations((g) => g !== active);
    await this.settleImport();
    return removed;
  }

  /**
   * Turns a `started` last import whose writer is gone into what really
   * happened: `finished` if its generation is the active one (a record from
   * before the status was written with the swap), else `interrupted` — the
   * corpus was not changed. The caller must hold the write lock.
   * @returns whether the record changed.
   */
  private async settleImport(): Promise<boolean> {
    const tx = this.db.transaction(['meta', 'generations'], 'readwrite');
    const meta = tx.objectStore('meta');
    const last = (await meta.get('lastImport')) as ImportStatus | undefined;
    if (last?.state !== 'started') {
      await tx.done;
      return false;
    }
    const active = await this.activeRecord(meta, tx.objectStore('generations'));
    const swapped = last.generation !== undefined && active?.id === last.generation;
    const endedAt = new Date().toISOString();
    await meta.put(
      swapped
        ? { ...last, state: 'finished', endedAt, total: active.counts.documents }
        : {
            ...last,
            state: 'interrupted',
            endedAt,
            error: 'The import stopped before it finished (its tab was closed, or the browser stopped it).',
          },
      'lastImport',
    );
    await tx.done;
    return true;
  }

  /** Deletes every generation and the edit log (the bundled pack answers again). Takes the write lock. */
  reset(): Promise<void> {
    return this.lock(async () => {
      // One transaction, so a crash cannot leave old generations without a pointer.
      // The edit log goes with it: restoring the bundled corpus starts afresh.
      const tx = this.db.transaction(['meta', 'generations', 'segments', 'chunks', 'edits'], 'readwrite');
      await Promise.all([
        tx.objectStore('meta').delete('active'),
        tx.objectStore('generations').clear(),
        tx.objectStore('segments').clear(),
        tx.objectStore('chunks').clear(),
        tx.objectStore('edits').clear(),
        tx.done,
      ]);
    });
  }

  /**
   * Deletes the generations `which` picks, then every segment no remaining
   * generation lists (a segment is shared by the generations listing it).
   * Each deletion is its own transaction: a crash half-way leaves only
   * unlisted segments, which the next clean-up deletes.
   */
  private async deleteGenerations(which: (id: string) => boolean): Promise<string[]> {
    const ids = (await this.db.getAllKeys('generations')).filter(which);
    for (const id of ids) {
      const tx = this.db.transaction(['generations', 'chunks'], 'readwrite');
      await Promise.all([
        tx.objectStore('generations').delete(id),
        tx.objectStore('chunks').delete(generationRange(id)),
        tx.done,
      ]);
    }
    const remaining = await this.db.getAll('generations');
    const listed = new Set(remaining.flatMap((g) => g.segments ?? []));
    for (const id of await this.db.getAllKeys('segments')) {
      if (listed.has(id)) continue;
      const tx = this.db.transaction(['segments', 'chunks'], 'readwrite');
      await Promise.all([
        tx.objectStore('chunks').delete(generationRange(id)),
        tx.objectStore('segments').delete(id),
        tx.done,
      ]);
    }
    // Layers (base and delta records of manifests, lib/store/layers.ts) no remaining generation lists.
    const layers = new Set(remaining.flatMap((g) => g.layers ?? []));
    const keys = await this.db.getAllKeys('chunks', IDBKeyRange.bound(...LAYER_RANGE));
    for (const layer of new Set(keys.map(([owner]) => owner))) {
      if (layers.has(layer)) continue;
      await this.db.delete('chunks', generationRange(layer));
    }
    return ids;
  }

  /** The persisted status of the last import, if any. */
  async lastImport(): Promise<ImportStatus | null> {
    return ((await this.db.get('meta', 'lastImport')) as ImportStatus | undefined) ?? null;
  }

  /** Records the status of the current or last import. */
  async setLastImport(status: ImportStatus): Promise<void> {
    await this.db.put('meta', status, 'lastImport');
  }

  /** Closes the connection. */
  close(): void {
    this.db.close();
  }
}

/** Rough size of a record for batching writes: bytes of a text, a fixed share for model and indexes. */
function sizeOf(chunk: ChunkRecord): number {
  return chunk.data instanceof Uint8Array ? chunk.data.length : BATCH_BYTES / 2;
}

/**
 * Which consecutive segments to merge: the first run of at least `factor`
 * neighbours in one size tier (floor(log10(documents))), the whole run. Tiers
 * keep merging logarithmic, as Lucene's log merge policy does: every document
 * is copied about once per tier, and a generation holds at most about
 * (factor - 1) segments per tier. A size of NaN (a subscription's segment) is in no
 * tier: no run includes it, and it separates the runs on either side.
 */
export function pickMergeRun(sizes: readonly number[], factor = MERGE_FACTOR): { from: number; to: number } | null {
  const tier = (n: number) => Math.floor(Math.log10(Math.max(1, n)));
  for (let from = 0; from < sizes.length;) {
    let to = from + 1;
    while (to < sizes.length && tier(sizes[to]!) === tier(sizes[from]!)) to++;
    if (to - from >= factor) return { from, to };
    from = to;
  }
  return null;
}

/**
 * What an append carries over of the edits written as manifest changes:
 * redirects (except those whose id the new table has again: that id is an
 * entity of its own now, and its old mentions read as it; lib/edits/README.md,
 * known gaps) and the tombstone deletions whose documents were not added again.
 */
function carriedEdits(
  manifest: ManifestData,
  entities: readonly Entity[],
  added: readonly PackDocument[],
): Pick<ManifestData, 'redirects' | 'deletions'> {
  const out: Pick<ManifestData, 'redirects' | 'deletions'> = {};
  if (manifest.redirects) {
    const table = new Set(entities.map((e) => e.id));
    const kept = Object.entries(manifest.redirects).filter(([from]) => !table.has(from));
    if (kept.length) out.redirects = Object.fromEntries(kept);
  }
  if (manifest.deletions) {
    const back = new Set(added.map((d) => d.id));
    const kept = manifest.deletions.filter((d) => !d.documents.some((id) => back.has(id)));
    if (kept.length) out.deletions = kept;
  }
  return out;
}
