import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeTextIndexes, mergeVocabularies, SegmentedTextIndex, type TextSegment } from './segmented-text-index';
import { buildTextIndex, TextIndex, type TextSearcher, type TextSearchOptions } from './text-index';

/** Words that share prefixes and lie within a typo or two of each other, plus 90 completions of "za". */
const WORDS = [
  'ceasefire',
  'ceasefires',
  'cease',
  'senator',
  'senate',
  'senators',
  'president',
  'presidents',
  'press',
  'pressure',
  'lima',
  'peace',
  'peaceful',
  'talks',
  'talk',
  'treaty',
  'treat',
  'border',
  'borders',
  'minister',
  'ministry',
  'erdoğan',
  'erdogan',
  ...Array.from(
    { length: 90 },
    (_, i) => `za${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`,
  ),
];
const QUERY_WORDS = [
  ...WORDS.slice(0, 23),
  'za',
  'zab',
  'pre',
  'se',
  'cea',
  'senatr',
  'presdent',
  'ministr',
  'the',
  'nothing',
];

/** A segment's texts: its quotes, then its passages. */
interface SegmentTexts {
  quotes: string[];
  passages: string[];
  /** Per record (quotes then passages): left out. */
  dropped: boolean[];
}

const text = fc.array(fc.constantFrom(...WORDS, 'the', 'and'), { minLength: 0, maxLength: 12 }).map((w) => w.join(' '));
const segmentTexts: fc.Arbitrary<SegmentTexts> = fc
  .record({ quotes: fc.array(text, { maxLength: 6 }), passages: fc.array(text, { maxLength: 8 }) })
  .chain(({ quotes, passages }) =>
    fc
      .array(fc.boolean(), { minLength: quotes.length + passages.length, maxLength: quotes.length + passages.length })
      .map((dropped) => ({ quotes, passages, dropped })),
  );
const corpus = fc.array(segmentTexts, { minLength: 1, maxLength: 5 });
const options: fc.Arbitrary<TextSearchOptions> = fc.record({
  prefix: fc.constantFrom('last' as const, 'all' as const, 'none' as const),
  fuzzy: fc.boolean(),
  combineWith: fc.constantFrom('AND' as const, 'OR' as const),
  limit: fc.integer({ min: 0, max: 40 }),
});
const query = fc.array(fc.constantFrom(...QUERY_WORDS), { minLength: 1, maxLength: 3 }).map((w) => w.join(' '));

function indexOf(texts: readonly string[]) {
  return buildTextIndex(texts.length, (r) => texts[r]!);
}

/** The segments' indexes, and one TextIndex over the live records in global order (quotes of all, then passages). */
function build(
  segments: SegmentTexts[],
  withDrops: boolean,
): { segmented: SegmentedTextIndex; whole: TextIndex; parts: TextSegment[]; live: string[] } {
  const parts = segments.map((s): TextSegment => {
    const records = [...s.quotes, ...s.passages];
    return {
      data: indexOf(records),
      quotes: s.quotes.length,
      ...(withDrops ? { dropped: Uint8Array.from(s.dropped, (d) => (d ? 1 : 0)) } : {}),
    };
  });
  const live: string[] = [];
  for (const zone of ['quotes', 'passages'] as const) {
    for (const s of segments) {
      const offset = zone === 'quotes' ? 0 : s.quotes.length;
      s[zone].forEach((t, i) => {
        if (!withDrops || !s.dropped[offset + i]) live.push(t);
      });
    }
  }
  return { segmented: new SegmentedTextIndex(parts), whole: new TextIndex(indexOf(live)), parts, live };
}

function expectSameSearch(a: TextSearcher, b: TextSearcher, q: string, o: TextSearchOptions): void {
  const x = a.search(q, o);
  const y = b.search(q, o);
  expect(x.total).toBe(y.total);
  expect(x.hits.map((h) => [h.record, [...h.terms].sort()])).toEqual(
    y.hits.map((h) => [h.record, [...h.terms].sort()]),
  );
  x.hits.forEach((h, i) => expect(Math.abs(h.score - y.hits[i]!.score)).toBeLessThan(1e-9));
}

describe('mergeVocabularies', () => {
  it('makes the sorted union and maps each list into it', () => {
    const { terms, maps } = mergeVocabularies([['b', 'd'], [], ['a', 'b', 'e'], ['d']]);
    expect(terms).toEqual(['a', 'b', 'd', 'e']);
    expect(maps.map((m) => [...m])).toEqual([[1, 2], [], [0, 1, 3], [2]]);
  });
});

describe('SegmentedTextIndex', () => {
  it('numbers records as the joined model does: all quotes, then all passages', () => {
    const { segmented } = build(
      [
        { quotes: ['peace talks'], passages: ['border treaty', 'peace border'], dropped: [] },
        { quotes: ['peace'], passages: ['peace lima'], dropped: [] },
      ],
      false,
    );
    const all = segmented.search('peace', { prefix: 'none', fuzzy: false, combineWith: 'OR', limit: 10 });
    // records: 0 quote s0, 1 quote s1, 2–3 passages s0, 4 passage s1
    expect(all.hits.map((h) => h.record).sort()).toEqual([0, 1, 3, 4]);
    expect(segmented.lengthOf(2)).toBe(2);
    expect(segmented.lengthOf(1)).toBe(1);
  });

  it('leaves out the records of deleted documents, from hits and statistics alike', () => {
    const segments = [
      { quotes: ['peace talks'], passages: ['border treaty', 'peace border'], dropped: [false, false, true] },
      { quotes: ['peace now'], passages: ['peace lima'], dropped: [true, false] },
    ];
    const { segmented, whole, live } = build(segments, true);
    expect(live).toEqual(['peace talks', 'border treaty', 'peace lima']);
    expect(segmented.size).toBe(3);
    const o: TextSearchOptions = { prefix: 'last', fuzzy: true, combineWith: 'OR', limit: 10 };
    expectSameSearch(segmented, whole, 'peace', o);
    // "now" is only in a deleted quote: no completion, no exact match.
    expect(segmented.search('now', o).total).toBe(0);
  });

  it('rejects a segment whose arrays do not fit, naming it', () => {
    const data = indexOf(['peace']);
    expect(
      () =>
        new SegmentedTextIndex([
          { data, quotes: 0 },
          { data, quotes: 3 },
        ]),
    ).toThrow(/segment 1/);
    expect(() => new SegmentedTextIndex([{ data: { ...data, freqs: new Uint8Array(0) }, quotes: 0 }])).toThrow(
      /segment 0.*freqs/,
    );
  });

  it('searches nothing when there are no segments', () => {
    const empty = new SegmentedTextIndex([]);
    expect(empty.search('peace', { prefix: 'last', fuzzy: true, combineWith: 'OR', limit: 5 })).toEqual({
      total: 0,
      hits: [],
    });
  });

  it('property: same hits, order and scores as one TextIndex over the concatenation', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(
        corpus,
        fc.boolean(),
        fc.array(fc.tuple(query, options), { minLength: 1, maxLength: 6 }),
        (segments, withDrops, queries) => {
          const { segmented, whole } = build(segments, withDrops);
          for (const [q, o] of queries) {
            expectSameSearch(segmented, whole, q, o);
            expectSameSearch(segmented, whole, q, { ...o, boost: (r) => (r % 3) * 0.75 });
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it(
    "property: an index that extends an earlier one's word list (appends, merged-away segments, a chain) searches the same",
    { timeout: 60_000 },
    () => {
      fc.assert(
        fc.property(
          corpus,
          fc.boolean(),
          fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
          fc.array(segmentTexts, { maxLength: 3 }),
          fc.boolean(),
          fc.array(fc.tuple(query, options), { minLength: 1, maxLength: 6 }),
          (segments, withDrops, inEarlier, goneTexts, searchedBetween, queries) => {
            const { whole, parts } = build(segments, withDrops);
            const gone = build(goneTexts.length ? goneTexts : [{ quotes: [], passages: [], dropped: [] }], false).parts;
            const earlierParts = [...gone, ...parts.filter((_, i) => inEarlier[i])];
            const earlier =
              earlierParts.length === 1 ? new TextIndex(earlierParts[0]!.data) : new SegmentedTextIndex(earlierParts);
            earlier.search('zal', { prefix: 'last', fuzzy: true, combineWith: 'OR', limit: 10 }); // builds its word list
            // A join in between that nobody searched hands the earlier word list on.
            const between = new SegmentedTextIndex([...earlierParts, ...parts.slice(0, 1)], earlier);
            if (searchedBetween) between.search('za', { prefix: 'last', fuzzy: false, combineWith: 'OR', limit: 10 });
            const extended = new SegmentedTextIndex(parts, between);
            for (const [q, o] of queries) expectSameSearch(extended, whole, q, o);
          },
        ),
        { numRuns: 200 },
      );
    },
  );

  it('property: scoreRecords and lengthOf agree with one TextIndex', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(
        corpus,
        fc.boolean(),
        fc.array(fc.constantFrom(...QUERY_WORDS), { maxLength: 8 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer(),
        (segments, withDrops, terms, maxTerms, seed) => {
          const { segmented, whole, live } = build(segments, withDrops);
          const records = Uint32Array.from(live.keys()).filter((r) => ((r * 7919) ^ seed) % 3 !== 0);
          const a = segmented.scoreRecords(terms, records, maxTerms);
          const b = whole.scoreRecords(terms, records, maxTerms);
          [...a].forEach((score, i) => expect(Math.abs(score - b[i]!)).toBeLessThan(1e-9));
          for (const r of live.keys()) expect(segmented.lengthOf(r)).toBe(whole.lengthOf(r));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('property: mergeTextIndexes equals the index built from the live texts', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(corpus, fc.boolean(), (segments, withDrops) => {
        const { parts, live } = build(segments, withDrops);
        expect(mergeTextIndexes(parts)).toEqual(indexOf(live));
      }),
      { numRuns: 200 },
    );
  });
});
