import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { registerLookup } from '../lib/background/lookup';
import { loadBundledPack } from '../lib/background/pack-source';
import { route } from '../lib/background/router';
import { isDossierMessage } from '../lib/messages/protocol';
import { CorpusQuery } from '../lib/query/corpus-query';

export default defineBackground(() => {
  // MV3 stops the worker when idle; the corpus is loaded again on the first
  // message after a restart. A failed load is retried on the next message.
  let corpus: Promise<CorpusQuery> | undefined;
  const getCorpus = () => {
    corpus ??= loadBundledPack()
      .then((pack) => new CorpusQuery(pack))
      .catch((error: unknown) => {
        corpus = undefined;
        throw error;
      });
    return corpus;
  };

  // Registered synchronously at start-up so that a message that wakes the
  // worker is not missed. Messages that are not ours get no answer from us
  // (returning undefined leaves them to other listeners).
  // webextension-polyfill sends the value of a returned promise as the reply.
  // eslint-disable-next-line @typescript-eslint/no-misused-promises
  browser.runtime.onMessage.addListener((message: unknown) =>
    isDossierMessage(message) ? route(message, getCorpus) : undefined,
  );
  registerLookup();
});
