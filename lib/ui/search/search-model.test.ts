import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SearchFilters, SearchResults } from '../../messages/protocol';
import { createSearchModel } from './search-model';

const empty = (query: string): SearchResults => ({
  query,
  hits: [],
  total: 0,
  facets: { types: [], speakers: [], documents: [] },
  suggestions: [],
});

describe('search model', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('searches once after typing stops, with the latest query', async () => {
    const asked: string[] = [];
    const model = createSearchModel({ search: (q) => (asked.push(q), Promise.resolve(empty(q))), debounceMs: 50 });
    for (const q of ['k', 'ke', 'ker', 'kerry']) model.setQuery(q);
    await vi.advanceTimersByTimeAsync(60);
    expect(asked).toEqual(['kerry']);
    expect(model.state.value).toMatchObject({ status: 'done', results: { query: 'kerry' } });
  });

  it('shows only the answer to the latest query when answers come out of order', async () => {
    let release: (() => void) | undefined;
    const model = createSearchModel({
      search: (q) =>
        q === 'slow' ? new Promise((resolve) => (release = () => resolve(empty(q)))) : Promise.resolve(empty(q)),
    });
    model.query.value = 'slow';
    const slow = model.submit();
    model.query.value = 'fast';
    await model.submit();
    release!();
    await slow;
    expect(model.state.value).toMatchObject({ status: 'done', results: { query: 'fast' } });
  });

  it('remembers the query and restores it', async () => {
    let kept = 'aleppo';
    const memory = { load: () => kept, save: (q: string) => void (kept = q) };
    const model = createSearchModel({ search: (q) => Promise.resolve(empty(q)), memory });
    expect(model.query.value).toBe('aleppo');
    model.setQuery('geneva');
    await vi.advanceTimersByTimeAsync(100);
    expect(kept).toBe('geneva');
  });

  it('searches again with a filter, and drops it when cleared', async () => {
    const seen: SearchFilters[] = [];
    const model = createSearchModel({ search: (q, f) => (seen.push(f), Promise.resolve(empty(q))) });
    model.query.value = 'x';
    await model.setFilter('speakerId', 'a');
    await model.setFilter('speakerId', undefined);
    expect(seen).toEqual([{ speakerId: 'a' }, {}]);
  });

  it('reports a failed search as an error state', async () => {
    const model = createSearchModel({ search: () => Promise.reject(new Error('worker gone')) });
    model.query.value = 'x';
    await model.submit();
    expect(model.state.value).toEqual({ status: 'error', query: 'x', message: 'worker gone' });
  });
});
