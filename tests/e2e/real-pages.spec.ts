// The popover on real saved news pages from ../shared/pages (full markup,
// scripts and ads; every outside request is aborted by the fixtures).
import { test, expect } from './fixtures';
import { PopoverHost } from './pages/popover';
import { hasSharedPages } from '../support/static-server';

test.describe('real saved pages', () => {
  test.skip(
    !hasSharedPages(),
    'needs ../shared (the saved pages in ../shared/pages sit beside the repository, not in it)',
  );

  test('hovering "Moscow" on the Yahoo page shows its popover', async ({ page, server }) => {
    await page.goto(server.url('/shared/yahoo-2.html'));
    const popover = await new PopoverHost(page).open('Moscow');
    await expect(popover.heading).toContainText('Moscow');
    await expect(popover.type).toHaveText('place');
  });

  test('hovering "Assad" on the NYT page shows his popover', async ({ page, server }) => {
    await page.goto(server.url('/shared/nytimes-haley.html'));
    const popover = await new PopoverHost(page).open('Assad');
    await expect(popover.heading).toContainText('Assad');
    await expect(popover.type).toHaveText('person');
  });
});
