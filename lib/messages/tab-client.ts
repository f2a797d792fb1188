/**
 * Sends {@link TabProtocol} messages to the content script of the active tab
 * (popup). The one module that talks to tabs.
 */
import { browser } from 'wxt/browser';
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
