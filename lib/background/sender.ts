/**
 * Who sent a message to the background, as the browser reports it
 * (`runtime.onMessage`'s `sender`: filled in by the browser process, not by
 * the sender, so a page or a compromised renderer cannot choose it). The
 * router answers each request only for the callers {@link ACCESS} lists.
 */
import type { RequestName } from '../messages/protocol';

/** The fields of `runtime.MessageSender` the policy reads. */
export interface SenderInfo {
  id?: string;
  url?: string;
  frameId?: number;
  tab?: { id?: number; url?: string };
}

/**
 * - `extension-page`: one of our pages that is not inside a web page: the
 *   toolbar popup (no tab), or options, reader and search as a tab's top document.
 * - `popover-frame`: our `popover.html` inside a frame of a tab.
 * - `content-script`: our content script in a web page (it shares the page's
 *   renderer: treat it as the page's, and give it only what marking needs).
 * - `unknown`: anything else (another extension's page, our other pages inside
 *   a frame, a sender without a tab or URL); answered with nothing.
 */
export type Caller =
  | { kind: 'extension-page' }
  | { kind: 'popover-frame'; tabId: number }
  | { kind: 'content-script'; tabId: number; frameId: number }
  | { kind: 'unknown' };

export type CallerKind = Caller['kind'];

/** Path of the popover frame's page. */
export const POPOVER_PATH = '/popover.html';

function parse(url: string | undefined): URL | null {
  if (!url) return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** Whether `url` is on `origin` (compared as text: `URL.origin` is "null" for extension schemes outside browsers). */
function onOrigin(url: string, origin: string): boolean {
  return url === origin || url.startsWith(`${origin}/`);
}

/**
 * Classifies a sender. `extensionId` is our `runtime.id`, `extensionOrigin`
 * our pages' origin (`chrome-extension://<id>` or Firefox's `moz-extension://<uuid>`).
 */
export function classifySender(sender: SenderInfo, extensionId: string, extensionOrigin: string): Caller {
  if (sender.id !== extensionId) return { kind: 'unknown' };
  const url = parse(sender.url);
  if (!url) return { kind: 'unknown' };
  const tabId = sender.tab?.id;
  if (onOrigin(url.href, extensionOrigin)) {
    if (!sender.tab) return { kind: 'extension-page' };
    if (tabId === undefined || tabId < 0) return { kind: 'unknown' };
    if (sender.frameId === 0) {
      // The tab's top document is ours; where the browser tells the tab's URL, it must agree.
      const tabUrl = sender.tab.url ?? url.href;
      return onOrigin(tabUrl, extensionOrigin) ? { kind: 'extension-page' } : { kind: 'unknown' };
    }
    return url.pathname === POPOVER_PATH ? { kind: 'popover-frame', tabId } : { kind: 'unknown' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:' && url.protocol !== 'about:') return { kind: 'unknown' };
  if (tabId === undefined || tabId < 0 || typeof sender.frameId !== 'number') return { kind: 'unknown' };
  return { kind: 'content-script', tabId, frameId: sender.frameId };
}

/**
 * Who may ask for what. Content scripts get what marking a page needs (the
 * name table) and a token for the card the user's own action asked for; only
 * the popover frame turns a token into a card (and follows a card's links); reading, searching and managing
 * the corpus are for extension pages. A new request must be listed here (the
 * type requires it).
 */
export const ACCESS: { readonly [N in RequestName]: readonly CallerKind[] } = {
  'names.get': ['content-script', 'extension-page'],
  'popover.grant': ['content-script'],
  'popover.card': ['popover-frame'],
  // The popover's "Open in reader" and "Search the corpus" (an extension frame in a web page has no tabs API in Firefox).
  'tabs.open': ['extension-page', 'popover-frame'],
  // The popover frame asks only for entities a card it was given links to (lib/ui/popover/popover-model.ts).
  'entity.card': ['extension-page', 'popover-frame'],
  // Further pages of a card the caller was given; the token is bound to that caller (lib/background/card-sessions.ts).
  'card.more': ['extension-page', 'popover-frame'],
  search: ['extension-page'],
  'documents.list': ['extension-page'],
  'document.get': ['extension-page'],
  'entities.get': ['extension-page'],
  'corpus.status': ['extension-page'],
  'corpus.reload': ['extension-page'],
  'entities.list': ['extension-page'],
  'entity.edit': ['extension-page'],
  'documents.edit': ['extension-page'],
  'documents.delete': ['extension-page'],
  'documents.undoDelete': ['extension-page'],
  'corpus.restoreBundled': ['extension-page'],
  'subscriptions.list': ['extension-page'],
  'subscriptions.add': ['extension-page'],
  'subscriptions.remove': ['extension-page'],
  'subscriptions.check': ['extension-page'],
  'clip.check': ['extension-page'],
  // The options page's tables (lib/query/corpus-tables.ts): the corpus's contents, for our pages only.
  'corpus.documents': ['extension-page'],
  'corpus.entities': ['extension-page'],
  'corpus.entity': ['extension-page'],
  'corpus.findEntity': ['extension-page'],
};

/** Whether `caller` may send the request `name`. */
export function mayCall(caller: Caller, name: RequestName): boolean {
  return ACCESS[name].includes(caller.kind);
}
