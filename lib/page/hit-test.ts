/**
 * Which mark is under the pointer. The caret APIs give the text node and
 * offset nearest to a point; the {@link MarkIndex} turns that into at most two
 * candidate marks; and because the caret APIs snap to the nearest text even
 * from a margin or the far end of a line, a candidate counts only if the point
 * is inside one of its client rects.
 */
import type { EntityType } from '../pack/types';
import { liveRange, type Mark, type MarkIndex } from './marks';

/** The mark under a point. */
export interface HitResult {
  entityId: string;
  type: EntityType;
  /** The name as written on the page. */
  text: string;
  /** A live range over the name (anchor for the popover). */
  range: Range;
  mark: Mark;
}

/** A caret position: a node and an offset in it. */
export interface CaretPoint {
  node: Node;
  offset: number;
}

/** Dependencies of {@link hitTest}, replaceable in tests (no layout in happy-dom). */
export interface HitTestDeps {
  /** Caret position at a viewport point. Default {@link caretAt}. */
  caretAt?: (x: number, y: number) => CaretPoint | null;
  /** Client rects of a live range. Default `range.getClientRects()`. */
  rectsOf?: (range: Range) => ArrayLike<DOMRectReadOnly>;
}

type CaretDoc = Document & {
  caretPositionFromPoint?: (
    x: number,
    y: number,
    options?: { shadowRoots?: ShadowRoot[] },
  ) => { offsetNode: Node; offset: number } | null;
  caretRangeFromPoint?: (x: number, y: number) => Range | null;
};

/**
 * Caret position at viewport point (x, y): `caretPositionFromPoint` (standard;
 * Firefox, Chrome 128+), else `caretRangeFromPoint` (older Chrome, Safari).
 * `shadowRoots` lets the standard API return positions inside those open
 * shadow roots instead of at their host. Null when neither API exists.
 */
export function caretAt(doc: Document, x: number, y: number, shadowRoots: ShadowRoot[] = []): CaretPoint | null {
  const d = doc as CaretDoc;
  if (typeof d.caretPositionFromPoint === 'function') {
    const pos =
      shadowRoots.length > 0 ? d.caretPositionFromPoint(x, y, { shadowRoots }) : d.caretPositionFromPoint(x, y);
    return pos ? { node: pos.offsetNode, offset: pos.offset } : null;
  }
  if (typeof d.caretRangeFromPoint === 'function') {
    const range = d.caretRangeFromPoint(x, y);
    return range ? { node: range.startContainer, offset: range.startOffset } : null;
  }
  return null;
}

/** Whether (x, y) lies in one of `rects`, with `slop` pixels of tolerance. */
export function rectsContain(rects: ArrayLike<DOMRectReadOnly>, x: number, y: number, slop = 1): boolean {
  for (let i = 0; i < rects.length; i++) {
    const r = rects[i]!;
    if (x >= r.left - slop && x <= r.right + slop && y >= r.top - slop && y <= r.bottom + slop) return true;
  }
  return false;
}

/** The mark under viewport point (x, y) in `doc`, or null. Never throws on odd pages. */
export function hitTest(
  index: MarkIndex,
  doc: Document,
  x: number,
  y: number,
  deps: HitTestDeps = {},
): HitResult | null {
  const caret = (deps.caretAt ?? ((cx, cy) => caretAt(doc, cx, cy)))(x, y);
  if (!caret || caret.node.nodeType !== 3) return null;
  const rectsOf = deps.rectsOf ?? ((r: Range) => r.getClientRects());
  for (const mark of index.at(caret.node, caret.offset)) {
    try {
      const range = liveRange(mark);
      if (rectsContain(rectsOf(range), x, y)) {
        return { entityId: mark.entityId, type: mark.type, text: mark.text, range, mark };
      }
    } catch {
      // The mark's nodes changed under us (offsets out of range): not a hit.
    }
  }
  return null;
}
