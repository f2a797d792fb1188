/**
 * `npm run screenshots`: the README's and the docs' screenshots, taken headless
 * from the built extension (`.output/chrome-mv3`) at device scale factor 1, in
 * light and dark (Playwright's `prefers-color-scheme` emulation; dark files end
 * in `-dark`):
 *
 *   docs/screenshots/popover.png              a name hovered on a real saved page (../shared/pages), 1280×800
 *   docs/screenshots/popup.png                the popup searching "ceasefire" (400×600)
 *   docs/screenshots/options-<section>.png    each section of the options page (1280×800):
 *                                             import, corpus, entities, subscriptions, settings, storage
 *
 * The popover and popup are taken on the bundled corpus; then, unless `--no-import`,
 * the Wikinews articles in ../shared/data are imported through the options page so
 * its tables show a corpus of real size, and the test newsroom pack is subscribed
 * (tests/fixtures/subscriptions). `--only=popover,options-entities` takes some.
 *
 * Every shot is attempted; the script then exits non-zero naming each one that
 * failed and why (a page with no hoverable name, a popover that never opened, a
 * section that did not render), so a change elsewhere breaks one picture, not all.
 */
import { existsSync } from 'node:fs';
import { copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { launchWithExtension } from '../support/browser';
import {
  FIXTURES_DIR,
  PROJECT_ROOT,
  SHARED_PAGES_DIR,
  hasSharedPages,
  startStaticServer,
} from '../support/static-server';
import type { StaticServer } from '../support/static-server';
import { hoverText, visiblePopoverFrame } from '../e2e/support/hover';

const OUT_DIR = join(PROJECT_ROOT, 'docs', 'screenshots');
/** Reads `--flag=value` from the command line. */
const flag = (name: string): string | undefined =>
  process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
const only = flag('only')?.split(',');

/** A real page with corpus names, and the names to try, best first (`--page=x.html --name=Assad` override). */
const REAL_PAGE = `/shared/${flag('page') ?? 'nytimes-haley.html'}`;
const NAMES = flag('name')?.split(',') ?? ['Assad', 'Syria', 'Russia'];
/** Imported before the options shots, for tables of a real size. */
const CORPUS = resolve(PROJECT_ROOT, '..', 'shared', 'data', 'wikinews-2019-2020.jsonl');
/** Saved pages shown waiting in the import section's review list. */
const REVIEW_PAGES = ['bbc-1.html', 'guardian-1.html'].map((f) => join(SHARED_PAGES_DIR, f));

type Scheme = 'light' | 'dark';
const SCHEMES: Scheme[] = ['light', 'dark'];
const fileName = (base: string, scheme: Scheme) => `${base}${scheme === 'dark' ? '-dark' : ''}.png`;

/** Waits until a frame's content has painted: fonts loaded and two animation frames done. */
async function settled(frame: Frame): Promise<void> {
  await frame.evaluate(async () => {
    await document.fonts.ready;
    await new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done())));
  });
  // Let an opening transition finish.
  await frame.page().waitForTimeout(400);
}

/** Hovers the first name that opens a popover; returns it. */
async function openPopover(page: Page): Promise<string> {
  const tried: string[] = [];
  for (const name of NAMES) {
    try {
      await hoverText(page, name, { topmost: true });
      const frame = await visiblePopoverFrame(page, 5_000);
      await settled(frame);
      return name;
    } catch (error) {
      tried.push(`${name}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
      await page.mouse.move(0, 0);
    }
  }
  throw new Error(`no popover opened on ${page.url()}:\n  ${tried.join('\n  ')}`);
}

async function popoverShot(page: Page, server: StaticServer, scheme: Scheme): Promise<string> {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(server.url(REAL_PAGE));
  const name = await openPopover(page);
  const file = fileName('popover', scheme);
  await page.screenshot({ path: join(OUT_DIR, file) });
  return `${file} (hovered "${name}" on ${REAL_PAGE})`;
}

async function popupShot(page: Page, extensionId: string, scheme: Scheme): Promise<string> {
  await page.setViewportSize({ width: 400, height: 600 });
  await page.goto(`chrome-extension://${extensionId}/popup.html`);
  await page.getByRole('searchbox', { name: 'Search the corpus' }).fill('ceasefire');
  await page.getByRole('list', { name: 'Results' }).getByRole('listitem').first().waitFor();
  await settled(page.mainFrame());
  const file = fileName('popup', scheme);
  await page.screenshot({ path: join(OUT_DIR, file) });
  return file;
}

/** Imports the Wikinews articles through the options page, as a user would. */
async function importCorpus(page: Page, extensionId: string): Promise<string> {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`chrome-extension://${extensionId}/options.html#import`);
  await page.getByLabel('Choose files').setInputFiles(CORPUS);
  await page.getByRole('button', { name: /^Import \d+ articles?$/ }).click();
  await page.locator('.import-result').waitFor({ timeout: 300_000 });
  return (await page.locator('.import-result').innerText()).split('\n')[0]!;
}

/**
 * Subscribes to the test newsroom pack (tests/fixtures/subscriptions) so the
 * Subscriptions section lists one. The static server is another origin: a
 * temporary copy is served with CORS allowed, and the permission prompt (which
 * headless Chromium never shows) is answered "no", as the e2e tests do.
 */
async function subscribeFixture(page: Page, extensionId: string, server: StaticServer): Promise<string> {
  const file = `screenshots-${process.pid}.json`;
  const path = join(FIXTURES_DIR, 'subscriptions', file);
  await copyFile(join(FIXTURES_DIR, 'subscriptions', 'newsroom-pack.json'), path);
  await writeFile(`${path}.headers.json`, JSON.stringify({ 'access-control-allow-origin': '*' }));
  try {
    await page.addInitScript(() => {
      const { chrome } = globalThis as unknown as {
        chrome: { permissions: { request(o: unknown): Promise<boolean> } };
      };
      chrome.permissions.request = () => Promise.resolve(false);
    });
    await page.goto('about:blank'); // a new document, so the init script runs in it
    await page.goto(`chrome-extension://${extensionId}/options.html#subscriptions`);
    await page.getByRole('textbox', { name: 'Pack address' }).fill(server.url(`/subscriptions/${file}`));
    await page.getByRole('button', { name: 'Subscribe' }).click();
    const item = page.getByRole('list', { name: 'Subscriptions' }).getByRole('listitem').first();
    await item.filter({ hasText: /\d+ articles/ }).waitFor({ timeout: 60_000 });
    return `subscribed: ${(await item.innerText()).split('\n')[0]}`;
  } finally {
    await rm(path, { force: true });
    await rm(`${path}.headers.json`, { force: true });
  }
}

/** What each options section shows before its picture is taken. */
const SECTION_SETUP: Record<string, (page: Page) => Promise<void>> = {
  import: async (page) => {
    const pages = REVIEW_PAGES.filter((p) => existsSync(p));
    if (pages.length === 0) return;
    await page.getByLabel('Choose files').setInputFiles(pages);
    await page.getByRole('table', { name: 'Articles to import' }).waitFor();
  },
  corpus: (page) => page.getByRole('table', { name: 'Documents' }).getByRole('cell').first().waitFor(),
  entities: async (page) => {
    const table = page.getByRole('table', { name: 'Entities' });
    await table.getByRole('cell').first().waitFor();
    // The editor of the most mentioned person, as someone tidying names sees it.
    const person = table
      .getByRole('row')
      .filter({ hasText: /person/i })
      .first();
    await person.getByRole('button', { name: /^Edit / }).click();
    await page.getByRole('group', { name: /^Edit / }).waitFor();
  },
  subscriptions: (page) => page.getByRole('textbox', { name: 'Pack address' }).waitFor(),
  settings: (page) => page.getByRole('spinbutton', { name: 'Hover delay (ms)' }).waitFor(),
  storage: (page) => page.getByTestId('corpus-source').waitFor(),
};

async function optionsShot(page: Page, extensionId: string, section: string, scheme: Scheme): Promise<string> {
  await page.setViewportSize({ width: 1280, height: 800 });
  // A fresh load per picture: nothing left open from the one before.
  await page.goto('about:blank');
  await page.goto(`chrome-extension://${extensionId}/options.html#${section}`);
  await page.locator(`[data-section="${section}"]`).waitFor({ state: 'visible' });
  await SECTION_SETUP[section]!(page);
  await settled(page.mainFrame());
  const file = fileName(`options-${section}`, scheme);
  await page.screenshot({ path: join(OUT_DIR, file) });
  return file;
}

async function main(): Promise<void> {
  if (!hasSharedPages()) {
    throw new Error('needs ../shared/pages beside the repository for the popover screenshot');
  }
  await mkdir(OUT_DIR, { recursive: true });
  const server = await startStaticServer();
  try {
    const session = await launchWithExtension({ allowedOrigins: [server.origin], deviceScaleFactor: 1 });
    try {
      const page = session.context.pages()[0] ?? (await session.context.newPage());
      const id = session.extensionId;
      // Take every shot we can, then fail naming each one that did not work.
      const failures: string[] = [];
      const run = async (name: string, shoot: () => Promise<string>, always = false) => {
        if (!always && only && !only.some((o) => name.startsWith(o))) return;
        try {
          console.log(`screenshots: ${await shoot()}`);
        } catch (error) {
          failures.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
        }
      };
      for (const scheme of SCHEMES) {
        await page.emulateMedia({ colorScheme: scheme });
        await run(`popover (${scheme})`, () => popoverShot(page, server, scheme));
        await run(`popup (${scheme})`, () => popupShot(page, id, scheme));
      }
      if (
        !process.argv.includes('--no-import') &&
        existsSync(CORPUS) &&
        (!only || only.some((o) => o.startsWith('options')))
      ) {
        await run('import of the Wikinews articles', async () => `imported: ${await importCorpus(page, id)}`, true);
      }
      if (!only || only.some((o) => o.startsWith('options'))) {
        await run('subscription to the test newsroom pack', () => subscribeFixture(page, id, server), true);
      }
      for (const scheme of SCHEMES) {
        await page.emulateMedia({ colorScheme: scheme });
        for (const section of Object.keys(SECTION_SETUP)) {
          await run(`options-${section} (${scheme})`, () => optionsShot(page, id, section, scheme));
        }
      }
      if (failures.length > 0) throw new Error(`failed:\n${failures.join('\n')}`);
    } finally {
      await session.close();
    }
  } finally {
    await server.close();
  }
}

main().catch((error: unknown) => {
  console.error(`screenshots: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
