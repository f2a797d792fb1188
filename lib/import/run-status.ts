/**
 * What became of one import run, from the store: the options page asks this
 * when its worker fails, stops or is cancelled, instead of guessing. The
 * worker writes `finished` in the transaction that activates the new corpus,
 * so a run recorded as finished did change the corpus, whatever the page saw.
 */
import type { CorpusStore } from '../store/corpus-store';
import type { ImportStatus } from '../store/types';
import type { ImportResult } from './run-import';

/** How the page saw the run end when it was not told `done`. */
export type RunEnd = { how: 'cancelled' } | { how: 'failed'; message: string };

/**
 * Settles the run `runId` once its worker is gone: waits for the write lock (a
 * stopped worker releases it), and turns a record still `started` into what
 * happened — `finished` when its corpus is the active one, else `cancelled` or
 * `failed` as the page saw it (the corpus is unchanged then).
 * @returns the run's final record, or null when the run never started writing
 *   (it was stopped while waiting for another change to finish).
 */
export function settleRun(store: CorpusStore, runId: string, end: RunEnd): Promise<ImportStatus | null> {
  return store.withWriteLock(async () => {
    let last = await store.lastImport();
    if (last?.runId !== runId) return null;
    if (last.state !== 'started') return last;
    await store.sweep(); // drops the half-written generation; `finished` if the swap had been made
    last = (await store.lastImport())!;
    if (last.state === 'interrupted') {
      const { error: _error, ...rest } = last;
      last =
        end.how === 'cancelled' ? { ...rest, state: 'cancelled' } : { ...rest, state: 'failed', error: end.message };
      await store.setLastImport(last);
    }
    return last;
  });
}

/** The result of a finished run, as the worker would have reported it. */
export function resultOfStatus(status: ImportStatus): ImportResult | null {
  if (status.state !== 'finished' || !status.generation) return null;
  return {
    generation: status.generation,
    added: status.added ?? 0,
    skipped: status.skippedReasons ?? [],
    total: status.total ?? 0,
    ms: status.ms ?? 0,
  };
}

/** How a streamed run (lib/import/stream-run.ts) ended, from the store. */
export interface StreamRunEnd {
  /** The run's final record, or null when it never started writing. */
  status: ImportStatus | null;
  /** Articles of its files in the corpus. */
  added: number;
  /** Whether every batch was committed (the run had finished when it was stopped). */
  complete: boolean;
}

/**
 * {@link settleRun} for a streamed run: also turns a record that says its
 * last committed batch `finished` (the run was stopped between two batches)
 * into what the run as a whole did — `cancelled` or `failed`, with the count
 * of articles its batches added.
 */
export async function settleStreamRun(store: CorpusStore, runId: string, end: RunEnd): Promise<StreamRunEnd> {
  const status = await settleRun(store, runId, end);
  if (!status) return { status: null, added: 0, complete: false };
  const added = addedByRun(status);
  const complete = status.state === 'finished' && status.stream?.more === false;
  if (complete || !status.stream || status.state !== 'finished') return { status, added, complete };
  return store.withWriteLock(async () => {
    const last = await store.lastImport();
    if (last?.runId !== runId || last.state !== 'finished' || last.stream?.more !== true)
      return { status: last, added, complete: false };
    const { added: _added, skipped: _skipped, skippedReasons: _r, total: _t, ms: _ms, ...rest } = last;
    const stopped: ImportStatus = {
      ...rest,
      state: end.how,
      endedAt: new Date().toISOString(),
      ...(end.how === 'failed' ? { error: end.message } : {}),
      stream: { ...last.stream, addedBefore: added, skippedBefore: last.stream.skippedBefore + (last.skipped ?? 0) },
    };
    await store.setLastImport(stopped);
    return { status: stopped, added, complete: false };
  });
}

/** Articles a streamed run had added when `status` was written (for a record without `stream`: its `added`). */
export function addedByRun(status: ImportStatus): number {
  const now = status.state === 'finished' ? (status.added ?? 0) : 0;
  return status.stream ? status.stream.addedBefore + now : now;
}
