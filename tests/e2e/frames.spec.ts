/**
 * Frame gating (lib/page/frame-gate.ts): same-origin frames that show no text
 * — empty ad slots, 1×1 pixels, hidden frames, frames holding only scripts or
 * invisible text — ask the background for no names (so compile nothing), and a
 * frame whose text arrives later is then marked.
 */
import type { Worker } from '@playwright/test';
import { expect, test } from './fixtures';
import { paintedMarks } from './support/marks';

interface NamesAsk {
  frameId: number;
  url: string;
}

/** Records, in the service worker, every first-page `names.get` and the frame it came from. */
async function recordNameRequests(worker: Worker): Promise<() => Promise<NamesAsk[]>> {
  await worker.evaluate(() => {
    interface Sender {
      frameId?: number;
      url?: string;
    }
    const g = globalThis as unknown as {
      namesAsks?: NamesAskInWorker[];
      chrome: { runtime: { onMessage: { addListener(f: (m: unknown, s: Sender) => undefined): void } } };
    };
    interface NamesAskInWorker {
      frameId: number;
      url: string;
    }
    const asks: NamesAskInWorker[] = (g.namesAsks = []);
    g.chrome.runtime.onMessage.addListener((message, sender) => {
      const m = message as { name?: string; payload?: { from?: number } } | null;
      if (m?.name === 'names.get' && !m.payload?.from)
        asks.push({ frameId: sender.frameId ?? -1, url: sender.url ?? '' });
      return undefined; // the real listener answers
    });
  });
  return () => worker.evaluate(() => (globalThis as unknown as { namesAsks: NamesAsk[] }).namesAsks);
}

test('empty, tiny and hidden frames ask for no names; a frame whose text arrives later is marked', async ({
  page,
  worker,
  server,
}) => {
  const asks = await recordNameRequests(worker);
  await page.goto(server.url('/hard/many-frames.html'));
  expect(page.frames()).toHaveLength(11);
  await expect.poll(async () => (await paintedMarks(page)).map((m) => m.text)).toContain('Sergey Lavrov');
  // Give the frames' content scripts (document_idle) time to have asked, had they been going to.
  await page.waitForTimeout(1500);
  // (The top frame may ask twice: a fresh profile's first corpus load announces a version, which restarts it.)
  const frames = async () => [...new Set((await asks()).map((a) => a.frameId))];
  expect(await frames()).toEqual([0]);
  expect((await paintedMarks(page)).map((m) => m.text)).toEqual(['Sergey Lavrov']);

  await page.evaluate(() => (window as unknown as { fillLate(): void }).fillLate());
  await expect
    .poll(async () => (await paintedMarks(page)).filter((m) => m.url === 'about:blank').map((m) => m.text))
    .toEqual(['John Kerry']);
  const after = await frames();
  expect(after).toHaveLength(2);
  expect(after[1]).not.toBe(0);
});

test('the engine loads into a late frame under a strict page policy, and the page sees no trace of the load', async ({
  page,
  server,
}) => {
  await page.goto(server.url('/hard/frames-csp.html'));
  await expect.poll(async () => (await paintedMarks(page)).map((m) => m.text)).toContain('Sergey Lavrov');
  await page.evaluate(() => (window as unknown as { fillLate(): void }).fillLate());
  await expect
    .poll(async () => (await paintedMarks(page)).filter((m) => m.url === 'about:blank').map((m) => m.text))
    .toEqual(['John Kerry']);
  // The engine's file is web-accessible (lib/content/gate.ts): its load must not show in the page's timelines.
  expect(await page.evaluate(() => (window as unknown as { seenAddresses(): string[] }).seenAddresses())).toEqual([]);
});
