/**
 * The real extension on a real page, counted whole: every frame of the page's
 * renderer main thread, from navigation to {@link AFTER_LOAD_MS} after `load`.
 *
 * - Our JavaScript: V8's sampling profiler over CDP on the page's session
 *   (every same-process frame), {@link SAMPLE_US} µs interval; a sample is ours
 *   when its stack holds a `chrome-extension://` frame. A sample lasts until the
 *   next one (as DevTools counts it). The longest run of consecutive samples of
 *   ours (garbage collection between two of ours included) approximates our
 *   longest task; it is sampled wall time, so waiting for a core inflates it.
 * - Style and layout: the renderer's `RecalcStyleDuration` and `LayoutDuration`
 *   (CDP Performance metrics) over the same window; the same page loaded in a
 *   browser without the extension gives the page's own share, and the
 *   difference of medians is what we cause (marks' overlay, visibility checks'
 *   forced style).
 */
import type { BrowserContext, CDPSession, Page, Worker } from 'playwright-core';

/** Sampling interval of the profiler, µs (what the figures used). */
export const SAMPLE_US = 100;
/** How long after `load` a run keeps counting, ms. */
export const AFTER_LOAD_MS = 2500;

/** A node of a V8 CPU profile (CDP `Profiler.ProfileNode`, the fields our tools read). */
export interface ProfileNode {
  id: number;
  // CDP always gives the position; hand-made profiles in tests may leave it out.
  callFrame: { url: string; functionName: string; lineNumber?: number; columnNumber?: number };
  children?: number[];
  hitCount?: number;
}
/** A V8 CPU profile as CDP `Profiler.stop` gives it. */
export interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

/** What one profiled page load gives. */
export interface ProfiledLoad {
  /** ms of samples whose stack holds a chrome-extension:// frame. */
  extensionMs: number;
  /** Longest run of consecutive samples of ours, ms (sampled wall time). */
  longestRunMs: number;
  /** The whole page's JS over the window (every sample that is not idle, program or GC), ms. */
  pageJsMs: number;
  /** Renderer style recalculation and layout over the window, ms. */
  styleMs: number;
  layoutMs: number;
  /**
   * Frames that fetched the names (`names.get`, first page, no `knownVersion`), i.e. compiled a matcher,
   * during the load, counted by a listener in the extension's service worker; NaN without an extension or
   * when its worker was not running to be asked.
   */
  namesFrames: number;
  /** Frames of the page (main included), and how many of them are about:blank or about:srcdoc. */
  frames: number;
  blankFrames: number;
}

const NATIVE = new Set(['(idle)', '(program)', '(garbage collector)', '(root)']);

/** Sums a CPU profile: our samples, page JS, longest run of ours. Exported for its unit test. */
export function summarizeProfile(profile: Profile): Pick<ProfiledLoad, 'extensionMs' | 'longestRunMs' | 'pageJsMs'> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const ours = new Set<number>();
  // Children inherit "ours" from any ancestor; walk from the root down.
  const root = profile.nodes[0];
  const stack: [ProfileNode, boolean][] = root ? [[root, false]] : [];
  while (stack.length > 0) {
    const [node, inherited] = stack.pop()!;
    const mine = inherited || node.callFrame.url.startsWith('chrome-extension://');
    if (mine) ours.add(node.id);
    for (const c of node.children ?? []) {
      const child = byId.get(c);
      if (child) stack.push([child, mine]);
    }
  }
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  let extensionUs = 0;
  let pageUs = 0;
  let run = 0;
  let longest = 0;
  for (let i = 0; i < samples.length; i++) {
    const dur = i + 1 < deltas.length ? Math.max(0, deltas[i + 1]!) : 0;
    const id = samples[i]!;
    const fn = byId.get(id)?.callFrame.functionName ?? '';
    if (ours.has(id)) {
      extensionUs += dur;
      run += dur;
      longest = Math.max(longest, run);
    } else if (fn === '(garbage collector)' && run > 0) {
      run += dur; // collecting what our task allocated, inside it
    } else {
      run = 0;
    }
    if (!NATIVE.has(fn)) pageUs += dur;
  }
  return { extensionMs: extensionUs / 1000, longestRunMs: longest / 1000, pageJsMs: pageUs / 1000 };
}

async function metric(cdp: CDPSession): Promise<Record<string, number>> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
}

const extensionWorker = (context: BrowserContext): Worker | undefined =>
  context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'));

/** Installs (once per worker) a listener that records which frames ask for names, and clears its record. */
async function resetNamesCount(context: BrowserContext): Promise<Worker | undefined> {
  const worker = extensionWorker(context);
  await worker
    ?.evaluate(() => {
      interface Sender {
        frameId?: number;
      }
      const g = globalThis as unknown as {
        benchNamesFrames?: Set<number>;
        chrome: { runtime: { onMessage: { addListener(f: (m: unknown, s: Sender) => undefined): void } } };
      };
      if (!g.benchNamesFrames) {
        const frames = (g.benchNamesFrames = new Set<number>());
        g.chrome.runtime.onMessage.addListener((message, sender) => {
          const m = message as { name?: string; payload?: { from?: number; knownVersion?: string } } | null;
          // A `knownVersion` ask only checks that the page's shared matcher is current (lib/content/page-matcher.ts).
          if (m?.name === 'names.get' && !m.payload?.from && !m.payload?.knownVersion) frames.add(sender.frameId ?? -1);
          return undefined; // the extension's own listener answers
        });
      }
      g.benchNamesFrames.clear();
    })
    .catch(() => undefined);
  return worker;
}

async function namesFrames(worker: Worker | undefined): Promise<number> {
  if (!worker) return NaN;
  return worker
    .evaluate(() => (globalThis as unknown as { benchNamesFrames?: Set<number> }).benchNamesFrames?.size ?? NaN)
    .catch(() => NaN);
}

/**
 * Loads `url` in a fresh tab of `context`, profiled from before navigation to
 * {@link AFTER_LOAD_MS} after `load`, and closes the tab.
 */
export async function profiledLoad(context: BrowserContext, url: string): Promise<ProfiledLoad> {
  const page: Page = await context.newPage();
  try {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: SAMPLE_US });
    const worker = await resetNamesCount(context);
    const before = await metric(cdp);
    await cdp.send('Profiler.start');
    await page.goto(url, { waitUntil: 'load', timeout: 90_000 });
    await page.waitForTimeout(AFTER_LOAD_MS);
    const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
    const after = await metric(cdp);
    const delta = (name: string) => ((after[name] ?? 0) - (before[name] ?? 0)) * 1000;
    const frames = page.frames();
    const blankFrames = frames.filter((f) => f !== page.mainFrame() && /^about:(blank|srcdoc)$/.test(f.url())).length;
    await cdp.detach().catch(() => undefined);
    return {
      ...summarizeProfile(profile),
      styleMs: delta('RecalcStyleDuration'),
      layoutMs: delta('LayoutDuration'),
      namesFrames: await namesFrames(worker),
      frames: frames.length,
      blankFrames,
    };
  } finally {
    await page.close();
  }
}
