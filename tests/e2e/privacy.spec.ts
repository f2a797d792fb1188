// Issue #11: a web page must not learn which of its words are corpus names.
// Each test is the attacker's page script; it must learn nothing, by any API.
import type { Page, Worker } from '@playwright/test';
import { MAX_CANDIDATES_PER_BLOCK } from '../../lib/page/scanner';
import { test, expect } from './fixtures';
import { PopoverHost } from './pages/popover';
import { paintedMarks } from './support/marks';
import { pageReport, reportedCount } from './support/report';

/** Opens the probe page with `word` in it and waits until Dossier has scanned it. */
async function openProbe(page: Page, worker: Worker, url: string): Promise<void> {
  await page.goto(url);
  // The control name "Moscow" is on every version: once it is counted the scan ran.
  await expect.poll(() => reportedCount(worker, 'moscow'), { timeout: 15_000 }).toBeGreaterThan(0);
  await page.waitForTimeout(1_000); // and whatever would follow it (painting, late slices)
}

type Observations = Record<string, unknown>;

const probe = (page: Page): Promise<Observations> =>
  page.evaluate(() => (window as unknown as { probe(): Promise<Observations> }).probe());

test('the page observes the same whether its word is a corpus name or not', async ({ page, server, worker }) => {
  await openProbe(page, worker, server.url('/privacy/probe.html?word=Lavrov'));
  // Dossier finds the visible "Lavrov" (else this test would prove nothing)...
  await expect.poll(() => reportedCount(worker, 'lavrov')).toBeGreaterThan(0);
  const known = await probe(page);
  const count = await reportedCount(worker, 'lavrov');
  await openProbe(page, worker, server.url('/privacy/probe.html?word=Zorkov'));
  expect(await reportedCount(worker, 'lavrov')).toBe(0);
  const unknown = await probe(page);
  if (process.env.DOSSIER_PRINT_PROBE) console.log(JSON.stringify(known, null, 1));
  // ...yet CSS.highlights, elementsFromPoint, IntersectionObserver v2, a
  // ResizeObserver and computed style of the host, MutationObserver records,
  // animations and layout shifts read exactly the same.
  expect(known).toEqual(unknown);
  expect(known.highlights).toEqual([]);
  expect(JSON.stringify(known.elementsAtWord)).not.toContain('DIV');
  // Only the visible occurrence counts, not the ten hidden ones.
  expect(count).toBe(1);
});

test('names planted in text the user cannot see are never looked up', async ({ page, server, worker }) => {
  // Opacity 0 (own and inherited), off-screen, visibility hidden, clipped to
  // 1 px, 1 px transparent, nearly transparent, 3 px, text-indent, zero height.
  await openProbe(page, worker, server.url('/privacy/probe.html?word=Lavrov&hiddenOnly'));
  expect(await reportedCount(worker, 'lavrov')).toBe(0);
  const seen = await probe(page);
  expect(seen.highlights).toEqual([]);
  // Nothing painted over them either.
  const marks = await paintedMarks(page);
  expect(marks.map((m) => m.text)).toEqual(['Moscow']);
});

test('text the user reaches by scrolling a box is looked up, and painted once in view', async ({
  page,
  server,
  worker,
}) => {
  await openProbe(page, worker, server.url('/privacy/scroller.html'));
  expect(await reportedCount(worker, 'aleppo')).toBe(1);
  expect(await reportedCount(worker, 'kerry')).toBe(1);
  // Scrolled out of its box, "Aleppo" is not painted (it would show outside the box)...
  expect((await paintedMarks(page)).map((m) => m.text)).not.toContain('Aleppo');
  await page.locator('#box').evaluate((box) => box.scrollTo(0, box.scrollHeight));
  // ...and follows the box's scrolling into view.
  await expect.poll(async () => (await paintedMarks(page)).map((m) => m.text)).toContain('Aleppo');
});

test('after a trusted hover the page can tell a card opened, and nothing more', async ({ page, server, worker }) => {
  await openProbe(page, worker, server.url('/privacy/probe.html?word=Lavrov'));
  const popover = await new PopoverHost(page).open('Lavrov', { nth: 0 });
  await expect(popover.heading).toContainText('Lavrov');
  const seen = await probe(page);
  expect(seen.highlights).toEqual([]);
});

test('dense text: the page stays responsive and the marks are capped', async ({ page, server, worker }) => {
  test.setTimeout(90_000);
  await page.goto(server.url('/privacy/dense.html'));
  // The sentence's names are counted: the scan reached the page.
  await expect.poll(() => reportedCount(worker, 'kerry'), { timeout: 30_000 }).toBeGreaterThan(0);
  // A page timer (every 50 ms) keeps firing while Dossier works through 200 KB of names.
  const ticks = () =>
    Promise.race([
      page.evaluate(() => (window as unknown as { __ticks: number }).__ticks),
      new Promise<number>((_, reject) =>
        setTimeout(() => reject(new Error('the page did not answer in 10 s')), 10_000),
      ),
    ]);
  // 3 names in the sentence, none in the run without spaces, the block's cap in the other.
  const total = (await pageReport(worker)).reduce((n, e) => n + e.count, 0);
  expect(total).toBeGreaterThan(3);
  expect(total).toBeLessThanOrEqual(3 + MAX_CANDIDATES_PER_BLOCK);
  const before = await ticks();
  await page.waitForTimeout(3_000);
  expect((await ticks()) - before).toBeGreaterThanOrEqual(10); // 60 when nothing else runs
});
