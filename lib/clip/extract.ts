/**
 * The article of the page being read: Mozilla's Readability (as Firefox's
 * reader view) on a clone of the live document, so the page itself is never
 * changed, plus the page's own metadata (./metadata.ts). Runs in the tab's
 * isolated world when the user clips a page (entrypoints/clip-extract.ts) and
 * returns plain data; nothing is written to the page or sent to it.
 */
import { Readability } from '@mozilla/readability';
import { cleanByline, pageMetadata } from './metadata';

/** An article taken from a page, before it is imported. */
export interface ClippedArticle {
  title: string;
  /** One paragraph a line. */
  text: string;
  byline?: string;
  /** The publication (site name, else the host). */
  source?: string;
  /** `YYYY-MM-DD` (or shorter) when the page tells. */
  date?: string;
  /** The canonical address when the page gives one, else the page's own, without its fragment. */
  url: string;
  wordCount: number;
}

/** Why a page gave no article. */
export type ClipFailure = 'pdf' | 'not-html' | 'no-article';

/** What extraction gives: an article, or why there is none. */
export type ExtractOutcome = { ok: true; article: ClippedArticle } | { ok: false; reason: ClipFailure };

const BLOCKS = 'p, li, h2, h3, h4, h5, h6, pre, blockquote, td, dd, figcaption';

/** The article's text with one paragraph a line (blocks inside blocks are read once). */
function paragraphs(root: Element): string {
  const out: string[] = [];
  for (const el of Array.from(root.querySelectorAll(BLOCKS))) {
    if (el.querySelector(BLOCKS)) continue;
    const t = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (t) out.push(t);
  }
  if (out.length > 0) return out.join('\n');
  return (root.textContent ?? '')
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}

/** Words in a text, as a reader counts them. */
export function countWords(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/** The page's address without its fragment (what the user sees, when the page names no canonical one). */
function withoutHash(href: string): string {
  try {
    const url = new URL(href);
    url.hash = '';
    return url.href;
  } catch {
    return href;
  }
}

/**
 * Extracts the article of `doc`, which is at `pageUrl`. The document is cloned
 * first: Readability rewrites the tree it reads.
 */
export function extractArticle(doc: Document, pageUrl: string): ExtractOutcome {
  const type = doc.contentType || 'text/html';
  if (type === 'application/pdf') return { ok: false, reason: 'pdf' };
  if (!/html|xml/.test(type)) return { ok: false, reason: 'not-html' };
  const meta = pageMetadata(doc, pageUrl);
  const clone = doc.cloneNode(true) as Document;
  const parsed = new Readability(clone, { serializer: (el: Node) => el }).parse();
  const content = parsed?.content as unknown as Element | null | undefined;
  const text = content ? withoutBylineLines(paragraphs(content), meta.byline) : '';
  if (!parsed || countWords(text) < 30) return { ok: false, reason: 'no-article' };
  const source = meta.siteName ?? (parsed.siteName?.trim() || undefined) ?? hostOf(meta.canonicalUrl ?? pageUrl);
  const title = withoutSiteName((parsed.title?.trim() || meta.title || '').replace(/\s+/g, ' '), source);
  let byline = meta.byline ?? cleanByline(parsed.byline ?? undefined);
  // A newsroom that signs with its own name gives no byline.
  if (byline && source && byline.toLowerCase() === source.toLowerCase()) byline = undefined;
  const date =
    meta.published ?? (parsed.publishedTime ? /^\d{4}-\d{2}-\d{2}/.exec(parsed.publishedTime)?.[0] : undefined);
  return {
    ok: true,
    article: {
      title: title || text.split('\n')[0]!.slice(0, 120),
      text,
      ...(byline ? { byline } : {}),
      ...(source ? { source } : {}),
      ...(date ? { date } : {}),
      url: meta.canonicalUrl ?? withoutHash(pageUrl),
      wordCount: countWords(text),
    },
  };
}

function hostOf(href: string): string | undefined {
  try {
    return new URL(href).hostname.replace(/^www\./, '') || undefined;
  } catch {
    return undefined;
  }
}

/** "Headline - Breitbart" → "Headline" when the part after the last separator is the site's name. */
function withoutSiteName(title: string, site: string | undefined): string {
  if (!site) return title;
  const m = /^(.{10,}?)\s+[-|–—·:]\s+([^-|–—·:]+)$/.exec(title);
  return m && m[2]!.trim().toLowerCase() === site.toLowerCase() ? m[1]!.trim() : title;
}

/**
 * The article's first lines without the byline ("By Jo Doe · 14 March 2024"): Readability leaves it in the
 * text when the page's metadata already named the author.
 */
function withoutBylineLines(text: string, byline: string | undefined): string {
  const lines = text.split('\n');
  let drop = 0;
  while (drop < Math.min(3, lines.length - 1)) {
    const line = lines[drop]!;
    const isByline = line.length < 100 && (/^by\s/i.test(line) || (byline !== undefined && line.startsWith(byline)));
    if (!isByline) break;
    drop++;
  }
  return lines.slice(drop).join('\n');
}
