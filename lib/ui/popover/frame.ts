/**
 * Wires the popover frame to the content script that created it: waits for
 * the one `connect` message that carries the nonce from this frame's URL
 * fragment and a `MessagePort`, then takes `show` / `hide` / `focus` commands
 * over that port only, reports the content's height and asks to close on
 * Escape over it too. Nothing is posted to any window: the page learns
 * nothing from the frame (lib/popover/frame-messages.ts).
 */
import { effect } from '@preact/signals';
import { isConnect, parseToFrame, type FromFrame } from '../../popover/frame-messages';
import type { PopoverModel } from './popover-model';

/** A lookup slower than this shows "Looking up…" instead of nothing. */
const LOADING_VISIBLE_AFTER_MS = 150;

/** Starts listening; returns a function that stops. */
export function mountPopoverFrame(win: Window, root: HTMLElement, model: PopoverModel): () => void {
  const nonce = win.location.hash.slice(1);
  let port: MessagePort | null = null;
  const post = (message: FromFrame) => port?.postMessage(message);
  // The parent sizes the iframe to its content, up to its own maximum, and
  // shows it on the first size report after a `show`; the root is measured
  // rather than the document, which is as tall as the iframe.
  const reportSize = () => post({ type: 'size', height: Math.ceil(root.getBoundingClientRect().height) });

  const onCommand = (event: MessageEvent) => {
    const command = parseToFrame(event.data);
    if (!command) return;
    if (command.type === 'show') void model.show(command.token, command.entityId, command.surface);
    else if (command.type === 'hide') model.hide();
    else win.document.querySelector<HTMLElement>('main')?.focus();
  };
  // The first message with our nonce and a port wins; any later one is ignored.
  const onWindowMessage = (event: MessageEvent) => {
    if (port || !isConnect(event.data, nonce) || !event.ports[0]) return;
    port = event.ports[0];
    port.onmessage = onCommand;
    win.removeEventListener('message', onWindowMessage);
    post({ type: 'hello' });
  };
  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape') post({ type: 'close', reason: 'escape' });
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
  win.addEventListener('message', onWindowMessage);
  win.addEventListener('keydown', onKey);
  return () => {
    stopEffect();
    clearTimeout(loadingTimer);
    sizer.disconnect();
    port?.close();
    win.removeEventListener('message', onWindowMessage);
    win.removeEventListener('keydown', onKey);
  };
}
