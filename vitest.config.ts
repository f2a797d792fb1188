import { defineConfig } from 'vitest/config';

// Unit tests of pure modules, beside the code (lib/**/x.test.ts). Browser-level
// tests live in tests/e2e and run under Playwright instead.
export default defineConfig({
  define: {
    // WXT defines these at build time; Vitest does not run through WXT.
    'import.meta.env.BROWSER': JSON.stringify('chrome'),
    'import.meta.env.CHROME': 'true',
    'import.meta.env.FIREFOX': 'false',
    'import.meta.env.MANIFEST_VERSION': '3',
  },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: {
    include: ['lib/**/*.test.{ts,tsx}', 'tests/unit/**/*.test.{ts,tsx}'],
    environment: 'node',
    // The type palette is imported as text by the mark overlay (lib/page/overlay.ts).
    css: { include: [/styles\/palette\.css/] },
  },
});
