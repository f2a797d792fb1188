import { describe, expect, it } from 'vitest';
import type { EntityCard, RequestName } from '../messages/protocol';
import type { CardState } from '../query/card';
import { CorpusQuery } from '../query/corpus-query';
import { makeTestPack, packOf } from '../query/test-pack';
import { CARD_SESSION_TTL_MS, CardSessions } from './card-sessions';
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
    'card.more': { token: '0'.repeat(32), list: 'quotes', from: 3 },
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
    'corpus.documents': { filter: 'lima', sort: { by: 'title', descending: false }, offset: 0, limit: 50 },
    'corpus.entities': { filter: 'berg' },
    'corpus.entity': { entityId: 'tom-berg' },
    'corpus.findEntity': { query: 'ber' },
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
    const names = [
      'documents.delete',
      'corpus.restoreBundled',
      'subscriptions.add',
      'documents.list',
      'corpus.documents',
      'corpus.entities',
      'corpus.entity',
      'corpus.findEntity',
    ] as const;
    for (const name of names) {
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
    expect(forFrame.sort()).toEqual(['card.more', 'entity.card', 'popover.card', 'tabs.open']);
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

describe('card pages and the page context', () => {
  const stone = CorpusQuery.fromPack(
    packOf(
      ['2021', '2022', '2023', '2024', '2025'].map((year, i) => ({
        id: `d${i}`,
        date: `${year}-01-01`,
        paragraphs: [`Stone spoke about ${i % 2 ? 'steel tariffs and trade' : 'drought and farmers'} in ${year}.`],
      })),
    ),
  );
  const stoneReady = () => Promise.resolve(stone);
  const context = { text: 'Farmers fear the drought will last', title: 'SECRET-PAGE-TITLE' };

  it('ranks the card by the context sent with the grant, never sends the context back, and pages for its tab only', async () => {
    const grants = new PopoverGrants();
    const cards = new CardSessions();
    const at = (caller: Caller, name: RequestName, payload: unknown) =>
      route({ dossier: 1, name, payload }, { caller, getCorpus: stoneReady, grants, cards });
    const granted = await at(contentScript, 'popover.grant', { entityId: 'stone', context });
    const { token } = (granted as { value: { token: string } }).value;
    const reply = await at(frameIn(7), 'popover.card', { token });
    expect(JSON.stringify(reply)).not.toContain('SECRET-PAGE-TITLE');
    const card = (reply as { ok: true; value: EntityCard }).value;
    expect(card.ranked).toBe(true);
    // The drought passages first (newest first among them), then the rest.
    expect(card.passages.map((p) => p.doc.date)).toEqual(['2025-01-01', '2023-01-01', '2021-01-01']);
    expect(card.more).toMatch(/^[0-9a-f]{32}$/);

    const more = { token: card.more, list: 'passages', from: card.next.passages };
    expect(await at(frameIn(7), 'card.more', more)).toMatchObject({
      ok: true,
      value: {
        list: 'passages',
        next: null,
        items: [{ doc: { date: '2024-01-01' } }, { doc: { date: '2022-01-01' } }],
      },
    });
    expect(await at(frameIn(8), 'card.more', more)).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await at({ kind: 'extension-page' }, 'card.more', more)).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
    expect(await at(contentScript, 'card.more', more)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('refuses a context longer than the limit', async () => {
    const reply = await route(
      { dossier: 1, name: 'popover.grant', payload: { entityId: 'stone', context: { text: 'x'.repeat(2001) } } },
      { caller: contentScript, getCorpus: stoneReady, grants: new PopoverGrants() },
    );
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });

  it('forgets a card after a while and when the corpus changes', () => {
    let now = 0;
    const cards = new CardSessions(() => now);
    const state = {} as CardState;
    const token = cards.open('tab:1', stone, state);
    expect(cards.get(token, 'tab:2', stone)).toBeNull();
    expect(cards.get(token, 'tab:1', stone)).toBe(state);
    expect(cards.get(token, 'tab:1', CorpusQuery.fromPack(makeTestPack()))).toBeNull();
    const again = cards.open('tab:1', stone, state);
    now += CARD_SESSION_TTL_MS + 1;
    expect(cards.get(again, 'tab:1', stone)).toBeNull();
  });
});
