// The popover as finished as Page Previews: one scroller that fits the space
// the page gives it (with classic scrollbars, as a desktop Chromium shows
// them), the wheel stays in the card, a card whose name is scrolled out of
// sight closes, and cards open again after the page replaces its <body> or
// removes our elements.
import type { Frame, Page } from '@playwright/test';
import { test as base, expect } from './fixtures';
import { launchWithExtension, type ExtensionSession } from '../support/browser';
import { PopoverHost } from './pages/popover';

const test = base.extend<{ classic: ExtensionSession; tab: Page }>({
  classic: async ({ server }, use) => {
    const session = await launchWithExtension({ allowedOrigins: [server.origin], classicScrollbars: true });
    await use(session);
    await session.close();
  },
  tab: async ({ classic }, use) => {
    await use(classic.context.pages()[0] ?? (await classic.context.newPage()));
  },
});

/** What scrolls inside the popover frame, and how the card sits in it. */
function frameLayout(frame: Frame) {
  return frame.evaluate(() => {
    const card = document.querySelector<HTMLElement>('main.popover')!;
    const scrollers = [document.scrollingElement!, ...document.querySelectorAll('*')].filter((el) => {
      const style = getComputedStyle(el);
      const scrolls = el === document.scrollingElement || /auto|scroll/.test(style.overflowY);
      return scrolls && el.scrollHeight > el.clientHeight && style.overflowY !== 'hidden';
    });
    return {
      scrollers: scrollers.map((el) => el.tagName.toLowerCase()),
      cardBottom: card.getBoundingClientRect().bottom,
      frameHeight: innerHeight,
      cardScrolls: card.scrollHeight > card.clientHeight,
      overscroll: getComputedStyle(card).overscrollBehaviorY,
      scrollbarWidth: card.offsetWidth - card.clientWidth - 2,
    };
  });
}

test('a card taller than the space left has one scroller that ends at the frame’s edge', async ({ tab, server }) => {
  await tab.setViewportSize({ width: 1000, height: 420 });
  await tab.goto(server.url('/demo-article.html'));
  const popover = await new PopoverHost(tab).open('Lavrov');
  await expect(popover.quoteItems.first()).toBeVisible();
  const layout = await frameLayout(popover.frame);
  expect(layout.frameHeight).toBeLessThan(420);
  expect(layout.cardScrolls).toBe(true);
  // One scroller, the card, with a classic scrollbar, ending where the frame ends.
  expect(layout.scrollers).toEqual(['main']);
  expect(layout.scrollbarWidth).toBeGreaterThan(0);
  expect(layout.cardBottom).toBeLessThanOrEqual(layout.frameHeight + 0.5);
  expect(layout.cardBottom).toBeGreaterThan(layout.frameHeight - 2);
  expect(layout.overscroll).toBe('contain');
  // Its last line can be scrolled to.
  const action = popover.frame.getByRole('button', { name: /Search the corpus/ });
  await action.scrollIntoViewIfNeeded();
  await expect(action).toBeInViewport({ ratio: 1 });
});

test('the wheel at the end of the card does not scroll the page', async ({ tab, server }) => {
  await tab.setViewportSize({ width: 1000, height: 420 });
  await tab.goto(server.url('/demo-article.html'));
  const popover = await new PopoverHost(tab).open('Lavrov');
  await expect(popover.quoteItems.first()).toBeVisible();
  const box = (await (await popover.frame.frameElement()).boundingBox())!;
  const before = await tab.evaluate(() => scrollY);
  await tab.mouse.move(box.x + box.width / 2, box.y + 20, { steps: 3 });
  // Resting in the card keeps it open.
  await tab.waitForTimeout(600);
  expect(await new PopoverHost(tab).isOpen()).toBe(true);
  for (let i = 0; i < 12; i++) await tab.mouse.wheel(0, 400);
  await expect.poll(() => popover.frame.evaluate(() => document.querySelector('main')!.scrollTop)).toBeGreaterThan(0);
  await tab.waitForTimeout(300);
  expect(await tab.evaluate(() => scrollY)).toBe(before);
  expect(await new PopoverHost(tab).isOpen()).toBe(true);
});

test('the card closes when a scroller of the page hides its name', async ({ page, server }) => {
  await page.goto(server.url('/card/scrollers.html'));
  const host = new PopoverHost(page);
  await host.open('Lavrov');
  // The box scrolls under the resting pointer (as a wheel would); the name goes out of it.
  await page.evaluate(() => document.getElementById('box')!.scrollBy({ top: 400, behavior: 'instant' }));
  await expect.poll(() => host.isOpen()).toBe(false);
});

test('cards open again after the page replaces its <body>', async ({ page, server }) => {
  await page.goto(server.url('/demo-article.html'));
  const host = new PopoverHost(page);
  await host.open('Lavrov');
  await page.keyboard.press('Escape');
  await expect.poll(() => host.isOpen()).toBe(false);
  await page.evaluate(() => {
    const body = document.createElement('body');
    body.innerHTML = document.body.innerHTML;
    document.body.replaceWith(body);
  });
  const popover = await host.open('Kerry');
  await expect(popover.heading).toContainText('Kerry');
});

test('marks and cards come back after the page removes our elements', async ({ page, server }) => {
  await page.goto(server.url('/demo-article.html'));
  const host = new PopoverHost(page);
  await host.open('Lavrov');
  await page.keyboard.press('Escape');
  await expect.poll(() => host.isOpen()).toBe(false);
  await page.evaluate(() => {
    for (const el of document.querySelectorAll('[data-dossier-ui]')) el.remove();
    // The page changes something (as a page that removes nodes does), then scrolls.
    document.querySelector('p')?.append(' ');
  });
  const popover = await host.open('Kerry');
  await expect(popover.heading).toContainText('Kerry');
});
