/**
 * The corpus store: generations of the corpus in IndexedDB, one of them
 * active. Writers add a whole new generation, verify it by reading it back,
 * and flip the `active` pointer in one transaction; readers only ever see a
 * complete, verified generation. See lib/store/README.md.
 */
import { readLoggedEdit, type LoggedEdit } from '../edits/types';
import { compactPack, expandModel, type CorpusModel } from '../pack/model';
import { packFileOfModel, toPackFile } from '../pack/file';
import type { Pack, PackFile } from '../pack/types';
import type { CorpusParts, TextSource } from '../query/corpus-query';
import { buildSearchIndexes, loadNamesIndex, type SearchIndexes } from '../search/records';
import { asTextSearcher } from '../search/text-index';
import {
  checkHead,
  checkTexts,
  checksum,
  countsOfModel,
  fromLegacyChunks,
  INDEXES_SEQ,
  MODEL_SEQ,
  textOfRecord,
  textSeq,
  toChunks,
} from './chunks';
import { generationRange, openCorpusDatabase, type ActivePointer, type CorpusDatabase } from './db';
import { webLock, type LockRunner } from './lock';
import type { ChunkRecord, GenerationRecord, ImportStatus, StoreStatus } from './types';

/** A stored corpus as the service worker reads it: model and indexes now, texts when asked. */
export type StoredCorpus = Pick<CorpusParts, 'model' | 'indexes'>;

/** Options of {@link CorpusStore.open}. */
export interface CorpusStoreOptions {
  /** Database name (default `dossier-corpus`); tests use their own. */
  name?: string;
  /** Writer lock (default: Web Locks, else an in-process lock). */
  lock?: LockRunner;
  /** Extra check of a re-read corpus before it may become active (default: both indexes load). */
  verify?: (corpus: StoredCorpus) => void;
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

function defaultVerify({ indexes }: StoredCorpus): void {
  loadNamesIndex(indexes.names);
  asTextSearcher(indexes.text);
}

function newGenerationId(): string {
  return `g-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/** Persistent, versioned corpus storage. Create with {@link CorpusStore.open}. */
export class CorpusStore {
  private constructor(
    private readonly db: CorpusDatabase,
    private readonly lock: LockRunner,
    private readonly verify: (corpus: StoredCorpus) => void,
  ) {}

  /**
   * Opens the store.
   * @throws Error when IndexedDB cannot be opened.
   */
  static async open(options: CorpusStoreOptions = {}): Promise<CorpusStore> {
    const db = await openCorpusDatabase(options.name);
    return new CorpusStore(db, options.lock ?? webLock(), options.verify ?? defaultVerify);
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
    const tx = this.db.transaction(['meta', 'generations', 'chunks']);
    const gen = await this.activeRecord(tx.objectStore('meta'), tx.objectStore('generations'));
    if (!gen) return null;
    const chunks = await tx.objectStore('chunks').getAll(generationRange(gen.id));
    await tx.done;
    if (gen.layout !== 2) return { generation: gen.id, legacy: fromLegacyChunks(gen, chunks) };
    const { model } = checkHead(gen, chunks[MODEL_SEQ], chunks[INDEXES_SEQ]);
    return { generation: gen.id, model, texts: checkTexts(gen, chunks.slice(textSeq(0))) };
  }

  /**
   * The active corpus for answering, or null when the store holds none: reads
   * the model and the indexes, and hands a text source that reads documents
   * when asked. A corpus stored in the first layout is rewritten first.
   * @throws Error when the active generation fails its check.
   */
  async openActive(): Promise<{ generation: string; parts: CorpusParts } | null> {
    const tx = this.db.transaction(['meta', 'generations', 'chunks']);
    const gen = await this.activeRecord(tx.objectStore('meta'), tx.objectStore('generations'));
    if (!gen) return null;
    if (gen.layout !== 2) {
      await tx.done;
      await this.migrate(gen.id);
      return this.openActive();
    }
    const [model, indexes] = await Promise.all([
      tx.objectStore('chunks').get([gen.id, MODEL_SEQ]),
      tx.objectStore('chunks').get([gen.id, INDEXES_SEQ]),
    ]);
    await tx.done;
    const head = checkHead(gen, model, indexes);
    return { generation: gen.id, parts: { ...head, texts: this.textSource(gen.id) } };
  }

  /** Rewrites a layout-1 generation in layout 2 (under the write lock, unless another writer already did). */
  private migrate(generation: string): Promise<void> {
    return this.lock(async () => {
      const active = await this.readActive();
      if (active?.generation === generation) await this.write(active.pack);
    });
  }

  /** Reads texts of `generation` by document number, keeping the last few in memory. */
  private textSource(generation: string): TextSource {
    const cache = new Map<number, string>();
    return async (docs) => {
      const missing = docs.filter((d) => !cache.has(d));
      if (missing.length) {
        const tx = this.db.transaction('chunks');
        const records = await Promise.all(missing.map((d) => tx.store.get([generation, textSeq(d)])));
        await tx.done;
        records.forEach((r, i) => {
          const text = textOfRecord(r?.data);
          if (text === undefined)
            throw new Error(`Dossier store: generation ${generation} has no text ${missing[i]} (replaced meanwhile?)`);
          cache.set(missing[i]!, text);
        });
      }
      const texts = docs.map((d) => {
        const text = cache.get(d)!;
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
   * Writes `pack` as a new generation, re-reads and verifies it, makes it active in
   * one transaction and deletes the generations it replaces. The caller must hold
   * the write lock ({@link withWriteLock}); use {@link commit} otherwise.
   * @returns the new generation's id.
   * @throws Error (or the signal's reason) when writing or verifying fails; the
   *   previous generation then stays active and the half-written one is left for
   *   {@link collectGarbage}.
   */
  async write(pack: Pack, options: WriteOptions = {}): Promise<string> {
    const { signal, onProgress } = options;
    const id = newGenerationId();
    options.onGeneration?.(id);
    const model = compactPack(pack);
    const texts = pack.documents.map((d) => d.text);
    const indexes = buildSearchIndexes(model, (n) => texts[n]!, await this.activeIndexes());
    const chunks = toChunks(id, model, indexes, texts);
    const record: GenerationRecord = {
      id,
      layout: 2,
      state: 'writing',
      createdAt: new Date().toISOString(),
      counts: countsOfModel(model),
      chunkCount: chunks.length,
      checksum: checksum(texts),
      pack: { createdAt: pack.createdAt, generator: pack.generator },
    };
    signal?.throwIfAborted();
    await this.db.put('generations', record);
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
    // Re-read check: what is on disk must be complete and load before it may answer.
    const stored = await this.db.getAll('chunks', generationRange(id));
    if (stored.length !== record.chunkCount)
      throw new Error(`Dossier store: generation ${id}: ${stored.length} of ${record.chunkCount} records`);
    this.verify(checkHead(record, stored[MODEL_SEQ], stored[INDEXES_SEQ]));
    checkTexts(record, stored.slice(textSeq(0)));
    signal?.throwIfAborted();

    // One transaction: the generation, the edit log and the import's status change together or not at all.
    const tx = this.db.transaction(['meta', 'generations', 'edits'], 'readwrite');
    const current = await tx.objectStore('generations').get(id);
    if (!current) throw new Error(`Dossier store: generation ${id} vanished before it could be activated`);
    await tx.objectStore('generations').put({ ...current, state: 'complete' });
    await tx.objectStore('meta').put({ generation: id, activatedAt: new Date().toISOString() }, 'active');
    if (options.lastImport) await tx.objectStore('meta').put({ ...options.lastImport, generation: id }, 'lastImport');
    const remove = new Set(options.log?.remove ?? []);
    if (remove.size) {
      for (let cursor = await tx.objectStore('edits').openCursor(); cursor; cursor = await cursor.continue())
        if (remove.has(cursor.value.id)) await cursor.delete();
    }
    for (const entry of options.log?.append ?? []) await tx.objectStore('edits').add(entry);
    await tx.done;
    // The new corpus is active: what follows is clean-up, and its failure is no failure of the write.
    await this.deleteGenerations((g) => g !== id).catch((error: unknown) =>
      console.warn(`Dossier store: old generations stay until the next clean-up: ${String(error)}`),
    );
    return id;
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
    const tx = this.db.transaction(['meta', 'generations', 'chunks']);
    const gen = await this.activeRecord(tx.objectStore('meta'), tx.objectStore('generations'));
    const record = gen?.layout === 2 ? await tx.objectStore('chunks').get([gen.id, INDEXES_SEQ]) : undefined;
    await tx.done;
    return record?.data as SearchIndexes | undefined;
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
      const tx = this.db.transaction(['meta', 'generations', 'chunks', 'edits'], 'readwrite');
      await Promise.all([
        tx.objectStore('meta').delete('active'),
        tx.objectStore('generations').clear(),
        tx.objectStore('chunks').clear(),
        tx.objectStore('edits').clear(),
        tx.done,
      ]);
    });
  }

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
