// The popup's search, full keyboard use, and the reader page it leads to.
import type { BrowserContext, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { PopoverHost } from './pages/popover';
import { PopupPage } from './pages/popup';

/** Waits for the reader tab that an action opened, and for its target passage. */
async function readerTab(context: BrowserContext, action: () => Promise<void>): Promise<Page> {
  const opened = context.waitForEvent('page');
  await action();
  const reader = await opened;
  await reader.waitForURL(/\/reader\.html\?doc=/);
  await expect(reader.locator('.passage.target')).toBeVisible();
  return reader;
}

test('results are grouped: names, then quotes, then passages', async ({ page, extensionId }) => {
  const popup = await new PopupPage(page, extensionId).open();
  await popup.search('lavrov');
  const titles = page.locator('.group-title');
  await expect(titles).toHaveText(['Names', 'Quotes', 'Passages']);
  await expect(popup.resultItems.first()).toContainText('Sergey Lavrov');
  await expect(popup.resultItems.first()).toContainText('Russian Foreign Minister');
});

test('the keyboard moves through results, opens a name and comes back', async ({ page, extensionId }) => {
  const popup = await new PopupPage(page, extensionId).open();
  await popup.search('lavrov');
  await expect(popup.resultItems.first()).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await expect(popup.resultItems.first().getByRole('button')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Sergey Lavrov' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(popup.resultItems.first()).toBeVisible();
  await expect(popup.searchbox).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(popup.searchbox).toHaveValue('');
});

test('a quote result opens the reader on its passage', async ({ page, context, extensionId }) => {
  const popup = await new PopupPage(page, extensionId).open();
  await popup.search('road map');
  const quote = popup.resultItems.filter({ hasText: 'road map' }).first();
  const reader = await readerTab(context, () => quote.click());
  await expect(reader.locator('.passage.target')).toContainText('develop a road map');
  await expect(reader.getByRole('heading', { level: 1 })).toHaveText(
    'Kerry and Lavrov agree on steps for Syria after talks in Moscow',
  );
  // Its quotes are listed by speaker.
  await expect(reader.getByRole('complementary', { name: 'Quotes by speaker' })).toContainText('Mikhail Alexandrov');
});

test('filtering by speaker keeps only that speaker’s quotes', async ({ page, extensionId }) => {
  const popup = await new PopupPage(page, extensionId).open();
  await popup.search('agreements');
  const speaker = page.getByRole('combobox', { name: 'Speaker' });
  const kerry = await speaker.locator('option', { hasText: 'John Kerry' }).getAttribute('value');
  await speaker.selectOption(kerry);
  const quotes = page.locator('.hit-quote');
  await expect(quotes.first()).toBeVisible();
  for (const text of await quotes.allInnerTexts()) expect(text).toContain('John Kerry');
  await expect(page.locator('.hit-passage')).toHaveCount(0);
});

test('the last query is remembered when the popup opens again', async ({ page, extensionId }) => {
  const popup = await new PopupPage(page, extensionId).open();
  await popup.search('Aleppo');
  await expect(popup.resultItems.first()).toBeVisible();
  await popup.open();
  await expect(popup.searchbox).toHaveValue('Aleppo');
  await expect(popup.resultItems.first()).toBeVisible();
});

test('a query with no match says so', async ({ page, extensionId }) => {
  const popup = await new PopupPage(page, extensionId).open();
  await popup.search('zxqvw');
  await expect(page.getByText('Nothing in the corpus matches “zxqvw”.')).toBeVisible();
});

test('the popover’s "Open in reader" lands on the quoted passage', async ({ page, context, server }) => {
  await page.goto(server.url('/demo-article.html'));
  const popover = await new PopoverHost(page).open('Lavrov');
  const open = popover.quotes.getByRole('button', { name: 'Open in reader' }).first();
  // A quote that starts mid-sentence is shown after an ellipsis.
  const quoteText = (await popover.quoteItems.first().locator('p').innerText()).replace(/[“”…]/g, '').slice(0, 30);
  const reader = await readerTab(context, () => open.click());
  await expect(reader.locator('.passage.target')).toContainText(quoteText);
});
