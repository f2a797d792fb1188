/**
 * What fills the engine's long tasks: runs the page engine (as the page-scan bench's "100 / 10k" columns do)
 * on pages of `../shared/pages`, traced, and prints every compile or scan task over `--over` ms of CPU with
 * the trace events inside it (style recalculation, layout, garbage collection, our JS).
 *
 *   npx tsx tests/bench/page/long-tasks.ts [--names 100|10000] [--over 10] wikipedia-2 markjs-large-document
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startStaticServer } from '../../support/static-server';
import { takeNumberOption } from '../lib/args';
import { bundleInPage } from './bundle';
import { briefingNames } from './names';
import { openBrowser } from './page-runs';
import { COMPILE_MARK, SCAN_MARK, TRACE_CATEGORIES, type TraceEvent } from './task-cpu';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const count = takeNumberOption(args, '--names', 100);
  const over = takeNumberOption(args, '--over', 10);
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
  const shared = process.env.DOSSIER_SHARED ?? path.resolve(root, '../shared');
  const names = (await briefingNames(root, shared, 10_000, 1500, () => undefined)).slice(0, count);
  const inPage = await bundleInPage(root);
  const server = await startStaticServer();
  const bench = await openBrowser(server.origin);
  try {
    for (const file of args) {
      for (let run = 0; run < 3; run++) {
        const page = await bench.context.newPage();
        await page.goto(server.url(`/shared/${file}.html`), { waitUntil: 'load', timeout: 60_000 });
        await page.waitForTimeout(200);
        await page.evaluate(inPage);
        await page.evaluate(`window.benchNames = ${JSON.stringify(names)}`);
        await bench.browser.startTracing(page, {
          categories: [...TRACE_CATEGORIES, 'v8', 'blink', 'disabled-by-default-devtools.timeline'],
        });
        await page.evaluate('window.dossierBench.ours(window.benchNames)');
        const trace = JSON.parse((await bench.browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] };
        await page.close();
        const evs = trace.traceEvents;
        const marks = evs.filter((e) => e.name === SCAN_MARK || e.name === COMPILE_MARK);
        if (marks.length === 0) continue;
        const { pid, tid } = marks[0]!;
        const mine = evs.filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X');
        const tasks = mine.filter((e) => e.name === 'ThreadControllerImpl::RunTask');
        const seen = new Set<TraceEvent>();
        for (const m of marks) {
          const task = tasks.find((t) => t.ts <= m.ts && m.ts <= t.ts + (t.dur ?? 0));
          if (!task || seen.has(task)) continue;
          seen.add(task);
          const cpu = (task.tdur ?? 0) / 1000;
          if (cpu < over) continue;
          const inner = new Map<string, number>();
          for (const e of mine) {
            if (e === task || e.ts < task.ts || e.ts + (e.dur ?? 0) > task.ts + (task.dur ?? 0)) continue;
            inner.set(e.name, (inner.get(e.name) ?? 0) + (e.tdur ?? e.dur ?? 0) / 1000);
          }
          const top = [...inner].sort((a, b) => b[1] - a[1]).slice(0, 8);
          console.log(
            `${file} run ${run} ${m.name === SCAN_MARK ? 'scan' : 'compile'} task ${cpu.toFixed(1)} ms CPU (wall ${((task.dur ?? 0) / 1000).toFixed(1)}): ` +
              top.map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', '),
          );
        }
      }
    }
  } finally {
    await bench.close();
    await server.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
