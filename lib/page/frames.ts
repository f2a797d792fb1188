/**
 * Which frames Dossier works in. The content script runs in every frame
 * (`allFrames`), and each frame scans its own document and hosts its own
 * popover: coordinates, caret hit-testing, highlight registries and
 * MutationObservers are all per document, so one session per frame is the
 * simplest design that is correct. Only a frame too small for the popover
 * shows it in the top document ({@link popoverDocument}). Cross-origin child frames (ads, video
 * embeds, widgets) are left alone: they are not the article the user reads,
 * and a names request plus a compiled matcher per ad frame would cost every
 * page dearly.
 */

/**
 * True for the top frame and for child frames whose whole chain up to the top
 * is same-origin (`frameElement` is null across an origin boundary).
 */
export function isScannableFrame(win: Window): boolean {
  try {
    if (win === win.top) return true;
    for (let w: Window = win; w !== w.top; w = w.parent) {
      if (!w.frameElement) return false;
    }
    return true;
  } catch {
    return false; // a SecurityError on an odd embedder: not ours
  }
}

/** The smallest frame viewport a popover is shown in (its width with a margin, and a useful height), CSS px. */
export const MIN_POPOVER_VIEWPORT = { width: 420, height: 320 } as const;

/**
 * The document that shows a frame's popover: the frame's own, or, when the
 * frame is too small for it (a narrow sidebar frame, a one-line embed) and
 * same-origin up to the top, the top document, where the popover is not cut
 * off by the frame's edges. Floating UI places it across the frame boundary.
 */
export function popoverDocument(doc: Document): Document {
  const win = doc.defaultView;
  if (!win || win === win.top || !isScannableFrame(win)) return doc;
  if (win.innerWidth >= MIN_POPOVER_VIEWPORT.width && win.innerHeight >= MIN_POPOVER_VIEWPORT.height) return doc;
  try {
    return win.top?.document ?? doc;
  } catch {
    return doc; // not same-origin after all
  }
}
