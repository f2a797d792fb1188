/** The options page's document list, loaded from the background. */
import { signal } from '@preact/signals';
import type { DocumentSummary } from '../../messages/protocol';

export type DocumentsState =
  { status: 'loading' } | { status: 'ready'; documents: DocumentSummary[] } | { status: 'error'; message: string };

/** Creates the model; `list` is injected so tests need no browser. */
export function createDocumentsModel(list: () => Promise<DocumentSummary[]>) {
  const state = signal<DocumentsState>({ status: 'loading' });
  async function load(): Promise<void> {
    state.value = { status: 'loading' };
    try {
      state.value = { status: 'ready', documents: await list() };
    } catch (error) {
      state.value = { status: 'error', message: error instanceof Error ? error.message : String(error) };
    }
  }
  return { state, load };
}

export type DocumentsModel = ReturnType<typeof createDocumentsModel>;
