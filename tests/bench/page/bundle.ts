/**
 * Bundles the in-page side of the benchmark (`in-page.ts`, i.e. our real page
 * engine) and reads mark.js, as script sources to evaluate in a page.
 * esbuild is the one tsx and Vite already install.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { build, type Plugin } from 'esbuild';

/** Vite's `?inline` CSS imports (the overlay's palette): the file's text as the default export, as Vite does. */
const inlineCss: Plugin = {
  name: 'inline-css',
  setup(b) {
    b.onResolve({ filter: /\.css\?inline$/ }, (args) => ({
      path: path.resolve(args.resolveDir, args.path.replace(/\?inline$/, '')),
      namespace: 'inline-css',
    }));
    b.onLoad({ filter: /.*/, namespace: 'inline-css' }, async (args) => ({
      contents: await readFile(args.path, 'utf8'),
      loader: 'text',
    }));
  },
};

/** IIFE source of `in-page.ts`, minified like the extension build. */
export async function bundleInPage(root: string): Promise<string> {
  const result = await build({
    entryPoints: [path.join(root, 'tests', 'bench', 'page', 'in-page.ts')],
    bundle: true,
    format: 'iife',
    minify: true,
    target: 'chrome120',
    write: false,
    plugins: [inlineCss],
  });
  const file = result.outputFiles[0];
  if (!file) throw new Error('bundleInPage: esbuild produced no output');
  return file.text;
}

/** Source of mark.js's browser build (sets `window.Mark`). */
export async function markJsSource(root: string): Promise<string> {
  const require = createRequire(path.join(root, 'package.json'));
  return readFile(require.resolve('mark.js/dist/mark.min.js'), 'utf8');
}
