/**
 * Messages between the content script and the popover frame (an
 * extension-origin iframe the page cannot read).
 *
 * Nothing is ever posted to the page's window. Once the frame has loaded, the
 * content script posts one {@link Connect} message to it, with the frame's
 * origin as the pinned target (a frame navigated elsewhere receives nothing)
 * and a `MessagePort` transferred with it; the nonce in it is the one the
 * content script put in the frame's URL fragment, which the page cannot read.
 * From then on both sides talk only over that port: the page has no handle on
 * it, so it can neither read nor forge a command.
 */

/** Tag on the one window message, to tell it apart from the page's own. */
export const POPOVER_TAG = 'dossier-popover';

/** Shortest nonce the frame accepts (hex digits). */
export const MIN_NONCE_LENGTH = 32;

/** Content script → frame window, once, with the port in `event.ports[0]`. */
export interface Connect {
  tag: typeof POPOVER_TAG;
  type: 'connect';
  nonce: string;
}

/** Content script → frame, over the port. */
export type ToFrame =
  | {
      type: 'show';
      /** One-time token from the background (`popover.grant`); the frame trades it for the card. */
      token: string;
      entityId: string;
      /** Text as it appears on the page. */ surface: string;
    }
  /**
   * The pointer rests on a name whose card may open next: trade the token for the card now, keep it,
   * and show it when a `show` with the same token comes. Nothing is shown.
   */
  | { type: 'preload'; token: string }
  | { type: 'hide' }
  | { type: 'focus' }
  /** The card is now visible on the page, opened by the pointer: announce it (aria-live) to screen readers. */
  | { type: 'shown' };

/** Frame → content script, over the port. */
export type FromFrame =
  | { type: 'hello' }
  | { type: 'size'; height: number }
  /** The card of a preloaded token is rendered in the hidden frame and this tall: its `show` needs no wait. */
  | { type: 'ready'; token: string; height: number }
  | { type: 'close'; reason: 'escape' | 'action' }
  /**
   * The pointer entered or left the card, seen from inside the frame (trusted
   * events only). The page's own `pointerenter` on the iframe element is not
   * always sent when the frame runs in another process.
   */
  | { type: 'pointer'; inside: boolean };

const isRecord = (data: unknown): data is Record<string, unknown> => typeof data === 'object' && data !== null;
const isText = (value: unknown, max: number): value is string => typeof value === 'string' && value.length <= max;

/** True when `data` is a connect message carrying `nonce` (and `nonce` is long enough to be ours). */
export function isConnect(data: unknown, nonce: string): boolean {
  return (
    isRecord(data) &&
    data.tag === POPOVER_TAG &&
    data.type === 'connect' &&
    nonce.length >= MIN_NONCE_LENGTH &&
    data.nonce === nonce
  );
}

/** Parses a command the frame received over its port. */
export function parseToFrame(data: unknown): ToFrame | null {
  if (!isRecord(data)) return null;
  if (data.type === 'show') {
    return isText(data.token, 64) && isText(data.entityId, 512) && isText(data.surface, 1000)
      ? { type: 'show', token: data.token, entityId: data.entityId, surface: data.surface }
      : null;
  }
  if (data.type === 'preload') return isText(data.token, 64) ? { type: 'preload', token: data.token } : null;
  return data.type === 'hide' || data.type === 'focus' || data.type === 'shown' ? { type: data.type } : null;
}

/** Parses a message the content script received from the frame over the port. */
export function parseFromFrame(data: unknown): FromFrame | null {
  if (!isRecord(data)) return null;
  if (data.type === 'hello') return { type: 'hello' };
  if (data.type === 'size') {
    return typeof data.height === 'number' && Number.isFinite(data.height)
      ? { type: 'size', height: data.height }
      : null;
  }
  if (data.type === 'ready') {
    return isText(data.token, 64) && typeof data.height === 'number' && Number.isFinite(data.height)
      ? { type: 'ready', token: data.token, height: data.height }
      : null;
  }
  if (data.type === 'pointer') {
    return typeof data.inside === 'boolean' ? { type: 'pointer', inside: data.inside } : null;
  }
  if (data.type === 'close') {
    return data.reason === 'escape' || data.reason === 'action' ? { type: 'close', reason: data.reason } : null;
  }
  return null;
}
