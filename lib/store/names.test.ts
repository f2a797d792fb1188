import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Entity } from '../pack/types';
import { searchOptions } from '../search/index-options';
import { buildNamesIndex, loadNamesIndex } from '../search/records';
import { updateNamesIndex } from './names';

const word = fc.constantFrom('Ana', 'Ruiz', 'Tom', 'Berg', 'Lima', 'Quito', 'Maria', 'Lopez', 'Bank', 'Senate');
const entity = (id: string) =>
  fc.tuple(word, word, fc.array(word, { maxLength: 2 })).map(([a, b, extra]): Entity => {
    const name = `${a} ${b}`;
    return { id, name, type: 'person', aliases: [name, ...extra] };
  });

describe('updateNamesIndex', () => {
  // 60+ entities: one change and one removal stay under MAX_DIRT, so the update path (not a rebuild) is tested.
  it('property: finds what a fresh build finds after entities are added, changed and removed', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 60, max: 80 })
          .chain((n) =>
            fc.tuple(
              fc.tuple(...Array.from({ length: n }, (_, i) => entity(`e${i}`))),
              fc.array(entity('new'), { maxLength: 5 }),
              fc.nat(n - 1),
              fc.nat(n - 1),
            ),
          ),
        word,
        ([before, added, changedAt, removedAt], query) => {
          const next = before
            .map((e, i) => (i === changedAt ? { ...e, aliases: [...e.aliases, 'Zeta'] } : e))
            .filter((_, i) => i !== removedAt || removedAt === changedAt)
            .concat(added.map((e, i) => ({ ...e, id: `new${i}` })));
          const updated = loadNamesIndex(updateNamesIndex(buildNamesIndex(before), before, next));
          const fresh = loadNamesIndex(buildNamesIndex(next));
          for (const q of [query, 'Zeta', `${query} Be`]) {
            const ids = (ix: typeof fresh) =>
              ix
                .search(q, searchOptions)
                .map((r) => String(r.id))
                .sort();
            expect(ids(updated)).toEqual(ids(fresh));
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
