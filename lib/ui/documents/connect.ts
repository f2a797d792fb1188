/**
 * The documents and export/restore models wired to the background and the
 * corpus store, for the options page.
 */
import { loadBundledPack } from '../../background/pack-source';
import { request } from '../../messages/client';
import { toPackFile } from '../../pack/file';
import { CorpusStore } from '../../store/corpus-store';
import { createCorpusFileModel, downloadBlob, withEdits } from './corpus-file';
import { createDocumentsModel } from './documents-model';

/** The document list, talking to the background. */
export function connectDocuments() {
  return createDocumentsModel({
    page: (query) => request('corpus.documents', query),
    edit: (docId, change) => request('documents.edit', { docId, change }),
    remove: (docIds) => request('documents.delete', { docIds }),
    undo: (undoToken) => request('documents.undoDelete', { undoToken }),
  });
}

/** Export (read from the store in this page) and restore (through the background). */
export function connectCorpusFile() {
  return createCorpusFileModel({
    readPackFile: async () => {
      const store = await CorpusStore.open();
      try {
        const file = (await store.readActiveFile()) ?? toPackFile(await loadBundledPack());
        return withEdits(file, await store.readEdits());
      } finally {
        store.close();
      }
    },
    download: downloadBlob,
    restoreBundled: () => request('corpus.restoreBundled', {}),
  });
}
