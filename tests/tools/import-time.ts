/**
 * Times one streamed import in Chromium, as a user does it: a fresh profile, the options page,
 * one `.jsonl`/`.jsonl.gz` file picked, "Import <file>" clicked, until the page says "Imported".
 * Cheaper than `npm run bench -- --only grow` (which goes on to add articles and restart the
 * worker). Every 2 s it samples the load average and the JS heap of every dedicated worker of
 * the extension (the import worker and its extraction workers, CDP `Runtime.getHeapUsage`,
 * no forced GC), and prints the peaks.
 *
 *   npx tsx tests/tools/import-time.ts --file corpus.jsonl.gz [--ext .output/chrome-mv3] [--label x]
 *
 * The file for the 10,000 briefings is what the grow bench writes: .cache/bench/grow/corpus-10000.jsonl.gz.
 */
import { readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { CDPSession } from 'playwright-core';
import { OptionsPage } from '../e2e/pages/options';
import { launchWithExtension } from '../support/browser';

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};

interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
}

/** JS heap used by each dedicated worker of `extensionId`, MB (attaches, asks, detaches). */
async function workerHeaps(cdp: CDPSession, extensionId: string): Promise<{ url: string; usedMB: number }[]> {
  const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: TargetInfo[] };
  const out: { url: string; usedMB: number }[] = [];
  for (const t of targetInfos) {
    if (t.type !== 'worker' || !t.url.startsWith(`chrome-extension://${extensionId}/`)) continue;
    const attached: { sessionId: string } = await cdp
      .send('Target.attachToTarget', { targetId: t.targetId, flatten: false })
      .catch(() => ({ sessionId: '' }));
    const { sessionId } = attached;
    if (!sessionId) continue;
    const reply = new Promise<{ usedSize?: number }>((resolve) => {
      const onMessage = (event: { sessionId: string; message: string }) => {
        if (event.sessionId !== sessionId) return;
        const msg = JSON.parse(event.message) as { id?: number; result?: { usedSize?: number } };
        if (msg.id !== 1) return;
        cdp.off('Target.receivedMessageFromTarget', onMessage);
        resolve(msg.result ?? {});
      };
      cdp.on('Target.receivedMessageFromTarget', onMessage);
      setTimeout(() => resolve({}), 5_000);
    });
    await cdp
      .send('Target.sendMessageToTarget', {
        sessionId,
        message: JSON.stringify({ id: 1, method: 'Runtime.getHeapUsage' }),
      })
      .catch(() => undefined);
    const { usedSize } = await reply;
    await cdp.send('Target.detachFromTarget', { sessionId }).catch(() => undefined);
    if (usedSize !== undefined) out.push({ url: t.url, usedMB: usedSize / 2 ** 20 });
  }
  return out;
}

async function main(): Promise<void> {
  const file = path.resolve(arg('--file') ?? '.cache/bench/grow/corpus-10000.jsonl.gz');
  const extensionPath = path.resolve(arg('--ext') ?? '.output/chrome-mv3');
  const label = arg('--label') ?? path.basename(extensionPath);
  const bytes = statSync(file).size;
  const plainBytes = file.endsWith('.gz') ? gunzipSync(readFileSync(file)).length : bytes;
  const session = await launchWithExtension({ extensionPath });
  try {
    const page = await session.context.newPage();
    const notes: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'warning' || m.type() === 'error') notes.push(`${m.type()}: ${m.text()}`);
    });
    const cdp = await session.context.newCDPSession(page);
    const options = await new OptionsPage(page, session.extensionId).open('import');
    const loads: number[] = [];
    let peakSum = 0;
    let peakOne = 0;
    let workers = 0;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        loads.push(os.loadavg()[0]!);
        const heaps = await workerHeaps(cdp, session.extensionId).catch(() => []);
        workers = Math.max(workers, heaps.length);
        peakSum = Math.max(
          peakSum,
          heaps.reduce((n, h) => n + h.usedMB, 0),
        );
        for (const h of heaps) peakOne = Math.max(peakOne, h.usedMB);
        await new Promise((r) => setTimeout(r, 2_000));
      }
    })();
    const t0 = performance.now();
    await options.chooseFiles([file]);
    const start = options.importFileButton(path.basename(file));
    await start.waitFor({ timeout: 120_000 });
    await start.click();
    await page.waitForFunction(
      (sel) => /Imported/.test(document.querySelector(sel)?.textContent ?? ''),
      '.import-result',
      { timeout: 3_600_000, polling: 250 },
    );
    const ms = performance.now() - t0;
    sampling = false;
    await sampler;
    const result = (await options.importResult.innerText()).trim();
    // Where the time went (the worker's phases summed over batches, lib/import/stream-run.ts), ms.
    const phases = JSON.parse((await options.importResult.getAttribute('data-phases')) ?? '{}') as Record<
      string,
      number
    >;
    const articles = Number(/Imported ([\d,]+)/.exec(result)?.[1]?.replace(/,/g, '') ?? NaN);
    const mean = loads.reduce((a, b) => a + b, 0) / Math.max(1, loads.length);
    console.log(
      JSON.stringify({
        label,
        file: path.basename(file),
        MB: +(bytes / 1e6).toFixed(1),
        wallS: +(ms / 1000).toFixed(1),
        articles,
        articlesPerS: +(articles / (ms / 1000)).toFixed(1),
        plainMB: +(plainBytes / 1e6).toFixed(1),
        MBPerS: +(plainBytes / 1e6 / (ms / 1000)).toFixed(3),
        result,
        phases,
        workersSeen: workers,
        peakHeapOneWorkerMB: Math.round(peakOne),
        peakHeapAllWorkersMB: Math.round(peakSum),
        loadStart: +loads[0]!.toFixed(2),
        loadMean: +mean.toFixed(2),
        loadMax: +Math.max(...loads).toFixed(2),
        cpus: os.cpus().length,
        console: notes.slice(0, 10),
      }),
    );
  } finally {
    await session.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
