import { describe, expect, it } from 'vitest';
import { textKey } from '../import/merge';
import { canonicalKey, findClipDuplicate } from './duplicate';

describe('canonicalKey', () => {
  it('ignores scheme, www, fragment, tracking parameters, parameter order and a trailing slash', () => {
    const key = canonicalKey('https://news.example/a/story?id=4&page=2');
    expect(canonicalKey('http://www.News.example/a/story/?page=2&utm_source=feed&id=4#comments')).toBe(key);
    expect(canonicalKey('https://news.example/a/story?id=5&page=2')).not.toBe(key);
  });

  it('is null for what is not a web address', () => {
    expect(canonicalKey(undefined)).toBeNull();
    expect(canonicalKey('not a url')).toBeNull();
    expect(canonicalKey('file:///tmp/a.html')).toBeNull();
  });
});

describe('findClipDuplicate', () => {
  const docs = [
    { id: 'd1', title: 'Talks in Lima', url: 'https://news.example/lima' },
    { id: 'd2', title: 'Quota talks stall', url: 'https://other.example/q' },
    { id: 'd3', title: 'Quota talks stall' },
  ];
  const texts = ['Lima text.', 'An older text on quotas.', 'The quota text.'];
  const reads: number[][] = [];
  const keysOf = (ns: number[]) => {
    reads.push(ns);
    return Promise.resolve(ns.map((n) => textKey(texts[n]!)));
  };

  it('finds the same canonical address without reading any text', async () => {
    reads.length = 0;
    const found = await findClipDuplicate(
      docs,
      { url: 'https://www.news.example/lima/?utm_medium=rss', title: 'Other title', textKey: 'x' },
      keysOf,
    );
    expect(found).toEqual({ docId: 'd1', title: 'Talks in Lima', reason: 'url' });
    expect(reads).toEqual([]);
  });

  it('finds the same title and text, reading only the same-title documents', async () => {
    reads.length = 0;
    const found = await findClipDuplicate(
      docs,
      { url: 'https://third.example/x', title: 'quota  talks STALL', textKey: textKey('the   quota text.') },
      keysOf,
    );
    expect(found).toEqual({ docId: 'd3', title: 'Quota talks stall', reason: 'text' });
    expect(reads).toEqual([[1, 2]]);
  });

  it('is null for a new article, and for the same title with another text', async () => {
    expect(await findClipDuplicate(docs, { title: 'New', textKey: textKey('New.') }, keysOf)).toBeNull();
    expect(
      await findClipDuplicate(docs, { title: 'Quota talks stall', textKey: textKey('A new text.') }, keysOf),
    ).toBeNull();
  });
});
