/**
 * A table the background serves a page at a time (`corpus.documents`,
 * `corpus.entities`): the filter, sort and offset the user chose, the page
 * shown, and the request in flight. Typing in the filter asks at once when no
 * request is running; keys typed while one runs are folded into one request
 * sent when it ends ({@link createLatestRequest}), so there is no fixed pause
 * and an answer to an older question never replaces a newer one.
 */
import { signal } from '@preact/signals';
import type { TablePage, TableQuery, TableSort } from '../../query/corpus-tables';
import { createLatestRequest } from '../common/latest-request';
import { formatCount } from '../common/intl';

/** What the table asks of the background; injected so tests need no browser. */
export type FetchPage<T, K extends string> = (query: Required<TableQuery<K>>) => Promise<TablePage<T>>;

export interface PagedTableOptions<K extends string> {
  sort: TableSort<K>;
  /** Rows per page. */
  pageSize?: number;
  /** Columns sorted in descending order first (counts, dates). */
  descendingFirst?: readonly K[];
}

/** Default rows per page. */
export const PAGE_SIZE = 50;

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Creates the model of one paged table. */
export function createPagedTable<T, K extends string>(fetch: FetchPage<T, K>, options: PagedTableOptions<K>) {
  const pageSize = options.pageSize ?? PAGE_SIZE;
  /** What the filter box says (may be ahead of {@link shown}'s filter while typing). */
  const filter = signal('');
  const sort = signal<TableSort<K>>(options.sort);
  /** The page shown and the question it answers; null before the first answer. */
  const shown = signal<{ page: TablePage<T>; filter: string; sort: TableSort<K> } | null>(null);
  /** A request is in flight or waiting. */
  const busy = signal(false);
  /** The last request's failure; the previous page stays shown. */
  const error = signal<string | null>(null);
  let offset = 0;
  /** Resolved when no request is in flight or waiting any more. */
  let settled: (() => void)[] = [];
  const requests = createLatestRequest<Required<TableQuery<K>>, TablePage<T>>(fetch, {
    answer: (query, page) => {
      offset = page.offset;
      shown.value = { page, filter: query.filter, sort: query.sort };
      error.value = null;
    },
    error: (_query, e) => void (error.value = message(e)),
    idle: () => {
      busy.value = false;
      const waiting = settled;
      settled = [];
      for (const resolve of waiting) resolve();
    },
  });

  function load(at = offset): Promise<void> {
    const query = { filter: filter.value.trim(), sort: sort.value, offset: Math.max(0, at), limit: pageSize };
    busy.value = true;
    const done = new Promise<void>((resolve) => settled.push(resolve));
    requests.ask(query);
    return done;
  }

  const total = () => shown.value?.page.total ?? 0;
  return {
    filter,
    sort,
    shown,
    busy,
    error,
    pageSize,
    /** Asks for the current page again (after an edit or a corpus change); the offset is kept, clamped by the answer. */
    reload: (): Promise<void> => load(),
    /** Sets the filter and asks for the first page of the matches: at once, or when the request running ends. */
    setFilter: (text: string): void => {
      filter.value = text;
      void load(0);
    },
    /** Sorts by `by` from the first page; the same column again flips the order. */
    sortBy: (by: K): Promise<void> => {
      const now = sort.value;
      sort.value = { by, descending: now.by === by ? !now.descending : (options.descendingFirst ?? []).includes(by) };
      return load(0);
    },
    first: (): Promise<void> => load(0),
    previous: (): Promise<void> => load(offset - pageSize),
    next: (): Promise<void> => load(offset + pageSize),
    last: (): Promise<void> => load(Math.max(0, total() - 1)),
    /** Whether there is a page before / after the one shown. */
    hasPrevious: (): boolean => (shown.value?.page.offset ?? 0) > 0,
    hasNext: (): boolean => {
      const s = shown.value;
      return s !== null && s.page.offset + s.page.rows.length < s.page.total;
    },
  };
}

export type PagedTable<T, K extends string> = ReturnType<typeof createPagedTable<T, K>>;

/** "Showing 1–50 of 9,898" (or "No matches" / "Nothing yet"); `noun` is plural. */
export function rangeText(page: TablePage<unknown>, noun: string, filtered: boolean): string {
  if (page.total === 0) return filtered ? `No ${noun} match the filter` : `No ${noun}`;
  const from = page.offset + 1;
  const to = page.offset + page.rows.length;
  const of = `${formatCount(page.total)}${filtered ? ` matching (of ${formatCount(page.all)})` : ''}`;
  return `Showing ${formatCount(from)}–${formatCount(to)} of ${of}`;
}
