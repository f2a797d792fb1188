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
import { mergeWhenIdle, runImport, type ImportDeps } from './run-import';
import { runStreamImport, StreamImportError } from './stream-run';
import type { StartImport, StartStreamImport, WorkerReply } from './worker-messages';

const reply = (message: WorkerReply) => globalThis.postMessage(message);

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

async function start({ batch, runId }: StartImport): Promise<void> {
  const store = await CorpusStore.open();
  try {
    const result = await runImport(batch, {
      ...common(store, runId),
      onProgress: (progress) => reply({ type: 'progress', progress }),
    });
    // Small segments are merged before saying done: the page ends this worker then, and reloads the
    // background's corpus, which so loads the merged generation (lib/store/README.md). Usually milliseconds.
    await mergeWhenIdle(store);
    reply({ type: 'done', result });
  } finally {
    store.close();
  }
}

async function stream({ files, batch, runId }: StartStreamImport): Promise<void> {
  const store = await CorpusStore.open();
  // Each batch's runImport goes through this second connection, whose lock counts as held: the run
  // holds the real one (on `store`) from its first batch to its last.
  const held = await CorpusStore.open({ lock: (fn) => fn(true) });
  try {
    const result = await runStreamImport(
      { files: files.map((f) => ({ name: f.name, blob: f })), batch },
      {
        ...common(store, runId),
        held,
        onProgress: (progress, stream) => reply({ type: 'progress', progress, stream }),
      },
    );
    // A batch is a segment: merge the run's small segments before saying done, as after one import.
    await mergeWhenIdle(store);
    reply({ type: 'done', result });
  } finally {
    held.close();
    store.close();
  }
}

globalThis.addEventListener('message', (event: MessageEvent<StartImport | StartStreamImport>) => {
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
