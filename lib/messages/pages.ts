/**
 * The extension's own pages that other parts ask the background to open
 * (`tabs.open`): where each one lives and how its address is made. Pure, so
 * the router builds the address from validated fields and never from a URL a
 * sender chose.
 */

/** An extension page to open in a tab: the reader at a document (and offset), or the search with a query. */
export type PageToOpen = { page: 'reader'; docId: string; at?: number } | { page: 'search'; query: string };

/** The reader page's address for a document, optionally at a character offset. */
export function readerPath(docId: string, at?: number): string {
  const params = new URLSearchParams({ doc: docId });
  if (at !== undefined) params.set('at', String(at));
  return `/reader.html?${params.toString()}`;
}

/** The search page's address for a query (the popup's search, full size in a tab). */
export function searchPath(query: string): string {
  return `/popup.html?${new URLSearchParams({ q: query, tab: '1' }).toString()}`;
}

/** The path, inside the extension, of the page `target` names. */
export function pagePath(target: PageToOpen): string {
  return target.page === 'reader' ? readerPath(target.docId, target.at) : searchPath(target.query);
}
