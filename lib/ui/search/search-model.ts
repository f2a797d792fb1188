/**
 * Search state for the popup: the query, filters, the latest results and
 * their status, and the entity opened from a result. A keystroke is searched
 * at once when no search is running; keystrokes made while one runs are
 * folded into one search sent when it ends ({@link createLatestRequest}), and
 * only the latest query's answer is ever shown.
 *
 * A query is asked for its first {@link FIRST_ROWS} hits (what the popup shows
 * without scrolling); the rest, up to {@link ALL_ROWS}, are asked once the
 * typing pauses ({@link REST_AFTER_MS}). Building a hit's row reads its
 * document's text in the background, so a keystroke costs a dozen reads, not
 * sixty; the background keeps the ranking, so the second request only builds
 * the remaining rows, and a keystroke made meanwhile is asked at once. A
 * typed query ending in a two-letter word waits {@link SHORT_WORD_PAUSE_MS}
 * for the next keystroke first.
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

/** Hits asked for first: more than the popup shows without scrolling. */
export const FIRST_ROWS = 12;
/** Hits shown in all, once the typing pauses. */
export const ALL_ROWS = 60;
/** Pause after the first rows were shown before the rest are asked (a keystroke meanwhile asks nothing more). */
export const REST_AFTER_MS = 150;
/**
 * Pause before a typed query whose last word has two letters is asked. Such a word stands for every word it
 * begins ("pr": hundreds of names and thousands of passages), the costliest search there is, and one a
 * typist passes through on the way to the word meant: asked only when the typing stops there, it does not
 * hold up the next keystroke's answer (one search runs at a time).
 */
export const SHORT_WORD_PAUSE_MS = 120;

/** Whether the last word of `query` has exactly two letters (a prefix the search expands). */
export function endsInShortWord(query: string): boolean {
  return /(?:^|[\s\p{P}])[^\s\p{P}]{2}$/u.test(query);
}

export interface SearchModelOptions {
  /** The background's search: at most `limit` hits. */
  search: (query: string, filters: SearchFilters, limit: number) => Promise<SearchResults>;
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
  const resolveSettled = () => {
    const waiting = settled;
    settled = [];
    for (const resolve of waiting) resolve();
  };
  /** The timer of a typed query held back by {@link SHORT_WORD_PAUSE_MS}. */
  let held: ReturnType<typeof setTimeout> | undefined;
  /** The timer that asks the rest of the hits of the results shown, and the token of that request. */
  let rest: ReturnType<typeof setTimeout> | undefined;
  let restToken = 0;
  const stopRest = () => {
    clearTimeout(rest);
    rest = undefined;
    restToken++;
  };
  /**
   * Asks the rest of the hits of `shown` (the answer on screen) once the typing pauses. Not through
   * `requests`: a keystroke made while it runs is asked at once, not after it; and its answer replaces the
   * first rows only while they are still what is shown.
   */
  function askRest(q: { query: string; filters: SearchFilters }, shown: SearchResults): void {
    stopRest();
    const token = restToken;
    rest = setTimeout(() => {
      rest = undefined;
      search(q.query, q.filters, ALL_ROWS).then(
        (results) => {
          const now = state.value;
          if (token === restToken && now.status === 'done' && now.results === shown)
            state.value = { status: 'done', query: q.query, results };
        },
        // The first rows stay shown; "showing 12" stays true.
        () => undefined,
      );
    }, REST_AFTER_MS);
  }
  const requests = createLatestRequest<{ query: string; filters: SearchFilters }, SearchResults>(
    (q) => search(q.query, q.filters, FIRST_ROWS),
    {
      answer: (q, results) => {
        state.value = { status: 'done', query: q.query, results };
        if (results.hits.length >= FIRST_ROWS && results.total > results.hits.length) askRest(q, results);
      },
      error: (q, error) => void (state.value = { status: 'error', query: q.query, message: message(error) }),
      idle: () => {
        if (held === undefined) resolveSettled();
      },
    },
  );

  /** Searches the current query; `typed`: held back a moment when it ends in a two-letter word. */
  function run(typed = false): Promise<void> {
    const q = query.value;
    stopRest();
    clearTimeout(held);
    held = undefined;
    memory?.save(q);
    if (!q.trim()) {
      requests.cancel();
      state.value = { status: 'empty' };
      if (!requests.busy()) resolveSettled();
      return Promise.resolve();
    }
    const now = state.value;
    const previous = now.status === 'done' ? now.results : now.status === 'searching' ? now.previous : undefined;
    state.value = { status: 'searching', query: q, ...(previous ? { previous } : {}) };
    const done = new Promise<void>((resolve) => settled.push(resolve));
    const question = { query: q, filters: filters.value };
    if (typed && endsInShortWord(q.trimEnd())) {
      // What is asked or answered meanwhile is for an older query: never shown as this one's answer.
      requests.cancel();
      held = setTimeout(() => {
        held = undefined;
        requests.ask(question);
      }, SHORT_WORD_PAUSE_MS);
    } else {
      requests.ask(question);
    }
    return done;
  }

  /**
   * Sets the query (typed) and searches it: at once, or as soon as the search running now ends; a query
   * ending in a two-letter word after {@link SHORT_WORD_PAUSE_MS} without another keystroke.
   */
  function setQuery(q: string): void {
    query.value = q;
    detail.value = { status: 'none' };
    void run(true);
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
