/**
 * "Copy with citation": a quote or statement with who said it, where and
 * when, as Markdown (the plain-text flavour, which reads well as it is) and
 * as HTML for editors that paste rich text. Pure.
 */
import type { QuoteView } from '../../messages/protocol';
import { formatDate } from '../common/Source';

/** What goes on the clipboard. */
export interface Citation {
  /** Markdown. */
  plain: string;
  html: string;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Characters Markdown would read as markup in a link text. */
function escapeMarkdown(text: string): string {
  return text.replace(/([\\[\]*_`])/g, '\\$1');
}

/** The URL when it is a web address (a pack may carry anything there), else null. */
function webUrl(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/** The words of a quote as cited: a direct quote in quotation marks, a statement from its sentence's start. */
export function quotedText(quote: QuoteView): string {
  const text = quote.text.trim();
  if (quote.kind === 'direct') return `“${/^\p{Ll}/u.test(text) ? '…' : ''}${text}”`;
  if (quote.lead) return `${quote.lead}${text}`;
  return /^\p{Ll}/u.test(text) ? `…${text}` : text;
}

/** The citation of a quote or statement: its words, speaker, article title, source, date and URL. */
export function citeQuote(quote: QuoteView): Citation {
  const words = quotedText(quote);
  const speaker = quote.speaker?.name ?? 'Unknown speaker';
  const { title, source } = quote.doc;
  const date = formatDate(quote.doc.date);
  const url = webUrl(quote.doc.url);
  const kind = quote.kind === 'reported' ? ' (reported)' : '';
  const tail = [source, date].filter(Boolean).join(', ');
  const plain =
    `> ${words.replace(/\n+/g, ' ')}\n>\n` +
    `> — ${speaker}${kind}, ${url ? `[${escapeMarkdown(title)}](${url})` : `*${escapeMarkdown(title)}*`}` +
    `${tail ? `, ${tail}` : ''}${url ? `\n> ${url}` : ''}\n`;
  const cite = `<cite>${escapeHtml(title)}</cite>`;
  const html =
    `<blockquote><p>${escapeHtml(words)}</p>` +
    `<footer>— ${escapeHtml(speaker)}${escapeHtml(kind)}, ${url ? `<a href="${escapeHtml(url)}">${cite}</a>` : cite}` +
    `${tail ? `, ${escapeHtml(tail)}` : ''}</footer></blockquote>`;
  return { plain, html };
}
