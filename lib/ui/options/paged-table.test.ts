import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TablePage, TableQuery } from '../../query/corpus-tables';
import { createPagedTable, rangeText } from './paged-table';

type Query = Required<TableQuery<'n'>>;

/** A table of the numbers 0…count-1; each answer waits for `release` when `hold` is set. */
function numbers(count: number) {
  const asked: Query[] = [];
  const fetch = (q: Query): Promise<TablePage<number>> => {
    asked.push(q);
    const all = Array.from({ length: count }, (_, i) => i).filter((i) => String(i).includes(q.filter));
    const offset = Math.min(q.offset, Math.max(0, Math.floor((all.length - 1) / q.limit) * q.limit));
    return Promise.resolve({ total: all.length, all: count, offset, rows: all.slice(offset, offset + q.limit) });
  };
  return { fetch, asked };
}

afterEach(() => void vi.useRealTimers());

describe('paged table', () => {
  it('pages forward and back, and knows where the ends are', async () => {
    const { fetch } = numbers(120);
    const table = createPagedTable(fetch, { sort: { by: 'n', descending: false }, pageSize: 50 });
    await table.reload();
    expect(table.hasPrevious()).toBe(false);
    await table.next();
    await table.next();
    expect(table.shown.value?.page.rows).toEqual(Array.from({ length: 20 }, (_, i) => 100 + i));
    expect(table.hasNext()).toBe(false);
    await table.next(); // past the end: the background clamps to the last page
    expect(table.shown.value?.page.offset).toBe(100);
    await table.first();
    expect(table.shown.value?.page.offset).toBe(0);
    await table.last();
    expect(table.shown.value?.page.offset).toBe(100);
    await table.previous();
    expect(table.shown.value?.page.offset).toBe(50);
  });

  it('never shows the answer to an older question over a newer one', async () => {
    vi.useFakeTimers();
    let release: () => void = () => {};
    const { fetch } = numbers(300);
    const slow = (q: Query) =>
      q.filter === '1' ? new Promise<TablePage<number>>((r) => (release = () => void fetch(q).then(r))) : fetch(q);
    const table = createPagedTable(slow, { sort: { by: 'n', descending: false } });
    table.setFilter('1');
    await vi.advanceTimersByTimeAsync(5);
    table.setFilter('12');
    await vi.advanceTimersByTimeAsync(5);
    release();
    await vi.advanceTimersByTimeAsync(1);
    expect(table.shown.value?.filter).toBe('12');
    expect(table.busy.value).toBe(false);
  });

  it('starts again from the first page when the filter or sort changes', async () => {
    vi.useFakeTimers();
    const { fetch, asked } = numbers(300);
    const table = createPagedTable(fetch, { sort: { by: 'n', descending: false } });
    await table.reload();
    await table.next();
    table.setFilter('2');
    await vi.advanceTimersByTimeAsync(5);
    expect(asked.at(-1)).toMatchObject({ filter: '2', offset: 0 });
    await table.next();
    await table.sortBy('n');
    expect(asked.at(-1)).toMatchObject({ offset: 0, sort: { by: 'n', descending: true } });
  });

  it('says which rows are shown, of how many', () => {
    expect(rangeText({ total: 9898, all: 9898, offset: 50, rows: new Array(50) }, 'articles', false)).toBe(
      'Showing 51–100 of 9,898',
    );
    expect(rangeText({ total: 3, all: 9898, offset: 0, rows: new Array(3) }, 'articles', true)).toBe(
      'Showing 1–3 of 3 matching (of 9,898)',
    );
    expect(rangeText({ total: 0, all: 9898, offset: 0, rows: [] }, 'articles', true)).toBe(
      'No articles match the filter',
    );
  });
});
