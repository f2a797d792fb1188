// The popover for keyboard and screen-reader users: an announcement when a
// card opens under the pointer (inside the frame, out of the page's reach),
// Tab kept in the card, and Escape giving the keyboard back to the page.
import type { BrowserContext, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { PopoverHost } from './pages/popover';
import { PopupPage } from './pages/popup';
import { visiblePopoverFrame } from './support/hover';

/** Selects the first `text` in the article and asks the content script to look it up (what Alt+Shift+D does). */
async function lookUpSelected(page: Page, context: BrowserContext, extensionId: string, text: string): Promise<void> {
  await page.evaluate((name) => {
    const walker = document.createTreeWalker(document.querySelector('article')!, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const at = n.nodeValue!.indexOf(name);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(n, at);
      range.setEnd(n, at + name.length);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
      return;
    }
  }, text);
  const helper = await new PopupPage(await context.newPage(), extensionId).open();
  await page.bringToFront();
  const opened = await helper.page.evaluate(async () => {
    interface ChromeTabs {
      query(q: object): Promise<{ id: number }[]>;
      sendMessage(id: number, m: unknown, o: object): Promise<unknown>;
    }
    const { tabs } = (globalThis as unknown as { chrome: { tabs: ChromeTabs } }).chrome;
    const [tab] = await tabs.query({ active: true, currentWindow: true });
    return tabs.sendMessage(tab!.id, { dossierTab: 1, name: 'page.lookupSelection', payload: {} }, { frameId: 0 });
  });
  expect(opened).toBe(true);
  await helper.page.close();
}

test.beforeEach(async ({ page, server }) => {
  await page.goto(server.url('/demo-article.html'));
});

test('a card opened by the pointer is announced politely, inside the frame only', async ({ page }) => {
  const popover = await new PopoverHost(page).open('Lavrov');
  // Each quote's "Copy with citation" has its own status too: this one is the card's announcement.
  const status = popover.frame.getByRole('status').filter({ hasText: /^Dossier card:/ });
  await expect(status).toHaveAttribute('aria-live', 'polite');
  await expect(status).toHaveText(/^Dossier card: Sergey Lavrov, person; \d+ quotes?.*mentioned in \d+ articles?\.$/);
  // The page's own DOM holds no trace of it.
  expect(await page.evaluate(() => document.documentElement.outerHTML.includes('Dossier card'))).toBe(false);
});

test('Tab stays in the card while it is open, and Escape gives the keyboard back', async ({
  page,
  context,
  extensionId,
}) => {
  await lookUpSelected(page, context, extensionId, 'Kerry');
  const frame = await visiblePopoverFrame(page);
  await expect(frame.getByRole('dialog')).toBeFocused();
  const stops = await frame.evaluate(
    () =>
      [...document.querySelectorAll('main button, main a[href]')].filter((el) => el.getClientRects().length > 0).length,
  );
  expect(stops).toBeGreaterThan(1);
  // Round the card once and a bit more: focus never leaves the frame.
  for (let i = 0; i < stops + 2; i++) {
    await page.keyboard.press('Tab');
    expect(await frame.evaluate(() => document.hasFocus() && document.activeElement?.closest('main') !== null)).toBe(
      true,
    );
  }
  // From the first stop, Shift+Tab goes to the last.
  await frame.locator('main button').first().focus();
  await page.keyboard.press('Shift+Tab');
  expect(
    await frame.evaluate(() => {
      const all = [...document.querySelectorAll('main button, main a[href]')].filter(
        (el) => el.getClientRects().length > 0,
      );
      return document.activeElement === all[all.length - 1];
    }),
  ).toBe(true);
  await page.keyboard.press('Escape');
  await expect.poll(() => new PopoverHost(page).isOpen()).toBe(false);
  // The keyboard is back in the page, not in the hidden frame.
  await expect.poll(() => page.evaluate(() => document.activeElement?.localName)).toBe('body');
  expect(await page.evaluate(() => document.hasFocus())).toBe(true);
});
