import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { SegmentedTextIndex } from '../search/segmented-text-index';
import {
  buildTextIndex,
  searchTerms,
  TextIndex,
  type TextIndexData,
  type TextSearchOptions,
} from '../search/text-index';
import { textSeq } from './chunks';
import {
  blockSeq,
  CARD_TERMS,
  isSplit,
  joinTextIndex,
  LazyPostings,
  lazyTextIndex,
  splitTextIndex,
  textReadiness,
  type PostingBlock,
  type SplitTextHead,
} from './posting-blocks';

/** Words sharing first letters, prefixes and typos, so that queries cross block boundaries. */
const WORDS = [
  'ceasefire',
  'ceasefires',
  'cease',
  'senator',
  'senate',
  'president',
  'presidents',
  'press',
  'pressure',
  'peace',
  'peaceful',
  'talks',
  'treaty',
  'border',
  'minister',
  'ministry',
  'erdoğan',
  'erdogan',
  'zaa',
  'zab',
  'zac',
  'état',
];
const QUERY_WORDS = [...WORDS, 'pre', 'presidnet', 'ceasfire', 'mini', 'za', 'unknown', 'e'];

const texts = fc.array(
  fc.array(fc.constantFrom(...WORDS), { minLength: 0, maxLength: 12 }).map((w) => w.join(' ')),
  { minLength: 1, maxLength: 40 },
);
const optionsArb: fc.Arbitrary<TextSearchOptions> = fc.record({
  prefix: fc.constantFrom('last' as const, 'all' as const, 'none' as const),
  fuzzy: fc.boolean(),
  combineWith: fc.constantFrom('AND' as const, 'OR' as const),
  limit: fc.integer({ min: 1, max: 50 }),
});
const query = fc.array(fc.constantFrom(...QUERY_WORDS), { minLength: 1, maxLength: 3 }).map((w) => w.join(' '));

function index(docs: readonly string[]): TextIndexData {
  return buildTextIndex(docs.length, (r) => docs[r]!);
}

/** A lazy index over `data` split in blocks of `size`, reading from memory; counts the blocks read. */
function lazyOver(data: TextIndexData, size: number): { loader: LazyPostings; reads: number[] } {
  const { head, blocks } = splitTextIndex(data, size, -1); // split even an empty index
  if (!isSplit(head)) throw new Error('not split');
  const reads: number[] = [];
  const loader = new LazyPostings(
    head,
    (from, to) => {
      for (let k = from; k < to; k++) reads.push(k);
      return Promise.resolve(structuredClone(blocks.slice(from, to)));
    },
    'test segment',
  );
  return { loader, reads };
}

describe('splitTextIndex / joinTextIndex', () => {
  it('keeps a small index whole, and joins a split one back to the same arrays', () => {
    fc.assert(
      fc.property(texts, fc.integer({ min: 1, max: 9 }), (docs, size) => {
        const data = index(docs);
        expect(splitTextIndex(data, size, data.records.length).head).toBe(data);
        const { head, blocks } = splitTextIndex(data, size, -1);
        expect(isSplit(head)).toBe(true);
        expect(blocks.length).toBe(Math.ceil(data.records.length / size));
        const back = joinTextIndex(structuredClone(head), structuredClone(blocks), 'test');
        expect(back).toEqual(data);
      }),
    );
  });

  it('refuses a missing or damaged block, naming it', () => {
    const data = index(['president peace talks', 'peace treaty border', 'press president']);
    const { head, blocks } = splitTextIndex(data, 2, 0);
    expect(() => joinTextIndex(head, blocks.slice(1), 'segment s-x')).toThrow(/segment s-x: \d+ of \d+ posting blocks/);
    const damaged = blocks.map((b, k): PostingBlock => (k === 1 ? { records: b.records.slice(1), freqs: b.freqs } : b));
    expect(() => joinTextIndex(head, damaged, 'segment s-x')).toThrow(/posting block 1 of \d+ is missing or damaged/);
    const wrong = { ...(head as SplitTextHead), blocks: { size: 2, count: 1 } };
    expect(() => joinTextIndex(wrong, blocks, 'segment s-x')).toThrow(/do not fit/);
  });

  it('numbers blocks right after the texts', () => {
    expect(blockSeq(7, 0)).toBe(textSeq(7));
    expect(blockSeq(7, 3)).toBe(textSeq(10));
  });
});

describe('LazyPostings', () => {
  it('a search after ensure({ query }) returns exactly what the whole index returns (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        texts,
        fc.array(fc.tuple(query, optionsArb), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 1, max: 6 }),
        async (docs, questions, size) => {
          const data = index(docs);
          const whole = new TextIndex(data);
          const { loader } = lazyOver(data, size);
          const lazy = new TextIndex(loader.data);
          for (const [q, options] of questions) {
            await loader.ensure({ query: q });
            expect(lazy.search(q, options)).toEqual(whole.search(q, options));
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('reads the blocks of every query word, past the 32 a search keeps (a speaker query searches the rest)', async () => {
    const data = index(['president peace', 'zab treaty', 'press border', 'minister talks']);
    const { loader } = lazyOver(data, 1);
    const long = `${Array.from({ length: 40 }, () => 'peace').join(' ')} zab`;
    await loader.ensure({ query: long });
    const options: TextSearchOptions = { prefix: 'none', fuzzy: false, combineWith: 'OR', limit: 5 };
    expect(new TextIndex(loader.data).search('zab', options)).toEqual(new TextIndex(data).search('zab', options));
  });

  it('reads only the blocks of the terms a search can touch, not every term sharing a first letter', async () => {
    // 300 rare words starting with "p" after "president": a first-letter read takes all of their blocks.
    const rare = Array.from({ length: 300 }, (_, i) => `p${String(i).padStart(3, '0')}x`);
    const docs = Array.from({ length: 200 }, (_, i) => `president ${rare[i]!} ${rare[(i * 7 + 3) % 300]!} zab`);
    const data = index(docs);
    const { loader, reads } = lazyOver(data, 16);
    await loader.ensure({ query: 'president' });
    const blocks = Math.ceil(data.records.length / 16);
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.length).toBeLessThanOrEqual(Math.ceil(200 / 16) + 1); // the postings of "president" alone
    const again = reads.length;
    await loader.ensure({ query: 'president' });
    expect(reads.length).toBe(again); // nothing read twice
    expect(loader.complete).toBe(false);
    expect(reads.length).toBeLessThan(blocks / 2);
    await loader.loadRest();
    expect(loader.complete).toBe(true);
    expect(loader.data.records).toEqual(data.records);
    expect(loader.data.freqs).toEqual(data.freqs);
  });

  it('over segments, reads the prefix completions the whole corpus ranks first, though no one segment does', async () => {
    // Each segment: 64 words of its own in 3 records each, and "prex" in 2: no segment alone ranks "prex"
    // among its 64 most frequent completions of "pre", but over the three it is the most frequent (6).
    const segment = (tag: string) =>
      index([
        ...Array.from({ length: 64 }, (_, i) => `pre${tag}${String(i).padStart(2, '0')}`).flatMap((w) => [w, w, w]),
        'prex',
        'prex',
      ]);
    const datas = ['a', 'b', 'c'].map(segment);
    const whole = new SegmentedTextIndex(datas.map((data) => ({ data, quotes: 0 })));
    const lazies = datas.map((data) => lazyTextIndex(lazyOver(data, 1).loader));
    const ready = textReadiness(lazies, [false, false, false])!;
    const lazy = new SegmentedTextIndex(lazies.map((data) => ({ data, quotes: 0 })));
    for (const q of ['pre', 'prea', 'prex']) {
      const options: TextSearchOptions = { prefix: 'last', fuzzy: true, combineWith: 'OR', limit: 300 };
      await ready({ query: q });
      expect(lazy.search(q, options)).toEqual(whole.search(q, options));
    }
  });

  it('a card score after ensure({ context }) with the rarest terms equals the whole index’s (property)', async () => {
    // More distinct words than card ranking scores, so that which terms are the rarest matters.
    const syllables = ['ka', 'lo', 'mi', 'ne', 'ru', 'ta', 'vo', 'zi', 'pe', 'su', 'do', 'fa'];
    const many = syllables.flatMap((a) => syllables.map((b) => `${a}${b}n`));
    const manyTexts = fc.array(
      fc.array(fc.constantFrom(...many), { minLength: 0, maxLength: 30 }).map((w) => w.join(' ')),
      { minLength: 1, maxLength: 60 },
    );
    expect(many.length).toBeGreaterThan(2 * CARD_TERMS);
    await fc.assert(
      fc.asyncProperty(
        manyTexts,
        fc.array(fc.constantFrom(...many), { minLength: 1, maxLength: 120 }),
        fc.integer({ min: 1, max: 6 }),
        async (docs, context, size) => {
          const data = index(docs);
          const { loader } = lazyOver(data, size);
          const ready = textReadiness([lazyTextIndex(loader)], [false]); // undefined: nothing to read
          const terms = [...new Set(searchTerms(context.join(' ')))];
          await ready?.({ context: terms });
          const records = Uint32Array.from({ length: data.lengths.length }, (_, i) => i);
          const wholeScores = new TextIndex(data).scoreRecords(terms, records);
          expect(new TextIndex(loader.data).scoreRecords(terms, records)).toEqual(wholeScores);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('over several segments, a search after textReadiness equals the whole segments’ (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(texts, { minLength: 2, maxLength: 3 }),
        fc.array(fc.tuple(query, optionsArb), { minLength: 1, maxLength: 3 }),
        async (parts, questions) => {
          const datas = parts.map(index);
          const whole = new SegmentedTextIndex(datas.map((data) => ({ data, quotes: 0 })));
          const lazies = datas.map((data, i) => (i === 0 ? data : lazyTextIndex(lazyOver(data, 3).loader)));
          const ready = textReadiness(lazies, [false, false, false]);
          const lazy = new SegmentedTextIndex(lazies.map((data) => ({ data, quotes: 0 })));
          for (const [q, options] of questions) {
            await ready?.({ query: q });
            expect(lazy.search(q, options)).toEqual(whole.search(q, options));
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('reads a segment the join did not copy whole at once (its deleted records weigh in every term)', async () => {
    const data = index(['president peace', 'zab treaty', 'press border', 'minister talks']);
    const { loader } = lazyOver(data, 2);
    const ready = textReadiness([lazyTextIndex(loader)], [true])!;
    await ready({ query: 'zab' });
    expect(loader.complete).toBe(true);
  });

  it('a missing block fails the question with the segment named, and a later try reads it again', async () => {
    const data = index(['president peace', 'zab treaty', 'press border']);
    const { head, blocks } = splitTextIndex(data, 2, 0);
    let fail = true;
    const loader = new LazyPostings(
      head as SplitTextHead,
      (from, to) => Promise.resolve(fail ? [] : blocks.slice(from, to)),
      'Dossier store: segment s-gone',
    );
    await expect(loader.ensure({ query: 'president' })).rejects.toThrow(/segment s-gone: 0 of posting blocks/);
    fail = false;
    await loader.ensure({ query: 'president' });
    expect(
      new TextIndex(loader.data).search('president', { prefix: 'none', fuzzy: false, combineWith: 'OR', limit: 5 })
        .total,
    ).toBe(1);
  });

  it('the read-ahead waits while a question waits for its own blocks: a question queues behind one step at most', async () => {
    vi.useFakeTimers();
    try {
      const docs = Array.from({ length: 400 }, (_, i) => `w${String(i).padStart(3, '0')}`); // no typo or prefix matches
      const data = index(docs);
      const { head, blocks } = splitTextIndex(data, 1, -1);
      const pending: { from: number; to: number; done: () => void }[] = [];
      const loader = new LazyPostings(
        head as SplitTextHead,
        (from, to) => new Promise((resolve) => pending.push({ from, to, done: () => resolve(blocks.slice(from, to)) })),
        'test segment',
      );
      const ready = textReadiness([lazyTextIndex(loader)], [false])!;
      const settle = async (read: { done: () => void }) => {
        read.done();
        await vi.advanceTimersByTimeAsync(0);
      };
      const first = ready({ query: 'w000' });
      await settle(pending.shift()!);
      await first;
      await vi.advanceTimersByTimeAsync(1000); // the read-ahead starts
      expect(pending.length).toBe(1);
      const step = pending.shift()!;
      const question = ready({ query: 'w399' }); // the last block: not in the step being read
      expect(pending.map((r) => r.from)).toEqual([399]);
      await settle(step); // the step ends while the question still waits for its block
      await vi.advanceTimersByTimeAsync(50);
      expect(pending.map((r) => r.from)).toEqual([399]); // no further step asked for before it
      await settle(pending.shift()!);
      await question;
      await vi.advanceTimersByTimeAsync(0);
      expect(pending.length).toBe(1); // the read-ahead goes on
      while (pending.length > 0) await settle(pending.shift()!);
      expect(loader.complete).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('says nothing needs reading when every index is whole', () => {
    expect(textReadiness([index(['a b'])], [false])).toBeUndefined();
  });
});
