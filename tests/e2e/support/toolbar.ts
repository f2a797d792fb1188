/**
 * Clicking Dossier's toolbar button on a tab, as a user does: CDP's
 * `Extensions.triggerAction` runs the action for a tab target as a click would,
 * so the extension gets `activeTab` for that tab (what clipping needs) and its
 * popup opens. The popup it opens is not a Playwright page; tests drive the
 * popup opened beside the tab instead (tests/e2e/pages/clip.ts). Needs the
 * `--enable-unsafe-extension-debugging` switch (tests/support/browser.ts).
 */
import type { BrowserContext, Page } from '@playwright/test';

interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
}

/**
 * Clicks the toolbar button of extension `extensionId` on `page`'s tab.
 * @throws when the browser has no tab target showing the page's URL, or refuses the click.
 */
export async function clickToolbarButton(context: BrowserContext, page: Page, extensionId: string): Promise<void> {
  const browser = context.browser();
  if (!browser) throw new Error('clickToolbarButton: the context has no browser to open a CDP session on');
  const cdp = await browser.newBrowserCDPSession();
  try {
    const { targetInfos } = (await cdp.send('Target.getTargets', { filter: [{ type: 'tab' }] })) as {
      targetInfos: TargetInfo[];
    };
    const tab = targetInfos.find((t) => t.type === 'tab' && t.url === page.url());
    if (!tab) throw new Error(`clickToolbarButton: no tab shows ${page.url()}`);
    await cdp.send('Extensions.triggerAction' as never, { id: extensionId, targetId: tab.targetId } as never);
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}
