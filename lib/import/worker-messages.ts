/**
 * Messages between the options page and the import worker. The page sends one
 * `start`; the worker answers with progress and exactly one `done` or `failed`.
 * Cancelling is `worker.terminate()`: extraction is one synchronous step that
 * no message could interrupt, and a terminated worker releases the write lock.
 */
import type { ImportBatch } from './merge';
import type { ImportProgress, ImportResult } from './run-import';

/** Page → worker. */
export interface StartImport {
  type: 'start';
  batch: ImportBatch;
  /** Names the run in the recorded status (the worker reads the edit log from the store itself). */
  runId: string;
}

/** Worker → page. */
export type WorkerReply =
  | { type: 'progress'; progress: ImportProgress }
  | { type: 'generation'; generation: string }
  | { type: 'done'; result: ImportResult }
  | { type: 'failed'; message: string };
