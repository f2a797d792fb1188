/**
 * "Already in the corpus?" for a clipped article, asked before importing it:
 * the same canonical address, or the same title with the same text (the key
 * the importer itself uses to skip a text it has: lib/import/merge.ts). Only
 * the texts of documents with the same title are read, so the check costs
 * the same with 10 documents or 10,000. Pure.
 */

/** What the corpus already has of a clipped article. */
export interface ClipDuplicate {
  docId: string;
  title: string;
  /** `url`: the same canonical address; `text`: the same title and text. */
  reason: 'url' | 'text';
}

/** Query parameters that only say where a reader came from. */
const TRACKING = /^(utm_\w+|fbclid|gclid|dclid|mc_cid|mc_eid|ocid|cmpid|smid|ref|src)$/i;

/**
 * An address reduced to what names the article: scheme and `www.` ignored,
 * host lower-cased, fragment, tracking parameters and a trailing slash dropped,
 * the other parameters sorted. Returns null for what is not an http(s) address.
 */
export function canonicalKey(url: string | undefined): string | null {
  if (!url) return null;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  const params = [...u.searchParams]
    .filter(([k]) => !TRACKING.test(k))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const query = params.length ? `?${new URLSearchParams(params).toString()}` : '';
  const path = u.pathname.replace(/\/+$/, '') || '/';
  return `${u.hostname.toLowerCase().replace(/^www\./, '')}${u.port ? `:${u.port}` : ''}${path}${query}`;
}

/** A title compared without case, spacing or quote style. */
export function titleKey(title: string): string {
  return title
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[‘’`´]/g, "'")
    .replace(/[“”«»]/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
}

/** What the check needs of the corpus's documents. */
export interface DocumentKeys {
  id: string;
  title: string;
  url?: string;
}

/**
 * The document of the corpus that is this article, or null.
 * @param textKeyOf the importer's text key of documents by number (read only for same-title documents).
 */
export async function findClipDuplicate(
  docs: readonly DocumentKeys[],
  clip: { url?: string; title: string; textKey: string },
  textKeysOf: (docNumbers: number[]) => Promise<string[]>,
): Promise<ClipDuplicate | null> {
  const url = canonicalKey(clip.url);
  const title = titleKey(clip.title);
  const sameTitle: number[] = [];
  for (const [n, d] of docs.entries()) {
    if (url !== null && canonicalKey(d.url) === url) return { docId: d.id, title: d.title, reason: 'url' };
    if (titleKey(d.title) === title) sameTitle.push(n);
  }
  if (sameTitle.length === 0) return null;
  const keys = await textKeysOf(sameTitle);
  const at = keys.indexOf(clip.textKey);
  if (at < 0) return null;
  const d = docs[sameTitle[at]!]!;
  return { docId: d.id, title: d.title, reason: 'text' };
}
