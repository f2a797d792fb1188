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
import { announcement, createLiveRegion, trapTab } from './frame-a11y';
import type { PopoverModel } from './popover-model';

/** A lookup slower than this shows "Looking up…" instead of nothing. */
const LOADING_VISIBLE_AFTER_MS = 150;

/** The height `root`'s content would take unclamped: the card's scroll height and its borders. */
export function naturalHeight(root: HTMLElement): number {
  const card = root.firstElementChild;
  if (!(card instanceof HTMLElement)) return Math.ceil(root.getBoundingClientRect().height);
  return card.scrollHeight + (card.offsetHeight - card.clientHeight);
}

/** Starts listening; returns a function that stops. */
export function mountPopoverFrame(win: Window, root: HTMLElement, model: PopoverModel): () => void {
  const nonce = win.location.hash.slice(1);
  let port: MessagePort | null = null;
  const post = (message: FromFrame) => port?.postMessage(message);
  // The parent sizes the iframe to its content, up to its own maximum, and
  // shows it on the first size report after a `show`. What is reported is the
  // card's whole height, not what the frame shows of it: the card scrolls
  // inside a frame shorter than that (see popover.css).
  const reportSize = () => {
    post({ type: 'size', height: naturalHeight(root) });
    // The card is clamped to the frame: watch its content too, which grows and shrinks beneath it.
    const content = root.firstElementChild?.firstElementChild;
    if (content) sizer.observe(content);
  };

  const live = createLiveRegion(win.document);
  // Set when the card is shown under the pointer; the announcement waits for the card's content.
  let announce = false;
  let announceTimer: ReturnType<typeof setTimeout> | undefined;
  const announceReady = () => {
    const state = model.state.value;
    if (!announce || state.status !== 'ready') return;
    announce = false;
    const text = announcement(state.card);
    live.textContent = '';
    // A beat after the frame became visible, so that it is in the accessibility tree.
    clearTimeout(announceTimer);
    announceTimer = setTimeout(() => (live.textContent = text), 100);
  };

  const onCommand = (event: MessageEvent) => {
    const command = parseToFrame(event.data);
    if (!command) return;
    if (command.type === 'show') {
      // Rendered while hidden: nothing changes, so no effect reports the size; the host may not have had
      // this card's `ready` yet (it crossed the `show`), so report it as for any show.
      const rendered = model.renderedToken() === command.token;
      void model.show(command.token, command.entityId, command.surface);
      if (rendered) setTimeout(reportSize, 0);
    } else if (command.type === 'preload') {
      const { token } = command;
      void model.preload(token).then((rendered) => {
        // Preact renders in a microtask: measure after it, and only if nothing replaced the card meanwhile.
        if (rendered)
          setTimeout(() => {
            if (model.renderedToken() !== token) return;
            post({ type: 'ready', token, height: naturalHeight(root) });
            const content = root.firstElementChild?.firstElementChild;
            if (content) sizer.observe(content);
          }, 0);
      });
    } else if (command.type === 'hide') {
      announce = false;
      clearTimeout(announceTimer);
      live.textContent = '';
      model.hide();
    } else if (command.type === 'shown') {
      announce = true;
      announceReady();
    } else win.document.querySelector<HTMLElement>('main')?.focus();
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
    if (!event.isTrusted) return;
    if (event.key === 'Escape') post({ type: 'close', reason: 'escape' });
    else trapTab(event, win.document.querySelector<HTMLElement>('main'));
  };
  // The pointer in and out of the card, as this frame sees it (see FromFrame 'pointer').
  const onPointerEnter = (event: PointerEvent) => {
    if (event.isTrusted) post({ type: 'pointer', inside: true });
  };
  const onPointerLeave = (event: PointerEvent) => {
    if (event.isTrusted) post({ type: 'pointer', inside: false });
  };

  let loadingTimer: ReturnType<typeof setTimeout> | undefined;
  const stopEffect = effect(() => {
    const status = model.state.value.status;
    clearTimeout(loadingTimer);
    if (status === 'ready') announceReady();
    // Report once Preact has rendered the new state (it renders in a
    // microtask). Not requestAnimationFrame, nor only ResizeObserver: Chromium
    // runs neither in a hidden cross-origin frame, and the frame stays hidden
    // until this report arrives. A short lookup goes straight from nothing to
    // the card, without a flash of "Looking up…".
    // A card rendered ahead of its `show` (preload) is reported by `ready`, not as the size of what shows.
    if (status === 'idle' || !model.isVisible()) return;
    loadingTimer = setTimeout(reportSize, status === 'loading' ? LOADING_VISIBLE_AFTER_MS : 0);
  });
  const sizer = new ResizeObserver(() => {
    if (model.state.value.status !== 'idle' && model.isVisible()) reportSize();
  });
  sizer.observe(root);
  win.addEventListener('message', onWindowMessage);
  win.addEventListener('keydown', onKey);
  win.document.documentElement.addEventListener('pointerenter', onPointerEnter);
  win.document.documentElement.addEventListener('pointerleave', onPointerLeave);
  return () => {
    clearTimeout(announceTimer);
    live.remove();
    win.document.documentElement.removeEventListener('pointerenter', onPointerEnter);
    win.document.documentElement.removeEventListener('pointerleave', onPointerLeave);
    stopEffect();
    clearTimeout(loadingTimer);
    sizer.disconnect();
    port?.close();
    win.removeEventListener('message', onWindowMessage);
    win.removeEventListener('keydown', onKey);
  };
}
