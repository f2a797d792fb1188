/**
 * What Dossier costs on the real pages of `../shared/pages`, in headless
 * Chromium, medians over fresh page loads:
 * - the built extension (bundled corpus) counted whole: its JavaScript in every
 *   frame of the renderer (V8 sampling profiler) and the style and layout work
 *   it adds (with vs without the extension), the frames that asked for names,
 *   and optionally an older build interleaved (page/extension-runs.ts);
 * - mark.js and a TreeWalker floor run in every same-origin frame;
 * - the page engine alone with 100 and 10,000 real names (compile + scan in
 *   idle slices, trace CPU; top frame);
 * - hover latency and the content script's gzipped size.
 *
 * Runs under `npm run bench -- --only page-scan`, or alone:
 * `npx tsx tests/bench/page-scan.bench.ts [--quick]`. Needs a build: env
 * DOSSIER_EXTENSION_DIR, else `.output/chrome-mv3`. Every page is measured in
 * every run (--quick: three pages); 3 loads each by default,
 * DOSSIER_PAGE_SCAN_FULL=1 for 5 and the naive scan.
 */
import { existsSync, readdirSync } from 'node:fs';
import os from 'node:os';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { NameEntry } from '../../lib/messages/protocol';
import { launchWithExtension, type ExtensionSession } from '../support/browser';
import { startStaticServer } from '../support/static-server';
import { defineBench, type BenchContext, type BenchSection } from './lib/contract';
import { summarize } from './lib/measure';
import type { Row } from './lib/table';
import { bundleInPage, markJsSource } from './page/bundle';
import { AFTER_LOAD_MS, profiledLoad, SAMPLE_US, type ProfiledLoad } from './page/extension-runs';
import { hoverLatency } from './page/hover-latency';
import type { OursRun, PlainRun } from './page/in-page';
import { briefingNames, bundledNames } from './page/names';
import {
  openBrowser,
  runOnce,
  type BenchBrowser,
  type Contender,
  type Sources,
  type TracedRun,
} from './page/page-runs';

/** The targets. */
const TARGET = { longestSliceMs: 16, markJsRatio: 50, bigOverSmall: 1.5, hoverP95Ms: 50, gzipKB: 30 };

const median = (xs: number[]): number => summarize(xs).median;
const round = (x: number, digits = 1): number => Number(x.toFixed(digits));
const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);

type Ours = TracedRun<OursRun>;
type Plain = TracedRun<PlainRun>;

async function runs(
  bench: BenchBrowser,
  url: string,
  contender: Contender,
  names: NameEntry[],
  sources: Sources,
  count: number,
  allFrames = false,
): Promise<TracedRun<OursRun | PlainRun>[]> {
  const out: TracedRun<OursRun | PlainRun>[] = [];
  for (let i = 0; i < count; i++) out.push(await runOnce(bench, url, contender, names, sources, allFrames));
  return out;
}

/** Median CPU ms of the scanning tasks of `rs`. */
const scanCpu = (rs: TracedRun<unknown>[]): number => median(rs.map((r) => sum(r.cpu.scan)));

/** Loads per page and contender: `--quick` 1; default 3; env DOSSIER_PAGE_SCAN_FULL=1 5 (and the naive scan). */
function loadCounts(quick: boolean): { n: number; others: number; full: boolean } {
  const full = process.env.DOSSIER_PAGE_SCAN_FULL === '1';
  if (quick) return { n: 1, others: 1, full: false };
  return full ? { n: 5, others: 3, full } : { n: 3, others: 1, full };
}

/** An extension build profiled on every page: this one, and optionally an older one. */
interface Build {
  label: string;
  session: ExtensionSession;
}

async function pageRows(ctx: BenchContext, sets: Record<'bundled' | 'small' | 'big', NameEntry[]>, builds: string[]) {
  const pagesDir = path.join(ctx.sharedDir!, 'pages');
  let pages = readdirSync(pagesDir).filter((f) => f.endsWith('.html'));
  if (ctx.quick) pages = pages.filter((p) => ['abcnews.html', 'wikipedia-2.html', 'yahoo-2.html'].includes(p));
  // DOSSIER_PAGE_SCAN_PAGES=cnn,breitbart: only those pages (while developing; a full run takes ~25 min).
  const only = process.env.DOSSIER_PAGE_SCAN_PAGES?.split(',').map((p) => `${p.trim()}.html`);
  if (only) pages = pages.filter((p) => only.includes(p));
  const { n, others, full } = loadCounts(ctx.quick);
  const sources: Sources = { inPage: await bundleInPage(ctx.root), markJs: await markJsSource(ctx.root) };
  const server = await startStaticServer();
  const bench = await openBrowser(server.origin);
  const sessions: Build[] = [];
  const rows: Row[] = [];
  const metrics: Record<string, number> = {};
  const worst = { engineCpu: 0, run: 0, ratio: Infinity, floor: 0, bigSmall: 0 };
  try {
    for (const [i, dir] of builds.entries()) {
      const session = await launchWithExtension({ extensionPath: dir, allowedOrigins: [server.origin] });
      sessions.push({ label: i === 0 ? 'ours' : 'before', session });
    }
    // One untimed load per browser: the service worker's first corpus load, disk caches.
    const warm = server.url(`/shared/${pages[0]}`);
    for (const b of sessions) await profiledLoad(b.session.context, warm);
    await profiledLoad(bench.context, warm);
    for (const file of pages) {
      const url = server.url(`/shared/${file}`);
      ctx.log(file);
      // Interleaved, so that a change in the machine's load hits every build alike.
      const loads: Record<string, ProfiledLoad[]> = { none: [] };
      for (const b of sessions) loads[b.label] = [];
      for (let i = 0; i < n; i++) {
        for (const b of sessions) loads[b.label]!.push(await profiledLoad(b.session.context, url));
        loads.none!.push(await profiledLoad(bench.context, url));
      }
      const small = (await runs(bench, url, 'ours', sets.small, sources, n)) as Ours[];
      const big = (await runs(bench, url, 'ours', sets.big, sources, n)) as Ours[];
      const naive = full ? ((await runs(bench, url, 'naive', sets.bundled, sources, others)) as Plain[]) : [];
      const markjs = (await runs(bench, url, 'markjs', sets.bundled, sources, others, true)) as Plain[];
      const floor = (await runs(bench, url, 'floor', [], sources, n, true)) as Plain[];

      const none = loads.none!;
      const renderOf = (ls: ProfiledLoad[]) => median(ls.map((l) => l.styleMs)) + median(ls.map((l) => l.layoutMs));
      const cost = (ls: ProfiledLoad[]) => {
        const js = median(ls.map((l) => l.extensionMs));
        const render = renderOf(ls) - renderOf(none);
        return { js, render, total: js + Math.max(0, render), run: Math.max(...ls.map((l) => l.longestRunMs)) };
      };
      const ours = cost(loads.ours!);
      const markMs = scanCpu(markjs);
      const floorMs = scanCpu(floor);
      const ratio = markMs / ours.total;
      const bigSmall = scanCpu(big) / scanCpu(small);
      const engineCpu = Math.max(...[...small, ...big].flatMap((r) => [...r.cpu.scan, ...r.cpu.compile]));
      worst.engineCpu = Math.max(worst.engineCpu, engineCpu);
      worst.run = Math.max(worst.run, ours.run);
      worst.ratio = Math.min(worst.ratio, ratio);
      worst.floor = Math.max(worst.floor, ours.total / floorMs);
      worst.bigSmall = Math.max(worst.bigSmall, bigSmall);
      const first = loads.ours![0]!;
      const row: Row = {
        page: file,
        KB: Math.round((await readFile(path.join(pagesDir, file))).length / 1024),
        'frames (blank)': `${first.frames} (${first.blankFrames})`,
        'names asks': median(loads.ours!.map((l) => l.namesFrames)),
        'ext JS ms': round(ours.js),
      };
      if (loads.before) {
        const before = cost(loads.before);
        row['before asks'] = median(loads.before.map((l) => l.namesFrames));
        row['before JS ms'] = round(before.js);
        row['before style+layout ms'] = round(before.render);
        metrics[`${file}.before.jsMs`] = before.js;
      }
      Object.assign(row, {
        'style+layout Δ ms': round(ours.render),
        'ours ms': round(ours.total),
        'mark.js ms': round(markMs, 0),
        'mark.js/ours': round(ratio, 0),
        'floor ms': round(floorMs),
        'ours/floor': round(ours.total / floorMs, 1),
        'longest run ms': round(ours.run),
        '100 ms': round(scanCpu(small)),
        '10k ms': round(scanCpu(big)),
        '10k/100': round(bigSmall, 2),
        '10k compile ms': round(median(big.map((r) => sum(r.cpu.compile)))),
        'engine task ms': round(engineCpu),
        '10k marks': big[0]!.marks,
        'mark.js marks': markjs[0]!.marks,
      });
      if (full) row['naive ms'] = round(scanCpu(naive));
      rows.push(row);
      metrics[`${file}.ours.jsMs`] = ours.js;
      metrics[`${file}.ours.renderMs`] = ours.render;
      metrics[`${file}.longestRun.ms`] = ours.run;
      metrics[`${file}.engineTask.cpuMs`] = engineCpu;
      metrics[`${file}.entities10k.ms`] = median(big.map((r) => r.entitiesMs));
    }
  } finally {
    for (const b of sessions) await b.session.close();
    await bench.close();
    await server.close();
  }
  return { rows, metrics, worst, n, others };
}

async function run(ctx: BenchContext): Promise<BenchSection> {
  const bundled = await bundledNames(ctx.root);
  const big = await briefingNames(ctx.root, ctx.sharedDir!, 10_000, 1500, (line) => ctx.log(line));
  const sets = { bundled, small: big.slice(0, 100), big };
  const extension = path.resolve(process.env.DOSSIER_EXTENSION_DIR ?? path.join(ctx.root, '.output', 'chrome-mv3'));
  if (!existsSync(path.join(extension, 'manifest.json')))
    throw new Error(`page-scan: no build at ${extension}; run \`npm run build\` (or set DOSSIER_EXTENSION_DIR)`);
  const before = process.env.DOSSIER_BEFORE_EXTENSION_DIR;
  const builds = before ? [extension, path.resolve(before)] : [extension];
  const { rows, metrics, worst, n, others } = await pageRows(ctx, sets, builds);

  const entities = Math.max(
    ...Object.entries(metrics)
      .filter(([k]) => k.endsWith('entities10k.ms'))
      .map(([, v]) => v),
  );
  const load = os.loadavg().map((x) => x.toFixed(2));
  const notes = [
    `Load average at the end ${load.join(' ')} on ${os.cpus().length} CPUs. ${n} loads per page and build (mark.js ${others}), medians.`,
    `ext JS: the built extension (${path.relative(ctx.root, extension) || extension}, bundled corpus, ${bundled.length} names) on a fresh load, every frame of the renderer: V8 sampling profiler (${SAMPLE_US} µs) on the page's CDP session, samples whose stack holds a chrome-extension:// frame, from navigation to ${AFTER_LOAD_MS / 1000} s after load (tests/bench/page/extension-runs.ts). Sampled wall time: on a loaded machine it includes waiting for a core.`,
    '"names asks": frames that sent names.get during a load (a listener in the service worker; median), i.e. frames that compiled a matcher.',
    'style+layout Δ: RecalcStyleDuration + LayoutDuration (CDP Performance metrics, same window) with the extension minus the same page in a browser without it (medians): the style and layout work our marks, overlay and visibility checks cause. It is noisy: differences of a few ms are within the page’s own variation. "ours" = ext JS + max(0, Δ).',
    before
      ? `before: ${before}, loaded in another browser and profiled interleaved with "ours" (same pages, same loads).`
      : 'Set DOSSIER_BEFORE_EXTENSION_DIR=<older build> to profile it beside this one, interleaved.',
    `mark.js 8.11 in every same-origin frame (main, about:blank, srcdoc), one after the other: mark(names, { acrossElements, separateWordSearch: false, accuracy: 'exactly', caseSensitive }) with the bundled names, CPU of its tasks from a Chromium trace; its own restyle and relayout after wrapping names are not counted.`,
    'floor: a native TreeWalker visiting every element and text node of the body once, reading each text, in every same-origin frame of a fresh page (trace CPU): what touching the pages from script costs before any matching.',
    `100 / 10k: the page engine alone (tests/bench/page/in-page.ts, top frame) with the first 100 / 10,000 names extracted from 1,500 White House briefings, scan tasks' CPU (trace), compile apart; "engine task" the longest compile or scan task of those runs.`,
    `Longest run of ours (profiler, any frame): ${round(worst.run)} ms; longest engine task (trace CPU): ${round(worst.engineCpu)} ms (target ≤ ${TARGET.longestSliceMs}): ${worst.engineCpu <= TARGET.longestSliceMs ? 'met' : 'NOT met'} by CPU, ${worst.run <= TARGET.longestSliceMs ? 'met' : 'NOT met'} by the sampled run.`,
    `mark.js/ours, worst page ${round(worst.ratio, 1)}× (target ≥ ${TARGET.markJsRatio}×): ${worst.ratio >= TARGET.markJsRatio ? 'met' : 'NOT met'}; ours/floor, worst page ${round(worst.floor, 1)}× (target ≤ 3×): ${worst.floor <= 3 ? 'met' : 'NOT met'}.`,
    `10k/100, worst page ${round(worst.bigSmall, 2)}× (target ≤ ${TARGET.bigOverSmall}×): ${worst.bigSmall <= TARGET.bigOverSmall ? 'met' : 'NOT met'}.`,
    `entitiesOnPage() ("On this page") with 10k names, worst page median: ${round(entities)} ms wall.`,
  ];
  metrics['longestRun.ms'] = worst.run;
  metrics['engineTask.cpuMs'] = worst.engineCpu;
  metrics['markJsOverOurs.worst'] = worst.ratio;
  metrics['oursOverFloor.worst'] = worst.floor;
  metrics['bigOverSmall.worst'] = worst.bigSmall;

  const content = path.join(extension, 'content-script.js');
  {
    const kb = gzipSync(await readFile(content)).length / 1024;
    metrics['contentScript.gzipKB'] = kb;
    notes.push(`Content script ${round(kb)} KB gzipped (budget ${TARGET.gzipKB} KB), ${content}.`);
    const gate = path.join(extension, 'content-gate.js');
    if (existsSync(gate)) {
      const gateKb = gzipSync(await readFile(gate)).length / 1024;
      metrics['contentGate.gzipKB'] = gateKb;
      notes.push(
        `Child frames' gate ${round(gateKb, 1)} KB gzipped (the engine is imported only where it opens), ${gate}.`,
      );
    }
    const server = await startStaticServer();
    try {
      const lat = await hoverLatency(extension, server.origin, server.url('/demo-article.html'), ctx.quick ? 5 : 30);
      const s = summarize(lat.warm);
      metrics['hover.p50.ms'] = s.median;
      metrics['hover.p95.ms'] = s.p95;
      notes.push(
        `Hover latency past the 300 ms delay, demo article, ${lat.warm.length} hovers: p50 ${round(s.median)} ms, p95 ${round(s.p95)} ms (target p95 ≤ ${TARGET.hoverP95Ms}); first hover (creates the frame) ${round(lat.first, 0)} ms.`,
      );
    } finally {
      await server.close();
    }
  }
  return { rows, notes, metrics };
}

/** The page-scan benchmark (module contract: tests/bench/README.md). */
export default defineBench({
  name: 'page-scan',
  description: 'marking names on real pages: ours vs mark.js vs naive, 100 vs 10k names, slices, hover latency',
  needsShared: true,
  run,
});

// Alone: `npx tsx tests/bench/page-scan.bench.ts [--quick]`.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const measureLib = await import('./lib/measure');
  const { renderTable } = await import('./lib/table');
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  const shared = process.env.DOSSIER_SHARED ?? path.resolve(root, '../shared');
  const result = await run({
    root,
    sharedDir: shared,
    quick: process.argv.includes('--quick'),
    ...measureLib, // measure, timed, peakMemory, collectGarbage: what the runner passes
    log: (line) => console.error(`  … ${line}`),
  });
  for (const line of renderTable(result.rows)) console.log(line);
  for (const note of result.notes ?? []) console.log(`\n${note}`);
}
