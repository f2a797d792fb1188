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
 * - Inside a longer capitalised name: a name is not matched when the word
 *   right after it (one run of spaces between) starts with a capital letter
 *   ("Washington" in "Washington Post", "West" in "West Coast"), nor when the
 *   word right before it does ("Jordan" in "Jaden Jordan"): the longer name is
 *   another name, which the corpus must know to be marked. Free are grammar
 *   words that open sentences ("In Washington"), titles and honorifics
 *   ("President Obama", "Mr Obama"), party labels, weekdays and months
 *   ({@link FREE_BEFORE}, {@link FREE_AFTER}); a word ending in a period, an
 *   apostrophe or a hyphen is no neighbour ("Mr. Obama", "Russia's Lavrov").
 * - Overlaps: the leftmost match wins, then the longest; among names with the
 *   same folded text, the first in the input list that passes the case and
 *   neighbour rules.
 */
import type { EntityType } from '../pack/types';
import type { NameEntry } from '../messages/protocol';
import { FOLD_MARK, foldUnit, isWordUnit, lowerUnit } from './normalize';
import { buildAutomatonSteps, FRESH_SLICE, type Automaton, type StepHint } from './automaton';

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
  /** Number of distinct patterns compiled (after dropping empty names). */
  readonly patternCount: number;
}

const APOSTROPHE = 0x27;
const HYPHEN = 0x2d;
const SPACE = 0x20;
/** Longest neighbouring word read (folded units); a longer run counts as no neighbour. */
const MAX_NEIGHBOUR = 64;

const DATES =
  'monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec';
/**
 * Capitalised words that may stand right before a name without making it part
 * of a longer one: grammar words that open a sentence or a headline, titles and
 * honorifics, party labels, dates. English words only; no entity is named.
 */
export const FREE_BEFORE: ReadonlySet<string> = new Set(
  (
    'a an the and but or nor so yet for of in on at to by as if from with into onto upon over under about after before since until while when where why how what who whom whose which that this these those then than there here now also even only just still both either neither not no all some any each every many most more much other another such ' +
    'against among amid across along around behind below beneath beside besides between beyond despite during except inside near outside through throughout toward towards via within without unlike like per plus including following regarding ' +
    'is are was were be been has have had do does did will would shall should can could may might must said says say told tells asked asks ask meanwhile however moreover still indeed perhaps ' +
    'i we you he she it they me us him her them my our your his its their ' +
    'mr mrs ms mx dr prof sir dame lord lady madam president vice prime minister secretary senator sen rep representative congressman congresswoman gov governor lt mayor king queen prince princess emperor pope sheikh emir ' +
    'general gen col colonel admiral adm commander captain capt lieutenant major sergeant sgt chief director chairman chairwoman chair ceo judge justice attorney prosecutor spokesman spokeswoman spokesperson ambassador envoy ' +
    'chancellor premier leader speaker commissioner founder candidate nominee coach officer detective sheriff rev reverend father saint st cardinal bishop archbishop rabbi imam ayatollah state ' +
    'former late acting interim deputy senior republican republicans democrat democrats democratic gop conservative liberal labour ' +
    'watch read see video photo photos opinion analysis update exclusive breaking live ' +
    DATES
  ).split(' '),
);
/** Capitalised words that may follow a name without making it part of a longer one: dates. */
export const FREE_AFTER: ReadonlySet<string> = new Set(DATES.split(' '));
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

function* compileSteps(names: readonly NameEntry[], caseSensitive: boolean): Generator<StepHint, Matcher> {
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
  for (let i = 0; i < names.length; i += 64) {
    pos = addPatterns(patterns, names, i, Math.min(names.length, i + 64), pos, caseSensitive);
    yield;
  }
  const { lower, start, len, flags, entries } = patterns;
  const wordEnd = new Uint8Array(entries.length);
  for (let p = 0; p < entries.length; p++) wordEnd[p] = flags[p]! & LAST_WORD;
  const automaton = yield* buildAutomatonSteps({ pool: lower, start, len, count: entries.length, wordEnd });
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
    const elapsed = performance.now() - sliceStart;
    // A heavy step next (see FRESH_SLICE) gets a slice of its own unless this one has just begun.
    if (elapsed >= sliceMs || (r.value === FRESH_SLICE && elapsed >= 1)) {
      await yieldTo();
      sliceStart = performance.now();
    }
  }
}

/**
 * The text is never folded into a copy: the automaton folds each unit as it
 * scans, and the rare candidates are checked by folding the few units around
 * them again (`unitBefore`, `unitAfter`, `startOf`, `caseOk`). Offsets are
 * in the original text throughout.
 */
class AutomatonMatcher implements Matcher {
  constructor(
    private readonly automaton: Automaton,
    private readonly patterns: Patterns,
  ) {}

  get patternCount(): number {
    return this.patterns.entries.length;
  }

  findAll(text: string): Match[] {
    const cands: number[] = []; // flat triples: start, end (after the last unit), pattern
    const { flags, len } = this.patterns;
    this.automaton.scan(text, (last, node) => {
      const first = this.automaton.patternAt(node);
      // Most candidates are keys inside longer words ("us" in "just"): the
      // unit after them rejects them before any other work.
      if (flags[first]! & LAST_WORD && wordAfter(text, last + 1)) return;
      // Plain ASCII (the usual case): one raw unit per folded unit, no calls.
      let start = last - len[first]! + 1;
      const plain = isPlain(text, start, last);
      if (!plain) start = startOf(text, last, len[first]!);
      if (flags[first]! & FIRST_WORD && !startOk(text, start)) return;
      for (let p = first; p >= 0; p = this.automaton.nextSame(p)) {
        if (plain ? this.casePlainOk(text, start, p) : this.caseOk(text, start, p)) {
          if (insideLongerName(text, start, last + 1)) return;
          cands.push(start, last + 1, p);
          return;
        }
      }
    });
    return cands.length === 0 ? [] : this.select(cands, text);
  }

  /** Whether the folded units from `start` on have the case pattern `p` needs. */
  private caseOk(text: string, start: number, p: number): boolean {
    const { exact, start: from, len, flags } = this.patterns;
    const strict = (flags[p]! & STRICT) !== 0;
    let i = start;
    for (let k = 0, at = from[p]!; k < len[p]!; k++) {
      i = unitAfter(text, i);
      const t = foldUnit(text.charCodeAt(i));
      i = t === SPACE ? afterSpaces(text, i) : i + 1;
      const n = exact[at + k]!;
      if (t !== n && (strict || lowerUnit(n) !== n)) return false;
    }
    return true;
  }

  /** {@link caseOk} for a plain span (see {@link isPlain}): text units are folded units. */
  private casePlainOk(text: string, start: number, p: number): boolean {
    const { exact, start: from, len, flags } = this.patterns;
    const strict = (flags[p]! & STRICT) !== 0;
    for (let k = 0, at = from[p]!; k < len[p]!; k++) {
      const n = exact[at + k]!;
      const t = text.charCodeAt(start + k);
      if (t !== n && (strict || lowerUnit(n) !== n)) return false;
    }
    return true;
  }

  /** Leftmost, then longest; candidates arrive ordered by end offset. */
  private select(cands: number[], text: string): Match[] {
    const count = cands.length / 3;
    const order = Array.from({ length: count }, (_, i) => i);
    order.sort((a, b) => cands[a * 3]! - cands[b * 3]! || cands[b * 3 + 1]! - cands[a * 3 + 1]!);
    const out: Match[] = [];
    let lastEnd = 0;
    for (const i of order) {
      const start = cands[i * 3]!;
      const e = cands[i * 3 + 1]!;
      if (start < lastEnd) continue;
      lastEnd = e;
      const entry = this.patterns.entries[cands[i * 3 + 2]!]!;
      const end = withMarks(text, e);
      out.push({ start, end, entityId: entry.entityId, type: entry.type, text: text.slice(start, end) });
    }
    return out;
  }
}

/**
 * Whether `text[start..last]` folds unit for unit: printable ASCII and single
 * spaces only, not starting with a space. Then the key of that many units
 * that ends at `last` starts at `start`, and its units are the text's.
 */
function isPlain(text: string, start: number, last: number): boolean {
  if (start < 0 || text.charCodeAt(start) === SPACE) return false;
  for (let i = start; i <= last; i++) {
    const c = text.charCodeAt(i);
    if (c > SPACE && c < 0x80) continue;
    if (c !== SPACE || text.charCodeAt(i - 1) === SPACE) return false;
  }
  return true;
}

function isUpperUnit(c: number): boolean {
  return lowerUnit(c) !== c;
}

/**
 * Whether the match `text[start..end)` has a capitalised neighbour word that
 * makes it part of a longer name (see the module comment).
 */
function insideLongerName(text: string, start: number, end: number): boolean {
  const after = wordAfterSpace(text, end);
  if (after && isUpperUnit(after.charCodeAt(0)) && !FREE_AFTER.has(after.toLowerCase())) return true;
  const before = wordBeforeSpace(text, start);
  return before !== null && isUpperUnit(before.charCodeAt(0)) && !FREE_BEFORE.has(before.toLowerCase());
}

/** The folded word after the whitespace that follows `end`, or null (no space, no word, too long). */
function wordAfterSpace(text: string, end: number): string | null {
  let i = unitAfter(text, end);
  if (i >= text.length || foldUnit(text.charCodeAt(i)) !== SPACE) return null;
  i = afterSpaces(text, i);
  let word = '';
  for (; i < text.length; i++) {
    const f = foldUnit(text.charCodeAt(i));
    if (f < 0) continue;
    if (!isWordUnit(f)) break;
    if (word.length === MAX_NEIGHBOUR) return null;
    word += String.fromCharCode(f);
  }
  return word || null;
}

/**
 * The folded word before the whitespace that precedes `start`, or null: also
 * when that word ends in a period or other punctuation, or is the end of a
 * possessive or hyphenated word ("Russia's", "Secretary-General").
 */
function wordBeforeSpace(text: string, start: number): string | null {
  let j = unitBefore(text, start);
  if (j < 0 || foldUnit(text.charCodeAt(j)) !== SPACE) return null;
  while (j >= 0 && (foldUnit(text.charCodeAt(j)) === SPACE || foldUnit(text.charCodeAt(j)) < 0)) j--;
  let word = '';
  for (; j >= 0; j--) {
    const f = foldUnit(text.charCodeAt(j));
    if (f < 0) continue;
    if (!isWordUnit(f)) break;
    if (word.length === MAX_NEIGHBOUR) return null;
    word = String.fromCharCode(f) + word;
  }
  if (j >= 0) {
    const f = foldUnit(text.charCodeAt(j));
    if (f === APOSTROPHE || f === HYPHEN) return null;
  }
  return word || null;
}

/** Whether a key that starts with a word unit may start at `start`: not inside a word, nor after `X'`. */
function startOk(text: string, start: number): boolean {
  const c = start > 0 ? text.charCodeAt(start - 1) : -1;
  if (c < 0x80 && c !== APOSTROPHE) return !isWordUnit(c); // -1 (text start) is no word
  const at = unitBefore(text, start);
  if (at < 0) return true;
  const before = foldUnit(text.charCodeAt(at));
  if (isWordUnit(before)) return false;
  if (before !== APOSTROPHE) return true;
  const at2 = unitBefore(text, at);
  return at2 < 0 || !isWordUnit(foldUnit(text.charCodeAt(at2)));
}

/** Whether the first unit folding keeps at or after `i` is part of a word. */
function wordAfter(text: string, i: number): boolean {
  const c = text.charCodeAt(i); // NaN past the end: not a word
  if (c < 0x80) return isWordUnit(c);
  const at = unitAfter(text, i);
  return at < text.length && isWordUnit(foldUnit(text.charCodeAt(at)));
}

/** Index of the last unit before `i` that folding keeps, or -1. */
function unitBefore(text: string, i: number): number {
  let j = i - 1;
  while (j >= 0 && foldUnit(text.charCodeAt(j)) < 0) j--;
  return j;
}

/** Index of the first unit at or after `i` that folding keeps, or `text.length`. */
function unitAfter(text: string, i: number): number {
  let j = i;
  while (j < text.length && foldUnit(text.charCodeAt(j)) < 0) j++;
  return j;
}

/** Index after the whitespace run that starts at `i` (dropped units inside it included). */
function afterSpaces(text: string, i: number): number {
  let j = i + 1;
  for (; j < text.length; j++) {
    const f = foldUnit(text.charCodeAt(j));
    if (f !== SPACE && f >= 0) break;
  }
  return j;
}

/**
 * Where a key of `len` folded units that ends with the unit at `last` starts:
 * counts units back, a whitespace run as one (starting at its first unit).
 * Keys never start or end with a space.
 */
function startOf(text: string, last: number, len: number): number {
  let at = last;
  for (let k = 1; k < len; k++) {
    at = unitBefore(text, at);
    if (foldUnit(text.charCodeAt(at)) === SPACE) {
      for (let j = unitBefore(text, at); j >= 0 && foldUnit(text.charCodeAt(j)) === SPACE; j = unitBefore(text, j)) {
        at = j;
      }
    }
  }
  return at;
}

/** `end` moved past the combining marks that decorate the unit before it. */
function withMarks(text: string, end: number): number {
  let out = end;
  for (let j = end; j < text.length; j++) {
    const f = foldUnit(text.charCodeAt(j));
    if (f === FOLD_MARK) out = j + 1;
    else if (f >= 0) break;
  }
  return out;
}
