/**
 * Matching very long blocks in pieces: a 1 MB `<pre>` or a page that is one
 * giant `<div>` of text must not become one long task. A block is matched in
 * windows of {@link WINDOW} characters cut at whitespace; each window is
 * extended by up to {@link OVERLAP} characters so a name across the cut is
 * still found whole, and matches starting past the cut are left to the next
 * window.
 */
import type { Match, Matcher } from './matcher';

/** Window length, in characters. */
export const WINDOW = 20_000;
/** How far a window reads past its cut (longer than any name). */
export const OVERLAP = 256;

/** What {@link matchWindow} found, in offsets of the whole text. */
export interface WindowMatches {
  matches: Match[];
  /** Where the next window starts (`text.length` when done). */
  next: number;
}

/** Matches `text` from `from` on, one window at most. */
export function matchWindow(matcher: Matcher, text: string, from: number): WindowMatches {
  let cut = text.length;
  let end = text.length;
  if (text.length - from > WINDOW) {
    const ws = /\s/g;
    ws.lastIndex = from + WINDOW;
    cut = ws.exec(text)?.index ?? text.length;
    ws.lastIndex = Math.min(text.length, cut + OVERLAP);
    end = ws.exec(text)?.index ?? text.length;
  }
  let next = cut;
  const piece = from === 0 && end === text.length ? text : text.slice(from, end);
  const matches: Match[] = [];
  for (const m of matcher.findAll(piece)) {
    if (m.start + from >= cut) break;
    next = Math.max(next, m.end + from);
    matches.push(from === 0 ? m : { ...m, start: m.start + from, end: m.end + from });
  }
  return { matches, next };
}
