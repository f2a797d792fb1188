/**
 * The service worker after a restart, in Chromium, with 10,000 White House
 * briefings imported through the options page (1,000 with --quick): the whole
 * import (read, extract, index, write to IndexedDB, verify) once, then, after
 * each stop of the worker (what Chrome does to an idle MV3 worker), the time
 * from a message sent by an extension page to its answer: the first page of
 * names (what a content script asks first), then a search, then an entity card.
 * The baseline is the same three messages to the running worker, in the same
 * run. Real IndexedDB on disk: this is the figure the search bench's
 * `v8.deserialize` stands in for.
 */
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { OptionsPage } from '../e2e/pages/options';
import { askThree, type Timings } from './lib/ask-three';
import { launchWithExtension } from '../support/browser';
import { defineBench } from './lib/contract';
import { summarize } from './lib/measure';
import { readJsonlFile } from '../../lib/node/jsonl-input';

const TARGET_READY_MS = 1000;
/** Documents per file: the importer reads files of up to 64 MB. */
const PER_FILE = 2500;

/** The first `count` briefings as .jsonl files small enough for the importer, written once. */
async function briefingFiles(root: string, sharedDir: string, count: number): Promise<string[]> {
  const files = Array.from({ length: Math.ceil(count / PER_FILE) }, (_, i) =>
    path.join(root, '.cache', 'bench', `briefings-${count}-${i}.jsonl`),
  );
  if (files.every((f) => existsSync(f))) return files;
  const { docs } = await readJsonlFile(path.join(sharedDir, 'data/whitehouse-briefings.jsonl.gz'), count);
  files.forEach((file, i) => {
    const part = docs.slice(i * PER_FILE, (i + 1) * PER_FILE);
    writeFileSync(
      file,
      part.map(({ id, title, text, date, url }) => JSON.stringify({ id, title, text, date, url })).join('\n'),
    );
  });
  return files;
}

export default defineBench({
  name: 'worker',
  description: 'service-worker restart with 10,000 imported briefings, in Chromium with real IndexedDB',
  needsShared: true,
  async run(ctx) {
    const extensionPath = process.env.DOSSIER_EXTENSION_DIR ?? path.join(ctx.root, '.output', 'chrome-mv3');
    if (!existsSync(path.join(extensionPath, 'manifest.json')))
      return { skipped: `no build at ${extensionPath}: run \`npm run build\` first` };
    const count = Number(process.env.DOSSIER_WORKER_DOCS) || (ctx.quick ? 1000 : 10_000);
    const files = await briefingFiles(ctx.root, ctx.sharedDir!, count);
    const session = await launchWithExtension({ extensionPath });
    try {
      const page = await session.context.newPage();
      const options = await new OptionsPage(page, session.extensionId).open();
      ctx.log(`worker: importing ${count} briefings through the options page (minutes)`);
      await options.chooseFiles(files);
      const started = performance.now();
      // The button names every article once all files are read.
      await page.getByRole('button', { name: `Import ${count} articles` }).click({ timeout: 5 * 60_000 });
      await options.importResult.getByText(/Imported/).waitFor({ timeout: 30 * 60_000 });
      const importMs = performance.now() - started;
      const imported = (await options.importResult.innerText()).trim();

      await page.goto(`chrome-extension://${session.extensionId}/popup.html`);
      const entityId = await page.evaluate<string>(
        `chrome.runtime.sendMessage({ dossier: 1, name: 'names.get', payload: {} }).then((r) => r.value.names[0].entityId)`,
      );
      const documents = await page.evaluate<number>(
        `chrome.runtime.sendMessage({ dossier: 1, name: 'corpus.status', payload: {} }).then((r) => r.value.counts.documents)`,
      );
      // Duplicates (same text) are left out: a few of the briefings are repeated.
      if (documents < 0.9 * count) throw new Error(`worker: the corpus has ${documents} documents after "${imported}"`);
      const cdp = await session.context.newCDPSession(page);
      await cdp.send('ServiceWorker.enable');
      const runs = ctx.quick ? 3 : 7;
      const cold: Timings[] = [];
      const warm: Timings[] = [];
      for (let i = 0; i < runs; i++) {
        await cdp.send('ServiceWorker.stopAllWorkers');
        await page.waitForTimeout(300);
        cold.push(await askThree(page, entityId, 'president'));
        warm.push(await askThree(page, entityId, 'president'));
      }
      const rows = (['names', 'search', 'card'] as const).flatMap((step) => {
        const c = summarize(cold.map((r) => r[step]));
        const w = summarize(warm.map((r) => r[step]));
        return [
          { step: `${step}: running worker (baseline)`, 'median ms': w.median, 'p95 ms': w.p95, '× baseline': 1 },
          {
            step: `${step}: after a restart`,
            'median ms': c.median,
            'p95 ms': c.p95,
            '× baseline': c.median / w.median,
          },
        ];
      });
      const ready = summarize(cold.map((r) => r.search));
      return {
        rows,
        notes: [
          `${count} briefings imported in ${(importMs / 1000).toFixed(0)} s (read, extract, index, write, verify): "${imported}"; the corpus has ${documents} documents; ${runs} restarts.`,
          'Times are cumulative from the first message: "search" is the first search answered after the restart.',
          `Ready for search after a restart p95 ${ready.p95.toFixed(0)} ms (target ≤ ${TARGET_READY_MS} ms): ${ready.p95 <= TARGET_READY_MS ? 'met' : 'NOT met'}`,
        ],
        metrics: {
          'worker.importS': importMs / 1000,
          'worker.namesAfterRestartMs': summarize(cold.map((r) => r.names)).median,
          'worker.searchAfterRestartMs': ready.median,
          'worker.searchAfterRestartP95Ms': ready.p95,
        },
      };
    } finally {
      await session.close();
    }
  },
});
