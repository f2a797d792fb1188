/**
 * Messages between the options page and the import worker. The page sends one
 * `start` (articles and packs it has read) or one `stream` (files the worker
 * reads itself, batch by batch); the worker answers with progress and exactly
 * one `done` or `failed`. Cancelling is `worker.terminate()`: extraction is one
 * synchronous step that no message could interrupt, a terminated worker
 * releases the write lock, and a batch cut short leaves no trace (the store
 * keeps the previous generation).
 */
import type { ImportBatch } from './merge';
import type { ImportProgress, ImportResult } from './run-import';
import type { StreamProgress } from './stream-run';

/** Page → worker: import what the page read. */
export interface StartImport {
  type: 'start';
  batch: ImportBatch;
  /** Names the run in the recorded status (the worker reads the edit log from the store itself). */
  runId: string;
}

/** Page → worker: import `.jsonl`/`.jsonl.gz` files as streams (after `batch`, the review list, if any). */
export interface StartStreamImport {
  type: 'stream';
  files: File[];
  batch: ImportBatch;
  runId: string;
}

/**
 * Page → worker: read the active corpus's entity table and extraction state now, while the user is
 * still choosing what to import, and hold them (lib/store/held-parts.ts), so the first import of the
 * page reads neither. Takes no lock and writes nothing; an import started meanwhile waits for it.
 */
export interface WarmWorker {
  type: 'warm';
}

/** Worker → page. */
export type WorkerReply =
  /** The warm-up read ended: `ms` it took, or why it failed (the import then reads for itself). */
  | { type: 'warmed'; ms: number; error?: string }
  | { type: 'progress'; progress: ImportProgress; stream?: StreamProgress }
  | { type: 'generation'; generation: string }
  | { type: 'done'; result: ImportResult }
  /** `added`: for a stream, the articles its committed batches added before the failure. */
  | { type: 'failed'; message: string; added?: number };
