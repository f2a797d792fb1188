import { describe, expect, it } from 'vitest';
import { loadNamesIndex } from '../search/records';
import { CorpusQuery, NotFoundError, partsOfPack } from './corpus-query';
import { makeTestPack } from './test-pack';

const corpus = CorpusQuery.fromPack(makeTestPack());

describe('CorpusQuery.card', () => {
  it('lists the entity, its direct quotes and its statements apart', async () => {
    const card = await corpus.card('ana-ruiz');
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
    expect((await corpus.card('tom-berg')).statements.map((q) => q.text)).toEqual(['the ceasefire would hold']);
  });

  it('gives each passage with the mention ranges relative to the passage', async () => {
    const card = await corpus.card('tom-berg');
    const first = card.passages.find((p) => p.id === 'd1#0')!;
    const [[start, end]] = first.highlights as [[number, number]];
    expect(first.text.slice(start, end)).toBe('Tom Berg');
    expect(card.totals).toEqual({ quotes: 0, statements: 1, passages: 2, documents: 2 });
  });

  it('leaves out a passage that is only a quote the card shows', async () => {
    const card = await corpus.card('ana-ruiz');
    // d1#1 is '"We will sign the ceasefire today," Ruiz said.': the quote again.
    expect(card.passages.map((p) => p.id)).toEqual(['d1#0']);
    expect(card.next).toEqual({ quotes: null, statements: null, passages: null });
  });

  it('lists the newest article first', async () => {
    expect((await corpus.card('tom-berg')).passages.map((p) => p.doc.id)).toEqual(['d2', 'd1']);
  });

  it('names entities mentioned in the same passages as related', async () => {
    expect((await corpus.card('ana-ruiz')).related.map((r) => [r.id, r.count])).toEqual([
      ['lima', 1],
      ['tom-berg', 1],
    ]);
  });

  it('throws NotFoundError for an unknown id', async () => {
    await expect(corpus.card('nobody')).rejects.toThrow(NotFoundError);
  });
});

describe('CorpusQuery.search', () => {
  it('finds passages and quotes by a word, prefix included', async () => {
    const kinds = (await corpus.search('ceasefi')).hits.map((h) => `${h.kind}:${h.id}`);
    expect(kinds).toContain('quote:q:d1:q0');
    expect(kinds).toContain('passage:p:d2#0');
  });

  it('ranks an entity whose name matches above passages that mention it', async () => {
    const hits = (await corpus.search('Berg')).hits;
    expect(hits[0]).toMatchObject({ kind: 'entity', entity: { id: 'tom-berg' } });
  });

  it('finds what a speaker said about something: the name matches the speaker, the other words the quote', async () => {
    const { hits } = await corpus.search('ruiz ceasefire');
    expect(hits[0]).toMatchObject({ kind: 'quote', id: 'q:d1:q0', quote: { speaker: { id: 'ana-ruiz' } } });
    expect(hits.filter((h) => h.kind === 'quote').map((h) => h.id)).toEqual(['q:d1:q0']);
    expect((await corpus.search('berg hold')).hits[0]).toMatchObject({ id: 'q:d2:q0' });
  });

  it('finds what a named speaker said, although the quote does not contain the name', async () => {
    const { hits, total } = await corpus.search('berg');
    expect(hits.map((h) => `${h.kind}:${h.id}`)).toEqual([
      'entity:e:tom-berg',
      'quote:q:d2:q0',
      'passage:p:d1#0',
      'passage:p:d2#0',
    ]);
    expect(total).toBe(4);
  });

  it('returns nothing for a blank query', async () => {
    expect(await corpus.search('   ')).toEqual({
      query: '   ',
      hits: [],
      total: 0,
      facets: { types: [], speakers: [], documents: [] },
      suggestions: [],
    });
  });

  it('cuts the hits to the limit but reports the total', async () => {
    const results = await corpus.search('ceasefire', 1);
    expect(results.hits).toHaveLength(1);
    expect(results.total).toBeGreaterThan(1);
  });
});

describe('CorpusQuery.search with a text index read on demand', () => {
  const pack = makeTestPack();
  const whole = partsOfPack(pack);

  it('asks for the text blocks before it loads the names index, so that both proceed at once', async () => {
    const order: string[] = [];
    let release!: () => void;
    const query = new CorpusQuery({
      ...whole,
      textReady: () => {
        order.push('text asked');
        return new Promise<void>((resolve) => (release = resolve)).then(() => void order.push('text read'));
      },
      loadNames: () => {
        order.push('names loaded');
        return loadNamesIndex(whole.indexes.names);
      },
    });
    const found = query.search('ceasefire');
    await Promise.resolve();
    expect(order).toEqual(['text asked', 'names loaded']); // the names index did not wait for the reads
    release();
    expect((await found).total).toBe((await CorpusQuery.fromPack(pack).search('ceasefire')).total);
    expect(order).toEqual(['text asked', 'names loaded', 'text read']);
  });

  it('reports a names index that fails to load, not the pending read', async () => {
    const query = new CorpusQuery({
      ...whole,
      textReady: () => Promise.reject(new Error('block read failed')),
      loadNames: () => {
        throw new Error('names index built with other options');
      },
    });
    await expect(query.search('ceasefire')).rejects.toThrow(/other options/);
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

  it('gives a document with its mentions and quotes', async () => {
    const view = await corpus.document('d1');
    expect(view.document.title).toBe('Talks in Lima');
    expect(view.mentions).toHaveLength(4);
    expect(view.quotes.map((q) => q.speaker?.id)).toEqual(['ana-ruiz']);
    await expect(corpus.document('zzz')).rejects.toThrow(NotFoundError);
  });

  it('leaves hidden entities out of the page names', () => {
    const names = corpus.names().names;
    expect(names.map((n) => n.text).sort()).toEqual(['Ana Ruiz', 'Berg', 'Ruiz', 'Tom Berg']);
    expect(names.every((n) => n.entityId !== 'lima')).toBe(true);
  });

  it('finds the passage around an offset', () => {
    const { data } = corpus;
    expect(data.passageId(data.passageAt(0, 3))).toBe('d1#0');
    expect(data.passageId(data.passageAt(0, 40))).toBe('d1#1');
    expect(data.passageAt(0, 10_000)).toBe(-1);
  });
});
