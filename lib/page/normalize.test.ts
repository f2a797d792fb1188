import { describe, expect, it } from 'vitest';
import { foldText, foldedString, isWordUnit, lowerUnit } from './normalize';

describe('foldedString', () => {
  it('folds composed and decomposed diacritics to the same letters', () => {
    expect(foldedString('Erdo\u011fan')).toBe('Erdogan');
    expect(foldedString('Erdog\u0306an')).toBe('Erdogan');
  });

  it('maps curly and modifier apostrophes to a straight one', () => {
    expect(foldedString('Lavrov\u2019s \u2018x\u02bc')).toBe("Lavrov's 'x'");
  });

  it('collapses no-break, thin and ordinary whitespace runs into one space', () => {
    expect(foldedString('Sergey\u00a0\u2009 \n\tLavrov')).toBe('Sergey Lavrov');
  });

  it('drops soft hyphens and zero-width characters', () => {
    expect(foldedString('Lav\u00adrov\u200b\ufeff')).toBe('Lavrov');
  });

  it('keeps the block separator U+2029 as a character', () => {
    expect(foldedString('a\u2029b')).toBe('a\u2029b');
  });

  it('maps letters that do not decompose to Latin stand-ins', () => {
    expect(foldedString('\u0141\u00f3d\u017a Br\u00f8ndby')).toBe('Lodz Brondby');
  });
});

describe('foldText offsets', () => {
  it('maps each folded unit back to its original span', () => {
    const f = foldText('Ae\u0301  x\u00ady');
    expect(Array.from(f.codes.subarray(0, f.length), (c) => String.fromCharCode(c)).join('')).toBe('Ae xy');
    expect(Array.from(f.starts.subarray(0, f.length))).toEqual([0, 1, 3, 5, 7]);
    expect(Array.from(f.ends.subarray(0, f.length))).toEqual([1, 3, 5, 6, 8]);
  });
});

describe('character classes', () => {
  it('treats letters and digits of any script as word units', () => {
    expect(['a', 'Z', '7', '\u0436', '\u4e2d', '\u00e9'].map((c) => isWordUnit(c.charCodeAt(0)))).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
    ]);
    expect([' ', '-', "'", '.', '\u2029'].map((c) => isWordUnit(c.charCodeAt(0)))).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it('lower-cases single units', () => {
    expect(String.fromCharCode(lowerUnit('\u0416'.charCodeAt(0)))).toBe('\u0436');
    expect(lowerUnit('A'.charCodeAt(0))).toBe(0x61);
  });
});
