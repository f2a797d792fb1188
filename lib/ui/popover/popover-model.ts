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

/** Creates the model; `fetchCard` is injected so tests need no browser. */
export function createPopoverModel(fetchCard: (entityId: string) => Promise<EntityCard>) {
  const state = signal<CardState>({ status: 'idle' });
  const cache = new Map<string, EntityCard>();
  let current = '';

  async function show(entityId: string, surface: string): Promise<void> {
    current = entityId;
    const cached = cache.get(entityId);
    if (cached) {
      state.value = { status: 'ready', card: cached };
      return;
    }
    state.value = { status: 'loading', entityId, surface };
    try {
      const card = await fetchCard(entityId);
      cache.set(entityId, card);
      if (current === entityId) state.value = { status: 'ready', card };
    } catch (error) {
      if (current === entityId) {
        state.value = { status: 'error', surface, message: error instanceof Error ? error.message : String(error) };
      }
    }
  }

  function hide(): void {
    current = '';
    state.value = { status: 'idle' };
  }

  return { state, show, hide };
}

export type PopoverModel = ReturnType<typeof createPopoverModel>;
