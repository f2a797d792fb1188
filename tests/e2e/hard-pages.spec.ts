// Pages that make marking names hard: names split across tags, shadow DOM,
// frames, late and single-page-app content, hostile CSS, strict CSP, scripts
// that replace DOM methods, and regions that must stay unmarked.
import type { Frame, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { PopoverHost } from './pages/popover';
import { hoverText, visiblePopoverFrame } from './support/hover';
import { markedTexts } from './support/marks';

/** Waits until the marked texts of `frame` equal `expected` (order-free). */
async function expectMarks(frame: Frame, expected: string[]): Promise<void> {
  await expect.poll(() => markedTexts(frame)).toEqual([...expected].sort());
}

/**
 * Pixels in the box of the first occurrence of `text` (and just below it, where
 * the underline goes) that are clearly tinted blue, i.e. painted by a
 * `::highlight(dossier-person)` rule. The screenshot is decoded by a canvas in a
 * second tab, so the test needs no PNG decoder.
 */
async function bluePixelsUnder(page: Page, text: string): Promise<number> {
  const box = await page.evaluate((needle) => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const at = (n.nodeValue ?? '').indexOf(needle);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(n, at);
      range.setEnd(n, at + needle.length);
      const r = range.getClientRects()[0]!;
      return { x: r.left, y: r.top, width: r.width, height: r.height + 4 };
    }
    return null;
  }, text);
  if (!box) throw new Error(`bluePixelsUnder: "${text}" not on ${page.url()}`);
  const png = await page.screenshot({ clip: box });
  const decoder = await page.context().newPage();
  try {
    return await decoder.evaluate(
      async (dataUrl) => {
        const img = new Image();
        img.src = dataUrl;
        await img.decode();
        const canvas = document.createElement('canvas');
        canvas.width = img.width;
        canvas.height = img.height;
        const ctx = canvas.getContext('2d')!;
        ctx.drawImage(img, 0, 0);
        const { data } = ctx.getImageData(0, 0, img.width, img.height);
        let blue = 0;
        for (let i = 0; i < data.length; i += 4) if (data[i + 2]! - data[i]! > 40) blue++;
        return blue;
      },
      `data:image/png;base64,${png.toString('base64')}`,
    );
  } finally {
    await decoder.close();
  }
}

test('names split across inline tags are marked whole, never across blocks', async ({ page, server }) => {
  await page.goto(server.url('/hard/split.html'));
  // "Sergey" and "Lavrov" in two list items are two blocks: only "Lavrov" there.
  await expectMarks(page.mainFrame(), ['Sergey Lavrov', 'John Kerry', 'Jabhat Fateh al-Sham', 'Lavrov']);
  const popover = await new PopoverHost(page).open('Lavrov', { nth: 0 });
  await expect(popover.heading).toContainText('Lavrov');
});

test('names inside open shadow roots are marked and hoverable, also roots attached later', async ({ page, server }) => {
  await page.goto(server.url('/hard/shadow.html'));
  await expectMarks(page.mainFrame(), ['Moscow', 'Aleppo', 'Lavrov']);
  await page.evaluate(() => (window as unknown as { attachLate(): void }).attachLate());
  // A shadow root attached without any other DOM change is not seen by the
  // MutationObserver; it is found by the next re-scan of its host's block.
  await page.evaluate(() => document.getElementById('late-host')!.append(document.createTextNode(' ')));
  await expectMarks(page.mainFrame(), ['Moscow', 'Aleppo', 'Lavrov', 'Kerry']);
  await page.mouse.move(1, 1);
  const host = page.locator('#host');
  const box = await host.evaluate((el) => {
    const p = el.shadowRoot!.querySelector('p')!;
    const text = p.firstChild!;
    const range = document.createRange();
    const at = text.nodeValue!.indexOf('Aleppo');
    range.setStart(text, at);
    range.setEnd(text, at + 'Aleppo'.length);
    const r = range.getBoundingClientRect();
    return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
  });
  await page.mouse.move(box.x - 8, box.y - 8);
  await page.mouse.move(box.x, box.y, { steps: 4 });
  const frame = await visiblePopoverFrame(page);
  await expect(frame.getByRole('heading', { level: 1 })).toContainText('Aleppo');
});

test('a same-origin iframe and a srcdoc frame are marked, each with its own popover', async ({ page, server }) => {
  await page.goto(server.url('/hard/frame-parent.html'));
  const child = page.frame({ url: /frame-child\.html$/ })!;
  const srcdoc = page.frames().find((f) => f.url() === 'about:srcdoc')!;
  await expectMarks(page.mainFrame(), ['Moscow']);
  await expectMarks(child, ['Aleppo', 'Lavrov']);
  await expectMarks(srcdoc, ['Kerry']);

  await hoverText(page, 'Lavrov', { frame: child });
  const inFrame = await visiblePopoverFrame(page);
  await expect(inFrame.getByRole('heading', { level: 1 })).toContainText('Lavrov');
  expect(inFrame.parentFrame()).toBe(child);

  await page.mouse.move(1, 1);
  await expect.poll(() => new PopoverHost(page).isOpen()).toBe(false);
  const popover = await new PopoverHost(page).open('Moscow');
  await expect(popover.heading).toContainText('Moscow');
  // One popover host per frame, however often names are hovered.
  const hosts = async (f: Frame) => f.evaluate(() => document.querySelectorAll('dossier-popover').length);
  expect(await hosts(page.mainFrame())).toBe(1);
  expect(await hosts(child)).toBe(1);
  expect(await hosts(srcdoc)).toBe(0);
});

test('a frame too small for the popover shows it in the top document, next to the name', async ({ page, server }) => {
  await page.goto(server.url('/hard/frame-parent.html'));
  const srcdoc = page.frames().find((f) => f.url() === 'about:srcdoc')!;
  const { x, y } = await hoverText(page, 'Kerry', { frame: srcdoc });
  const frame = await visiblePopoverFrame(page);
  expect(frame.parentFrame()).toBe(page.mainFrame());
  await expect(frame.getByRole('heading', { level: 1 })).toContainText('Kerry');
  // Whole, and beside the hovered name (the 80 px frame would have cut it off).
  const box = (await (await frame.frameElement()).boundingBox())!;
  expect(box.height).toBeGreaterThan(120);
  expect(Math.abs(box.x - x)).toBeLessThan(400);
  expect(Math.min(Math.abs(box.y - y), Math.abs(box.y + box.height - y))).toBeLessThan(60);
  await page.keyboard.press('Escape');
  await expect.poll(() => new PopoverHost(page).isOpen()).toBe(false);
});

test('names added after load are marked', async ({ page, server }) => {
  await page.goto(server.url('/hard/late.html'));
  await page.waitForTimeout(500); // let the first scan finish on an empty page
  await page.evaluate(() =>
    (window as unknown as { addStory(html: string): void }).addStory('Later, <b>Sergey</b> Lavrov flew to Moscow.'),
  );
  await expectMarks(page.mainFrame(), ['Sergey Lavrov', 'Moscow']);
  const popover = await new PopoverHost(page).open('Moscow');
  await expect(popover.heading).toContainText('Moscow');
});

test.describe('a single-page app', () => {
  test('a route change drops the old view marks and marks the new view', async ({ page, server }) => {
    await page.goto(server.url('/hard/spa.html'));
    await expectMarks(page.mainFrame(), ['Moscow']);
    await page.getByRole('link', { name: 'Story' }).click();
    await expect(page).toHaveURL(/r=aleppo/);
    await expectMarks(page.mainFrame(), ['Aleppo']);
    await page.goBack();
    await expectMarks(page.mainFrame(), ['Moscow']);
    const popover = await new PopoverHost(page).open('Moscow');
    await expect(popover.heading).toContainText('Moscow');
  });

  test('a view shown by an attribute on route change is marked, and unmarked when hidden again', async ({
    page,
    server,
  }) => {
    await page.goto(server.url('/hard/spa.html'));
    await expectMarks(page.mainFrame(), ['Moscow']);
    await page.getByRole('link', { name: 'Kept-alive tab' }).click();
    await expectMarks(page.mainFrame(), ['Kerry']);
    await page.getByRole('link', { name: 'Home' }).click();
    await expectMarks(page.mainFrame(), ['Moscow']);
  });
});

test('`* { all: unset !important }` neither hides the marks nor the popover', async ({ page, server }) => {
  await page.goto(server.url('/hard/unset.html'));
  await expectMarks(page.mainFrame(), ['Lavrov', 'Kerry', 'Geneva', 'Aleppo']);
  expect(await bluePixelsUnder(page, 'Lavrov')).toBeGreaterThan(5);
  const popover = await new PopoverHost(page).open('Kerry');
  await expect(popover.heading).toContainText('Kerry');
});

for (const [kind, path] of [
  ['a meta tag', '/hard/csp-meta.html'],
  ['a response header (with frame-src none)', '/hard/csp-header.html'],
] as const) {
  test(`a strict CSP in ${kind} blocks neither the mark styles nor the popover frame`, async ({ page, server }) => {
    const response = await page.goto(server.url(path));
    if (path.includes('header')) expect(response?.headers()['content-security-policy']).toContain("frame-src 'none'");
    await expectMarks(page.mainFrame(), ['Lavrov', 'Kerry', 'Geneva', 'Aleppo']);
    // Painted: the ::highlight rules come from an adopted sheet the page CSP does not govern
    // (an unmarked word next to it is the control: no blue there).
    expect(await bluePixelsUnder(page, 'Lavrov')).toBeGreaterThan(5);
    expect(await bluePixelsUnder(page, 'talk')).toBe(0);
    const popover = await new PopoverHost(page).open('Lavrov');
    await expect(popover.heading).toContainText('Lavrov');
  });
}

test('page scripts that replace DOM methods do not reach the content script', async ({ page, server }) => {
  await page.goto(server.url('/hard/dom-methods.html'));
  // The page's own world really is broken...
  expect(await page.evaluate(() => document.createElement.toString())).not.toContain('[native code]');
  await expectMarks(page.mainFrame(), ['Lavrov', 'Kerry', 'Geneva', 'Aleppo']);
  // ...yet hovering works (createElement, attachShadow, appendChild,
  // addEventListener, postMessage and range geometry all run in our world).
  const popover = await new PopoverHost(page).open('Kerry');
  await expect(popover.heading).toContainText('Kerry');
  const calls = await page.evaluate(
    () => (window as unknown as { __hijacked: { name: string; stack: string }[] }).__hijacked,
  );
  // Playwright's own main-world helper (InjectedScript) adds listeners; nothing else may call in.
  expect(calls.filter((c) => !c.stack.includes('InjectedScript')).map((c) => c.name)).toEqual([]);
});

test('editable, hidden and our own regions stay unmarked, also after typing a name', async ({ page, server }) => {
  await page.goto(server.url('/hard/contenteditable.html'));
  await expectMarks(page.mainFrame(), ['Moscow']);
  await page.locator('#editor p').click();
  await page.keyboard.type(' Then Aleppo and Moscow.');
  await page.waitForTimeout(300);
  await expectMarks(page.mainFrame(), ['Moscow']);
  // Opening the popover adds our UI to the page; nothing in it is ever marked.
  const popover = await new PopoverHost(page).open('Moscow');
  await expect(popover.heading).toContainText('Moscow');
  await expectMarks(page.mainFrame(), ['Moscow']);
});
