/**
 * The one module that reads and writes the edit log in `browser.storage.local`.
 * The log is small (a few hundred bytes an edit) and is kept apart from the
 * corpus generations so that every import can apply it again.
 */
import { browser } from 'wxt/browser';
import { readEditLog, type LoggedEdit } from './types';

/** Storage key of the edit log. */
export const EDIT_LOG_KEY = 'dossier:edits';

/** The stored log, entries this version cannot read left out. */
export async function loadEditLog(): Promise<LoggedEdit[]> {
  const stored = await browser.storage.local.get(EDIT_LOG_KEY);
  return readEditLog(stored[EDIT_LOG_KEY]);
}

/** Replaces the stored log. */
export async function saveEditLog(log: readonly LoggedEdit[]): Promise<void> {
  await browser.storage.local.set({ [EDIT_LOG_KEY]: log });
}
