/**
 * Small builders shared by the page engine's unit tests (happy-dom): a text
 * chunk from some HTML, and a match. Test support only; nothing imports it at run time.
 */
import type { Match } from './matcher';
import { collectText, type TextChunk } from './text-index';

/** Puts `html` in the document body and collects its text as one chunk. */
export function chunkOf(html: string): TextChunk {
  document.body.innerHTML = html;
  return collectText(document.body);
}

/** A match of a person `e` over `[start, end)`. */
export const match = (start: number, end: number, text: string): Match => ({
  start,
  end,
  text,
  entityId: 'e',
  type: 'person',
});
