import { describe, expect, it } from 'vitest';
import { NAMES_PAGE } from '../messages/protocol';
import { CorpusQuery } from '../query/corpus-query';
import { makeTestPack } from '../query/test-pack';
import { route as routeAs, type BackgroundServices, type RouteContext } from './router';
import type { Caller } from './sender';

const corpus = CorpusQuery.fromPack(makeTestPack());
const ready = () => Promise.resolve(corpus);
const page: Caller = { kind: 'extension-page' };
/** Routes as one of our extension pages, the caller that may send every corpus request. */
const route = (message: unknown, getCorpus: RouteContext['getCorpus'], services?: BackgroundServices) =>
  routeAs(message, { caller: page, getCorpus, services });

describe('route', () => {
  it('answers a valid request with ok and the value', async () => {
    const reply = await route({ dossier: 1, name: 'entity.card', payload: { entityId: 'tom-berg' } }, ready);
    expect(reply).toMatchObject({ ok: true, value: { entity: { name: 'Tom Berg' } } });
  });

  it('rejects unknown names, extra fields and wrong types without touching the corpus', async () => {
    let asked = 0;
    const counting = () => {
      asked++;
      return ready();
    };
    for (const bad of [
      { dossier: 1, name: 'drop.tables', payload: {} },
      { dossier: 1, name: 'search', payload: { query: 'x', extra: true } },
      { dossier: 1, name: 'search', payload: { query: 42 } },
      { dossier: 1, name: 'search', payload: { query: 'x', limit: 1e9 } },
      { dossier: 1, name: 'entity.card' },
    ]) {
      expect(await route(bad, counting)).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    }
    expect(asked).toBe(0);
  });

  it('reports an unknown id as not-found', async () => {
    const reply = await route({ dossier: 1, name: 'document.get', payload: { docId: 'zzz' } }, ready);
    expect(reply).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('reports a corpus that fails to load as not-ready', async () => {
    const reply = await route({ dossier: 1, name: 'documents.list', payload: {} }, () =>
      Promise.reject(new Error('disk on fire')),
    );
    expect(reply).toEqual({
      ok: false,
      error: { code: 'not-ready', message: 'Dossier: the corpus could not be loaded: disk on fire' },
    });
  });

  it('sends the name table a page at a time', async () => {
    const { names } = corpus.names();
    const reply = await route({ dossier: 1, name: 'names.get', payload: {} }, ready);
    expect(reply).toMatchObject({ ok: true, value: { from: 0, next: null, names } });
    const past = await route({ dossier: 1, name: 'names.get', payload: { from: NAMES_PAGE } }, ready);
    expect(past).toMatchObject({ ok: true, value: { from: NAMES_PAGE, next: null, names: [] } });
  });

  it('tells a caller that already has the current name table', async () => {
    const { version } = corpus.names();
    const reply = await route({ dossier: 1, name: 'names.get', payload: { knownVersion: version } }, ready);
    expect(reply).toEqual({ ok: true, value: { unchanged: true, version } });
  });

  describe('tabs.open', () => {
    function tabServices() {
      const opened: string[] = [];
      const services = { tabs: { open: (path: string) => (opened.push(path), Promise.resolve()) } };
      return { opened, services: services as unknown as BackgroundServices };
    }
    const noCorpus = () => Promise.reject(new Error('the corpus is not needed to open a tab'));

    it('opens the reader at a document and offset, without loading the corpus', async () => {
      const { opened, services } = tabServices();
      const reply = await route(
        { dossier: 1, name: 'tabs.open', payload: { page: 'reader', docId: 'a b&c', at: 120 } },
        noCorpus,
        services,
      );
      expect(reply).toEqual({ ok: true, value: {} });
      expect(opened).toEqual(['/reader.html?doc=a+b%26c&at=120']);
    });

    it('opens the search page with the query as a parameter', async () => {
      const { opened, services } = tabServices();
      await route(
        { dossier: 1, name: 'tabs.open', payload: { page: 'search', query: 'Kerry?x=1#y' } },
        noCorpus,
        services,
      );
      expect(opened).toEqual(['/popup.html?q=Kerry%3Fx%3D1%23y&tab=1']);
    });

    it('never opens an address a sender chose', async () => {
      const { opened, services } = tabServices();
      for (const payload of [
        { url: 'https://evil.example/' },
        { page: 'reader', docId: 'x', url: 'https://evil.example/' },
        { page: 'options' },
        { page: 'reader', docId: '' },
        { page: 'reader', docId: 'x', at: -1 },
        { page: 'search', query: '' },
        'https://evil.example/',
      ]) {
        const reply = await route({ dossier: 1, name: 'tabs.open', payload }, noCorpus, services);
        expect(reply).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
      }
      expect(opened).toEqual([]);
    });

    it('reports a tab that could not be opened', async () => {
      const services = {
        tabs: { open: () => Promise.reject(new Error('no window')) },
      } as unknown as BackgroundServices;
      const reply = await route(
        { dossier: 1, name: 'tabs.open', payload: { page: 'search', query: 'x' } },
        noCorpus,
        services,
      );
      expect(reply).toEqual({ ok: false, error: { code: 'internal', message: 'no window' } });
    });
  });
});

describe('route, when a corpus was replaced under a question', () => {
  it('asks once more on the fresh corpus (a popover token spent only once), and reports other failures as they are', async () => {
    const { SegmentGoneError } = await import('../store/posting-blocks');
    const { PopoverGrants } = await import('./popover-grants');
    // A corpus whose posting blocks were merged away: every card with a context fails as the store's reader does.
    const stale = CorpusQuery.fromPack(makeTestPack());
    stale.openCard = () => Promise.reject(new SegmentGoneError('s-old'));
    const asked: unknown[] = [];
    const freshCorpus = (c: CorpusQuery, error: unknown) => {
      asked.push(error);
      return Promise.resolve(c === stale && error instanceof SegmentGoneError ? corpus : undefined);
    };
    const grants = new PopoverGrants();
    const tab: Caller = { kind: 'content-script', tabId: 3, frameId: 0 };
    const granted = await routeAs(
      {
        dossier: 1,
        name: 'popover.grant',
        payload: { entityId: 'tom-berg', context: { text: 'Berg at the harbour' } },
      },
      { caller: tab, getCorpus: () => Promise.resolve(stale), grants },
    );
    const { token } = (granted as { ok: true; value: { token: string } }).value;
    const card = await routeAs(
      { dossier: 1, name: 'popover.card', payload: { token } },
      { caller: { kind: 'popover-frame', tabId: 3 }, getCorpus: () => Promise.resolve(stale), grants, freshCorpus },
    );
    expect(card).toMatchObject({ ok: true, value: { entity: { name: 'Tom Berg' } } });
    expect(asked).toHaveLength(1);
    // Without a fresh corpus, the failure names the segment; other errors are not asked again.
    const failed = await routeAs(
      { dossier: 1, name: 'entity.card', payload: { entityId: 'nobody' } },
      { caller: page, getCorpus: ready, freshCorpus },
    );
    expect(failed).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(asked).toHaveLength(2);
  });
});
