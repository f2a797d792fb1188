// CorpusStore.amend: a new manifest over the same segments, activated with the
// log change in one transaction; a failure, abort or crash leaves the old
// generation (and the old log) as they were.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { LoggedEdit } from '../edits/types';
import { makeTestPack } from '../query/test-pack';
import { CorpusStore } from './corpus-store';
import { openCorpusDatabase } from './db';
import { localLock } from './lock';

let n = 0;
async function openStore() {
  const name = `amend-store-${n++}`;
  const store = await CorpusStore.open({ name, lock: localLock() });
  await store.commit(makeTestPack());
  return { store, name };
}

const rename: LoggedEdit = { op: 'rename', entityId: 'tom-berg', name: 'Thomas Berg', id: 'x-1', at: '2026-01-01' };

/** The test pack's table with Tom Berg renamed. */
const renamed = () =>
  makeTestPack().entities.map((e) =>
    e.id === 'tom-berg' ? { ...e, name: 'Thomas Berg', aliases: ['Thomas Berg', ...e.aliases] } : e,
  );

async function chunkKeys(name: string): Promise<Set<string>> {
  const db = await openCorpusDatabase(name);
  const keys = await db.getAllKeys('chunks');
  db.close();
  return new Set(keys.map((k) => k.join('/')));
}

describe('CorpusStore.amend', () => {
  it('writes a manifest over the same segments, with the log change and the new counts', async () => {
    const { store, name } = await openStore();
    const before = await store.readManifest();
    const keys = await chunkKeys(name);
    const generation = await store.withWriteLock(() =>
      store.amend(() => ({ entities: renamed() }), { log: { append: [rename] } }),
    );
    const after = await store.readManifest();
    expect(after?.generation).toBe(generation);
    expect(after?.manifest.segments).toEqual(before?.manifest.segments);
    expect(after?.segments).toEqual(before?.segments);
    expect(after?.manifest.extraction).toEqual(before?.manifest.extraction);
    // Only the new manifest and the entity table's layer were added (a delta, or a base past its
    // share: lib/store/layers.ts); no segment record, and the extraction state's layers are kept.
    const added = [...(await chunkKeys(name))].filter((k) => !keys.has(k));
    expect(added).toContain(`${generation}/0`);
    expect(added.filter((k) => k !== `${generation}/0`).every((k) => k.startsWith('l-'))).toBe(true);
    const stateOf = (m: typeof before) => (m?.stored as { state?: unknown } | undefined)?.state;
    expect(stateOf(after)).toEqual(stateOf(before));
    expect((await store.readEdits()).map((e) => e.id)).toEqual(['x-1']);
    expect((await store.status()).counts).toEqual(before?.counts);
    const pack = (await store.readActive())!.pack;
    expect(pack.entities.find((e) => e.id === 'tom-berg')?.name).toBe('Thomas Berg');
    expect(pack.mentions).toEqual(makeTestPack().mentions);
  });

  it('reads a merged-away id as its target (redirects), for mentions and quote speakers', async () => {
    const { store } = await openStore();
    const pack = makeTestPack();
    const tom = pack.entities.find((e) => e.id === 'tom-berg')!;
    const entities = pack.entities
      .filter((e) => e.id !== 'ana-ruiz')
      .map((e) => (e === tom ? { ...tom, aliases: [...tom.aliases, 'Ana Ruiz', 'Ruiz'] } : e));
    await store.withWriteLock(() => store.amend(() => ({ entities, redirects: { 'ana-ruiz': 'tom-berg' } })));
    const read = (await store.readActive())!.pack;
    expect(read.mentions.map((m) => m.entityId)).not.toContain('ana-ruiz');
    expect(read.mentions).toHaveLength(pack.mentions.length);
    expect(read.quotes.map((q) => q.speakerId)).toEqual(pack.quotes.map((q) => (q.speakerId ? 'tom-berg' : null)));
    await expect(
      store.withWriteLock(() => store.amend(() => ({ entities, redirects: { 'tom-berg': 'lima' } }))),
    ).rejects.toThrow(/tom-berg is in the entity table/);
  });

  it('writes nothing when the change says null', async () => {
    const { store } = await openStore();
    const old = (await store.status()).generation;
    expect(await store.withWriteLock(() => store.amend(() => null))).toBeNull();
    expect((await store.status()).generation).toBe(old);
  });

  it('keeps the old generation and the old log when aborted, and collects the half-written one', async () => {
    const { store, name } = await openStore();
    const old = (await store.status()).generation;
    const keys = await chunkKeys(name);
    const abort = new AbortController();
    await expect(
      store.withWriteLock(() =>
        store.amend(() => ({ entities: renamed() }), {
          log: { append: [rename] },
          signal: abort.signal,
          onProgress: () => abort.abort(new Error('cancelled')),
        }),
      ),
    ).rejects.toThrow('cancelled');
    expect((await store.status()).generation).toBe(old);
    expect(await store.readEdits()).toEqual([]);
    expect((await store.collectGarbage())?.length).toBe(1);
    expect(await chunkKeys(name)).toEqual(keys);
    expect((await store.readActive())!.pack.entities).toEqual(makeTestPack().entities);
  });

  it('keeps the old generation when the disk is full, or the worker stops before the swap', async () => {
    const { store, name } = await openStore();
    const old = (await store.status()).generation;
    const proto = globalThis.IDBObjectStore.prototype;
    // eslint-disable-next-line @typescript-eslint/unbound-method -- restored as it was, called with its own `this`
    const put = proto.put;
    proto.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if (this.name === 'chunks') throw new DOMException('disk full', 'QuotaExceededError');
      return put.apply(this, args);
    };
    try {
      await expect(
        store.withWriteLock(() => store.amend(() => ({ entities: renamed() }), { log: { append: [rename] } })),
      ).rejects.toMatchObject({ name: 'QuotaExceededError' });
    } finally {
      proto.put = put;
    }
    expect((await store.status()).generation).toBe(old);
    expect(await store.readEdits()).toEqual([]);
    // The worker stops while the manifest is being written: the amend never returns.
    void store.withWriteLock(() =>
      store.amend(() => new Promise<never>(() => undefined), { log: { append: [rename] } }),
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    const restarted = await CorpusStore.open({ name, lock: localLock() });
    expect((await restarted.status()).generation).toBe(old);
    expect(await restarted.readEdits()).toEqual([]);
    expect((await restarted.readActive())!.pack.entities).toEqual(makeTestPack().entities);
  });

  it('refuses a corpus not stored in segments', async () => {
    const store = await CorpusStore.open({ name: `amend-store-${n++}`, lock: localLock() });
    expect(await store.isSegmented()).toBe(false);
    await expect(store.withWriteLock(() => store.amend(() => ({ entities: [] })))).rejects.toThrow(
      /not stored in segments/,
    );
  });
});
