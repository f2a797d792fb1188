/**
 * The editor bound to the corpus store: the log is read from the store and
 * changed in the transaction that activates the edited corpus. Used by the
 * service worker (lib/background/subscriptions.ts) and by tests on
 * fake-indexeddb.
 */
import type { Pack } from '../pack/types';
import type { CorpusStore } from '../store/corpus-store';
import type { EditorDeps } from './corpus-editor';

/** {@link EditorDeps} over `store`; `loadBundled` gives the corpus when the store holds none. */
export function storeEditorDeps(
  store: () => Promise<CorpusStore>,
  loadBundled: () => Promise<Pack>,
  changed: () => Promise<void>,
): EditorDeps {
  return {
    withWriteLock: async (fn) => (await store()).withWriteLock(fn),
    current: async () => (await (await store()).readActive())?.pack ?? (await loadBundled()),
    write: async (pack, log) => void (await (await store()).write(pack, { log })),
    amend: async (plan, log) => {
      const s = await store();
      if (!(await s.isSegmented())) return false;
      const written = await s.amend(async (base) => {
        const next = await plan(base, () => s.readSegmentModels(base.manifest.segments));
        return next && { ...next, log: typeof log === 'function' ? log(base) : log };
      });
      return written !== null;
    },
    loadLog: async () => (await store()).readEdits(),
    changed,
  };
}
