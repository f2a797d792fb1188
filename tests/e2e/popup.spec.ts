// The toolbar popup's corpus search.
import { test, expect } from './fixtures';
import { PopupPage } from './pages/popup';
import { seedTitles } from './support/corpus';

test('searching "ceasefire" returns passages of the seed articles', async ({ page, extensionId }) => {
  const popup = await new PopupPage(page, extensionId).open();
  await popup.search('ceasefire');
  await expect(popup.resultItems.first()).toBeVisible();
  await expect(popup.resultItems.filter({ hasText: /ceasefire/i }).first()).toBeVisible();

  const titles = seedTitles();
  if (titles) {
    // Each passage or quote result names the article it comes from.
    const firstText = await popup.resultItems
      .filter({ hasText: /ceasefire/i })
      .first()
      .innerText();
    expect(titles.some((title) => firstText.includes(title))).toBe(true);
  }
});
