/**
 * Wires the import panel to the browser: files, DOMParser, the import worker,
 * host permissions and fetch for URLs, and the background (`corpus.reload`).
 */
import { browser } from 'wxt/browser';
import { parseFile } from '../../import/parse-file';
import { request } from '../../messages/client';
import { createImportModel, type ImportModel } from './import-model';
import { startImportWorker } from './import-worker';

/** File name ending to parse a fetched resource as, from its content type and path. */
function nameFor(url: string, contentType: string): string {
  const path = new URL(url).pathname;
  if (/\.(jsonl|json|md|markdown|txt|html?)$/i.test(path)) return path.split('/').pop()!;
  if (contentType.includes('json')) return 'download.json';
  if (contentType.includes('markdown')) return 'download.md';
  if (contentType.includes('text/plain')) return 'download.txt';
  return 'page.html';
}

/** The import model bound to this page. `changed` runs after every import. */
export function connectImport(changed: () => Promise<void>): ImportModel {
  const parser = new DOMParser();
  return createImportModel({
    read: async (file) => new Uint8Array(await file.arrayBuffer()),
    parse: (name, bytes, url) =>
      parseFile(name, bytes, {
        parseHtml: (html) => parser.parseFromString(html, 'text/html'),
        ...(url ? { url } : {}),
      }),
    // The worker reads the edit log from the store and applies it (lib/import/run-import.ts).
    start: (batch, onProgress) => startImportWorker(batch, onProgress),
    requestOrigin: (url) => browser.permissions.request({ origins: [`${new URL(url).origin}/*`] }),
    fetchUrl: async (url) => {
      const response = await fetch(url, { credentials: 'omit' });
      if (!response.ok) throw new Error(`the server answered ${response.status} ${response.statusText}`);
      const bytes = new Uint8Array(await response.arrayBuffer());
      return { name: nameFor(url, response.headers.get('content-type') ?? ''), bytes };
    },
    changed: async () => {
      await request('corpus.reload', {});
      await changed();
    },
  });
}
