import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { CorpusHolder } from '../background/corpus-holder';
import { emptyExtractionState } from '../corpus/increment';
import { CorpusQuery, partsOfPack, type CorpusParts } from '../query/corpus-query';
import { makeTestPack } from '../query/test-pack';
import { CorpusStore } from './corpus-store';
import { localLock } from './lock';
import { article } from './test-articles';

let n = 0;
async function openStore() {
  const name = `segment-cache-test-${n++}`;
  return { store: await CorpusStore.open({ name, lock: localLock() }), name };
}

const append = (store: CorpusStore, id: string, word: string) =>
  store.withWriteLock(() =>
    store.append(article(id, word), { entities: makeTestPack().entities, extraction: emptyExtractionState() }),
  );

/** Segment ids whose records (segment record, model, text index, texts) were read through `get`, in order. */
const reads: string[] = [];
const proto = globalThis.IDBObjectStore.prototype;
// eslint-disable-next-line @typescript-eslint/unbound-method -- restored as it was, called with its own `this`
const realGet = proto.get;
let failOn: string | null = null;
proto.get = function (this: IDBObjectStore, key: IDBValidKey | IDBKeyRange) {
  const id = Array.isArray(key) ? key[0] : key;
  if (typeof id === 'string' && id.startsWith('s-')) {
    reads.push(id);
    if (id === failOn) throw new DOMException('read failed', 'UnknownError');
  }
  return realGet.call(this, key);
};
afterEach(() => {
  reads.length = 0;
  failOn = null;
});

/** What an uncached reader (a fresh store on the same database: the worker after a restart) answers. */
async function uncached(name: string): Promise<CorpusParts> {
  const fresh = await CorpusStore.open({ name, lock: localLock() });
  return (await fresh.openActive())!.parts;
}

async function sameAnswers(a: CorpusParts, b: CorpusParts, words: string[]): Promise<void> {
  expect(a.model).toEqual(b.model);
  const [qa, qb] = [new CorpusQuery(a), new CorpusQuery(b)];
  for (const w of words) expect(await qa.search(w)).toEqual(await qb.search(w));
}

describe('CorpusStore.openActive with the segment cache', () => {
  it('reads only the new segment after an append, and answers as an uncached read does', async () => {
    const { store, name } = await openStore();
    await store.commit(makeTestPack());
    await store.openActive();
    const first = new Set(reads);
    expect(first.size).toBe(1);
    reads.length = 0;

    await append(store, 'n1', 'harbour');
    const segments = (await store.readManifest())!.manifest.segments;
    reads.length = 0;
    const opened = (await store.openActive())!;
    // The new segment's record, model and text index: three gets, all of the new segment.
    expect(reads).toEqual([segments[1], segments[1], segments[1]]);
    await sameAnswers(opened.parts, await uncached(name), ['harbour', 'ceasefire', 'berg']);
    expect(await opened.parts.texts([2])).toEqual([article('n1', 'harbour').documents[0]!.text]);

    reads.length = 0;
    await store.openActive();
    expect(reads).toEqual([]); // nothing new: nothing read
  });

  it('after a merge reads only the merged segment; the merged-away ones drop out of the cache', async () => {
    const { store, name } = await openStore();
    await store.commit(makeTestPack());
    const words = [
      'harbour',
      'quarry',
      'orchard',
      'lighthouse',
      'granary',
      'foundry',
      'vineyard',
      'mill',
      'dock',
      'forge',
    ];
    for (const [i, word] of words.entries()) {
      await append(store, `n${i}`, word);
      await store.openActive(); // the worker reloads after every add
    }
    const before = (await store.readManifest())!.manifest.segments;
    expect(before).toHaveLength(11);
    expect(await store.mergeWhenIdle()).not.toBeNull();
    const after = (await store.readManifest())!.manifest.segments;
    const merged = after.filter((id) => !before.includes(id));
    expect(merged).toHaveLength(1);
    reads.length = 0;
    const opened = (await store.openActive())!;
    expect(new Set(reads)).toEqual(new Set(merged));
    await sameAnswers(opened.parts, await uncached(name), [...words, 'berg', 'ceasefire']);
    // The merged-away segments are no longer held: the cache is exactly the new manifest's segments.
    const cache = (store as unknown as { segmentCache: { size: number } }).segmentCache;
    expect(cache.size).toBe(after.length);
  });

  it('a failed read leaves the cache as it was: the next load reads only what it had not read', async () => {
    const { store, name } = await openStore();
    await store.commit(makeTestPack());
    await store.openActive();
    await append(store, 'n1', 'harbour');
    const [, added] = (await store.readManifest())!.manifest.segments;
    failOn = added!;
    await expect(store.openActive()).rejects.toThrow();
    failOn = null;
    reads.length = 0;
    const opened = (await store.openActive())!;
    expect(new Set(reads)).toEqual(new Set([added]));
    await sameAnswers(opened.parts, await uncached(name), ['harbour', 'berg']);
  });
});

describe('CorpusHolder.reload when the new corpus cannot be read', () => {
  it('keeps answering from the corpus it had (not the bundled pack), and loads the new one on the next reload', async () => {
    const { store } = await openStore();
    await store.commit(makeTestPack());
    const full = makeTestPack();
    const bundled = { ...full, documents: full.documents.slice(0, 1), passages: [], mentions: [], quotes: [] };
    const holder = new CorpusHolder({
      openActive: () => store.openActive(),
      storeStatus: () => store.status(),
      loadBundled: () => Promise.resolve(partsOfPack(bundled)),
    });
    expect((await holder.corpus()).model.documents).toHaveLength(2);
    await append(store, 'n1', 'harbour');
    failOn = (await store.readManifest())!.manifest.segments[1]!;
    await expect(holder.reload()).rejects.toThrow('read failed');
    expect((await holder.corpus()).model.documents).toHaveLength(2);
    expect((await holder.status()).source).toBe('store');
    failOn = null;
    await holder.reload();
    expect((await (await holder.corpus()).search('harbour')).hits.length).toBeGreaterThan(0);
  });
});
