/**
 * Quoted regions of a paragraph: straight quotes, curly quotes, guillemets, „low-high“.
 * Found per paragraph so a quote spanning several sentences stays whole; an opening
 * mark left unclosed at the end of a paragraph runs to the paragraph's end (the news
 * convention for a quote that continues in the next paragraph).
 */
import type { Span } from './segment';

/** A quoted region: marks at `open` and `close` (close = -1 when unclosed), words in `inner`. */
export interface QuoteSpan {
  open: number;
  close: number;
  inner: Span;
}

const OPEN_CLOSE: Record<string, string> = { '“': '”', '«': '»', '„': '“', '‹': '›' };

function trimmed(text: string, s: number, e: number): Span {
  while (s < e && /[\s]/.test(text[s]!)) s++;
  while (e > s && /[\s,]/.test(text[e - 1]!)) e--;
  return { start: s, end: e };
}

/** Finds the quoted regions of `text[para.start, para.end)`. */
export function findQuoteSpans(text: string, para: Span): QuoteSpan[] {
  const out: QuoteSpan[] = [];
  let i = para.start;
  while (i < para.end) {
    const c = text[i]!;
    let closer: string | undefined;
    if (c === '"') closer = '"';
    else closer = OPEN_CLOSE[c];
    if (!closer) {
      i++;
      continue;
    }
    let j = text.indexOf(closer, i + 1);
    // "“…" with a stray straight quote closing it.
    if (closer === '”') {
      const straight = text.indexOf('"', i + 1);
      if (straight >= 0 && (j < 0 || straight < j)) j = straight;
    }
    // `"…”` with a curly mark closing a straight one (no curly quote opened inside it).
    if (closer === '"') {
      const curly = text.indexOf('”', i + 1);
      if (curly >= 0 && curly < para.end && (j < 0 || curly < j)) {
        const inner = text.indexOf('“', i + 1);
        if (inner < 0 || inner > curly) j = curly;
      }
    }
    if (j < 0 || j >= para.end) {
      out.push({ open: i, close: -1, inner: trimmed(text, i + 1, para.end) });
      break;
    }
    out.push({ open: i, close: j, inner: trimmed(text, i + 1, j) });
    i = j + 1;
  }
  return out.filter((q) => q.inner.end > q.inner.start);
}
