/**
 * Paragraphs, sentences and tokens with character offsets into the document text.
 * Our own tokenizer rather than wink-nlp: see README.md (speed, bundle size, offsets).
 */

/** A character range [start, end) of a document's text. */
export interface Span {
  start: number;
  end: number;
}

/** A word or punctuation token. `text` is `docText.slice(start, end)`. */
export interface Token extends Span {
  text: string;
}

/**
 * Splits text into paragraphs: runs of non-blank lines separated by line breaks,
 * each trimmed of surrounding whitespace. One line = one paragraph (news texts put a
 * paragraph per line).
 */
export function splitParagraphs(text: string): Span[] {
  const out: Span[] = [];
  const re = /[^\n\r]+/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    let s = m.index;
    let e = s + m[0].length;
    while (s < e && /\s/.test(text[s] ?? '')) s++;
    while (e > s && /\s/.test(text[e - 1] ?? '')) e--;
    if (e > s) out.push({ start: s, end: e });
  }
  return out;
}

// Words, dotted acronyms (U.S.), hyphenated names (al-Sham, Nagorno-Karabakh) and
// contractions (didn't); a possessive 's is left out so "Russia's" yields "Russia".
// Sticky: the token starting exactly at `lastIndex`. Every non-space character starts one
// (`\S`), so the tokens of a text are what a global search would find, one after the other
// past the spaces.
const TOKEN_AT = /(?:\p{Lu}\.){2,}|[\p{L}\p{M}\p{N}]+(?:(?:['’](?![sS](?![\p{L}]))|[-‐])[\p{L}\p{M}\p{N}]+)*\.?|\S/uy;
const INITIAL_OR_ACRONYM = /^(?:\p{Lu}\.){2,}$|^\p{Lu}\.$/u;

/** Whether a UTF-16 code unit is white space as a regular expression's `\s` means it. */
export function isSpace(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

const isAsciiLetterOrDigit = (c: number): boolean =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);

/**
 * Tokenizes `text[start, end)`. A trailing period is kept on a word only when the
 * word is an abbreviation in `abbreviations` (e.g. "Sept."), so sentence periods stay separate.
 */
export function tokenize(text: string, span: Span, abbreviations: ReadonlySet<string>): Token[] {
  const out: Token[] = [];
  let pos = span.start;
  for (;;) {
    while (pos < span.end && isSpace(text.charCodeAt(pos))) pos++;
    if (pos >= span.end) break;
    const s = pos;
    // Most tokens are ASCII words followed by a space or punctuation: that is the whole token
    // unless an apostrophe, hyphen, period or non-ASCII character follows (the pattern would
    // match exactly these letters). Anything else goes through the pattern.
    let e = s;
    while (isAsciiLetterOrDigit(text.charCodeAt(e))) e++;
    const next = text.charCodeAt(e);
    if (e === s || next === 39 /* ' */ || next === 45 /* - */ || next === 46 /* . */ || next > 127) {
      TOKEN_AT.lastIndex = s;
      if (!TOKEN_AT.test(text)) break;
      e = TOKEN_AT.lastIndex;
    }
    pos = e;
    let t = text.slice(s, e);
    if (
      t.length > 1 &&
      t.charCodeAt(t.length - 1) === 46 /* . */ &&
      !abbreviations.has(t) &&
      !INITIAL_OR_ACRONYM.test(t)
    ) {
      // "Russia." -> "Russia" + "."; initials ("J.") and acronyms ("U.S.") keep their period.
      t = t.slice(0, -1);
      out.push({ start: s, end: s + t.length, text: t });
      out.push({ start: s + t.length, end: s + t.length + 1, text: '.' });
      continue;
    }
    out.push({ start: s, end: e, text: t });
  }
  return out;
}

const OPENERS = /["“«„‘'(\[]/;

/**
 * Splits a paragraph into sentences. A period, "!" or "?" (plus closing quotes or
 * brackets) followed by space and a capital, digit or opening quote ends a sentence,
 * except after an abbreviation, an initial, or a dotted acronym (U.S.) not followed by
 * a typical sentence opener. No boundary falls inside a `protect`ed range (quotes).
 */
export function splitSentences(
  text: string,
  para: Span,
  tokens: Token[],
  protect: Span[],
  starters: ReadonlySet<string>,
): Span[] {
  const out: Span[] = [];
  let sentStart = para.start;
  const inProtected = (pos: number): boolean => protect.some((p) => pos > p.start && pos < p.end);
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i]!;
    const last = tok.text[tok.text.length - 1];
    const isStop = tok.text === '.' || tok.text === '!' || tok.text === '?' || tok.text === '…';
    const isDotted = !isStop && last === '.' && /^(?:\p{Lu}\.){2,}$/u.test(tok.text);
    if (!isStop && !isDotted) continue;
    let j = i + 1;
    while (j < tokens.length && /^["”»’')\]]$/.test(tokens[j]!.text) && tokens[j]!.start === tokens[j - 1]!.end) j++;
    const next = tokens[j];
    if (!next) break;
    const end = tokens[j - 1]!.end;
    if (next.start === end) continue; // no space: "3.5", "U.S.-led"
    const c = next.text[0] ?? '';
    if (!(/\p{Lu}|\p{N}/u.test(c) || OPENERS.test(c))) continue;
    if (isDotted && !starters.has(next.text)) continue;
    if (inProtected(end)) continue;
    out.push({ start: sentStart, end });
    sentStart = next.start;
  }
  if (sentStart < para.end) out.push({ start: sentStart, end: para.end });
  return out;
}
