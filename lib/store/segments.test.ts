import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { emptyExtractionState } from '../corpus/increment';
import { CorpusQuery } from '../query/corpus-query';
import { makeTestPack } from '../query/test-pack';
import type { Entity } from '../pack/types';
import { CorpusStore, pickMergeRun } from './corpus-store';
import { openCorpusDatabase } from './db';
import { localLock } from './lock';
import { article } from './test-articles';

let n = 0;
async function openStore(options: Parameters<typeof CorpusStore.open>[0] = {}) {
  const name = `segments-test-${n++}`;
  const store = await CorpusStore.open({ name, lock: localLock(), ...options });
  return { store, name };
}

const entities = (): Entity[] => makeTestPack().entities;

/** Every chunk key in the database, as strings. */
async function chunkKeys(name: string): Promise<Set<string>> {
  const db = await openCorpusDatabase(name);
  const keys = await db.getAllKeys('chunks');
  db.close();
  return new Set(keys.map((k) => k.join('/')));
}

async function segmentIds(name: string): Promise<string[]> {
  const db = await openCorpusDatabase(name);
  const ids = await db.getAllKeys('segments');
  db.close();
  return ids;
}

/** Makes `put` on the chunks store fail with a quota error after `after` more puts. */
function quotaAfter(after: number): () => void {
  const proto = globalThis.IDBObjectStore.prototype;
  // eslint-disable-next-line @typescript-eslint/unbound-method -- restored as it was, called with its own `this`
  const put = proto.put;
  let left = after;
  proto.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
    if (this.name === 'chunks' && left-- <= 0) throw new DOMException('disk full', 'QuotaExceededError');
    return put.apply(this, args);
  };
  return () => {
    proto.put = put;
  };
}

describe('CorpusStore, segments (layout 3)', () => {
  it('appends one segment and a manifest, leaving the old segment as it was', async () => {
    const { store, name } = await openStore();
    const first = await store.commit(makeTestPack());
    const before = await chunkKeys(name);
    const [oldSegment] = await segmentIds(name);
    const second = await store.withWriteLock(() =>
      store.append(article('n1'), { entities: entities(), extraction: emptyExtractionState() }),
    );
    expect(second).not.toBe(first);
    const after = await chunkKeys(name);
    const added = [...after].filter((k) => !before.has(k));
    const removed = [...before].filter((k) => !after.has(k));
    // New: the segment's model, text index and one text, and the new manifest. Gone: the old manifest only.
    expect(added.filter((k) => k.startsWith('s-'))).toHaveLength(3);
    expect(added.filter((k) => k.startsWith(`${second}/`))).toEqual([`${second}/0`]);
    expect(removed).toEqual([`${first}/0`]);
    expect(await segmentIds(name)).toContain(oldSegment);
    const manifest = await store.readManifest();
    expect(manifest?.manifest.segments).toHaveLength(2);
    expect(manifest?.manifest.segments[0]).toBe(oldSegment);
    expect(manifest?.counts).toEqual({ documents: 3, passages: 5, entities: 3, mentions: 8, quotes: 3 });
  });

  it('answers from every segment: search, cards, texts by (segment, local), and the whole pack for writers', async () => {
    const { store } = await openStore();
    await store.commit(makeTestPack());
    await store.withWriteLock(() =>
      store.append(article('n1'), { entities: entities(), extraction: emptyExtractionState() }),
    );
    await store.withWriteLock(() =>
      store.append(article('n2', 'airport'), { entities: entities(), extraction: emptyExtractionState() }),
    );
    const opened = await store.openActive();
    const corpus = new CorpusQuery(opened!.parts);
    expect(opened!.parts.model.documents.map((d) => d.id)).toEqual(['d1', 'd2', 'n1', 'n2']);
    expect((await corpus.search('airport')).hits.map((h) => h.id)).toContain('q:n2:q0');
    expect((await corpus.search('ceasefire')).hits.map((h) => h.id)).toContain('q:d1:q0');
    const card = await corpus.card('tom-berg');
    expect(card.statements.map((q) => q.text)).toEqual(['the ceasefire would hold']);
    expect(card.quotes.map((q) => q.text).sort()).toEqual(['The airport reopens soon,', 'The harbour reopens soon,']);
    expect(await opened!.parts.texts([3, 0])).toEqual([
      article('n2', 'airport').documents[0]!.text,
      makeTestPack().documents[0]!.text,
    ]);
    const pack = (await store.readActive())!.pack;
    expect(pack.documents.map((d) => d.id)).toEqual(['d1', 'd2', 'n1', 'n2']);
    expect(pack.quotes.map((q) => q.id)).toEqual(['d1:q0', 'd2:q0', 'n1:q0', 'n2:q0']);
    expect(pack.entities).toEqual(entities());
    const file = await store.readActiveFile();
    expect(file?.documents).toHaveLength(4);
  });

  it('keeps the old generation when an append is aborted, and collects only what the append wrote', async () => {
    const { store, name } = await openStore();
    const old = await store.commit(makeTestPack());
    const keys = await chunkKeys(name);
    const abort = new AbortController();
    await expect(
      store.withWriteLock(() =>
        store.append(
          article('n1'),
          { entities: entities(), extraction: emptyExtractionState() },
          { signal: abort.signal, onProgress: () => abort.abort(new Error('cancelled')) },
        ),
      ),
    ).rejects.toThrow('cancelled');
    expect((await store.status()).generation).toBe(old);
    expect(await segmentIds(name)).toHaveLength(2);
    expect((await store.collectGarbage())?.length).toBe(1);
    expect(await chunkKeys(name)).toEqual(keys);
    expect(await segmentIds(name)).toHaveLength(1);
    expect((await store.readActive())?.pack).toEqual(JSON.parse(JSON.stringify(makeTestPack())));
  });

  it('keeps the old generation when the disk fills up mid-append, and frees what it wrote', async () => {
    const { store, name } = await openStore();
    const old = await store.commit(makeTestPack());
    const keys = await chunkKeys(name);
    const restore = quotaAfter(2);
    try {
      await expect(
        store.withWriteLock(() =>
          store.append(article('n1'), { entities: entities(), extraction: emptyExtractionState() }),
        ),
      ).rejects.toMatchObject({ name: 'QuotaExceededError' });
    } finally {
      restore();
    }
    expect((await store.status()).generation).toBe(old);
    await store.collectGarbage();
    expect(await chunkKeys(name)).toEqual(keys);
    const opened = await store.openActive();
    expect(opened?.parts.model.documents.map((d) => d.id)).toEqual(['d1', 'd2']);
  });

  it('keeps the old generation when the new segment fails its check', async () => {
    let fail = false;
    const { store } = await openStore({
      verify: () => {
        if (fail) throw new Error('text index does not load');
      },
    });
    const old = await store.commit(makeTestPack());
    fail = true;
    await expect(
      store.withWriteLock(() =>
        store.append(article('n1'), { entities: entities(), extraction: emptyExtractionState() }),
      ),
    ).rejects.toThrow('text index does not load');
    expect((await store.openActive())?.generation).toBe(old);
  });

  it('survives a crash between writing a segment and listing it: the orphan is collected, shared segments stay', async () => {
    const { store, name } = await openStore();
    await store.commit(makeTestPack());
    await store.withWriteLock(() =>
      store.append(article('n1'), { entities: entities(), extraction: emptyExtractionState() }),
    );
    const listed = (await store.readManifest())!.manifest.segments;
    const db = await openCorpusDatabase(name);
    // What a crash right after the first transaction of a write leaves: records in state `writing`.
    await db.put('segments', {
      id: 's-orphan',
      state: 'writing',
      createdAt: '',
      counts: { documents: 0, passages: 0, entities: 0, mentions: 0, quotes: 0 },
      chunkCount: 2,
      checksum: '',
      docIds: [],
      titles: [],
      textKeys: [],
    });
    await db.put('chunks', { generation: 's-orphan', seq: 0, part: 'model', items: 0, data: {} });
    await db.put('generations', {
      id: 'g-crashed',
      layout: 3,
      state: 'writing',
      createdAt: '',
      counts: { documents: 0, passages: 0, entities: 0, mentions: 0, quotes: 0 },
      chunkCount: 1,
      checksum: '',
      pack: { createdAt: '', generator: '' },
      segments: [...listed, 's-orphan'],
    });
    db.close();
    expect(await store.collectGarbage()).toEqual(['g-crashed']);
    expect((await segmentIds(name)).sort()).toEqual([...listed].sort());
    expect([...(await chunkKeys(name))].some((k) => k.startsWith('s-orphan'))).toBe(false);
    expect((await store.readActive())?.pack.documents).toHaveLength(3);
  });

  it('refuses a generation whose segment is missing, rather than answering with part of the corpus', async () => {
    const { store, name } = await openStore();
    await store.commit(makeTestPack());
    await store.withWriteLock(() =>
      store.append(article('n1'), { entities: entities(), extraction: emptyExtractionState() }),
    );
    const [, second] = (await store.readManifest())!.manifest.segments;
    const db = await openCorpusDatabase(name);
    await db.delete('segments', second!);
    db.close();
    await expect(store.openActive()).rejects.toThrow(`segment ${second} is missing`);
  });

  it('merges a run of small segments into one when idle, answering the same', async () => {
    const { store, name } = await openStore();
    await store.commit(makeTestPack());
    for (let i = 0; i < 11; i++)
      await store.withWriteLock(() =>
        store.append(article(`n${i}`, `word${i}`), { entities: entities(), extraction: emptyExtractionState() }),
      );
    expect((await store.readManifest())!.manifest.segments).toHaveLength(12);
    const before = (await store.readActive())!.pack;
    const search = async () => (await new CorpusQuery((await store.openActive())!.parts).search('word7')).hits;
    const hitsBefore = await search();
    const merged = await store.mergeWhenIdle();
    expect(merged).not.toBeNull();
    expect((await store.readManifest())!.manifest.segments).toHaveLength(1);
    expect(await segmentIds(name)).toHaveLength(1);
    expect((await store.readActive())!.pack).toEqual(before);
    expect(await search()).toEqual(hitsBefore);
    expect(await store.mergeWhenIdle()).toBeNull();
  });

  it('does not merge while a writer holds the lock', async () => {
    const { store } = await openStore();
    await store.commit(makeTestPack());
    let result: string | null | undefined;
    await store.withWriteLock(async () => {
      result = await store.mergeWhenIdle();
    });
    expect(result).toBeNull();
  });

  it('reads a layout-2 generation, and append refuses it until it is stored in segments', async () => {
    const { store, name } = await openStore();
    const { compactPack } = await import('../pack/model');
    const { buildSearchIndexes } = await import('../search/records');
    const { toChunks, checksum, countsOfModel } = await import('./chunks');
    const pack = makeTestPack();
    const model = compactPack(pack);
    const texts = pack.documents.map((d) => d.text);
    const chunks = toChunks(
      'g-two',
      model,
      buildSearchIndexes(model, (d) => texts[d]!),
      texts,
    );
    const db = await openCorpusDatabase(name);
    await db.put('generations', {
      id: 'g-two',
      layout: 2,
      state: 'complete',
      createdAt: pack.createdAt,
      counts: countsOfModel(model),
      chunkCount: chunks.length,
      checksum: checksum(texts),
      pack: { createdAt: pack.createdAt, generator: pack.generator },
    });
    for (const c of chunks) await db.put('chunks', c);
    await db.put('meta', { generation: 'g-two', activatedAt: pack.createdAt }, 'active');
    db.close();
    expect((await store.openActive())?.generation).toBe('g-two');
    expect(await store.readManifest()).toBeNull();
    await expect(
      store.withWriteLock(() =>
        store.append(article('n1'), { entities: entities(), extraction: emptyExtractionState() }),
      ),
    ).rejects.toThrow('not stored in segments');
    const segmented = await store.withWriteLock(() => store.ensureSegmented(() => Promise.reject(new Error('unused'))));
    expect(segmented.segments).toHaveLength(1);
    expect((await store.readActive())?.pack).toEqual(JSON.parse(JSON.stringify(pack)));
  });
});

describe('pickMergeRun', () => {
  it('merges the first run of ten neighbours of one size tier, and nothing less', () => {
    expect(pickMergeRun([5000, 1, 1, 1])).toBeNull();
    expect(pickMergeRun([5000, ...Array<number>(10).fill(1)])).toEqual({ from: 1, to: 11 });
    expect(pickMergeRun([5000, ...Array<number>(9).fill(3), 40, 1])).toBeNull();
    expect(pickMergeRun([...Array<number>(10).fill(20), 1])).toEqual({ from: 0, to: 10 });
  });
});

describe('CorpusStore, a loaded generation after its segments were merged away', () => {
  it('still reads texts (found again by document id) until the reader reloads', async () => {
    const { store } = await openStore();
    await store.commit(makeTestPack());
    for (let i = 0; i < 10; i++)
      await store.withWriteLock(() =>
        store.append(article(`n${i}`), { entities: entities(), extraction: emptyExtractionState() }),
      );
    const loaded = (await store.openActive())!;
    expect(await store.mergeWhenIdle()).not.toBeNull();
    expect(await loaded.parts.texts([11, 0])).toEqual([
      article('n9').documents[0]!.text,
      makeTestPack().documents[0]!.text,
    ]);
  });
});

describe('CorpusStore.write and the extraction state', () => {
  it("keeps the active generation's extraction state through a full write (an edit), unless told otherwise", async () => {
    const { store } = await openStore();
    await store.commit(makeTestPack());
    const learnt = { ...emptyExtractionState(), documents: 7 } as ReturnType<typeof emptyExtractionState>;
    await store.withWriteLock(() => store.append(article('n1'), { entities: entities(), extraction: learnt }));
    const pack = (await store.readActive())!.pack;
    await store.commit({ ...pack, documents: pack.documents.map((d) => ({ ...d, title: `${d.title}!` })) });
    expect((await store.readManifest())!.manifest.extraction).toEqual(learnt);
    await store.commit(pack, { extraction: emptyExtractionState() });
    expect((await store.readManifest())!.manifest.extraction).toEqual(emptyExtractionState());
  });
});

describe('CorpusStore, failures while writing manifest layers', () => {
  const grown = () => ({
    ...emptyExtractionState(),
    documents: 1,
    issued: ['new-person'],
  });
  const withNewEntity = (): Entity[] => [
    ...entities(),
    { id: 'new-person', name: 'New Person', type: 'person', aliases: [] },
  ];

  it('keeps the old generation when the disk fills up between layer records, and frees every layer written', async () => {
    const { store, name } = await openStore();
    const old = await store.commit(makeTestPack());
    const keys = await chunkKeys(name);
    // The segment of one article is 3 records; the 4th put is the table delta, the 5th (the state delta) fails.
    const restore = quotaAfter(4);
    try {
      await expect(
        store.withWriteLock(() => store.append(article('n1'), { entities: withNewEntity(), extraction: grown() })),
      ).rejects.toMatchObject({ name: 'QuotaExceededError' });
    } finally {
      restore();
    }
    expect([...(await chunkKeys(name))].some((k) => k.startsWith('l-') && !keys.has(k))).toBe(true);
    expect((await store.status()).generation).toBe(old);
    await store.collectGarbage();
    expect(await chunkKeys(name)).toEqual(keys);
    expect((await store.readManifest())!.manifest.entities).toEqual(entities());
  });

  it('collects a layer record nobody lists (a crash before its generation was written), never a listed one', async () => {
    const { store, name } = await openStore();
    await store.commit(makeTestPack());
    await store.withWriteLock(() => store.append(article('n1'), { entities: withNewEntity(), extraction: grown() }));
    const keys = await chunkKeys(name);
    const db = await openCorpusDatabase(name);
    await db.put('chunks', { generation: 'l-orphan', seq: 0, part: 'layer', items: 0, data: { kind: 'state' } });
    db.close();
    await store.collectGarbage();
    expect(await chunkKeys(name)).toEqual(keys);
    const read = (await store.readManifest())!;
    expect(read.manifest.entities).toEqual(withNewEntity());
    expect(read.manifest.extraction).toEqual(grown());
  });
});
