// Managing the corpus from the options page: entity edits that reach the
// popover and the page marks, delete with undo, settings, export, subscriptions.
import { copyFile, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Pack } from '../../lib/pack/types';
import { FIXTURES_DIR } from '../support/static-server';
import { test, expect } from './fixtures';
import { answerPermissionPrompts, ManagePage, readExtensionStorage } from './pages/manage';
import { markedTexts } from './support/marks';
import { reportedCount } from './support/report';
import { PopoverHost } from './pages/popover';
import { SEED_DOCUMENT_COUNT } from './support/corpus';

test('a renamed entity shows its new name in the popover', async ({ page, extensionId, server }) => {
  const manage = await new ManagePage(page, extensionId).open();
  await manage.rename(await manage.editEntity('Lavrov'), 'Sergei V. Lavrov');
  await page.goto(server.url('/demo-article.html'));
  const popover = await new PopoverHost(page).open('Lavrov');
  await expect(popover.heading).toHaveText('Sergei V. Lavrov');
});

test('a hidden entity is no longer marked on pages', async ({ page, extensionId, server, worker }) => {
  await page.goto(server.url('/demo-article.html'));
  await expect.poll(() => markedTexts(page.mainFrame())).toContain('Lavrov');
  const options = await page.context().newPage();
  const manage = await new ManagePage(options, extensionId).open();
  const editor = await manage.editEntity('Lavrov');
  await editor.getByRole('button', { name: 'Stop marking on pages' }).click();
  await expect(manage.entities.getByText('not marked on pages')).toBeVisible();
  // The open tab follows the corpus change without a reload: the tab's own
  // report (what "On this page" shows) drops Lavrov and keeps Kerry.
  await page.bringToFront();
  await expect.poll(() => reportedCount(worker, 'lavrov'), { timeout: 15_000 }).toBe(0);
  await expect.poll(() => reportedCount(worker, 'kerry')).toBeGreaterThan(0);
});

test('a deleted document comes back with undo', async ({ page, extensionId }) => {
  const manage = await new ManagePage(page, extensionId).open();
  await expect(manage.documentRows).toHaveCount(SEED_DOCUMENT_COUNT);
  const title = (await manage.documentRows.first().getByRole('rowheader').innerText()).split('\n')[0]!.trim();
  await manage.deleteDocument(title);
  await expect(manage.documentRows).toHaveCount(SEED_DOCUMENT_COUNT - 1);
  await expect(manage.documentRow(title)).toHaveCount(0);
  await manage.undoButton.click();
  await expect(manage.documentRows).toHaveCount(SEED_DOCUMENT_COUNT);
  await expect(manage.documentRow(title)).toHaveCount(1);
});

test('a longer hover delay is saved and used on pages', async ({ page, extensionId, server }) => {
  const manage = await new ManagePage(page, extensionId).open('settings');
  await manage.hoverDelay.fill('1500');
  await manage.hoverDelay.press('Tab');
  await expect.poll(() => readExtensionStorage(page, 'dossier:settings')).toMatchObject({ hoverDelayMs: 1500 });
  await page.goto(server.url('/demo-article.html'));
  const host = new PopoverHost(page);
  await expect.poll(() => markedTexts(page.mainFrame())).toContain('Lavrov');
  const started = Date.now();
  await host.open('Lavrov');
  expect(Date.now() - started).toBeGreaterThanOrEqual(1400);
});

test('a skipped site is no longer marked', async ({ page, extensionId, server }) => {
  await page.goto(server.url('/demo-article.html'));
  await expect.poll(() => markedTexts(page.mainFrame())).toContain('Lavrov');
  const options = await page.context().newPage();
  await new ManagePage(options, extensionId).open().then((m) => m.skipSite(new URL(server.origin).hostname));
  await expect.poll(() => markedTexts(page.mainFrame())).toEqual([]);
});

test('an exported pack holds the corpus as it is, edits included', async ({ page, extensionId }) => {
  const manage = await new ManagePage(page, extensionId).open();
  await manage.rename(await manage.editEntity('Kerry'), 'John F. Kerry');
  const download = await manage.exportCorpus();
  expect(download.suggestedFilename()).toMatch(/^dossier-pack-\d{4}-\d{2}-\d{2}\.json$/);
  const pack = JSON.parse(await readFile(await download.path(), 'utf8')) as Pack;
  expect(pack.format).toBe('dossier-pack');
  await manage.show('corpus');
  expect(pack.documents).toHaveLength(await manage.documentRows.count());
  expect(pack.entities.find((e) => e.id === 'john-kerry')?.name).toBe('John F. Kerry');
});

test.describe('subscriptions', () => {
  const file = `tmp-${process.pid}-${Date.now()}.json`;
  const path = join(FIXTURES_DIR, 'subscriptions', file);

  test.beforeEach(async () => {
    // A copy the test may corrupt; the fixture itself stays as built.
    await copyFile(join(FIXTURES_DIR, 'subscriptions', 'newsroom-pack.json'), path);
    // The test server is another origin: let the extension read it without a host permission.
    await writeFile(`${path}.headers.json`, JSON.stringify({ 'access-control-allow-origin': '*' }));
  });
  test.afterAll(async () => {
    await rm(path, { force: true });
    await rm(`${path}.headers.json`, { force: true });
  });

  test('a subscribed pack adds its documents; a corrupt update keeps them', async ({ page, extensionId, server }) => {
    // Headless Chromium cannot answer the permission prompt; the publisher allows CORS instead.
    await answerPermissionPrompts(page, false);
    const manage = await new ManagePage(page, extensionId).open();
    await manage.subscribe(server.url(`/subscriptions/${file}`));
    const item = manage.subscriptions.getByRole('listitem');
    await expect(item).toContainText('2 articles');
    await manage.show('corpus');
    await expect(manage.documentRows).toHaveCount(SEED_DOCUMENT_COUNT + 2);
    await expect(manage.documentRow('Grain corridor talks stall')).toHaveCount(1);

    await writeFile(path, '{"format":"dossier-pack","version":1,"documents":[');
    await manage.show('subscriptions');
    await item.getByRole('button', { name: 'Check now' }).click();
    await expect(item.getByRole('alert')).toContainText('not JSON');
    await expect(item.getByRole('alert')).toContainText('previous version is still in use');
    await manage.show('corpus');
    await page.reload();
    await expect(manage.documentRows).toHaveCount(SEED_DOCUMENT_COUNT + 2);
  });

  test('an exported pack imported again gives the same documents', async ({ page, extensionId, server }) => {
    test.setTimeout(90_000); // subscribe, export, unsubscribe and import, each in its own section
    await answerPermissionPrompts(page, false);
    const manage = await new ManagePage(page, extensionId).open();
    await manage.subscribe(server.url(`/subscriptions/${file}`));
    await expect(manage.subscriptions.getByRole('listitem')).toContainText('2 articles');
    await manage.show('corpus');
    await expect(manage.documentRows).toHaveCount(SEED_DOCUMENT_COUNT + 2);
    const download = await manage.exportCorpus();
    const exported = await download.path();
    const pack = JSON.parse(await readFile(exported, 'utf8')) as Pack;
    expect(pack.documents).toHaveLength(SEED_DOCUMENT_COUNT + 2);

    // Unsubscribing takes the newsroom's articles out; importing the export brings them back.
    await manage.show('subscriptions');
    await manage.subscriptions.getByRole('button', { name: 'Unsubscribe' }).click();
    await manage.show('corpus');
    await expect(manage.documentRows).toHaveCount(SEED_DOCUMENT_COUNT);
    await manage.importFile(exported, `dossier-pack-export.json`);
    await manage.show('corpus');
    await expect(manage.documentRows).toHaveCount(pack.documents.length, { timeout: 30_000 });
  });
});
