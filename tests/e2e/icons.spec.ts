// The extension has its own icon in the toolbar, on the extensions page and in stores.
import { test, expect } from './fixtures';

interface IconManifest {
  icons?: Record<string, string>;
  action?: { default_icon?: Record<string, string> };
}

test('the manifest names a PNG icon of each size, for the extension and its toolbar button', async ({
  page,
  extensionId,
}) => {
  await page.goto(`chrome-extension://${extensionId}/popup.html`);
  const manifest = await page.evaluate(() =>
    (globalThis as unknown as { chrome: { runtime: { getManifest(): IconManifest } } }).chrome.runtime.getManifest(),
  );
  for (const set of [manifest.icons, manifest.action?.default_icon]) {
    expect(Object.keys(set ?? {}).sort()).toEqual(['128', '16', '32', '48']);
    for (const [size, path] of Object.entries(set ?? {})) {
      // Decoded by the browser: a real PNG of the size it is listed under.
      const natural = await page.evaluate(async (src) => {
        const img = new Image();
        img.src = src;
        await img.decode();
        return [img.naturalWidth, img.naturalHeight];
      }, `/${path}`);
      expect(natural).toEqual([Number(size), Number(size)]);
    }
  }
});
