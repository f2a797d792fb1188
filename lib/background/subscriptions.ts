/**
 * The service worker's side of corpus management: binds the editor and the
 * subscription manager to the corpus store, the edit log and the network, and
 * runs the daily subscription check on an alarm. The entrypoint calls
 * {@link registerManage} once, synchronously at start-up.
 */
import { browser } from 'wxt/browser';
import { CorpusEditor } from '../edits/corpus-editor';
import { migrateLegacyEditLog } from '../edits/edit-log-store';
import { storeEditorDeps } from '../edits/store-deps';
import { CorpusStore } from '../store/corpus-store';
import { loadSubscriptions, saveSubscriptions } from '../subscriptions/subscription-store';
import { SubscriptionManager } from '../subscriptions/subscription-manager';
import { swapLayer } from '../subscriptions/swap-layer';
import { namesLexicon } from '../corpus/lexicon-names';
import { CHECK_ALARM, CHECK_PERIOD_MINUTES } from '../subscriptions/types';
import { loadBundledPack } from './pack-source';
import type { ManageServices } from './router';

/** Options of {@link registerManage}. */
export interface ManageOptions {
  /** Makes the background answer from the new active corpus and tells open tabs (after every write). */
  reload: () => Promise<void>;
}

/**
 * Creates the management services and registers the daily subscription check.
 * Listeners are added synchronously so an alarm that wakes the worker is not missed.
 */
export function registerManage({ reload }: ManageOptions): ManageServices {
  let store: Promise<CorpusStore> | undefined;
  const openStore = () =>
    (store ??= CorpusStore.open().then(async (opened) => {
      // A log kept by an earlier version joins the store before the first edit reads it.
      await migrateLegacyEditLog(opened).catch((error: unknown) =>
        console.warn(`Dossier: the earlier edit log could not be moved: ${String(error)}`),
      );
      return opened;
    }));
  // At start-up, so an import (which reads the log from the store) finds a log moved from an earlier version.
  void openStore().catch((error: unknown) =>
    console.warn(`Dossier: the corpus store could not be opened: ${String(error)}`),
  );
  const editor = new CorpusEditor(storeEditorDeps(openStore, loadBundledPack, reload));
  const subscriptions = new SubscriptionManager({
    load: loadSubscriptions,
    save: saveSubscriptions,
    rewrite: (fn) => editor.rewrite(fn),
    // A new version swaps the layer's one segment (no rewrite of the corpus, no extraction).
    swap: async (id, pack) => {
      await swapLayer(await openStore(), id, pack, { lexicon: namesLexicon, loadBundled: loadBundledPack });
      await reload();
    },
  });

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === CHECK_ALARM) void subscriptions.checkAll();
  });
  // Creating an alarm again would restart its period: only create a missing one.
  void browser.alarms.get(CHECK_ALARM).then((existing) => {
    if (!existing) void browser.alarms.create(CHECK_ALARM, { periodInMinutes: CHECK_PERIOD_MINUTES });
  });

  return {
    editor,
    subscriptions,
    restoreBundled: async () => {
      await (await openStore()).reset(); // the edit log goes with it
      await reload();
      // The layers went with the store: fetch every subscription again.
      await subscriptions.checkAll(true);
    },
  };
}
