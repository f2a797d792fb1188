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
