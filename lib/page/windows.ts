/**
 * Matching very long blocks in pieces: a 1 MB `<pre>` or a page that is one
 * giant `<div>` of text must not become one long task. A block is matched in
 * windows of {@link WINDOW} characters cut at whitespace; each window is
 * extended by up to {@link OVERLAP} characters so a name across the cut is
 * still found whole, and matches starting past the cut are left to the next
 * window.
 *
 * Runs without whitespace longer than {@link LONG_TOKEN} (minified JSON or CSV,
 * `Lavrov,Aleppo,Syria,…`, URLs, base64) are not matched at all: nobody reads
 * names there, and one such line used to carry thousands of marks. Finding
 * them is one native regular expression over the window; the matcher only sees
 * the text between them. A window is cut at whitespace within
 * {@link LONG_TOKEN} characters of its end, else in the middle of what is then
 * a long run anyway.
 */
import type { Match, Matcher } from './matcher';

/** Window length, in characters. */
export const WINDOW = 20_000;
/** How far a window reads past its cut (longer than any name). */
export const OVERLAP = 256;
/** Longest run without whitespace that is still matched (about a line of text). */
export const LONG_TOKEN = 160;

/** What {@link matchWindow} found, in offsets of the whole text. */
export interface WindowMatches {
  matches: Match[];
  /** Where the next window starts (`text.length` when done). */
  next: number;
}

const WS = /\s/g;
const LONG = new RegExp(`\\S{${LONG_TOKEN + 1},}`, 'g');

/** Index of the first whitespace in `text` at or after `from` and before `limit`, else -1. */
function whitespaceAfter(text: string, from: number, limit: number): number {
  WS.lastIndex = from;
  const m = WS.exec(text);
  return m && m.index < limit ? m.index : -1;
}

/** The stretches of `text[from, end)` outside runs of more than {@link LONG_TOKEN} non-space characters. */
export function shortTokenSpans(text: string, from: number, end: number): [number, number][] {
  // Read a run's whole length even where it crosses the window's edges.
  const lo = Math.max(0, from - LONG_TOKEN - 1);
  const hi = Math.min(text.length, end + LONG_TOKEN + 1);
  const around = text.slice(lo, hi);
  const spans: [number, number][] = [];
  let at = from;
  LONG.lastIndex = 0;
  for (let m = LONG.exec(around); m; m = LONG.exec(around)) {
    const s = Math.max(from, lo + m.index);
    const e = Math.min(end, lo + m.index + m[0].length);
    if (e <= from) continue;
    if (s >= end) break;
    if (s > at) spans.push([at, s]);
    at = Math.max(at, e);
  }
  if (at < end) spans.push([at, end]);
  return spans;
}

/** Matches `text` from `from` on, one window at most. */
export function matchWindow(matcher: Matcher, text: string, from: number): WindowMatches {
  let cut = text.length;
  let end = text.length;
  if (text.length - from > WINDOW) {
    const hard = from + WINDOW;
    const ws = whitespaceAfter(text, hard, hard + LONG_TOKEN);
    cut = ws < 0 ? hard : ws;
    const after = whitespaceAfter(text, Math.min(text.length, cut + OVERLAP), cut + OVERLAP + LONG_TOKEN);
    end = after < 0 ? Math.min(text.length, cut + OVERLAP) : after;
  }
  let next = cut;
  const matches: Match[] = [];
  for (const [a, b] of shortTokenSpans(text, from, end)) {
    const piece = a === 0 && b === text.length ? text : text.slice(a, b);
    for (const m of matcher.findAll(piece)) {
      if (m.start + a >= cut) break;
      next = Math.max(next, m.end + a);
      matches.push(a === 0 ? m : { ...m, start: m.start + a, end: m.end + a });
    }
  }
  return { matches, next };
}
