/**
 * Starts the import worker from the options page and turns its messages into
 * an {@link ImportRun}. A worker whose import ended `done` is kept for the
 * next import ({@link KEEP_WORKER_MS} idle): it holds the entity table and
 * extraction state it wrote. Cancelling terminates the worker (extraction is one
 * synchronous step; a batch cut short leaves no trace). Whenever the worker
 * does not say `done` — it failed, it stopped, it was cancelled — the outcome
 * is read from the store (lib/import/run-status.ts): an import that had
 * already swapped the corpus is reported as done, never as "unchanged", and a
 * streamed import says how many of its articles its committed batches added.
 */
import type { ImportBatch } from '../../import/merge';
import type { ImportProgress, ImportResult } from '../../import/run-import';
import { resultOfStatus, settleRun, settleStreamRun, type RunEnd, type StreamRunEnd } from '../../import/run-status';
import type { StreamProgress } from '../../import/stream-run';
import type { StartImport, StartStreamImport, WarmWorker, WorkerReply } from '../../import/worker-messages';
import { CorpusStore } from '../../store/corpus-store';
import type { ImportRun, StreamRun } from './import-model';

async function withStore<T>(fn: (store: CorpusStore) => Promise<T>): Promise<T> {
  const store = await CorpusStore.open();
  try {
    return await fn(store);
  } finally {
    store.close();
  }
}

/** How a run ended when the worker did not say `done`, read from the store. */
async function settle(runId: string, end: RunEnd, streamed: boolean): Promise<StreamRunEnd> {
  return withStore(async (store) => {
    if (streamed) return settleStreamRun(store, runId, end);
    const status = await settleRun(store, runId, end);
    const complete = status?.state === 'finished';
    return { status, added: complete ? (status.added ?? 0) : 0, complete };
  });
}

/** An error for the page: the message, and for a stream the articles added before the stop. */
function runError(message: string, added: number): Error {
  return Object.assign(new Error(message), { added });
}

/** How long an idle import worker is kept (it holds the corpus's entity table and extraction state in memory). */
export const KEEP_WORKER_MS = 10 * 60_000;

/**
 * The worker of the last import that ended `done`, kept for the next one while this page is
 * open: it holds the entity table and extraction state that import wrote, so the next import
 * reads neither from the store unless another writer changed them (lib/store/held-parts.ts).
 */
let kept: { worker: Worker; timer: ReturnType<typeof setTimeout> } | undefined;

/** Imports of this page in progress (started and not yet ended). */
let running = 0;

function takeWorker(): Worker {
  if (kept) {
    const { worker, timer } = kept;
    clearTimeout(timer);
    kept = undefined;
    return worker;
  }
  // Vite bundles the worker as its own module chunk from this exact pattern.
  return new Worker(new URL('../../import/worker.ts', import.meta.url), { type: 'module' });
}

function keepWorker(worker: Worker): void {
  if (kept) {
    clearTimeout(kept.timer);
    kept.worker.terminate();
  }
  const timer = setTimeout(() => {
    if (kept?.worker === worker) kept = undefined;
    worker.terminate();
  }, KEEP_WORKER_MS);
  kept = { worker, timer };
}

/**
 * Starts the import worker ahead of the first import and has it read the corpus's entity table and
 * extraction state (about 30 MB at 10,000 articles) while the user is still choosing what to import, so
 * that the first import of this page costs what a later one does (issue #14). The worker takes no lock
 * and writes nothing; it is kept as after an import ({@link KEEP_WORKER_MS} idle), and an import started
 * while it reads waits for that read instead of making its own. A kept worker re-checks what it holds
 * (cheap when nobody else wrote). Never throws: if anything fails, the import reads for itself.
 */
export function warmImportWorker(): void {
  // An import already runs (the user was quicker than the idle callback): it reads for itself, and a
  // second worker reading 30 MB beside it would only compete with it.
  if (running > 0) return;
  try {
    const worker = takeWorker();
    worker.postMessage({ type: 'warm' } satisfies WarmWorker);
    keepWorker(worker);
  } catch (error) {
    console.warn('Dossier: the import worker could not be started ahead:', error);
  }
}

/**
 * Calls {@link warmImportWorker} once the page's main thread is idle after opening (at the latest
 * {@link WARM_IDLE_TIMEOUT_MS}), so the worker's start does not delay the page's first render.
 */
export function warmWhenIdle(
  win: Pick<Window, 'setTimeout'> & Partial<Pick<Window, 'requestIdleCallback'>> = window,
): void {
  if (win.requestIdleCallback) win.requestIdleCallback(() => warmImportWorker(), { timeout: WARM_IDLE_TIMEOUT_MS });
  else win.setTimeout(() => warmImportWorker(), WARM_IDLE_TIMEOUT_MS);
}

/** At most this long after the page opened, the import worker is started ahead (ms). */
export const WARM_IDLE_TIMEOUT_MS = 2_000;

function launch(
  start: StartImport | StartStreamImport,
  onProgress: (p: ImportProgress, stream?: StreamProgress) => void,
): StreamRun {
  const { runId } = start;
  const streamed = start.type === 'stream';
  const worker = takeWorker();
  const posted = performance.now();
  running++;
  let ended = false;
  const end = () => {
    ended = true;
    running--;
  };
  let settle_: { resolve: (r: ImportResult) => void; reject: (e: Error) => void } | undefined;
  const done = new Promise<ImportResult>((resolve, reject) => (settle_ = { resolve, reject }));
  /** The worker ended without `done`: the store says whether its corpus is active, and what it added. */
  const fail = (message: string) => {
    if (ended) return;
    end();
    detach();
    worker.terminate();
    settle(runId, { how: 'failed', message }, streamed)
      .then(({ status, added, complete }) => {
        const result = complete && status && resultOfStatus(status);
        if (result) settle_?.resolve(result);
        else settle_?.reject(runError(status?.error ?? message, added));
      })
      .catch(() => settle_?.reject(new Error(message)));
  };
  const onMessage = (event: MessageEvent<WorkerReply>) => {
    const m = event.data;
    if (m.type === 'progress') onProgress(m.progress, m.stream);
    else if (m.type === 'done') {
      if (ended) return;
      end();
      detach();
      keepWorker(worker);
      // From the post to `done`: the worker's phases plus its start and the messages.
      const run = Math.round(performance.now() - posted);
      settle_?.resolve({ ...m.result, phases: { ...m.result.phases, 'page.run': run } });
    } else if (m.type === 'failed') fail(m.message);
  };
  const onError = (event: ErrorEvent) => fail(`the import worker stopped: ${event.message || 'unknown error'}`);
  const detach = () => {
    worker.removeEventListener('message', onMessage);
    worker.removeEventListener('error', onError);
  };
  worker.addEventListener('message', onMessage);
  worker.addEventListener('error', onError);
  worker.postMessage(start);
  return {
    done,
    async cancel() {
      if (ended) return { swapped: false };
      end();
      detach();
      worker.terminate();
      settle_?.reject(new Error('cancelled'));
      const { added, complete } = await settle(runId, { how: 'cancelled' }, streamed);
      return streamed ? { swapped: complete, added } : { swapped: complete };
    },
  };
}

const newRunId = () => `r-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

/** Runs `batch` in a new worker (which applies the user's edit log from the store). */
export function startImportWorker(batch: ImportBatch, onProgress: (p: ImportProgress) => void): ImportRun {
  const run = launch({ type: 'start', batch, runId: newRunId() }, onProgress);
  return { done: run.done, cancel: async () => (await run.cancel()).swapped };
}

/** Imports `batch` (may be empty), then `.jsonl`/`.jsonl.gz` files read as streams, batch by batch, in a new worker. */
export function startStreamWorker(
  files: File[],
  batch: ImportBatch,
  onProgress: (p: ImportProgress, stream?: StreamProgress) => void,
): StreamRun {
  return launch({ type: 'stream', files, batch, runId: newRunId() }, onProgress);
}
