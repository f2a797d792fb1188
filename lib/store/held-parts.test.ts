// The import worker's held segment records (./held-parts.ts): an import reads only the records of segments
// written since its last read, and what it gets is what a fresh read gets.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { emptyExtractionState } from '../corpus/increment';
import { makeTestPack } from '../query/test-pack';
import { CorpusStore } from './corpus-store';
import { HeldParts } from './held-parts';
import { localLock } from './lock';
import { article } from './test-articles';

/** Keys of the `segments` records read while `fn` runs. */
async function segmentReads(fn: () => Promise<unknown>): Promise<string[]> {
  const proto = globalThis.IDBObjectStore.prototype;
  // eslint-disable-next-line @typescript-eslint/unbound-method -- restored as it was
  const get = proto.get;
  const keys: string[] = [];
  proto.get = function (this: IDBObjectStore, query: IDBValidKey | IDBKeyRange) {
    if (this.name === 'segments') keys.push(typeof query === 'string' ? query : JSON.stringify(query));
    return get.call(this, query);
  };
  try {
    await fn();
  } finally {
    proto.get = get;
  }
  return keys;
}

describe('HeldParts: segment records', () => {
  it('a later read reads only the records of segments written since, and equals a fresh read', async () => {
    const name = 'held-segment-records';
    const lock = localLock();
    const held = new HeldParts();
    const worker = await CorpusStore.open({ name, lock, held });
    const other = await CorpusStore.open({ name, lock }); // another tab's import
    const append = (store: CorpusStore, id: string) =>
      store.withWriteLock(() =>
        store.append(article(id), { entities: makeTestPack().entities, extraction: emptyExtractionState() }),
      );
    await worker.commit(makeTestPack());
    await append(worker, 'n1');
    held.forget(); // as a new worker: nothing held
    const first = await segmentReads(() => worker.readManifest());
    expect(first).toHaveLength(2);
    expect(await segmentReads(() => worker.readManifest())).toEqual([]);
    await append(other, 'n2');
    let read: Awaited<ReturnType<CorpusStore['readManifest']>> = null;
    const later = await segmentReads(async () => (read = await worker.readManifest()));
    expect(later).toEqual([read!.manifest.segments.at(-1)]);
    const fresh = await CorpusStore.open({ name, lock });
    expect(read!.segments).toEqual((await fresh.readManifest())!.segments);
    // After a failed import nothing is trusted: everything is read again.
    held.forget();
    expect(await segmentReads(() => worker.readManifest())).toHaveLength(3);
    for (const s of [worker, other, fresh]) s.close();
  });
});
