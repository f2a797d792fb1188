/** The options page's view of the stored corpus: what answers, storage use, the last import. */
import { signal } from '@preact/signals';
import type { CorpusStatus } from '../../messages/protocol';

/** The outside world of the storage panel. */
export interface StorageApi {
  status(): Promise<CorpusStatus>;
  /**
   * Asks the browser to keep the corpus when space runs low.
   * @returns its answer, or null when this browser has no such request.
   */
  persist(): Promise<boolean | null>;
  /** While the store says an import is running, how often to read it again, ms (default 3000). */
  recheckMs?: number;
  /**
   * True while this page runs an import itself: its progress shows there and the panel is refreshed when it
   * ends, so the store is not read again meanwhile (polling the service worker mid-import slowed its restart).
   */
  importingHere?: () => boolean;
}

export type StorageState =
  { status: 'loading' } | { status: 'ready'; corpus: CorpusStatus } | { status: 'error'; message: string };

/** What the browser said when the user pressed "Keep it". */
export type PersistAnswer =
  | { state: 'asking' }
  | { state: 'granted' }
  | { state: 'refused' }
  | { state: 'unsupported' }
  | { state: 'failed'; message: string };

/** Creates the model; `load` again after every corpus change. */
export function createStorageModel(api: StorageApi) {
  const state = signal<StorageState>({ status: 'loading' });
  /** The answer to the user's own request, shown beside the button; null until they ask. */
  const persistAnswer = signal<PersistAnswer | null>(null);
  let recheck: ReturnType<typeof setTimeout> | undefined;

  async function load(): Promise<void> {
    clearTimeout(recheck);
    try {
      state.value = { status: 'ready', corpus: await api.status() };
    } catch (error) {
      state.value = { status: 'error', message: error instanceof Error ? error.message : String(error) };
    }
    // "An import is running" must disappear when it stops, in whatever tab it ran:
    // read the store again until it records the end (the store settles a run whose writer is gone).
    const s = state.value;
    if (s.status === 'ready' && s.corpus.lastImport?.state === 'started' && !api.importingHere?.()) {
      recheck = setTimeout(() => void load(), api.recheckMs ?? 3_000);
    }
  }

  /** Asks quietly (as the page opens); the answer shows only through the persisted state. */
  async function persistQuietly(): Promise<void> {
    await api.persist().catch(() => null);
    await load();
  }

  /** The user's "Keep it": asks, then shows the browser's answer and the new persisted state. */
  async function persist(): Promise<void> {
    persistAnswer.value = { state: 'asking' };
    try {
      const granted = await api.persist();
      persistAnswer.value = { state: granted === null ? 'unsupported' : granted ? 'granted' : 'refused' };
    } catch (error) {
      persistAnswer.value = { state: 'failed', message: error instanceof Error ? error.message : String(error) };
    }
    await load();
  }

  /** Stops reading the store again (the page is going away, tests). */
  function stop(): void {
    clearTimeout(recheck);
  }

  return { state, persistAnswer, load, persist, persistQuietly, stop };
}

export type StorageModel = ReturnType<typeof createStorageModel>;
