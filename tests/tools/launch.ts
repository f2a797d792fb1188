/**
 * `npm start`: opens Chromium with the built extension (`.output/chrome-mv3`;
 * the npm script builds first) on a local demo article, and keeps running until
 * the browser window is closed.
 *
 *   --headless   smoke check: load the demo page, print the extension id, exit.
 */
import { launchWithExtension } from '../support/browser';
import { startStaticServer } from '../support/static-server';

const DEMO_PAGE = '/demo-article.html';

async function main(): Promise<void> {
  const headless = process.argv.includes('--headless');
  const server = await startStaticServer();
  const session = await launchWithExtension({
    headless,
    // Headed, let the window size itself; headless, use the test viewport.
    viewport: headless ? { width: 1280, height: 800 } : null,
    // The smoke check stays offline; a person at the window may browse the web.
    allowedOrigins: headless ? [server.origin] : undefined,
    blockOutside: headless,
  }).catch(async (error: unknown) => {
    await server.close();
    throw error;
  });
  const shutdown = async (): Promise<void> => {
    await session.close();
    await server.close();
  };
  const page = session.context.pages()[0] ?? (await session.context.newPage());
  const url = server.url(DEMO_PAGE);
  await page.goto(url);
  console.log(`launch: extension id ${session.extensionId}`);
  console.log(`launch: demo article at ${url}`);
  if (headless) {
    console.log(`launch: page loaded (${await page.title()})`);
    await shutdown();
    return;
  }
  console.log('launch: hover a name on the page; close the browser window to stop.');
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
  await new Promise<void>((done) => session.context.once('close', () => done()));
  await server.close().catch(() => undefined);
}

main().catch((error: unknown) => {
  console.error(`launch: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
