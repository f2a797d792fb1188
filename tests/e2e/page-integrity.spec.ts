// Marking names must not change what the page's own scripts depend on.
import { test, expect } from './fixtures';
import { PopoverHost } from './pages/popover';
import { markedTypes } from './support/marks';

test('the page DOM is unchanged by marking: names are painted, not wrapped', async ({ page, server }) => {
  await page.goto(server.url('/demo-article.html'));
  const before = await page.evaluate(() => document.querySelector('article')!.innerHTML);
  // Hovering proves the names were found and marked.
  await new PopoverHost(page).open('Lavrov');
  const after = await page.evaluate(() => document.querySelector('article')!.innerHTML);
  expect(after).toBe(before);
  expect(await markedTypes(page)).toEqual(expect.arrayContaining(['person', 'place']));
});
