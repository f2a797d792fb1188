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

  it('searches the first keystroke at once, and folds the keystrokes typed meanwhile into one search', async () => {
    const asked: string[] = [];
    const answers: (() => void)[] = [];
    const model = createSearchModel({
      search: (q) => {
        asked.push(q);
        return new Promise((resolve) => answers.push(() => resolve(empty(q))));
      },
    });
    model.setQuery('k');
    expect(asked).toEqual(['k']);
    for (const q of ['ke', 'ker', 'kerry']) model.setQuery(q);
    expect(model.state.value).toMatchObject({ status: 'searching', query: 'kerry' });
    answers[0]!();
    await vi.advanceTimersByTimeAsync(0);
    // "k" was answered after "kerry" was typed: its results are not shown, "kerry" is asked now.
    expect(asked).toEqual(['k', 'kerry']);
    expect(model.state.value).toMatchObject({ status: 'searching', query: 'kerry' });
    answers[1]!();
    await vi.advanceTimersByTimeAsync(0);
    expect(model.state.value).toMatchObject({ status: 'done', query: 'kerry', results: { query: 'kerry' } });
  });

  it('never shows an older answer after a newer one, and keeps the last results on screen meanwhile', async () => {
    const answers = new Map<string, () => void>();
    const model = createSearchModel({
      search: (q) => new Promise((resolve) => answers.set(q, () => resolve(empty(q)))),
    });
    model.setQuery('a');
    answers.get('a')!();
    await vi.advanceTimersByTimeAsync(0);
    expect(model.state.value).toMatchObject({ status: 'done', query: 'a' });
    model.setQuery('ab');
    model.setQuery('abc');
    expect(model.state.value).toMatchObject({ status: 'searching', query: 'abc', previous: { query: 'a' } });
    answers.get('ab')!();
    await vi.advanceTimersByTimeAsync(0);
    expect(model.state.value).toMatchObject({ status: 'searching', query: 'abc', previous: { query: 'a' } });
    answers.get('abc')!();
    await vi.advanceTimersByTimeAsync(0);
    expect(model.state.value).toMatchObject({ status: 'done', query: 'abc', results: { query: 'abc' } });
  });

  it('shows nothing of a search still running when the box is cleared', async () => {
    let release: (() => void) | undefined;
    const model = createSearchModel({ search: (q) => new Promise((resolve) => (release = () => resolve(empty(q)))) });
    model.setQuery('slow');
    model.setQuery('');
    expect(model.state.value).toEqual({ status: 'empty' });
    release!();
    await vi.advanceTimersByTimeAsync(0);
    expect(model.state.value).toEqual({ status: 'empty' });
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
