// Cards that fit the page being read (issue #16): the same name opens a card whose first item fits
// the words around it; "N more in the corpus" pages; Copy with citation; the reader's #p-N addresses.
import { test, expect } from './fixtures';
import { PopoverHost } from './pages/popover';

test('the same name on two pages about different things opens cards that start differently', async ({
  page,
  server,
}) => {
  await page.goto(server.url('/context/sensitive.html'));
  const secret = await new PopoverHost(page).open('Lavrov');
  await expect(secret.quoteItems.first()).toContainText('sensitive and serious information');
  await expect(secret.frame.locator('.counts')).toContainText('ordered by what this page is about');

  await page.goto(server.url('/context/relations.html'));
  const relations = await new PopoverHost(page).open('Lavrov');
  await expect(relations.quoteItems.first()).toContainText('list problems in our relations');
});

test('"N more in the corpus" loads the next items of that list', async ({ page, server }) => {
  await page.goto(server.url('/demo-article.html'));
  const popover = await new PopoverHost(page).open('Lavrov');
  const passages = popover.passages.locator('li');
  await expect(passages).toHaveCount(3);
  const more = popover.passages.getByRole('button', { name: /more in the corpus/ });
  await expect(more).toBeVisible();
  await more.click();
  await expect.poll(() => passages.count()).toBeGreaterThan(3);
  // Every "Open in reader" says which article it opens.
  const names = await popover.frame
    .getByRole('button', { name: /^Open in reader: / })
    .evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-label')));
  expect(names.length).toBeGreaterThan(3);
  expect(names.every((n) => n && n.length > 'Open in reader: '.length)).toBe(true);
});

test('Copy with citation puts the quote, speaker, article and address on the clipboard', async ({
  page,
  server,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
  await page.goto(server.url('/demo-article.html'));
  const popover = await new PopoverHost(page).open('Lavrov');
  const first = popover.quoteItems.first();
  const quote = (await first.locator('p').innerText()).replace(/^“|”$/g, '').slice(0, 30);
  await first.getByRole('button', { name: /^Copy with citation/ }).click();
  await expect(first.getByRole('status')).toHaveText('Copied');
  await page.bringToFront();
  const clip = await page.evaluate(async () => {
    const items = await navigator.clipboard.read();
    const read = async (type: string) =>
      items[0]!.types.includes(type) ? await (await items[0]!.getType(type)).text() : '';
    return { plain: await read('text/plain'), html: await read('text/html') };
  });
  expect(clip.plain).toContain(quote);
  expect(clip.plain).toMatch(/— Sergey Lavrov|— .*Lavrov/);
  expect(clip.html).toContain('<blockquote>');
  expect(clip.html).toContain('<cite>');
});

test('reader.html?doc=…#p-N opened directly lands on passage N, and lists quotes by speaker', async ({
  page,
  extensionId,
}) => {
  await page.goto(`chrome-extension://${extensionId}/reader.html?doc=001_3359be3b95084ba4#p-5`);
  const target = page.locator('#p-5');
  await expect(target).toHaveClass(/target/);
  await expect(target).toBeInViewport();
  const byspeaker = page.getByRole('complementary', { name: 'Quotes by speaker' });
  await expect(byspeaker.getByRole('heading', { level: 3 }).first()).toBeVisible();
  await page.evaluate(() => (location.hash = '#p-1'));
  await expect(page.locator('#p-1')).toHaveClass(/target/);
  await expect(page.locator('#p-1')).toBeInViewport();
});
