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
 * the page, and the clipping ancestors are cached for one scan slice.
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

/** Per-slice cache: an element's clip box (null: it clips nothing). */
export type ClipCache = Map<Element, Box | null>;

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

/** The box `el` clips its descendants to, or null when it clips nothing. */
function clipOf(el: Element, cache: ClipCache): Box | null {
  const known = cache.get(el);
  if (known !== undefined) return known;
  const view = el.ownerDocument.defaultView;
  let box: Box | null = null;
  if (view && el !== el.ownerDocument.documentElement && el !== el.ownerDocument.body) {
    const s = view.getComputedStyle(el);
    const clips =
      s.overflowX !== 'visible' ||
      s.overflowY !== 'visible' ||
      s.clipPath !== 'none' ||
      (s.clip !== 'auto' && s.clip !== '' && (s.position === 'absolute' || s.position === 'fixed'));
    if (clips) {
      const r = el.getBoundingClientRect();
      box = { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
      // `clip: rect(0 0 0 0)` and `clip-path: inset(50%)` leave a box but show nothing.
      if (/rect\(\s*0(px)?[\s,]+0(px)?[\s,]+0(px)?[\s,]+0(px)?\s*\)/.test(s.clip) || /inset\(\s*50%/.test(s.clipPath))
        box = { left: r.left, top: r.top, right: r.left, bottom: r.top };
    }
  }
  cache.set(el, box);
  return box;
}

/**
 * The parts of `rects` the user could see: each rect clipped by the clipping
 * ancestors of `el` and by the document's scrollable area. Empty when none.
 */
export function visibleParts(el: Element, rects: ArrayLike<DOMRectReadOnly>, cache: ClipCache): Box[] {
  const doc = el.ownerDocument;
  const view = doc.defaultView;
  if (!view) return [];
  const root = doc.scrollingElement ?? doc.documentElement;
  // What the user can scroll to, in viewport coordinates.
  const area: Box = {
    left: -view.scrollX,
    top: -view.scrollY,
    right: Math.max(root.scrollWidth, view.innerWidth) - view.scrollX,
    bottom: Math.max(root.scrollHeight, view.innerHeight) - view.scrollY,
  };
  const clips: Box[] = [];
  for (let a: Element | null = el; a; a = a.parentElement ?? hostOf(a)) {
    const c = clipOf(a, cache);
    if (c) clips.push(c);
  }
  const out: Box[] = [];
  for (let i = 0; i < rects.length; i++) {
    const r = rects[i]!;
    let b: Box = intersect({ left: r.left, top: r.top, right: r.right, bottom: r.bottom }, area);
    for (const c of clips) b = intersect(b, c);
    if (!isEmpty(b)) out.push(b);
  }
  return out;
}

/** The host of the shadow root `el` is the top of, or null. */
function hostOf(el: Element): Element | null {
  const root = el.getRootNode();
  return root instanceof ShadowRoot ? root.host : null;
}

/** Whether the user can see some of `range`'s text, held by element `el` (see the module comment). */
export function isTextVisible(el: Element, range: Range, cache: ClipCache): boolean {
  if (isStyleHidden(el)) return false;
  return visibleParts(el, range.getClientRects(), cache).length > 0;
}
