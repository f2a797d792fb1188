import { describe, expect, it } from 'vitest';
import type { SearchHit } from '../../messages/protocol';
import { firstShown } from './SearchResultsView';

/** Hits of the given kinds in answer order (only `kind` and `id` matter here). */
const hits = (kinds: SearchHit['kind'][]): SearchHit[] =>
  kinds.map((kind, i) => ({ kind, id: `${kind}-${i}`, score: 1, terms: [] }) as unknown as SearchHit);

describe('firstShown', () => {
  it('takes the first hits in the order they are shown (names, quotes, passages), not the answer order', () => {
    const answer = hits(['passage', 'quote', 'passage', 'entity', 'quote', 'entity']);
    expect(firstShown(answer, 3).map((h) => h.id)).toEqual(['entity-3', 'entity-5', 'quote-1']);
  });

  it('so the hits added in the next frame only ever go below the ones painted first', () => {
    const answer = hits(['quote', 'passage', 'entity', 'passage', 'quote', 'entity', 'passage']);
    const all = firstShown(answer, answer.length).map((h) => h.id);
    for (let n = 0; n <= answer.length; n++) expect(firstShown(answer, n).map((h) => h.id)).toEqual(all.slice(0, n));
  });
});
