/**
 * Finds the corpus's names in page text: one pass of an Aho–Corasick automaton
 * over the folded, lower-cased text, then per-candidate checks for word
 * boundaries and case, then a longest-leftmost, non-overlapping selection.
 *
 * Rules (what a match is):
 * - Text is compared after {@link foldText}: diacritics, apostrophe and space
 *   variants, soft hyphens and zero-width characters do not matter.
 * - Whole words only: a name that starts (ends) with a letter or digit must not
 *   be preceded (followed) by one. A name is not matched right after `X'`
 *   ("Brien" in "O'Brien"), but may be followed by `'s` ("Lavrov's" marks
 *   "Lavrov"). Hyphens separate words: "Lavrov-led" marks "Lavrov".
 * - Case: a *strict* name (≤ 3 letters and digits, or no lower-case letter at
 *   all: "US", "ISIS", "U.S.", "Kim") matches its exact case only. Any other
 *   name matches when each upper-case letter of the name is upper-case in the
 *   text; its lower-case letters may be either case. So "Jordan" matches
 *   "Jordan" and "JORDAN" but not "jordan"; "al-Sham" also matches "Al-Sham".
 * - Overlaps: the leftmost match wins, then the longest; among names with the
 *   same folded text, the first in the input list that passes the case rule.
 */
import type { EntityType } from '../pack/types';
import type { NameEntry } from '../messages/protocol';
import { foldText, foldUnit, isWordUnit, lowerUnit, type FoldedText } from './normalize';
import { buildAutomatonSteps, type Automaton } from './automaton';

/** One name found in a text, in offsets of the original (unfolded) text. */
export interface Match {
  start: number;
  end: number;
  entityId: string;
  type: EntityType;
  /** The original text between `start` and `end`. */
  text: string;
}

/** A compiled set of names; immutable and reusable for any number of texts. */
export interface Matcher {
  /** Every match in `text`, sorted by `start`, never overlapping. */
  findAll(text: string): Match[];
  /** Same as {@link findAll} for a text already folded with `foldText`. */
  findAllFolded(text: string, folded: FoldedText): Match[];
  /** Number of distinct patterns compiled (after dropping empty names). */
  readonly patternCount: number;
}

const APOSTROPHE = 0x27;
const SPACE = 0x20;
const STRICT = 1;
const FIRST_WORD = 2;
const LAST_WORD = 4;

function isLowerLetter(c: number): boolean {
  if (c < 0x80) return c >= 0x61 && c <= 0x7a;
  const s = String.fromCharCode(c);
  return lowerUnit(c) === c && s.toUpperCase() !== s;
}

/** Names folded into one pool, with per-pattern flags (see the module comment). */
interface Patterns {
  exact: Uint16Array;
  lower: Uint16Array;
  start: Int32Array;
  len: Int32Array;
  flags: Uint8Array;
  entries: NameEntry[];
}

function* compileSteps(names: readonly NameEntry[], caseSensitive: boolean): Generator<void, Matcher> {
  let cap = 0;
  for (const n of names) cap += n.text.length;
  const patterns: Patterns = {
    exact: new Uint16Array(cap),
    lower: new Uint16Array(cap),
    start: new Int32Array(names.length),
    len: new Int32Array(names.length),
    flags: new Uint8Array(names.length),
    entries: [],
  };
  let pos = 0;
  for (let i = 0; i < names.length; i += 128) {
    pos = addPatterns(patterns, names, i, Math.min(names.length, i + 128), pos, caseSensitive);
    yield;
  }
  const { lower, start, len, entries } = patterns;
  const automaton = yield* buildAutomatonSteps({ pool: lower, start, len, count: entries.length });
  return new AutomatonMatcher(automaton, patterns);
}

/** Folds `names[from..to)` into the pools from offset `pos`; returns the new end offset. */
function addPatterns(
  patterns: Patterns,
  names: readonly NameEntry[],
  from: number,
  to: number,
  pos: number,
  caseSensitive: boolean,
): number {
  const { exact, lower, start, len, flags, entries } = patterns;
  for (let i = from; i < to; i++) {
    const entry = names[i]!;
    const text = entry.text;
    let w = pos;
    let wordUnits = 0;
    let hasLower = false;
    for (let k = 0; k < text.length; k++) {
      const f = foldUnit(text.charCodeAt(k));
      if (f < 0 || (f === SPACE && (w === pos || exact[w - 1] === SPACE))) continue;
      exact[w] = f;
      lower[w++] = lowerUnit(f);
      if (isWordUnit(f)) {
        wordUnits++;
        if (!hasLower && isLowerLetter(f)) hasLower = true;
      }
    }
    while (w > pos && exact[w - 1] === SPACE) w--;
    if (wordUnits === 0) continue;
    const p = entries.length;
    start[p] = pos;
    len[p] = w - pos;
    flags[p] =
      (caseSensitive || wordUnits <= 3 || !hasLower ? STRICT : 0) |
      (isWordUnit(exact[pos]!) ? FIRST_WORD : 0) |
      (isWordUnit(exact[w - 1]!) ? LAST_WORD : 0);
    entries.push(entry);
    pos = w;
  }
  return pos;
}

/**
 * Compiles `names` into a {@link Matcher} in one go. Names whose folded form
 * has no letter or digit are ignored. Linear in the total name length, but
 * 10,000 names take tens of milliseconds on a cold engine: on a page's main
 * thread prefer {@link compileMatcherIdle}.
 */
export function compileMatcher(names: readonly NameEntry[], options: MatcherOptions = {}): Matcher {
  const steps = compileSteps(names, options.caseSensitive ?? false);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** Options of {@link compileMatcherIdle}. */
/** How names match; every option has a default. */
export interface MatcherOptions {
  /** Every name matches only with its exact case (the user's setting). Default false: see the case rule above. */
  caseSensitive?: boolean;
}

export interface CompileIdleOptions extends MatcherOptions {
  /** Longest run between yields, in ms. Default 8. */
  sliceMs?: number;
  /** Resolves when the next slice may run. Default: a `setTimeout(0)` macrotask. */
  yieldTo?: () => Promise<void>;
}

/** Same result as {@link compileMatcher}, computed in slices of at most about `sliceMs`. */
export async function compileMatcherIdle(
  names: readonly NameEntry[],
  options: CompileIdleOptions = {},
): Promise<Matcher> {
  const sliceMs = options.sliceMs ?? 8;
  const yieldTo = options.yieldTo ?? (() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
  const steps = compileSteps(names, options.caseSensitive ?? false);
  let sliceStart = performance.now();
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    if (performance.now() - sliceStart >= sliceMs) {
      await yieldTo();
      sliceStart = performance.now();
    }
  }
}

class AutomatonMatcher implements Matcher {
  constructor(
    private readonly automaton: Automaton,
    private readonly patterns: Patterns,
  ) {}

  get patternCount(): number {
    return this.patterns.entries.length;
  }

  /** Reused by {@link findAll} (grown by doubling), so folding allocates rarely. */
  private scratch: FoldedText = foldText('', undefined);

  findAll(text: string): Match[] {
    if (this.scratch.codes.length < text.length) {
      const size = Math.max(text.length, this.scratch.codes.length * 2, 1024);
      this.scratch = {
        codes: new Uint16Array(size),
        starts: new Int32Array(size),
        ends: new Int32Array(size),
        length: 0,
      };
    }
    this.scratch = foldText(text, this.scratch);
    return this.findAllFolded(text, this.scratch);
  }

  findAllFolded(text: string, folded: FoldedText): Match[] {
    const { codes, length } = folded;
    const cands: number[] = []; // flat triples: start, end, pattern
    this.automaton.scan(codes, length, (end, node) => {
      const first = this.automaton.patternAt(node);
      const start = end - this.patterns.len[first]!;
      if (!this.boundaryOk(codes, length, start, end, first)) return;
      for (let p = first; p >= 0; p = this.automaton.nextSame(p)) {
        if (this.caseOk(codes, start, p)) {
          cands.push(start, end, p);
          return;
        }
      }
    });
    return this.select(cands, text, folded);
  }

  private boundaryOk(codes: Uint16Array, length: number, start: number, end: number, p: number): boolean {
    const flags = this.patterns.flags[p]!;
    if (flags & FIRST_WORD && start > 0) {
      const before = codes[start - 1]!;
      if (isWordUnit(before)) return false;
      if (before === APOSTROPHE && start > 1 && isWordUnit(codes[start - 2]!)) return false;
    }
    if (flags & LAST_WORD && end < length && isWordUnit(codes[end]!)) return false;
    return true;
  }

  private caseOk(codes: Uint16Array, start: number, p: number): boolean {
    const { exact, start: from, len, flags } = this.patterns;
    const strict = (flags[p]! & STRICT) !== 0;
    for (let k = 0, at = from[p]!; k < len[p]!; k++) {
      const n = exact[at + k]!;
      const t = codes[start + k]!;
      if (t !== n && (strict || lowerUnit(n) !== n)) return false;
    }
    return true;
  }

  /** Leftmost, then longest; candidates arrive ordered by end offset. */
  private select(cands: number[], text: string, folded: FoldedText): Match[] {
    const count = cands.length / 3;
    const order = Array.from({ length: count }, (_, i) => i);
    order.sort((a, b) => cands[a * 3]! - cands[b * 3]! || cands[b * 3 + 1]! - cands[a * 3 + 1]!);
    const out: Match[] = [];
    let lastEnd = 0;
    for (const i of order) {
      const s = cands[i * 3]!;
      const e = cands[i * 3 + 1]!;
      if (s < lastEnd) continue;
      lastEnd = e;
      const entry = this.patterns.entries[cands[i * 3 + 2]!]!;
      const start = folded.starts[s]!;
      const end = folded.ends[e - 1]!;
      out.push({ start, end, entityId: entry.entityId, type: entry.type, text: text.slice(start, end) });
    }
    return out;
  }
}
