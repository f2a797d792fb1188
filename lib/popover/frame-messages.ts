/**
 * Messages between the content script and the popover frame (an
 * extension-origin iframe the page cannot read).
 *
 * Parent → frame messages carry a nonce that the content script put in the
 * frame's URL fragment: the page cannot read a cross-origin frame's URL, so it
 * cannot forge them. Frame → parent messages carry no secret (the page sees
 * them); the content script trusts them only when `event.source` is the frame.
 */

/** Tag on every popover message, to tell them apart from the page's own. */
export const POPOVER_TAG = 'dossier-popover';

export type ToFrame =
  | {
      tag: typeof POPOVER_TAG;
      nonce: string;
      type: 'show';
      entityId: string;
      /** Text as it appears on the page. */ surface: string;
    }
  | { tag: typeof POPOVER_TAG; nonce: string; type: 'hide' }
  | { tag: typeof POPOVER_TAG; nonce: string; type: 'focus' };

export type FromFrame =
  | { tag: typeof POPOVER_TAG; type: 'ready' }
  | { tag: typeof POPOVER_TAG; type: 'size'; height: number }
  | { tag: typeof POPOVER_TAG; type: 'close'; reason: 'escape' | 'action' };

/** Parses a message the frame received; null unless it is ours with the right nonce. */
export function parseToFrame(data: unknown, nonce: string): ToFrame | null {
  if (typeof data !== 'object' || data === null) return null;
  const m = data as Record<string, unknown>;
  if (m.tag !== POPOVER_TAG || m.nonce !== nonce || typeof nonce !== 'string' || nonce.length < 16) return null;
  if (m.type === 'show') {
    return typeof m.entityId === 'string' && typeof m.surface === 'string' ? (m as ToFrame) : null;
  }
  return m.type === 'hide' || m.type === 'focus' ? (m as ToFrame) : null;
}

/** Parses a message the content script received from the frame. */
export function parseFromFrame(data: unknown): FromFrame | null {
  if (typeof data !== 'object' || data === null) return null;
  const m = data as Record<string, unknown>;
  if (m.tag !== POPOVER_TAG) return null;
  if (m.type === 'ready') return m as FromFrame;
  if (m.type === 'size') return typeof m.height === 'number' && Number.isFinite(m.height) ? (m as FromFrame) : null;
  if (m.type === 'close') return m.reason === 'escape' || m.reason === 'action' ? (m as FromFrame) : null;
  return null;
}
