// The options page's list of corpus documents.
import { test, expect } from './fixtures';
import { OptionsPage } from './pages/options';
import { SEED_DOCUMENT_COUNT, seedTitles } from './support/corpus';

test('the options page lists the three seed documents', async ({ page, extensionId }) => {
  const options = await new OptionsPage(page, extensionId).open();
  await expect(options.documentRows).toHaveCount(SEED_DOCUMENT_COUNT);
  for (const title of seedTitles() ?? []) {
    await expect(options.documentRows.filter({ hasText: title })).toHaveCount(1);
  }
});

test('each document shows its entity count', async ({ page, extensionId }) => {
  const options = await new OptionsPage(page, extensionId).open();
  await expect(options.documentRows).toHaveCount(SEED_DOCUMENT_COUNT);
  const entities = await options.columnNumbers('Entities');
  expect(entities.every((count) => count > 0)).toBe(true);
});

test('the quote counts show which seed articles quote people directly', async ({ page, extensionId }) => {
  const options = await new OptionsPage(page, extensionId).open();
  await expect(options.documentRows).toHaveCount(SEED_DOCUMENT_COUNT);
  // Two of the three seed articles quote people directly (13 quotes in all, per
  // ../shared/corpus/seed-gold.json); the third only reports statements.
  const quotes = await options.columnNumbers('Quotes');
  expect(quotes.filter((count) => count > 0)).toHaveLength(2);
});
