import type { JSX } from 'preact';
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { CardList, CardListPage } from '../../messages/protocol';
import { appendPage } from './card-pages';
import { EntityCardView, type EntityCardViewProps } from './EntityCardView';

/** Asks for a further page of a card (`card.more`). */
export type MorePages = (token: string, list: CardList, from: number) => Promise<CardListPage>;

export interface EntityCardProps extends Omit<EntityCardViewProps, 'onMore' | 'loadingMore' | 'moreError'> {
  /** Without it, "N more in the corpus" is only said, not offered. */
  more?: MorePages;
}

/** An entity card whose "N more in the corpus" loads the next page of that list in place. */
export function EntityCard({ card: given, more, ...rest }: EntityCardProps): JSX.Element {
  const card = useSignal(given);
  const loading = useSignal<CardList | null>(null);
  const error = useSignal<string | null>(null);
  useEffect(() => {
    card.value = given;
    loading.value = null;
    error.value = null;
  }, [given]);
  const onMore = async (list: CardList) => {
    const shown = card.value;
    const from = shown.next[list];
    if (!more || !shown.more || from === null || loading.value) return;
    loading.value = list;
    error.value = null;
    try {
      const page = await more(shown.more, list, from);
      if (card.value === shown) card.value = appendPage(shown, page);
    } catch (e) {
      error.value = `Could not load more: ${e instanceof Error ? e.message : String(e)}`;
    } finally {
      loading.value = null;
    }
  };
  return (
    <EntityCardView
      {...rest}
      card={card.value}
      {...(more && card.value.more ? { onMore: (list: CardList) => void onMore(list) } : {})}
      loadingMore={loading.value}
      moreError={error.value}
    />
  );
}
