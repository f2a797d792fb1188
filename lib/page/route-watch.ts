/**
 * Notices single-page-app route changes from the content script's isolated
 * world, which cannot patch the page's `history.pushState`. Where the
 * Navigation API exists (Chromium 102+), its `currententrychange` event fires
 * for every same-document navigation, pushState and replaceState included;
 * elsewhere `popstate` and `hashchange` cover back/forward and hash routers,
 * and {@link RouteWatcher.check} — a string compare, called by the scanner on
 * each MutationObserver batch — catches pushState, since a route change
 * virtually always changes the DOM too.
 *
 * Fragment-only changes (`#section`, table-of-contents links) are not routes;
 * hash routes (`#/path`, `#!path`) are.
 */

type NavigationTarget = Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;

/** The part of a URL that names a route: everything but a plain fragment. */
export function routeKey(href: string): string {
  const hash = href.indexOf('#');
  if (hash < 0) return href;
  const fragment = href.slice(hash + 1);
  return fragment.startsWith('/') || fragment.startsWith('!') ? href : href.slice(0, hash);
}

/** Calls `onChange` once per route change of a window. */
export class RouteWatcher {
  private key: string;
  private readonly nav: NavigationTarget | null;

  constructor(
    private readonly win: Window,
    private readonly onChange: () => void,
  ) {
    this.key = routeKey(win.location.href);
    this.nav = (win as Window & { navigation?: NavigationTarget }).navigation ?? null;
    this.nav?.addEventListener('currententrychange', this.check);
    win.addEventListener('popstate', this.check);
    win.addEventListener('hashchange', this.check);
  }

  /** Compares the URL with the last one seen; cheap enough for every mutation batch. */
  readonly check = (): void => {
    const key = routeKey(this.win.location.href);
    if (key === this.key) return;
    this.key = key;
    this.onChange();
  };

  /** Stops listening. */
  dispose(): void {
    this.nav?.removeEventListener('currententrychange', this.check);
    this.win.removeEventListener('popstate', this.check);
    this.win.removeEventListener('hashchange', this.check);
  }
}
