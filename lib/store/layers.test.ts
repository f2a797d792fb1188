/**
 * Manifest layers (issue #14): an append writes the rows of the entity table and of the
 * extraction state that changed, readers fold base + deltas (the names index too), the
 * service worker never reads the extraction state, compaction folds deltas into a new
 * base, and a version-1 manifest (main's: one record with everything) is read and upgraded.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { emptyExtractionState, type ExtractionState } from '../corpus/increment';
import { CorpusQuery } from '../query/corpus-query';
import { makeTestPack } from '../query/test-pack';
import type { Entity } from '../pack/types';
import { CorpusStore, type AppendInput } from './corpus-store';
import { openCorpusDatabase } from './db';
import { isLayered, LAYER_RANGE } from './layers';
import { storedManifest } from './test-articles';
import { localLock } from './lock';

let n = 0;
async function openStore(options: Parameters<typeof CorpusStore.open>[0] = {}) {
  const name = `layers-test-${n++}`;
  return { store: await CorpusStore.open({ name, lock: localLock(), ...options }), name };
}

/** One article about `who` (a new entity `id`). */
function article(doc: string, who: Entity): AppendInput {
  const text = `${who.name} spoke in ${doc} today.`;
  return {
    documents: [{ id: doc, title: `In ${doc}`, text }],
    passages: [{ id: `${doc}#0`, docId: doc, start: 0, end: text.length }],
    mentions: [{ entityId: who.id, docId: doc, start: 0, end: who.name.length }],
    quotes: [],
    generator: 'test',
  };
}

const person = (i: number): Entity => ({
  id: `p-${i}`,
  name: `Person Number${i}`,
  type: 'person',
  aliases: [`Person Number${i}`],
});

/** A usable state that differs from `s` by a few counted words (what an increment does to the capitalisation counts). */
function grow(s: ExtractionState, word: string): ExtractionState {
  const words = [...s.capitalization.capWords, word].sort();
  const counts = Int32Array.from(
    words.map((w) => (w === word ? 1 : s.capitalization.capCounts[s.capitalization.capWords.indexOf(w)]!)),
  );
  return {
    ...s,
    documents: s.documents + 1,
    capitalization: { ...s.capitalization, capWords: words, capCounts: counts },
  };
}

/** Ids of the entities a search finds. */
async function entitiesFound(query: CorpusQuery, text: string): Promise<string[]> {
  return (await query.search(text)).hits.flatMap((h) => (h.kind === 'entity' ? [h.entity.id] : []));
}

/** The test pack with 60 more entities and a state of 60 words: big enough that one append is a delta, not a new base. */
function biggerPack() {
  const pack = makeTestPack();
  return { ...pack, entities: [...pack.entities, ...Array.from({ length: 60 }, (_, i) => person(100 + i))] };
}
function biggerState(): ExtractionState {
  let s = emptyExtractionState();
  for (let i = 0; i < 60; i++) s = grow(s, `Base${i}`);
  return s;
}

async function layerOwners(name: string): Promise<Set<string>> {
  const db = await openCorpusDatabase(name);
  const keys = await db.getAllKeys('chunks', IDBKeyRange.bound(...LAYER_RANGE));
  db.close();
  return new Set(keys.map(([owner]) => owner));
}

/** Records every chunk key read while installed. */
function recordReads(): { keys: string[]; stop: () => void } {
  const proto = globalThis.IDBObjectStore.prototype;
  // eslint-disable-next-line @typescript-eslint/unbound-method -- restored as it was
  const get = proto.get;
  const keys: string[] = [];
  proto.get = function (this: IDBObjectStore, query: IDBValidKey | IDBKeyRange) {
    if (this.name === 'chunks' && Array.isArray(query)) keys.push(typeof query[0] === 'string' ? query[0] : '');
    return get.call(this, query);
  };
  return { keys, stop: () => void (proto.get = get) };
}

describe('CorpusStore manifest layers', () => {
  it('an append writes a small manifest and deltas; readers fold them (entities, names index, state)', async () => {
    const { store, name } = await openStore();
    let state = biggerState();
    await store.commit(biggerPack(), { extraction: state });
    let table = biggerPack().entities;
    for (let i = 0; i < 3; i++) {
      // Each append adds an entity and renames the first one (a changed row).
      table = [{ ...table[0]!, name: `${['Quillon', 'Marbeck', 'Tessaly'][i]} Berg` }, ...table.slice(1), person(i)];
      state = grow(state, `Word${i}`);
      await store.withWriteLock(() =>
        store.append(article(`n${i}`, person(i)), { entities: table, extraction: state }),
      );
    }
    const m = await storedManifest(name);
    expect(isLayered(m)).toBe(true);
    expect(m).not.toHaveProperty('names');
    expect(m.table.deltas).toHaveLength(3);
    expect(m.state.deltas).toHaveLength(3);
    const read = (await store.readManifest())!;
    expect(read.manifest.entities).toEqual(table);
    expect(read.manifest.extraction).toEqual(state);
    const query = new CorpusQuery((await store.openActive())!.parts);
    expect(await entitiesFound(query, 'Number2')).toContain('p-2');
    expect(await entitiesFound(query, 'Tessaly')).toContain(table[0]!.id); // a renamed row: replaced in the names index
    expect(await entitiesFound(query, 'Quillon')).not.toContain(table[0]!.id);
    expect((await store.readActive())!.pack.entities).toEqual(table);
  });

  it('the service worker reads the table layers and never the extraction state', async () => {
    const { store, name } = await openStore();
    await store.commit(makeTestPack());
    await store.withWriteLock(() =>
      store.append(article('n1', person(1)), {
        entities: [...makeTestPack().entities, person(1)],
        extraction: grow(emptyExtractionState(), 'Harbour'),
      }),
    );
    const m = await storedManifest(name);
    const reads = recordReads();
    try {
      await store.openActive();
    } finally {
      reads.stop();
    }
    expect(reads.keys).toContain(m.table.base);
    for (const id of [m.state.base, ...m.state.deltas]) expect(reads.keys).not.toContain(id);
  });

  it('an edit (amend) reads the table layers and never the extraction state, and keeps its layers', async () => {
    const { store, name } = await openStore();
    await store.commit(makeTestPack());
    await store.withWriteLock(() =>
      store.append(article('n1', person(1)), {
        entities: [...makeTestPack().entities, person(1)],
        extraction: grow(emptyExtractionState(), 'Harbour'),
      }),
    );
    const before = await storedManifest(name);
    const reads = recordReads();
    try {
      await store.withWriteLock(() =>
        store.amend((base) => ({
          entities: base.manifest.entities.map((e) => (e.id === 'tom-berg' ? { ...e, name: 'Thomas Berg' } : e)),
        })),
      );
    } finally {
      reads.stop();
    }
    expect(reads.keys).toContain(before.table.base);
    for (const id of [before.state.base, ...before.state.deltas]) expect(reads.keys).not.toContain(id);
    expect((await storedManifest(name)).state).toEqual(before.state);
  });

  it('folds deltas into a new base once they pass their share, and collects the old layers', async () => {
    const { store, name } = await openStore();
    await store.commit(makeTestPack());
    let table = makeTestPack().entities;
    let state = emptyExtractionState();
    const bases = new Set<string>();
    for (let i = 0; i < 8; i++) {
      table = [...table, person(i)];
      state = grow(state, `Word${i}`);
      await store.withWriteLock(() =>
        store.append(article(`n${i}`, person(i)), { entities: table, extraction: state }),
      );
      const m = await storedManifest(name);
      bases.add(m.table.base);
      // What the store holds is exactly what the active manifest lists.
      expect(await layerOwners(name)).toEqual(
        new Set([m.table.base, ...m.table.deltas, m.state.base, ...m.state.deltas]),
      );
    }
    expect(bases.size).toBeGreaterThan(1); // a small table: its deltas pass 20 % of it quickly
    const read = (await store.readManifest())!;
    expect(read.manifest.entities).toEqual(table);
    expect(read.manifest.extraction).toEqual(state);
  });

  it('a full write makes a new table base and keeps the extraction state layers as they are (not read)', async () => {
    const { store, name } = await openStore();
    await store.commit(makeTestPack());
    const state = grow(emptyExtractionState(), 'Harbour');
    await store.withWriteLock(() =>
      store.append(article('n1', person(1)), { entities: [...makeTestPack().entities, person(1)], extraction: state }),
    );
    const before = await storedManifest(name);
    const pack = (await store.readActive())!.pack;
    await store.commit({ ...pack, entities: pack.entities.map((e) => ({ ...e, hidden: true })) });
    const after = await storedManifest(name);
    expect(after.state).toEqual(before.state);
    expect(after.table.base).not.toBe(before.table.base);
    expect(after.table.deltas).toEqual([]);
    expect((await store.readManifest())!.manifest.extraction).toEqual(state);
  });

  it('reads a version-1 manifest (main: one record with everything) and upgrades it on the next write', async () => {
    const { store: old, name } = await openStore({ manifestVersion: 1 });
    await old.commit(makeTestPack());
    const learnt = grow(emptyExtractionState(), 'Harbour');
    const table = [...makeTestPack().entities, person(1)];
    await old.withWriteLock(() => old.append(article('n1', person(1)), { entities: table, extraction: learnt }));
    old.close();
    const v1 = (await storedManifest(name)) as unknown as Record<string, unknown>;
    expect(v1).toHaveProperty('names');
    expect(v1).toHaveProperty('extraction');
    expect(await layerOwners(name)).toEqual(new Set());

    const store = await CorpusStore.open({ name, lock: localLock() });
    const opened = (await store.openActive())!;
    expect(await entitiesFound(new CorpusQuery(opened.parts), 'Number1')).toContain('p-1');
    const read = (await store.readManifest())!;
    expect(read.manifest.entities).toEqual(table);
    expect(read.manifest.extraction).toEqual(learnt);

    const next = grow(learnt, 'Quay');
    await store.withWriteLock(() =>
      store.append(article('n2', person(2)), { entities: [...table, person(2)], extraction: next, against: read }),
    );
    const m = await storedManifest(name);
    expect(isLayered(m)).toBe(true);
    expect(await layerOwners(name)).toEqual(new Set([m.table.base, m.state.base]));
    const upgraded = (await store.readManifest())!;
    expect(upgraded.manifest.entities).toEqual([...table, person(2)]);
    expect(upgraded.manifest.extraction).toEqual(next);
    expect((await store.readActive())!.pack.documents.map((d) => d.id)).toEqual(['d1', 'd2', 'n1', 'n2']);
    const query = new CorpusQuery((await store.openActive())!.parts);
    expect(await entitiesFound(query, 'Number2')).toContain('p-2');
  });
});
