import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newestFirst } from './corpus-data';

/** The order CorpusData used before: a comparison sort by (document rank, start), stable. */
function bySort(q: { doc: Uint32Array; start: Uint32Array }, recency: Uint32Array): Uint32Array {
  return Uint32Array.from(q.doc.keys()).sort(
    (a, b) => recency[q.doc[a]!]! - recency[q.doc[b]!]! || q.start[a]! - q.start[b]!,
  );
}

/** A permutation of 0..n-1 from random keys. */
const ranks = (n: number) =>
  fc.array(fc.double({ noNaN: true }), { minLength: n, maxLength: n }).map((keys) => {
    const order = keys.map((_, i) => i).sort((a, b) => keys[a]! - keys[b]! || a - b);
    const rank = new Uint32Array(n);
    order.forEach((d, i) => (rank[d] = i));
    return rank;
  });

describe('newestFirst', () => {
  it('orders quotes as the comparison sort does, for models in document-then-start order (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }).chain((docs) =>
          fc.tuple(
            ranks(docs),
            fc.array(fc.tuple(fc.integer({ min: 0, max: docs - 1 }), fc.integer({ min: 0, max: 20 })), {
              maxLength: 60,
            }),
          ),
        ),
        ([recency, rows]) => {
          rows.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
          const q = { doc: Uint32Array.from(rows, (r) => r[0]), start: Uint32Array.from(rows, (r) => r[1]) };
          expect(newestFirst(q, recency)).toEqual(bySort(q, recency));
        },
      ),
    );
  });

  it('falls back to the comparison sort when a document’s quotes are not in start order', () => {
    const q = { doc: Uint32Array.of(0, 0, 1, 1), start: Uint32Array.of(9, 2, 1, 5) };
    const recency = Uint32Array.of(1, 0);
    expect(newestFirst(q, recency)).toEqual(bySort(q, recency));
    expect([...newestFirst(q, recency)]).toEqual([2, 3, 1, 0]);
  });
});
