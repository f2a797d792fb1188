/**
 * Test helper: an extraction worker in this thread for lib/import/extract-pool.ts's tests.
 */
import { defaultLexicon } from '../corpus/lexicon';
import type { ShardReply, ShardRequest } from './extract-pool';
import { ShardPasses } from './extract-shards';

type Listener = (event: { data: ShardReply; message?: string }) => void;

/**
 * A worker in this thread that behaves like lib/import/extract-worker.ts behind postMessage:
 * structured clones both ways, answers on a later task, "ready" first. `fail` makes it fire an
 * error event at that request instead of answering; `silent` never says ready.
 */
export function fakeWorker(options: { fail?: ShardRequest['pass']; silent?: boolean } = {}) {
  const passes = new ShardPasses(defaultLexicon);
  const listeners = { message: [] as Listener[], error: [] as Listener[] };
  const worker = {
    requests: [] as string[],
    terminated: false,
    postMessage(message: unknown) {
      const request = structuredClone(message) as ShardRequest;
      worker.requests.push(request.pass);
      setTimeout(() => {
        if (worker.terminated) return;
        if (options.fail === request.pass) {
          for (const l of listeners.error) l({ data: { id: -1, ok: true, value: null }, message: 'out of memory' });
          return;
        }
        let value: unknown = null;
        if (request.pass === 'analyse') value = passes.analyse(request.docs, request.offset, request.collectTokens);
        else if (request.pass === 'names') value = passes.names(request.counts);
        else if (request.pass === 'link') value = passes.link(request.link);
        else passes.release();
        for (const l of listeners.message) l({ data: structuredClone({ id: request.id, ok: true, value }) });
      }, 0);
    },
    terminate() {
      worker.terminated = true;
    },
    addEventListener(type: 'message' | 'error', listener: Listener) {
      listeners[type].push(listener);
    },
  };
  if (!options.silent)
    setTimeout(() => {
      for (const l of listeners.message) l({ data: { id: 0, ok: true, value: 'ready' } });
    }, 0);
  return worker;
}
