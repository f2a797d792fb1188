/**
 * The one module that reads and writes settings in `browser.storage.local`.
 * UI and content scripts go through it (or a hook on it), never to storage.
 */
import { browser } from 'wxt/browser';
import { normalizeSettings, type Settings } from './settings';

/** Storage key of the settings object. */
export const SETTINGS_KEY = 'dossier:settings';

/** The current settings, defaults filled in. */
export async function loadSettings(): Promise<Settings> {
  const stored = await browser.storage.local.get(SETTINGS_KEY);
  return normalizeSettings(stored[SETTINGS_KEY]);
}

/** Changes some settings; the others keep their values. Returns the result. */
export async function updateSettings(change: Partial<Settings>): Promise<Settings> {
  const next = normalizeSettings({ ...(await loadSettings()), ...change });
  await browser.storage.local.set({ [SETTINGS_KEY]: next });
  return next;
}

/** Calls `listener` with the new settings whenever they change; returns an unsubscribe function. */
export function watchSettings(listener: (settings: Settings) => void): () => void {
  const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'local' && SETTINGS_KEY in changes) listener(normalizeSettings(changes[SETTINGS_KEY]?.newValue));
  };
  browser.storage.onChanged.addListener(onChanged);
  return () => browser.storage.onChanged.removeListener(onChanged);
}
