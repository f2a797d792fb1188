// The service worker's reload after an append reads and folds only what the append added to the entity
// table (./table-cache.ts): not the table's base record, not its names index record, and the names index
// is carried over (no MiniSearch load), yet it finds what a fresh build of the same table finds.
import 'fake-indexeddb/auto';
import MiniSearch from 'minisearch';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { emptyExtractionState } from '../corpus/increment';
import type { Entity } from '../pack/types';
import { CorpusQuery } from '../query/corpus-query';
import { makeTestPack } from '../query/test-pack';
import { searchOptions } from '../search/index-options';
import { buildNamesIndex, loadNamesIndex } from '../search/records';
import { CorpusStore } from './corpus-store';
import { localLock } from './lock';
import { foldNames } from './table-cache';
import { article } from './test-articles';

let n = 0;
afterEach(() => vi.restoreAllMocks());

/** Layer records (`l-…` keys) read through IDBObjectStore.get, as [layer, seq]. */
function layerReads(): [string, number][] {
  const reads: [string, number][] = [];
  const proto = globalThis.IDBObjectStore.prototype;
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called with its own `this` below
  const real = proto.get;
  vi.spyOn(proto, 'get').mockImplementation(function (this: IDBObjectStore, key: IDBValidKey | IDBKeyRange) {
    if (Array.isArray(key) && typeof key[0] === 'string' && key[0].startsWith('l-'))
      reads.push([key[0], key[1] as number]);
    return real.call(this, key);
  });
  return reads;
}

/** The test pack's table with one alias more for Tom Berg and a new entity: what an increment writes. */
function grown(entities: readonly Entity[], k: number): Entity[] {
  return [
    ...entities.map((e) => (e.id === 'tom-berg' ? { ...e, aliases: [...e.aliases, `Berg ${k}`] } : e)),
    { id: `new-${k}`, name: `Quill Person${k}`, type: 'person', aliases: [`Quill Person${k}`] },
  ];
}

describe('the table cache of openActive', () => {
  it('after an append reads only the new table delta and carries the names index over', async () => {
    const name = `table-cache-${n++}`;
    const writer = await CorpusStore.open({ name, lock: localLock() });
    // Enough entities that an append's few changed rows stay a delta (past a share of the base: a new base).
    const pack = makeTestPack();
    pack.entities.push(
      ...Array.from({ length: 200 }, (_, i): Entity => ({
        id: `filler-${i}`,
        name: `Filler ${i}`,
        type: 'organization',
        aliases: [],
      })),
    );
    await writer.commit(pack);
    let entities = pack.entities;
    const append = async (k: number) => {
      entities = grown(entities, k);
      await writer.withWriteLock(() =>
        writer.append(article(`n${k}`, `word${k}`), { entities, extraction: emptyExtractionState() }),
      );
    };
    await append(1); // a table with a delta: the base alone would be read the same way by either build
    const worker = await CorpusStore.open({ name, lock: localLock() });
    const first = new CorpusQuery((await worker.openActive())!.parts);
    expect((await first.search('quill')).hits.map((h) => (h.kind === 'entity' ? h.entity.id : null))).toContain(
      'new-1',
    );

    await append(2);
    const reads = layerReads();
    const load = vi.spyOn(MiniSearch, 'loadJSON');
    const second = new CorpusQuery((await worker.openActive())!.parts);
    const found = await second.search('quill person2');
    expect(found.hits.map((h) => (h.kind === 'entity' ? h.entity.id : null))).toContain('new-2');
    // Only the new delta's record was read ([id, 0]); no base (…, 0 of the base), no names index (…, 1).
    expect(reads).toHaveLength(1);
    expect(reads.filter(([, seq]) => seq === 1)).toEqual([]);
    expect(load).not.toHaveBeenCalled();
    // The first corpus still answers from its own table: the new entity is not in its names.
    expect(
      (await first.search('quill person2')).hits.map((h) => (h.kind === 'entity' ? h.entity.id : null)),
    ).not.toContain('new-2');
    writer.close();
    worker.close();
  });

  it('property-like: a table folded delta by delta finds what a fresh build of it finds', () => {
    const base = makeTestPack().entities;
    let table = base;
    const deltas = [];
    for (let k = 0; k < 6; k++) {
      const next = k === 3 ? table.slice(0, -1) : grown(table, k); // k = 3: the last row cut off
      const at = next.flatMap((e, i) => (table[i] === e ? [] : [i]));
      deltas.push({ length: next.length, at: Int32Array.from(at), values: at.map((i) => next[i]!) });
      table = next;
    }
    const { index, table: folded } = foldNames({
      base: 'b',
      deltas: deltas.map((_, i) => `d${i}`),
      baseEntities: base,
      json: buildNamesIndex(base),
      deltaData: deltas,
    });
    expect(folded).toEqual(table);
    const fresh = loadNamesIndex(buildNamesIndex(table));
    for (const q of ['berg', 'quill', 'person4', 'ruiz', 'berg 2', 'lima', 'person3'])
      expect(index.search(q, searchOptions)).toEqual(fresh.search(q, searchOptions));
    expect(index.documentCount).toBe(table.length);
    expect(index.dirtCount).toBe(0);
  });
});
