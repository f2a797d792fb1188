import { launchWithExtension } from '../support/browser';
const out = process.argv[2] ?? '/tmp/opt/after';
const only = process.argv[3];
const session = await launchWithExtension({ allowedOrigins: [], deviceScaleFactor: 1 });
const page = session.context.pages()[0] ?? (await session.context.newPage());
const msgs: string[] = [];
page.on('console', (m) => msgs.push(`${m.type()}: ${m.text().slice(0, 200)}`));
page.on('pageerror', (e) => msgs.push(`pageerror: ${e.message}`));
await page.setViewportSize({ width: 1280, height: 800 });
for (const scheme of ['light', 'dark'] as const) {
  await page.emulateMedia({ colorScheme: scheme });
  for (const s of (only ?? 'import,corpus,entities,subscriptions,settings,storage').split(',')) {
    await page.goto(`chrome-extension://${session.extensionId}/options.html#${s}`);
    await page.waitForTimeout(800);
    await page.screenshot({ path: `${out}-${s}-${scheme}.png` });
  }
}
console.log(msgs.join('\n'));
await session.close();
