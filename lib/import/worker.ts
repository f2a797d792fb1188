/**
 * The import worker, started by the options page: runs {@link runImport} (or,
 * for `.jsonl`/`.jsonl.gz` files read as streams, {@link runStreamImport}) off
 * the page's thread. A Web Worker rather than an offscreen document because it
 * works in Chrome and Firefox alike, and because its life is the options tab's:
 * closing the tab stops the import, and the store's start-up clean-up then
 * collects what it had written while the old corpus keeps answering.
 */
import { defaultLexicon } from '../corpus/lexicon';
import { BUNDLED_PACK_PATH, fetchBundledPack } from '../store/bundled';
import { CorpusStore } from '../store/corpus-store';
import { HeldParts } from '../store/held-parts';
import { mergeWhenIdle, runImport, warmImport, type ImportDeps } from './run-import';
import { runStreamImport, StreamImportError } from './stream-run';
import type { StartImport, StartStreamImport, WarmWorker, WorkerReply } from './worker-messages';

const reply = (message: WorkerReply) => globalThis.postMessage(message);

/** ms from this worker's creation until its modules were evaluated (reported with its first import). */
const bootMs = performance.now();
let booted = false;
/** The worker's own phases for `result.phases`: its start-up (first import only) and the idle merge. */
function workerPhases(): Record<string, number> {
  if (booted) return {};
  booted = true;
  return { 'worker.boot': Math.round(bootMs) };
}

/**
 * The entity table and extraction state the last import of this worker wrote: the options page
 * keeps the worker between imports, so the next one reads neither while nobody else changed
 * them (lib/store/held-parts.ts). Every store this worker opens shares it.
 */
const held = new HeldParts();

function common(store: CorpusStore, runId: string): ImportDeps {
  return {
    store,
    loadBundled: () => fetchBundledPack(new URL(BUNDLED_PACK_PATH, globalThis.location.href).href),
    lexicon: defaultLexicon,
    generator: 'dossier-import 0.1.0',
    onGeneration: (generation) => reply({ type: 'generation', generation }),
    runId,
  };
}

/** The running warm-up read; an import waits for it (it reads what the import would read). */
let warming: Promise<void> = Promise.resolve();

/** Reads and holds the active table and state, and warms the import's code ({@link warmImport}). */
function warm(): Promise<void> {
  warming = warming.then(async () => {
    const t0 = performance.now();
    try {
      const store = await CorpusStore.open({ held });
      try {
        await warmImport(store, defaultLexicon);
      } finally {
        store.close();
      }
      reply({ type: 'warmed', ms: Math.round(performance.now() - t0) });
    } catch (error) {
      // Nothing is lost: the import reads what it needs itself.
      const message = error instanceof Error ? error.message : String(error);
      reply({ type: 'warmed', ms: Math.round(performance.now() - t0), error: message });
    }
  });
  return warming;
}

async function start({ batch, runId }: StartImport): Promise<void> {
  await warming;
  const store = await CorpusStore.open({ held });
  try {
    const result = await runImport(batch, {
      ...common(store, runId),
      onProgress: (progress) => reply({ type: 'progress', progress }),
    });
    // Small segments are merged before saying done: the page ends this worker then, and reloads the
    // background's corpus, which so loads the merged generation (lib/store/README.md). Usually milliseconds.
    const merging = performance.now();
    await mergeWhenIdle(store);
    const merge = Math.round(performance.now() - merging);
    reply({ type: 'done', result: { ...result, phases: { ...workerPhases(), ...result.phases, merge } } });
  } finally {
    store.close();
  }
}

async function stream({ files, batch, runId }: StartStreamImport): Promise<void> {
  await warming;
  const store = await CorpusStore.open({ held });
  // Each batch's runImport goes through this second connection, whose lock counts as held: the run
  // holds the real one (on `store`) from its first batch to its last.
  const writer = await CorpusStore.open({ lock: (fn) => fn(true), held });
  try {
    const result = await runStreamImport(
      { files: files.map((f) => ({ name: f.name, blob: f })), batch },
      {
        ...common(store, runId),
        held: writer,
        onProgress: (progress, stream) => reply({ type: 'progress', progress, stream }),
      },
    );
    // A batch is a segment: merge the run's small segments before saying done, as after one import.
    const merging = performance.now();
    await mergeWhenIdle(store);
    const merge = Math.round(performance.now() - merging);
    reply({ type: 'done', result: { ...result, phases: { ...workerPhases(), ...result.phases, merge } } });
  } finally {
    writer.close();
    store.close();
  }
}

globalThis.addEventListener('message', (event: MessageEvent<StartImport | StartStreamImport | WarmWorker>) => {
  if (event.data?.type === 'warm') return void warm();
  const run =
    event.data?.type === 'start' ? start(event.data) : event.data?.type === 'stream' ? stream(event.data) : null;
  run?.catch((error: unknown) =>
    reply({
      type: 'failed',
      message: error instanceof Error ? error.message : String(error),
      ...(error instanceof StreamImportError ? { added: error.added } : {}),
    }),
  );
});
