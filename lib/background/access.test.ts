import { describe, expect, it } from 'vitest';
import type { RequestName } from '../messages/protocol';
import { CorpusQuery } from '../query/corpus-query';
import { makeTestPack } from '../query/test-pack';
import { PopoverGrants } from './popover-grants';
import { NOTHING_TO_SHOW, route } from './router';
import { ACCESS, classifySender, type Caller } from './sender';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${ID}`;
const corpus = CorpusQuery.fromPack(makeTestPack());
const ready = () => Promise.resolve(corpus);

const contentScript: Caller = { kind: 'content-script', tabId: 7, frameId: 0 };
const frameIn = (tabId: number): Caller => ({ kind: 'popover-frame', tabId });

describe('classifySender', () => {
  const classify = (sender: Parameters<typeof classifySender>[0]) => classifySender(sender, ID, ORIGIN);

  it('knows the toolbar popup (no tab) and our pages as a tab’s top document', () => {
    expect(classify({ id: ID, url: `${ORIGIN}/popup.html` })).toEqual({ kind: 'extension-page' });
    expect(
      classify({ id: ID, url: `${ORIGIN}/options.html`, frameId: 0, tab: { id: 3, url: `${ORIGIN}/options.html` } }),
    ).toEqual({ kind: 'extension-page' });
  });

  it('knows the popover frame inside a web page, and nothing else of ours in a frame', () => {
    const tab = { id: 3, url: 'https://news.example/a' };
    expect(classify({ id: ID, url: `${ORIGIN}/popover.html`, frameId: 5, tab })).toEqual({
      kind: 'popover-frame',
      tabId: 3,
    });
    expect(classify({ id: ID, url: `${ORIGIN}/options.html`, frameId: 5, tab })).toEqual({ kind: 'unknown' });
  });

  it('treats our page at the top of a tab the browser says shows a web page as unknown', () => {
    const sender = { id: ID, url: `${ORIGIN}/options.html`, frameId: 0, tab: { id: 3, url: 'https://evil.example/' } };
    expect(classify(sender)).toEqual({ kind: 'unknown' });
  });

  it('knows a content script by its web URL, tab and frame', () => {
    const tab = { id: 3, url: 'https://news.example/a' };
    expect(classify({ id: ID, url: 'https://news.example/a', frameId: 0, tab })).toEqual({
      kind: 'content-script',
      tabId: 3,
      frameId: 0,
    });
    expect(classify({ id: ID, url: 'about:srcdoc', frameId: 2, tab })).toEqual({
      kind: 'content-script',
      tabId: 3,
      frameId: 2,
    });
  });

  it('refuses other extensions, senders without a URL and web senders without a tab', () => {
    expect(classify({ id: 'other', url: `${ORIGIN}/popup.html` })).toEqual({ kind: 'unknown' });
    expect(classify({ id: ID })).toEqual({ kind: 'unknown' });
    expect(classify({ id: ID, url: 'https://news.example/' })).toEqual({ kind: 'unknown' });
    expect(classify({ id: ID, url: 'file:///etc/passwd', frameId: 0, tab: { id: 1 } })).toEqual({ kind: 'unknown' });
  });
});

describe('who may send what', () => {
  const samples: { [N in RequestName]: unknown } = {
    'names.get': {},
    'popover.grant': { entityId: 'tom-berg' },
    'popover.card': { token: '0'.repeat(32) },
    'tabs.open': { page: 'search', query: 'berg' },
    'entity.card': { entityId: 'tom-berg' },
    search: { query: 'berg' },
    'documents.list': {},
    'document.get': { docId: 'd1' },
    'entities.get': { ids: ['tom-berg'] },
    'corpus.status': {},
    'corpus.reload': {},
    'entities.list': {},
    'entity.edit': { edits: [{ op: 'hide', entityId: 'tom-berg' }] },
    'documents.edit': { docId: 'd1', change: { title: 'x' } },
    'documents.delete': { docIds: ['d1'] },
    'documents.undoDelete': { undoToken: 'u' },
    'corpus.restoreBundled': {},
    'subscriptions.list': {},
    'subscriptions.add': { url: 'https://evil.example/pack.json' },
    'subscriptions.remove': { id: 's' },
    'subscriptions.check': { id: 's' },
    'clip.check': { url: 'https://a.example/x', title: 'x', textKey: 'k' },
  };

  it('lets a content script ask only for the names and a card token', async () => {
    const allowed: string[] = [];
    for (const name of Object.keys(samples) as RequestName[]) {
      const reply = await route(
        { dossier: 1, name, payload: samples[name] },
        { caller: contentScript, getCorpus: ready, grants: new PopoverGrants() },
      );
      if (!(reply.ok === false && reply.error.code === 'forbidden')) allowed.push(name);
    }
    expect(allowed.sort()).toEqual(['names.get', 'popover.grant']);
  });

  it('refuses corpus management from a content script before loading the corpus', async () => {
    let asked = 0;
    for (const name of ['documents.delete', 'corpus.restoreBundled', 'subscriptions.add', 'documents.list'] as const) {
      const reply = await route(
        { dossier: 1, name, payload: samples[name] },
        { caller: contentScript, getCorpus: () => (asked++, ready()) },
      );
      expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(asked).toBe(0);
  });

  it('lets the popover frame trade tokens for cards and follow their links, open our pages, and nothing else', () => {
    const forFrame = (Object.keys(ACCESS) as RequestName[]).filter((n) => ACCESS[n].includes('popover-frame'));
    expect(forFrame.sort()).toEqual(['entity.card', 'popover.card', 'tabs.open']);
  });

  it('gives extension pages everything but the popover handshake', () => {
    const notForPages = (Object.keys(ACCESS) as RequestName[]).filter((n) => !ACCESS[n].includes('extension-page'));
    expect(notForPages.sort()).toEqual(['popover.card', 'popover.grant']);
  });

  it('answers an unknown caller nothing at all', async () => {
    for (const name of Object.keys(samples) as RequestName[]) {
      const reply = await route(
        { dossier: 1, name, payload: samples[name] },
        { caller: { kind: 'unknown' }, getCorpus: ready },
      );
      expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
  });
});

describe('popover tokens', () => {
  const send = (caller: Caller, grants: PopoverGrants, name: 'popover.grant' | 'popover.card', payload: object) =>
    route({ dossier: 1, name, payload }, { caller, getCorpus: ready, grants });

  async function grant(grants: PopoverGrants, entityId: string): Promise<string> {
    const reply = await send(contentScript, grants, 'popover.grant', { entityId });
    if (!reply.ok) throw new Error(reply.error.message);
    return (reply.value as { token: string }).token;
  }

  it('a token from the content script buys its frame in the same tab one card', async () => {
    const grants = new PopoverGrants();
    const token = await grant(grants, 'tom-berg');
    expect(token).toMatch(/^[0-9a-f]{32}$/);
    const card = await send(frameIn(7), grants, 'popover.card', { token });
    expect(card).toMatchObject({ ok: true, value: { entity: { name: 'Tom Berg' } } });
    // Used up.
    expect(await send(frameIn(7), grants, 'popover.card', { token })).toEqual({
      ok: false,
      error: { code: 'not-found', message: NOTHING_TO_SHOW },
    });
  });

  it('a guessed token, a token of another tab and an unknown entity get the same reply', async () => {
    const grants = new PopoverGrants();
    const foreign = await grant(grants, 'tom-berg');
    const unknown = await grant(grants, 'no-such-entity');
    const replies = [
      await send(frameIn(7), grants, 'popover.card', { token: 'f'.repeat(32) }),
      await send(frameIn(8), grants, 'popover.card', { token: foreign }),
      await send(frameIn(7), grants, 'popover.card', { token: unknown }),
    ];
    for (const reply of replies)
      expect(reply).toEqual({ ok: false, error: { code: 'not-found', message: NOTHING_TO_SHOW } });
  });

  it('a token expires, and a tab holds a bounded number', () => {
    let now = 0;
    let n = 0;
    const grants = new PopoverGrants(
      () => now,
      () => String(n++),
    );
    const old = grants.grant('a', 1);
    now += 10_001;
    expect(grants.redeem(old, 1)).toBeNull();
    for (let i = 0; i < 50; i++) grants.grant('a', 1);
    expect(grants.size).toBe(8);
    grants.grant('b', 2);
    expect(grants.size).toBe(9);
  });
});
