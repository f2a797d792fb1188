/**
 * Dossier on one page: fetches the corpus's names, scans the page for them,
 * and opens the popover on hover. The entrypoint only starts and stops it.
 */
import { request } from '../messages/client';
import type { NameTable } from '../messages/protocol';
import { compileMatcherIdle } from '../page/matcher';
import { PageScanner } from '../page/scanner';
import type { HitResult } from '../page/hit-test';
import { HoverIntent } from '../popover/hover-intent';
import { PopoverHost } from '../popover/host';

export interface PageSessionOptions {
  /** Rest on a name this long before its popover opens, ms. */
  showDelay?: number;
  /** Grace period after the pointer leaves a name or the popover, ms. */
  hideDelay?: number;
}

/**
 * Starts Dossier on `doc`. Returns a function that removes every trace of it
 * (marks, listeners, popover), or null when the corpus has no names.
 * @throws DossierRequestError when the background cannot answer.
 */
export async function startPageSession(doc: Document, options: PageSessionOptions = {}): Promise<(() => void) | null> {
  const table = (await request('names.get', {})) as NameTable;
  if (table.names.length === 0) return null;
  const matcher = await compileMatcherIdle(table.names);
  const scanner = new PageScanner(doc, matcher);
  scanner.start();

  const intent: HoverIntent<HitResult> = new HoverIntent<HitResult>({
    showDelay: options.showDelay ?? 300,
    hideDelay: options.hideDelay ?? 300,
    same: (a, b) => a.mark === b.mark,
    onShow: (hit) => {
      scanner.setActive(hit);
      void popover.show(hit.entityId, hit.text, hit.range);
    },
    onHide: () => {
      scanner.setActive(null);
      popover.hide();
    },
  });
  const popover = new PopoverHost(doc, {
    onPointer: (inside) => intent.popover(inside),
    onClose: () => intent.hideNow(),
  });

  // Hit-test at most once per frame, whatever the pointer's event rate.
  let frame = 0;
  let lastX = 0;
  let lastY = 0;
  const win = doc.defaultView ?? window;
  const onPointerMove = (event: PointerEvent) => {
    lastX = event.clientX;
    lastY = event.clientY;
    if (frame) return;
    frame = win.requestAnimationFrame(() => {
      frame = 0;
      const hit = scanner.hitTest(lastX, lastY);
      // Load the frame while the hover delay runs, so the card paints at once.
      if (hit) void popover.prepare();
      intent.over(hit);
    });
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && intent.current) intent.hideNow();
  };
  const onPointerDown = (event: PointerEvent) => {
    if (intent.current && !popover.contains(event.target)) intent.hideNow();
  };
  const onLeave = () => intent.over(null);

  doc.addEventListener('pointermove', onPointerMove, { passive: true, capture: true });
  doc.addEventListener('pointerdown', onPointerDown, { passive: true, capture: true });
  doc.addEventListener('keydown', onKeyDown, { capture: true });
  doc.documentElement.addEventListener('pointerleave', onLeave);

  return () => {
    win.cancelAnimationFrame(frame);
    doc.removeEventListener('pointermove', onPointerMove, { capture: true });
    doc.removeEventListener('pointerdown', onPointerDown, { capture: true });
    doc.removeEventListener('keydown', onKeyDown, { capture: true });
    doc.documentElement.removeEventListener('pointerleave', onLeave);
    intent.hideNow();
    popover.dispose();
    scanner.dispose();
  };
}
