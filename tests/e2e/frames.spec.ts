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
  /** Asked with `knownVersion`: only checks that a page's shared matcher is current (lib/content/page-matcher.ts). */
  known: boolean;
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
      known: boolean;
    }
    const asks: NamesAskInWorker[] = (g.namesAsks = []);
    g.chrome.runtime.onMessage.addListener((message, sender) => {
      const m = message as { name?: string; payload?: { from?: number; knownVersion?: string } } | null;
      if (m?.name === 'names.get' && !m.payload?.from)
        asks.push({ frameId: sender.frameId ?? -1, url: sender.url ?? '', known: !!m.payload?.knownVersion });
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
  // The late frame reuses the page's matcher: it only checks the version, it fetches no names.
  expect((await asks()).filter((a) => a.frameId === after[1]).map((a) => a.known)).toEqual([true]);
});

test('frames that show text share the page’s one compiled matcher, which no page script can reach', async ({
  page,
  worker,
  server,
}) => {
  const asks = await recordNameRequests(worker);
  await page.goto(server.url('/hard/text-frames.html'));
  await expect
    .poll(async () => (await paintedMarks(page)).map((m) => m.text).sort())
    .toEqual(['Aleppo', 'John Kerry', 'Sergey Lavrov', 'Sergey Lavrov']);
  await page.waitForTimeout(1000);
  const all = await asks();
  // Every frame with names is marked (above), and only the top fetched the names and compiled. (A child frame
  // that starts before the top frame has the top frame compile for it and sends nothing itself.)
  expect([...new Set(all.filter((a) => !a.known).map((a) => a.frameId))]).toEqual([0]);
  // The shared matcher lives in the content scripts' world only: page scripts of every frame see nothing.
  for (const frame of page.frames()) {
    expect(await frame.evaluate(() => Object.keys(window).filter((k) => /dossier/i.test(k)))).toEqual([]);
    expect(await frame.evaluate(() => 'dossierPageMatcher' in window.top!)).toBe(false);
  }
});

// Session 9's CI flake, forced: the child frames show text (and start) before the top frame does. The compile
// must still happen once, in the top frame (lib/content/page-matcher.ts); the old code compiled in a child.
test('frames that show text before the top frame still have the top frame compile, once', async ({
  page,
  worker,
  server,
}) => {
  const asks = await recordNameRequests(worker);
  await page.goto(server.url('/hard/text-frames-late-top.html'));
  await expect
    .poll(async () => (await paintedMarks(page)).map((m) => m.text).sort())
    .toEqual(['Aleppo', 'John Kerry', 'Sergey Lavrov']);
  await page.evaluate(() => (window as unknown as { fillTop(): void }).fillTop());
  await expect
    .poll(async () => (await paintedMarks(page)).map((m) => m.text).sort())
    .toEqual(['Aleppo', 'John Kerry', 'Sergey Lavrov', 'Sergey Lavrov']);
  await page.waitForTimeout(500);
  const all = await asks();
  expect([...new Set(all.filter((a) => !a.known).map((a) => a.frameId))]).toEqual([0]);
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
