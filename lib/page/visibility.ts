/**
 * Whether the user can actually see a piece of text: only such text becomes a
 * mark (is counted, painted, hoverable). A page may plant candidate names in
 * text nobody sees, to learn from our reaction which are in the corpus; what it
 * cannot show the user, we do not look up.
 *
 * Hidden means any of: not rendered or `opacity: 0` / `visibility: hidden` on
 * the element or an ancestor (`checkVisibility` with those options), a colour
 * (or `-webkit-text-fill-color`) with alpha under {@link MIN_ALPHA}, a font of
 * {@link MAX_TINY_FONT_PX} px or less, no box with an area, boxes entirely
 * outside the area the user can scroll to (the `left: -9999px` and
 * `text-indent` tricks), or boxes clipped to nothing by an ancestor with
 * `overflow` other than visible or a `clip`/`clip-path` (the 1 px
 * "visually hidden" pattern). Not detected: text covered by an opaque element,
 * text coloured like its background. Both would still be painted only in our
 * closed overlay, which the page cannot read (see README, "What a page can
 * observe").
 *
 * The checks run on the few elements that hold a match, never per text node of
 * the page; within one task (a scan slice, a paint) each ancestor's clip, each
 * element's chain of clipping ancestors and the scrollable area are read once
 * ({@link ClipCache}).
 */

/** Colour alpha below which text counts as transparent. */
export const MIN_ALPHA = 0.1;
/** Fonts this small or smaller (CSS px) count as unreadable. */
export const MAX_TINY_FONT_PX = 4;

/** A rectangle in viewport coordinates. */
export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/**
 * What {@link visibleParts} learns about the page in one task (a scan slice, one paint, one reveal), while
 * nothing can move: each element's clip (null: it clips nothing), the clips of each element's ancestors, and
 * the document's scrollable area. Use one cache per {@link ClipMode}, and a new one per task.
 */
export class ClipCache {
  /** An element's own clip, null when it clips nothing. */
  readonly own = new Map<Element, Clip | null>();
  /**
   * The clips of an element and all its ancestors (through shadow hosts), innermost first. Marks sit in
   * the same few paragraphs: their ancestors are looked at once, not once per mark.
   */
  readonly chains = new Map<Element, readonly Clip[]>();
  /** The document's scrollable area per document, in viewport coordinates. */
  readonly areas = new Map<Document, Box>();
}

/**
 * 'reachable': what the user can see or scroll to (a scroll container clips to
 * its whole scrollable area) — whether to look text up; 'shown': what is on
 * screen now (a scroll container clips to its box) — where to paint.
 */
export type ClipMode = 'reachable' | 'shown';

/** Alpha of a computed CSS colour (`rgb()`, `rgba()`, `transparent`, `color(… / a)`); 1 when unknown. */
export function alphaOf(color: string): number {
  if (color === 'transparent') return 0;
  const slash = /\/\s*([\d.]+)(%?)\s*\)$/.exec(color);
  if (slash) return slash[2] ? Number(slash[1]) / 100 : Number(slash[1]);
  const rgba = /^rgba\([^,]+,[^,]+,[^,]+,\s*([\d.]+)\s*\)$/.exec(color);
  return rgba ? Number(rgba[1]) : 1;
}

/** Whether the element's own style hides its text (see the module comment); ancestors included. */
export function isStyleHidden(el: Element): boolean {
  if (typeof el.checkVisibility === 'function') {
    const options = { opacityProperty: true, visibilityProperty: true, checkOpacity: true, checkVisibilityCSS: true };
    if (!el.checkVisibility(options)) {
      // display:contents has no box of its own, yet its children show.
      const view = el.ownerDocument.defaultView;
      if (!view || view.getComputedStyle(el).display !== 'contents') return true;
    }
  }
  const view = el.ownerDocument.defaultView;
  if (!view) return true;
  const style = view.getComputedStyle(el);
  if (parseFloat(style.fontSize) <= MAX_TINY_FONT_PX) return true;
  if (alphaOf(style.color) < MIN_ALPHA) return true;
  const fill = style.getPropertyValue('-webkit-text-fill-color');
  return fill !== '' && alphaOf(fill) < MIN_ALPHA;
}

const intersect = (a: Box, b: Box): Box => ({
  left: Math.max(a.left, b.left),
  top: Math.max(a.top, b.top),
  right: Math.min(a.right, b.right),
  bottom: Math.min(a.bottom, b.bottom),
});
const isEmpty = (b: Box): boolean => b.right - b.left < 1 || b.bottom - b.top < 1;

const scrolls = (overflow: string): boolean => overflow === 'auto' || overflow === 'scroll';

/** How an element clips its descendants: `box` on screen now; `reach` what scrolling it can bring in. */
export interface Clip {
  box: Box;
  /** Null unless the element scrolls (and the mode is 'reachable'). */
  reach: Box | null;
}

/**
 * Elements whose computed style clips nothing (no overflow other than visible, no `clip`/`clip-path`),
 * kept across slices by a caller that drops it whenever the page changes (the scanner: every mutation
 * batch). Most ancestors of a text are such elements: knowing it spares a `getComputedStyle` per
 * ancestor per slice, which was the largest part of the visibility check on pages with many marks.
 */
export type NoClipCache = WeakSet<Element>;

/** How `el` clips its descendants, or null when it clips nothing. */
function clipOf(el: Element, cache: ClipCache, mode: ClipMode, noClip?: NoClipCache): Clip | null {
  const known = cache.own.get(el);
  if (known !== undefined) return known;
  if (noClip?.has(el)) {
    cache.own.set(el, null);
    return null;
  }
  const view = el.ownerDocument.defaultView;
  let clip: Clip | null = null;
  if (view && el !== el.ownerDocument.documentElement && el !== el.ownerDocument.body) {
    const s = view.getComputedStyle(el);
    const clipped =
      s.clipPath !== 'none' ||
      (s.clip !== 'auto' && s.clip !== '' && (s.position === 'absolute' || s.position === 'fixed'));
    if (clipped || s.overflowX !== 'visible' || s.overflowY !== 'visible') {
      const r = el.getBoundingClientRect();
      const box: Box = { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
      let reach: Box | null = null;
      if (!clipped) {
        // Overflow clips per axis; what a scroll container holds is reachable by scrolling it.
        if (s.overflowX === 'visible') [box.left, box.right] = [-Infinity, Infinity];
        if (s.overflowY === 'visible') [box.top, box.bottom] = [-Infinity, Infinity];
        if (mode === 'reachable' && (scrolls(s.overflowX) || scrolls(s.overflowY))) {
          reach = { ...box };
          if (scrolls(s.overflowX)) {
            reach.left = r.left + el.clientLeft - el.scrollLeft;
            reach.right = reach.left + Math.max(el.scrollWidth, r.width);
          }
          if (scrolls(s.overflowY)) {
            reach.top = r.top + el.clientTop - el.scrollTop;
            reach.bottom = reach.top + Math.max(el.scrollHeight, r.height);
          }
        }
      }
      // `clip: rect(0 0 0 0)` and `clip-path: inset(50%)` leave a box but show nothing.
      if (/rect\(\s*0(px)?[\s,]+0(px)?[\s,]+0(px)?[\s,]+0(px)?\s*\)/.test(s.clip) || /inset\(\s*50%/.test(s.clipPath))
        [box.right, box.bottom] = [box.left, box.top];
      clip = { box, reach };
    } else noClip?.add(el);
  }
  cache.own.set(el, clip);
  return clip;
}

/**
 * The clips of `el` and its ancestors, innermost first (see {@link ClipCache.chains}). Climbs only to the
 * nearest ancestor already known, then fills in every element passed on the way.
 */
function clipsAbove(el: Element, cache: ClipCache, mode: ClipMode, noClip?: NoClipCache): readonly Clip[] {
  const passed: Element[] = [];
  let known: readonly Clip[] = NO_CLIPS;
  for (let a: Element | null = el; a; a = a.parentElement ?? hostOf(a)) {
    const chain = cache.chains.get(a);
    if (chain) {
      known = chain;
      break;
    }
    passed.push(a);
  }
  for (let i = passed.length - 1; i >= 0; i--) {
    const a = passed[i]!;
    const c = clipOf(a, cache, mode, noClip);
    if (c) known = [c, ...known];
    cache.chains.set(a, known);
  }
  return known;
}

const NO_CLIPS: readonly Clip[] = [];

/** What the user can scroll `doc` to, in viewport coordinates; null without a window. */
function scrollArea(doc: Document, cache: ClipCache): Box | null {
  const known = cache.areas.get(doc);
  if (known) return known;
  const view = doc.defaultView;
  if (!view) return null;
  const root = doc.scrollingElement ?? doc.documentElement;
  const area: Box = {
    left: -view.scrollX,
    top: -view.scrollY,
    right: Math.max(root.scrollWidth, view.innerWidth) - view.scrollX,
    bottom: Math.max(root.scrollHeight, view.innerHeight) - view.scrollY,
  };
  cache.areas.set(doc, area);
  return area;
}

/**
 * The parts of `rects` the user could see: each rect clipped by the clipping
 * ancestors of `el` (see {@link ClipMode}) and by the document's scrollable
 * area. Empty when none.
 */
export function visibleParts(
  el: Element,
  rects: ArrayLike<DOMRectReadOnly>,
  cache: ClipCache,
  mode: ClipMode = 'reachable',
  noClip?: NoClipCache,
): Box[] {
  const area = scrollArea(el.ownerDocument, cache);
  if (!area) return [];
  const clips = clipsAbove(el, cache, mode, noClip);
  const out: Box[] = [];
  for (let i = 0; i < rects.length; i++) {
    const r = rects[i]!;
    let b: Box = { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
    for (const c of clips) {
      if (c.reach) {
        // Inside what scrolling the box can show: then it can show it in its box.
        b = intersect(b, c.reach);
        if (isEmpty(b)) break;
        b = intersect(
          {
            left: Math.min(Math.max(b.left, c.box.left), c.box.right - 1),
            top: Math.min(Math.max(b.top, c.box.top), c.box.bottom - 1),
            right: Math.max(Math.min(b.right, c.box.right), c.box.left + 1),
            bottom: Math.max(Math.min(b.bottom, c.box.bottom), c.box.top + 1),
          },
          c.box,
        );
      } else b = intersect(b, c.box);
      if (isEmpty(b)) break;
    }
    b = intersect(b, area);
    if (!isEmpty(b)) out.push(b);
  }
  return out;
}

/** The host of the shadow root `el` is the top of, or null. */
function hostOf(el: Element): Element | null {
  const root = el.getRootNode();
  return root instanceof ShadowRoot ? root.host : null;
}
