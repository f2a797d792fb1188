/**
 * Text folding shared by the matcher's compile step and its scan, so a name and
 * a page spell "the same thing" the same way:
 *
 * - diacritics are dropped (NFC and NFD forms, and "Erdoğan" vs "Erdogan", all
 *   fold to the same letters); a few letters that do not decompose (ø, ł, đ, ß…)
 *   are mapped to their usual Latin stand-ins;
 * - curly and modifier apostrophes become `'`, Unicode hyphens become `-`;
 * - every whitespace run (incl. no-break, thin and other Unicode spaces, tabs,
 *   newlines) becomes one space;
 * - soft hyphens (U+00AD), zero-width characters and BOMs are dropped.
 *
 * Case is kept: the matcher decides case rules itself. U+2029 (PARAGRAPH
 * SEPARATOR, used by the text index between blocks) is deliberately *not*
 * whitespace here, so names never match across it.
 *
 * Folding works per UTF-16 code unit and never reorders, so each folded unit
 * maps back to a span of the original string (see {@link FoldedText}).
 */

/** A folded string plus the map back to the string it came from. */
export interface FoldedText {
  /** Folded code units (same as `text` as a string, kept for fast scanning). */
  codes: Uint16Array;
  /** Number of valid entries in `codes`. */
  length: number;
  /** `starts[i]`: offset in the original string where folded unit `i` begins. */
  starts: Int32Array;
  /**
   * `ends[i]`: offset in the original string just after folded unit `i`,
   * including combining marks and collapsed whitespace folded into it.
   */
  ends: Int32Array;
}

/** Fold result: a combining mark, dropped and counted as part of the previous unit. */
export const FOLD_MARK = -1;
/** Fold result: an invisible unit (soft hyphen, zero-width), dropped. */
export const FOLD_SKIP = -2;
const SPACE = 0x20;

/** Per-code-unit fold cache: 0 = not computed yet, else result + 3. */
const cache = new Int32Array(0x10000);

const SPECIAL: Record<number, number> = {
  0x2018: 0x27,
  0x2019: 0x27,
  0x201b: 0x27,
  0x02bc: 0x27,
  0x2032: 0x27,
  0xff07: 0x27,
  0x2010: 0x2d,
  0x2011: 0x2d,
  0x2012: 0x2d,
  0x00ad: FOLD_SKIP,
  0x200b: FOLD_SKIP,
  0x200c: FOLD_SKIP,
  0x200d: FOLD_SKIP,
  0x2060: FOLD_SKIP,
  0xfeff: FOLD_SKIP,
  0x00f8: 0x6f,
  0x00d8: 0x4f,
  0x0142: 0x6c,
  0x0141: 0x4c,
  0x0111: 0x64,
  0x0110: 0x44,
  0x0131: 0x69,
  0x00df: 0x73,
  0x0127: 0x68,
  0x0126: 0x48,
};

function isSpaceUnit(c: number): boolean {
  return (
    c === 0x20 ||
    (c >= 0x09 && c <= 0x0d) ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

function computeUnit(c: number): number {
  if (isSpaceUnit(c)) return SPACE;
  const special = SPECIAL[c];
  if (special !== undefined) return special;
  // Combining marks: dropped (they decorate the previous letter).
  if (
    (c >= 0x0300 && c <= 0x036f) ||
    (c >= 0x1ab0 && c <= 0x1aff) ||
    (c >= 0x1dc0 && c <= 0x1dff) ||
    (c >= 0x20d0 && c <= 0x20ff) ||
    (c >= 0xfe20 && c <= 0xfe2f)
  ) {
    return FOLD_MARK;
  }
  if (c >= 0xd800 && c <= 0xdfff) return c; // surrogate halves pass through untouched
  const decomposed = String.fromCharCode(c).normalize('NFD');
  return decomposed.length > 0 ? decomposed.charCodeAt(0) : c;
}

/**
 * Folds one UTF-16 code unit: returns the folded unit, `0x20` for any space,
 * {@link FOLD_MARK} or {@link FOLD_SKIP} when the unit is dropped. ASCII other
 * than whitespace is unchanged.
 */
export function foldUnit(c: number): number {
  if (c < 0x80) return c <= 0x20 && isSpaceUnit(c) ? SPACE : c;
  let v = cache[c]!;
  if (v === 0) {
    v = computeUnit(c) + 3; // stored shifted so 0 keeps meaning "unknown"
    cache[c] = v;
  }
  return v - 3;
}

/**
 * Folds `text` (see the module comment). Leading whitespace is kept as one
 * space; runs collapse into their first unit, whose `ends` entry grows to
 * cover the whole run. This is the reference form of folding: the matcher
 * never builds it for page text, it folds unit by unit while scanning (see
 * `automaton.ts`) and agrees with it (the property test in `matcher.test.ts`).
 */
export function foldText(text: string): FoldedText {
  const n = text.length;
  const codes = new Uint16Array(n);
  const starts = new Int32Array(n);
  const ends = new Int32Array(n);
  let len = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    const f = foldUnit(c);
    if (f < 0) {
      // Combining marks belong to the previous unit; zero-width chars and soft
      // hyphens are simply skipped (a match may still span them).
      if (f === FOLD_MARK && len > 0) ends[len - 1] = i + 1;
      continue;
    }
    if (f === SPACE && len > 0 && codes[len - 1] === SPACE) {
      ends[len - 1] = i + 1;
      continue;
    }
    codes[len] = f;
    starts[len] = i;
    ends[len] = i + 1;
    len++;
  }
  return { codes, length: len, starts, ends };
}

/** The folded form of `text` as a plain string (names, tests, debugging). */
export function foldedString(text: string): string {
  const f = foldText(text);
  let out = '';
  for (let i = 0; i < f.length; i += 4096) {
    out += String.fromCharCode(...f.codes.subarray(i, Math.min(f.length, i + 4096)));
  }
  return out;
}

const wordCache = new Uint8Array(0x10000); // 0 unknown, 1 no, 2 yes
const WORD_RE = /[\p{L}\p{N}\p{M}]/u;

/**
 * Whether a (folded) code unit is part of a word: Unicode letters, digits and
 * marks. Surrogate halves count as non-word (astral letters are rare in names;
 * emoji next to a name must not block it).
 */
export function isWordUnit(c: number): boolean {
  if (c < 0x80) return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39);
  let v = wordCache[c]!;
  if (v === 0) {
    v = c < 0xd800 || c > 0xdfff ? (WORD_RE.test(String.fromCharCode(c)) ? 2 : 1) : 1;
    wordCache[c] = v;
  }
  return v === 2;
}

const lowerCache = new Int32Array(0x10000); // 0 unknown, else lower + 1

/** Lower-cases one code unit (unchanged when its lower case is not one unit). */
export function lowerUnit(c: number): number {
  if (c < 0x80) return c >= 0x41 && c <= 0x5a ? c + 32 : c;
  let v = lowerCache[c]!;
  if (v === 0) {
    const lower = String.fromCharCode(c).toLowerCase();
    v = (lower.length === 1 ? lower.charCodeAt(0) : c) + 1;
    lowerCache[c] = v;
  }
  return v - 1;
}
