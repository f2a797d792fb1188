/**
 * The edit log lives in the corpus store (IndexedDB, one record per edit,
 * changed in the transaction that activates the corpus it is applied in; see
 * lib/store/corpus-store.ts). Versions before that kept it in
 * `browser.storage.local` under `dossier:edits`: this module moves such a log
 * into the store once.
 */
import { browser } from 'wxt/browser';
import type { CorpusStore } from '../store/corpus-store';
import { readEditLog } from './types';

/** Storage key of the log kept by earlier versions. */
export const LEGACY_EDIT_LOG_KEY = 'dossier:edits';

/**
 * Moves a log left in `browser.storage.local` by an earlier version into the
 * store (entries it already has are skipped), then removes the old key.
 * @returns how many entries were found.
 */
export async function migrateLegacyEditLog(store: CorpusStore): Promise<number> {
  const stored = await browser.storage.local.get(LEGACY_EDIT_LOG_KEY);
  if (!(LEGACY_EDIT_LOG_KEY in stored)) return 0;
  const entries = readEditLog(stored[LEGACY_EDIT_LOG_KEY]);
  await store.appendEdits(entries);
  await browser.storage.local.remove(LEGACY_EDIT_LOG_KEY);
  return entries.length;
}
