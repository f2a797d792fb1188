import { describe, expect, it } from 'vitest';
import type { QuoteView } from '../../messages/protocol';
import { appendPage, listNames, remaining, yearSummary } from './card-pages';
import { citeQuote, quotedText } from './citation';

const quote: QuoteView = {
  id: 'd1:q0',
  text: 'We will sign the ceasefire today,',
  kind: 'direct',
  speaker: { id: 'ana-ruiz', name: 'Ana Ruiz', type: 'person' },
  doc: {
    id: 'd1',
    title: 'Talks in [Lima]',
    source: 'Wire',
    date: '2020-01-02',
    url: 'https://news.example/lima?a=1&b=2',
  },
  start: 40,
};

describe('copy with citation', () => {
  it('gives the words, speaker, title, source, date and URL as Markdown', () => {
    const { plain } = citeQuote(quote);
    expect(plain).toMatch(
      /^> “We will sign the ceasefire today,”\n>\n> — Ana Ruiz, \[Talks in \\\[Lima\\\]\]\(https:\/\/news\.example\/lima\?a=1&b=2\), Wire, /,
    );
    expect(plain).toContain('2020');
    expect(plain.trimEnd().endsWith('> https://news.example/lima?a=1&b=2')).toBe(true);
  });

  it('gives the same as HTML, escaped', () => {
    const { html } = citeQuote({ ...quote, text: 'a <b>bold</b> & "odd" claim' });
    expect(html).toContain('<blockquote><p>“…a &#60;b&#62;bold&#60;/b&#62; &#38; &#34;odd&#34; claim”</p>');
    expect(html).toContain('<a href="https://news.example/lima?a=1&#38;b=2"><cite>Talks in [Lima]</cite></a>, Wire, ');
  });

  it('marks a reported statement, reads it from its sentence start, and links only web addresses', () => {
    const statement: QuoteView = {
      ...quote,
      kind: 'reported',
      text: 'the ceasefire would hold',
      lead: 'Berg said that ',
      doc: { ...quote.doc, url: 'javascript:alert(1)' },
    };
    const { plain, html } = citeQuote(statement);
    expect(plain).toContain('> Berg said that the ceasefire would hold\n');
    expect(plain).toContain('— Ana Ruiz (reported), *Talks in \\[Lima\\]*');
    expect(html).not.toContain('javascript');
    expect(quotedText({ ...statement, lead: undefined })).toBe('…the ceasefire would hold');
  });

  it('says when the speaker is unknown', () => {
    expect(citeQuote({ ...quote, speaker: null }).plain).toContain('— Unknown speaker,');
  });
});

describe('card lists', () => {
  it('adds a page to its list and moves its cursor', () => {
    const card = {
      quotes: [quote],
      statements: [],
      passages: [],
      next: { quotes: 3, statements: null, passages: null },
    } as unknown as Parameters<typeof appendPage>[0];
    const next = appendPage(card, { list: 'quotes', items: [{ ...quote, id: 'd1:q1' }], next: null });
    expect(next.quotes.map((q) => q.id)).toEqual(['d1:q0', 'd1:q1']);
    expect(next.next.quotes).toBeNull();
    expect(remaining(10, 3)).toBe(7);
    expect(remaining(10, null)).toBe(0);
  });

  it('sums up the years when there are several', () => {
    expect(yearSummary([{ year: 2021, documents: 1 }])).toBeNull();
    expect(
      yearSummary([
        { year: 2021, documents: 3 },
        { year: 2024, documents: 9 },
        { year: 2025, documents: 9 },
      ]),
    ).toBe('in the corpus since 2021, most in 2025');
    expect(listNames(['A', 'B', 'C'])).toBe('A, B and C');
  });
});
