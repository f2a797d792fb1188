/**
 * Sends {@link TabProtocol} messages to the content script of the active tab
 * (popup). The one module that talks to tabs.
 */
import { browser, type PublicPath } from 'wxt/browser';
import {
  parseFrameReport,
  type EntityOnPageView,
  type TabMessage,
  type TabMessageName,
  type TabProtocol,
} from './protocol';

/**
 * Sends a message to one frame (default: the top frame) of the active tab.
 * @returns the reply, or null when the tab has no Dossier content script
 *   (browser pages, extension stores, pages opened before Dossier was installed).
 */
export async function sendToActiveTab<N extends TabMessageName>(
  name: N,
  payload: TabProtocol[N]['payload'],
  frameId = 0,
): Promise<TabProtocol[N]['reply'] | null> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  if (tab?.id === undefined) return null;
  const message: TabMessage<N> = { dossierTab: 1, name, payload };
  try {
    const reply: TabProtocol[N]['reply'] | undefined = await browser.tabs.sendMessage(tab.id, message, { frameId });
    return reply ?? null;
  } catch {
    return null;
  }
}

/**
 * Asks every child frame of the active tab for its marks: `onReport` is called
 * once per frame that has some, as the reports arrive.
 * @returns a function that stops listening.
 */
export async function collectFrameReports(
  onReport: (frameId: number, entities: EntityOnPageView[]) => void,
): Promise<() => void> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  if (tab?.id === undefined) return () => undefined;
  const requestId = Math.random().toString(36).slice(2);
  const listener = (message: unknown, sender: { tab?: { id?: number }; frameId?: number }): undefined => {
    if (sender.tab?.id !== tab.id || !sender.frameId) return;
    const entities = parseFrameReport(message, requestId);
    if (entities?.length) onReport(sender.frameId, entities);
  };
  browser.runtime.onMessage.addListener(listener);
  const message: TabMessage<'page.report'> = { dossierTab: 1, name: 'page.report', payload: { requestId } };
  // Every frame gets it (no frameId); the replies travel as runtime messages.
  browser.tabs.sendMessage(tab.id, message).catch(() => undefined);
  return () => browser.runtime.onMessage.removeListener(listener);
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
