import fc from 'fast-check';
import { describe, expect, it, onTestFinished } from 'vitest';
import { buildSegment, extendJoin, joinSegments } from '../pack/segment';
import { CorpusData, GrownGroups, growLimit, newestFirst } from './corpus-data';

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

describe('CorpusData after an append (tables grown from the last corpus)', () => {
  const ENTITIES = ['ana', 'ben', 'cid', 'dee'].map((id) => ({
    id,
    name: `${id} Name`,
    type: 'person' as const,
    aliases: [] as string[],
  }));
  const doc = fc.record({
    date: fc.option(fc.constantFrom('2024-01-01', '2024-01-02', '2023-12-31', '2024-02-01'), { nil: undefined }),
    mentions: fc.array(fc.nat(3), { maxLength: 5 }),
    speakers: fc.array(fc.option(fc.nat(3), { nil: null }), { maxLength: 3 }),
  });

  /** A segment of documents `from…` (one per spec): two passages, the mentions, then the quotes, in order. */
  function segmentOf(specs: { date?: string; mentions: number[]; speakers: (number | null)[] }[], from: number) {
    const ids = specs.map((_, i) => `d${from + i}`);
    return buildSegment({
      id: `s-${from}`,
      createdAt: '2024-03-01T00:00:00.000Z',
      generator: 'test',
      documents: specs.map((s, i) => ({ id: ids[i]!, title: ids[i]!, text: 'w '.repeat(60), date: s.date })),
      passages: ids.flatMap((id) => [
        { id: `${id}#0`, docId: id, start: 0, end: 50 },
        { id: `${id}#1`, docId: id, start: 52, end: 120 },
      ]),
      mentions: specs.flatMap((s, i) =>
        s.mentions.map((e, j) => ({ entityId: ENTITIES[e]!.id, docId: ids[i]!, start: 2 * j, end: 2 * j + 1 })),
      ),
      quotes: specs.flatMap((s, i) =>
        s.speakers.map((e, j) => ({
          id: `${ids[i]}:q${j}`,
          docId: ids[i]!,
          text: 'w w',
          speakerId: e === null ? null : ENTITIES[e]!.id,
          kind: 'direct' as const,
          start: 60 + 6 * j,
          end: 63 + 6 * j,
        })),
      ),
    });
  }

  /** Everything CorpusData answers from its tables. */
  function tables(data: CorpusData) {
    const { model } = data;
    const keys = model.entities.map((_, k) => k);
    return {
      starts: [data.passageStart, data.mentionStart, data.quoteStart].map((a) => [...a]),
      recency: [...data.recency],
      mentions: keys.map((k) => [...data.mentionsByEntity.of(k)]),
      quotes: keys.map((k) => [...data.quotesOf(k)]),
      passageIds: Array.from(model.passages.doc, (_, row) => data.passageId(row)),
      quoteIds: Array.from(model.quotes.doc, (_, row) => data.quoteId(row)),
    };
  }

  it('property: equal to tables built afresh over the same model, after every append', () => {
    const normal = growLimit.share;
    growLimit.share = Infinity; // grow however small the corpus
    onTestFinished(() => void (growLimit.share = normal));
    fc.assert(
      fc.property(
        fc.array(fc.array(doc, { minLength: 1, maxLength: 3 }), { minLength: 2, maxLength: 6 }),
        fc.integer({ min: 1, max: 4 }),
        (batches, firstEntities) => {
          let from = 0;
          const first = segmentOf(batches[0]!, from);
          from += batches[0]!.length;
          // The table grows: later batches may add the entities the first did not have.
          const used = batches[0]!.flatMap((d) => [...d.mentions, ...d.speakers.map((e) => e ?? 0)]);
          let joined = joinSegments(ENTITIES.slice(0, Math.max(firstEntities, ...used.map((e) => e + 1))), [first]);
          let data = new CorpusData(joined.model, joined.entityIndex, joined.docIndex);
          for (const batch of batches.slice(1)) {
            const next = extendJoin(joined, ENTITIES, [segmentOf(batch, from)]);
            from += batch.length;
            expect(next).not.toBeNull();
            joined = next!;
            const grown = new CorpusData(joined.model, joined.entityIndex, joined.docIndex);
            expect(grown.mentionsByEntity).toBeInstanceOf(GrownGroups);
            // A model object of its own is built afresh (nothing to grow from).
            const fresh = new CorpusData({ ...joined.model });
            expect(tables(grown)).toEqual(tables(fresh));
            expect(tables(data)).toEqual(tables(new CorpusData({ ...data.model }))); // the older one unchanged
            data = grown;
          }
        },
      ),
      { numRuns: 60 },
    );
  }, 60_000);
});
