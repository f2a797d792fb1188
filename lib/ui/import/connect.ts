/**
 * Wires the import panel to the browser: files, the inert HTML parser, the import worker,
 * host permissions and fetch for URLs, and the background (`corpus.reload`).
 */
import { browser } from 'wxt/browser';
import { fetchForImport } from '../../import/fetch-url';
import { inertHtmlParser } from '../../import/inert-html';
import { parseFile } from '../../import/parse-file';
import { request } from '../../messages/client';
import { createImportModel, type ImportModel } from './import-model';
import { startImportWorker, startStreamWorker, warmWhenIdle } from './import-worker';

/** The import model bound to this page. `changed` runs after every import. */
export function connectImport(changed: () => Promise<void>): ImportModel {
  // The first import of this page then finds the corpus's table and state already read (issue #14).
  warmWhenIdle();
  return createImportModel({
    read: async (file) => new Uint8Array(await file.arrayBuffer()),
    // Never the page's own DOMParser: it hands inline handlers to this page (lib/import/inert-html.ts).
    parse: async (name, bytes, url) =>
      parseFile(name, bytes, {
        ...(/\.html?$/i.test(name) ? { parseHtml: await inertHtmlParser() } : {}),
        ...(url ? { url } : {}),
      }),
    // The worker reads the edit log from the store and applies it (lib/import/run-import.ts).
    start: (batch, onProgress) => startImportWorker(batch, onProgress),
    startStream: (files, batch, onProgress) => startStreamWorker(files, batch, onProgress),
    requestOrigin: (url) => browser.permissions.request({ origins: [`${new URL(url).origin}/*`] }),
    fetchUrl: (url) => fetchForImport(url),
    batchCommitted: async () => void (await request('corpus.reload', {})),
    changed: async () => {
      await request('corpus.reload', {});
      await changed();
    },
  });
}
