/**
 * The words around a name on the page, which the background ranks its card
 * by (lib/query/card-rank.ts): the text of the name's paragraph or block and
 * the page's title, cut to {@link CARD_CONTEXT_LIMITS}. They go to the
 * background inside `popover.grant` and stay there: the card that comes back
 * does not repeat them, and nothing leaves the browser.
 */
import { CARD_CONTEXT_LIMITS, type CardContext } from '../messages/protocol';

/** Elements that hold one run of prose: the context is the nearest of them around the name. */
const BLOCKS = 'p, li, blockquote, dd, dt, td, th, figcaption, h1, h2, h3, h4, h5, h6, pre, article, section, main';
/** A block shorter than this (a headline, a caption) takes its parent's text too, when that is not huge. */
const SHORT_BLOCK = 200;

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** `text` cut to `max` characters around offset `at` (centred on it when it must be cut). */
export function windowAround(text: string, at: number, max: number): string {
  if (text.length <= max) return text;
  const from = Math.max(0, Math.min(text.length - max, at - Math.floor(max / 2)));
  return text.slice(from, from + max);
}

/** The context of the name at `range` in `doc`. Reads the DOM once; never throws on odd pages. */
export function cardContext(doc: Document, range: Range): CardContext {
  const title = collapse(doc.title ?? '').slice(0, CARD_CONTEXT_LIMITS.title);
  const node = range.startContainer;
  const element = node instanceof Element ? node : node.parentElement;
  let block: Element | null = element?.closest(BLOCKS) ?? element;
  if (block && (block.textContent ?? '').length < SHORT_BLOCK) {
    const parent = block.parentElement;
    if (parent && parent !== doc.body && parent !== doc.documentElement) {
      const length = (parent.textContent ?? '').length;
      if (length < CARD_CONTEXT_LIMITS.text * 4) block = parent;
    }
  }
  if (!block) return title ? { text: '', title } : { text: '' };
  let at = 0;
  try {
    const before = doc.createRange();
    before.setStart(block, 0);
    before.setEnd(range.startContainer, range.startOffset);
    at = collapse(before.toString()).length;
  } catch {
    // The name is outside the block (a range across elements): centre on the start.
  }
  const text = windowAround(collapse(block.textContent ?? ''), at, CARD_CONTEXT_LIMITS.text);
  return title ? { text, title } : { text };
}
