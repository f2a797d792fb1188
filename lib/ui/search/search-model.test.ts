import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SearchFilters, SearchResults } from '../../messages/protocol';
import {
  ALL_ROWS,
  createSearchModel,
  endsInShortWord,
  FIRST_ROWS,
  REST_AFTER_MS,
  SHORT_WORD_PAUSE_MS,
} from './search-model';

const empty = (query: string): SearchResults => ({
  query,
  hits: [],
  total: 0,
  facets: { types: [], speakers: [], documents: [] },
  suggestions: [],
});

/** An answer of `limit` of `total` passage hits. */
const some = (query: string, limit: number, total: number): SearchResults => ({
  ...empty(query),
  total,
  hits: Array.from({ length: Math.min(limit, total) }, (_, i) => ({
    id: `p:${i}`,
    kind: 'passage' as const,
    score: 1,
    terms: [],
    passage: { id: `${i}`, text: query, doc: { id: 'd', title: 'D' }, highlights: [], start: 0 },
  })),
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
    model.setQuery('abc');
    answers.get('abc')!();
    await vi.advanceTimersByTimeAsync(0);
    expect(model.state.value).toMatchObject({ status: 'done', query: 'abc' });
    model.setQuery('abcd');
    model.setQuery('abcde');
    expect(model.state.value).toMatchObject({ status: 'searching', query: 'abcde', previous: { query: 'abc' } });
    answers.get('abcd')!();
    await vi.advanceTimersByTimeAsync(0);
    expect(model.state.value).toMatchObject({ status: 'searching', query: 'abcde', previous: { query: 'abc' } });
    answers.get('abcde')!();
    await vi.advanceTimersByTimeAsync(0);
    expect(model.state.value).toMatchObject({ status: 'done', query: 'abcde', results: { query: 'abcde' } });
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

  it('asks the first rows at once and the rest once the typing pauses', async () => {
    const asked: [string, number][] = [];
    const model = createSearchModel({
      search: (q, _f, limit) => (asked.push([q, limit]), Promise.resolve(some(q, limit, 100))),
    });
    model.setQuery('pre');
    await vi.advanceTimersByTimeAsync(0);
    expect(asked).toEqual([['pre', FIRST_ROWS]]);
    expect(model.state.value).toMatchObject({ status: 'done', query: 'pre', results: { total: 100 } });
    // A keystroke before the pause ends asks its own first rows; the rest of "pre" is never asked.
    await vi.advanceTimersByTimeAsync(REST_AFTER_MS - 10);
    model.setQuery('pres');
    await vi.advanceTimersByTimeAsync(REST_AFTER_MS - 1);
    expect(asked).toEqual([
      ['pre', FIRST_ROWS],
      ['pres', FIRST_ROWS],
    ]);
    await vi.advanceTimersByTimeAsync(1);
    expect(asked.at(-1)).toEqual(['pres', ALL_ROWS]);
    await vi.advanceTimersByTimeAsync(0);
    const state = model.state.value;
    expect(state).toMatchObject({ status: 'done', query: 'pres' });
    expect(state.status === 'done' && state.results.hits.length).toBe(ALL_ROWS);
  });

  it('asks nothing more when every hit was in the first answer', async () => {
    const asked: number[] = [];
    const model = createSearchModel({
      search: (q, _f, limit) => (asked.push(limit), Promise.resolve(some(q, limit, FIRST_ROWS))),
    });
    model.setQuery('rare');
    await vi.advanceTimersByTimeAsync(REST_AFTER_MS * 3);
    expect(asked).toEqual([FIRST_ROWS]);
  });

  it('keeps the first rows shown when asking the rest fails', async () => {
    const model = createSearchModel({
      search: (q, _f, limit) =>
        limit === FIRST_ROWS ? Promise.resolve(some(q, limit, 100)) : Promise.reject(new Error('worker gone')),
    });
    model.setQuery('pre');
    await vi.advanceTimersByTimeAsync(REST_AFTER_MS + 10);
    expect(model.state.value).toMatchObject({ status: 'done', query: 'pre', results: { total: 100 } });
  });

  it('asks a keystroke at once while the rest of the last query loads, and never shows that rest after it', async () => {
    const answers = new Map<string, () => void>();
    const model = createSearchModel({
      search: (q, _f, limit) =>
        new Promise((resolve) => answers.set(`${q}/${limit}`, () => resolve(some(q, limit, 100)))),
    });
    model.setQuery('pre');
    answers.get(`pre/${FIRST_ROWS}`)!();
    await vi.advanceTimersByTimeAsync(REST_AFTER_MS);
    expect([...answers.keys()]).toEqual([`pre/${FIRST_ROWS}`, `pre/${ALL_ROWS}`]);
    model.setQuery('pres');
    expect([...answers.keys()]).toContain(`pres/${FIRST_ROWS}`);
    answers.get(`pre/${ALL_ROWS}`)!();
    await vi.advanceTimersByTimeAsync(0);
    expect(model.state.value).toMatchObject({ status: 'searching', query: 'pres' });
    answers.get(`pres/${FIRST_ROWS}`)!();
    await vi.advanceTimersByTimeAsync(0);
    expect(model.state.value).toMatchObject({
      status: 'done',
      query: 'pres',
      results: { hits: { length: FIRST_ROWS } },
    });
  });

  it('holds a typed two-letter word back until the typing stops there', async () => {
    const asked: string[] = [];
    const model = createSearchModel({ search: (q) => (asked.push(q), Promise.resolve(empty(q))) });
    model.setQuery('p');
    await vi.advanceTimersByTimeAsync(0);
    model.setQuery('pr');
    await vi.advanceTimersByTimeAsync(SHORT_WORD_PAUSE_MS - 1);
    model.setQuery('pre');
    await vi.advanceTimersByTimeAsync(SHORT_WORD_PAUSE_MS * 2);
    expect(asked).toEqual(['p', 'pre']);
    model.setQuery('pre se');
    await vi.advanceTimersByTimeAsync(SHORT_WORD_PAUSE_MS - 1);
    expect(asked).toEqual(['p', 'pre']);
    expect(model.state.value).toMatchObject({ status: 'searching', query: 'pre se' });
    await vi.advanceTimersByTimeAsync(1);
    expect(asked).toEqual(['p', 'pre', 'pre se']);
    await vi.advanceTimersByTimeAsync(0);
    expect(model.state.value).toMatchObject({ status: 'done', query: 'pre se' });
  });

  it('asks a two-letter word at once on Enter, and settles when it is cleared while held', async () => {
    const asked: string[] = [];
    const model = createSearchModel({ search: (q) => (asked.push(q), Promise.resolve(empty(q))) });
    model.query.value = 'un';
    await model.submit();
    expect(asked).toEqual(['un']);
    model.setQuery('eu');
    model.setQuery('');
    await vi.advanceTimersByTimeAsync(SHORT_WORD_PAUSE_MS * 2);
    expect(asked).toEqual(['un']);
    expect(model.state.value).toEqual({ status: 'empty' });
  });

  it('tells a query ending in a two-letter word', () => {
    for (const q of ['pr', 'border se', 'a,b2', 'x (un']) expect(endsInShortWord(q)).toBe(true);
    for (const q of ['p', 'pre', 'border s', 'un ', 'president']) expect(endsInShortWord(q)).toBe(false);
  });

  it('shows no older answer as done while a two-letter word is held', async () => {
    const answers = new Map<string, () => void>();
    const model = createSearchModel({
      search: (q) => new Promise((resolve) => answers.set(q, () => resolve(empty(q)))),
    });
    model.setQuery('p');
    model.setQuery('pr');
    answers.get('p')!();
    await vi.advanceTimersByTimeAsync(0);
    expect(model.state.value).toMatchObject({ status: 'searching', query: 'pr' });
    await vi.advanceTimersByTimeAsync(SHORT_WORD_PAUSE_MS);
    answers.get('pr')!();
    await vi.advanceTimersByTimeAsync(0);
    expect(model.state.value).toMatchObject({ status: 'done', query: 'pr' });
  });
});
