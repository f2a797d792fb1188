import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { makeTestPack } from '../query/test-pack';
import { CorpusStore } from './corpus-store';
import { localLock } from './lock';

let n = 0;
const openStore = (options: Parameters<typeof CorpusStore.open>[0] = {}) =>
  CorpusStore.open({ name: `store-test-${n++}`, lock: localLock(), ...options });

function packWithTitle(title: string) {
  const pack = makeTestPack();
  pack.documents[0]!.title = title;
  return pack;
}

describe('CorpusStore', () => {
  it('is empty until something is committed', async () => {
    const store = await openStore();
    expect(await store.readActive()).toBeNull();
    expect(await store.status()).toEqual({ generation: null, counts: null, createdAt: null, lastImport: null });
  });

  it('reads back exactly the pack it committed', async () => {
    const store = await openStore();
    const pack = makeTestPack();
    const generation = await store.commit(pack);
    const active = await store.readActive();
    expect(active?.generation).toBe(generation);
    expect(active?.pack).toEqual(JSON.parse(JSON.stringify(pack)));
    expect((await store.status()).counts).toEqual({ documents: 2, passages: 3, entities: 3, mentions: 6, quotes: 2 });
  });

  it('swaps to the new generation and deletes the old one', async () => {
    const store = await openStore();
    const first = await store.commit(packWithTitle('one'));
    const second = await store.commit(packWithTitle('two'));
    expect(second).not.toBe(first);
    expect((await store.readActive())?.pack.documents[0]!.title).toBe('two');
    expect(await store.collectGarbage()).toEqual([]);
  });

  it('keeps the old generation active when verification fails mid-import', async () => {
    let fail = false;
    const store = await openStore({
      verify: () => {
        if (fail) throw new Error('index does not load');
      },
    });
    const old = await store.commit(packWithTitle('old'));
    fail = true;
    await expect(store.commit(packWithTitle('new'))).rejects.toThrow('index does not load');
    const active = await store.readActive();
    expect(active?.generation).toBe(old);
    expect(active?.pack.documents[0]!.title).toBe('old');
  });

  it('keeps the old generation active when the write is aborted, and collects the half-written one', async () => {
    const store = await openStore();
    const old = await store.commit(packWithTitle('old'));
    const abort = new AbortController();
    let written = '';
    await expect(
      store.commit(packWithTitle('new'), {
        signal: abort.signal,
        onGeneration: (g) => (written = g),
        onProgress: () => abort.abort(new Error('cancelled')),
      }),
    ).rejects.toThrow('cancelled');
    expect((await store.readActive())?.generation).toBe(old);
    expect(await store.collectGarbage()).toEqual([written]);
    expect((await store.readActive())?.pack.documents[0]!.title).toBe('old');
  });

  it('does not collect while a writer holds the lock', async () => {
    const lock = localLock();
    const store = await openStore({ lock });
    let result: string[] | null | undefined;
    await store.withWriteLock(async () => {
      result = await store.collectGarbage();
    });
    expect(result).toBeNull();
  });

  it('marks an import that was started and never finished as interrupted', async () => {
    const store = await openStore();
    await store.setLastImport({ state: 'started', startedAt: '2026-01-01T00:00:00.000Z', offered: 5 });
    await store.collectGarbage();
    expect(await store.lastImport()).toMatchObject({ state: 'interrupted', offered: 5 });
  });

  it('refuses a generation whose chunks were damaged', async () => {
    const name = `store-test-${n++}`;
    const store = await CorpusStore.open({ name, lock: localLock() });
    const generation = await store.commit(makeTestPack());
    const { openCorpusDatabase } = await import('./db');
    const db = await openCorpusDatabase(name);
    const chunk = await db.get('chunks', [generation, 0]);
    await db.put('chunks', { ...chunk!, data: chunk!.data.replace('Lima', 'Lama') });
    await expect(store.readActive()).rejects.toThrow('checksum mismatch');
  });

  it('reset brings back the empty store (the bundled pack)', async () => {
    const store = await openStore();
    await store.commit(makeTestPack());
    await store.reset();
    expect(await store.readActive()).toBeNull();
  });
});
