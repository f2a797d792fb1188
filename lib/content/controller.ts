/**
 * The content script's controller: runs a page session when Dossier is on for
 * this site, restarts it when the settings or the corpus change, and answers
 * the popup's and background's messages to this tab.
 */
import { browser } from 'wxt/browser';
import { request } from '../messages/client';
import { watchCorpusVersion } from '../messages/corpus-version';
import { parseTabMessage, type FrameReport, type TabMessage, type TabProtocol } from '../messages/protocol';
import { isActiveOn, type Settings } from '../settings/settings';
import { loadSettings, watchSettings } from '../settings/settings-store';
import { waitForFrameText } from '../page/frame-gate';
import { removeOverlayHost } from '../page/overlay';
import { dropPageMatcher, offerPageCompiler, pageMatcher, type NamesSend } from './page-matcher';
import { startPageSession, type PageSession } from './page-session';

/**
 * Starts the controller on `doc`. Returns a function that stops everything.
 * Errors while (re)starting are reported, never thrown: a page without
 * Dossier is still a working page.
 */
export function startController(doc: Document): () => void {
  let session: PageSession | null = null;
  let settings: Settings | null = null;
  const win = doc.defaultView ?? window;
  const sendNames: NamesSend = (payload) => request('names.get', payload);
  // The top frame compiles the page's matcher for every frame (page-matcher.ts); its child frames may show
  // text, and ask, before the top frame does: offered before the gate, used only when asked.
  offerPageCompiler(win, sendNames);
  // Nothing else happens (no settings read, no names request, no compile)
  // until this frame shows some text: most same-origin frames of a news page
  // are empty ad slots and trackers (lib/page/frame-gate.ts).
  const gate = waitForFrameText(doc);
  // Serialises restarts: a new one waits for the previous to settle.
  let pending: Promise<void> = gate.ready;

  const restart = () => {
    pending = pending.then(async () => {
      session?.stop();
      session = null;
      settings ??= await loadSettings();
      if (!isActiveOn(settings, doc.location.hostname)) return;
      // Compiled once per page, in the top frame; the other frames reuse it (page-matcher.ts).
      const matcher = await pageMatcher(win, settings.caseSensitive, sendNames);
      if (!matcher) return;
      session = await startPageSession(doc, {
        matcher,
        showDelay: settings.hoverDelayMs,
        highlightStyle: settings.highlightStyle,
        caseSensitive: settings.caseSensitive,
      });
    });
    pending = pending.catch((error: unknown) => {
      console.warn('Dossier: not active on this page:', error instanceof Error ? error.message : error);
    });
  };

  const answer = async (message: TabMessage): Promise<TabProtocol[keyof TabProtocol]['reply']> => {
    switch (message.name) {
      case 'page.entities':
        // A page still waiting for text has read no settings yet: read them now, the popup shows the switch.
        settings ??= await loadSettings();
        return {
          host: doc.location.hostname,
          active: isActiveOn(settings, doc.location.hostname),
          entities: session ? session.entitiesOnPage() : [],
        };
      case 'page.reveal':
        return session ? session.reveal((message.payload as { entityId: string }).entityId) : false;
      case 'page.lookupSelection':
        return session ? session.lookupSelection() : false;
      case 'page.report': {
        // The top frame answers page.entities itself; child frames report their marks.
        const isChild = doc.defaultView !== doc.defaultView?.top;
        if (!isChild || !session) return false;
        const report: FrameReport = {
          dossierFrameReport: (message.payload as { requestId: string }).requestId,
          entities: session.entitiesOnPage(),
        };
        browser.runtime.sendMessage(report).catch(() => undefined); // the popup may have closed
        return true;
      }
    }
  };
  // webextension-polyfill sends a returned promise's value as the reply; a
  // message that is not ours gets undefined, so other listeners may answer.
  const onMessage = (message: unknown): Promise<unknown> | undefined => {
    const parsed = parseTabMessage(message);
    return parsed ? answer(parsed) : undefined;
  };

  const unwatchSettings = watchSettings((next) => {
    settings = next;
    restart();
  });
  const unwatchCorpus = watchCorpusVersion(() => restart());
  // eslint-disable-next-line @typescript-eslint/no-misused-promises -- see onMessage
  browser.runtime.onMessage.addListener(onMessage);
  restart();

  return () => {
    gate.cancel();
    unwatchSettings();
    unwatchCorpus();
    // eslint-disable-next-line @typescript-eslint/no-misused-promises -- see onMessage
    browser.runtime.onMessage.removeListener(onMessage);
    pending = pending.then(() => {
      session?.stop();
      session = null;
      removeOverlayHost(doc);
      dropPageMatcher(win);
    });
  };
}
