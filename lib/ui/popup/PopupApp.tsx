import type { JSX } from 'preact';
import { OnPage } from '../on-page/OnPage';
import type { OnPageModel } from '../on-page/on-page-model';
import { Search } from '../search/Search';
import type { SearchModel } from '../search/search-model';

export interface PopupAppProps {
  search: SearchModel;
  /** The current tab's names and switches; null for the full-size search in a tab. */
  onPage: OnPageModel | null;
  openInReader: (docId: string, at: number) => void;
  close: () => void;
}

/** The toolbar popup: search first (it has the focus), then the current page. */
export function PopupApp({ search, onPage, openInReader, close }: PopupAppProps): JSX.Element {
  return (
    <>
      <Search model={search} openInReader={openInReader} close={close} />
      {onPage ? <OnPage model={onPage} /> : null}
    </>
  );
}
