import { browser, type PublicPath } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { registerClipMenu } from '../lib/background/clip-menu';
import { CorpusHolder } from '../lib/background/corpus-holder';
import { storageEstimate } from '../lib/background/storage-estimate';
import { announceCorpusVersion } from '../lib/messages/corpus-version';
import { registerLookup } from '../lib/background/lookup';
import { loadBundledCorpus } from '../lib/background/pack-source';
import { CardSessions } from '../lib/background/card-sessions';
import { PopoverGrants } from '../lib/background/popover-grants';
import { route } from '../lib/background/router';
import { classifySender, type SenderInfo } from '../lib/background/sender';
import { registerManage } from '../lib/background/subscriptions';
import { isDossierMessage } from '../lib/messages/protocol';
import { CorpusStore } from '../lib/store/corpus-store';

export default defineBackground(() => {
  // MV3 stops the worker when idle; the corpus is loaded again on the first
  // message after a restart (the store's active generation, else the bundled
  // pack). A failed load is retried on the next message.
  let store: Promise<CorpusStore> | undefined;
  const openStore = () =>
    (store ??= CorpusStore.open().catch((error: unknown) => {
      store = undefined;
      throw error;
    }));
  const holder = new CorpusHolder({
    openActive: async (phases) => (await openStore()).openActive(phases ? { phases } : {}),
    storeStatus: async () => (await openStore()).status(),
    loadBundled: loadBundledCorpus,
    loaded: announceCorpusVersion,
    storage: storageEstimate,
  });
  const services = {
    ...registerManage({ reload: async () => void (await holder.reload()) }),
    corpus: { status: () => holder.status(), reload: () => holder.reload() },
    // Paths with a query string are not in WXT's PublicPath list of files.
    tabs: {
      open: async (path: string) =>
        void (await browser.tabs.create({ url: browser.runtime.getURL(path as PublicPath) })),
    },
  };

  const grants = new PopoverGrants();
  const cards = new CardSessions();
  const extensionOrigin = browser.runtime.getURL('/').replace(/\/$/, '');

  // Registered synchronously at start-up so that a message that wakes the
  // worker is not missed. Messages that are not ours get no answer from us
  // (returning undefined leaves them to other listeners). Every request is
  // answered only for the senders lib/background/sender.ts allows.
  // webextension-polyfill sends the value of a returned promise as the reply.
  // eslint-disable-next-line @typescript-eslint/no-misused-promises
  browser.runtime.onMessage.addListener((message: unknown, sender: SenderInfo) =>
    isDossierMessage(message)
      ? route(message, {
          caller: classifySender(sender, browser.runtime.id, extensionOrigin),
          getCorpus: holder.corpus,
          freshCorpus: holder.fresh,
          services,
          grants,
          cards,
        })
      : undefined,
  );
  registerLookup();
  registerClipMenu();

  // Half-written generations of an import cut short (closed tab, crash) go now;
  // skipped while an import holds the write lock.
  void openStore()
    .then((s) => s.collectGarbage())
    .catch((error: unknown) => console.warn(`Dossier: start-up clean-up failed: ${String(error)}`));
});
