import { beforeAll, describe, expect, it } from 'vitest';
import { buildBundledPack } from '../node/bundled-corpus';
import { CorpusQuery } from '../query/corpus-query';
import { NameVocabulary, typoQuery } from './name-typos';

describe('NameVocabulary', () => {
  const vocabulary = new NameVocabulary([
    { name: 'Sergey Lavrov', aliases: ['Lavrov', 'Sergei Lavrov'] },
    { name: 'John Kerry', aliases: ['Kerry'] },
    { name: 'Bashar al-Assad', aliases: ['Assad'] },
  ]);

  it('holds the folded words of names and aliases', () => {
    expect(vocabulary.has('lavrov')).toBe(true);
    expect(vocabulary.has('al')).toBe(true);
    expect(vocabulary.has('Lavrov')).toBe(false);
    expect(vocabulary.size).toBe(8);
  });

  it('finds the words within the edits, closest first', () => {
    expect(vocabulary.similar('lavorv', 2)).toEqual([{ word: 'lavrov', edits: 1 }]);
    expect(vocabulary.similar('sergie', 2)).toEqual([
      { word: 'sergei', edits: 1 },
      { word: 'sergey', edits: 2 },
    ]);
    expect(vocabulary.similar('zzzz', 1)).toEqual([]);
  });

  it('leaves a query alone when every word is a name word or the start of one', () => {
    expect(typoQuery('john kerry', vocabulary)).toBeNull();
    expect(typoQuery('john ker', vocabulary)).toBeNull();
  });

  it('gives up when a misspelt word is far from every name word', () => {
    expect(typoQuery('kerry zzzzzz', vocabulary)).toBeNull();
  });
});

describe('search forgives typos in names (bundled corpus)', () => {
  let corpus: CorpusQuery;
  beforeAll(async () => {
    corpus = CorpusQuery.fromPack(await buildBundledPack(process.cwd()));
  });
  const firstName = async (query: string) => {
    const hit = (await corpus.search(query, 10)).hits.find((h) => h.kind === 'entity');
    return hit?.kind === 'entity' ? hit.entity.name : null;
  };

  it.each([
    ['lavorv', 'Sergey Lavrov'], // two letters swapped
    ['kery', 'John Kerry'], // a dropped letter in a short word
    ['asad', 'Bashar Assad'],
    ['jon kerry', 'John Kerry'], // one word of two misspelt
    ['sergie lavrov', 'Sergey Lavrov'],
  ])('"%s" finds %s', async (query, name) => {
    expect(await firstName(query)).toBe(name);
  });

  it('marks the real name words as the matched terms, and suggests the name', async () => {
    const results = await corpus.search('lavorv', 10);
    const hit = results.hits[0]!;
    expect(hit.kind).toBe('entity');
    expect(hit.terms).toEqual(['lavrov']);
    expect(results.suggestions[0]).toBe('Sergey Lavrov');
  });

  it('brings the quotes of the name it found, as an exact name does', async () => {
    const hits = (await corpus.search('lavorv', 30)).hits;
    expect(hits.some((h) => h.kind === 'quote' && h.quote.speaker?.name === 'Sergey Lavrov')).toBe(true);
  });

  it('still finds nothing for a word far from every name', async () => {
    expect(await firstName('qwxzv')).toBeNull();
  });
});

describe('NameVocabulary.similar keeps to the first letters', () => {
  const vocabulary = new NameVocabulary([{ name: 'Bashar Assad', aliases: [] }]);
  it('forgives a swap of the first two letters and an extra first letter, not a wrong first letter', () => {
    expect(vocabulary.similar('sasad', 2).map((c) => c.word)).toEqual(['assad']);
    expect(vocabulary.similar('xassad', 2).map((c) => c.word)).toEqual(['assad']);
    expect(vocabulary.similar('essad', 2)).toEqual([]);
  });
});
