/**
 * The bundled corpus, from a (re)started worker to its first answers, with the
 * search indexes the build ships (lib/search/index-file.ts) beside indexing the
 * pack in place as every worker start did before. Two parts:
 *
 * - In Node, both paths in the same run, from the files' JSON text: parse and
 *   check the pack, make the corpus's parts (indexes loaded or built), answer
 *   the first names page, then a search and a card. The old path is the baseline.
 * - In Chromium, the built extension: the service worker stopped (what Chrome
 *   does to an idle MV3 worker), then the same three messages from an extension
 *   page; the baseline is the running worker in the same run. With
 *   `DOSSIER_BEFORE_EXTENSION_DIR` (a build of the old code), that build is
 *   measured the same way in the same run.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { askThree, type Timings } from './lib/ask-three';
import { validatePack } from '../../lib/import/validate';
import { bundledIndexFile, buildBundledPack } from '../../lib/node/bundled-corpus';
import { toPackFile } from '../../lib/pack/file';
import type { Pack } from '../../lib/pack/types';
import { CorpusQuery, partsOfBundledPack } from '../../lib/query/corpus-query';
import { launchWithExtension } from '../support/browser';
import { defineBench } from './lib/contract';
import { summarize, type Measurement } from './lib/measure';
import type { Row } from './lib/table';

const QUERY = 'lavrov ceasefire';

function readPack(json: string): Pack {
  const check = validatePack(JSON.parse(json), 'bundled pack');
  if (!check.ok) throw new Error(check.error);
  return check.pack;
}

/** The three first answers of a started worker, on `query`. */
async function firstAnswers(query: CorpusQuery, entityId: string): Promise<void> {
  query.names();
  await query.search(QUERY);
  await query.card(entityId);
}

/** Restarts the worker of the build at `extensionPath` `runs` times; first answers after each, and from the running worker. */
async function restarts(extensionPath: string, entityId: string, runs: number) {
  const session = await launchWithExtension({ extensionPath });
  try {
    const page: Page = await session.context.newPage();
    await page.goto(`chrome-extension://${session.extensionId}/popup.html`);
    const cdp = await session.context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    const cold: Timings[] = [];
    const warm: Timings[] = [];
    for (let i = 0; i < runs; i++) {
      await cdp.send('ServiceWorker.stopAllWorkers');
      await page.waitForTimeout(300);
      cold.push(await askThree(page, entityId, QUERY));
      warm.push(await askThree(page, entityId, QUERY));
    }
    return { cold, warm };
  } finally {
    await session.close();
  }
}

const row = (step: string, m: Measurement, base: Measurement): Row => ({
  step,
  'median ms': m.median,
  'p95 ms': m.p95,
  '× baseline': m.median / base.median,
});

export default defineBench({
  name: 'bundled',
  description: 'the bundled corpus from worker start to first answers: shipped indexes vs indexing in place',
  needsShared: false,
  async run(ctx) {
    const pack = await buildBundledPack(ctx.root);
    const packJson = JSON.stringify(toPackFile(pack));
    const indexJson = JSON.stringify(bundledIndexFile(pack));
    const entityId = pack.entities.find((e) => e.name.includes('Lavrov'))?.id ?? pack.entities[0]!.id;
    const runs = ctx.quick ? 5 : 40;

    const before = await ctx.measure(() => firstAnswers(CorpusQuery.fromPack(readPack(packJson)), entityId), {
      runs,
      warmup: 3,
    });
    const after = await ctx.measure(
      () =>
        firstAnswers(
          new CorpusQuery(
            partsOfBundledPack(readPack(packJson), JSON.parse(indexJson), (why) => {
              throw new Error(`the shipped index was refused: ${why}`);
            }),
          ),
          entityId,
        ),
      { runs, warmup: 3 },
    );
    const packOnly = await ctx.measure(() => readPack(packJson), { runs, warmup: 3 });
    const rows: Row[] = [
      row('Node: indexing in the worker (before; baseline)', before, before),
      row('Node: shipped indexes, loadJSON (after)', after, before),
      row('Node: parsing and checking the pack alone', packOnly, before),
    ];
    const metrics: Record<string, number> = {
      'bundled.node.beforeMs': before.median,
      'bundled.node.afterMs': after.median,
    };

    const builds: [string, string][] = [['after', path.join(ctx.root, '.output', 'chrome-mv3')]];
    const beforeDir = process.env.DOSSIER_BEFORE_EXTENSION_DIR;
    if (beforeDir) builds.unshift(['before', beforeDir]);
    const notes = [
      `Node: ${runs} runs each of parse + check the pack, make the parts, names, search "${QUERY}", card; pack ${(packJson.length / 1024).toFixed(0)} KB, indexes ${(indexJson.length / 1024).toFixed(0)} KB of JSON.`,
    ];
    for (const [label, dir] of builds) {
      if (!existsSync(path.join(dir, 'manifest.json'))) {
        notes.push(`Chromium (${label}): no build at ${dir}: run \`npm run build\` first`);
        continue;
      }
      ctx.log(`bundled: restarting the worker of ${dir}`);
      const { cold, warm } = await restarts(dir, entityId, ctx.quick ? 3 : 9);
      for (const step of ['names', 'search', 'card'] as const) {
        const w = summarize(warm.map((r) => r[step]));
        const c = summarize(cold.map((r) => r[step]));
        rows.push(row(`Chromium ${label}: ${step}, running worker (baseline)`, w, w));
        rows.push(row(`Chromium ${label}: ${step}, after a restart`, c, w));
        metrics[`bundled.chromium.${label}.${step}AfterRestartMs`] = c.median;
      }
    }
    notes.push('Chromium times are cumulative from the first message ("search" = the first search answered).');
    if (!beforeDir) notes.push('Set DOSSIER_BEFORE_EXTENSION_DIR to a build of the old code to measure it too.');
    return { rows, notes, metrics };
  },
});
