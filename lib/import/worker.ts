/**
 * The import worker, started by the options page: runs {@link runImport} off
 * the page's thread. A Web Worker rather than an offscreen document because it
 * works in Chrome and Firefox alike, and because its life is the options tab's:
 * closing the tab stops the import, and the store's start-up clean-up then
 * collects what it had written while the old corpus keeps answering.
 */
import { defaultLexicon } from '../corpus/lexicon';
import { BUNDLED_PACK_PATH, fetchBundledPack } from '../store/bundled';
import { CorpusStore } from '../store/corpus-store';
import { mergeWhenIdle, runImport } from './run-import';
import type { StartImport, WorkerReply } from './worker-messages';

const reply = (message: WorkerReply) => globalThis.postMessage(message);

async function start({ batch, runId }: StartImport): Promise<void> {
  const store = await CorpusStore.open();
  try {
    const result = await runImport(batch, {
      store,
      loadBundled: () => fetchBundledPack(new URL(BUNDLED_PACK_PATH, globalThis.location.href).href),
      lexicon: defaultLexicon,
      generator: 'dossier-import 0.1.0',
      onProgress: (progress) => reply({ type: 'progress', progress }),
      onGeneration: (generation) => reply({ type: 'generation', generation }),
      runId,
    });
    // Small segments are merged before saying done: the page ends this worker then, and reloads the
    // background's corpus, which so loads the merged generation (lib/store/README.md). Usually milliseconds.
    await mergeWhenIdle(store);
    reply({ type: 'done', result });
  } finally {
    store.close();
  }
}

globalThis.addEventListener('message', (event: MessageEvent<StartImport>) => {
  if (event.data?.type !== 'start') return;
  start(event.data).catch((error: unknown) =>
    reply({ type: 'failed', message: error instanceof Error ? error.message : String(error) }),
  );
});
