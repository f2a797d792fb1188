import { describe, expect, it } from 'vitest';
import { CorpusQuery, NotFoundError } from './corpus-query';
import { makeTestPack } from './test-pack';

const corpus = new CorpusQuery(makeTestPack());

describe('CorpusQuery.card', () => {
  it('lists the entity, its direct quotes and its statements apart', () => {
    const card = corpus.card('ana-ruiz');
    expect(card.entity).toEqual({
      id: 'ana-ruiz',
      name: 'Ana Ruiz',
      type: 'person',
      aliases: ['Ruiz'],
      description: 'negotiator',
    });
    expect(card.quotes.map((q) => q.text)).toEqual(['We will sign the ceasefire today,']);
    expect(card.quotes[0]!.doc.title).toBe('Talks in Lima');
    expect(card.statements).toEqual([]);
    expect(corpus.card('tom-berg').statements.map((q) => q.text)).toEqual(['the ceasefire would hold']);
  });

  it('gives each passage with the mention ranges relative to the passage', () => {
    const card = corpus.card('ana-ruiz');
    const second = card.passages.find((p) => p.id === 'd1#1')!;
    const [[start, end]] = second.highlights as [[number, number]];
    expect(second.text.slice(start, end)).toBe('Ruiz');
    expect(card.totals).toEqual({ quotes: 1, statements: 0, passages: 2, documents: 1 });
  });

  it('lists the newest article first', () => {
    expect(corpus.card('tom-berg').passages.map((p) => p.doc.id)).toEqual(['d2', 'd1']);
  });

  it('names entities mentioned in the same passages as related', () => {
    expect(corpus.card('ana-ruiz').related.map((r) => [r.id, r.count])).toEqual([
      ['lima', 1],
      ['tom-berg', 1],
    ]);
  });

  it('throws NotFoundError for an unknown id', () => {
    expect(() => corpus.card('nobody')).toThrow(NotFoundError);
  });
});

describe('CorpusQuery.search', () => {
  it('finds passages and quotes by a word, prefix included', () => {
    const kinds = corpus.search('ceasefi').hits.map((h) => `${h.kind}:${h.id}`);
    expect(kinds).toContain('quote:q:d1:q0');
    expect(kinds).toContain('passage:p:d2#0');
  });

  it('ranks an entity whose name matches above passages that mention it', () => {
    const hits = corpus.search('Berg').hits;
    expect(hits[0]).toMatchObject({ kind: 'entity', entity: { id: 'tom-berg' } });
  });

  it('returns nothing for a blank query', () => {
    expect(corpus.search('   ')).toEqual({
      query: '   ',
      hits: [],
      total: 0,
      facets: { types: [], speakers: [], documents: [] },
      suggestions: [],
    });
  });

  it('cuts the hits to the limit but reports the total', () => {
    const results = corpus.search('ceasefire', 1);
    expect(results.hits).toHaveLength(1);
    expect(results.total).toBeGreaterThan(1);
  });
});

describe('CorpusQuery documents and names', () => {
  it('lists documents newest first with their counts', () => {
    expect(
      corpus.documents().map((d) => [d.id, d.entityCount, d.quoteCount, d.statementCount, d.passageCount]),
    ).toEqual([
      ['d2', 2, 0, 1, 1],
      ['d1', 3, 1, 0, 2],
    ]);
  });

  it('gives a document with its mentions and quotes', () => {
    const view = corpus.document('d1');
    expect(view.document.title).toBe('Talks in Lima');
    expect(view.mentions).toHaveLength(4);
    expect(view.quotes.map((q) => q.speaker?.id)).toEqual(['ana-ruiz']);
    expect(() => corpus.document('zzz')).toThrow(NotFoundError);
  });

  it('leaves hidden entities out of the page names', () => {
    const names = corpus.names().names;
    expect(names.map((n) => n.text).sort()).toEqual(['Ana Ruiz', 'Berg', 'Ruiz', 'Tom Berg']);
    expect(names.every((n) => n.entityId !== 'lima')).toBe(true);
  });

  it('finds the passage around an offset', () => {
    expect(corpus.passageAt('d1', 3)?.id).toBe('d1#0');
    expect(corpus.passageAt('d1', 40)?.id).toBe('d1#1');
    expect(corpus.passageAt('nope', 0)).toBeUndefined();
  });
});
