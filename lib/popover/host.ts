/**
 * The content-script side of the popover: an extension-origin iframe inside a
 * closed shadow root, positioned next to the hovered name with Floating UI.
 *
 * Why an iframe: the corpus may be private. A cross-origin frame's document is
 * unreachable from the page's scripts, the page's CSS cannot reach into it,
 * and with site isolation the card's text never enters the page's process.
 * The closed shadow root hides even the iframe element and its URL (which
 * carries the nonce that authenticates our commands).
 */
import { autoUpdate, computePosition, flip, offset, shift, size, type VirtualElement } from '@floating-ui/dom';
import { browser } from 'wxt/browser';
import { POPOVER_TAG, parseFromFrame, type ToFrame } from './frame-messages';

/** Width of the popover, CSS pixels. */
const WIDTH = 380;
/** Tallest the popover grows before its content scrolls. */
const MAX_HEIGHT = 460;

const HOST_CSS = `
:host { all: initial !important; position: absolute !important; top: 0 !important; left: 0 !important;
  width: 0 !important; height: 0 !important; z-index: 2147483647 !important; display: block !important; }
iframe { position: fixed; top: 0; left: 0; width: ${WIDTH}px; max-width: calc(100vw - 16px); height: 60px;
  border: 0; border-radius: 8px; background: transparent; color-scheme: light dark; visibility: hidden;
  box-shadow: 0 8px 28px rgba(0,0,0,.22), 0 1px 4px rgba(0,0,0,.12); }
iframe[data-open] { visibility: visible; }
`;

export interface PopoverHostEvents {
  /** Pointer entered (true) or left (false) the popover. */
  onPointer: (inside: boolean) => void;
  /** The popover asked to close (Escape inside it). */
  onClose: () => void;
}

/** Whether the browser has the Popover API (top layer); Chromium 114+, Firefox 125+. */
function supportsPopover(el: HTMLElement): boolean {
  return typeof el.showPopover === 'function';
}

function randomNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** One popover per page (and frame), created on first use. */
export class PopoverHost {
  private host: HTMLElement | null = null;
  private frame: HTMLIFrameElement | null = null;
  private ready: Promise<void> | null = null;
  private readonly nonce = randomNonce();
  private anchor: VirtualElement | null = null;
  private stopAutoUpdate: (() => void) | null = null;
  private height = 60;
  private showing = false;
  /** Set by show(): the frame has not yet reported the new card's size. */
  private awaitingSize = false;
  /** Set by focus(): move focus in once the popover is visible. */
  private focusWhenShown = false;
  private onWindowMessage: ((event: MessageEvent) => void) | null = null;

  private readonly view: Window;

  constructor(
    private readonly doc: Document,
    private readonly events: PopoverHostEvents,
  ) {
    this.view = doc.defaultView ?? window;
  }

  /** Creates the frame ahead of time so the first popover opens without a load. */
  prepare(): Promise<void> {
    if (this.ready) return this.ready;
    const host = this.doc.createElement('dossier-popover');
    host.setAttribute('data-dossier-ui', '');
    // In the top layer the popover shows above everything: fullscreen elements,
    // and page elements with the highest z-index in their own stacking context.
    if (supportsPopover(host)) host.setAttribute('popover', 'manual');
    const shadow = host.attachShadow({ mode: 'closed' });
    const style = this.doc.createElement('style');
    style.textContent = HOST_CSS;
    const frame = this.doc.createElement('iframe');
    frame.title = 'Dossier';
    frame.setAttribute('tabindex', '-1');
    frame.src = `${browser.runtime.getURL('/popover.html')}#${this.nonce}`;
    shadow.append(style, frame);
    frame.addEventListener('pointerenter', () => this.events.onPointer(true));
    frame.addEventListener('pointerleave', () => this.events.onPointer(false));
    this.host = host;
    this.frame = frame;
    this.ready = new Promise<void>((resolve) => {
      this.onWindowMessage = (event: MessageEvent) => {
        if (event.source !== frame.contentWindow) return;
        const message = parseFromFrame(event.data);
        if (!message) return;
        if (message.type === 'ready') resolve();
        else if (message.type === 'size') this.resize(message.height);
        else this.events.onClose();
      };
      this.view.addEventListener('message', this.onWindowMessage);
    });
    (this.doc.body ?? this.doc.documentElement).append(host);
    return this.ready;
  }

  /** Opens the popover for `entityId`, anchored to the client rects of `range`. */
  async show(entityId: string, surface: string, range: Range): Promise<void> {
    await this.prepare();
    const contextElement =
      range.startContainer instanceof Element
        ? range.startContainer
        : (range.startContainer.parentElement ?? undefined);
    this.anchor = {
      getBoundingClientRect: () => range.getBoundingClientRect(),
      getClientRects: () => range.getClientRects(),
      ...(contextElement ? { contextElement } : {}),
    };
    this.showing = true;
    this.awaitingSize = true;
    this.frame?.removeAttribute('data-open');
    this.post({ tag: POPOVER_TAG, nonce: this.nonce, type: 'show', entityId, surface });
    this.stopAutoUpdate?.();
    const frame = this.frame!;
    this.stopAutoUpdate = autoUpdate(this.anchor, frame, () => void this.place());
  }

  /**
   * Moves keyboard focus into the popover (for keyboard users) as soon as it
   * is shown: a hidden frame cannot take focus.
   */
  focus(): void {
    this.focusWhenShown = true;
    if (this.frame?.hasAttribute('data-open')) this.takeFocus();
  }

  private takeFocus(): void {
    this.focusWhenShown = false;
    this.frame?.focus();
    this.post({ tag: POPOVER_TAG, nonce: this.nonce, type: 'focus' });
  }

  hide(): void {
    this.showing = false;
    this.focusWhenShown = false;
    this.stopAutoUpdate?.();
    this.stopAutoUpdate = null;
    this.frame?.removeAttribute('data-open');
    if (this.host?.matches(':popover-open')) this.host.hidePopover();
    this.post({ tag: POPOVER_TAG, nonce: this.nonce, type: 'hide' });
  }

  /** True when `node` is our popover's host (clicks on it are not "click away"). */
  contains(node: EventTarget | null): boolean {
    return node !== null && node === this.host;
  }

  dispose(): void {
    this.hide();
    if (this.onWindowMessage) this.view.removeEventListener('message', this.onWindowMessage);
    this.onWindowMessage = null;
    this.host?.remove();
    this.host = null;
    this.frame = null;
    this.ready = null;
  }

  private post(message: ToFrame): void {
    // The frame's origin is our extension's; '*' is safe because only that
    // frame's window receives it, and the nonce authenticates it.
    this.frame?.contentWindow?.postMessage(message, '*');
  }

  private resize(height: number): void {
    this.awaitingSize = false;
    this.height = Math.max(24, Math.min(MAX_HEIGHT, height));
    if (this.frame) this.frame.style.height = `${this.height}px`;
    void this.place();
  }

  private async place(): Promise<void> {
    const frame = this.frame;
    const anchor = this.anchor;
    if (!frame || !anchor || !this.showing) return;
    const { x, y } = await computePosition(anchor, frame, {
      strategy: 'fixed',
      placement: 'bottom-start',
      middleware: [
        offset(6),
        flip({ padding: 8 }),
        shift({ padding: 8 }),
        size({
          padding: 8,
          apply: ({ availableHeight, elements }) => {
            elements.floating.style.maxHeight = `${Math.max(120, availableHeight)}px`;
          },
        }),
      ],
    });
    if (!this.showing || this.awaitingSize) return;
    frame.style.transform = `translate(${Math.round(x)}px, ${Math.round(y)}px)`;
    // Entering the top layer again puts the popover above a fullscreen
    // element or a later popover of the page's.
    const host = this.host;
    if (host && supportsPopover(host) && !frame.hasAttribute('data-open')) {
      if (host.matches(':popover-open')) host.hidePopover();
      host.showPopover();
    }
    frame.setAttribute('data-open', '');
    if (this.focusWhenShown) this.takeFocus();
  }
}
