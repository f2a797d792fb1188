// The store with split text indexes (./posting-blocks.ts): what it writes, that it answers exactly as with
// whole indexes, that indexes written whole (every build before this form) still read, and, below, every
// scenario of the segment and edit tests again with each index split into blocks of four postings.
import 'fake-indexeddb/auto';
import { afterAll, describe, expect, it } from 'vitest';
import { emptyExtractionState } from '../corpus/increment';
import { CorpusQuery } from '../query/corpus-query';
import { makeTestPack } from '../query/test-pack';
import { CorpusStore } from './corpus-store';
import { openCorpusDatabase } from './db';
import { localLock } from './lock';
import { postingSplit } from './posting-blocks';
import { article } from './test-articles';
import type { ChunkRecord } from './types';

const normal = { ...postingSplit };
afterAll(() => Object.assign(postingSplit, normal));
const split = () => Object.assign(postingSplit, { size: 4, above: -1 });
const whole = () => Object.assign(postingSplit, normal);
/** What the imported suites below run with: the test pack's index split in blocks of 4, one-article appends whole. */
const IMPORTED = { size: 4, above: 20 };

let n = 0;
async function openStore() {
  const name = `posting-blocks-store-${n++}`;
  return { store: await CorpusStore.open({ name, lock: localLock() }), name };
}

async function chunks(name: string): Promise<ChunkRecord[]> {
  const db = await openCorpusDatabase(name);
  const all = await db.getAll('chunks');
  db.close();
  return all;
}

/** What a reader answers: searches and cards (with a context), from a fresh store instance (a worker start). */
async function answers(name: string) {
  const store = await CorpusStore.open({ name, lock: localLock() });
  const active = await store.openActive();
  const query = new CorpusQuery(active!.parts);
  const out: unknown[] = [];
  for (const q of ['harbour', 'harb', 'habour reopens', 'berg', 'president', 'the', 'zzz'])
    out.push(await query.search(q, 30));
  for (const e of query.model.entities.slice(0, 4))
    out.push(await query.card(e.id, { text: 'The harbour reopens soon, the president said in Lima.', title: 'Port' }));
  return { out, parts: active!.parts };
}

describe('split text indexes in the store', () => {
  afterAll(() => Object.assign(postingSplit, IMPORTED)); // the imported suites run next
  it('writes the postings of a large index as blocks after the texts, and answers as the whole index does', async () => {
    whole();
    const a = await openStore();
    await a.store.commit(makeTestPack());
    await a.store.withWriteLock(() =>
      a.store.append(article('n1'), { entities: makeTestPack().entities, extraction: emptyExtractionState() }),
    );
    split();
    const b = await openStore();
    await b.store.commit(makeTestPack());
    await b.store.withWriteLock(() =>
      b.store.append(article('n1'), { entities: makeTestPack().entities, extraction: emptyExtractionState() }),
    );
    const stored = await chunks(b.name);
    const heads = stored.filter((c) => c.part === 'indexes');
    expect(heads.length).toBe(2);
    for (const h of heads) {
      const text = (h.data as { text: Record<string, unknown> }).text;
      expect(text.records).toBeUndefined();
      expect(text.blocks).toBeDefined();
    }
    expect(stored.filter((c) => c.part === 'postings').length).toBeGreaterThan(2);
    const [wa, wb] = [await answers(a.name), await answers(b.name)];
    expect(wb.parts.textReady).toBeDefined();
    expect(wa.parts.textReady).toBeUndefined();
    expect(wb.out).toEqual(wa.out);
    // Writers read the whole index back (export, reuse of an unchanged text index, merges).
    const [fa, fb] = [await a.store.readActiveFile(), await b.store.readActiveFile()];
    expect({ ...fb, createdAt: '' }).toEqual({ ...fa, createdAt: '' });
  });

  it('splits the test pack’s index, and not a one-article append, with the setting the suites below run with', async () => {
    Object.assign(postingSplit, IMPORTED);
    const a = await openStore();
    await a.store.commit(makeTestPack());
    await a.store.withWriteLock(() =>
      a.store.append(article('n1'), { entities: makeTestPack().entities, extraction: emptyExtractionState() }),
    );
    const split = (await chunks(a.name))
      .filter((c) => c.part === 'indexes')
      .map((c) => 'blocks' in (c.data as { text: object }).text);
    expect(split.sort()).toEqual([false, true]);
  });

  it('reads segments written whole (older builds) next to split ones, and merges them', async () => {
    whole();
    const a = await openStore();
    await a.store.commit(makeTestPack());
    split();
    for (let i = 0; i < 10; i++)
      await a.store.withWriteLock(() =>
        a.store.append(article(`m${i}`, i % 2 ? 'harbour' : 'market'), {
          entities: makeTestPack().entities,
          extraction: emptyExtractionState(),
        }),
      );
    const kinds = (await chunks(a.name))
      .filter((c) => c.part === 'indexes')
      .map((c) => 'blocks' in (c.data as { text: object }).text);
    expect(kinds.filter((k) => !k).length).toBe(1); // the first segment, whole
    expect(kinds.filter((k) => k).length).toBe(10);
    // The same corpus, every index whole: what the answers must be.
    whole();
    const ref = await openStore();
    await ref.store.commit(makeTestPack());
    for (let i = 0; i < 10; i++)
      await ref.store.withWriteLock(() =>
        ref.store.append(article(`m${i}`, i % 2 ? 'harbour' : 'market'), {
          entities: makeTestPack().entities,
          extraction: emptyExtractionState(),
        }),
      );
    const expected = (await answers(ref.name)).out;
    expect((await answers(a.name)).out).toEqual(expected);
    split();
    expect(await a.store.mergeWhenIdle()).not.toBeNull();
    expect((await answers(a.name)).out).toEqual(expected);
  });
});

// Every segment and edit scenario again, the test pack's index split into blocks of four postings (a
// one-article append stays whole: those tests count the records an append writes).
Object.assign(postingSplit, IMPORTED);
await import('./segments.test');
await import('./amend.test');
await import('./corpus-store.test');
