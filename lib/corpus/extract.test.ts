/**
 * The structure budget of extractKnowledge trades memory for time only: whether a document's
 * tokens are kept between passes or analysed again must not change the result.
 */
import { describe, expect, it } from 'vitest';
import { extractKnowledge } from './extract';
import fixture from './fixtures/wikinews-sample.json';
import { defaultLexicon } from './lexicon';

describe('extractKnowledge structure budget', () => {
  const all = extractKnowledge(fixture.documents, defaultLexicon, { keepStructuresChars: Infinity });
  const firstDocChars = fixture.documents[0]!.text.length;

  it.each([
    ['none kept', 0],
    ['only the first document kept', firstDocChars],
  ])('gives the same knowledge with %s', (_label, budget) => {
    expect(extractKnowledge(fixture.documents, defaultLexicon, { keepStructuresChars: budget })).toEqual(all);
  });
});
