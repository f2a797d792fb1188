/**
 * The corpus store: generations of the corpus in IndexedDB, one of them
 * active. Writers add a whole new generation, verify it by reading it back,
 * and flip the `active` pointer in one transaction; readers only ever see a
 * complete, verified generation. See lib/store/README.md.
 */
import type { Pack } from '../pack/types';
import { checksum, countsOf, fromChunks, toChunks } from './chunks';
import { generationRange, openCorpusDatabase, type ActivePointer, type CorpusDatabase } from './db';
import { webLock, type LockRunner } from './lock';
import type { GenerationRecord, ImportStatus, StoreStatus } from './types';
import { loadSearchIndex } from '../search/records';

/** Options of {@link CorpusStore.open}. */
export interface CorpusStoreOptions {
  /** Database name (default `dossier-corpus`); tests use their own. */
  name?: string;
  /** Writer lock (default: Web Locks, else an in-process lock). */
  lock?: LockRunner;
  /** Extra check of a re-read pack before it may become active (default: the index loads). */
  verify?: (pack: Pack) => void;
}

/** Options of {@link CorpusStore.write}. */
export interface WriteOptions {
  /** Aborting stops the write between chunk batches; the old generation stays active. */
  signal?: AbortSignal;
  /** Called with the new generation's id before anything is written. */
  onGeneration?: (generation: string) => void;
  /** Chunk progress: `done` of `total` chunks written. */
  onProgress?: (done: number, total: number) => void;
}

/** Characters of chunk data per write transaction. */
const BATCH_CHARS = 8_000_000;

function defaultVerify(pack: Pack): void {
  loadSearchIndex(pack.index);
}

function newGenerationId(): string {
  return `g-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/** Persistent, versioned corpus storage. Create with {@link CorpusStore.open}. */
export class CorpusStore {
  private constructor(
    private readonly db: CorpusDatabase,
    private readonly lock: LockRunner,
    private readonly verify: (pack: Pack) => void,
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
   * The active corpus, or null when the store holds none (the bundled pack answers then).
   * @throws Error when the active generation fails its re-read check.
   */
  async readActive(): Promise<{ generation: string; pack: Pack } | null> {
    const tx = this.db.transaction(['meta', 'generations', 'chunks']);
    const gen = await this.activeRecord(tx.objectStore('meta'), tx.objectStore('generations'));
    if (!gen) return null;
    const chunks = await tx.objectStore('chunks').getAll(generationRange(gen.id));
    await tx.done;
    return { generation: gen.id, pack: fromChunks(gen, chunks) };
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

  /** Active generation, counts and the last import, without loading the corpus. */
  async status(): Promise<StoreStatus> {
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
    const chunks = toChunks(pack, id);
    const record: GenerationRecord = {
      id,
      state: 'writing',
      createdAt: new Date().toISOString(),
      counts: countsOf(pack),
      chunkCount: chunks.length,
      checksum: checksum(chunks.map((c) => c.data)),
      pack: { createdAt: pack.createdAt, generator: pack.generator },
    };
    signal?.throwIfAborted();
    await this.db.put('generations', record);
    for (let i = 0; i < chunks.length;) {
      signal?.throwIfAborted();
      const tx = this.db.transaction('chunks', 'readwrite');
      let chars = 0;
      const puts: Promise<unknown>[] = [];
      while (i < chunks.length && (chars === 0 || chars + chunks[i]!.data.length <= BATCH_CHARS)) {
        chars += chunks[i]!.data.length;
        puts.push(tx.store.put(chunks[i++]!));
      }
      await Promise.all([...puts, tx.done]);
      onProgress?.(i, chunks.length);
    }
    // Re-read check: what is on disk must reassemble and load before it may answer.
    const stored = await this.db.getAll('chunks', generationRange(id));
    this.verify(fromChunks(record, stored));
    signal?.throwIfAborted();

    const tx = this.db.transaction(['meta', 'generations'], 'readwrite');
    const current = await tx.objectStore('generations').get(id);
    if (!current) throw new Error(`Dossier store: generation ${id} vanished before it could be activated`);
    await tx.objectStore('generations').put({ ...current, state: 'complete' });
    await tx.objectStore('meta').put({ generation: id, activatedAt: new Date().toISOString() }, 'active');
    await tx.done;
    await this.deleteGenerations((g) => g !== id);
    return id;
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
    const active = (await this.status()).generation;
    const removed = await this.deleteGenerations((g) => g !== active);
    const last = await this.lastImport();
    if (last?.state === 'started') {
      await this.setLastImport({
        ...last,
        state: 'interrupted',
        endedAt: new Date().toISOString(),
        error: 'The import stopped before it finished (the options tab was closed or the browser quit).',
      });
    }
    return removed;
  }

  /** Deletes every generation (the bundled pack answers again). Takes the write lock. */
  reset(): Promise<void> {
    return this.lock(async () => {
      // One transaction, so a crash cannot leave old generations without a pointer.
      const tx = this.db.transaction(['meta', 'generations', 'chunks'], 'readwrite');
      await Promise.all([
        tx.objectStore('meta').delete('active'),
        tx.objectStore('generations').clear(),
        tx.objectStore('chunks').clear(),
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
