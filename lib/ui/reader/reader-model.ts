/** The reader page's state: one document, loaded from the background. */
import { signal } from '@preact/signals';
import type { DocumentView } from '../../messages/protocol';

export type ReaderState =
  | { status: 'loading' }
  | { status: 'ready'; view: DocumentView; /** Index of the passage to land on, if any. */ target: number | null }
  | { status: 'error'; message: string };

/** The passage index containing character `at`, or null. */
export function passageIndexAt(view: DocumentView, at: number | null): number | null {
  if (at === null) return null;
  const i = view.passages.findIndex((p) => at >= p.start && at < p.end);
  return i >= 0 ? i : null;
}

/** The passage index of a `#p-<n>` fragment, or null. */
export function passageOfHash(hash: string): number | null {
  const match = /^#p-(\d{1,7})$/.exec(hash);
  return match ? Number(match[1]) : null;
}

/** Reads `?doc=<id>&at=<offset>` (and a `#p-<n>` passage fragment) from the reader's address. */
export function parseReaderAddress(
  search: string,
  hash = '',
): { docId: string | null; at: number | null; passage: number | null } {
  const params = new URLSearchParams(search);
  const at = Number(params.get('at'));
  return {
    docId: params.get('doc'),
    at: params.has('at') && Number.isInteger(at) && at >= 0 ? at : null,
    passage: passageOfHash(hash),
  };
}

/** Creates the model; `getDocument` is injected so tests need no browser. */
export function createReaderModel(getDocument: (docId: string) => Promise<DocumentView>) {
  const state = signal<ReaderState>({ status: 'loading' });
  /**
   * Loads `docId` and lands on the passage containing offset `at`, or on passage number `passage` (a
   * `#p-12` address opened directly, where the browser's own scroll came before the text existed).
   */
  async function load(docId: string | null, at: number | null, passage: number | null = null): Promise<void> {
    if (!docId) {
      state.value = {
        status: 'error',
        message: 'No article given: open the reader from a search result or a popover.',
      };
      return;
    }
    try {
      const view = await getDocument(docId);
      const byHash = passage !== null && passage < view.passages.length ? passage : null;
      state.value = { status: 'ready', view, target: byHash ?? passageIndexAt(view, at) };
    } catch (error) {
      state.value = { status: 'error', message: error instanceof Error ? error.message : String(error) };
    }
  }
  /** Lands on passage `passage` of the loaded article (the address's `#p-<n>` changed). */
  function goTo(passage: number | null): void {
    const current = state.value;
    if (current.status !== 'ready' || passage === null || passage >= current.view.passages.length) return;
    state.value = { ...current, target: passage };
  }
  return { state, load, goTo };
}

export type ReaderModel = ReturnType<typeof createReaderModel>;
