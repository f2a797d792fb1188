import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { defaultLexicon } from '../corpus/lexicon';
import { CorpusEditor } from '../edits/corpus-editor';
import { storeEditorDeps } from '../edits/store-deps';
import { makeTestPack } from '../query/test-pack';
import { CorpusStore } from '../store/corpus-store';
import { localLock } from '../store/lock';
import { runImport } from './run-import';

const article = {
  id: 'n1',
  title: 'Berg in Quito',
  text: 'Tom Berg arrived in Quito on Monday.\n"The talks went well," Berg said.',
};

/** The extraction state is what lets the next article be read against the corpus: it must survive. */
describe('the extraction state of a stored corpus', () => {
  it('covers the corpus it was turned into segments from, then grows with each append', async () => {
    const store = await CorpusStore.open({ name: 'state-kept-1', lock: localLock() });
    const deps = { store, loadBundled: () => Promise.resolve(makeTestPack()), lexicon: defaultLexicon, generator: 't' };
    await runImport({ docs: [article], packs: [] }, deps);
    // Two bundled articles read when the corpus became segments, then the new one.
    expect((await store.readManifest())!.manifest.extraction.documents).toBe(3);
  });

  it('is kept by an edit, which rewrites the corpus but not its articles', async () => {
    const store = await CorpusStore.open({ name: 'state-kept-2', lock: localLock() });
    const deps = { store, loadBundled: () => Promise.resolve(makeTestPack()), lexicon: defaultLexicon, generator: 't' };
    await runImport({ docs: [article], packs: [] }, deps);
    const before = (await store.readManifest())!.manifest.extraction;
    const editor = new CorpusEditor(
      storeEditorDeps(
        () => Promise.resolve(store),
        () => Promise.resolve(makeTestPack()),
        () => Promise.resolve(),
      ),
    );
    const entity = (await store.readActive())!.pack.entities.find((e) => e.name === 'Tom Berg')!;
    await editor.apply([{ op: 'hide', entityId: entity.id }]);
    const after = (await store.readManifest())!.manifest;
    expect(after.entities.find((e) => e.id === entity.id)?.hidden).toBe(true);
    expect(after.extraction).toEqual(before);
  });
});
