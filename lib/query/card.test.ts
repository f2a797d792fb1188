import { describe, expect, it } from 'vitest';
import { contextTerms, rankPositions } from './card-rank';
import { ShownItems, repeatKey, sentenceLead } from './card-repeats';
import { CorpusQuery } from './corpus-query';
import { packOf } from './test-pack';

const corpus = CorpusQuery.fromPack(
  packOf([
    {
      id: 'a-farm',
      date: '2021-05-01',
      paragraphs: ['Stone visited the farms of Iowa to discuss corn subsidies and drought relief for farmers.'],
      quotes: [{ text: 'Farmers need drought relief before the harvest, not after it.', kind: 'direct' }],
    },
    {
      id: 'b-trade',
      date: '2023-03-01',
      paragraphs: ['Stone announced tariffs on steel imports in a speech about trade with China.'],
      quotes: [{ text: 'These tariffs on steel will protect American workers from unfair trade.', kind: 'direct' }],
    },
    {
      id: 'c-plain',
      date: '2025-07-01',
      paragraphs: ['Stone spoke to reporters at the White House on Tuesday morning.', 'Other news of the day.'],
      quotes: [
        { text: 'a great day', kind: 'direct' },
        { text: 'We had a long and useful meeting with the governors today.', kind: 'direct' },
      ],
    },
  ]),
);

describe('ranking a card by the page being read', () => {
  it('puts first what shares most with the context, newest first without one', async () => {
    const plain = await corpus.card('stone');
    expect(plain.ranked).toBe(false);
    expect(plain.passages.map((p) => p.doc.id)).toEqual(['c-plain', 'b-trade', 'a-farm']);

    const farm = await corpus.card('stone', {
      text: 'Drought hits farmers in Iowa as corn prices fall',
      title: 'Farm news',
    });
    expect(farm.ranked).toBe(true);
    expect(farm.passages[0]!.doc.id).toBe('a-farm');
    expect(farm.quotes[0]!.doc.id).toBe('a-farm');

    const trade = await corpus.card('stone', { text: 'The steel tariffs start a trade war with China.' });
    expect(trade.passages[0]!.doc.id).toBe('b-trade');
    expect(trade.quotes[0]!.doc.id).toBe('b-trade');
  });

  it('shows a short fragment after whole sentences of the same standing', async () => {
    const card = await corpus.card('stone');
    // "a great day" is the newest quote, but a fragment.
    expect(card.quotes.map((q) => q.text)).toEqual([
      'We had a long and useful meeting with the governors today.',
      'These tariffs on steel will protect American workers from unfair trade.',
      'Farmers need drought relief before the harvest, not after it.',
    ]);
    expect(card.next.quotes).toBe(3);
  });

  it('pages through the rest in the same order', async () => {
    const { card, state } = await corpus.openCard('stone');
    const page = await corpus.cardPage(state, 'quotes', card.next.quotes!);
    expect(page).toMatchObject({ list: 'quotes', next: null });
    expect(page.items.map((q) => ('kind' in q ? q.text : ''))).toEqual(['a great day']);
  });

  it('counts the articles of each year', async () => {
    expect((await corpus.card('stone')).years).toEqual([
      { year: 2021, documents: 1 },
      { year: 2023, documents: 1 },
      { year: 2025, documents: 1 },
    ]);
  });

  it('leaves the entity\u2019s own names out of the context', () => {
    expect(contextTerms({ text: 'Alex Stone talks tariffs' }, ['Alex Stone', 'Stone'])).toEqual(['talks', 'tariffs']);
    expect(contextTerms(undefined, ['Stone'])).toEqual([]);
  });

  it('orders by score, then sentence over fragment, then newest, then reading order', () => {
    // Rows 1…5: score, fragment, recency, start.
    const items = [
      { row: 1, score: 0, fragment: 1, recency: 0, start: 0 },
      { row: 2, score: 0, fragment: 0, recency: 3, start: 0 },
      { row: 3, score: 2, fragment: 0, recency: 5, start: 0 },
      { row: 4, score: 3, fragment: 1, recency: 5, start: 0 },
      { row: 5, score: 0, fragment: 0, recency: 3, start: 0 },
      { row: 6, score: 0, fragment: 0, recency: 3, start: 7 },
    ];
    const positions = rankPositions({
      score: Float64Array.from(items, (i) => i.score),
      fragment: Uint8Array.from(items, (i) => i.fragment),
      recency: Uint32Array.from(items, (i) => i.recency),
      start: Uint32Array.from(items, (i) => i.start),
    });
    expect(Array.from(positions, (p) => items[p]!.row)).toEqual([3, 4, 2, 5, 6, 1]);
  });
});

describe('repeats in one card', () => {
  it('treats the same words with other punctuation and case as the same', () => {
    expect(repeatKey('“We will win,” he said.')).toBe(repeatKey('we will WIN he said'));
  });

  it('drops a statement over a shown quote and a passage that is only that quote', () => {
    const shown = new ShownItems();
    shown.add(1, 10, 40, 'We will sign the ceasefire today');
    expect(shown.repeatsQuote(1, 20, 50, 'the ceasefire today and more')).toBe(true);
    expect(shown.repeatsQuote(1, 41, 60, 'something else entirely')).toBe(false);
    expect(shown.repeatsQuote(2, 0, 30, 'We will sign the ceasefire today')).toBe(true);
    expect(shown.repeatsPassage(1, 8, 52, '"We will sign the ceasefire today," Ruiz said.')).toBe(true);
    const long = `"We will sign the ceasefire today," Ruiz said, ${'and then much more was said about it. '.repeat(3)}`;
    expect(shown.repeatsPassage(1, 8, 8 + long.length, long)).toBe(false);
  });
});

describe('a statement that starts mid-sentence', () => {
  const text = 'Talks went on. Kerry said that the ceasefire would hold. Lavrov agreed.';
  it('gets its sentence start as a lead', () => {
    expect(sentenceLead(text, 0, text.indexOf('the ceasefire'))).toBe('Kerry said that ');
  });
  it('gets one when it starts mid-sentence with a capital', () => {
    const t = 'Votes were counted. According to the registrar, Lima led by a few votes.';
    expect(sentenceLead(t, 0, t.indexOf('Lima'))).toBe('According to the registrar, ');
  });
  it('gets none when it starts its sentence or the lead is too long', () => {
    expect(sentenceLead(text, 0, text.indexOf('Lavrov'))).toBeNull();
    const long = `${'word '.repeat(60)}the end`;
    expect(sentenceLead(long, 0, long.indexOf('the end'))).toBeNull();
  });
});
