/**
 * Renders the extension's icon (`assets/icons/dossier.svg`) to the PNGs WXT
 * puts in the manifest (`public/icon/<size>.png` → `icons`, and the popup's
 * `action.default_icon`), with the same Chromium the tests use. Run it after
 * changing the SVG, and commit the PNGs:
 *
 *   npx tsx tests/tools/icons.ts
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { findChromium } from '../support/browser';
import { PROJECT_ROOT } from '../support/static-server';

/** The sizes Chrome and Firefox ask for (toolbar 16/32, extensions page 48, store and install 128). */
export const ICON_SIZES = [16, 32, 48, 128] as const;

async function main(): Promise<void> {
  const found = findChromium();
  if (!found)
    throw new Error('icons: no Chromium found; set DOSSIER_CHROMIUM or run `npx playwright install chromium`');
  const svg = await readFile(join(PROJECT_ROOT, 'assets', 'icons', 'dossier.svg'), 'utf8');
  const browser = await chromium.launch({ executablePath: found.path, headless: true });
  try {
    for (const size of ICON_SIZES) {
      const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
      const src = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
      await page.setContent(
        `<style>html,body{margin:0;background:transparent}img{display:block}</style>` +
          `<img src="${src}" width="${size}" height="${size}">`,
      );
      await page.locator('img').evaluate((img: HTMLImageElement) => img.decode());
      const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
      const out = join(PROJECT_ROOT, 'public', 'icon', `${size}.png`);
      await writeFile(out, png);
      console.log(`icons: ${out} (${png.length} bytes)`);
      await page.close();
    }
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(`icons: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
