/**
 * Hovering names on a page. Dossier paints its marks in a closed shadow root
 * the page cannot read, so there is nothing to `locator.hover()`: we find the
 * text with a Range in the page, check that a painted mark covers it (read
 * over the DevTools protocol, see marks.ts) and move the mouse there.
 */
import type { Frame, Page } from '@playwright/test';
import { paintedMarks } from './marks';

/** Options of {@link hoverText}. */
export interface HoverTextOptions {
  /** Which visible occurrence to hover, 0-based. Default: the first one the mouse can reach. */
  nth?: number;
  /** Search this frame instead of the page's main frame. */
  frame?: Frame;
  /** Match whole words only ("Russia" not in "Russian"). Default: true. */
  wholeWord?: boolean;
  /** Count occurrences from the top of the page rather than in DOM order (for screenshots). Default: false. */
  topmost?: boolean;
}

/** Where the text was found, in the page's viewport (CSS pixels). */
export interface HoverPoint {
  x: number;
  y: number;
  /** The text node's surrounding sentence, for error messages. */
  context: string;
}

type FindResult = { ok: true; x: number; y: number; context: string } | { ok: false; reason: string };

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Runs in the page: finds the occurrence (one Dossier has painted a mark over:
 * `boxes`), scrolls it to the middle of the viewport, and returns the centre
 * of its first client rect. Marks are painted only near the viewport: when no
 * occurrence is covered yet, it scrolls to occurrence number `probe` (modulo)
 * and reports failure, so the caller reads the boxes again.
 */
function locateInPage(args: {
  text: string;
  nth: number | null;
  wholeWord: boolean;
  topmost: boolean;
  boxes: Rect[];
  probe: number;
}): FindResult {
  const isWordChar = (ch: string | undefined): boolean => ch !== undefined && /[\p{L}\p{N}_]/u.test(ch);
  const marked = (range: Range): boolean => {
    const r = range.getClientRects()[0];
    if (!r) return false;
    const x = r.left + r.width / 2;
    const y = r.top + r.height / 2;
    return args.boxes.some((b) => x >= b.x && x <= b.x + b.width && y >= b.y && y <= b.y + b.height);
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) => {
      const tag = node.parentElement?.tagName;
      return tag === 'SCRIPT' || tag === 'STYLE' || tag === 'NOSCRIPT' || tag === 'TEMPLATE'
        ? NodeFilter.FILTER_REJECT
        : NodeFilter.FILTER_ACCEPT;
    },
  });
  const ranges: Range[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const value = node.nodeValue ?? '';
    for (let at = value.indexOf(args.text); at >= 0; at = value.indexOf(args.text, at + 1)) {
      if (args.wholeWord && (isWordChar(value[at - 1]) || isWordChar(value[at + args.text.length]))) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + args.text.length);
      const rect = range.getClientRects()[0];
      const style = node.parentElement ? getComputedStyle(node.parentElement) : null;
      if (rect && rect.width > 0 && rect.height > 0 && style?.visibility !== 'hidden') ranges.push(range);
    }
  }
  if (ranges.length === 0) return { ok: false, reason: 'no visible occurrence' };
  const top = (range: Range): number => (range.getClientRects()[0]?.top ?? 0) + scrollY;
  if (args.topmost) ranges.sort((a, b) => top(a) - top(b));
  const all = args.nth === null ? ranges : ranges.slice(args.nth, args.nth + 1);
  if (all.length === 0) return { ok: false, reason: `only ${ranges.length} visible occurrence(s)` };
  const candidates = all.filter(marked);
  if (candidates.length === 0) {
    const next = all[args.probe % all.length]!.getClientRects()[0];
    if (next) window.scrollBy({ left: 0, top: next.top + next.height / 2 - innerHeight / 2, behavior: 'instant' });
    return { ok: false, reason: `none of ${all.length} visible occurrence(s) has a painted mark` };
  }
  for (const range of candidates) {
    const first = range.getClientRects()[0];
    if (!first) continue;
    window.scrollBy({ left: 0, top: first.top + first.height / 2 - innerHeight / 2, behavior: 'instant' });
    const rect = range.getClientRects()[0];
    if (!rect) continue;
    const x = rect.left + rect.width / 2;
    const y = rect.top + rect.height / 2;
    const hit = document.elementFromPoint(x, y);
    const owner = range.startContainer.parentElement;
    // With no explicit nth, skip occurrences covered by an overlay (cookie banners, sticky headers).
    if (args.nth === null && (!hit || !owner || !(hit === owner || hit.contains(owner) || owner.contains(hit))))
      continue;
    const context = (range.startContainer.nodeValue ?? '').trim().slice(0, 120);
    return { ok: true, x, y, context };
  }
  return { ok: false, reason: 'every occurrence is covered by another element' };
}

/**
 * Moves the mouse onto a marked occurrence of `text` (first client rect's
 * centre), waiting up to 10 s for Dossier to mark it.
 * @throws when no marked occurrence is visible on the page.
 */
export async function hoverText(page: Page, text: string, options: HoverTextOptions = {}): Promise<HoverPoint> {
  const frame = options.frame ?? page.mainFrame();
  let probe = 0;
  const attempt = async (): Promise<FindResult> => {
    const url = frame.url();
    const boxes = (await paintedMarks(page)).filter((m) => m.url === url);
    const args = {
      text,
      nth: options.nth ?? null,
      wholeWord: options.wholeWord ?? true,
      topmost: options.topmost ?? false,
      boxes: boxes.map(({ x, y, width, height }) => ({ x, y, width, height })),
      probe: probe++,
    };
    // Sent as source with a no-op `__name`: tsx (esbuild keepNames) wraps inner
    // functions in `__name(...)`, which does not exist in the page.
    const source = `(() => { const __name = (f) => f; return (${locateInPage.toString()})(${JSON.stringify(args)}); })()`;
    return frame.evaluate<FindResult>(source);
  };
  // The page is scanned in idle time after load: wait for the name to be marked.
  const deadline = Date.now() + 10_000;
  let found = await attempt();
  while (!found.ok && Date.now() < deadline) {
    await frame.waitForTimeout(100);
    found = await attempt();
  }
  if (!found.ok) throw new Error(`hoverText: "${text}" not hoverable on ${frame.url()}: ${found.reason}`);
  let { x, y } = found;
  if (frame !== page.mainFrame()) {
    // Child-frame coordinates are relative to the iframe's viewport.
    const box = await (await frame.frameElement()).boundingBox();
    if (!box) throw new Error(`hoverText: frame ${frame.url()} is not visible`);
    x += box.x;
    y += box.y;
  }
  // Arrive from a few pixels away so the content script sees real mousemove events.
  await page.mouse.move(x - 8, y - 8);
  await page.mouse.move(x, y, { steps: 4 });
  return { x, y, context: found.context };
}

/** True for a frame showing the extension's popover page. */
export const isPopoverFrame = (frame: Frame): boolean => frame.url().includes('/popover.html');

/**
 * Waits for the popover iframe (extension origin, inside a closed shadow root;
 * `page.frames()` still lists it) and returns its Frame.
 * @throws after `timeout` ms (default 10 s) when no popover frame appears.
 */
export async function popoverFrame(page: Page, timeout = 10_000): Promise<Frame> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const frame = page.frames().find(isPopoverFrame);
    if (frame) return frame;
    if (Date.now() > deadline) {
      throw new Error(`popoverFrame: no frame with /popover.html after ${timeout} ms on ${page.url()}`);
    }
    await page.waitForTimeout(50);
  }
}

/** Why a popover frame is not (yet) showing, or null when it is. */
async function whyHidden(frame: Frame): Promise<string | null> {
  try {
    if (!(await (await frame.frameElement()).isVisible())) return 'its iframe is hidden (display, visibility or size)';
    if (!(await frame.getByRole('dialog').isVisible())) return 'its dialog is not visible';
    return null;
  } catch {
    return 'the frame detached';
  }
}

/**
 * Waits for a popover that the user can actually see: the iframe shown on the
 * page and its `role="dialog"` visible inside. A loaded but hidden frame
 * (preloaded, or never positioned) does not count.
 * @throws after `timeout` ms (default 10 s), saying what was missing.
 */
export async function visiblePopoverFrame(page: Page, timeout = 10_000): Promise<Frame> {
  const deadline = Date.now() + timeout;
  let reason = 'no frame with /popover.html';
  for (;;) {
    for (const frame of page.frames().filter(isPopoverFrame)) {
      const why = await whyHidden(frame);
      if (!why) return frame;
      reason = `a popover frame exists but ${why}`;
    }
    if (Date.now() > deadline) throw new Error(`visiblePopoverFrame: after ${timeout} ms on ${page.url()}: ${reason}`);
    await page.waitForTimeout(50);
  }
}

/** True when a popover is showing on the page right now (see {@link visiblePopoverFrame}). */
export async function isPopoverShowing(page: Page): Promise<boolean> {
  for (const frame of page.frames().filter(isPopoverFrame)) {
    if (!(await whyHidden(frame))) return true;
  }
  return false;
}
