import type { JSX } from 'preact';
import type { TableSort } from '../../query/corpus-tables';
import { rangeText, type PagedTable } from './paged-table';
import { formatCount } from '../common/intl';

export interface TablePagerProps<T, K extends string> {
  table: PagedTable<T, K>;
  /** Plural noun of the rows ("articles", "entities"). */
  noun: string;
  /** What the pager controls, e.g. "Documents" (its navigation is "Documents pages"). */
  label: string;
}

/**
 * "Showing 51–100 of 9,898" (a polite live region, so a screen reader hears
 * each new page and filter result) and first/previous/next/last buttons.
 * The buttons are never `disabled`, only `aria-disabled`: a button the user
 * pressed keeps the keyboard focus when the last page makes it inactive.
 */
export function TablePager<T, K extends string>({ table, noun, label }: TablePagerProps<T, K>): JSX.Element {
  const shown = table.shown.value;
  const filtered = Boolean(shown?.filter);
  const text = shown ? rangeText(shown.page, noun, filtered) : `Loading the ${noun}…`;
  const button = (name: string, text: string, enabled: boolean, go: () => Promise<void>) => (
    <button
      type="button"
      class="small"
      aria-label={name}
      aria-disabled={enabled ? undefined : 'true'}
      onClick={() => {
        if (enabled) void go();
      }}
    >
      {text}
    </button>
  );
  const pages = shown ? Math.max(1, Math.ceil(shown.page.total / table.pageSize)) : 1;
  const current = shown ? Math.floor(shown.page.offset / table.pageSize) + 1 : 1;
  return (
    <div class="pager">
      <p class="pager-range" role="status" aria-live="polite" data-testid={`${label.toLowerCase()}-range`}>
        {text}
        {table.busy.value ? <span class="spinner" aria-hidden="true" /> : null}
      </p>
      <nav class="pager-buttons" aria-label={`${label} pages`}>
        {button('First page', '«', table.hasPrevious(), table.first)}
        {button('Previous page', '‹ Previous', table.hasPrevious(), table.previous)}
        <span class="pager-page">
          Page {formatCount(current)} of {formatCount(pages)}
        </span>
        {button('Next page', 'Next ›', table.hasNext(), table.next)}
        {button('Last page', '»', table.hasNext(), table.last)}
      </nav>
    </div>
  );
}

/** A column header that sorts its table (a button, with `aria-sort` on the header cell). */
export function SortHeader<K extends string>(props: {
  label: string;
  by: K;
  sort: TableSort<K>;
  onSort: (by: K) => void;
  class?: string;
}): JSX.Element {
  const { label, by, sort, onSort } = props;
  const active = sort.by === by;
  return (
    <th scope="col" class={props.class} aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : undefined}>
      <button type="button" class="sort" onClick={() => onSort(by)}>
        {label}
      </button>
    </th>
  );
}
