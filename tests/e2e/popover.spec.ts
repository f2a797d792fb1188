// The hover popover on local fixture pages: what it shows, how it closes, and
// that the host page cannot read it.
import { test, expect } from './fixtures';
import { PopoverHost } from './pages/popover';

test.describe('on the demo article', () => {
  test.beforeEach(async ({ page, server }) => {
    await page.goto(server.url('/demo-article.html'));
  });

  test('hovering "Lavrov" shows one of his quotes from the corpus', async ({ page }) => {
    const popover = await new PopoverHost(page).open('Lavrov');
    await expect(popover.heading).toContainText('Lavrov');
    await expect(popover.type).toHaveText('person');
    await expect(popover.quotes).toContainText(/road map|sensitive and serious information/);
  });

  test('hovering "Jabhat Fateh al-Sham" shows the organization', async ({ page }) => {
    const popover = await new PopoverHost(page).open('Jabhat Fateh al-Sham');
    await expect(popover.heading).toContainText('Jabhat Fateh al-Sham');
    await expect(popover.dialog).toHaveAttribute('aria-label', /Jabhat Fateh al-Sham/);
    await expect(popover.type).toHaveText('organization');
  });

  test('Escape closes the popover', async ({ page }) => {
    const host = new PopoverHost(page);
    await host.open('Lavrov');
    await page.keyboard.press('Escape');
    await expect.poll(() => host.isOpen()).toBe(false);
  });
});

test('a page script cannot read the popover', async ({ page, server }) => {
  await page.goto(server.url('/hostile.html'));
  const popover = await new PopoverHost(page).open('Lavrov');
  await expect(popover.quoteItems.first()).toBeVisible();
  const quotes = await popover.quoteItems.allInnerTexts();
  const description = (await popover.description.count()) ? await popover.description.innerText() : '';

  const leak = await page.evaluate(() => (window as unknown as { __probe(): string }).__probe());

  // The probe works: it reads the page and its same-origin frame...
  expect(leak).toContain('Diplomats meet in Geneva');
  expect(leak).toContain('Sunny in Geneva today.');
  // ...but nothing of the popover.
  expect(leak).not.toContain('road map');
  expect(leak).not.toContain('Foreign Minister');
  for (const text of [...quotes, description]) {
    const sample = text.trim().slice(0, 40);
    if (sample.length >= 12) expect(leak).not.toContain(sample);
  }
  // The popover's still open: the probe ran while it showed.
  expect(await new PopoverHost(page).isOpen()).toBe(true);
});
