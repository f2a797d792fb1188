/**
 * The tokenizer's fast path (ASCII words scanned by hand, white space skipped without a
 * pattern) must give exactly the tokens of the plain pattern search it replaced.
 */
import { describe, expect, it } from 'vitest';
import fixture from './fixtures/wikinews-sample.json';
import { isSpace, splitParagraphs, tokenize, type Span, type Token } from './segment';

/** The tokenizer as it was: one global search of the token pattern, a match array per token. */
const TOKEN_RE = /(?:\p{Lu}\.){2,}|[\p{L}\p{M}\p{N}]+(?:(?:['’](?![sS](?![\p{L}]))|[-‐])[\p{L}\p{M}\p{N}]+)*\.?|\S/gu;
function referenceTokenize(text: string, span: Span, abbreviations: ReadonlySet<string>): Token[] {
  const out: Token[] = [];
  TOKEN_RE.lastIndex = span.start;
  for (let m = TOKEN_RE.exec(text); m && m.index < span.end; m = TOKEN_RE.exec(text)) {
    let t = m[0];
    const s = m.index;
    if (t.length > 1 && t.endsWith('.') && !abbreviations.has(t) && !/^(?:\p{Lu}\.){2,}$|^\p{Lu}\.$/u.test(t)) {
      t = t.slice(0, -1);
      out.push({ start: s, end: s + t.length, text: t }, { start: s + t.length, end: s + t.length + 1, text: '.' });
      continue;
    }
    out.push({ start: s, end: s + t.length, text: t });
  }
  return out;
}

const abbreviations = new Set(['Sept.', 'Gen.', 'Dr.', 'Mr.', 'U.S.']);

describe('tokenize', () => {
  it('gives the tokens of the pattern search on real articles, whole and per paragraph', () => {
    for (const d of fixture.documents) {
      const whole = { start: 0, end: d.text.length };
      expect(tokenize(d.text, whole, abbreviations)).toEqual(referenceTokenize(d.text, whole, abbreviations));
      for (const p of splitParagraphs(d.text))
        expect(tokenize(d.text, p, abbreviations)).toEqual(referenceTokenize(d.text, p, abbreviations));
    }
  });

  it('gives the tokens of the pattern search on hard cases', () => {
    const cases = [
      "Russia's U.S.-led J. Smith didn't al-Sham Nagorno-Karabakh Sept. 3.5 x.",
      'café naïve Zoë e\u0301 ٣٤ ß İstanbul O’Neil’s rock’n’roll co‐op — “quoted” «guillemets»',
      'emoji 😀 math 𝐀𝐁 tabs\tand\u00a0nbsp\u2009thin\u3000ideographic\ufeffbom end.',
      "A.B. a.b. A. ab. Ab. AB. it's IT'S Its' s's ''' --- ... under_score 1,000.50",
      'trailing-',
      "trailing'",
      'x',
      '',
      '   ',
      'word.',
      'word.word',
      'Word’s',
      'Word’st',
    ];
    for (const text of cases) {
      const whole = { start: 0, end: text.length };
      expect(tokenize(text, whole, abbreviations)).toEqual(referenceTokenize(text, whole, abbreviations));
    }
    expect(tokenize('U.S.-led', { start: 0, end: 8 }, abbreviations).map((t) => t.text)).toEqual(['U.S.', '-', 'led']);
  });

  it('gives the tokens of the pattern search on random strings and spans', () => {
    const alphabet = ['a', 'Z', 'é', 'É', '\u0301', '1', '٣', "'", '’', 's', 'S', '-', '‐', '.', ' ', '\u00a0'];
    alphabet.push('\u2009', '\n', '\t', ',', '"', '“', '😀', '𝐀', 'ß', '_', 'x', 'U', '\ufeff', '\u3000');
    let seed = 12345;
    const random = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    for (let i = 0; i < 20000; i++) {
      let text = '';
      for (let k = 1 + random(14); k > 0; k--) text += alphabet[random(alphabet.length)];
      // Spans never start inside a surrogate pair (paragraphs start after white space).
      let start = random(text.length + 1);
      if (/[\udc00-\udfff]/.test(text[start] ?? '')) start--;
      const span = { start, end: start + random(text.length - start + 1) };
      expect(tokenize(text, span, abbreviations)).toEqual(referenceTokenize(text, span, abbreviations));
    }
  });
});

describe('isSpace', () => {
  it('is true exactly for the code units a pattern’s \\s matches', () => {
    const wrong: string[] = [];
    for (let c = 0; c < 0x10000; c++)
      if (isSpace(c) !== /\s/.test(String.fromCharCode(c))) wrong.push(`U+${c.toString(16)}`);
    expect(wrong).toEqual([]);
  });
});
