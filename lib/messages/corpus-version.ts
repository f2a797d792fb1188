/**
 * "The corpus changed": the background writes a new version under one
 * storage key after every swap, and every open tab's content script, watching
 * that key, reloads its names without a page reload. Storage events reach
 * every extension context, and need no `tabs` permission.
 */
import { browser } from 'wxt/browser';

/** Storage key of the active corpus's version. */
export const CORPUS_VERSION_KEY = 'dossier:corpusVersion';

/**
 * Tells every extension context that the corpus is now `version` (the
 * background, after every load). Writes only a changed version: a write wakes
 * every tab.
 */
export async function announceCorpusVersion(version: string): Promise<void> {
  const stored = await browser.storage.local.get(CORPUS_VERSION_KEY);
  if (stored[CORPUS_VERSION_KEY] !== version) await browser.storage.local.set({ [CORPUS_VERSION_KEY]: version });
}

/** Calls `listener` when the corpus changes; returns an unsubscribe function. */
export function watchCorpusVersion(listener: (version: string) => void): () => void {
  const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    const value = changes[CORPUS_VERSION_KEY]?.newValue;
    if (area === 'local' && typeof value === 'string') listener(value);
  };
  browser.storage.onChanged.addListener(onChanged);
  return () => browser.storage.onChanged.removeListener(onChanged);
}
