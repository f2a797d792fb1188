/**
 * Hover → popover latency in the real extension on the demo article, alone
 * (the `page-scan` bench also measures it, after minutes of page scans): the
 * time from the last pointer move onto a name to the popover painted, past the
 * hover delay (tests/bench/page/hover-latency.ts).
 *
 * The extension under test is env DOSSIER_EXTENSION_DIR, else `.output/chrome-mv3`.
 * Set DOSSIER_HOVER_BASELINE_DIR to another build (e.g. one of `main`) to measure
 * both in the same run, interleaved, and get their ratio.
 *
 * Runs under `npm run bench -- --only hover`.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { startStaticServer } from '../support/static-server';
import { defineBench, type BenchContext, type BenchSection } from './lib/contract';
import { summarize } from './lib/measure';
import type { Row } from './lib/table';
import { hoverLatency } from './page/hover-latency';

async function run(ctx: BenchContext): Promise<BenchSection | { skipped: string }> {
  const ours = path.resolve(process.env.DOSSIER_EXTENSION_DIR ?? path.join(ctx.root, '.output', 'chrome-mv3'));
  if (!existsSync(path.join(ours, 'manifest.json'))) return { skipped: `no build at ${ours}: run npm run build` };
  const baselineDir = process.env.DOSSIER_HOVER_BASELINE_DIR;
  const builds: [label: string, dir: string][] = [['this build', ours]];
  if (baselineDir) builds.push(['baseline', path.resolve(baselineDir)]);
  const hovers = ctx.quick ? 5 : 30;
  // Rounds alternate between the builds so that load on the machine hits both alike.
  const rounds = ctx.quick ? 1 : 3;
  const warm = new Map<string, number[]>(builds.map(([label]) => [label, []]));
  const first = new Map<string, number[]>(builds.map(([label]) => [label, []]));
  const server = await startStaticServer();
  try {
    for (let round = 0; round < rounds; round++) {
      for (const [label, dir] of builds) {
        ctx.log(`hover: ${label}, round ${round + 1} of ${rounds}`);
        const lat = await hoverLatency(dir, server.origin, server.url('/demo-article.html'), hovers);
        warm.get(label)!.push(...lat.warm);
        first.get(label)!.push(lat.first);
      }
    }
  } finally {
    await server.close();
  }
  const rows: Row[] = [];
  const metrics: Record<string, number> = {};
  const base = baselineDir ? summarize(warm.get('baseline')!).median : NaN;
  for (const [label] of builds) {
    const s = summarize(warm.get(label)!);
    const f = summarize(first.get(label)!);
    rows.push({
      build: label,
      hovers: s.samples.length,
      'p50 ms': s.median,
      'p95 ms': s.p95,
      'first hover ms (median)': f.median,
      '× baseline p50': baselineDir ? s.median / base : null,
    });
    const key = label === 'baseline' ? 'baseline' : 'ours';
    metrics[`hover.${key}.p50.ms`] = s.median;
    metrics[`hover.${key}.p95.ms`] = s.p95;
  }
  return {
    rows,
    notes: [
      'Latency past the 300 ms hover delay: last pointer move → popover iframe shown, plus one animation frame.',
      'first hover: the frame is created and loaded while the delay runs; wall clock, polled every 10 ms.',
      ...(baselineDir ? [`baseline: ${baselineDir}`] : ['Set DOSSIER_HOVER_BASELINE_DIR for a baseline build.']),
    ],
    metrics,
  };
}

/** The hover-latency benchmark (module contract: tests/bench/README.md). */
export default defineBench({
  name: 'hover',
  description: 'hover → popover latency on the demo article in Chromium, optionally beside a baseline build',
  run,
});
