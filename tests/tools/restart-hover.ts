/**
 * The first hover after a service-worker restart, in Chromium, on a profile that holds a corpus: a local
 * page names an entity of the corpus inside a paragraph (the card is ranked by that context, as on a real
 * page); per run, CDP `ServiceWorker.stopAllWorkers`, then the mouse moves onto the marked name and the
 * time to the popover showing the card (the host sets `data-open` on its frame once the card has rendered
 * and reported its size) is taken, less the hover delay.
 *
 *   npx tsx tests/tools/restart-hover.ts --profile DIR [--extension DIR] [--runs 5] [--entity "Name"]
 *
 * Without --entity, the first two-word name of the name table the background sends pages (`names.get`) is
 * used. The profile is copied first (left as it was) and must have been made with that extension
 * (tests/support/profile-worker.ts).
 * Prints ms per run, median and max, and the load average.
 */
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { hoverText, popoverFrame } from '../e2e/support/hover';
import { CHROME_BUILD_DIR, launchWithExtension } from '../support/browser';
import { checkProfileWorker } from '../support/profile-worker';
import { startStaticServer } from '../support/static-server';

const { values } = parseArgs({
  options: {
    profile: { type: 'string' },
    extension: { type: 'string' },
    runs: { type: 'string', default: '5' },
    entity: { type: 'string' },
  },
});
if (!values.profile) throw new Error('restart-hover: --profile DIR is required');
const extension = path.resolve(values.extension ?? process.env.DOSSIER_EXTENSION_DIR ?? CHROME_BUILD_DIR);
const worker = checkProfileWorker(values.profile, extension);
if (!worker.ok) throw new Error(`restart-hover: ${worker.why}`);

/** The popover's hover delay (lib/ui/popover): subtracted, as tests/bench/page/hover-latency.ts does. */
const HOVER_DELAY_MS = 300;

const copy = await mkdtemp(path.join(tmpdir(), 'dossier-hover-'));
await cp(values.profile, copy, { recursive: true, filter: (src) => !path.basename(src).startsWith('Singleton') });
const site = await mkdtemp(path.join(tmpdir(), 'dossier-hover-site-'));
const server = await startStaticServer({ root: site });
const session = await launchWithExtension({
  userDataDir: copy,
  extensionPath: extension,
  allowedOrigins: [server.origin],
  workerTimeoutMs: 60_000,
});
try {
  const ext = await session.context.newPage();
  await ext.goto(`chrome-extension://${session.extensionId}/popup.html`);
  const name =
    values.entity ??
    (await ext.evaluate<string>(`(async () => {
      const r = await chrome.runtime.sendMessage({ dossier: 1, name: 'names.get', payload: {} });
      if (!r || !r.ok) throw new Error('names.get: ' + JSON.stringify(r));
      const names = r.value.names.map((n) => n.text);
      const two = names.find((n) => /^[A-Z][a-z]+ [A-Z][a-z]+$/.test(n));
      if (!two) throw new Error('no two-word name among ' + names.length);
      return two;
    })()`));
  console.log(`entity: ${name}`);
  await writeFile(
    path.join(site, 'index.html'),
    `<!doctype html><html><head><meta charset="utf-8"><title>Talks on the economy and the border</title></head><body>
<article><h1>Talks on the economy and the border</h1>
<p>Speaking to reporters on Tuesday about inflation, the ceasefire talks and the administration's budget for
veterans and infrastructure, ${name} said the negotiations with lawmakers would continue next week, and
that the president would travel to the summit after meeting governors about the hurricane recovery.</p>
<p>Other news: markets were calm; the weather was mild.</p></article></body></html>`,
  );
  const page = await session.context.newPage();
  await page.goto(server.url('/index.html'));
  // The page's matcher over the corpus's ~74,000 names takes seconds to compile under load: wait for the mark
  // (hoverText waits 10 s a try).
  for (let tries = 1; ; tries++) {
    try {
      await hoverText(page, name);
      break;
    } catch (error) {
      if (tries >= 9) throw error;
    }
  }
  const cdp = await session.context.newCDPSession(ext);
  await cdp.send('ServiceWorker.enable');
  const times: number[] = [];
  for (let run = 0; run <= Number(values.runs); run++) {
    await page.mouse.move(2, 2);
    await page.waitForTimeout(900); // past the hide delay
    // Under load the popover may take longer to hide: a run starts only with no card showing.
    const open = page.frames().find((f) => f.url().includes('/popover.html'));
    if (open) {
      const iframe = await open.frameElement();
      for (let i = 0; i < 500 && (await iframe.getAttribute('data-open')) !== null; i++) await page.waitForTimeout(10);
      if ((await iframe.getAttribute('data-open')) !== null) throw new Error('restart-hover: the popover did not hide');
    }
    await cdp.send('ServiceWorker.stopAllWorkers');
    await page.waitForTimeout(300);
    const t0 = Date.now();
    await hoverText(page, name);
    const frame = await popoverFrame(page, 60_000);
    const iframe = await frame.frameElement();
    // The host shows the frame (data-open) once the card inside has rendered and reported its size.
    for (;;) {
      if ((await iframe.getAttribute('data-open')) !== null) break;
      if (Date.now() - t0 > 60_000) throw new Error('restart-hover: no card after 60 s');
      await page.waitForTimeout(10);
    }
    const ms = Date.now() - t0 - HOVER_DELAY_MS;
    // Run 0 warms the page (the popover frame is created, the corpus first loaded): not counted.
    if (run > 0) times.push(ms);
    console.log(
      `${run === 0 ? 'warm-up' : `run ${run}`}: first hover after stop ${ms} ms, load ${loadavg()[0]!.toFixed(1)}`,
    );
  }
  const sorted = [...times].sort((a, b) => a - b);
  console.log(`median ${sorted[Math.floor(sorted.length / 2)]} ms, max ${sorted.at(-1)} ms`);
} finally {
  await session.close();
  await server.close();
  await rm(copy, { recursive: true, force: true });
  await rm(site, { recursive: true, force: true });
}
