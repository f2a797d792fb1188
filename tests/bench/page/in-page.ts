/**
 * Runs inside a benchmarked page (bundled to an IIFE by `bundle.ts`, evaluated
 * with Playwright): our engine, and a naive one-regex-per-name scan, each
 * timed on the page's main thread. Sets `window.dossierBench`.
 *
 * Our engine is timed as the content script runs it: compile in idle slices,
 * then scan and paint through the scanner's `scheduler` option, wrapped so
 * each slice's own run time is recorded (no product code changes for this).
 */
import type { NameEntry } from '../../../lib/messages/protocol';
import { compileMatcherIdle } from '../../../lib/page/matcher';
import { PageScanner } from '../../../lib/page/scanner';
import { idleScheduler, type Scheduler } from '../../../lib/page/schedule';
import { COMPILE_MARK, SCAN_MARK } from './task-cpu';

/** One run of our engine. Times in ms of main-thread work. */
export interface OursRun {
  compileMs: number;
  compileLongestMs: number;
  /** Sum of the scan slices (incl. constructing and starting the scanner). */
  scanMs: number;
  scanLongestMs: number;
  slices: number;
  marks: number;
  /** One call of `entitiesOnPage()` (the popup's "On this page") after the scan. */
  entitiesMs: number;
}

/** One run of a single-task scanner (naive). */
export interface PlainRun {
  ms: number;
  marks: number;
}

/** What `window.dossierBench` offers. */
export interface InPageBench {
  ours(names: NameEntry[]): Promise<OursRun>;
  naive(names: NameEntry[]): PlainRun;
  floor(): Promise<PlainRun>;
}

function timed(inner: Scheduler, runs: number[]): Scheduler {
  return (task) =>
    inner((timeLeft) => {
      performance.mark(SCAN_MARK);
      const t0 = performance.now();
      task(timeLeft);
      runs.push(performance.now() - t0);
    });
}

async function ours(names: NameEntry[]): Promise<OursRun> {
  const compileSlices: number[] = [];
  performance.mark(COMPILE_MARK);
  let sliceStart = performance.now();
  const matcher = await compileMatcherIdle(names, {
    yieldTo: () =>
      new Promise((resolve) => {
        compileSlices.push(performance.now() - sliceStart);
        setTimeout(() => {
          performance.mark(COMPILE_MARK);
          sliceStart = performance.now();
          resolve();
        }, 0);
      }),
  });
  compileSlices.push(performance.now() - sliceStart);
  await new Promise((resolve) => setTimeout(resolve, 0)); // the scan starts in a task of its own
  const runs: number[] = [];
  performance.mark(SCAN_MARK);
  const t0 = performance.now();
  const scanner = new PageScanner(document, matcher, {
    scheduler: timed(idleScheduler(window), runs),
    observeMutations: false,
    watchRoutes: false,
  });
  scanner.start();
  runs.push(performance.now() - t0);
  await scanner.whenIdle();
  await new Promise((resolve) => setTimeout(resolve, 0)); // a task of its own, like a popup request
  const e0 = performance.now();
  scanner.entitiesOnPage();
  const entitiesMs = performance.now() - e0;
  const result: OursRun = {
    compileMs: compileSlices.reduce((a, b) => a + b, 0),
    compileLongestMs: Math.max(...compileSlices),
    scanMs: runs.reduce((a, b) => a + b, 0),
    scanLongestMs: Math.max(...runs),
    slices: runs.length,
    marks: scanner.marks().length,
    entitiesMs,
  };
  scanner.dispose();
  return result;
}

const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA']);

/** The obvious implementation: every name as a regex over every text node, in one task. */
function naive(names: NameEntry[]): PlainRun {
  performance.mark(SCAN_MARK);
  const t0 = performance.now();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {
    acceptNode: (n) => (SKIP.has(n.parentElement?.tagName ?? '') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  const nodes: Text[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
  const highlight = new Highlight();
  CSS.highlights.set('naive-bench', highlight);
  for (const { text } of names) {
    const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const re = new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'gu');
    for (const node of nodes) {
      re.lastIndex = 0;
      for (let m = re.exec(node.data); m; m = re.exec(node.data)) {
        const end = m.index + m[0].length;
        highlight.add(
          new StaticRange({ startContainer: node, startOffset: m.index, endContainer: node, endOffset: end }),
        );
      }
    }
  }
  const ms = performance.now() - t0;
  const marks = highlight.size;
  CSS.highlights.delete('naive-bench');
  return { ms, marks };
}

/**
 * The floor under any scanner: a native TreeWalker visiting every element and
 * text node of the body once and reading each text, in a task of its own on a
 * freshly loaded page, as our scan slices run. It finds nothing; what it costs
 * is what touching the page from script costs at all (Blink makes a JS wrapper
 * for each node on first access), before any matching.
 */
function floor(): Promise<PlainRun> {
  return new Promise((resolve) =>
    setTimeout(() => {
      performance.mark(SCAN_MARK);
      const t0 = performance.now();
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
      let chars = 0;
      for (let n = walker.nextNode(); n; n = walker.nextNode()) if (n.nodeType === 3) chars += (n as Text).data.length;
      const ms = performance.now() - t0;
      (window as unknown as { benchFloorChars: number }).benchFloorChars = chars; // the reads are the point
      resolve({ ms, marks: 0 });
    }, 0),
  );
}

(window as unknown as { dossierBench: InPageBench }).dossierBench = { ours, naive, floor };
