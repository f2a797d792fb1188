/**
 * State of the popover frame: which entity it shows and its card, loaded from
 * the background. Components read the signals; the frame's message handler
 * calls the actions.
 */
import { signal } from '@preact/signals';
import type { EntityCard } from '../../messages/protocol';

export type CardState =
  | { status: 'idle' }
  | { status: 'loading'; entityId: string; surface: string }
  | { status: 'ready'; card: EntityCard }
  | { status: 'error'; surface: string; message: string };

/** Where the popover frame gets its cards; injected so tests need no browser. */
export interface CardSource {
  /** Trades a one-time token from the content script for its card (`popover.card`). */
  byToken(token: string): Promise<EntityCard>;
  /** The card of an entity a card already shown lists as related (`entity.card`). */
  related(entityId: string): Promise<EntityCard>;
}

/** Creates the model. */
export function createPopoverModel(source: CardSource) {
  const state = signal<CardState>({ status: 'idle' });
  // Cards this frame was already given, by entity: a frame only ever gets
  // commands from the content script that holds its port.
  const cache = new Map<string, EntityCard>();
  // Entities the shown cards link to: the only ones the frame asks for without a token.
  const linked = new Set<string>();
  let current = '';

  async function load(
    entityId: string,
    surface: string,
    fetch: () => Promise<EntityCard>,
    useCache: boolean,
  ): Promise<void> {
    current = entityId;
    const cached = useCache ? cache.get(entityId) : undefined;
    if (cached) {
      state.value = { status: 'ready', card: cached };
      return;
    }
    state.value = { status: 'loading', entityId, surface };
    try {
      const card = await fetch();
      cache.set(card.entity.id, card);
      for (const r of card.related) linked.add(r.id);
      if (current === entityId) state.value = { status: 'ready', card };
    } catch (error) {
      if (current === entityId) {
        state.value = { status: 'error', surface, message: error instanceof Error ? error.message : String(error) };
      }
    }
  }

  /**
   * Shows the card a token from the content script names. Always asked afresh: the same name elsewhere on
   * the page comes with other words around it, and the card is ranked by them.
   */
  function show(token: string, entityId: string, surface: string): Promise<void> {
    return load(entityId, surface, () => source.byToken(token), false);
  }

  /** Shows a related entity of a card this frame shows (a click in the card); ignores any other id. */
  function showRelated(entityId: string, surface: string): Promise<void> {
    if (!linked.has(entityId)) return Promise.resolve();
    return load(entityId, surface, () => source.related(entityId), true);
  }

  function hide(): void {
    current = '';
    state.value = { status: 'idle' };
  }

  return { state, show, showRelated, hide };
}

export type PopoverModel = ReturnType<typeof createPopoverModel>;
