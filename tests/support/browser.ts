/**
 * Finding a Chromium and launching it with the extension loaded. Shared by the
 * Playwright fixtures (tests/e2e/fixtures.ts) and the tools in tests/tools/.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import type { BrowserContext, Route, Worker } from 'playwright-core';
import { PROJECT_ROOT } from './static-server';

/** The Chrome MV3 build WXT writes (`npx wxt build`). */
export const CHROME_BUILD_DIR = join(PROJECT_ROOT, '.output', 'chrome-mv3');

/** Debian's Chromium binary; the /usr/bin wrapper script must not be used. */
const DEBIAN_CHROMIUM = '/usr/lib/chromium/chromium';

/** Where a Chromium was found, and how. */
export interface FoundChromium {
  path: string;
  source: 'DOSSIER_CHROMIUM' | 'debian' | 'playwright';
}

/**
 * Finds a Chromium to run: env `DOSSIER_CHROMIUM`, then Debian's
 * `/usr/lib/chromium/chromium`, then Playwright's own (`npx playwright install chromium`).
 * Returns null when none exists.
 * @throws when `DOSSIER_CHROMIUM` is set but points at nothing (a typo should not be silently ignored).
 */
export function findChromium(): FoundChromium | null {
  const fromEnv = process.env.DOSSIER_CHROMIUM;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`DOSSIER_CHROMIUM=${fromEnv}: no such file`);
    return { path: fromEnv, source: 'DOSSIER_CHROMIUM' };
  }
  if (existsSync(DEBIAN_CHROMIUM)) return { path: DEBIAN_CHROMIUM, source: 'debian' };
  let own = '';
  try {
    own = chromium.executablePath();
  } catch {
    // playwright-core throws when it has no registry entry for this platform.
  }
  return own && existsSync(own) ? { path: own, source: 'playwright' } : null;
}

/** Options of {@link launchWithExtension}; every field has a default. */
export interface LaunchOptions {
  /** Unpacked extension directory. Default: env DOSSIER_EXTENSION_DIR, else `.output/chrome-mv3`. */
  extensionPath?: string;
  /** Default: true. Extensions work in Chromium's new headless mode. */
  headless?: boolean;
  /** Profile directory. Default: a fresh temp dir, removed by `close()`. */
  userDataDir?: string;
  /**
   * Origins (e.g. the static server's) that requests may go to. Every other
   * request except chrome-extension:, data:, blob: and about: is aborted, so the
   * saved pages' ad and analytics hosts are never contacted. Default: none.
   */
  allowedOrigins?: string[];
  /** Abort requests outside `allowedOrigins`. Default: true (tests must never reach the web). */
  blockOutside?: boolean;
  /** Default: 1280×800. `null` lets a headed window size itself. */
  viewport?: { width: number; height: number } | null;
  /** Default: 1. */
  deviceScaleFactor?: number;
  /** How long to wait for the extension's service worker. Default: 15 s. */
  workerTimeoutMs?: number;
  /**
   * Classic scrollbars that take room, as a desktop Linux or Windows Chromium
   * shows them: Playwright's headless `--hide-scrollbars` is dropped (Chromium
   * on Linux has no overlay scrollbars unless `OverlayScrollbar` is enabled;
   * a second `--disable-features` would replace Playwright's own). Default: false.
   */
  classicScrollbars?: boolean;
  /**
   * Let Playwright close the browser on SIGINT/SIGTERM/SIGHUP by itself.
   * Default: true. Tools that shut down on a signal in their own order pass false.
   */
  handleSignals?: boolean;
}

/** A browser with the extension loaded. */
export interface ExtensionSession {
  context: BrowserContext;
  /** The extension's id, from its service worker URL. */
  extensionId: string;
  /** The extension's MV3 service worker. */
  worker: Worker;
  /** Every URL whose request was aborted, for diagnostics and tests. */
  blocked: string[];
  /** Closes the browser and removes a temp profile. */
  close(): Promise<void>;
}

const ALWAYS_ALLOWED = ['chrome-extension:', 'data:', 'blob:', 'about:'];

/** True when a request to `url` may proceed. */
export function isAllowedUrl(url: string, allowedOrigins: readonly string[]): boolean {
  if (ALWAYS_ALLOWED.some((scheme) => url.startsWith(scheme))) return true;
  let origin: string;
  try {
    origin = new URL(url).origin;
  } catch {
    return false;
  }
  return allowedOrigins.includes(origin);
}

/** Reads the extension id from an MV3 service worker URL (`chrome-extension://<id>/background.js`). */
function idFromWorker(worker: Worker): string | null {
  const match = /^chrome-extension:\/\/([a-p]{32})\//.exec(worker.url());
  return match?.[1] ?? null;
}

/** Waits for the extension's service worker; Chromium may start it before or after we look. */
async function waitForWorker(context: BrowserContext, timeout: number): Promise<Worker> {
  const existing = context.serviceWorkers().find((w) => idFromWorker(w));
  if (existing) return existing;
  return context.waitForEvent('serviceworker', { predicate: (w) => idFromWorker(w) !== null, timeout });
}

/**
 * Launches a persistent Chromium context with the extension loaded, blocks
 * outside requests, and waits for the extension's service worker.
 * @throws when no Chromium is found, the extension dir has no manifest, or the
 * service worker does not start (usually a broken build).
 */
export async function launchWithExtension(options: LaunchOptions = {}): Promise<ExtensionSession> {
  const extensionPath = resolve(options.extensionPath ?? process.env.DOSSIER_EXTENSION_DIR ?? CHROME_BUILD_DIR);
  if (!existsSync(join(extensionPath, 'manifest.json'))) {
    throw new Error(`launchWithExtension: no manifest.json in ${extensionPath}; run \`npm run build\` first`);
  }
  const found = findChromium();
  if (!found) {
    throw new Error('launchWithExtension: no Chromium found; run `npm run pretest:e2e` or set DOSSIER_CHROMIUM');
  }
  const tempProfile = options.userDataDir ? null : await mkdtemp(join(tmpdir(), 'dossier-profile-'));
  const args = [
    `--disable-extensions-except=${extensionPath}`,
    `--load-extension=${extensionPath}`,
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-gpu',
    // Lets tests click the toolbar button (CDP Extensions.triggerAction, tests/e2e/support/toolbar.ts): the
    // user's click is what grants activeTab, which "Add this page to Dossier" needs. Playwright talks over a
    // pipe, so no other process can use this.
    '--enable-unsafe-extension-debugging',
  ];
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  const handleSignals = options.handleSignals ?? true;
  const context = await chromium.launchPersistentContext(options.userDataDir ?? tempProfile ?? '', {
    executablePath: found.path,
    headless: options.headless ?? true,
    args,
    ...(options.classicScrollbars ? { ignoreDefaultArgs: ['--hide-scrollbars'] } : {}),
    handleSIGINT: handleSignals,
    handleSIGTERM: handleSignals,
    handleSIGHUP: handleSignals,
    viewport: options.viewport === undefined ? { width: 1280, height: 800 } : options.viewport,
    deviceScaleFactor: options.viewport === null ? undefined : (options.deviceScaleFactor ?? 1),
  });
  const blocked: string[] = [];
  const allowed = options.allowedOrigins ?? [];
  if (options.blockOutside ?? true) {
    await context.route('**/*', (route: Route) => {
      const url = route.request().url();
      if (isAllowedUrl(url, allowed)) return route.continue();
      blocked.push(url);
      return route.abort('blockedbyclient');
    });
  }
  const close = async (): Promise<void> => {
    await context.close().catch(() => undefined);
    if (tempProfile) await rm(tempProfile, { recursive: true, force: true });
  };
  try {
    const worker = await waitForWorker(context, options.workerTimeoutMs ?? 15_000);
    const extensionId = idFromWorker(worker) ?? '';
    return { context, extensionId, worker, blocked, close };
  } catch (error) {
    await close();
    throw new Error(`launchWithExtension: the extension's service worker did not start (${String(error)})`);
  }
}
