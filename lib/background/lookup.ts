/**
 * "Look up the selection": the keyboard shortcut (commands API) and the
 * context-menu item both ask the tab's content script to open the popover on
 * the selected text, with keyboard focus in it. This module owns the
 * contextMenus and commands APIs.
 */
import { browser, type Browser } from 'wxt/browser';
import type { TabMessage } from '../messages/protocol';

/** Name of the command in the manifest (`commands`). */
export const LOOKUP_COMMAND = 'lookup-selection';
const MENU_ID = 'dossier-lookup-selection';

const lookupMessage: TabMessage<'page.lookupSelection'> = { dossierTab: 1, name: 'page.lookupSelection', payload: {} };

async function lookupIn(tabId: number | undefined, frameId?: number): Promise<void> {
  if (tabId === undefined || tabId < 0) return;
  try {
    await browser.tabs.sendMessage(tabId, lookupMessage, frameId === undefined ? undefined : { frameId });
  } catch {
    // No content script there (browser pages, the web store, a page loaded
    // before the extension): nothing to look up in.
  }
}

/** Registers the listeners; call once at service-worker start, synchronously. */
export function registerLookup(): void {
  browser.runtime.onInstalled.addListener(() => {
    browser.contextMenus.create({
      id: MENU_ID,
      title: 'Look up “%s” in Dossier',
      contexts: ['selection'],
    });
  });
  browser.contextMenus.onClicked.addListener((info: Browser.contextMenus.OnClickData, tab?: Browser.tabs.Tab) => {
    if (info.menuItemId === MENU_ID) void lookupIn(tab?.id, info.frameId);
  });
  browser.commands.onCommand.addListener((command: string, tab?: Browser.tabs.Tab) => {
    if (command !== LOOKUP_COMMAND) return;
    if (tab?.id !== undefined) {
      void lookupIn(tab.id);
      return;
    }
    void browser.tabs.query({ active: true, currentWindow: true }).then(([active]) => lookupIn(active?.id));
  });
}
