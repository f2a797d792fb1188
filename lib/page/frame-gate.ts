/**
 * Frame gating: a frame (the top one included) starts Dossier's work — the
 * settings read, the `names.get` request, the matcher's compile, the scan —
 * only once it shows the user some text that a name could match. Real pages
 * carry many same-origin `about:blank` and `srcdoc` frames (ad slots, 1×1
 * trackers, empty widget shells: 17 of breitbart's 35 frames); each used to
 * fetch the whole name table and compile its own automaton for nothing.
 *
 * A frame is *ready* when its viewport is not tiny ({@link MIN_FRAME_PX}),
 * its `<iframe>` element (same-origin chain, see frames.ts) is rendered and
 * not `visibility: hidden` / `opacity: 0`, and its document holds at least
 * {@link MIN_TEXT_UNITS} letters or digits of text the user can see, the
 * length of the shortest name the matcher can match in practice (a name of
 * one letter would not wake a frame whose only text is one letter).
 *
 * Until then it costs one MutationObserver (child lists and character data),
 * a `resize` listener and an attribute observer on its `<iframe>` element;
 * each batch of changes schedules one re-check, at most every
 * {@link RECHECK_MS}, that reads the frame's text until it has enough.
 */
import { isSkippedElement } from './elements';
import { isWordUnit } from './normalize';
import { isStyleHidden } from './visibility';

/** A viewport narrower or lower than this (CSS px) is a tiny frame: a tracking pixel, a collapsed ad slot. */
export const MIN_FRAME_PX = 10;
/** Letters and digits of visible text a frame needs before it starts (see the module comment). */
export const MIN_TEXT_UNITS = 2;
/** Shortest interval between two re-checks of a waiting frame, ms. */
export const RECHECK_MS = 250;

/** Whether a viewport of `width` × `height` CSS px is too small to show a name. */
export function isTinyViewport(width: number, height: number): boolean {
  return width < MIN_FRAME_PX || height < MIN_FRAME_PX;
}

/**
 * Whether the text under `root` the user can see holds at least `need`
 * letters or digits. Skipped subtrees (scripts, styles, form fields, editable
 * regions, our own UI: elements.ts) do not count; `isShown` says whether a
 * text's parent element shows it (asked once per element, only for texts with
 * a letter or digit). Stops reading as soon as `need` is reached.
 */
export function hasVisibleText(root: Node, need: number, isShown: (el: Element) => boolean = isShownElement): boolean {
  const doc = root.ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root, 0x1 | 0x4 /* SHOW_ELEMENT | SHOW_TEXT */, {
    acceptNode: (node) =>
      node.nodeType === 1 && isSkippedElement(node as Element) ? 2 /* FILTER_REJECT */ : 1 /* FILTER_ACCEPT */,
  });
  const shown = new Map<Element, boolean>();
  let count = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.nodeType !== 3) continue;
    const text = (node as Text).data;
    let units = 0;
    for (let i = 0; i < text.length && count + units < need; i++) if (isWordUnit(text.charCodeAt(i))) units++;
    if (units === 0) continue;
    const parent = node.parentElement;
    if (!parent) continue;
    let visible = shown.get(parent);
    if (visible === undefined) shown.set(parent, (visible = isShown(parent)));
    if (visible && (count += units) >= need) return true;
  }
  return false;
}

/** Whether `el` shows its text (visibility.ts's style test; no geometry). */
function isShownElement(el: Element): boolean {
  return !isStyleHidden(el);
}

/** What {@link frameHasText} reads of a frame; the defaults read the real window. */
export interface FrameProbe {
  /** The frame's viewport, CSS px. */
  viewport(): { width: number; height: number };
  /** The `<iframe>` element showing this frame (null for the top frame or across origins). */
  frameElement(): Element | null;
  /** Whether an element shows its text. */
  isShown(el: Element): boolean;
  /** Whether the `<iframe>` element is rendered, visible and not transparent (its colour and font do not matter). Default: `isShown`. */
  isFrameShown?(el: Element): boolean;
}

function windowProbe(win: Window): FrameProbe {
  return {
    viewport: () => ({ width: win.innerWidth, height: win.innerHeight }),
    frameElement: () => {
      try {
        return win.frameElement;
      } catch {
        return null;
      }
    },
    isShown: isShownElement,
    isFrameShown: (el) =>
      typeof el.checkVisibility !== 'function' ||
      el.checkVisibility({ opacityProperty: true, visibilityProperty: true }),
  };
}

/** Whether the frame showing `doc` is ready to start (see the module comment). */
export function frameHasText(doc: Document, probe: FrameProbe, need = MIN_TEXT_UNITS): boolean {
  const { width, height } = probe.viewport();
  if (isTinyViewport(width, height)) return false;
  const frame = probe.frameElement();
  if (frame && !(probe.isFrameShown ? probe.isFrameShown(frame) : probe.isShown(frame))) return false;
  const root = doc.body ?? doc.documentElement;
  return root !== null && hasVisibleText(root, need, (el) => probe.isShown(el));
}

/** A frame waiting for text: `ready` resolves once it has some; `cancel()` stops watching (ready then never resolves). */
export interface FrameGate {
  ready: Promise<void>;
  /** True once `ready` has resolved. */
  readonly open: boolean;
  cancel(): void;
}

/** Options of {@link waitForFrameText}. */
export interface FrameGateOptions {
  /** Default: reads `doc.defaultView`. */
  probe?: FrameProbe;
  /** Letters or digits needed. Default {@link MIN_TEXT_UNITS}. */
  need?: number;
  /** Shortest interval between re-checks, ms. Default {@link RECHECK_MS}. */
  recheckMs?: number;
}

/**
 * Resolves when `doc`'s frame is ready (see the module comment): at once when
 * it already is, else after the change that makes it so.
 */
export function waitForFrameText(doc: Document, options: FrameGateOptions = {}): FrameGate {
  const win = doc.defaultView;
  const probe = options.probe ?? (win ? windowProbe(win) : null);
  const need = options.need ?? MIN_TEXT_UNITS;
  const recheckMs = options.recheckMs ?? RECHECK_MS;
  let resolve!: () => void;
  const ready = new Promise<void>((r) => (resolve = r));
  const gate: FrameGate = { ready, open: false, cancel: () => undefined };
  if (!probe || frameHasText(doc, probe, need)) {
    (gate as { open: boolean }).open = true;
    resolve();
    return gate;
  }

  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastCheck = Date.now();
  const observers: MutationObserver[] = [];
  const stop = () => {
    for (const o of observers) o.disconnect();
    observers.length = 0;
    win?.removeEventListener('resize', schedule);
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };
  const check = () => {
    timer = null;
    lastCheck = Date.now();
    if (!frameHasText(doc, probe, need)) return;
    stop();
    (gate as { open: boolean }).open = true;
    resolve();
  };
  function schedule() {
    if (timer !== null) return;
    timer = setTimeout(check, Math.max(0, lastCheck + recheckMs - Date.now()));
  }
  const content = new MutationObserver(schedule);
  content.observe(doc, { childList: true, subtree: true, characterData: true });
  observers.push(content);
  const frame = probe.frameElement();
  if (frame) {
    // The embedding page shows a hidden frame by changing its element's attributes.
    const shown = new MutationObserver(schedule);
    shown.observe(frame, { attributes: true, attributeFilter: ['style', 'class', 'hidden', 'width', 'height'] });
    observers.push(shown);
  }
  win?.addEventListener('resize', schedule);
  gate.cancel = stop;
  return gate;
}
