/**
 * "Add this page to Dossier" in the page's context menu. A menu cannot open
 * the toolbar popup in Chromium (`action.openPopup` is not allowed from a menu
 * click in every version, and Firefox allows it only on some), so the click
 * opens the same preview in a small window of its own, next to the page: the
 * user sees the article, imports it, and the window can stay open while it
 * imports (the toolbar popup closes when the user clicks the page). The click
 * grants `activeTab` for that tab, which the window uses to read it.
 */
import { browser, type Browser, type PublicPath } from 'wxt/browser';

const MENU_ID = 'dossier-clip-page';

/** Address of the clip window for a tab. */
export function clipWindowPath(tabId: number): string {
  return `/clip.html?tab=${tabId}`;
}

/** Registers the menu item and its listener; call once at service-worker start, synchronously. */
export function registerClipMenu(): void {
  browser.runtime.onInstalled.addListener(() => {
    browser.contextMenus.create({
      id: MENU_ID,
      title: 'Add this page to Dossier',
      contexts: ['page'],
      documentUrlPatterns: ['http://*/*', 'https://*/*'],
    });
  });
  browser.contextMenus.onClicked.addListener((info: Browser.contextMenus.OnClickData, tab?: Browser.tabs.Tab) => {
    if (info.menuItemId !== MENU_ID || tab?.id === undefined || tab.id < 0) return;
    void browser.windows
      .create({
        url: browser.runtime.getURL(clipWindowPath(tab.id) as PublicPath),
        type: 'popup',
        width: 440,
        height: 620,
      })
      .catch((error: unknown) => console.warn(`Dossier: could not open the clip window: ${String(error)}`));
  });
}
