/**
 * A small pool of extraction workers for the streamed import (issue #14): each batch's
 * per-document passes run on `navigator.hardwareConcurrency` workers (at most
 * {@link MAX_EXTRACT_WORKERS}), one slice of the batch each, and the corpus-wide steps in the
 * import worker between them (lib/import/extract-shards.ts). The result is the same as
 * {@link extractIncrement} in one thread, byte for byte.
 *
 * Memory stays bounded: one batch is in flight (the stream reader waits for its commit), and
 * each worker holds only its slice's analysed structure until the batch's last pass.
 * Cancelling ends the import worker, and with it the workers it started.
 *
 * Where workers cannot start (no `Worker` in the import worker's scope, a browser that refuses
 * nested workers, a worker that fails), the pool extracts in the calling thread from then on:
 * slower, same result. Small batches (a pasted article) are always extracted in the calling
 * thread: starting workers and copying the batch would cost more than they save.
 */
import type { CapitalizationCounts } from '../corpus/capitalization';
import type { NameOcc } from '../corpus/clustering';
import type { LinkReply } from '../corpus/extract';
import { extractIncrement, type ExtractionState, type IncrementResult } from '../corpus/increment';
import { defaultLexicon } from '../corpus/lexicon';
import type { Lexicon, SourceDocument } from '../corpus/types';
import type { Entity } from '../pack/types';
import { PhaseTimes } from '../store/phase-times';
import { extractInShards, type ExtractShard, type ShardAnalysis, type ShardLinkRequest } from './extract-shards';

/** Workers at most, whatever the machine has: the corpus-wide steps between the passes run in one thread anyway. */
export const MAX_EXTRACT_WORKERS = 4;
/** Batches with less text (UTF-16 units) are extracted in the calling thread. */
export const POOL_MIN_CHARS = 200_000;
/** How long a worker may take to start before the pool gives up on workers. */
export const WORKER_READY_MS = 20_000;

/** What the import worker asks an extraction worker. */
export type ShardCall =
  | { pass: 'analyse'; docs: SourceDocument[]; offset: number; collectTokens: boolean }
  | { pass: 'names'; counts: CapitalizationCounts }
  | { pass: 'link'; link: ShardLinkRequest }
  | { pass: 'release' };

/** Import worker → extraction worker: a call, numbered. */
export type ShardRequest = ShardCall & { id: number };

/** Extraction worker → import worker: the answer to request `id` (0: the worker is ready). */
export type ShardReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; message: string };

/** The part of a Worker the pool uses (a test may pass its own). */
export interface WorkerLike {
  postMessage(message: unknown): void;
  terminate(): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<ShardReply>) => void): void;
  addEventListener(type: 'error', listener: (event: ErrorEvent | Event) => void): void;
}

/** The number of workers for this machine: its hardware threads, 1 to {@link MAX_EXTRACT_WORKERS}. */
export function poolSize(hardwareConcurrency: number | undefined): number {
  return Math.max(1, Math.min(MAX_EXTRACT_WORKERS, Math.floor(hardwareConcurrency ?? 1) || 1));
}

/** One extraction worker as an {@link ExtractShard}: requests numbered, answers matched, errors rejected. */
class WorkerShard implements ExtractShard {
  private next = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private dead: Error | undefined;
  readonly ready: Promise<void>;

  constructor(
    private readonly worker: WorkerLike,
    readyMs: number,
  ) {
    let started: { resolve: () => void; reject: (e: Error) => void };
    this.ready = new Promise<void>((resolve, reject) => (started = { resolve, reject }));
    const timer = setTimeout(
      () => started.reject(new Error(`an extraction worker did not start in ${readyMs / 1000} s`)),
      readyMs,
    );
    worker.addEventListener('message', (event) => {
      const reply = event.data;
      if (reply.id === 0) {
        clearTimeout(timer);
        started.resolve();
        return;
      }
      const p = this.pending.get(reply.id);
      if (!p) return;
      this.pending.delete(reply.id);
      if (reply.ok) p.resolve(reply.value);
      else p.reject(new Error(`extraction worker: ${reply.message}`));
    });
    worker.addEventListener('error', (event) => {
      const message = 'message' in event && event.message ? event.message : 'it could not run';
      this.dead = new Error(`extraction worker failed: ${message}`);
      clearTimeout(timer);
      started.reject(this.dead);
      for (const p of this.pending.values()) p.reject(this.dead);
      this.pending.clear();
    });
  }

  private call<T>(request: ShardCall): Promise<T> {
    if (this.dead) return Promise.reject(this.dead);
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ ...request, id });
    });
  }

  analyse(docs: SourceDocument[], offset: number, collectTokens: boolean): Promise<ShardAnalysis> {
    return this.call({ pass: 'analyse', docs, offset, collectTokens });
  }
  names(counts: CapitalizationCounts): Promise<NameOcc[]> {
    return this.call({ pass: 'names', counts });
  }
  link(link: ShardLinkRequest): Promise<LinkReply> {
    return this.call({ pass: 'link', link });
  }
  release(): void {
    if (!this.dead) this.worker.postMessage({ pass: 'release', id: this.next++ });
  }
  terminate(): void {
    this.dead ??= new Error('extraction worker ended');
    this.worker.terminate();
  }
}

/** Options of {@link ExtractPool}. */
export interface ExtractPoolOptions {
  /** Workers; default {@link poolSize} of `navigator.hardwareConcurrency`. Below 2, no worker is started. */
  size?: number;
  /** Starts one worker; default the bundled lib/import/extract-worker.ts. */
  create?: () => WorkerLike;
  /** Default {@link POOL_MIN_CHARS}. */
  minChars?: number;
  /** Default {@link WORKER_READY_MS}. */
  readyMs?: number;
}

const bundledWorker = (): WorkerLike =>
  // Vite bundles the worker as its own chunk from this exact pattern (as lib/ui/import/import-worker.ts does).
  new Worker(new URL('./extract-worker.ts', import.meta.url), { type: 'module' });

/** The extraction of a streamed import's batches, on workers where it can (see the module comment). */
export class ExtractPool {
  readonly size: number;
  private shards: WorkerShard[] | undefined;
  private why: string | undefined;
  private readonly create: () => WorkerLike;
  private readonly minChars: number;
  private readonly readyMs: number;
  private readonly times = new PhaseTimes();

  constructor(options: ExtractPoolOptions = {}) {
    this.size = options.size ?? poolSize(globalThis.navigator?.hardwareConcurrency);
    this.create = options.create ?? bundledWorker;
    this.minChars = options.minChars ?? POOL_MIN_CHARS;
    this.readyMs = options.readyMs ?? WORKER_READY_MS;
    if (this.size < 2) this.why = 'one hardware thread';
    else if (!options.create && typeof Worker === 'undefined') this.why = 'no Worker in this scope';
  }

  /** Why batches are extracted in the calling thread (undefined while workers are used). */
  get fallback(): string | undefined {
    return this.why;
  }

  /**
   * ms spent so far in the batches extracted on workers: `extract.serial` (the corpus-wide steps, in
   * this thread) and `extract.analyse` / `.names` / `.link` (waiting on the workers' passes).
   */
  phases(): Record<string, number> {
    return this.times.snapshot();
  }

  /** Whether {@link extract} would run these documents' passes on workers (else it extracts in this thread). */
  usesWorkers(docs: readonly SourceDocument[], lexicon: Lexicon): boolean {
    const chars = docs.reduce((n, d) => n + d.text.length, 0);
    // The workers know only the bundled lexicon.
    return !this.why && lexicon === defaultLexicon && chars >= this.minChars && docs.length >= 2;
  }

  /** {@link extractIncrement} of one batch, by the workers when the batch is large enough. */
  async extract(
    docs: SourceDocument[],
    lexicon: Lexicon,
    entities: readonly Entity[],
    state: ExtractionState,
  ): Promise<IncrementResult> {
    if (!this.usesWorkers(docs, lexicon)) return extractIncrement(docs, lexicon, entities, state);
    try {
      const shards = await this.start();
      this.times.skip();
      return await extractInShards(docs, lexicon, entities, state, shards, this.times);
    } catch (error) {
      // Workers cannot be relied on here: this batch and the next ones are extracted in this thread.
      this.why = error instanceof Error ? error.message : String(error);
      this.terminate();
      console.warn(`Dossier import: extracting without workers (${this.why})`);
      return extractIncrement(docs, lexicon, entities, state);
    }
  }

  /** Ends the workers (the next large batch starts them again unless the pool fell back). */
  terminate(): void {
    for (const s of this.shards ?? []) s.terminate();
    this.shards = undefined;
  }

  private async start(): Promise<WorkerShard[]> {
    if (this.shards) return this.shards;
    const shards: WorkerShard[] = [];
    try {
      for (let i = 0; i < this.size; i++) shards.push(new WorkerShard(this.create(), this.readyMs));
      await Promise.all(shards.map((s) => s.ready));
    } catch (error) {
      for (const s of shards) s.terminate();
      throw error;
    }
    this.shards = shards;
    // Says which path ran (the Firefox smoke test reads it): one line per import run.
    // eslint-disable-next-line no-console
    console.info(`Dossier import: extracting on ${shards.length} workers`);
    return shards;
  }
}
