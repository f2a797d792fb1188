import { describe, expect, it } from 'vitest';
import { buildTextIndex, searchTerms, TextIndex } from './text-index';

const texts = [
  'The ceasefire in Aleppo held through the night.',
  'Tariffs on steel and aluminum were announced on Thursday.',
  'Farmers asked for drought relief; the drought hit corn and soy.',
  'Steel workers welcomed the tariffs, farmers feared retaliation.',
  'Nothing of note happened.',
  'Aleppo, Aleppo and Aleppo again: the ceasefire talks went on.',
];
const index = new TextIndex(buildTextIndex(texts.length, (r) => texts[r]!));

describe('TextIndex.scoreRecords', () => {
  it('scores given records as search() scores them (BM25 over the corpus statistics, exact terms)', () => {
    for (const query of ['steel tariffs', 'drought farmers corn', 'aleppo ceasefire', 'nothing']) {
      const records = Uint32Array.from([0, 1, 2, 3, 4, 5]);
      const scores = index.scoreRecords(searchTerms(query), records);
      const { hits } = index.search(query, { prefix: 'none', fuzzy: false, combineWith: 'OR', limit: 10 });
      const expected = new Float64Array(records.length);
      for (const hit of hits) expected[hit.record] = hit.score;
      expect(Array.from(scores).map((s) => s.toFixed(9))).toEqual(Array.from(expected).map((s) => s.toFixed(9)));
    }
  });

  it('scores only the records asked, in their order, and ignores unknown words', () => {
    const scores = index.scoreRecords(['steel', 'zzzz'], Uint32Array.from([1, 4]));
    expect(scores.length).toBe(2);
    expect(scores[0]).toBeGreaterThan(0);
    expect(scores[1]).toBe(0);
  });

  it('keeps only the rarest terms past the cap', () => {
    const all = index.scoreRecords(['the', 'aleppo'], Uint32Array.from([5]));
    const rarest = index.scoreRecords(['the', 'aleppo'], Uint32Array.from([5]), 1);
    const aleppoOnly = index.scoreRecords(['aleppo'], Uint32Array.from([5]));
    expect(rarest[0]).toBe(aleppoOnly[0]);
    expect(all[0]).toBeGreaterThanOrEqual(rarest[0]!);
  });
});
