/**
 * Sends {@link TabProtocol} messages to the content script of the active tab
 * (popup). The one module that talks to tabs.
 */
import { browser, type PublicPath } from 'wxt/browser';
import type { TabMessage, TabMessageName, TabProtocol } from './protocol';

/**
 * Sends a message to the top frame of the active tab.
 * @returns the reply, or null when the tab has no Dossier content script
 *   (browser pages, extension stores, pages opened before Dossier was installed).
 */
export async function sendToActiveTab<N extends TabMessageName>(
  name: N,
  payload: TabProtocol[N]['payload'],
): Promise<TabProtocol[N]['reply'] | null> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  if (tab?.id === undefined) return null;
  const message: TabMessage<N> = { dossierTab: 1, name, payload };
  try {
    const reply: TabProtocol[N]['reply'] | undefined = await browser.tabs.sendMessage(tab.id, message, { frameId: 0 });
    return reply ?? null;
  } catch {
    return null;
  }
}

/** The reader page's address for a document, optionally at a character offset. */
export function readerPath(docId: string, at?: number): string {
  const params = new URLSearchParams({ doc: docId });
  if (at !== undefined) params.set('at', String(at));
  return `/reader.html?${params.toString()}`;
}

/** The search page's address for a query (the popup's search, full size in a tab). */
export function searchPath(query: string): string {
  return `/popup.html?${new URLSearchParams({ q: query, tab: '1' }).toString()}`;
}

/** Opens one of the extension's pages in a new tab next to the current one. */
export async function openExtensionPage(path: string): Promise<void> {
  // Paths with a query string are not in WXT's PublicPath list of files.
  await browser.tabs.create({ url: browser.runtime.getURL(path as PublicPath) });
}
