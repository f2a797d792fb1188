/**
 * Which pages can be clipped, and what to tell the user about those that
 * cannot. Browsers keep extensions out of their own pages and add-on stores;
 * a PDF is shown by the browser's viewer, not as a web page. Pure.
 */
import type { ClipFailure } from './extract';

/** Why clipping cannot or did not work, as a message the user can act on. */
export type ClipProblem = ClipFailure | 'browser-page' | 'store' | 'file' | 'no-access' | 'unreachable';

const STORES = [
  /^https:\/\/chromewebstore\.google\.com\//,
  /^https:\/\/chrome\.google\.com\/webstore/,
  /^https:\/\/addons\.mozilla\.org\//,
  /^https:\/\/microsoftedge\.microsoft\.com\/addons/,
];

/**
 * The problem with clipping the page at `url`, known before trying; null when
 * it may work (or the address is not known: the attempt then tells).
 */
export function problemWithUrl(url: string | undefined): ClipProblem | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'browser-page';
  }
  if (parsed.protocol === 'file:') return 'file';
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return 'browser-page';
  if (STORES.some((re) => re.test(parsed.href))) return 'store';
  if (/\.pdf$/i.test(parsed.pathname)) return 'pdf';
  return null;
}

/** What to say about a problem. */
export function problemMessage(problem: ClipProblem): string {
  switch (problem) {
    case 'no-article':
      return 'No article found on this page. Dossier clips articles (news stories, posts), not home pages, search results or forms.';
    case 'pdf':
      return 'This is a PDF. Dossier clips web pages; save the text and import it on the options page.';
    case 'not-html':
      return 'This is not a web page (an image or a plain file). Dossier clips web pages; import files on the options page.';
    case 'browser-page':
      return 'Browser pages (such as chrome://, about: or another extension’s pages) cannot be clipped: browsers keep extensions out of them.';
    case 'store':
      return 'The browser’s add-on store cannot be clipped: browsers keep extensions out of it.';
    case 'file':
      return 'Files on your computer (file://) cannot be clipped from here. Import the file on the options page instead.';
    case 'no-access':
      return 'Dossier may read a page only when you ask on that page: click the Dossier button in the toolbar (or right-click the page → Add this page to Dossier) and try again.';
    case 'unreachable':
      return 'Dossier could not read this page. Reload it and try again; some pages (browser pages, the add-on store) are closed to extensions.';
  }
}

/** The problem a browser's refusal to run our script means (its error messages differ by browser). */
export function problemOfScriptError(message: string): ClipProblem {
  if (/gallery|webstore|chromewebstore|addons\.mozilla/i.test(message)) return 'store';
  if (/chrome:\/\/|about:|chrome-extension:|moz-extension:|edge:\/\//i.test(message)) return 'browser-page';
  if (/file:\/\//i.test(message)) return 'file';
  // Chrome: "Cannot access contents of the page. Extension manifest must request permission…";
  // Firefox: "Missing host permission for the tab". The activeTab grant is gone (the tab navigated) or
  // the user restricted Dossier's site access.
  if (/permission|cannot access/i.test(message)) return 'no-access';
  return 'unreachable';
}
