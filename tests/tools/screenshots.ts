/**
 * `npm run screenshots`: the README's screenshots, taken headless from the
 * built extension (`.output/chrome-mv3`) at 1280×800, device scale factor 1:
 *
 *   docs/screenshots/popover.png  a name hovered on a real saved page (../shared/pages)
 *   docs/screenshots/popup.png    the popup searching "ceasefire" (400×600)
 *   docs/screenshots/options.png  the options page's documents
 *
 * Exits non-zero, saying why, when a page has no hoverable name or no popover opens.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { launchWithExtension } from '../support/browser';
import { PROJECT_ROOT, hasSharedPages, startStaticServer } from '../support/static-server';
import type { StaticServer } from '../support/static-server';
import { hoverText, visiblePopoverFrame } from '../e2e/support/hover';

const OUT_DIR = join(PROJECT_ROOT, 'docs', 'screenshots');
/** Reads `--flag=value` from the command line. */
const flag = (name: string): string | undefined =>
  process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);

/** A real page with corpus names, and the names to try, best first (`--page=x.html --name=Assad` override). */
const REAL_PAGE = `/shared/${flag('page') ?? 'nytimes-haley.html'}`;
const NAMES = flag('name')?.split(',') ?? ['Assad', 'Syria', 'Russia'];

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

async function popoverShot(page: Page, server: StaticServer): Promise<void> {
  await page.goto(server.url(REAL_PAGE));
  const name = await openPopover(page);
  await page.screenshot({ path: join(OUT_DIR, 'popover.png') });
  console.log(`screenshots: popover.png (hovered "${name}" on ${REAL_PAGE})`);
}

async function popupShot(page: Page, extensionId: string): Promise<void> {
  await page.setViewportSize({ width: 400, height: 600 });
  await page.goto(`chrome-extension://${extensionId}/popup.html`);
  await page.getByRole('searchbox', { name: 'Search the corpus' }).fill('ceasefire');
  await page.getByRole('list', { name: 'Results' }).getByRole('listitem').first().waitFor();
  await settled(page.mainFrame());
  await page.screenshot({ path: join(OUT_DIR, 'popup.png') });
  console.log('screenshots: popup.png');
}

async function optionsShot(page: Page, extensionId: string): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await page.getByRole('table', { name: 'Documents' }).getByRole('cell').first().waitFor();
  await settled(page.mainFrame());
  await page.screenshot({ path: join(OUT_DIR, 'options.png') });
  console.log('screenshots: options.png');
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
      // Take every shot we can, then fail naming each one that did not work.
      const failures: string[] = [];
      const shots: [string, () => Promise<void>][] = [
        ['popover.png', () => popoverShot(page, server)],
        ['popup.png', () => popupShot(page, session.extensionId)],
        ['options.png', () => optionsShot(page, session.extensionId)],
      ];
      for (const [file, shoot] of shots) {
        await shoot().catch((error: unknown) => {
          failures.push(`${file}: ${error instanceof Error ? error.message : String(error)}`);
        });
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
