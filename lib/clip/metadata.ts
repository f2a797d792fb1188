/**
 * What a news page says about itself in its markup: title, author, site,
 * publication date and canonical address, from the tags publishers write for
 * search engines and link previews (Open Graph and `article:*` meta tags,
 * schema.org JSON-LD, `<link rel="canonical">`, `<time datetime>`). Pure DOM
 * reading: it runs in the page's isolated world when a page is clipped, and
 * in Node on saved pages in tests.
 */
import { isoDate } from '../import/text';

/** The page's own description of itself; every field is optional. */
export interface PageMetadata {
  title?: string;
  byline?: string;
  /** The publication's name (e.g. "The Guardian"). */
  siteName?: string;
  /** Publication date, `YYYY-MM-DD` (or `YYYY-MM`, `YYYY`) as the page gives it. */
  published?: string;
  /** The address the publisher calls canonical, absolute http(s), without its fragment. */
  canonicalUrl?: string;
}

const clean = (s: string | null | undefined): string | undefined => {
  const t = s?.replace(/\s+/g, ' ').trim();
  return t ? t : undefined;
};

/** The `content` of the first meta tag with one of these `property`/`name`/`itemprop` values. */
function metaContent(doc: Document, keys: readonly string[]): string | undefined {
  const metas = Array.from(doc.querySelectorAll('meta[content]'));
  for (const key of keys) {
    for (const m of metas) {
      const k = m.getAttribute('property') ?? m.getAttribute('name') ?? m.getAttribute('itemprop');
      if (k?.toLowerCase() === key) {
        const value = clean(m.getAttribute('content'));
        if (value) return value;
      }
    }
  }
  return undefined;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every object in the page's JSON-LD scripts, `@graph` members included; unreadable scripts are skipped. */
function jsonLdObjects(doc: Document): Record<string, Json>[] {
  const out: Record<string, Json>[] = [];
  const visit = (node: Json, depth: number) => {
    if (depth > 4 || node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) for (const n of node) visit(n, depth + 1);
    else {
      out.push(node);
      if (node['@graph']) visit(node['@graph'], depth + 1);
    }
  };
  for (const script of Array.from(doc.querySelectorAll('script[type="application/ld+json"]'))) {
    try {
      visit(JSON.parse(script.textContent ?? '') as Json, 0);
    } catch {
      // Publishers ship broken JSON-LD now and then; the other sources still count.
    }
  }
  return out;
}

const ARTICLE_TYPES = /article|posting|report|blog/i;

/** The JSON-LD object that describes the article, if any (a NewsArticle over a WebPage or Organization). */
function jsonLdArticle(objects: readonly Record<string, Json>[]): Record<string, Json> | undefined {
  const typeOf = (o: Record<string, Json>) => [o['@type']].flat().filter((t): t is string => typeof t === 'string');
  return (
    objects.find((o) => typeOf(o).some((t) => ARTICLE_TYPES.test(t))) ??
    objects.find((o) => typeof o.datePublished === 'string' || typeof o.headline === 'string')
  );
}

/** Names of a JSON-LD person or organisation value (a string, an object with `name`, or a list). */
function names(value: Json | undefined, people = false): string[] {
  if (typeof value === 'string') return clean(value) ? [clean(value)!] : [];
  if (Array.isArray(value)) return value.flatMap((v) => names(v, people));
  // A newsroom signs some articles as the organisation: that is no byline.
  if (value && typeof value === 'object')
    return people && value['@type'] === 'Organization' ? [] : names(value.name, people);
  return [];
}

/** A byline as shown: "By " dropped; empty, run-together ("by Jo Doe22 Dec 2016") or address-like ones left out. */
export function cleanByline(value: string | undefined): string | undefined {
  const t = clean(value?.replace(/^\s*by\s+/i, ''));
  if (!t || t.length < 3 || t.length > 100 || /\d|https?:|@/.test(t) || /^by$/i.test(t)) return undefined;
  return t;
}

/** A date as `YYYY-MM-DD`: ISO strings as written (their own day, not converted), others through Date.parse. */
export function dateOf(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const iso = isoDate(value);
  if (iso) return iso;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return undefined;
  const year = new Date(ms).getUTCFullYear();
  return year >= 1900 && year <= 2200 ? new Date(ms).toISOString().slice(0, 10) : undefined;
}

/** An absolute http(s) address from `href` (resolved against `base`), without its fragment. */
function httpUrl(href: string | undefined, base: string): string | undefined {
  if (!href) return undefined;
  try {
    const url = new URL(href, base);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    url.hash = '';
    return url.href;
  } catch {
    return undefined;
  }
}

/** The first `<time datetime>` inside the article (or the page) that reads as a date. */
function timeElementDate(doc: Document): string | undefined {
  const scopes = [doc.querySelector('article'), doc.querySelector('main'), doc.body].filter((e) => e !== null);
  for (const scope of scopes) {
    const times = Array.from(scope.querySelectorAll('time[datetime]'));
    // `pubdate` (an old HTML5 draft) and itemprop name the publication time outright.
    const marked = times.find((t) => t.hasAttribute('pubdate') || t.getAttribute('itemprop') === 'datePublished');
    for (const t of marked ? [marked, ...times] : times) {
      const date = dateOf(t.getAttribute('datetime') ?? undefined);
      if (date) return date;
    }
  }
  return undefined;
}

/**
 * Reads the page's metadata. `pageUrl` is where the page is (relative
 * canonical links are resolved against it).
 */
export function pageMetadata(doc: Document, pageUrl: string): PageMetadata {
  const ld = jsonLdObjects(doc);
  const article = jsonLdArticle(ld);
  const ldString = (key: string) => (typeof article?.[key] === 'string' ? clean(article[key]) : undefined);
  const publisher = names(article?.publisher)[0] ?? names(ld.find((o) => o['@type'] === 'WebSite')?.name)[0];

  const published =
    dateOf(metaContent(doc, ['article:published_time', 'og:article:published_time', 'datepublished'])) ??
    dateOf(ldString('datePublished')) ??
    dateOf(metaContent(doc, ['pubdate', 'publish-date', 'date', 'dc.date.issued', 'dc.date', 'parsely-pub-date'])) ??
    timeElementDate(doc) ??
    dateOf(ldString('dateCreated'));

  const canonical =
    httpUrl(doc.querySelector('link[rel~="canonical"]')?.getAttribute('href') ?? undefined, pageUrl) ??
    httpUrl(metaContent(doc, ['og:url']), pageUrl);

  const byline = metaContent(doc, ['author', 'article:author', 'parsely-author']);
  const ldAuthors = names(article?.author, true);

  const out: PageMetadata = {};
  const title = metaContent(doc, ['og:title', 'twitter:title']) ?? ldString('headline') ?? clean(doc.title);
  if (title) out.title = title;
  // `article:author` is often a profile URL; a name is wanted.
  const author = cleanByline(ldAuthors.length ? ldAuthors.join(', ') : byline);
  if (author) out.byline = author;
  const siteName = metaContent(doc, ['og:site_name', 'application-name']) ?? publisher;
  if (siteName) out.siteName = siteName;
  if (published) out.published = published;
  if (canonical) out.canonicalUrl = canonical;
  return out;
}
