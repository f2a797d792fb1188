// The harness itself: extension loaded, fixtures served, outside requests blocked.
import { test, expect } from './fixtures';
import { startStaticServer } from '../support/static-server';

test('the extension is loaded and has an id', ({ extensionId, worker }) => {
  expect(extensionId).toMatch(/^[a-p]{32}$/);
  expect(worker.url()).toContain(`chrome-extension://${extensionId}/`);
});

test('the server serves fixtures as HTML', async ({ page, server }) => {
  const response = await page.goto(server.url('/demo-article.html'));
  expect(response?.status()).toBe(200);
  expect(response?.headers()['content-type']).toBe('text/html; charset=utf-8');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Geneva talks end with a fragile Syria truce plan');
});

test('a request to another origin is aborted, even one that would answer', async ({
  page,
  server,
  blockedRequests,
}) => {
  // A second live server: without the block this fetch would succeed.
  const other = await startStaticServer();
  try {
    await page.goto(server.url('/demo-article.html'));
    const outcome = await page.evaluate(async (url) => {
      try {
        await fetch(url, { mode: 'no-cors' });
        return 'reached';
      } catch {
        return 'aborted';
      }
    }, other.url('/demo-article.html'));
    expect(outcome).toBe('aborted');
    expect(blockedRequests).toContain(other.url('/demo-article.html'));
  } finally {
    await other.close();
  }
});

test('a page cannot load from an outside host', async ({ page, server }) => {
  await page.goto(server.url('/demo-article.html'));
  const failed = page.waitForEvent('requestfailed', (r) => r.url().startsWith('https://ads.example.com/'));
  await page.evaluate(() => {
    const img = document.createElement('img');
    img.src = 'https://ads.example.com/pixel.gif';
    document.body.append(img);
  });
  // Chromium reports route aborts as "net::ERR_BLOCKED_BY_CLIENT.Inspector".
  expect((await failed).failure()?.errorText).toContain('ERR_BLOCKED_BY_CLIENT');
});
