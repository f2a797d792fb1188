/**
 * Starts the import worker from the options page and turns its messages into
 * an {@link ImportRun}. Cancelling terminates the worker (extraction is one
 * synchronous step). Whenever the worker does not say `done` — it failed, it
 * stopped, it was cancelled — the outcome is read from the store
 * (lib/import/run-status.ts): an import that had already swapped the corpus
 * is reported as done, never as "unchanged".
 */
import type { ImportBatch } from '../../import/merge';
import type { ImportProgress, ImportResult } from '../../import/run-import';
import { resultOfStatus, settleRun, type RunEnd } from '../../import/run-status';
import type { StartImport, WorkerReply } from '../../import/worker-messages';
import { CorpusStore } from '../../store/corpus-store';
import type { ImportStatus } from '../../store/types';
import type { ImportRun } from './import-model';

async function settle(runId: string, end: RunEnd): Promise<ImportStatus | null> {
  const store = await CorpusStore.open();
  try {
    return await settleRun(store, runId, end);
  } finally {
    store.close();
  }
}

/** Runs `batch` in a new worker (which applies the user's edit log from the store). */
export function startImportWorker(batch: ImportBatch, onProgress: (p: ImportProgress) => void): ImportRun {
  const runId = `r-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  // Vite bundles the worker as its own module chunk from this exact pattern.
  const worker = new Worker(new URL('../../import/worker.ts', import.meta.url), { type: 'module' });
  let ended = false;
  let settle_: { resolve: (r: ImportResult) => void; reject: (e: Error) => void } | undefined;
  const done = new Promise<ImportResult>((resolve, reject) => (settle_ = { resolve, reject }));
  /** The worker ended without `done`: the store says whether its corpus is active. */
  const fail = (message: string) => {
    if (ended) return;
    ended = true;
    worker.terminate();
    settle(runId, { how: 'failed', message })
      .then((status) => {
        const result = status && resultOfStatus(status);
        if (result) settle_?.resolve(result);
        else settle_?.reject(new Error(status?.error ?? message));
      })
      .catch(() => settle_?.reject(new Error(message)));
  };
  worker.addEventListener('message', (event: MessageEvent<WorkerReply>) => {
    const m = event.data;
    if (m.type === 'progress') onProgress(m.progress);
    else if (m.type === 'done') {
      if (ended) return;
      ended = true;
      worker.terminate();
      settle_?.resolve(m.result);
    } else if (m.type === 'failed') fail(m.message);
  });
  worker.addEventListener('error', (event) => fail(`the import worker stopped: ${event.message || 'unknown error'}`));
  const start: StartImport = { type: 'start', batch, runId };
  worker.postMessage(start);
  return {
    done,
    async cancel() {
      if (ended) return false;
      ended = true;
      worker.terminate();
      settle_?.reject(new Error('cancelled'));
      const status = await settle(runId, { how: 'cancelled' });
      return status?.state === 'finished';
    },
  };
}
