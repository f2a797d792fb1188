import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SearchFilters, SearchHit } from '../messages/protocol';
import { defaultLexicon } from '../corpus/lexicon';
import { buildPack } from '../pack/build';
import { ENTITY_TYPES } from '../pack/types';
import { CorpusQuery } from './corpus-query';
import { makeTestPack } from './test-pack';

const corpus = CorpusQuery.fromPack(makeTestPack());
const KIND_ORDER = { entity: 0, quote: 1, passage: 2 } as const;

describe('search grouping', () => {
  it('puts names first, then quotes, then passages', async () => {
    const kinds = (await corpus.search('Berg ceasefire Ruiz Lima'.split(' ')[0]!)).hits.map((h) => h.kind);
    expect(kinds[0]).toBe('entity');
    const order = (await corpus.search('ceasefire')).hits.map((h) => KIND_ORDER[h.kind]);
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('suggests the names a prefix starts', async () => {
    expect((await corpus.search('ru')).suggestions).toEqual(['Ana Ruiz']);
  });
});

describe('statements in search results', () => {
  it('carry the start of their sentence, so the popup reads "Berg said that …"', async () => {
    const hit = (await corpus.search('ceasefire', 30, { speakerId: 'tom-berg' })).hits[0]!;
    expect(hit.kind === 'quote' ? [hit.quote.kind, hit.quote.lead, hit.quote.text] : hit.kind).toEqual([
      'reported',
      'Berg said that ',
      'the ceasefire would hold',
    ]);
  });

  it('carry it in the reader too', async () => {
    const doc = await corpus.document('d2');
    expect(doc.quotes.find((q) => q.kind === 'reported')?.lead).toBe('Berg said that ');
  });
});

describe('search filters', () => {
  it('keeps only one speaker’s quotes', async () => {
    const hits = (await corpus.search('ceasefire', 30, { speakerId: 'tom-berg' })).hits;
    expect(hits.map((h) => h.id)).toEqual(['q:d2:q0']);
  });

  it('keeps only one article', async () => {
    const hits = (await corpus.search('ceasefire', 30, { docId: 'd1' })).hits;
    expect(hits.length).toBeGreaterThan(0);
    for (const h of hits)
      expect(h.kind === 'quote' ? h.quote.doc.id : h.kind === 'passage' ? h.passage.doc.id : 'd1').toBe('d1');
  });

  it('counts facets over the unfiltered matches', async () => {
    const { facets } = await corpus.search('ceasefire', 30, { speakerId: 'tom-berg' });
    expect(facets.speakers.map((s) => [s.id, s.count])).toEqual([
      ['ana-ruiz', 1],
      ['tom-berg', 1],
    ]);
    expect(facets.documents.map((d) => d.id).sort()).toEqual(['d1', 'd2']);
  });
});

/** What a hit is about, computed independently of lib/query/search.ts. */
function naiveFacts(hit: SearchHit): { types: string[]; speakerId: string | null; docIds: string[] } {
  const pack = makeTestPack();
  const typeOf = (id: string) => pack.entities.find((e) => e.id === id)!.type;
  switch (hit.kind) {
    case 'entity':
      return {
        types: [hit.entity.type],
        speakerId: null,
        docIds: [...new Set(pack.mentions.filter((m) => m.entityId === hit.entity.id).map((m) => m.docId))],
      };
    case 'quote':
      return {
        types: hit.quote.speaker ? [hit.quote.speaker.type] : [],
        speakerId: hit.quote.speaker?.id ?? null,
        docIds: [hit.quote.doc.id],
      };
    case 'passage': {
      const p = pack.passages.find((x) => `p:${x.id}` === hit.id)!;
      const inside = pack.mentions.filter((m) => m.docId === p.docId && m.start >= p.start && m.end <= p.end);
      return { types: [...new Set(inside.map((m) => typeOf(m.entityId)))], speakerId: null, docIds: [p.docId] };
    }
  }
}

describe('search filters, against a naive filter', () => {
  const words = ['ceasefire', 'Berg', 'Ruiz', 'Lima', 'sign', 'hold', 'calm', 'Ana', 'talks', 'today'];
  const filters: fc.Arbitrary<SearchFilters> = fc.record(
    {
      types: fc.subarray([...ENTITY_TYPES], { minLength: 1 }),
      speakerId: fc.constantFrom('ana-ruiz', 'tom-berg', 'nobody'),
      docId: fc.constantFrom('d1', 'd2'),
    },
    { requiredKeys: [] },
  );

  it('returns exactly the unfiltered hits that pass the filter, in the same order', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...words), filters, async (word, f) => {
        const all = (await corpus.search(word, 500)).hits;
        const expected = all
          .filter((h) => {
            const facts = naiveFacts(h);
            if (f.types && !facts.types.some((t) => f.types!.includes(t as never))) return false;
            if (f.speakerId && facts.speakerId !== f.speakerId) return false;
            if (f.docId && !facts.docIds.includes(f.docId)) return false;
            return true;
          })
          .map((h) => h.id);
        expect((await corpus.search(word, 500, f)).hits.map((h) => h.id)).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });
});

describe('a rare word next to a common one a typo away', () => {
  // At 10,000 briefings "raisina" (one article) found 990 typo matches of "raising", and their quotes
  // came before the one passage that has the word as typed: the article was never among the hits.
  const speakers = ['Tom Berg', 'Ana Ruiz', 'Lena Marsh', 'Omar Haddad'];
  const docs = Array.from({ length: 12 }, (_, i) => ({
    id: `w${i}`,
    title: `Wages ${i}`,
    text: `"We are raising wages for workers in district ${i}," ${speakers[i % 4]} said on Monday.\n"Raising them again is the plan," ${speakers[i % 4]} added.`,
  }));
  docs.push({
    id: 'r1',
    title: 'Travel to India',
    text: 'The deputy adviser travelled to New Delhi for the Raisina Dialogue, where she met officials.',
  });
  const query = CorpusQuery.fromPack(buildPack(docs, { lexicon: defaultLexicon, generator: 'test' }));

  it('puts what matches the word as typed before what matches it with a typo', async () => {
    const found = await query.search('raisina', 5);
    const docsOf = found.hits.flatMap((h) =>
      h.kind === 'quote' ? [h.quote.doc.title] : h.kind === 'passage' ? [h.passage.doc.title] : [],
    );
    expect(docsOf).toContain('Travel to India');
    expect(docsOf[0]).toBe('Travel to India');
  });

  it('still forgives the typo when the word as typed matches nothing', async () => {
    const found = await query.search('raisinh', 5);
    expect(found.hits.some((h) => h.kind === 'quote')).toBe(true);
  });
});

describe('asking a query again with another limit', () => {
  it('gives the same first hits, total, facets and suggestions, ranking it once', async () => {
    const fresh = CorpusQuery.fromPack(makeTestPack());
    const rows = (r: { hits: SearchHit[] }) => r.hits.map((h) => h.id);
    const expected = await CorpusQuery.fromPack(makeTestPack()).search('ceasefire', 60);
    let searches = 0;
    const text = fresh.textIndex;
    const search = text.search.bind(text);
    text.search = (...a) => (searches++, search(...a));
    const first = await fresh.search('ceasefire', 2);
    const ranked = searches;
    expect(ranked).toBeGreaterThan(0);
    const all = await fresh.search('ceasefire', 60);
    expect(searches).toBe(ranked);
    expect(rows(first)).toEqual(rows(expected).slice(0, 2));
    expect(rows(all)).toEqual(rows(expected));
    expect({ ...all, hits: [] }).toEqual({ ...expected, hits: [] });
    expect({ ...first, hits: [] }).toEqual({ ...expected, hits: [] });
  });

  it('ranks again for other filters', async () => {
    const plain = await corpus.search('ceasefire', 30);
    const one = await corpus.search('ceasefire', 30, { speakerId: 'tom-berg' });
    expect(one.hits.map((h) => h.id)).toEqual(['q:d2:q0']);
    expect(plain.hits.length).toBeGreaterThan(1);
  });
});
