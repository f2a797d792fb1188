import type { JSX } from 'preact';
import { EntityCard, type MorePages } from '../card/EntityCard';
import type { PopoverModel } from './popover-model';

export interface PopoverProps {
  model: PopoverModel;
  onOpenReader: (docId: string, at: number) => void;
  onSearch: (query: string) => void;
  /** Further pages of a card's lists (`card.more`). */
  more?: MorePages;
}

/** The popover frame's content: a dialog with the entity card, or its loading / error state. */
export function Popover({ model, onOpenReader, onSearch, more }: PopoverProps): JSX.Element | null {
  const state = model.state.value;
  switch (state.status) {
    case 'idle':
      return null;
    case 'loading':
      return (
        <main role="dialog" aria-label={state.surface} aria-busy="true" class="popover">
          <p class="status">Looking up {state.surface}…</p>
        </main>
      );
    case 'error':
      return (
        <main role="dialog" aria-label={state.surface} class="popover">
          <p class="status error" role="alert">
            Dossier could not look up {state.surface}: {state.message}
          </p>
        </main>
      );
    case 'ready':
      return (
        <main role="dialog" aria-label={state.card.entity.name} class="popover" tabIndex={-1}>
          <EntityCard
            card={state.card}
            {...(more ? { more } : {})}
            onSelectEntity={(id) => void model.showRelated(id, id)}
            onOpenReader={onOpenReader}
            onSearch={onSearch}
          />
        </main>
      );
  }
}
