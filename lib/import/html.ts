/**
 * A saved web page → one article, with Mozilla's Readability. The DOM parser is
 * a parameter: linkedom in the options page (lib/import/inert-html.ts: a native
 * parser there hands the page's inline handlers to the options page's script
 * engine) and in Node. A Web Worker has no DOM, so HTML is read on the page
 * before the worker starts.
 */
import { Readability } from '@mozilla/readability';
import type { SourceDocument } from '../corpus/types';
import { idFromFileName, isoDate, normalizeParagraphs } from './text';

/** Parses HTML into a Document, e.g. `(html) => new DOMParser().parseFromString(html, 'text/html')`. */
export type HtmlParser = (html: string) => Document;

const BLOCKS = 'p, li, h1, h2, h3, h4, h5, h6, pre, blockquote, td, dd';

/** Text of an article's HTML with one paragraph per line. */
function paragraphs(doc: Document): string {
  const out: string[] = [];
  for (const el of Array.from(doc.querySelectorAll(BLOCKS))) {
    if (el.querySelector(BLOCKS)) continue; // its inner blocks are read instead
    const t = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (t) out.push(t);
  }
  if (out.length === 0) return normalizeParagraphs(doc.body?.textContent ?? '');
  return out.join('\n');
}

function meta(doc: Document, selector: string, attribute = 'content'): string | undefined {
  return doc.querySelector(selector)?.getAttribute(attribute)?.trim() || undefined;
}

/**
 * Extracts the article of an HTML page.
 * @param name file name or URL, for the id and messages.
 * @param pageUrl where the page came from, when known (import from URL).
 * @returns the document, or an error naming the file when no article text is found.
 */
export function htmlToDocument(
  name: string,
  html: string,
  parse: HtmlParser,
  pageUrl?: string,
): { ok: true; doc: SourceDocument } | { ok: false; error: string } {
  const page = parse(html);
  const canonical = pageUrl ?? meta(page, 'link[rel="canonical"]', 'href') ?? meta(page, 'meta[property="og:url"]');
  const published = meta(page, 'meta[property="article:published_time"]') ?? meta(page, 'time[datetime]', 'datetime');
  const article = new Readability(page).parse();
  const text = article?.content ? paragraphs(parse(article.content)) : '';
  if (!article || !text.trim()) return { ok: false, error: `${name}: no article text found in this page` };
  const title = (article.title ?? '').trim() || name;
  const date = isoDate(article.publishedTime ?? published);
  const url = canonical && /^https?:\/\//.test(canonical) ? canonical : undefined;
  const source = article.siteName?.trim() || (url ? new URL(url).hostname.replace(/^www\./, '') : undefined);
  return {
    ok: true,
    doc: {
      id: idFromFileName(name),
      title,
      text,
      ...(source ? { source } : {}),
      ...(date ? { date } : {}),
      ...(url ? { url } : {}),
    },
  };
}
