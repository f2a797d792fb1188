/**
 * Dossier on one page: scans it for the corpus's names and opens the popover
 * on hover, on the keyboard shortcut and from the popup. The controller
 * (controller.ts) starts and stops sessions as settings and the corpus change.
 */
import type { EntityOnPageView, NameEntry } from '../messages/protocol';
import type { EntityType } from '../pack/types';
import type { HighlightStyle } from '../settings/settings';
import { liveRange, type Mark } from '../page/marks';
import { popoverDocument } from '../page/frames';
import { compileMatcherIdle, type Matcher } from '../page/matcher';
import { scrollRangeIntoView } from '../page/reveal';
import { PageScanner } from '../page/scanner';
import { HoverIntent } from '../popover/hover-intent';
import { PopoverHost } from '../popover/host';

export interface PageSessionOptions {
  /** The names to mark, compiled here; or `matcher`, compiled already (lib/content/page-matcher.ts). */
  names?: readonly NameEntry[];
  matcher?: Matcher;
  /** Rest on a name this long before its popover opens, ms. Default 300. */
  showDelay?: number;
  /** Grace period after the pointer leaves a name or the popover, ms. Default 300. */
  hideDelay?: number;
  /** How names are marked. Default 'underline'. */
  highlightStyle?: HighlightStyle;
  /** Match every name with its exact case. Default false. */
  caseSensitive?: boolean;
}

/** A running session; `stop()` removes every trace of it. */
export interface PageSession {
  stop(): void;
  /** Entities marked on the page, most marked first. */
  entitiesOnPage(): EntityOnPageView[];
  /** Scrolls to the first mark of `entityId` and opens its popover; false if it is not on the page. */
  reveal(entityId: string): boolean;
  /** Opens the popover for the selected text, focused for the keyboard; false if nothing is selected. */
  lookupSelection(): boolean;
}

/** What the popover opens on: a mark, or a name found in a selection that is not marked. */
interface Target {
  entityId: string;
  type: EntityType;
  text: string;
  range: Range;
  mark: Mark | null;
}

function targetOf(mark: Mark): Target {
  return { entityId: mark.entityId, type: mark.type, text: mark.text, range: liveRange(mark), mark };
}

/** What the selection names: a mark it overlaps, else a name in its text, else null. */
function targetInSelection(scanner: PageScanner, matcher: Matcher, range: Range): Target | null {
  for (const mark of scanner.marks()) {
    // Cheap test first, without a Range: a mark within one text node the selection does not touch.
    if (mark.startNode === mark.endNode && !range.intersectsNode(mark.startNode)) continue;
    const r = liveRange(mark);
    const overlaps =
      range.compareBoundaryPoints(Range.END_TO_START, r) <= 0 &&
      range.compareBoundaryPoints(Range.START_TO_END, r) >= 0;
    if (overlaps) return targetOf(mark);
  }
  const text = range.toString().trim();
  const match = matcher.findAll(text)[0];
  return match ? { entityId: match.entityId, type: match.type, text: match.text, range, mark: null } : null;
}

/** Marks of one entity tried in turn by `reveal` before it gives up. */
const MAX_REVEAL_TRIES = 20;

/** Starts Dossier on `doc` with the given names. */
export async function startPageSession(doc: Document, options: PageSessionOptions): Promise<PageSession> {
  const matcher =
    options.matcher ??
    (await compileMatcherIdle(options.names ?? [], { caseSensitive: options.caseSensitive ?? false }));
  const scanner = new PageScanner(doc, matcher, { highlightStyle: options.highlightStyle ?? 'underline' });
  scanner.start();
  const win = doc.defaultView ?? window;
  let returnFocus: HTMLElement | null = null;

  const showDelay = options.showDelay ?? 300;
  const intent: HoverIntent<Target> = new HoverIntent<Target>({
    showDelay,
    hideDelay: options.hideDelay ?? 300,
    // A third of the way into the delay the pointer is resting, not sweeping: fetch the card then.
    restDelay: Math.round(showDelay / 3),
    onRest: (target) => popover.preload(target.entityId, target.range),
    same: (a, b) => (a.mark ? a.mark === b.mark : b.mark === null && a.entityId === b.entityId),
    onShow: (target) => {
      scanner.setActive(target.mark ? { ...target, mark: target.mark } : null);
      void popover.show(target.entityId, target.text, target.range);
    },
    onHide: () => {
      scanner.setActive(null);
      popover.hide();
      // Keyboard users go back to where they were.
      returnFocus?.focus({ preventScroll: true });
      returnFocus = null;
    },
  });
  // A frame too small for the popover shows it in the top document.
  const popoverDoc = popoverDocument(doc);
  const popover = new PopoverHost(popoverDoc, {
    onPointer: (inside) => intent.popover(inside),
    onClose: () => intent.hideNow(),
  });

  // Hit-test at most once per frame, whatever the pointer's event rate.
  // Only the user's own input counts (`isTrusted`): a page script that
  // dispatches pointer or key events must not open, keep or close a card
  // (it would learn which of its words are names from whether one opens).
  let frame = 0;
  let lastX = 0;
  let lastY = 0;
  const onPointerMove = (event: PointerEvent) => {
    if (!event.isTrusted) return;
    lastX = event.clientX;
    lastY = event.clientY;
    if (frame) return;
    frame = win.requestAnimationFrame(() => {
      frame = 0;
      const hit = scanner.hitTest(lastX, lastY);
      // Load the frame and get the card's token while the hover delay runs, so the card paints at once.
      if (hit) popover.prefetch(hit.entityId, hit.range);
      intent.over(hit);
    });
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.isTrusted && event.key === 'Escape' && intent.current) intent.hideNow();
  };
  const onPointerDown = (event: PointerEvent) => {
    if (event.isTrusted && intent.current && !popover.contains(event.target)) intent.hideNow();
  };
  const onLeave = (event: PointerEvent) => {
    if (event.isTrusted) intent.over(null);
  };

  doc.addEventListener('pointermove', onPointerMove, { passive: true, capture: true });
  doc.documentElement.addEventListener('pointerleave', onLeave);
  // Clicks elsewhere and Escape close the popover, in the document it shows in too.
  const closers = popoverDoc === doc ? [doc] : [doc, popoverDoc];
  for (const d of closers) {
    d.addEventListener('pointerdown', onPointerDown, { passive: true, capture: true });
    d.addEventListener('keydown', onKeyDown, { capture: true });
  }

  /** Opens the popover on `target` and moves keyboard focus into it. */
  const openFocused = (target: Target) => {
    const active = doc.activeElement;
    returnFocus = active instanceof HTMLElement && active !== doc.body ? active : null;
    intent.showNow(target);
    void popover.prepare().then(() => popover.focus());
  };

  return {
    stop() {
      win.cancelAnimationFrame(frame);
      doc.removeEventListener('pointermove', onPointerMove, { capture: true });
      doc.documentElement.removeEventListener('pointerleave', onLeave);
      for (const d of closers) {
        d.removeEventListener('pointerdown', onPointerDown, { capture: true });
        d.removeEventListener('keydown', onKeyDown, { capture: true });
      }
      intent.hideNow();
      popover.dispose();
      scanner.dispose();
    },
    entitiesOnPage() {
      return scanner.entitiesOnPage().map(({ entityId, type, count }) => ({ entityId, type, count }));
    },
    reveal(entityId) {
      // The first of its marks that scrolling user-scrollable boxes and the
      // window brings on screen (lib/page/reveal.ts); as a last resort the
      // first one, scrolling `overflow: hidden` boxes too.
      const marks = scanner
        .marks()
        .filter((m) => m.entityId === entityId)
        .sort((a, b) => (a.startNode.compareDocumentPosition(b.startNode) & 2 ? 1 : -1))
        .slice(0, MAX_REVEAL_TRIES);
      const first = marks[0];
      if (!first) return false;
      const shown =
        marks.find((m) => scrollRangeIntoView(liveRange(m))) ??
        (scrollRangeIntoView(liveRange(first), { scrollHidden: true }) ? first : null);
      if (!shown) return false;
      openFocused(targetOf(shown));
      return true;
    },
    lookupSelection() {
      const selection = doc.getSelection();
      if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return false;
      const target = targetInSelection(scanner, matcher, selection.getRangeAt(0));
      if (!target) return false;
      openFocused(target);
      return true;
    },
  };
}
