/**
 * Scrolls a name into view for the popup's "On this page" (`page.reveal`).
 * `element.scrollIntoView()` on the name's element is not enough: it centres
 * the element, not the name (a long paragraph taller than the window leaves
 * the name off-screen), and it scrolls every scroll container on the way,
 * `overflow: hidden` ones included — carousels and tickers the page moves
 * itself, whose content then sits where the page never shows it.
 *
 * Here the name's own box is centred, first in each scroll container the user
 * can scroll (`overflow: auto | scroll`), innermost first, then in the window;
 * afterwards we check that the name is on screen and not clipped. Nothing is
 * added to the page (a temporary element to scroll to would be a mutation the
 * page sees).
 */
import { visibleParts, ClipCache } from './visibility';

/** The element around `node` (itself when it is one). */
const elementOf = (node: Node): Element | null => (node.nodeType === 1 ? (node as Element) : node.parentElement);

/** The parent element, or the shadow host when `el` is at the top of a shadow tree. */
function parentOf(el: Element): Element | null {
  if (el.parentElement) return el.parentElement;
  const root = el.getRootNode();
  return root instanceof ShadowRoot ? root.host : null;
}

const scrolls = (value: string, hidden: boolean): boolean =>
  value === 'auto' || value === 'scroll' || (hidden && value === 'hidden');

/** Moves `scroller` so that `box` is centred in its visible area, on each axis where it is not inside. */
function centreIn(scroller: Element, box: DOMRect, axes: { x: boolean; y: boolean }): void {
  const r = scroller.getBoundingClientRect();
  const top = r.top + scroller.clientTop;
  const left = r.left + scroller.clientLeft;
  if (axes.y && (box.top < top || box.bottom > top + scroller.clientHeight)) {
    scroller.scrollTop += box.top + box.height / 2 - (top + scroller.clientHeight / 2);
  }
  if (axes.x && (box.left < left || box.right > left + scroller.clientWidth)) {
    scroller.scrollLeft += box.left + box.width / 2 - (left + scroller.clientWidth / 2);
  }
}

/** Whether some part of `range` is on screen in its window and not clipped by an ancestor. */
export function isOnScreen(range: Range): boolean {
  const el = elementOf(range.startContainer);
  const view = el?.ownerDocument.defaultView;
  if (!el || !view) return false;
  const clips = new ClipCache();
  return visibleParts(el, range.getClientRects(), clips, 'shown').some(
    (b) => b.bottom > 0 && b.top < view.innerHeight && b.right > 0 && b.left < view.innerWidth,
  );
}

/** Options of {@link scrollRangeIntoView}. */
export interface ScrollRangeOptions {
  /** Also scroll `overflow: hidden` containers (the last resort). Default false. */
  scrollHidden?: boolean;
}

/**
 * Scrolls the scroll containers around `range` and its window so that the
 * range is in the middle of each. Returns whether it is on screen afterwards.
 */
export function scrollRangeIntoView(range: Range, options: ScrollRangeOptions = {}): boolean {
  const el = elementOf(range.startContainer);
  const doc = el?.ownerDocument;
  const view = doc?.defaultView;
  if (!el || !doc || !view) return false;
  const hidden = options.scrollHidden ?? false;
  const root = doc.scrollingElement ?? doc.documentElement;
  for (let a = parentOf(el); a && a !== root && a !== doc.body; a = parentOf(a)) {
    const style = view.getComputedStyle(a);
    const axes = {
      x: scrolls(style.overflowX, hidden) && a.scrollWidth > a.clientWidth,
      y: scrolls(style.overflowY, hidden) && a.scrollHeight > a.clientHeight,
    };
    if (axes.x || axes.y) centreIn(a, range.getBoundingClientRect(), axes);
  }
  const box = range.getBoundingClientRect();
  const dy = box.top + box.height / 2 - view.innerHeight / 2;
  const dx = box.left < 0 || box.right > view.innerWidth ? box.left + box.width / 2 - view.innerWidth / 2 : 0;
  view.scrollBy({ left: dx, top: dy, behavior: 'instant' });
  return isOnScreen(range);
}
