/**
 * Runs project code in an extension page of a real browser: `contents` (TypeScript that imports from the
 * project, paths relative to its root) is bundled with esbuild as the extension's Chromium build would
 * see it and evaluated in `page`. The 10k tools use it to write a corpus with the store's own code.
 */
import { build } from 'esbuild';
import type { Page } from '@playwright/test';
import { PROJECT_ROOT } from './static-server';

/** Bundles `contents` and evaluates it in `page` (it usually defines a function on `globalThis` to call next). */
export async function evaluateBundle(page: Page, contents: string): Promise<void> {
  const bundle = await build({
    stdin: { contents, resolveDir: PROJECT_ROOT, loader: 'ts' },
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    define: { 'import.meta.env.BROWSER': '"chrome"', 'import.meta.env.MANIFEST_VERSION': '3' },
  });
  await page.evaluate(bundle.outputFiles[0]!.text);
}
