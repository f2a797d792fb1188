/**
 * Routes protocol requests to the corpus. Knows nothing of browser APIs: the
 * service worker hands it raw messages and a way to get the corpus, so it is
 * tested in Node.
 */
import {
  parseRequest,
  type Envelope,
  type Request,
  type RequestName,
  type Reply,
  type SerializedError,
} from '../messages/protocol';
import { NotFoundError, type CorpusQuery } from '../query/corpus-query';

type Handlers = { [N in RequestName]: (corpus: CorpusQuery, payload: Request<N>['payload']) => Reply<N> };

const handlers: Handlers = {
  'entity.card': (c, p) => c.card(p.entityId),
  search: (c, p) => c.search(p.query, p.limit),
  'documents.list': (c) => c.documents(),
  'document.get': (c, p) => c.document(p.docId),
  'entities.get': (c, p) => c.refs(p.ids),
  'names.get': (c, p) => {
    const table = c.names();
    return p.knownVersion === table.version ? { unchanged: true, version: table.version } : table;
  },
};

function serialize(error: unknown): SerializedError {
  if (error instanceof NotFoundError) return { code: 'not-found', message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message };
}

/**
 * Answers one message that `isDossierMessage` accepted; malformed ones get
 * an `invalid-request` reply.
 */
export async function route(message: unknown, getCorpus: () => Promise<CorpusQuery>): Promise<Envelope<unknown>> {
  const request = parseRequest(message);
  if (!request) {
    const name = (message as { name?: unknown }).name;
    return {
      ok: false,
      error: {
        code: 'invalid-request',
        message: `Dossier: malformed request ${JSON.stringify(String(name)).slice(0, 80)}`,
      },
    };
  }
  let corpus: CorpusQuery;
  try {
    corpus = await getCorpus();
  } catch (error) {
    return {
      ok: false,
      error: { code: 'not-ready', message: `Dossier: the corpus could not be loaded: ${serialize(error).message}` },
    };
  }
  try {
    const handler = handlers[request.name] as (c: CorpusQuery, p: unknown) => unknown;
    return { ok: true, value: handler(corpus, request.payload) };
  } catch (error) {
    return { ok: false, error: serialize(error) };
  }
}
