import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { processTerm } from './index-options';
import { buildTextIndex, TextIndex, type TextIndexData, type TextSearchOptions } from './text-index';

const exact: TextSearchOptions = { prefix: 'none', fuzzy: false, combineWith: 'AND', limit: 100 };
const typing: TextSearchOptions = { ...exact, prefix: 'last' };

function indexOf(texts: readonly string[]): TextIndex {
  return new TextIndex(buildTextIndex(texts.length, (r) => texts[r]!));
}

function found(index: TextIndex, query: string, options: TextSearchOptions = exact): number[] {
  return index
    .search(query, options)
    .hits.map((h) => h.record)
    .sort((a, b) => a - b);
}

const texts = [
  'The President spoke to the press.', // 0
  'A senator spoke.', // 1
  'President Erdoğan met the senator.', // 2
  'Nothing here.', // 3
];

describe('buildTextIndex', () => {
  it('holds sorted, folded terms without stop words, and postings by term', () => {
    const data = buildTextIndex(2, (r) => ['B a b', 'a Ä c the'][r]!);
    expect(data.terms).toEqual(['b', 'c']);
    expect([...data.termStart]).toEqual([0, 1, 2]);
    expect([...data.records]).toEqual([0, 1]);
    expect([...data.freqs]).toEqual([2, 1]);
    expect([...data.lengths]).toEqual([2, 1]);
  });

  it('caps a frequency at 255', () => {
    const data = buildTextIndex(1, () => 'word '.repeat(300));
    expect([...data.freqs]).toEqual([255]);
    expect([...data.lengths]).toEqual([300]);
  });
});

describe('TextIndex.search', () => {
  const index = indexOf(texts);

  it('finds records containing a word, whatever its case', () => {
    expect(found(index, 'president')).toEqual([0, 2]);
    expect(found(index, 'PRESIDENT')).toEqual([0, 2]);
  });

  it('reports the index terms each hit matched', () => {
    const [hit] = index.search('pres', typing).hits;
    expect(hit).toEqual({ record: 0, score: hit!.score, terms: ['president', 'press'] });
  });

  it('completes the last word only, and only from two letters', () => {
    expect(found(index, 'sen', exact)).toEqual([]);
    expect(found(index, 'sen', typing)).toEqual([1, 2]);
    expect(found(index, 'sen spoke', typing)).toEqual([]);
    expect(found(index, 'spoke sen', typing)).toEqual([1]);
    expect(found(index, 's', typing)).toEqual([]);
    expect(found(index, 'sen spo', { ...typing, prefix: 'all' })).toEqual([1]);
  });

  it('needs every word with AND, any with OR', () => {
    expect(found(index, 'president senator')).toEqual([2]);
    expect(found(index, 'president senator', { ...exact, combineWith: 'OR' })).toEqual([0, 1, 2]);
    expect(found(index, 'president unknownword')).toEqual([]);
    expect(found(index, 'president unknownword', { ...exact, combineWith: 'OR' })).toEqual([0, 2]);
  });

  it('ignores stop words, and finds nothing for a query of stop words only', () => {
    expect(found(index, 'the president of')).toEqual([0, 2]);
    expect(index.search('the of', { ...exact, combineWith: 'OR' })).toEqual({ total: 0, hits: [] });
    expect(index.search('', typing)).toEqual({ total: 0, hits: [] });
  });

  it('folds diacritics both ways', () => {
    expect(found(index, 'Erdogan')).toEqual([2]);
    expect(found(index, 'ERDOĞAN')).toEqual([2]);
    expect(found(indexOf(['Erdogan']), 'Erdoğan')).toEqual([0]);
  });

  it('forgives one typo from 5 letters, two from 9, none below 5 or in the first letter', () => {
    const fuzzy = { ...exact, fuzzy: true };
    expect(found(index, 'senatr', fuzzy)).toEqual([1, 2]);
    expect(found(index, 'presidnet', fuzzy)).toEqual([0, 2]);
    expect(found(index, 'senattrr', fuzzy)).toEqual([]);
    expect(found(index, 'prss', fuzzy)).toEqual([]);
    expect(found(index, 'zenator', fuzzy)).toEqual([]);
  });

  it('ranks an exact match above a completion or a typo', () => {
    const result = indexOf(['senators', 'senatur', 'senator']).search('senator', { ...typing, fuzzy: true });
    expect(result.total).toBe(3);
    expect(result.hits[0]!.record).toBe(2);
  });

  it('ranks the shorter of two records with the word, and more occurrences above fewer', () => {
    expect(indexOf(['budget vote today in the house', 'budget']).search('budget', exact).hits[0]!.record).toBe(1);
    expect(indexOf(['budget vote', 'budget budget']).search('budget', exact).hits[0]!.record).toBe(1);
  });

  it('keeps the best `limit` hits and counts them all', () => {
    const many = indexOf(Array.from({ length: 10 }, (_, i) => `word ${'filler '.repeat(i)}`));
    const result = many.search('word', { ...exact, limit: 3 });
    expect(result.total).toBe(10);
    expect(result.hits.map((h) => h.record)).toEqual([0, 1, 2]);
    expect(many.search('word', { ...exact, limit: 0 })).toEqual({ total: 10, hits: [] });
  });

  it('multiplies scores by the boost, and leaves out a record boosted by 0', () => {
    const twins = indexOf(['same words', 'same words', 'same words']);
    const plain = twins.search('same', exact).hits;
    const boosted = twins.search('same', { ...exact, boost: (r) => [1, 2, 0][r]! });
    expect(boosted.total).toBe(2);
    expect(boosted.hits.map((h) => [h.record, h.score])).toEqual([
      [1, 2 * plain[1]!.score],
      [0, plain[0]!.score],
    ]);
  });

  it('expands a prefix to the 64 completions with the most postings', () => {
    const words = Array.from({ length: 100 }, (_, i) => `ab${String(i).padStart(3, '0')}`);
    // Record i holds ab000 … ab{i}: the fewer postings, the later the word.
    const wide = indexOf(words.map((_, i) => words.slice(0, i + 1).join(' ')));
    const [hit] = wide.search('ab', { ...typing, limit: 1 }).hits;
    expect(hit!.terms.sort()).toEqual(words.slice(0, 64));
  });

  it('gives the record count as its size', () => {
    expect(index.size).toBe(4);
  });
});

describe('TextIndex, loading', () => {
  const data = buildTextIndex(texts.length, (r) => texts[r]!);

  it('rejects arrays whose lengths do not fit together (a damaged record)', () => {
    expect(() => new TextIndex({ ...data, terms: [...data.terms, 'zzz'] })).toThrow(
      /termStart has \d+ entries for \d+ terms/,
    );
    expect(() => new TextIndex({ ...data, freqs: data.freqs.slice(1) })).toThrow(/\d+ records but \d+ freqs/);
  });
});

/** The model: tokenize, fold and compare every record with every query term, no index. */
function naiveMatches(corpus: readonly string[], query: string, options: TextSearchOptions): number[] {
  const terms = (text: string) => text.split(/[\n\r\p{Z}\p{P}]+/u).flatMap((t) => processTerm(t) || []);
  const words = terms(query);
  if (words.length === 0) return [];
  const matches = (word: string, i: number, record: Set<string>): boolean =>
    [...record].some(
      (t) =>
        t === word ||
        (options.prefix === 'last' && i === words.length - 1 && word.length >= 2 && t.startsWith(word)) ||
        (options.fuzzy && t[0] === word[0] && levenshtein(t, word) <= (word.length > 8 ? 2 : word.length >= 5 ? 1 : 0)),
    );
  const matchesRecord = (record: Set<string>): boolean =>
    options.combineWith === 'AND'
      ? words.every((w, i) => matches(w, i, record))
      : words.some((w, i) => matches(w, i, record));
  return corpus.flatMap((text, r) => (matchesRecord(new Set(terms(text))) ? [r] : []));
}

function levenshtein(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
  }
  return d[a.length]![b.length]!;
}

describe('TextIndex.search against a naive scan (property)', () => {
  const vocabulary = [
    'alpha',
    'alpine',
    'alpnie',
    'Alps',
    'delta',
    'deltas',
    'Délta',
    'gamma',
    'gammma',
    'president',
    'presidnet',
    'pres',
    'Erdoğan',
    'the',
    'of',
    'x',
    '42',
  ];
  const word = fc.constantFrom(...vocabulary);
  const separator = fc.constantFrom(' ', ', ', '.\n', ' — ', '\u00a0', '"');
  const text = fc
    .array(fc.tuple(word, separator), { maxLength: 8 })
    .map((parts) => parts.map(([w, s]) => w + s).join(''));
  const queryWord = fc.oneof(
    word,
    fc.tuple(word, fc.nat(6)).map(([w, n]) => w.slice(0, n)),
  );
  const query = fc.array(queryWord, { minLength: 1, maxLength: 3 }).map((ws) => ws.join(' '));
  const options = fc.record({
    prefix: fc.constantFrom('last' as const, 'none' as const),
    fuzzy: fc.boolean(),
    combineWith: fc.constantFrom('AND' as const, 'OR' as const),
    limit: fc.constant(1000),
  });

  it('matches exactly the records a naive scan matches, best first', () => {
    fc.assert(
      fc.property(fc.array(text, { maxLength: 25 }), query, options, (corpus, q, opts) => {
        const result = indexOf(corpus).search(q, opts);
        const records = result.hits.map((h) => h.record);
        expect(records.slice().sort((a, b) => a - b)).toEqual(naiveMatches(corpus, q, opts));
        expect(result.total).toBe(records.length);
        for (let i = 1; i < result.hits.length; i++) {
          expect(result.hits[i - 1]!.score).toBeGreaterThanOrEqual(result.hits[i]!.score);
        }
      }),
      { seed: 20_240_611, numRuns: 500 },
    );
  });

  it('finds the same after a structured clone (what IndexedDB stores)', () => {
    fc.assert(
      fc.property(fc.array(text, { maxLength: 25 }), query, (corpus, q) => {
        const data: TextIndexData = buildTextIndex(corpus.length, (r) => corpus[r]!);
        const copy = structuredClone(data);
        expect(new TextIndex(copy).search(q, typing)).toEqual(new TextIndex(data).search(q, typing));
      }),
      { seed: 7, numRuns: 100 },
    );
  });
});
