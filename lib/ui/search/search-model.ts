/**
 * Search state for the popup: the query, filters, the latest results and
 * their status, and the entity opened from a result. Requests are debounced
 * and answered out of order safely (only the latest query's answer is shown).
 */
import { signal } from '@preact/signals';
import type { EntityCard, SearchFilters, SearchResults } from '../../messages/protocol';

export type SearchState =
  | { status: 'empty' }
  | { status: 'searching'; query: string }
  | { status: 'done'; results: SearchResults }
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
  /** Milliseconds to wait after the last keystroke. */
  debounceMs?: number;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Creates the model; browser access is injected so tests need no browser. */
export function createSearchModel({ search, card, memory, debounceMs = 80 }: SearchModelOptions) {
  const query = signal(memory?.load() ?? '');
  const filters = signal<SearchFilters>({});
  const state = signal<SearchState>({ status: 'empty' });
  const detail = signal<DetailState>({ status: 'none' });
  let timer: ReturnType<typeof setTimeout> | undefined;
  let latest = 0;

  async function run(): Promise<void> {
    const ticket = ++latest;
    const q = query.value;
    memory?.save(q);
    if (!q.trim()) {
      state.value = { status: 'empty' };
      return;
    }
    state.value = { status: 'searching', query: q };
    try {
      const results = await search(q, filters.value);
      if (ticket === latest) state.value = { status: 'done', results };
    } catch (error) {
      if (ticket === latest) state.value = { status: 'error', query: q, message: message(error) };
    }
  }

  /** Sets the query and searches after the debounce delay. */
  function setQuery(q: string): void {
    query.value = q;
    detail.value = { status: 'none' };
    clearTimeout(timer);
    timer = setTimeout(() => void run(), debounceMs);
  }

  /** Searches the current query now (Enter, or a remembered query on opening). */
  function submit(): Promise<void> {
    clearTimeout(timer);
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
