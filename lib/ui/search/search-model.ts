/**
 * Search state for the popup: the query, the latest results and their status.
 * Requests are debounced and answered out of order safely (only the latest
 * query's answer is shown).
 */
import { signal } from '@preact/signals';
import type { SearchResults } from '../../messages/protocol';

export type SearchState =
  | { status: 'empty' }
  | { status: 'searching'; query: string }
  | { status: 'done'; results: SearchResults }
  | { status: 'error'; query: string; message: string };

export interface SearchModelOptions {
  search: (query: string) => Promise<SearchResults>;
  /** Milliseconds to wait after the last keystroke. */
  debounceMs?: number;
}

/** Creates the model; the search function is injected so tests need no browser. */
export function createSearchModel({ search, debounceMs = 80 }: SearchModelOptions) {
  const query = signal('');
  const state = signal<SearchState>({ status: 'empty' });
  let timer: ReturnType<typeof setTimeout> | undefined;
  let latest = 0;

  async function run(q: string): Promise<void> {
    const ticket = ++latest;
    if (!q.trim()) {
      state.value = { status: 'empty' };
      return;
    }
    state.value = { status: 'searching', query: q };
    try {
      const results = await search(q);
      if (ticket === latest) state.value = { status: 'done', results };
    } catch (error) {
      if (ticket === latest) {
        state.value = { status: 'error', query: q, message: error instanceof Error ? error.message : String(error) };
      }
    }
  }

  /** Sets the query and searches after the debounce delay. */
  function setQuery(q: string): void {
    query.value = q;
    clearTimeout(timer);
    timer = setTimeout(() => void run(q), debounceMs);
  }

  /** Searches the current query now (Enter). */
  function submit(): Promise<void> {
    clearTimeout(timer);
    return run(query.value);
  }

  return { query, state, setQuery, submit };
}

export type SearchModel = ReturnType<typeof createSearchModel>;
