import { defineConfig } from '@playwright/test';

// Browser tests of the built extension (.output/chrome-mv3; `npm run build`
// first). Chromium is launched by tests/support/browser.ts, not by a project
// here: extensions need a persistent context with our own launch flags.
export default defineConfig({
  testDir: 'tests/e2e',
  // Each test launches its own Chromium; two cores do not fit two of them well.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  timeout: 45_000,
  expect: { timeout: 10_000 },
  reporter: 'list',
  outputDir: 'test-results',
  use: {
    actionTimeout: 10_000,
    navigationTimeout: 20_000,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
