/**
 * Wires the popover frame to its parent page's content script: takes `show` /
 * `hide` / `focus` commands (checked against the nonce in the URL fragment),
 * reports the content's height, and asks to close on Escape.
 */
import { effect } from '@preact/signals';
import { POPOVER_TAG, parseToFrame, type FromFrame } from '../../popover/frame-messages';
import type { PopoverModel } from './popover-model';

/** A lookup slower than this shows "Looking up…" instead of nothing. */
const LOADING_VISIBLE_AFTER_MS = 150;
/** How deep below the parent a frame that hosts us from afar may be. */
const MAX_FRAME_DEPTH = 4;

/**
 * Whether `source` is the parent or a frame inside it. A content script in a
 * small child frame shows its popover in the top document (lib/page/frames.ts),
 * and its messages come from its own window. Reading `frames` of a
 * cross-origin window is allowed; the nonce still authenticates every command.
 */
function fromParentTree(parent: Window, source: MessageEventSource | null, depth = 0): boolean {
  if (source === parent) return true;
  if (depth >= MAX_FRAME_DEPTH) return false;
  for (let i = 0; i < parent.frames.length; i++) {
    if (fromParentTree(parent.frames[i]!, source, depth + 1)) return true;
  }
  return false;
}

/** Starts listening; returns a function that stops. */
export function mountPopoverFrame(win: Window, root: HTMLElement, model: PopoverModel): () => void {
  const nonce = win.location.hash.slice(1);
  const post = (message: FromFrame) => win.parent.postMessage(message, '*');
  // The parent sizes the iframe to its content, up to its own maximum, and
  // shows it on the first size report after a `show`; the root is measured
  // rather than the document, which is as tall as the iframe.
  const reportSize = () =>
    post({ tag: POPOVER_TAG, type: 'size', height: Math.ceil(root.getBoundingClientRect().height) });

  const onMessage = (event: MessageEvent) => {
    if (!fromParentTree(win.parent, event.source)) return;
    const command = parseToFrame(event.data, nonce);
    if (!command) return;
    if (command.type === 'show') void model.show(command.entityId, command.surface);
    else if (command.type === 'hide') model.hide();
    else win.document.querySelector<HTMLElement>('main')?.focus();
  };
  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape') post({ tag: POPOVER_TAG, type: 'close', reason: 'escape' });
  };

  let loadingTimer: ReturnType<typeof setTimeout> | undefined;
  const stopEffect = effect(() => {
    const status = model.state.value.status;
    clearTimeout(loadingTimer);
    // Report once Preact has rendered the new state (it renders in a
    // microtask). Not requestAnimationFrame, nor only ResizeObserver: Chromium
    // runs neither in a hidden cross-origin frame, and the frame stays hidden
    // until this report arrives. A short lookup goes straight from nothing to
    // the card, without a flash of "Looking up…".
    loadingTimer = setTimeout(reportSize, status === 'loading' ? LOADING_VISIBLE_AFTER_MS : 0);
    if (status === 'idle') clearTimeout(loadingTimer);
  });
  const sizer = new ResizeObserver(() => {
    if (model.state.value.status !== 'idle') reportSize();
  });
  sizer.observe(root);
  win.addEventListener('message', onMessage);
  win.addEventListener('keydown', onKey);
  post({ tag: POPOVER_TAG, type: 'ready' });
  return () => {
    stopEffect();
    clearTimeout(loadingTimer);
    sizer.disconnect();
    win.removeEventListener('message', onMessage);
    win.removeEventListener('keydown', onKey);
  };
}
