import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { toPackFile } from '../pack/file';
import { CorpusQuery } from '../query/corpus-query';
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

  it('answers texts asked for at the same time, even when one read pushes the other’s cached texts out', async () => {
    // Two reads in flight (a popup search and a card, typing fast): the second's texts filled the
    // cache while the first awaited its records, which evicted texts the first had found cached.
    const store = await openStore();
    const pack = makeTestPack();
    for (let i = 0; i < 150; i++)
      pack.documents.push({ id: `x${i}`, title: `Extra ${i}`, text: `Extra text number ${i}.` });
    await store.commit(pack);
    const texts = (await store.openActive())!.parts.texts;
    const textOf = (d: number) => pack.documents[d]!.text;
    const early = Array.from({ length: 10 }, (_, i) => i);
    expect(await texts(early)).toEqual(early.map(textOf)); // cached now
    const first = [...early, 100]; // 100 is read; 0–9 come from the cache
    const second = Array.from({ length: 80 }, (_, i) => 20 + i); // more than the cache holds
    const [a, b] = await Promise.all([texts(first), texts(second)]);
    expect(a).toEqual(first.map(textOf));
    expect(b).toEqual(second.map(textOf));
    const [c, d] = await Promise.all([texts(second), texts(first)]);
    expect(c).toEqual(second.map(textOf));
    expect(d).toEqual(first.map(textOf));
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

  it('gives the active corpus in its file form for export, as toPackFile would', async () => {
    const store = await openStore();
    expect(await store.readActiveFile()).toBeNull();
    const pack = makeTestPack();
    await store.commit(pack);
    expect(await store.readActiveFile()).toEqual(JSON.parse(JSON.stringify(toPackFile(pack))));
  });

  it('opens the active corpus for answering: model and indexes now, texts when asked', async () => {
    const store = await openStore();
    const pack = makeTestPack();
    const generation = await store.commit(pack);
    const opened = await store.openActive();
    expect(opened?.generation).toBe(generation);
    const corpus = new CorpusQuery(opened!.parts);
    const { hits } = await corpus.search('ceasefire');
    expect(hits.map((h) => h.id)).toContain('q:d1:q0');
    expect((await corpus.card('tom-berg')).statements.map((q) => q.text)).toEqual(['the ceasefire would hold']);
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
    const segment = (await db.get('generations', generation))!.segments![0]!;
    const text = await db.get('chunks', [segment, 2]);
    const damaged = new TextDecoder().decode(text!.data as Uint8Array).replace('Lima', 'Lama');
    await db.put('chunks', { ...text!, data: new TextEncoder().encode(damaged) });
    await expect(store.readActive()).rejects.toThrow('checksum mismatch');
    await db.delete('chunks', [segment, 0]);
    await expect(store.openActive()).rejects.toThrow('its model is missing');
  });

  it('reset brings back the empty store (the bundled pack)', async () => {
    const store = await openStore();
    await store.commit(makeTestPack());
    await store.reset();
    expect(await store.readActive()).toBeNull();
  });
});

describe('CorpusStore, a corpus stored in the first layout', () => {
  it('is read and rewritten in the current layout when the service worker opens it', async () => {
    const name = `store-test-${n++}`;
    const { openCorpusDatabase } = await import('./db');
    const { checksum } = await import('./chunks');
    const pack = makeTestPack();
    // Layout 1: every list as JSON slices, then the (no longer read) MiniSearch index.
    const lists = ['documents', 'passages', 'entities', 'mentions', 'quotes'] as const;
    const data = [...lists.map((l) => JSON.stringify(pack[l])), '{"documentCount":0}'];
    const parts = [...lists, 'index' as const];
    const db = await openCorpusDatabase(name);
    await db.put('generations', {
      id: 'g-old',
      state: 'complete',
      createdAt: pack.createdAt,
      counts: { documents: 2, passages: 3, entities: 3, mentions: 6, quotes: 2 },
      chunkCount: data.length,
      checksum: checksum(data),
      pack: { createdAt: pack.createdAt, generator: pack.generator },
    });
    for (const [seq, d] of data.entries())
      await db.put('chunks', { generation: 'g-old', seq, part: parts[seq]!, items: 1, data: d });
    await db.put('meta', { generation: 'g-old', activatedAt: pack.createdAt }, 'active');
    db.close();

    const store = await CorpusStore.open({ name, lock: localLock() });
    expect((await store.readActive())?.pack).toEqual(pack);
    expect(await store.readActiveFile()).toEqual(toPackFile(pack));
    const opened = await store.openActive();
    expect(opened?.generation).not.toBe('g-old');
    expect(opened?.parts.model.documents.map((d) => d.id)).toEqual(['d1', 'd2']);
    expect(await opened?.parts.texts([1])).toEqual([pack.documents[1]!.text]);
    expect((await store.readActive())?.pack).toEqual(pack);
  });
});
