/**
 * Starts the import worker from the options page and turns its messages into
 * an {@link ImportRun}. Cancelling terminates the worker (extraction is one
 * synchronous step), then records the import as cancelled — unless the worker
 * had already swapped the corpus, which the store's status tells.
 */
import type { Edit } from '../../edits/types';
import type { ImportBatch } from '../../import/merge';
import type { ImportProgress, ImportResult } from '../../import/run-import';
import type { StartImport, WorkerReply } from '../../import/worker-messages';
import { CorpusStore } from '../../store/corpus-store';
import type { ImportRun } from './import-model';

/** Runs `batch` in a new worker; `edits` is the user's edit log, applied again after extraction. */
export function startImportWorker(
  batch: ImportBatch,
  edits: Edit[],
  onProgress: (p: ImportProgress) => void,
): ImportRun {
  // Vite bundles the worker as its own module chunk from this exact pattern.
  const worker = new Worker(new URL('../../import/worker.ts', import.meta.url), { type: 'module' });
  let generation: string | undefined;
  let settle: { resolve: (r: ImportResult) => void; reject: (e: Error) => void } | undefined;
  const done = new Promise<ImportResult>((resolve, reject) => (settle = { resolve, reject }));
  worker.addEventListener('message', (event: MessageEvent<WorkerReply>) => {
    const m = event.data;
    if (m.type === 'progress') onProgress(m.progress);
    else if (m.type === 'generation') generation = m.generation;
    else {
      worker.terminate();
      if (m.type === 'done') settle?.resolve(m.result);
      else settle?.reject(new Error(m.message));
    }
  });
  worker.addEventListener('error', (event) => {
    worker.terminate();
    settle?.reject(new Error(`the import worker stopped: ${event.message || 'unknown error'}`));
  });
  const start: StartImport = { type: 'start', batch, edits };
  worker.postMessage(start);
  return {
    done,
    async cancel() {
      worker.terminate();
      settle?.reject(new Error('cancelled'));
      const store = await CorpusStore.open();
      try {
        return await store.withWriteLock(async () => {
          const status = await store.status();
          const swapped = generation !== undefined && status.generation === generation;
          const last = status.lastImport;
          if (!swapped && last?.state === 'started') {
            await store.sweep(); // the half-written generation goes now
            await store.setLastImport({ ...last, state: 'cancelled', endedAt: new Date().toISOString() });
          }
          return swapped;
        });
      } finally {
        store.close();
      }
    },
  };
}
