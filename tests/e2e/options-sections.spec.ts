// The options page as a user meets it: sections named by the address (deep links,
// back and forward), permission prompts that cannot hang it, imported HTML that runs
// nothing in it, a warning before closing it mid-import, problems that stay until
// dismissed, and the browser's real answer to "Keep it".
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { ConsoleMessage } from '@playwright/test';
import { FIXTURES_DIR, SHARED_PAGES_DIR } from '../support/static-server';
import { test, expect } from './fixtures';
import { OptionsPage } from './pages/options';

const BBC = path.join(SHARED_PAGES_DIR, 'bbc-1.html');
const HANDLERS = path.join(FIXTURES_DIR, 'import', 'inline-handlers.html');
const CORRUPT = path.join(FIXTURES_DIR, 'import', 'corrupt-pack.json');
const WIKINEWS = path.resolve(import.meta.dirname, '../../../shared/data/wikinews-2019-2020.jsonl');

test.describe('sections', () => {
  test('a deep link opens its section, and the navigation says which one is shown', async ({ page, extensionId }) => {
    const options = await new OptionsPage(page, extensionId).open('entities');
    await expect(options.sectionContent('entities')).toBeVisible();
    await expect(options.sectionContent('corpus')).toBeHidden();
    await expect(options.sectionLink('entities')).toHaveAttribute('aria-current', 'page');
    await expect(options.sectionLink('corpus')).not.toHaveAttribute('aria-current', 'page');
    await expect(page).toHaveTitle(/^Entities — Dossier/);
    await expect(page.getByRole('table', { name: 'Entities' })).toBeVisible();
  });

  test('the address remembers the section; back, forward and reload follow it', async ({ page, extensionId }) => {
    const options = await new OptionsPage(page, extensionId).open();
    await expect(options.sectionLink('corpus')).toHaveAttribute('aria-current', 'page');
    await options.show('subscriptions');
    expect(new URL(page.url()).hash).toBe('#subscriptions');
    await options.show('settings');
    expect(new URL(page.url()).hash).toBe('#settings');
    // The keyboard moves with the section.
    await expect(page.getByRole('heading', { name: 'Settings', level: 2 })).toBeFocused();

    await page.goBack();
    await expect(options.sectionContent('subscriptions')).toBeVisible();
    await expect(options.sectionContent('settings')).toBeHidden();
    await page.goBack();
    await expect(options.sectionContent('corpus')).toBeVisible();
    await page.goForward();
    await expect(options.sectionContent('subscriptions')).toBeVisible();
    await page.reload();
    await expect(options.sectionContent('subscriptions')).toBeVisible();
    await expect(options.sectionLink('subscriptions')).toHaveAttribute('aria-current', 'page');
  });

  test('an unknown section opens the corpus', async ({ page, extensionId }) => {
    await page.goto(`chrome-extension://${extensionId}/options.html#no-such-section`);
    const options = new OptionsPage(page, extensionId);
    await expect(options.sectionContent('corpus')).toBeVisible();
    await expect(options.documents).toBeVisible();
  });

  test('what was typed in one section survives a visit to another', async ({ page, extensionId }) => {
    const options = await new OptionsPage(page, extensionId).open('import');
    const url = page.getByRole('textbox', { name: 'Import from a URL' });
    await url.fill('https://news.example.com/a.html');
    await options.show('storage');
    await options.show('import');
    await expect(url).toHaveValue('https://news.example.com/a.html');
  });
});

test.describe('permission prompts never hang', () => {
  // Headless Chromium never answers permissions.request: exactly the prompt that is never answered.
  test('a URL import waiting for the prompt can be stopped', async ({ page, extensionId }) => {
    const options = await new OptionsPage(page, extensionId).open('import');
    await page.getByRole('textbox', { name: 'Import from a URL' }).fill('https://news.example.com/a.html');
    await page.getByRole('button', { name: 'Fetch' }).click();
    const waiting = page.getByRole('status').filter({ hasText: 'Waiting for your answer' });
    await expect(waiting).toContainText('news.example.com');
    await waiting.getByRole('button', { name: 'Stop waiting' }).click();
    await expect(waiting).toHaveCount(0);
    await expect(options.importProblems).toContainText('news.example.com: you stopped waiting');
    // The page is usable again.
    await page.getByRole('textbox', { name: 'Import from a URL' }).fill('https://news.example.com/b.html');
    await expect(page.getByRole('button', { name: 'Fetch' })).toBeEnabled();
  });

  test('a URL import gives up when the prompt is never answered', async ({ page, extensionId }) => {
    await page.clock.install();
    const options = await new OptionsPage(page, extensionId).open('import');
    await page.getByRole('textbox', { name: 'Import from a URL' }).fill('https://news.example.com/a.html');
    await page.getByRole('button', { name: 'Fetch' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Waiting for your answer' })).toBeVisible();
    await page.clock.fastForward('01:01');
    await expect(options.importProblems).toContainText('got no answer in 60 s');
    await expect(page.getByRole('status').filter({ hasText: 'Waiting for your answer' })).toHaveCount(0);
  });

  test('a subscription waiting for the prompt can be stopped, and nothing is subscribed', async ({
    page,
    extensionId,
  }) => {
    await new OptionsPage(page, extensionId).open('subscriptions');
    await page.getByRole('textbox', { name: 'Pack address' }).fill('https://newsroom.example/pack.json');
    await page.getByRole('button', { name: 'Subscribe' }).click();
    const waiting = page.getByRole('status').filter({ hasText: 'Waiting for your answer' });
    await expect(waiting).toContainText('newsroom.example');
    await expect(page.getByRole('button', { name: 'Subscribing…' })).toBeDisabled();
    await waiting.getByRole('button', { name: 'Stop waiting' }).click();
    await expect(page.getByRole('alert')).toContainText('newsroom.example: you stopped waiting');
    await expect(page.getByRole('button', { name: 'Subscribe' })).toBeEnabled();
    await expect(page.getByRole('list', { name: 'Subscriptions' }).getByRole('listitem')).toHaveCount(0);
  });
});

test.describe('imported HTML runs nothing in the options page', () => {
  const collect = (messages: string[]) => (m: ConsoleMessage) => {
    if (m.type() === 'error' || /Content Security Policy/i.test(m.text())) messages.push(m.text());
  };

  test('a page full of inline handlers and scripts is read without running any', async ({ page, extensionId }) => {
    const errors: string[] = [];
    page.on('console', collect(errors));
    const options = await new OptionsPage(page, extensionId).open();
    await options.chooseFiles([HANDLERS]);
    const review = page.getByRole('table', { name: 'Articles to import' });
    await expect(review.getByRole('textbox', { name: /^Title of / })).toHaveValue('Harbour talks resume in Valletta');
    await expect(review.getByRole('textbox', { name: /^Source of / })).toHaveValue('Test Gazette');
    expect(await page.evaluate(() => (window as { __dossierHandlerRan?: number }).__dossierHandlerRan)).toBeUndefined();
    expect(errors).toEqual([]);
  });

  test('a real saved BBC page logs no CSP error', async ({ page, extensionId }) => {
    test.skip(!existsSync(BBC), '../shared/pages/bbc-1.html is absent');
    const errors: string[] = [];
    page.on('console', collect(errors));
    const options = await new OptionsPage(page, extensionId).open();
    await options.chooseFiles([BBC]);
    await expect(page.getByRole('table', { name: 'Articles to import' }).getByRole('row')).toHaveCount(2);
    expect(errors).toEqual([]);
  });
});

test('the problem list stays after a good import until it is dismissed', async ({ page, extensionId }) => {
  const options = await new OptionsPage(page, extensionId).open();
  await options.chooseFiles([CORRUPT, HANDLERS]);
  await expect(options.importProblems).toContainText('corrupt-pack.json');
  await expect(options.importButton).toHaveText('Import 1 article');
  await options.importButton.click();
  await expect(options.importResult).toContainText('Imported 1 article', { timeout: 60_000 });
  await expect(options.importProblems).toContainText('corrupt-pack.json');
  await page
    .getByRole('alert')
    .filter({ has: options.importProblems })
    .getByRole('button', { name: 'Dismiss' })
    .click();
  await expect(options.importProblems).toHaveCount(0);
});

test('"Keep it" shows what the browser answered', async ({ page, extensionId }) => {
  const options = await new OptionsPage(page, extensionId).open('storage');
  const persisted = page.getByTestId('persisted');
  await expect(persisted).toHaveText(/^(Kept|Not kept)/);
  const kept = await page.evaluate(() => navigator.storage.persisted());
  await expect(persisted).toHaveText(kept ? /^Kept/ : /^Not kept/);
  test.skip(kept, 'this browser already keeps the storage: there is nothing to ask');
  await options.sectionContent('storage').getByRole('button', { name: 'Keep it' }).click();
  const answer = page.getByTestId('persist-answer');
  await expect(answer).toHaveText(/^The browser (agreed|refused)/);
  const granted = await page.evaluate(() => navigator.storage.persisted());
  await expect(answer).toHaveText(granted ? /agreed/ : /refused/);
});

test('closing the tab mid-import asks first; an idle page closes at once', async ({ page, context, extensionId }) => {
  test.skip(!existsSync(WIKINEWS), '../shared/data/wikinews-2019-2020.jsonl is absent');
  test.setTimeout(120_000);
  const idle = await new OptionsPage(await context.newPage(), extensionId).open();
  let idleAsked = false;
  idle.page.on('dialog', (d) => ((idleAsked = true), void d.dismiss()));
  // Chromium shows beforeunload prompts only after the user has interacted with the page.
  await idle.page.getByRole('searchbox', { name: 'Filter documents' }).click();
  await idle.page.close({ runBeforeUnload: true });
  await expect.poll(() => idle.page.isClosed()).toBe(true);
  expect(idleAsked).toBe(false);

  const options = await new OptionsPage(page, extensionId).open();
  await options.chooseFiles([WIKINEWS]);
  await options.importButton.click();
  await expect(options.importProgress).toBeVisible();
  const dialog = page.waitForEvent('dialog');
  await page.close({ runBeforeUnload: true });
  const asked = await dialog;
  expect(asked.type()).toBe('beforeunload');
  await asked.dismiss(); // stay
  expect(page.isClosed()).toBe(false);
  await expect(options.importProgress).toBeVisible();
});
