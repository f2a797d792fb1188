/**
 * Launches a real Firefox (Debian's `firefox-esr`, or `DOSSIER_FIREFOX`) with
 * the Firefox build installed as a temporary add-on, driven by puppeteer-core
 * over WebDriver BiDi. Every request to a non-loopback address goes to a dead
 * proxy (./dead-proxy.ts); what the browser and the extension print on the
 * console is kept, so a test can say which errors there were.
 */
import { existsSync } from 'node:fs';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { startDeadProxy, type DeadProxy } from './dead-proxy';

/** The add-on id in the Firefox manifest (wxt.config.ts). */
export const GECKO_ID = 'dossier@example.org';
/** Fixed with the pref `extensions.webextensions.uuids`, so pages have a known address. */
export const EXTENSION_UUID = '6b1f3a52-4d2e-4c8b-9a77-0d0e5c1f2a10';
const ORIGIN = `moz-extension://${EXTENSION_UUID}`;

/** The Firefox to run: `DOSSIER_FIREFOX`, else Debian's `firefox-esr`, else a `firefox` in /usr/bin. */
export function firefoxPath(): string {
  if (process.env.DOSSIER_FIREFOX) return process.env.DOSSIER_FIREFOX;
  return ['/usr/bin/firefox-esr', '/usr/bin/firefox'].find((p) => existsSync(p)) ?? '/usr/bin/firefox-esr';
}

/** A running Firefox with Dossier installed. */
export interface FirefoxSession {
  browser: Browser;
  /** E.g. "firefox/153.8.0esr". */
  version: string;
  /** Absolute address of an extension page, e.g. `extensionUrl('/options.html')`. */
  extensionUrl(path: string): string;
  /** Console lines (browser process stdout and stderr) printed so far. */
  consoleLines(): string[];
  /** Hosts the browser tried to reach through the dead proxy. */
  blockedHosts(): string[];
  close(): Promise<void>;
}

/**
 * Starts Firefox headless with the extension at `extensionDir` installed.
 * @throws Error when Firefox is missing or the add-on cannot be installed.
 */
export async function launchFirefox(extensionDir: string): Promise<FirefoxSession> {
  const executablePath = firefoxPath();
  if (!existsSync(executablePath)) {
    throw new Error(
      `no Firefox at ${executablePath}: install it (Debian: apt-get install firefox-esr) or set DOSSIER_FIREFOX to one`,
    );
  }
  const proxy: DeadProxy = await startDeadProxy();
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath,
      headless: true,
      // Lets BiDi navigate a tab to moz-extension:// pages.
      args: ['--remote-allow-system-access'],
      extraPrefsFirefox: {
        'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: EXTENSION_UUID }),
        // Extension and page console output on stdout, where we read it.
        'devtools.console.stdout.content': true,
        // Everything but loopback goes to a proxy that answers nothing.
        'network.proxy.type': 1,
        'network.proxy.http': '127.0.0.1',
        'network.proxy.http_port': proxy.port,
        'network.proxy.ssl': '127.0.0.1',
        'network.proxy.ssl_port': proxy.port,
        'network.proxy.no_proxies_on': '',
        'network.dns.disablePrefetch': true,
        'network.prefetch-next': false,
      },
    });
  } catch (error) {
    await proxy.close();
    throw error;
  }
  // Read both pipes: nobody else does, and a full pipe would block Firefox.
  let output = '';
  const child = browser.process();
  child?.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child?.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  try {
    await browser.installExtension(extensionDir);
  } catch (error) {
    await browser.close();
    await proxy.close();
    throw new Error(`Firefox refused the add-on at ${extensionDir}: ${String(error)}`);
  }
  return {
    browser,
    version: await browser.version(),
    extensionUrl: (path) => `${ORIGIN}${path.startsWith('/') ? '' : '/'}${path}`,
    consoleLines: () => output.split('\n'),
    blockedHosts: () => proxy.hosts(),
    close: async () => {
      await browser.close().catch(() => undefined);
      await proxy.close();
    },
  };
}

/**
 * Navigates a tab and waits for the load to complete. Puppeteer's `goto`
 * waits forever on moz-extension:// pages; BiDi's own navigate with
 * `wait: 'complete'` returns. Puppeteer does not expose it, so we reach the
 * frame's BiDi browsing context (an internal field of puppeteer-core 24).
 */
export async function navigate(page: Page, url: string): Promise<void> {
  const context = (page.mainFrame() as unknown as { browsingContext?: BidiContext }).browsingContext;
  if (!context) throw new Error('navigate: not a WebDriver BiDi page (puppeteer-core changed?)');
  await context.navigate(url, 'complete');
}

interface BidiContext {
  navigate(url: string, wait: 'none' | 'interactive' | 'complete'): Promise<void>;
}

/** Console lines that are errors of the extension or of the test pages (not of Firefox's own code). */
export function consoleErrors(lines: readonly string[]): string[] {
  return lines.filter(
    (line) =>
      // Uncaught errors and rejections in extension pages, frames, the background and the content script.
      /^JavaScript error: (moz-extension:|https?:\/\/(127\.0\.0\.1|localhost)[:/])/.test(line) ||
      // console.error from web content and extensions: the message is printed quoted. Firefox's own
      // modules print `console.error: ModuleName: …` instead.
      /^console\.error: ["'(]/.test(line) ||
      // Anything else that names us.
      (/^(console\.error|JavaScript error)/.test(line) && line.includes('Dossier')),
  );
}

/** Console lines that are Dossier's warnings (shown, not failures). */
export function dossierWarnings(lines: readonly string[]): string[] {
  return lines.filter((line) => /^console\.warn: .*Dossier/.test(line));
}
