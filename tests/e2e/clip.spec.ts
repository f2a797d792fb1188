// "Add this page to Dossier": the popup reads the article of the page being read, previews it, imports it,
// its names are then marked on that page, and a second clip says it is already in the corpus.
import { test, expect } from './fixtures';
import { ClipSection } from './pages/clip';
import { markedTexts } from './support/marks';

const IMPORT_TIMEOUT = 60_000;

test('clips the article of the page from the popup, and its names are marked right after', async ({
  page,
  context,
  extensionId,
  server,
}) => {
  test.setTimeout(IMPORT_TIMEOUT + 60_000);
  await page.goto(server.url('/clip/article.html'));
  // The bundled corpus does not know the people of this article.
  expect(await markedTexts(page.mainFrame())).not.toContain('Brekkestad');
  // Dossier's own overlay host (there whatever the corpus holds) is in place before the page is read.
  await page.locator('[data-dossier-ui]').waitFor({ state: 'attached' });
  const before = await page.evaluate(() => document.documentElement.outerHTML);

  const clip = await ClipSection.popupBeside(context, page, extensionId);
  await clip.startButton.click();
  await expect(clip.previewTitle).toHaveText('Fishing quota talks stall in Tromsø');
  await expect(clip.preview).toContainText('The Harbour Gazette');
  await expect(clip.preview).toContainText('2024');
  await expect(clip.preview).toContainText('Ingrid Solheim');
  await expect(clip.preview).toContainText('Talks between Norway and the European Union');
  await expect(clip.preview).toContainText(/\d+ words/);
  // Reading the article changed nothing in the page.
  expect(await page.evaluate(() => document.documentElement.outerHTML)).toBe(before);

  await clip.importButton.click();
  await expect(clip.status).toContainText('Added to your corpus, now 4 articles', { timeout: IMPORT_TIMEOUT });
  // The corpus change reaches the tab's content script, which marks the new names without a reload.
  await expect.poll(() => markedTexts(page.mainFrame()), { timeout: 15_000 }).toContain('Brekkestad');
  expect(await markedTexts(page.mainFrame())).toContain('Vollenweider');

  // Clipping it again says so instead of importing it twice.
  const again = await ClipSection.popupBeside(context, page, extensionId);
  await again.startButton.click();
  await expect(again.status).toContainText('Already in your corpus (same address)');
  await expect(again.status).toContainText('Fishing quota talks stall in Tromsø');
  await expect(again.importButton).toHaveCount(0);
});

test('a page without an article gets a clear message', async ({ page, context, extensionId, server }) => {
  await page.goto(server.url('/clip/no-article.html'));
  const clip = await ClipSection.popupBeside(context, page, extensionId);
  await clip.startButton.click();
  await expect(clip.problem).toContainText('No article found on this page');
  await expect(clip.importButton).toHaveCount(0);
});

test('the context menu’s window shows the same preview for the page it was opened on', async ({
  page,
  context,
  extensionId,
  server,
}) => {
  await page.goto(server.url('/clip/article.html'));
  const clip = await ClipSection.windowFor(context, page, extensionId);
  await expect(clip.previewTitle).toHaveText('Fishing quota talks stall in Tromsø');
  await expect(clip.importButton).toBeEnabled();
});
