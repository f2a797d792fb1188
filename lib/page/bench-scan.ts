/**
 * Times the page engine in a real browser: compile a name table, scan and
 * paint a document, hit-test. Meant to be bundled (e.g. esbuild IIFE) and run
 * in a page through Playwright's `page.evaluate`; it has no other use.
 *
 * Every slice of scanning work is timed, so the report answers the content
 * script's main constraint directly: the longest run on the main thread.
 */
import type { NameEntry } from '../messages/protocol';
import type { EntityType } from '../pack/types';
import { compileMatcherIdle } from './matcher';
import { PageScanner } from './scanner';
import { liveRange } from './marks';
import { idleScheduler, type Scheduler } from './schedule';

/** What {@link benchScan} measured. Times in ms. */
export interface BenchResult {
  names: number;
  compileMs: number;
  compileLongestSliceMs: number;
  compileSliceTimes: number[];
  /** Wall time from start to idle (includes idle waits between slices). */
  scanWallMs: number;
  /** Sum of the slices' own run times. */
  scanWorkMs: number;
  slices: number;
  longestSliceMs: number;
  sliceTimes: number[];
  marks: number;
  entities: number;
  marksVisible: boolean;
  /** Mean time of `hitTest` at the centre of the first of up to 200 marks that scroll into view. */
  hitTestMeanMs: number;
  hitTestTried: number;
  /** How many of those hit-tests found their own mark. */
  hitTestHits: number;
}

const TYPES: EntityType[] = ['person', 'organization', 'place', 'other'];

/**
 * A name table of `count` names: capitalised words and word pairs taken from
 * `text` (so the page has matches), padded with made-up names.
 */
export function syntheticNames(text: string, count: number): NameEntry[] {
  const seen = new Set<string>();
  for (const m of text.matchAll(/\p{Lu}\p{Ll}+(?: \p{Lu}\p{Ll}+)?/gu)) {
    if (seen.size >= count / 2) break;
    seen.add(m[0]);
  }
  const out: NameEntry[] = [...seen].map((t, i) => ({ text: t, entityId: `e${i}`, type: TYPES[i % 4]! }));
  const last = ['Smith', 'Ivanov', 'al-Sham', 'M\u00fcller', 'Nguyen', 'Okafor'];
  for (let i = out.length; i < count; i++) {
    const first = `Zq${(i * 7919).toString(36)}`;
    out.push({ text: `${first} ${last[i % last.length]!}`, entityId: `e${i}`, type: TYPES[i % 4]! });
  }
  return out;
}

/** Wraps a scheduler so each task's run time is recorded. */
function timed(inner: Scheduler, runs: number[]): Scheduler {
  return (task) =>
    inner((timeLeft) => {
      const t0 = performance.now();
      task(timeLeft);
      runs.push(performance.now() - t0);
    });
}

/**
 * Compiles `names` (or {@link syntheticNames} of the page, 10,000 by default),
 * scans `doc` until idle, hit-tests the first marks, and disposes. Leaves the
 * page as it found it.
 */
export async function benchScan(doc: Document, names?: NameEntry[], nameCount = 10_000): Promise<BenchResult> {
  const table = names ?? syntheticNames(doc.body?.innerText ?? '', nameCount);
  const compileSlices: number[] = [];
  let sliceStart = performance.now();
  const c0 = performance.now();
  const matcher = await compileMatcherIdle(table, {
    yieldTo: () =>
      new Promise((resolve) => {
        compileSlices.push(performance.now() - sliceStart);
        setTimeout(() => {
          sliceStart = performance.now();
          resolve();
        }, 0);
      }),
  });
  compileSlices.push(performance.now() - sliceStart);
  const compileMs = performance.now() - c0;

  const runs: number[] = [];
  const scheduler = timed(idleScheduler(doc.defaultView ?? globalThis), runs);
  const scanner = new PageScanner(doc, matcher, { scheduler, observeMutations: false });
  const s0 = performance.now();
  scanner.start();
  await scanner.whenIdle();
  const scanWallMs = performance.now() - s0;

  // Caret APIs only see the viewport: bring each mark in first (not timed).
  const marks = scanner.marks().slice(0, 200);
  let hits = 0;
  let tried = 0;
  let hitTime = 0;
  for (const mark of marks) {
    mark.startNode.parentElement?.scrollIntoView({ block: 'center', behavior: 'instant' });
    const rects = liveRange(mark).getClientRects();
    const rect = rects[0];
    const view = doc.defaultView;
    if (
      !rect ||
      !view ||
      rect.top < 0 ||
      rect.bottom > view.innerHeight ||
      rect.left < 0 ||
      rect.right > view.innerWidth
    ) {
      continue; // not scrollable into view (overflow:hidden pages, collapsed menus)
    }
    tried++;
    const h0 = performance.now();
    const hit = scanner.hitTest(rect.left + rect.width / 2, rect.top + rect.height / 2);
    hitTime += performance.now() - h0;
    if (hit?.mark === mark) hits++;
  }
  const hitTestMeanMs = tried ? hitTime / tried : 0;
  const result: BenchResult = {
    names: table.length,
    compileMs,
    compileLongestSliceMs: Math.max(...compileSlices),
    compileSliceTimes: compileSlices.map((r) => Math.round(r * 10) / 10),
    scanWallMs,
    scanWorkMs: runs.reduce((a, b) => a + b, 0),
    slices: runs.length,
    longestSliceMs: Math.max(0, ...runs),
    sliceTimes: runs.map((r) => Math.round(r * 10) / 10),
    marks: scanner.marks().length,
    entities: scanner.entitiesOnPage().length,
    marksVisible: scanner.marksVisible,
    hitTestMeanMs,
    hitTestTried: tried,
    hitTestHits: hits,
  };
  scanner.dispose();
  return result;
}
