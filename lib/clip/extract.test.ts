import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { countWords, extractArticle } from './extract';
import { cleanByline, dateOf, pageMetadata } from './metadata';

const FIXTURE = path.resolve(import.meta.dirname, '../../tests/fixtures/clip/article.html');
const PAGES = path.resolve(import.meta.dirname, '../../../shared/pages');
const PAGE_URL = 'https://harbour-gazette.example/2024/03/14/quota-talks#comments';

const documentOf = (html: string) => parseHTML(html).document;

describe('pageMetadata', () => {
  it('reads title, author, site, date and canonical address from the tags', () => {
    expect(pageMetadata(documentOf(readFileSync(FIXTURE, 'utf8')), PAGE_URL)).toEqual({
      title: 'Fishing quota talks stall in Tromsø',
      byline: 'Ingrid Solheim',
      siteName: 'The Harbour Gazette',
      published: '2024-03-14',
      canonicalUrl: 'https://harbour-gazette.example/2024/03/14/quota-talks',
    });
  });

  it('takes the date from JSON-LD, then from a <time> in the article, when no meta tag has it', () => {
    const ld = documentOf(
      `<html><head><script type="application/ld+json">{"@graph":[{"@type":"WebPage"},{"@type":"NewsArticle","datePublished":"2021-06-02T23:10:00Z","author":{"@type":"Organization","name":"Newsroom"}}]}</script></head><body></body></html>`,
    );
    expect(pageMetadata(ld, 'https://a.example/x')).toEqual({ published: '2021-06-02' });
    const time = documentOf(
      `<html><body><aside><time datetime="2020-01-01">x</time></aside><article><time datetime="2019-05-04T10:00">4 May</time></article></body></html>`,
    );
    expect(pageMetadata(time, 'https://a.example/x').published).toBe('2019-05-04');
  });

  it('skips broken JSON-LD, non-http canonical links and unreadable dates', () => {
    const doc = documentOf(
      `<html><head><script type="application/ld+json">{not json</script><link rel="canonical" href="javascript:alert(1)"><meta property="article:published_time" content="soon"></head><body></body></html>`,
    );
    expect(pageMetadata(doc, 'https://a.example/x')).toEqual({});
  });

  it('reads dates and bylines as a reader would', () => {
    expect(dateOf('2024-03-14T23:30:00-05:00')).toBe('2024-03-14');
    expect(dateOf('Tue, 01 Nov 2016 10:00:00 GMT')).toBe('2016-11-01');
    expect(dateOf('yesterday')).toBeUndefined();
    expect(cleanByline('By Erin Cunningham')).toBe('Erin Cunningham');
    expect(cleanByline('by Lucas Nolan22 Dec 2016651')).toBeUndefined();
    expect(cleanByline('By')).toBeUndefined();
  });
});

describe('extractArticle', () => {
  it('finds the article text, without navigation or footer, and leaves the page unchanged', () => {
    const doc = documentOf(readFileSync(FIXTURE, 'utf8'));
    const before = doc.documentElement.outerHTML;
    const out = extractArticle(doc, PAGE_URL);
    expect(doc.documentElement.outerHTML).toBe(before);
    if (!out.ok) throw new Error(out.reason);
    const { article } = out;
    expect(article.title).toBe('Fishing quota talks stall in Tromsø');
    expect(article.source).toBe('The Harbour Gazette');
    expect(article.date).toBe('2024-03-14');
    expect(article.byline).toBe('Ingrid Solheim');
    expect(article.url).toBe('https://harbour-gazette.example/2024/03/14/quota-talks');
    expect(article.text.split('\n')[0]).toMatch(/^Talks between Norway and the European Union/);
    expect(article.text).toContain('"The stock is in decline and every fleet has to carry part of the burden,"');
    expect(article.text).not.toMatch(/Privacy|Sport/);
    expect(article.wordCount).toBe(countWords(article.text));
  });

  it('says why when there is no article', () => {
    const login = readFileSync(path.resolve(import.meta.dirname, '../../tests/fixtures/clip/no-article.html'), 'utf8');
    expect(extractArticle(documentOf(login), 'https://a.example/login')).toEqual({ ok: false, reason: 'no-article' });
  });

  it('uses the page address without its fragment when no canonical one is given', () => {
    const html = readFileSync(FIXTURE, 'utf8')
      .replace(/<link rel="canonical"[^>]*>/, '')
      .replace(/<meta property="og:url"[^>]*>/, '');
    const out = extractArticle(documentOf(html), PAGE_URL);
    expect(out.ok && out.article.url).toBe('https://harbour-gazette.example/2024/03/14/quota-talks');
  });
});

describe('extractArticle on saved news pages (../shared/pages)', () => {
  const has = existsSync(PAGES);
  it.skipIf(!has)('reads the metadata the pages carry', { timeout: 60_000 }, () => {
    const read = (name: string) => {
      const out = extractArticle(
        documentOf(readFileSync(path.join(PAGES, name), 'utf8')),
        `https://saved.example/${name}`,
      );
      if (!out.ok) throw new Error(`${name}: ${out.reason}`);
      return out.article;
    };
    const bbc = read('bbc-1.html');
    expect([bbc.date, bbc.source, bbc.url]).toEqual([
      '2015-07-24',
      'BBC News',
      'http://www.bbc.com/news/world-us-canada-33646704',
    ]);
    expect(bbc.byline).toBeUndefined(); // signed by the organisation only
    const cnn = read('cnn.html');
    expect([cnn.date, cnn.byline, cnn.source]).toEqual(['2016-02-01', 'Ahiza Garcia', 'CNNMoney']);
    const guardian = read('guardian-1.html');
    expect([guardian.date, guardian.byline]).toEqual(['2019-01-03', 'Eleanor Ainge Roy']);
    expect(guardian.text).toContain('Hori Parata');
    expect(read('breitbart.html').title).toBe(
      "'Neutral' Snopes Fact-Checker David Emery: 'Are There Any Un-Angry Trump Supporters?'",
    );
    expect(read('nytimes-1.html').date).toBe('2017-01-13');
    for (const name of ['telegraph.html', 'wapo-1.html', 'abcnews.html'])
      expect(read(name).wordCount, name).toBeGreaterThan(300);
  });
  if (!has) it.skip('../shared/pages is absent: the saved-page checks are skipped', () => undefined);
});
