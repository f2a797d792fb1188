/**
 * One benchmark run = one fresh page load in headless Chromium, then one
 * scanner on it: ours (bundled engine), the naive regex scan, or mark.js.
 * Every request that does not go to our static server is aborted.
 */
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
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

/** Loads `url` in a fresh tab and runs one contender on it, traced; returns its figures. */
export async function runOnce(
  bench: BenchBrowser,
  url: string,
  contender: Contender,
  names: NameEntry[],
  sources: Sources,
): Promise<TracedRun<OursRun | PlainRun>> {
  const page = await bench.context.newPage();
  try {
    await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
    await page.waitForTimeout(200); // let the saved page's own scripts settle
    await page.evaluate(contender === 'markjs' ? sources.markJs : sources.inPage);
    // Names first, in a task of their own: parsing a 10,000-name literal is not scanning.
    const list = contender === 'markjs' ? names.map((n) => n.text) : names;
    await page.evaluate(`window.benchNames = ${JSON.stringify(list)}`);
    const call = {
      ours: 'window.dossierBench.ours(window.benchNames)',
      naive: 'window.dossierBench.naive(window.benchNames)',
      markjs: `(${MARK_JS_RUN})(window.benchNames)`,
      floor: 'window.dossierBench.floor()',
    }[contender];
    await bench.browser.startTracing(page, { categories: TRACE_CATEGORIES });
    const run = await page.evaluate<OursRun | PlainRun>(call);
    const cpu = taskCpuTimes(await bench.browser.stopTracing());
    return { ...run, cpu };
  } finally {
    await page.close();
  }
}
