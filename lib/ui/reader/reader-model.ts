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

/** Reads `?doc=<id>&at=<offset>` from the reader's address. */
export function parseReaderAddress(search: string): { docId: string | null; at: number | null } {
  const params = new URLSearchParams(search);
  const at = Number(params.get('at'));
  return { docId: params.get('doc'), at: params.has('at') && Number.isInteger(at) && at >= 0 ? at : null };
}

/** Creates the model; `getDocument` is injected so tests need no browser. */
export function createReaderModel(getDocument: (docId: string) => Promise<DocumentView>) {
  const state = signal<ReaderState>({ status: 'loading' });
  async function load(docId: string | null, at: number | null): Promise<void> {
    if (!docId) {
      state.value = {
        status: 'error',
        message: 'No article given: open the reader from a search result or a popover.',
      };
      return;
    }
    try {
      const view = await getDocument(docId);
      state.value = { status: 'ready', view, target: passageIndexAt(view, at) };
    } catch (error) {
      state.value = { status: 'error', message: error instanceof Error ? error.message : String(error) };
    }
  }
  return { state, load };
}

export type ReaderModel = ReturnType<typeof createReaderModel>;
