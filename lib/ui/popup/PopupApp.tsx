import type { JSX } from 'preact';
import { OnPage } from '../on-page/OnPage';
import type { OnPageModel } from '../on-page/on-page-model';
import { Search } from '../search/Search';
import type { SearchModel } from '../search/search-model';

export interface PopupAppProps {
  search: SearchModel;
  onPage: OnPageModel;
}

/** The toolbar popup: search first (it has the focus), then the current page. */
export function PopupApp({ search, onPage }: PopupAppProps): JSX.Element {
  return (
    <>
      <Search model={search} />
      <OnPage model={onPage} />
    </>
  );
}
