import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { CorpusQuery, partsOfPack, type CorpusParts } from '../query/corpus-query';
import { makeTestPack } from '../query/test-pack';
import type { StoreStatus } from '../store/types';
import { CorpusHolder } from './corpus-holder';

const emptyStatus: StoreStatus = { generation: null, counts: null, createdAt: null, lastImport: null };

type Active = { generation: string; parts: CorpusParts } | null;

function holder(active: () => Promise<Active>, versions: string[] = []) {
  const full = makeTestPack();
  const first = (x: { docId: string }) => x.docId === 'd1';
  const bundled = {
    ...full,
    documents: full.documents.slice(0, 1),
    passages: full.passages.filter(first),
    mentions: full.mentions.filter(first),
    quotes: full.quotes.filter(first),
  };
  return new CorpusHolder({
    openActive: active,
    storeStatus: () => Promise.resolve(emptyStatus),
    loadBundled: () => Promise.resolve(partsOfPack(bundled)),
    loaded: (v) => (versions.push(v), Promise.resolve()),
  });
}

describe('CorpusHolder', () => {
  it('answers from the bundled pack while the store is empty, then from the new generation after reload', async () => {
    let active: Active = null;
    const versions: string[] = [];
    const h = holder(() => Promise.resolve(active), versions);
    expect((await h.corpus()).model.documents).toHaveLength(1);
    active = { generation: 'g-1', parts: partsOfPack(makeTestPack()) };
    expect((await h.corpus()).model.documents).toHaveLength(1); // cached until told
    expect(await h.reload()).toMatchObject({ source: 'store', generation: 'g-1', counts: { documents: 2 } });
    expect((await h.corpus()).model.documents).toHaveLength(2);
    expect(versions).toEqual(['bundled', 'g-1']);
  });

  it('says how long its last load took, per phase, the warm-up once it has run', async () => {
    const h = holder(() => Promise.resolve({ generation: 'g-1', parts: partsOfPack(makeTestPack()) }));
    const status = await h.reload();
    expect(Object.keys(status.loadPhases!)).toEqual(['open', 'query', 'announce']);
    await new Promise((r) => setTimeout(r, 10));
    expect(Object.keys((await h.status()).loadPhases!)).toEqual(['open', 'query', 'announce', 'warm']);
  });

  it('falls back to the bundled pack, and says why, when the store cannot be read', async () => {
    const h = holder(() => Promise.reject(new Error('Dossier store: generation g-1: checksum mismatch')));
    expect(await h.status()).toMatchObject({
      source: 'bundled',
      loadError: 'Dossier store: generation g-1: checksum mismatch',
    });
  });
});

describe('CorpusHolder over the segmented store', () => {
  it('answers from the old generation until reload, then from the appended one', async () => {
    const { CorpusStore } = await import('../store/corpus-store');
    const { localLock } = await import('../store/lock');
    const { emptyExtractionState } = await import('../corpus/increment');
    const store = await CorpusStore.open({ name: 'holder-segments', lock: localLock() });
    await store.commit(makeTestPack());
    const h = new CorpusHolder({
      openActive: () => store.openActive(),
      storeStatus: () => store.status(),
      loadBundled: () => Promise.reject(new Error('unused')),
    });
    expect((await h.corpus()).model.documents).toHaveLength(2);
    const text = 'Tom Berg reached the harbour at dawn.';
    await store.withWriteLock(() =>
      store.append(
        {
          documents: [{ id: 'n1', title: 'Dawn', text }],
          passages: [{ id: 'n1#0', docId: 'n1', start: 0, end: text.length }],
          mentions: [{ entityId: 'tom-berg', docId: 'n1', start: 0, end: 8 }],
          quotes: [],
          generator: 'test',
        },
        { entities: makeTestPack().entities, extraction: emptyExtractionState() },
      ),
    );
    const old = await h.corpus();
    expect(old.model.documents).toHaveLength(2);
    expect((await old.search('ceasefire')).hits.length).toBeGreaterThan(0); // the old one still answers
    const status = await h.reload();
    expect(status).toMatchObject({ source: 'store', counts: { documents: 3 } });
    expect((await (await h.corpus()).search('harbour')).hits.map((x) => x.id)).toContain('p:n1#0');
  });
});

describe('CorpusHolder after a merge deleted segments it had not read the postings of', () => {
  it('answers a question that needs such a block from the merged corpus, instead of failing until a reload', async () => {
    const { CorpusStore } = await import('../store/corpus-store');
    const { localLock } = await import('../store/lock');
    const { emptyExtractionState } = await import('../corpus/increment');
    const { postingSplit } = await import('../store/posting-blocks');
    const { article } = await import('../store/test-articles');
    const { route } = await import('./router');
    const normal = { ...postingSplit };
    Object.assign(postingSplit, { size: 4, above: -1 }); // every text index split into blocks of four postings
    try {
      const store = await CorpusStore.open({ name: 'holder-merged-away', lock: localLock() });
      await store.commit(makeTestPack());
      for (let i = 0; i < 10; i++)
        await store.withWriteLock(() =>
          store.append(article(`m${i}`, i % 2 ? 'harbour' : 'market'), {
            entities: makeTestPack().entities,
            extraction: emptyExtractionState(),
          }),
        );
      const loads: string[] = [];
      const h = new CorpusHolder({
        openActive: async () => {
          const active = await store.openActive();
          loads.push(active!.generation);
          return active;
        },
        storeStatus: () => store.status(),
        loadBundled: () => Promise.reject(new Error('unused')),
      });
      const before = await h.corpus(); // loaded; no question yet, so no posting block read
      expect(await store.mergeWhenIdle()).not.toBeNull(); // the import worker's merge: the 10 appends are one now
      const context = { caller: { kind: 'extension-page' as const }, getCorpus: h.corpus, freshCorpus: h.fresh };
      const ask = (query: string) => route({ dossier: 1, name: 'search', payload: { query } }, context);
      const reply = await ask('market');
      // A fresh store instance on the merged generation: what the answer must be.
      const fresh = await CorpusStore.open({ name: 'holder-merged-away', lock: localLock() });
      const expected = await new CorpusQuery((await fresh.openActive())!.parts).search('market');
      expect(reply).toEqual({ ok: true, value: expected });
      expect(expected.hits.length).toBeGreaterThan(0);
      expect(loads).toHaveLength(2); // reloaded once, for the failed question
      expect(await h.corpus()).not.toBe(before);
      // Without a way to ask again, the old corpus's failure is reported, naming the merged-away segment.
      const stale = await route(
        { dossier: 1, name: 'search', payload: { query: 'harbour' } },
        { caller: { kind: 'extension-page' }, getCorpus: () => Promise.resolve(before) },
      );
      expect(stale.ok).toBe(false);
      expect(!stale.ok && stale.error.message).toContain('was replaced');
    } finally {
      Object.assign(postingSplit, normal);
    }
  });

  it('asks again only for a segment gone, not for other failures', async () => {
    const h = holder(() => Promise.resolve({ generation: 'g-1', parts: partsOfPack(makeTestPack()) }));
    const corpus = await h.corpus();
    expect(await h.fresh(corpus, new Error('Dossier store: segment s-1: posting block 3 of 9 is missing'))).toBe(
      undefined,
    );
  });
});
