import { describe, expect, it } from 'vitest';
import { NAMES_PAGE } from '../messages/protocol';
import { CorpusQuery } from '../query/corpus-query';
import { makeTestPack } from '../query/test-pack';
import { route as routeAs, type RouteContext } from './router';
import type { Caller } from './sender';

const corpus = CorpusQuery.fromPack(makeTestPack());
const ready = () => Promise.resolve(corpus);
const page: Caller = { kind: 'extension-page' };
/** Routes as one of our extension pages, the caller that may send every corpus request. */
const route = (message: unknown, getCorpus: RouteContext['getCorpus']) => routeAs(message, { caller: page, getCorpus });

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
});
