// Reaching names without a mouse, and the popup's view of the current page.
import type { BrowserContext, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { PopoverHost } from './pages/popover';
import { PopupPage } from './pages/popup';
import { visiblePopoverFrame } from './support/hover';
import { markedTexts, markedTypes } from './support/marks';

/**
 * Opens the popup in a tab beside `article`, then makes the article the active
 * tab again and reloads the popup, so the popup looks at the article as it
 * does when opened from the toolbar.
 */
async function popupBeside(context: BrowserContext, article: Page, extensionId: string): Promise<PopupPage> {
  const popup = await new PopupPage(await context.newPage(), extensionId).open();
  await article.bringToFront();
  await popup.page.reload();
  await popup.searchbox.waitFor();
  return popup;
}

test.beforeEach(async ({ page, server }) => {
  await page.goto(server.url('/demo-article.html'));
  await expect.poll(() => markedTypes(page)).toContain('person');
});

test('the lookup command opens the popover on the selected name, focused for the keyboard', async ({
  page,
  context,
  extensionId,
}) => {
  await page.evaluate(() => {
    // Select the first "Kerry" in the article, as a reader would with the mouse.
    const walker = document.createTreeWalker(document.querySelector('article')!, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const at = n.nodeValue!.indexOf('Kerry');
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(n, at);
      range.setEnd(n, at + 'Kerry'.length);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
      return;
    }
  });
  // What the shortcut and the context menu do: ask the tab's content script.
  const helper = await new PopupPage(await context.newPage(), extensionId).open();
  await page.bringToFront();
  // A reader presses the shortcut in the page they read, which has the focus: wait until the article's tab
  // has it again (bringToFront returns before the focus moves back from the helper tab).
  await expect.poll(() => page.evaluate(() => document.hasFocus())).toBe(true);
  const opened = await helper.page.evaluate(async () => {
    const { tabs } = (globalThis as unknown as { chrome: { tabs: ChromeTabs } }).chrome;
    interface ChromeTabs {
      query(q: object): Promise<{ id: number }[]>;
      sendMessage(id: number, m: unknown, o: object): Promise<unknown>;
    }
    // The article is the active tab again (no `tabs` permission: URLs are hidden).
    const [tab] = await tabs.query({ active: true, currentWindow: true });
    return tabs.sendMessage(tab!.id, { dossierTab: 1, name: 'page.lookupSelection', payload: {} }, { frameId: 0 });
  });
  expect(opened).toBe(true);
  const frame = await visiblePopoverFrame(page);
  await expect(frame.getByRole('heading', { level: 1 })).toHaveText('John Kerry');
  // Keyboard focus is inside the popover, on its dialog.
  await expect(frame.getByRole('dialog')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect.poll(() => new PopoverHost(page).isOpen()).toBe(false);
});

test('the popup lists the names on the page and shows one when clicked', async ({ page, context, extensionId }) => {
  const popup = await popupBeside(context, page, extensionId);
  await expect(popup.onPageNames.filter({ hasText: 'Sergey Lavrov' })).toBeVisible();
  await expect(popup.onPageNames.filter({ hasText: 'Jabhat Fateh al-Sham' })).toBeVisible();
  await popup.onPageNames.filter({ hasText: 'Jabhat Fateh al-Sham' }).click();
  const frame = await visiblePopoverFrame(page);
  await expect(frame.getByRole('heading', { level: 1 })).toHaveText('Jabhat Fateh al-Sham');
});

test('the popup also lists names in same-origin child frames, and shows one there', async ({
  page,
  context,
  extensionId,
  server,
}) => {
  await page.goto(server.url('/hard/frame-parent.html'));
  const child = page.frame({ url: /frame-child\.html$/ })!;
  await expect.poll(async () => (await markedTexts(child)).length).toBeGreaterThan(0);
  const popup = await popupBeside(context, page, extensionId);
  for (const name of ['Moscow', 'Sergey Lavrov', 'Aleppo', 'John Kerry'])
    await expect(popup.onPageNames.filter({ hasText: name })).toBeVisible();
  await popup.onPageNames.filter({ hasText: 'Sergey Lavrov' }).click();
  const frame = await visiblePopoverFrame(page);
  await expect(frame.getByRole('heading', { level: 1 })).toHaveText('Sergey Lavrov');
  expect(frame.parentFrame()).toBe(child);
});

test('the per-site switch turns marking off and on for that site only', async ({
  page,
  context,
  extensionId,
  server,
}) => {
  const popup = await popupBeside(context, page, extensionId);
  const host = new URL(server.url('/')).hostname;
  await expect(popup.siteSwitch(host)).toBeChecked();
  await popup.siteSwitch(host).uncheck();
  await expect.poll(() => markedTypes(page)).toEqual([]);
  await popup.siteSwitch(host).check();
  await expect.poll(() => markedTypes(page)).toContain('person');
});

test('the popover shows above a fullscreen element', async ({ page, server }) => {
  await page.goto(server.url('/fullscreen.html'));
  await page.click('#go');
  await expect.poll(() => page.evaluate(() => document.fullscreenElement?.id ?? null)).toBe('viewer');
  await new PopoverHost(page).open('Lavrov');
  // The fullscreen element covers everything outside the top layer; the
  // popover's host is in the top layer, entered after the fullscreen element.
  expect(await page.evaluate(() => document.querySelector('dossier-popover')!.matches(':popover-open'))).toBe(true);
});
