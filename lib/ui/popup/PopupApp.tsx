import type { JSX } from 'preact';
import { Clip } from '../clip/Clip';
import type { ClipModel } from '../clip/clip-model';
import { OnPage } from '../on-page/OnPage';
import type { OnPageModel } from '../on-page/on-page-model';
import { Search } from '../search/Search';
import type { SearchModel } from '../search/search-model';

export interface PopupAppProps {
  search: SearchModel;
  /** The current tab's names and switches; null for the full-size search in a tab. */
  onPage: OnPageModel | null;
  /** "Add this page to Dossier" for the current tab; null for the full-size search in a tab. */
  clip: ClipModel | null;
  openInReader: (docId: string, at: number) => void;
  close: () => void;
}

/** The toolbar popup: search first (it has the focus), then the current page: add it, and its names. */
export function PopupApp({ search, onPage, clip, openInReader, close }: PopupAppProps): JSX.Element {
  return (
    <>
      <Search model={search} openInReader={openInReader} close={close} />
      {clip ? <Clip model={clip} showStart openInReader={(docId) => openInReader(docId, 0)} /> : null}
      {onPage ? <OnPage model={onPage} /> : null}
    </>
  );
}
