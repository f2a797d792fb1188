/**
 * Wires the clip model to the browser: the tab's article (lib/clip/clip-tab.ts),
 * the background's `clip.check` and `corpus.reload`, and the import worker the
 * options page uses (lib/ui/import/import-worker.ts).
 */
import { clipTab, tabUrl } from '../../clip/clip-tab';
import { textKey } from '../../import/merge';
import { request } from '../../messages/client';
import { startImportWorker } from '../import/import-worker';
import { createClipModel, type ClipModel } from './clip-model';

/** The clip model for tab `tab()` (resolved when the user asks: the popup's active tab, or the menu's). */
export function connectClip(tab: () => Promise<{ id: number; url?: string } | null>): ClipModel {
  return createClipModel({
    extract: async () => {
      const t = await tab();
      if (!t) return { ok: false, problem: 'unreachable' };
      return clipTab(t.id, t.url ?? (await tabUrl(t.id)));
    },
    check: (doc) =>
      request('clip.check', { ...(doc.url ? { url: doc.url } : {}), title: doc.title, textKey: textKey(doc.text) }),
    start: (batch, onProgress) => startImportWorker(batch, onProgress),
    changed: async () => void (await request('corpus.reload', {})),
  });
}
