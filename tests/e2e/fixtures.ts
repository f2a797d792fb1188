/**
 * Playwright fixtures for Dossier's browser tests: a static server for the
 * fixture pages, and a fresh persistent Chromium profile per test with the
 * built extension loaded and every outside request aborted.
 *
 * Usage: `import { test, expect } from './fixtures';`
 */
import { test as base, expect } from '@playwright/test';
import type { BrowserContext, Worker } from '@playwright/test';
import { CHROME_BUILD_DIR, launchWithExtension } from '../support/browser';
import type { ExtensionSession } from '../support/browser';
import { startStaticServer } from '../support/static-server';
import type { StaticServer } from '../support/static-server';

/** Fixtures available to every test. */
export interface DossierFixtures {
  /** Unpacked extension under test. Default: env DOSSIER_EXTENSION_DIR, else `.output/chrome-mv3`. */
  extensionPath: string;
  /** The launched browser session (internal; use the fixtures below). */
  session: ExtensionSession;
  /** Persistent context with the extension loaded (replaces Playwright's own). */
  context: BrowserContext;
  /** The extension's id, e.g. for `chrome-extension://${extensionId}/popup.html`. */
  extensionId: string;
  /** The extension's MV3 service worker. */
  worker: Worker;
  /** URLs aborted so far because they did not go to `server` or the extension. */
  blockedRequests: string[];
}

/** Worker-scoped fixtures (shared by the tests of one Playwright worker). */
export interface DossierWorkerFixtures {
  /** Serves `tests/fixtures/` at `/` and `../shared/pages/` at `/shared/`. */
  server: StaticServer;
}

/** Playwright's `test` with the Dossier fixtures. */
export const test = base.extend<DossierFixtures, DossierWorkerFixtures>({
  server: [
    // Playwright requires a destructuring pattern for the first argument.
    async ({}, use) => {
      const server = await startStaticServer();
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],
  extensionPath: [process.env.DOSSIER_EXTENSION_DIR ?? CHROME_BUILD_DIR, { option: true }],
  session: async ({ extensionPath, server }, use) => {
    const session = await launchWithExtension({ extensionPath, allowedOrigins: [server.origin] });
    await use(session);
    await session.close();
  },
  context: async ({ session }, use) => {
    await use(session.context);
  },
  page: async ({ context }, use) => {
    // Reuse the tab a persistent context opens with, so there is only one.
    await use(context.pages()[0] ?? (await context.newPage()));
  },
  extensionId: async ({ session }, use) => {
    await use(session.extensionId);
  },
  worker: async ({ session }, use) => {
    await use(session.worker);
  },
  blockedRequests: async ({ session }, use) => {
    await use(session.blocked);
  },
});

export { expect };
