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

/** Preloaded cards a frame keeps at once (a pointer rests on one name at a time). */
export const MAX_PRELOADED = 4;

/** Creates the model. */
export function createPopoverModel(source: CardSource) {
  const state = signal<CardState>({ status: 'idle' });
  // Cards this frame was already given, by entity: a frame only ever gets
  // commands from the content script that holds its port.
  const cache = new Map<string, EntityCard>();
  // Entities the shown cards link to: the only ones the frame asks for without a token.
  const linked = new Set<string>();
  let current = '';
  // Cards asked for ahead of a `show` (`preload`), by token, oldest first; each is used once.
  const preloaded = new Map<string, Promise<EntityCard>>();
  // Between a `show` and the next `hide`: the frame is (about to be) visible, so a preload must not
  // replace what it shows.
  let visible = false;
  // The token whose card is rendered in the hidden frame, ready for its `show`.
  let rendered: string | null = null;

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
    visible = true;
    const ready = rendered === token && state.value.status === 'ready';
    rendered = null;
    if (ready) return Promise.resolve(); // rendered while hidden: nothing changes
    const early = preloaded.get(token);
    preloaded.delete(token);
    return load(entityId, surface, () => early ?? source.byToken(token), false);
  }

  /**
   * Trades `token` for its card now, without showing anything, so that a `show` with the same token
   * renders at once. At most {@link MAX_PRELOADED} are kept (the oldest are dropped: their tokens are spent,
   * and a `show` naming one gets the same "nothing to show" as any used token).
   */
  function preload(token: string): Promise<boolean> {
    if (preloaded.has(token) || rendered === token) return Promise.resolve(false);
    const card = source.byToken(token);
    preloaded.set(token, card);
    for (const old of preloaded.keys()) {
      if (preloaded.size <= MAX_PRELOADED) break;
      preloaded.delete(old);
    }
    // A hidden frame renders the card at once, so that its `show` only has to make it visible.
    return card.then(
      (c) => {
        if (visible || !preloaded.has(token)) return false;
        preloaded.delete(token);
        rendered = token;
        cache.set(c.entity.id, c);
        for (const r of c.related) linked.add(r.id);
        current = c.entity.id;
        state.value = { status: 'ready', card: c };
        return true;
      },
      () => false, // reported by the show() that uses it, if one comes
    );
  }

  /** The token whose card the hidden frame has rendered (see {@link preload}), if any. */
  function renderedToken(): string | null {
    return rendered;
  }

  /** Whether a `show` came since the last `hide`. */
  function isVisible(): boolean {
    return visible;
  }

  /** Shows a related entity of a card this frame shows (a click in the card); ignores any other id. */
  function showRelated(entityId: string, surface: string): Promise<void> {
    if (!linked.has(entityId)) return Promise.resolve();
    return load(entityId, surface, () => source.related(entityId), true);
  }

  function hide(): void {
    visible = false;
    rendered = null;
    current = '';
    state.value = { status: 'idle' };
  }

  return { state, show, preload, renderedToken, isVisible, showRelated, hide };
}

export type PopoverModel = ReturnType<typeof createPopoverModel>;
