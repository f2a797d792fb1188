import fc from 'fast-check';
import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { makeTestPack } from '../query/test-pack';
import { indexOptions, searchOptions, type SearchRecord } from '../search/index-options';
import { applyEdits } from './apply-edits';
import { reindexPack } from './reindex';
import type { Edit } from './types';
import { buildSearchIndex } from '../search/records';

function ids(index: unknown, query: string): string[] {
  const search = MiniSearch.loadJS<SearchRecord>(index as Parameters<typeof MiniSearch.loadJS>[0], indexOptions);
  return search
    .search(query, searchOptions)
    .map((r) => String(r.id))
    .sort();
}

describe('reindexPack', () => {
  it('finds an entity by its new name after a rename, and no longer finds a deleted passage', () => {
    const pack = makeTestPack();
    const log: Edit[] = [
      { op: 'rename', entityId: 'tom-berg', name: 'Zebulon Berg' },
      { op: 'docDelete', docId: 'd2' },
    ];
    const out = reindexPack(pack, applyEdits(pack, log));
    expect(ids(out.index, 'zebulon')).toEqual(['e:tom-berg']);
    expect(ids(out.index, 'calm')).toEqual([]);
  });

  it('answers like an index rebuilt from scratch', () => {
    const words = ['ruiz', 'berg', 'lima', 'ceasefire', 'zed', 'calm'];
    const edit: fc.Arbitrary<Edit> = fc.oneof(
      fc.record({
        op: fc.constant('rename' as const),
        entityId: fc.constantFrom('ana-ruiz', 'tom-berg', 'lima'),
        name: fc.constantFrom('Zed', 'Calm Lima'),
      }),
      fc.record({
        op: fc.constant('merge' as const),
        from: fc.constantFrom('ana-ruiz', 'tom-berg', 'lima'),
        into: fc.constantFrom('ana-ruiz', 'tom-berg', 'lima'),
      }),
      fc.record({ op: fc.constant('docDelete' as const), docId: fc.constantFrom('d1', 'd2') }),
    );
    fc.assert(
      fc.property(fc.array(edit, { maxLength: 6 }), (log) => {
        const pack = makeTestPack();
        const edited = applyEdits(pack, log);
        const incremental = reindexPack(pack, edited).index;
        const rebuilt = buildSearchIndex(edited.documents, edited);
        for (const w of words) expect(ids(incremental, w)).toEqual(ids(rebuilt, w));
      }),
      { numRuns: 60 },
    );
  });
});
