/**
 * `npm start`: opens Chromium with the built extension (`.output/chrome-mv3`;
 * the npm script builds first) on a local demo article, and keeps running until
 * the browser window is closed or the process gets SIGINT (Ctrl+C) or SIGTERM,
 * which close the browser and exit 0.
 *
 *   --headless    no window: load the demo article, hover a name, save a
 *                 screenshot of its card (`.output/launch.png`), print where, exit.
 *   --keep-open   with --headless: stay running until a signal (for scripts and tests).
 *
 * A window needs a display: on Linux without DISPLAY or WAYLAND_DISPLAY it
 * says how to run instead (`xvfb-run npm start`, or `npm start -- --headless`)
 * and exits 1 before launching anything.
 */
import { join } from 'node:path';
import { launchWithExtension, type ExtensionSession } from '../support/browser';
import { PROJECT_ROOT, startStaticServer, type StaticServer } from '../support/static-server';
import { hoverText, visiblePopoverFrame } from '../e2e/support/hover';

const DEMO_PAGE = '/demo-article.html';
/** Names of the demo article tried in turn for the headless screenshot. */
const DEMO_NAMES = ['Lavrov', 'Kerry', 'Aleppo'];
const SHOT = join(PROJECT_ROOT, '.output', 'launch.png');

/** Why a headed browser cannot open here, or null when it can. */
function noDisplayReason(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string | null {
  if (platform !== 'linux' && platform !== 'freebsd' && platform !== 'openbsd') return null;
  if (env.DISPLAY || env.WAYLAND_DISPLAY) return null;
  return [
    'no display to open a browser window on (neither DISPLAY nor WAYLAND_DISPLAY is set).',
    '  Run it under a virtual display:      xvfb-run npm start',
    '  or without a window (screenshot):    npm start -- --headless',
  ].join('\n');
}

let stopping: Promise<void> | null = null;
let session: ExtensionSession | null = null;
let server: StaticServer | null = null;

/** Closes the browser and the server once, whoever asks first (a signal, the window, the end of --headless). */
function shutdown(): Promise<void> {
  stopping ??= (async () => {
    await session?.close().catch(() => undefined);
    await server?.close().catch(() => undefined);
  })();
  return stopping;
}

function onSignal(signal: NodeJS.Signals): void {
  if (stopping) return;
  console.log(`launch: ${signal}, closing the browser`);
  void shutdown().then(() => process.exit(0));
}

async function headlessCard(current: ExtensionSession, url: string): Promise<void> {
  const page = current.context.pages()[0] ?? (await current.context.newPage());
  await page.goto(url);
  for (const name of DEMO_NAMES) {
    try {
      await hoverText(page, name);
      await visiblePopoverFrame(page, 5_000);
      await page.waitForTimeout(300);
      await page.screenshot({ path: SHOT });
      console.log(`launch: hovered "${name}"; the page with its card: ${SHOT}`);
      return;
    } catch {
      await page.mouse.move(0, 0);
    }
  }
  throw new Error(`no card opened on ${url} for ${DEMO_NAMES.join(', ')}: is the build (.output/chrome-mv3) current?`);
}

async function main(): Promise<void> {
  const headless = process.argv.includes('--headless');
  const keepOpen = process.argv.includes('--keep-open');
  const why = headless ? null : noDisplayReason(process.env, process.platform);
  if (why) {
    console.error(`launch: ${why}`);
    process.exitCode = 1;
    return;
  }
  // Ours, not Playwright's: it would kill the browser under a pending call and leave a stack trace.
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  process.once('SIGHUP', onSignal);
  server = await startStaticServer();
  session = await launchWithExtension({
    headless,
    handleSignals: false,
    // Headed, let the window size itself; headless, use the test viewport.
    viewport: headless ? { width: 1280, height: 800 } : null,
    // Headless stays offline; a person at the window may browse the web.
    allowedOrigins: headless ? [server.origin] : undefined,
    blockOutside: headless,
  });
  if (stopping) return;
  const url = server.url(DEMO_PAGE);
  console.log(`launch: extension id ${session.extensionId}`);
  if (headless) {
    await headlessCard(session, url);
    if (!keepOpen) return void (await shutdown());
    console.log('launch: running headless; stop with Ctrl+C or SIGTERM.');
  } else {
    const page = session.context.pages()[0] ?? (await session.context.newPage());
    await page.goto(url);
    console.log(`launch: demo article at ${url}`);
    console.log('launch: hover a name on the page; close the browser window (or Ctrl+C) to stop.');
  }
  const closed = session.context;
  await new Promise<void>((done) => closed.once('close', () => done()));
  await shutdown();
}

main().catch(async (error: unknown) => {
  // A signal during start-up makes pending calls fail: that is the stop the user asked for.
  if (stopping) return;
  console.error(`launch: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  process.exitCode = 1;
  await shutdown();
});
