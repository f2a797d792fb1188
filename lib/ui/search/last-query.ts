/** Remembers the popup's last query in the extension's localStorage (never sent anywhere). */
const KEY = 'dossier:lastQuery';

/** A {@link SearchModelOptions.memory} backed by `storage` (window.localStorage in the popup). */
export function lastQueryMemory(storage: Pick<Storage, 'getItem' | 'setItem'>) {
  return {
    load: () => storage.getItem(KEY) ?? '',
    save: (query: string) => storage.setItem(KEY, query.slice(0, 1000)),
  };
}
