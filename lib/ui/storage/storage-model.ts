/** The options page's view of the stored corpus: what answers, storage use, the last import. */
import { signal } from '@preact/signals';
import type { CorpusStatus } from '../../messages/protocol';

/** The outside world of the storage panel. */
export interface StorageApi {
  status(): Promise<CorpusStatus>;
  /** Asks the browser to keep the corpus when space runs low; resolves with whether it will. */
  persist(): Promise<boolean>;
}

export type StorageState =
  { status: 'loading' } | { status: 'ready'; corpus: CorpusStatus } | { status: 'error'; message: string };

/** Creates the model; `load` again after every corpus change. */
export function createStorageModel(api: StorageApi) {
  const state = signal<StorageState>({ status: 'loading' });
  async function load(): Promise<void> {
    try {
      state.value = { status: 'ready', corpus: await api.status() };
    } catch (error) {
      state.value = { status: 'error', message: error instanceof Error ? error.message : String(error) };
    }
  }
  /** Requests persistent storage, then shows the new state. */
  async function persist(): Promise<void> {
    await api.persist();
    await load();
  }
  return { state, load, persist };
}

export type StorageModel = ReturnType<typeof createStorageModel>;
