import { describe, expect, it } from 'vitest';
import type { CorpusData } from '../edits/apply-edits';
import type { Pack } from '../pack/types';
import { toPackFile } from '../pack/file';
import { makeTestPack } from '../query/test-pack';
import { sha256Hex } from './fetch-pack';
import { SubscriptionManager } from './subscription-manager';
import type { Subscription } from './types';

const URL_ = 'https://news.example/pack.json';

/** A user corpus of one document and a fake web serving `served[url]`. */
function setup() {
  const own = makeTestPack();
  const state = {
    corpus: { ...own, documents: own.documents.slice(0, 1) } as Pack,
    subs: [] as Subscription[],
    served: new Map<string, { body: string; etag?: string }>(),
    requests: [] as { url: string; ifNoneMatch?: string }[],
  };
  const fakeFetch = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = input instanceof Request ? input.url : input.toString();
    const ifNoneMatch = (init?.headers as Record<string, string> | undefined)?.['If-None-Match'];
    state.requests.push({ url, ...(ifNoneMatch ? { ifNoneMatch } : {}) });
    const file = state.served.get(url);
    if (!file) return Promise.resolve(new Response('not found', { status: 404 }));
    if (file.etag && ifNoneMatch === file.etag) return Promise.resolve(new Response(null, { status: 304 }));
    return Promise.resolve(new Response(file.body, { status: 200, headers: file.etag ? { etag: file.etag } : {} }));
  };
  const manager = new SubscriptionManager({
    load: () => Promise.resolve(state.subs.map((s) => ({ ...s }))),
    save: (subs) => {
      state.subs = [...subs];
      return Promise.resolve();
    },
    rewrite: (fn: (pack: Pack) => CorpusData) => {
      state.corpus = { ...state.corpus, ...fn(state.corpus) };
      return Promise.resolve();
    },
    fetch: fakeFetch,
  });
  return { state, manager };
}

const published = (createdAt = '2026-01-01T00:00:00.000Z') =>
  JSON.stringify(toPackFile({ ...makeTestPack(), createdAt }));

describe('SubscriptionManager', () => {
  it('adds a subscription and its documents as a layer', async () => {
    const { state, manager } = setup();
    state.served.set(URL_, { body: published(), etag: '"v1"' });
    const sub = await manager.add(URL_);
    expect(sub).toMatchObject({ url: URL_, documentCount: 2, etag: '"v1"' });
    expect(sub.lastError).toBeUndefined();
    expect(state.corpus.documents.map((d) => d.id)).toEqual(['d1', `${sub.id}/d1`, `${sub.id}/d2`]);
  });

  it('sends the ETag back and changes nothing on 304', async () => {
    const { state, manager } = setup();
    state.served.set(URL_, { body: published(), etag: '"v1"' });
    const sub = await manager.add(URL_);
    const before = state.corpus;
    await manager.check(sub.id);
    expect(state.requests.at(-1)).toEqual({ url: URL_, ifNoneMatch: '"v1"' });
    expect(state.corpus).toBe(before);
  });

  it('keeps the last good version and reports the error when the pack turns corrupt', async () => {
    const { state, manager } = setup();
    state.served.set(URL_, { body: published() });
    const sub = await manager.add(URL_);
    state.served.set(URL_, { body: '{"format":"dossier-pack","version":1,"documents":[' });
    const after = await manager.check(sub.id);
    expect(after.lastError).toMatch(/not JSON/);
    expect(after.version?.createdAt).toBe('2026-01-01T00:00:00.000Z');
    expect(state.corpus.documents).toHaveLength(3);
  });

  it('refuses a pack whose SHA-256 does not match the one in the URL', async () => {
    const { state, manager } = setup();
    const body = published();
    state.served.set(URL_, { body });
    const bad = await manager.add(`${URL_}#sha256=${'0'.repeat(64)}`);
    expect(bad.lastError).toMatch(/SHA-256 does not match/);
    expect(state.corpus.documents).toHaveLength(1);
    const hash = await sha256Hex(new TextEncoder().encode(body).buffer);
    state.served.set(`${URL_}.sha256`, { body: `${hash}  pack.json\n` });
    expect((await manager.check(bad.id)).lastError).toMatch(/SHA-256 does not match/);
  });

  it('checks a sidecar .sha256 file when the publisher gives one', async () => {
    const { state, manager } = setup();
    const body = published();
    state.served.set(URL_, { body });
    state.served.set(`${URL_}.sha256`, {
      body: await sha256Hex(new TextEncoder().encode(body + ' ').buffer),
    });
    expect((await manager.add(URL_)).lastError).toMatch(/SHA-256/);
  });

  it('replaces the layer with a new version and removes it on unsubscribe', async () => {
    const { state, manager } = setup();
    state.served.set(URL_, { body: published() });
    const sub = await manager.add(URL_);
    const one = { ...makeTestPack(), createdAt: '2026-02-01T00:00:00.000Z' };
    state.served.set(URL_, {
      body: JSON.stringify(
        toPackFile({
          ...one,
          documents: one.documents.slice(1),
          passages: one.passages.filter((p) => p.docId === 'd2'),
          mentions: one.mentions.filter((m) => m.docId === 'd2'),
          quotes: one.quotes.filter((q) => q.docId === 'd2'),
        }),
      ),
    });
    expect((await manager.check(sub.id)).documentCount).toBe(1);
    expect(state.corpus.documents.map((d) => d.id)).toEqual(['d1', `${sub.id}/d2`]);
    await manager.remove(sub.id);
    expect(state.corpus.documents.map((d) => d.id)).toEqual(['d1']);
    expect(state.subs).toEqual([]);
  });

  it('tells the user what to paste when the address is not a URL', () => {
    const { manager } = setup();
    expect(() => manager.add('news.example/pack')).toThrow(/full https:/);
  });
});
