/**
 * Hover latency in the real extension: from the last pointer move onto a name
 * to the popover painted (its iframe's `data-open` set, then one animation
 * frame), minus the hover delay. Measured from the page's side with a
 * MutationObserver on the popover iframe (reachable through Playwright's
 * handle although it sits in a closed shadow root): no hook in product code.
 */
import type { ElementHandle, Page } from 'playwright-core';
import { launchWithExtension } from '../../support/browser';
import { popoverFrame } from '../../e2e/support/hover';
import { paintedMarks } from '../../e2e/support/marks';

/** Latencies in ms, one per hover; the first (frame creation) is reported apart. */
export interface HoverLatency {
  first: number;
  warm: number[];
}

interface Point {
  x: number;
  y: number;
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Boxes of a build from before the overlay (session 3 and older), which painted
 * marks as `CSS.highlights` ranges — readable from the page itself, the leak
 * issue #11 closed; read so that `DOSSIER_HOVER_BASELINE_DIR` can name such a build.
 */
const HIGHLIGHT_BOXES = `(() => {
  const out = [];
  if (!globalThis.CSS || !CSS.highlights) return out;
  for (const [name, h] of CSS.highlights) {
    if (!name.startsWith('dossier')) continue;
    for (const r of h) {
      // StaticRanges have no geometry: measure a live copy.
      const live = document.createRange();
      live.setStart(r.startContainer, r.startOffset);
      live.setEnd(r.endContainer, r.endOffset);
      const b = live.getBoundingClientRect();
      out.push({ x: b.x, y: b.y, width: b.width, height: b.height });
    }
  }
  return out;
})()`;

/** Centres of painted marks well inside the viewport (read over CDP: the marks sit in a closed shadow root). */
async function markCentres(page: Page): Promise<Point[]> {
  const inner = await page.evaluate(() => innerHeight);
  let boxes: Box[] = (await paintedMarks(page)).filter((m) => m.url === page.url());
  if (boxes.length === 0) boxes = await page.evaluate<Box[]>(HIGHLIGHT_BOXES);
  return boxes
    .filter((m) => m.y > 40 && m.y + m.height < inner - 40 && m.width > 12)
    .map((m) => ({ x: m.x + m.width / 2, y: m.y + m.height / 2 }));
}

const WAIT_OPEN = `(iframe) => new Promise((resolve) => {
  const done = () => requestAnimationFrame(() => resolve(performance.now()));
  const mo = new MutationObserver(() => {
    if (iframe.hasAttribute('data-open')) { mo.disconnect(); done(); }
  });
  mo.observe(iframe, { attributes: true, attributeFilter: ['data-open'] });
})`;

async function hoverOnce(page: Page, target: Point): Promise<void> {
  await page.mouse.move(target.x - 6, target.y - 6);
  await page.mouse.move(target.x, target.y);
}

/**
 * Opens `url` with the extension from `extensionPath`, hovers marked names
 * `count` times and returns the latencies (ms past `delayMs`).
 * @throws when the page has too few marks in view or no popover opens.
 */
export async function hoverLatency(
  extensionPath: string,
  origin: string,
  url: string,
  count: number,
  delayMs = 300,
): Promise<HoverLatency> {
  const session = await launchWithExtension({ extensionPath, allowedOrigins: [origin] });
  try {
    const page = session.context.pages()[0] ?? (await session.context.newPage());
    await page.goto(url);
    await page.evaluate(
      `document.addEventListener('pointermove', () => { window.__lastMove = performance.now(); }, true)`,
    );
    await page.waitForTimeout(1500);
    const points = await markCentres(page);
    if (points.length < 2) throw new Error(`hoverLatency: only ${points.length} marks in view on ${url}`);
    const latencies: number[] = [];
    let iframe: ElementHandle | null = null;
    for (let i = 0; i <= count; i++) {
      await page.mouse.move(2, 2);
      await page.waitForTimeout(700); // past the hide delay
      const target = points[i % points.length]!;
      if (!iframe) {
        // Cold: the frame is created and loaded during the delay. Wall clock, polled
        // every 10 ms for the same signal as below (Playwright's own waits back off
        // to 500 ms between checks, which made this figure either ≈ 75 or ≈ 565 ms).
        const t0 = Date.now();
        await hoverOnce(page, target);
        iframe = await (await popoverFrame(page)).frameElement();
        while ((await iframe.getAttribute('data-open')) === null) await page.waitForTimeout(10);
        latencies.push(Date.now() - t0 - delayMs);
        continue;
      }
      // The waiter is sent as source (tsx would wrap a function's inner closures in `__name()`).
      const waiting = iframe.evaluate(
        (el, src) => ((0, eval)(src) as (iframe: Node) => Promise<number>)(el),
        WAIT_OPEN,
      );
      await hoverOnce(page, target);
      const opened = await waiting;
      const moved = await page.evaluate<number>('window.__lastMove');
      latencies.push(opened - moved - delayMs);
    }
    return { first: latencies[0]!, warm: latencies.slice(1) };
  } finally {
    await session.close();
  }
}
