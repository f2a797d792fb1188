/**
 * Sends {@link TabProtocol} messages to the content script of the active tab
 * (popup). The one module that talks to tabs.
 */
import { browser } from 'wxt/browser';
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
