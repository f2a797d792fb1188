/**
 * An extraction worker, started by the import worker's pool (lib/import/extract-pool.ts): runs
 * the per-document passes of one slice of a batch (lib/import/extract-shards.ts) and answers
 * each request with its result or its error. Holds the slice's analysed structure between
 * the passes; nothing else.
 */
import { defaultLexicon } from '../corpus/lexicon';
import { ShardPasses } from './extract-shards';
import type { ShardReply, ShardRequest } from './extract-pool';

const passes = new ShardPasses(defaultLexicon);

function answer(request: ShardRequest): unknown {
  switch (request.pass) {
    case 'analyse':
      return passes.analyse(request.docs, request.offset, request.collectTokens);
    case 'names':
      return passes.names(request.counts);
    case 'link':
      return passes.link(request.link);
    case 'release':
      passes.release();
      return null;
  }
}

globalThis.addEventListener('message', (event: MessageEvent<ShardRequest>) => {
  const request = event.data;
  let reply: ShardReply;
  try {
    reply = { id: request.id, ok: true, value: answer(request) };
  } catch (error) {
    reply = { id: request.id, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  globalThis.postMessage(reply);
});

globalThis.postMessage({ id: 0, ok: true, value: 'ready' } satisfies ShardReply);
