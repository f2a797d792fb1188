// Text a page shows without changing its URL or its nodes — a removed
// [hidden], a removed class, an inline style, a <details> the reader opens —
// gets its names marked; and the popup's "On this page" brings a name on screen.
import type { BrowserContext, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { PopupPage } from './pages/popup';
import { visiblePopoverFrame } from './support/hover';
import { markedTexts } from './support/marks';

test('names shown by an attribute change are marked', async ({ page, server }) => {
  await page.goto(server.url('/card/reveal.html'));
  await expect.poll(() => markedTexts(page.mainFrame())).toEqual(['Geneva']);

  await page.evaluate(() => document.getElementById('by-hidden')!.removeAttribute('hidden'));
  await expect.poll(() => markedTexts(page.mainFrame())).toContain('Sergey Lavrov');

  await page.evaluate(() => document.getElementById('by-class')!.classList.remove('collapsed'));
  await expect.poll(() => markedTexts(page.mainFrame())).toContain('John Kerry');

  await page.evaluate(() => (document.getElementById('by-style')!.style.display = 'block'));
  await expect.poll(() => markedTexts(page.mainFrame())).toContain('Aleppo');

  // The reader opens the <details> (a trusted click on its summary).
  await page.getByText('More').click();
  await expect.poll(() => markedTexts(page.mainFrame())).toContain('Moscow');
  expect(await markedTexts(page.mainFrame())).toEqual(['Aleppo', 'Geneva', 'John Kerry', 'Moscow', 'Sergey Lavrov']);
});

/** The popup beside `article`, looking at it as when opened from the toolbar. */
async function popupBeside(context: BrowserContext, article: Page, extensionId: string): Promise<PopupPage> {
  const popup = await new PopupPage(await context.newPage(), extensionId).open();
  await article.bringToFront();
  await popup.page.reload();
  await popup.searchbox.waitFor();
  return popup;
}

/** Whether the occurrence of `text` in element `#id` is inside the viewport and inside `#clip` when given. */
function onScreen(page: Page, id: string, text: string, clip?: string): Promise<boolean> {
  return page.evaluate(
    ({ id, text, clip }) => {
      const node = [...document.getElementById(id)!.childNodes].find((n) => n.nodeValue?.includes(text))!;
      const range = document.createRange();
      const at = node.nodeValue!.indexOf(text);
      range.setStart(node, at);
      range.setEnd(node, at + text.length);
      const r = range.getBoundingClientRect();
      const inView = r.top >= 0 && r.bottom <= innerHeight && r.left >= 0 && r.right <= innerWidth;
      const c = clip ? document.getElementById(clip)!.getBoundingClientRect() : null;
      return inView && (!c || (r.top >= c.top && r.bottom <= c.bottom));
    },
    { id, text, clip },
  );
}

test('"On this page" brings the name itself on screen, not just its paragraph', async ({
  page,
  context,
  extensionId,
  server,
}) => {
  await page.goto(server.url('/card/reveal-scroll.html'));
  await expect.poll(() => markedTexts(page.mainFrame())).toContain('Sergey Lavrov');
  // The page scrolls its own overflow:hidden ticker: the first "Sergey Lavrov" goes out of sight.
  await page.evaluate(() => (document.getElementById('ticker')!.scrollTop = 600));

  const popup = await popupBeside(context, page, extensionId);
  await popup.onPageNames.filter({ hasText: 'Aleppo' }).click();
  await expect.poll(() => onScreen(page, 'long', 'Aleppo')).toBe(true);
  await expect(visiblePopoverFrame(page).then((f) => f.getByRole('heading', { level: 1 }))).resolves.toBeTruthy();

  await page.keyboard.press('Escape');
  const again = await popupBeside(context, page, extensionId);
  await again.onPageNames.filter({ hasText: 'Sergey Lavrov' }).click();
  // The occurrence the user can be shown is the later one; the page's ticker is left where the page put it.
  await expect.poll(() => onScreen(page, 'later', 'Sergey Lavrov')).toBe(true);
  expect(await page.evaluate(() => document.getElementById('ticker')!.scrollTop)).toBe(600);
  const frame = await visiblePopoverFrame(page);
  await expect(frame.getByRole('heading', { level: 1 })).toHaveText('Sergey Lavrov');
});
