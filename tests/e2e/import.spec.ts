// Importing on the options page: a real .jsonl through the file picker, the
// old corpus answering while the service worker is stopped mid-import, and a
// corrupt pack that changes nothing.
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { EXTRACTION_PIPELINE } from '../../lib/corpus/extraction-state';
import { toPackFile } from '../../lib/pack/file';
import type { Pack } from '../../lib/pack/types';
import { makeTestPack } from '../../lib/query/test-pack';
import { test, expect } from './fixtures';
import { OptionsPage } from './pages/options';
import { PopoverHost } from './pages/popover';
import { PopupPage } from './pages/popup';

const WIKINEWS = path.resolve(import.meta.dirname, '../../../shared/data/wikinews-2019-2020.jsonl');
const CORRUPT = path.resolve(import.meta.dirname, '../fixtures/import/corrupt-pack.json');
const hasShared = existsSync(WIKINEWS);
const IMPORT_TIMEOUT = 180_000;

test.describe('with the Wikinews articles', () => {
  test.skip(!hasShared, `../shared/data/wikinews-2019-2020.jsonl is absent: the import tests need it`);
  test.setTimeout(IMPORT_TIMEOUT + 60_000);

  test('imports a .jsonl file and names from it get a popover', async ({ page, extensionId, server }) => {
    const options = await new OptionsPage(page, extensionId).open();
    await options.chooseFiles([WIKINEWS]);
    await expect(options.importButton).toHaveText('Import 295 articles');
    await options.importButton.click();
    await expect(options.importResult).toContainText('Imported 295 articles', { timeout: IMPORT_TIMEOUT });
    await options.show('storage');
    await expect(options.corpusSource).toContainText('Your imported corpus: 298 articles');
    await options.show('corpus');
    await expect(options.documentsRange).toHaveText('Showing 1–50 of 298');

    await page.goto(server.url('/wikinews-names.html'));
    const popover = await new PopoverHost(page).open('Kyriakos Mitsotakis');
    await expect(popover.heading).toContainText('Kyriakos Mitsotakis');
    await expect(popover.quoteItems.first()).toBeVisible();
  });

  test('the old corpus answers while an import runs and the service worker is stopped', async ({
    page,
    context,
    extensionId,
  }) => {
    const options = await new OptionsPage(page, extensionId).open();
    await options.chooseFiles([WIKINEWS]);
    await options.importButton.click();
    await expect(options.importProgress).toBeVisible();

    const cdp = await context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');

    const popup = await new PopupPage(await context.newPage(), extensionId).open();
    await popup.search('ceasefire');
    await expect(popup.resultItems.first()).toBeVisible();
    // The seed corpus answered while the import was still running…
    await expect(options.importProgress).toBeVisible();
    // …and the import still finishes.
    await expect(options.importResult).toContainText('Imported 295 articles', { timeout: IMPORT_TIMEOUT });
  });
});

test('a corrupt pack is refused with its error and the corpus is unchanged', async ({ page, context, extensionId }) => {
  const options = await new OptionsPage(page, extensionId).open();
  await expect(options.documentRows.first()).toBeVisible();
  const before = await options.documentRows.count();
  await options.chooseFiles([CORRUPT]);
  await expect(options.importProblems).toContainText(
    'corrupt-pack.json: mentions[1]: range 13–5000 is outside document "d1"',
  );
  await expect(options.importButton).toBeDisabled();
  await options.show('corpus');
  await expect(options.documentRows).toHaveCount(before);
  await options.show('storage');
  await expect(options.corpusSource).toContainText('The bundled articles');

  const popup = await new PopupPage(await context.newPage(), extensionId).open();
  await popup.search('ceasefire');
  await expect(popup.resultItems.first()).toBeVisible();
});

/** The test pack with its documents under other ids (so they are new to the bundled corpus) and `generator`. */
function packFile(prefix: string, generator: string): string {
  const pack = makeTestPack();
  const id = (d: string) => `${prefix}-${d}`;
  const moved: Pack = {
    ...pack,
    generator,
    documents: pack.documents.map((d) => ({ ...d, id: id(d.id), text: `${d.text} (${prefix})` })),
    passages: pack.passages.map((p) => ({ ...p, id: id(p.id), docId: id(p.docId) })),
    mentions: pack.mentions.map((m) => ({ ...m, docId: id(m.docId) })),
    quotes: pack.quotes.map((q) => ({ ...q, id: id(q.id), docId: id(q.docId) })),
  };
  return JSON.stringify(toPackFile(moved));
}

test('a pack of this version joins as it is, one of another is extracted again, and the page says which', async ({
  page,
  extensionId,
}, testInfo) => {
  const options = await new OptionsPage(page, extensionId).open();
  const ours = testInfo.outputPath('ours.json');
  await writeFile(ours, packFile('ours', `dossier-cli 0.1.0 ${EXTRACTION_PIPELINE}`));
  await options.chooseFiles([ours]);
  await options.importButton.click();
  await expect(options.importResult).toContainText('Imported 2 articles');
  await expect(options.importResult).toContainText('2 articles added as the pack has them, with no extraction');

  const older = testInfo.outputPath('older.json');
  await writeFile(older, packFile('older', 'dossier-cli 0.1.0'));
  await options.chooseFiles([older]);
  await options.importButton.click();
  await expect(options.importResult).toContainText('From a pack made by dossier-cli 0.1.0: 2 articles extracted again');
  await options.show('storage');
  await expect(options.corpusSource).toContainText('Your imported corpus');
});
