// A service-worker start does not load the names index until a search needs it: a page's names and an
// entity card answer without it (at 10,000 briefings it is the largest CPU cost of a start).
import 'fake-indexeddb/auto';
import MiniSearch from 'minisearch';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { emptyExtractionState } from '../corpus/increment';
import { CorpusQuery } from '../query/corpus-query';
import { makeTestPack } from '../query/test-pack';
import { CorpusStore } from './corpus-store';
import { localLock } from './lock';
import { article } from './test-articles';

let n = 0;
afterEach(() => vi.restoreAllMocks());

async function started(name: string): Promise<CorpusQuery> {
  const store = await CorpusStore.open({ name, lock: localLock() });
  return new CorpusQuery((await store.openActive())!.parts);
}

describe('names index at a start', () => {
  it.each([
    ['a table base', false],
    ['a table with deltas (folded)', true],
  ])('is loaded by the first search, not by opening, names or a card (%s)', async (_, append) => {
    const name = `lazy-names-${n++}`;
    const store = await CorpusStore.open({ name, lock: localLock() });
    await store.commit(makeTestPack());
    if (append)
      await store.withWriteLock(() =>
        store.append(article('n1'), { entities: makeTestPack().entities, extraction: emptyExtractionState() }),
      );
    const load = vi.spyOn(MiniSearch, 'loadJSON');
    const query = await started(name);
    query.warm();
    expect(query.names().names.length).toBeGreaterThan(0);
    const card = await query.card('tom-berg', { text: 'Tom Berg spoke about the harbour in Lima.' });
    expect(card.entity.id).toBe('tom-berg');
    expect(load).not.toHaveBeenCalled();
    const found = await query.search('berg');
    expect(found.hits.length).toBeGreaterThan(0);
    expect(load).toHaveBeenCalledTimes(1);
    await query.search('lima');
    query.warmNames();
    expect(load).toHaveBeenCalledTimes(1);
  });
});
