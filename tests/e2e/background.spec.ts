// The service worker: it answers after MV3 stops it, and drops what is not ours.
import { test, expect } from './fixtures';
import { PopupPage } from './pages/popup';

test('answers again after the browser stops the service worker', async ({ page, context, extensionId }) => {
  const popup = await new PopupPage(page, extensionId).open();
  await popup.search('ceasefire');
  await expect(popup.resultItems.first()).toBeVisible();

  // What Chrome does to an idle MV3 worker: stop it. The next message wakes it
  // and it must load the corpus again.
  const cdp = await context.newCDPSession(page);
  const status = new Map<string, string>();
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
    for (const v of versions) status.set(v.versionId, v.runningStatus);
  });
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await expect.poll(() => [...status.values()]).toContain('stopped');
  expect([...status.values()]).not.toContain('running');

  // A query whose answer the earlier results did not contain.
  await popup.search('Svobodnaya');
  await expect(popup.resultItems.filter({ hasText: 'Svobodnaya Pressa' }).first()).toBeVisible();
  await expect.poll(() => [...status.values()]).toContain('running');
});

test('answers a malformed request with an error, not a crash', async ({ page, extensionId }) => {
  await page.goto(`chrome-extension://${extensionId}/popup.html`);
  const replies = await page.evaluate(async () => {
    // The extension page's own `chrome` global, as another part of the extension would use it.
    const { runtime } = (
      globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
    ).chrome;
    const send = (message: unknown) => runtime.sendMessage(message);
    return [
      await send({ dossier: 1, name: 'search', payload: { query: 7 } }),
      await send({ dossier: 1, name: 'no.such.request', payload: {} }),
      await send({ dossier: 1, name: 'search', payload: { query: 'Kerry' } }),
    ];
  });
  expect(replies[0]).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  expect(replies[1]).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  expect(replies[2]).toMatchObject({ ok: true, value: { query: 'Kerry' } });
});
