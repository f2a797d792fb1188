/**
 * One benchmark run = one fresh page load in headless Chromium, then one
 * scanner on it: ours (bundled engine), the naive regex scan, or mark.js.
 * Every request that does not go to our static server is aborted.
 */
import { chromium, type Browser, type BrowserContext, type Frame, type Page } from 'playwright-core';
import type { NameEntry } from '../../../lib/messages/protocol';
import { findChromium } from '../../support/browser';
import type { OursRun, PlainRun } from './in-page';
import { SCAN_MARK, taskCpuTimes, TRACE_CATEGORIES, type TaskCpu } from './task-cpu';

/** A browser with one context that only reaches `origin`. */
export interface BenchBrowser {
  browser: Browser;
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * Launches headless Chromium (Debian's, else Playwright's).
 * @throws when no Chromium is installed.
 */
export async function openBrowser(origin: string): Promise<BenchBrowser> {
  const found = findChromium();
  if (!found) throw new Error('page-scan bench: no Chromium found (set DOSSIER_CHROMIUM)');
  const browser: Browser = await chromium.launch({
    executablePath: found.path,
    headless: true,
    args: process.getuid?.() === 0 ? ['--no-sandbox', '--disable-gpu'] : ['--disable-gpu'],
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.route('**/*', (route) =>
    route.request().url().startsWith(origin) ? route.continue() : route.abort('blockedbyclient'),
  );
  return { browser, context, close: () => browser.close() };
}

/** The scanners compared. */
export type Contender = 'ours' | 'naive' | 'markjs' | 'floor';

/** Script sources evaluated in the page before a run. */
export interface Sources {
  inPage: string;
  markJs: string;
}

// Sent as a string: tsx would wrap a function's inner closures in `__name()`.
const MARK_JS_RUN = `(names) => new Promise((resolve) => {
  if (!document.body) return resolve({ ms: 0, marks: 0 });
  performance.mark('${SCAN_MARK}');
  const t0 = performance.now();
  let marks = 0;
  new Mark(document.body).mark(names, {
    acrossElements: true,
    separateWordSearch: false,
    accuracy: 'exactly',
    caseSensitive: true,
    exclude: ['script', 'style', 'noscript', 'template', 'textarea'],
    each: () => { marks++; },
    done: () => resolve({ ms: performance.now() - t0, marks }),
  });
})`;

/** A run's own figures plus the CPU time of the tasks it ran in (see task-cpu.ts). */
export type TracedRun<T> = T & { cpu: TaskCpu };

/**
 * The frames a content script with `allFrames` and `matchAboutBlank` would run
 * in and that share the page's renderer: the main frame, same-origin frames,
 * about:blank and srcdoc frames (aborted cross-origin frames are error pages).
 */
function sameOriginFrames(page: Page): Frame[] {
  const origin = new URL(page.url()).origin;
  return page.frames().filter((f) => {
    const u = f.url();
    return f === page.mainFrame() || /^about:(blank|srcdoc)$/.test(u) || u.startsWith(origin + '/');
  });
}

/**
 * Loads `url` in a fresh tab and runs one contender on it, traced; returns its
 * figures. With `allFrames`, the contender runs in every same-origin frame
 * (one after the other) and the figures add up.
 */
export async function runOnce(
  bench: BenchBrowser,
  url: string,
  contender: Contender,
  names: NameEntry[],
  sources: Sources,
  allFrames = false,
): Promise<TracedRun<OursRun | PlainRun>> {
  const page = await bench.context.newPage();
  try {
    await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
    await page.waitForTimeout(200); // let the saved page's own scripts settle
    const frames = allFrames ? sameOriginFrames(page) : [page.mainFrame()];
    // Names first, in a task of their own: parsing a 10,000-name literal is not scanning.
    const list = contender === 'markjs' ? names.map((n) => n.text) : names;
    const ready: Frame[] = [];
    for (const frame of frames) {
      try {
        await frame.evaluate(contender === 'markjs' ? sources.markJs : sources.inPage);
        await frame.evaluate(`window.benchNames = ${JSON.stringify(list)}`);
        ready.push(frame);
      } catch {
        // A frame that went away or navigated meanwhile: not counted.
      }
    }
    const call = {
      ours: 'window.dossierBench.ours(window.benchNames)',
      naive: 'window.dossierBench.naive(window.benchNames)',
      markjs: `(${MARK_JS_RUN})(window.benchNames)`,
      floor: 'window.dossierBench.floor()',
    }[contender];
    await bench.browser.startTracing(page, { categories: TRACE_CATEGORIES });
    let run: OursRun | PlainRun | null = null;
    for (const frame of ready) {
      const r = await frame.evaluate<OursRun | PlainRun>(call).catch(() => null);
      if (!r) continue;
      if (!run) run = r;
      else {
        run.marks += r.marks;
        if ('ms' in run && 'ms' in r) run.ms += r.ms;
      }
    }
    const cpu = taskCpuTimes(await bench.browser.stopTracing());
    if (!run) throw new Error(`runOnce: ${contender} ran in no frame of ${url}`);
    return { ...run, cpu };
  } finally {
    await page.close();
  }
}
