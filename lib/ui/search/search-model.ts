/**
 * Search state for the popup: the query, filters, the latest results and
 * their status, and the entity opened from a result. A keystroke is searched
 * at once when no search is running; keystrokes made while one runs are
 * folded into one search sent when it ends ({@link createLatestRequest}), and
 * only the latest query's answer is ever shown.
 */
import { signal } from '@preact/signals';
import type { EntityCard, SearchFilters, SearchResults } from '../../messages/protocol';
import { createLatestRequest } from '../common/latest-request';

export type SearchState =
  | { status: 'empty' }
  /** `previous`: the last results shown, kept on screen (dimmed) until the new ones come. */
  | { status: 'searching'; query: string; previous?: SearchResults }
  /** `query`: the query as typed that these results answer. */
  | { status: 'done'; query: string; results: SearchResults }
  | { status: 'error'; query: string; message: string };

export type DetailState =
  | { status: 'none' }
  | { status: 'loading'; entityId: string }
  | { status: 'ready'; card: EntityCard }
  | { status: 'error'; message: string };

export interface SearchModelOptions {
  search: (query: string, filters: SearchFilters) => Promise<SearchResults>;
  card?: (entityId: string) => Promise<EntityCard>;
  /** Where the last query is kept between openings of the popup. */
  memory?: { load(): string; save(query: string): void };
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Creates the model; browser access is injected so tests need no browser. */
export function createSearchModel({ search, card, memory }: SearchModelOptions) {
  const query = signal(memory?.load() ?? '');
  const filters = signal<SearchFilters>({});
  const state = signal<SearchState>({ status: 'empty' });
  const detail = signal<DetailState>({ status: 'none' });
  /** Resolved when no search is running or waiting any more (what {@link submit} returns). */
  let settled: (() => void)[] = [];
  const requests = createLatestRequest<{ query: string; filters: SearchFilters }, SearchResults>(
    (q) => search(q.query, q.filters),
    {
      answer: (q, results) => void (state.value = { status: 'done', query: q.query, results }),
      error: (q, error) => void (state.value = { status: 'error', query: q.query, message: message(error) }),
      idle: () => {
        const waiting = settled;
        settled = [];
        for (const resolve of waiting) resolve();
      },
    },
  );

  function run(): Promise<void> {
    const q = query.value;
    memory?.save(q);
    if (!q.trim()) {
      requests.cancel();
      state.value = { status: 'empty' };
      return Promise.resolve();
    }
    const now = state.value;
    const previous = now.status === 'done' ? now.results : now.status === 'searching' ? now.previous : undefined;
    state.value = { status: 'searching', query: q, ...(previous ? { previous } : {}) };
    const done = new Promise<void>((resolve) => settled.push(resolve));
    requests.ask({ query: q, filters: filters.value });
    return done;
  }

  /** Sets the query and searches it: at once, or as soon as the search running now ends. */
  function setQuery(q: string): void {
    query.value = q;
    detail.value = { status: 'none' };
    void run();
  }

  /**
   * Searches the current query (Enter, a filter, or a remembered query on opening); resolves when no
   * search is running or waiting any more.
   */
  function submit(): Promise<void> {
    return run();
  }

  /** Changes one filter (undefined clears it) and searches again. */
  function setFilter<K extends keyof SearchFilters>(key: K, value: SearchFilters[K] | undefined): Promise<void> {
    const next = { ...filters.value };
    if (value === undefined || (Array.isArray(value) && value.length === 0)) delete next[key];
    else next[key] = value;
    filters.value = next;
    return submit();
  }

  /** Opens an entity's card in place of the results. */
  async function openEntity(entityId: string): Promise<void> {
    if (!card) return;
    detail.value = { status: 'loading', entityId };
    try {
      detail.value = { status: 'ready', card: await card(entityId) };
    } catch (error) {
      detail.value = { status: 'error', message: message(error) };
    }
  }

  /** Back from an entity's card to the results. */
  function closeEntity(): void {
    detail.value = { status: 'none' };
  }

  return { query, filters, state, detail, setQuery, submit, setFilter, openEntity, closeEntity };
}

export type SearchModel = ReturnType<typeof createSearchModel>;
