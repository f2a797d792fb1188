// Text a page shows without changing its URL or its nodes — a removed
// [hidden], a removed class, an inline style, a <details> the reader opens —
// gets its names marked.
import { test, expect } from './fixtures';
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
