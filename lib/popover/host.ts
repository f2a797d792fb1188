/**
 * The content-script side of the popover: an extension-origin iframe inside a
 * closed shadow root, positioned next to the hovered name with Floating UI.
 *
 * Why an iframe: the corpus may be private. A cross-origin frame's document is
 * unreachable from the page's scripts, the page's CSS cannot reach into it,
 * and with site isolation the card's text never enters the page's process.
 * The closed shadow root hides the iframe element and its URL (which carries
 * the nonce of the handshake), and keeps it out of the page's `window.frames`.
 *
 * The channel (frame-messages.ts): on the frame's load we post one message
 * to it, pinned to the extension's origin, with a `MessagePort`; everything
 * else goes over that port, never through the page's window. A second load
 * means the frame was navigated (by anyone): it is no longer ours, so it is
 * removed at once and the next popover gets a new frame. Each card is shown
 * with a one-time token the background grants this tab (`popover.grant`);
 * the frame trades it for the card, so a frame a page embeds itself gets
 * nothing.
 */
import { autoUpdate, computePosition, flip, hide, offset, shift, size, type VirtualElement } from '@floating-ui/dom';
import { browser } from 'wxt/browser';
import { request } from '../messages/client';
import type { CardContext } from '../messages/protocol';
import { cardContext } from './card-context';
import { POPOVER_TAG, parseFromFrame, type Connect, type ToFrame } from './frame-messages';

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
  /**
   * The popover should close: Escape or an action inside it, the name it
   * points at was scrolled out of sight, or the page removed the popover.
   */
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

/**
 * The origin our frame's document has. Chrome hands content scripts the
 * session's dynamic address for a `use_dynamic_url` resource
 * (`chrome-extension://<random>/popover.html`), but the document it loads
 * has the extension's own origin, `chrome-extension://<id>`; Firefox's
 * `moz-extension://<uuid>` address is the origin itself.
 */
function extensionOrigin(url: string): string {
  const parsed = new URL(url);
  return parsed.protocol === 'chrome-extension:' ? `chrome-extension://${browser.runtime.id}` : parsed.origin;
}

/** A token prefetched longer ago than this is not used (the background keeps them 10 s). */
const EARLY_TOKEN_MAX_AGE_MS = 5_000;

/** A frame that has not said hello over its port this long after loading is dropped. */
const HELLO_TIMEOUT_MS = 10_000;

/** Asks the background for a card token (`popover.grant`) with the page's words to rank it by; injectable for tests. */
export type GrantCard = (entityId: string, context: CardContext) => Promise<string>;

const grantFromBackground: GrantCard = async (entityId, context) =>
  (await request('popover.grant', { entityId, context })).token;

function sameContext(a: CardContext, b: CardContext): boolean {
  return a.text === b.text && a.title === b.title;
}

/** One popover per page (and frame), created on first use. */
export class PopoverHost {
  private host: HTMLElement | null = null;
  private frame: HTMLIFrameElement | null = null;
  private port: MessagePort | null = null;
  private ready: Promise<boolean> | null = null;
  private anchor: VirtualElement | null = null;
  private stopAutoUpdate: (() => void) | null = null;
  private height = 60;
  private showing = false;
  /** Counts show() calls, so that a slow token for an older hover is dropped. */
  private showSeq = 0;
  /** A token asked for while the hover delay runs ({@link prefetch}), used by the next show() of that entity. */
  private early: {
    entityId: string;
    context: CardContext;
    at: number;
    token: Promise<string>;
    /** Set by {@link preload}: the frame was (or is about to be) told to fetch this token's card. */
    preloading?: boolean;
  } | null = null;
  /** The token whose card the hidden frame has rendered ahead of its show(), and its height ({@link preload}). */
  private rendered: { token: string; height: number } | null = null;
  /** Set by show(): the frame has not yet reported the new card's size. */
  private awaitingSize = false;
  /** Set by focus(): move focus in once the popover is visible. */
  private focusWhenShown = false;

  constructor(
    private readonly doc: Document,
    private readonly events: PopoverHostEvents,
    private readonly grant: GrantCard = grantFromBackground,
  ) {}

  /**
   * Creates the frame ahead of time so the first popover opens without a load.
   * Resolves true once the frame answered over its port, false when it was
   * dropped (navigated away, or no answer): the next call makes a new one.
   */
  prepare(): Promise<boolean> {
    // The page replaced its <body> or removed our element: the frame went with
    // it (a frame taken out of the document is unloaded), so make a new one.
    if (this.host && !this.host.isConnected) this.drop();
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
    // "Copy with citation" in the card writes to the clipboard from this cross-origin frame.
    frame.setAttribute('allow', 'clipboard-write');
    const nonce = randomNonce();
    const url = browser.runtime.getURL('/popover.html');
    const frameOrigin = extensionOrigin(url);
    frame.src = `${url}#${nonce}`;
    shadow.append(style, frame);
    frame.addEventListener('pointerenter', (e) => {
      if (e.isTrusted) this.events.onPointer(true);
    });
    frame.addEventListener('pointerleave', (e) => {
      if (e.isTrusted) this.events.onPointer(false);
    });
    this.host = host;
    this.frame = frame;
    const ready = new Promise<boolean>((resolve) => {
      let connected = false;
      let helloTimer: ReturnType<typeof setTimeout> | undefined;
      const fail = (why: string) => {
        clearTimeout(helloTimer);
        if (this.frame === frame) this.drop();
        console.warn(`Dossier: the popover frame ${why}; it was removed`);
        resolve(false);
      };
      frame.addEventListener('load', () => {
        // A load after our page said hello is a navigation away from it. (A load
        // before, e.g. of an initial about:blank, just gets the offer again.)
        if (connected || !frame.contentWindow) return fail('navigated away');
        this.port?.close();
        const channel = new MessageChannel();
        const port = channel.port1;
        port.onmessage = (event: MessageEvent) => {
          if (this.frame !== frame || this.port !== port) return;
          const message = parseFromFrame(event.data);
          if (!message) return;
          if (message.type === 'hello') {
            connected = true;
            clearTimeout(helloTimer);
            resolve(true);
          } else if (!connected) return;
          else if (message.type === 'size') this.resize(message.height);
          else if (message.type === 'ready') this.rendered = { token: message.token, height: message.height };
          else if (message.type === 'pointer') this.events.onPointer(message.inside);
          else this.events.onClose();
        };
        this.port = port;
        const connect: Connect = { tag: POPOVER_TAG, type: 'connect', nonce };
        // Pinned to the extension's origin: if the frame shows anything else, it gets nothing.
        frame.contentWindow.postMessage(connect, frameOrigin, [channel.port2]);
        helloTimer ??= setTimeout(() => fail('did not answer'), HELLO_TIMEOUT_MS);
      });
    });
    this.ready = ready;
    (this.doc.body ?? this.doc.documentElement).append(host);
    return ready;
  }

  /**
   * Gets the frame and a card token for `entityId` ready while the hover
   * delay runs, so that the card shows without waiting for either. Call it for
   * the name under the user's own pointer only; repeated calls for the same
   * entity reuse the request.
   */
  prefetch(entityId: string, range: Range): void {
    void this.prepare();
    const now = Date.now();
    if (this.early?.entityId === entityId && now - this.early.at < EARLY_TOKEN_MAX_AGE_MS) return;
    const context = cardContext(range.startContainer.ownerDocument ?? this.doc, range);
    const token = this.grant(entityId, context);
    token.catch(() => undefined); // reported by show(), if it comes
    this.early = { entityId, context, at: now, token };
  }

  /**
   * The pointer has rested on the name for a while (HoverIntent's `onRest`): the frame trades the
   * prefetched token for the card now, while the rest of the hover delay runs; when no card shows, the
   * frame also renders it hidden and says `ready`, so that show() only has to place it. Not done for every
   * name the pointer crosses: a card costs the background more than a token.
   */
  preload(entityId: string, range: Range): void {
    this.prefetch(entityId, range);
    const early = this.early;
    if (!early || early.preloading) return;
    early.preloading = true;
    Promise.all([early.token, this.prepare()]).then(
      ([token, ready]) => {
        // Still the next card to show: a show() that came meanwhile took the token and asks for it itself.
        if (ready && this.early === early) this.post({ type: 'preload', token });
      },
      () => undefined, // reported by show(), if it comes
    );
  }

  /**
   * The prefetched token for `entityId` if it is fresh and was asked with the same context (the same
   * name elsewhere on the page ranks by other words), else a new one; a prefetched token is used once.
   */
  private takeGrant(entityId: string, context: CardContext): Promise<string> {
    const early = this.early;
    this.early = null;
    if (
      early?.entityId === entityId &&
      Date.now() - early.at < EARLY_TOKEN_MAX_AGE_MS &&
      sameContext(early.context, context)
    )
      return early.token;
    return this.grant(entityId, context);
  }

  /** Opens the popover for `entityId`, anchored to the client rects of `range`. */
  async show(entityId: string, surface: string, range: Range): Promise<void> {
    const seq = ++this.showSeq;
    let token: string;
    try {
      const context = cardContext(range.startContainer.ownerDocument ?? this.doc, range);
      const [granted, ready] = await Promise.all([this.takeGrant(entityId, context), this.prepare()]);
      if (!ready) return;
      token = granted;
    } catch (error) {
      // The background is gone (extension updated) or refused: no card, and the page stays as it was.
      console.warn(`Dossier: no popover: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    // A later show() or hide() came while we waited.
    if (seq !== this.showSeq) return;
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
    const rendered = this.rendered?.token === token ? this.rendered : null;
    this.rendered = null;
    this.frame?.removeAttribute('data-open');
    this.post({ type: 'show', token, entityId, surface });
    // A card the hidden frame already rendered shows at the next placement; any other waits for its size.
    if (rendered) this.setHeight(rendered.height);
    this.awaitingSize = !rendered;
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
    this.post({ type: 'focus' });
  }

  hide(): void {
    this.showSeq++;
    this.rendered = null;
    this.showing = false;
    this.focusWhenShown = false;
    this.stopAutoUpdate?.();
    this.stopAutoUpdate = null;
    // The keyboard was in the card: give it back to the page (the session then
    // returns it to where it was, when it knows), not to a hidden frame.
    if (this.host && this.doc.activeElement === this.host) this.frame?.blur();
    this.frame?.removeAttribute('data-open');
    if (this.host?.matches(':popover-open')) this.host.hidePopover();
    this.post({ type: 'hide' });
  }

  /** True when `node` is our popover's host (clicks on it are not "click away"). */
  contains(node: EventTarget | null): boolean {
    return node !== null && node === this.host;
  }

  dispose(): void {
    this.hide();
    this.drop();
  }

  /** Removes the frame and closes its port; the next prepare() makes a new one. */
  private drop(): void {
    this.showing = false;
    this.rendered = null;
    this.stopAutoUpdate?.();
    this.stopAutoUpdate = null;
    this.port?.close();
    this.port = null;
    this.host?.remove();
    this.host = null;
    this.frame = null;
    this.ready = null;
  }

  private post(message: ToFrame): void {
    this.port?.postMessage(message);
  }

  private resize(height: number): void {
    this.awaitingSize = false;
    this.setHeight(height);
    void this.place();
  }

  private setHeight(height: number): void {
    this.height = Math.max(24, Math.min(MAX_HEIGHT, height));
    if (this.frame) this.frame.style.height = `${this.height}px`;
  }

  private async place(): Promise<void> {
    const frame = this.frame;
    const anchor = this.anchor;
    if (!frame || !anchor || !this.showing) return;
    if (!this.host?.isConnected) return this.events.onClose(); // the page removed it: the next hover makes a new one
    // Floating UI's `hide` reads the clipping ancestors of the name; across a
    // frame boundary (a small frame's card shown in the top document) it
    // would compare boxes of two documents, so it is used within one only.
    const sameDocument = anchor.contextElement?.ownerDocument === this.doc;
    const { x, y, middlewareData } = await computePosition(anchor, frame, {
      strategy: 'fixed',
      placement: 'bottom-start',
      middleware: [
        offset(6),
        flip({ padding: 8 }),
        shift({ padding: 8 }),
        size({
          padding: 8,
          // The frame gets shorter than its content when space is short; the
          // frame's one scroller (`.popover`, max-height 100vh) follows it.
          apply: ({ availableHeight, elements }) => {
            elements.floating.style.maxHeight = `${Math.max(120, availableHeight)}px`;
          },
        }),
        ...(sameDocument ? [hide({ strategy: 'referenceHidden' })] : []),
      ],
    });
    if (!this.showing) return;
    // A scroller of the page hid the name (or it left the viewport): a card
    // pointing at nothing closes, as Page Previews does.
    if (middlewareData.hide?.referenceHidden) return this.events.onClose();
    if (this.awaitingSize) return;
    frame.style.transform = `translate(${Math.round(x)}px, ${Math.round(y)}px)`;
    // Entering the top layer again puts the popover above a fullscreen
    // element or a later popover of the page's.
    const host = this.host;
    const wasOpen = frame.hasAttribute('data-open');
    if (host && supportsPopover(host) && !wasOpen) {
      if (host.matches(':popover-open')) host.hidePopover();
      host.showPopover();
    }
    frame.setAttribute('data-open', '');
    if (this.focusWhenShown) this.takeFocus();
    else if (!wasOpen) this.post({ type: 'shown' }); // opened by the pointer: the frame announces it
  }
}
