/**
 * The service worker's side of corpus management: binds the editor and the
 * subscription manager to the corpus store, the edit log and the network, and
 * runs the daily subscription check on an alarm. The entrypoint calls
 * {@link registerManage} once, synchronously at start-up.
 */
import { browser } from 'wxt/browser';
import { CorpusEditor } from '../edits/corpus-editor';
import { loadEditLog, saveEditLog } from '../edits/edit-log-store';
import { CorpusStore } from '../store/corpus-store';
import { loadSubscriptions, saveSubscriptions } from '../subscriptions/subscription-store';
import { SubscriptionManager } from '../subscriptions/subscription-manager';
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
  const openStore = () => (store ??= CorpusStore.open());
  const editor = new CorpusEditor({
    withWriteLock: async (fn) => (await openStore()).withWriteLock(fn),
    current: async () => (await (await openStore()).readActive())?.pack ?? (await loadBundledPack()),
    write: async (pack) => void (await (await openStore()).write(pack)),
    loadLog: loadEditLog,
    saveLog: saveEditLog,
    changed: reload,
  });
  const subscriptions = new SubscriptionManager({
    load: loadSubscriptions,
    save: saveSubscriptions,
    rewrite: (fn) => editor.rewrite(fn),
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
      await (await openStore()).reset();
      await saveEditLog([]);
      await reload();
      // The layers went with the store: fetch every subscription again.
      await subscriptions.checkAll(true);
    },
  };
}
