import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CorpusQuery } from '../query/corpus-query';
import { makeTestPack, packOf, type DocSpec } from '../query/test-pack';
import { buildNamesIndex } from '../search/records';
import type { TextSearchOptions } from '../search/text-index';
import { compactPack, type CorpusModel } from './model';
import {
  buildSegment,
  extendJoin,
  joinSegments,
  mergeSegments,
  segmentFromJoined,
  type JoinedCorpus,
  type LoadedSegment,
} from './segment';
import type { Pack } from './types';

/** The segments of `pack`, one per group of document ids (in the groups' order). */
function segmentsOf(pack: Pack, groups: string[][]): { segments: LoadedSegment[]; texts: string[][] } {
  const built = groups.map((ids, i) => {
    const docs = new Set(ids);
    return buildSegment({
      id: `s-${i}`,
      createdAt: `2024-01-0${(i % 9) + 1}T00:00:00.000Z`,
      generator: 'test',
      documents: pack.documents.filter((d) => docs.has(d.id)),
      passages: pack.passages.filter((p) => docs.has(p.docId)),
      mentions: pack.mentions.filter((m) => docs.has(m.docId)),
      quotes: pack.quotes.filter((q) => docs.has(q.docId)),
    });
  });
  return { segments: built.map(({ model, indexes }) => ({ model, indexes })), texts: built.map((b) => b.texts) };
}

/** A pack's documents in the given order (so that one full model numbers them as the segments do). */
function reordered(pack: Pack, ids: string[]): Pack {
  const byId = new Map(pack.documents.map((d) => [d.id, d]));
  return { ...pack, documents: ids.map((id) => byId.get(id)!) };
}

function withoutDocuments(pack: Pack, deleted: ReadonlySet<string>): Pack {
  const keep = <T extends { docId: string }>(rows: T[]) => rows.filter((r) => !deleted.has(r.docId));
  return {
    ...pack,
    documents: pack.documents.filter((d) => !deleted.has(d.id)),
    passages: keep(pack.passages),
    mentions: keep(pack.mentions),
    quotes: keep(pack.quotes),
  };
}

function columns(model: CorpusModel) {
  return {
    documents: model.documents,
    entities: model.entities,
    passages: model.passages,
    mentions: model.mentions,
    quotes: model.quotes,
  };
}

function queryOf(joined: JoinedCorpus, texts: string[][], pack: Pack): CorpusQuery {
  return new CorpusQuery({
    model: joined.model,
    indexes: { names: buildNamesIndex(pack.entities), text: joined.text },
    texts: (docs) =>
      Promise.resolve(
        docs.map((d) => {
          const { segment, local } = joined.locate(d);
          return texts[segment]![local]!;
        }),
      ),
  });
}

const typing: TextSearchOptions = { prefix: 'last', fuzzy: true, combineWith: 'OR', limit: 50 };

describe('buildSegment', () => {
  it('numbers documents and entities locally and indexes its quotes, then its passages', () => {
    const pack = makeTestPack();
    const { segments, texts } = segmentsOf(pack, [['d2']]);
    const { model, indexes } = segments[0]!;
    expect(model.documents.map((d) => d.id)).toEqual(['d2']);
    expect(model.entityIds).toEqual(['lima', 'tom-berg']);
    expect([...model.mentions.entity]).toEqual([1, 0]);
    expect([...model.quotes.speaker]).toEqual([1]);
    expect(indexes.text.lengths.length).toBe(2); // one quote, one passage
    expect(texts[0]).toEqual([pack.documents[1]!.text]);
  });

  it('refuses a document twice or a row of a document it does not hold, naming the segment', () => {
    const pack = makeTestPack();
    const input = { id: 's-x', createdAt: '', generator: 't', passages: [], mentions: [], quotes: [] };
    expect(() => buildSegment({ ...input, documents: [pack.documents[0]!, pack.documents[0]!] })).toThrow(
      /s-x: document "d1" appears twice/,
    );
    expect(() => buildSegment({ ...input, documents: [pack.documents[0]!], passages: pack.passages })).toThrow(
      /s-x: .*no document "d2"/,
    );
  });
});

describe('joinSegments', () => {
  it('gives the model of the whole pack, and the same answers', async () => {
    const pack = makeTestPack();
    const { segments, texts } = segmentsOf(pack, [['d1'], ['d2']]);
    const joined = joinSegments(pack.entities, segments, { createdAt: pack.createdAt, generator: pack.generator });
    expect(joined.model).toEqual(compactPack(pack));
    expect(joined.locate(1)).toEqual({ segment: 1, local: 0 });
    expect(() => joined.locate(2)).toThrow(RangeError);
    const ours = queryOf(joined, texts, pack);
    const whole = CorpusQuery.fromPack(pack);
    for (const q of ['ceasefire', 'lima', 'ber', 'ceasfire hold'])
      expect(await ours.search(q)).toEqual(await whole.search(q));
    expect(await ours.card('tom-berg', { text: 'ceasefire hold' })).toEqual(
      await whole.card('tom-berg', { text: 'ceasefire hold' }),
    );
    expect(await ours.document('d2')).toEqual(await whole.document('d2'));
  });

  it('joins a lone segment numbered as the table without copying its columns, and with the same model', () => {
    const pack = makeTestPack();
    const model = compactPack(pack);
    const { entities, ...columns } = model;
    const built = buildSegment({ ...pack, id: 's-0' });
    const segment = { ...columns, id: 's-0', entityIds: entities.map((e) => e.id) };
    const joined = joinSegments(pack.entities, [{ model: segment, indexes: built.indexes }], {
      createdAt: pack.createdAt,
      generator: pack.generator,
    });
    expect(joined.model).toEqual(model);
    expect(joined.model.mentions).toBe(segment.mentions); // not copied
    expect(joined.placements[0]?.entityNumbers).toEqual(Int32Array.from(entities.keys()));
    // A table in another order: the columns are renumbered (copied), as before.
    const reversed = joinSegments([...pack.entities].reverse(), [{ model: segment, indexes: built.indexes }]);
    expect(reversed.model.mentions).not.toBe(segment.mentions);
    expect(reversed.model.mentions.entity).toEqual(
      Uint32Array.from(model.mentions.entity, (e) => pack.entities.length - 1 - e),
    );
  });

  it('extendJoin: the last join plus appended segments is the join of all; null where it would differ', async () => {
    const pack = packOf([
      {
        id: 'a',
        date: '2024-01-02',
        paragraphs: ['Alex Stone met the mayor.'],
        quotes: [{ text: 'We sign today', kind: 'direct' }],
      },
      { id: 'b', date: '2024-01-01', paragraphs: ['Stone said the harbour would open.'] },
      { id: 'c', date: '2024-01-03', paragraphs: ['The harbour of Lima.', 'Stone agreed.'] },
    ]);
    const other = { id: 'ana', name: 'Ana Ruiz', type: 'person' as const, aliases: ['Ana Ruiz'] };
    const { segments, texts } = segmentsOf(pack, [['a'], ['b'], ['c']]);
    const first = joinSegments(pack.entities, segments.slice(0, 1));
    const options = { createdAt: pack.createdAt, generator: pack.generator };
    const extended = extendJoin(first, pack.entities, segments.slice(1), options)!;
    const whole = joinSegments(pack.entities, segments, options);
    expect(extended.model).toEqual(whole.model);
    expect(extended.placements).toEqual(whole.placements);
    expect([0, 1, 2].map((d) => extended.locate(d))).toEqual([0, 1, 2].map((d) => whole.locate(d)));
    expect(extended.docIndex).toEqual(whole.docIndex);
    expect(extended.entityIndex).toEqual(whole.entityIndex);
    const [a, b] = [queryOf(extended, texts, pack), queryOf(whole, texts, pack)];
    for (const q of ['harbour', 'ruiz', 'berg', 'harbor', 'sign']) expect(await a.search(q)).toEqual(await b.search(q));
    // The previous join is left as it was (its corpus may still answer).
    expect(first.model.documents).toHaveLength(1);
    expect(first.docIndex.size).toBe(1);
    // Where the result would not be the join of all, it says so.
    expect(extendJoin(first, pack.entities, segments.slice(0, 1), options)).toBeNull(); // a document again
    expect(extendJoin(first, pack.entities, segments.slice(1), { ...options, deleted: new Set(['b']) })).toBeNull();
    expect(extendJoin(first, [other, ...pack.entities], segments.slice(1), options)).toBeNull(); // moved
    expect(extendJoin(first, [], segments.slice(1), options)).toBeNull(); // an entity gone
    // A table that grew at its end is fine: existing entities keep their numbers.
    const grown = extendJoin(first, [...pack.entities, other], segments.slice(1), options)!;
    expect(grown.model).toEqual(joinSegments([...pack.entities, other], segments, options).model);
    expect(first.entityIndex.has('ana')).toBe(false);
  });

  it('extendJoin writes later appends into the room after the rows, never under a corpus that answers', async () => {
    const pack = packOf(
      ['a', 'b', 'c', 'd'].map((id, i) => ({
        id,
        date: `2024-01-0${i + 1}`,
        paragraphs: [`Alex Stone met the mayor in ${id}.`, `The harbour of ${id} opened.`],
        quotes: [{ text: `We sign in ${id}`, kind: 'direct' as const }],
      })),
    );
    const { segments, texts } = segmentsOf(pack, [['a'], ['b'], ['c'], ['d']]);
    const options = { createdAt: pack.createdAt, generator: pack.generator };
    const first = joinSegments(pack.entities, segments.slice(0, 1));
    const second = extendJoin(first, pack.entities, segments.slice(1, 2), options)!; // copies, with room
    const third = extendJoin(second, pack.entities, segments.slice(2, 3), options)!; // into the room
    // No copy: the third corpus's columns are longer views of the second's buffers.
    expect(third.model.mentions.entity.buffer).toBe(second.model.mentions.entity.buffer);
    expect(third.model.quotes.speaker.buffer).toBe(second.model.quotes.speaker.buffer);
    expect(third.model.passages.doc.buffer).toBe(second.model.passages.doc.buffer);
    const snapshot = (j: typeof first) => JSON.parse(JSON.stringify(j.model)) as unknown;
    const secondBefore = snapshot(second);
    // Extending the second again (a branch: what a failed activation would leave) must not write under the
    // third: it copies instead.
    const branch = extendJoin(second, pack.entities, segments.slice(3, 4), options)!;
    expect(branch.model.mentions.entity.buffer).not.toBe(third.model.mentions.entity.buffer);
    const fourth = extendJoin(third, pack.entities, segments.slice(3, 4), options)!;
    for (const [j, upTo] of [
      [second, 2],
      [third, 3],
      [fourth, 4],
    ] as const) {
      const whole = joinSegments(pack.entities, segments.slice(0, upTo), options);
      expect(j.model).toEqual(whole.model);
      const [x, y] = [queryOf(j, texts, pack), queryOf(whole, texts, pack)];
      for (const q of ['harbour', 'stone', 'sign', 'mayor']) expect(await x.search(q)).toEqual(await y.search(q));
    }
    expect(snapshot(second)).toEqual(secondBefore);
    expect(branch.model).toEqual(joinSegments(pack.entities, [...segments.slice(0, 2), segments[3]!], options).model);
  });

  it('drops mentions of entities the table lacks, and makes such a speaker unknown', () => {
    const pack = makeTestPack();
    const { segments } = segmentsOf(pack, [['d1', 'd2']]);
    const entities = pack.entities.filter((e) => e.id !== 'tom-berg');
    const { model } = joinSegments(entities, segments);
    expect(model.entities).toBe(entities);
    expect(model.mentions.doc.length).toBe(pack.mentions.length - 2);
    expect([...model.mentions.entity].every((e) => e < entities.length)).toBe(true);
    expect([...model.quotes.speaker]).toEqual([0, -1]);
  });

  it('leaves out deleted documents with their rows and records', () => {
    const pack = makeTestPack();
    const { segments } = segmentsOf(pack, [['d1'], ['d2']]);
    const joined = joinSegments(pack.entities, segments, { deleted: new Set(['d1']), createdAt: pack.createdAt });
    expect(columns(joined.model)).toEqual(columns(compactPack(withoutDocuments(pack, new Set(['d1'])))));
    expect(joined.locate(0)).toEqual({ segment: 1, local: 0 });
    const hits = joined.text.search('ceasefire lima', typing).hits;
    expect(hits.map((h) => h.record).sort()).toEqual([0, 1]); // d2's quote and passage
  });

  it('keeps the later copy of a document found in two segments', () => {
    const pack = makeTestPack();
    const { segments } = segmentsOf(pack, [['d1', 'd2'], ['d1']]);
    const joined = joinSegments(pack.entities, segments);
    expect(joined.model.documents.map((d) => d.id)).toEqual(['d2', 'd1']);
    expect(columns(joined.model)).toEqual(columns(compactPack(reordered(pack, ['d2', 'd1']))));
  });

  it('stamps the newest segment time unless told', () => {
    const pack = makeTestPack();
    const { segments } = segmentsOf(pack, [['d1'], ['d2']]);
    expect(joinSegments(pack.entities, segments).model.createdAt).toBe('2024-01-02T00:00:00.000Z');
    expect(joinSegments([], []).model.documents).toEqual([]);
  });
});

/** Random packs about "Alex Stone", split into random segments, some documents deleted. */
const WORDS = ['Stone', 'talks', 'ceasefire', 'senate', 'senator', 'border', 'peace', 'treaty', 'minister', 'Lima'];
const paragraph = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 8 }).map((w) => w.join(' '));
const docSpecs = fc
  .array(
    fc.record({
      date: fc.constantFrom('2020-01-01', '2021-06-01', '2022-03-04'),
      paragraphs: fc.array(paragraph, { minLength: 1, maxLength: 4 }),
      quotes: fc.array(
        fc.record({
          text: paragraph.map((p) => `${p} q`),
          kind: fc.constantFrom('direct' as const, 'reported' as const),
        }),
        { maxLength: 2 },
      ),
    }),
    { minLength: 1, maxLength: 10 },
  )
  .map((docs) => docs.map((d, i): DocSpec => ({ ...d, id: `doc${i}` })));
const scenario = docSpecs.chain((docs) =>
  fc.record({
    docs: fc.constant(docs),
    cuts: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: docs.length, maxLength: docs.length }),
    deleted: fc.subarray(docs.map((d) => d.id)),
  }),
);

/** Documents grouped by segment number (cuts), segments in number order, empty ones kept. */
function groupsOf(ids: string[], cuts: number[]): string[][] {
  const groups: string[][] = [[], [], [], [], []];
  ids.forEach((id, i) => groups[cuts[i]!]!.push(id));
  return groups;
}

describe('joinSegments and mergeSegments, property', () => {
  it(
    'join = the model of the whole pack; merge then join = join of the parts (model and search)',
    { timeout: 60_000 },
    async () => {
      await fc.assert(
        fc.asyncProperty(
          scenario,
          fc.array(fc.constantFrom('sen', 'ceasefire stone', 'peace', 'tready', 'lim'), { minLength: 1, maxLength: 3 }),
          async ({ docs, cuts, deleted }, queries) => {
            const pack = packOf(docs);
            const groups = groupsOf(
              docs.map((d) => d.id),
              cuts,
            );
            const order = groups.flat();
            const gone = new Set(deleted);
            const { segments, texts } = segmentsOf(pack, groups);
            const options = { deleted: gone, createdAt: pack.createdAt, generator: pack.generator };
            const joined = joinSegments(pack.entities, segments, options);
            expect(joined.model).toEqual(compactPack(withoutDocuments(reordered(pack, order), gone)));

            const merged = mergeSegments('s-m', segments, options);
            const mergedTexts = Array.from(merged.from.segment, (s, d) => texts[s]![merged.from.local[d]!]!);
            const rejoined = joinSegments(pack.entities, [merged], options);
            expect(rejoined.model).toEqual(joined.model);
            for (const q of queries) {
              for (const o of [typing, { ...typing, combineWith: 'AND' as const, fuzzy: false }]) {
                const a = joined.text.search(q, o);
                const b = rejoined.text.search(q, o);
                expect(b.total).toBe(a.total);
                expect(b.hits.map((h) => h.record)).toEqual(a.hits.map((h) => h.record));
                b.hits.forEach((h, i) => expect(Math.abs(h.score - a.hits[i]!.score)).toBeLessThan(1e-9));
              }
            }
            // The whole query path too (names, texts read through locate / from).
            const live = withoutDocuments(reordered(pack, order), gone);
            expect(await queryOf(rejoined, [mergedTexts], pack).search(queries[0]!)).toEqual(
              await queryOf(joined, texts, pack).search(queries[0]!),
            );
            expect(await queryOf(joined, texts, pack).search(queries[0]!)).toEqual(
              await CorpusQuery.fromPack(live).search(queries[0]!),
            );
          },
        ),
        { numRuns: 120 },
      );
    },
  );
});

describe('segmentFromJoined, property', () => {
  it('gives back every segment copied whole exactly; placements are null where rows were left out', () => {
    fc.assert(
      fc.property(scenario, fc.boolean(), ({ docs, cuts, deleted }, dropEntity) => {
        const pack = packOf(docs);
        const { segments } = segmentsOf(
          pack,
          groupsOf(
            docs.map((d) => d.id),
            cuts,
          ),
        );
        // Without one entity of the table, the segments mentioning it are not copied whole.
        const entities = dropEntity ? pack.entities.slice(1) : pack.entities;
        const joined = joinSegments(entities, segments, { deleted: new Set(deleted) });
        const scratch = new Int32Array(entities.length).fill(-1);
        segments.forEach(({ model }, s) => {
          const at = joined.placements[s];
          const gone = model.documents.some((d) => deleted.includes(d.id));
          const unknown = model.entityIds.some((id) => !entities.some((e) => e.id === id));
          expect(at === null).toBe(gone || unknown);
          if (!at) return;
          const { passages, mentions, quotes, ...rest } = model;
          const back = segmentFromJoined(
            joined.model,
            at,
            {
              ...rest,
              rows: { passages: passages.doc.length, mentions: mentions.doc.length, quotes: quotes.doc.length },
            },
            scratch,
          );
          expect(back).toEqual(model);
          expect(scratch.every((x) => x === -1)).toBe(true);
        });
      }),
      { numRuns: 120 },
    );
  });
});
