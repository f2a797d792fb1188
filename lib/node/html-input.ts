/**
 * `.html` input: a saved web page → its article text, with Mozilla's Readability (the
 * engine behind Firefox's Reader View) on a linkedom DOM. Title, site name and publication
 * time come from Readability and the page's meta tags. Node only (linkedom).
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { isoDate, normalizeParagraphs } from '../import/text';
import { fail, single, type ReadResult } from './input-result';

/** Elements whose content is a paragraph (or more) of its own. */
const BLOCK = new Set(
  'ADDRESS ARTICLE ASIDE BLOCKQUOTE DD DETAILS DIV DL DT FIELDSET FIGCAPTION FIGURE FOOTER FORM H1 H2 H3 H4 H5 H6 HEADER HR LI MAIN NAV OL P PRE SECTION SUMMARY TABLE TD TH TR UL'.split(
    ' ',
  ),
);
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'svg', 'SVG', 'BUTTON', 'IFRAME']);

/** The structural part of a DOM node this module reads (linkedom's and the browser's alike). */
interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
}

/**
 * The text of a DOM subtree with one paragraph per line: block elements and `<br>` break
 * lines, runs of whitespace inside a line collapse to one space, `<pre>` keeps its lines.
 */
export function blockText(root: DomNode): string {
  const parts: string[] = [];
  const walk = (node: DomNode, pre: boolean): void => {
    for (let i = 0; i < node.childNodes.length; i++) {
      const child = node.childNodes[i]!;
      if (child.nodeType === 3) {
        const t = child.textContent ?? '';
        parts.push(pre ? t : t.replace(/\s+/g, ' '));
        continue;
      }
      if (child.nodeType !== 1) continue;
      const tag = child.nodeName.toUpperCase();
      if (SKIP.has(tag)) continue;
      if (tag === 'BR') {
        parts.push('\n');
        continue;
      }
      const block = BLOCK.has(tag);
      if (block) parts.push('\n');
      if (tag === 'TD' || tag === 'TH') parts.push(' ');
      walk(child, pre || tag === 'PRE');
      if (block) parts.push('\n');
    }
  };
  walk(root, false);
  return normalizeParagraphs(parts.join(''), { joinLines: false });
}

/** Reads one saved page. An error issue when Readability finds no article in it. */
export function readHtmlInput(file: string, html: string): ReadResult {
  const { document } = parseHTML(html);
  const metaContent = (selector: string): string | undefined =>
    document.querySelector(selector)?.getAttribute('content')?.trim() || undefined;
  // Read the meta tags first: Readability rewrites the document it parses.
  const url = [
    document.querySelector('link[rel="canonical"]')?.getAttribute('href'),
    metaContent('meta[property="og:url"]'),
  ]
    .map((u) => u?.trim())
    .find((u) => u && /^https?:\/\//i.test(u));
  const metaDate =
    metaContent('meta[property="article:published_time"]') ??
    metaContent('meta[itemprop="datePublished"]') ??
    metaContent('meta[name="date"]') ??
    metaContent('meta[name="pubdate"]') ??
    metaContent('meta[name="DC.date.issued"]') ??
    document.querySelector('time[datetime]')?.getAttribute('datetime') ??
    undefined;
  const metaSite = metaContent('meta[property="og:site_name"]') ?? metaContent('meta[name="application-name"]');
  const metaTitle = metaContent('meta[property="og:title"]') ?? document.querySelector('title')?.textContent?.trim();

  let article: ReturnType<Readability<DomNode>['parse']>;
  try {
    // The serializer hands back the DOM node itself so paragraphs survive (textContent loses them).
    article = new Readability<DomNode>(document, { serializer: (n) => n }).parse();
  } catch (err) {
    return fail(file, `could not read the page (${(err as Error).message})`);
  }
  if (!article?.content) return fail(file, 'no article text found in this page (is it an article page?)');
  let text = blockText(article.content);
  const title = (article.title ?? '').trim() || metaTitle;
  // Readability often keeps the headline as the first line of the content.
  if (title && text.startsWith(title + '\n')) text = text.slice(title.length + 1);
  const meta: Parameters<typeof single>[2] = {};
  if (title) meta.title = title;
  const date = isoDate(article.publishedTime) ?? isoDate(metaDate);
  if (date) meta.date = date;
  // The pack has no author field, so Readability's byline is not kept.
  const source =
    (article.siteName ?? '').trim() || metaSite || (url ? new URL(url).hostname.replace(/^www\./, '') : '');
  if (source) meta.source = source;
  if (url) meta.url = url;
  return single(file, text, meta);
}
