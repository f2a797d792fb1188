/**
 * Tells open tabs that the corpus changed: the one writer of the
 * `dossier:corpusVersion` key in `browser.storage.local`, which content
 * scripts watch to refresh their names.
 */
import { browser } from 'wxt/browser';

/** Storage key holding the active corpus version (generation id, or `bundled`). */
export const CORPUS_VERSION_KEY = 'dossier:corpusVersion';

/** Writes `version` unless it is already there (a write would wake every tab for nothing). */
export async function publishCorpusVersion(version: string): Promise<void> {
  const stored = await browser.storage.local.get(CORPUS_VERSION_KEY);
  if (stored[CORPUS_VERSION_KEY] !== version) await browser.storage.local.set({ [CORPUS_VERSION_KEY]: version });
}

/** Usage and quota of the extension's origin, and whether its storage is persistent. */
export async function storageEstimate(): Promise<{ usage: number; quota: number; persisted: boolean } | undefined> {
  if (!navigator.storage?.estimate) return undefined;
  const { usage = 0, quota = 0 } = await navigator.storage.estimate();
  const persisted = (await navigator.storage.persisted?.()) ?? false;
  return { usage, quota, persisted };
}
