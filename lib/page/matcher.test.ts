import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { NameEntry } from '../messages/protocol';
import { compileMatcher, FREE_AFTER, FREE_BEFORE, type Match } from './matcher';
import { foldText, foldedString } from './normalize';

const person = (text: string, entityId = text.toLowerCase()): NameEntry => ({ text, entityId, type: 'person' });
const place = (text: string, entityId = text.toLowerCase()): NameEntry => ({ text, entityId, type: 'place' });
const found = (names: NameEntry[], text: string): string[] =>
  compileMatcher(names)
    .findAll(text)
    .map((m) => m.text);

describe('compileMatcher', () => {
  it('finds names as whole words only', () => {
    expect(found([person('Lavrov')], 'Lavrov, Lavrova and xLavrov met Lavrov.')).toEqual(['Lavrov', 'Lavrov']);
  });

  it('reports original offsets, entity and type', () => {
    const [m] = compileMatcher([place('Kyiv', 'kyiv')]).findAll('In Kyiv today');
    expect(m).toEqual<Match>({ start: 3, end: 7, entityId: 'kyiv', type: 'place', text: 'Kyiv' });
  });

  it('matches the name inside straight and curly possessives', () => {
    expect(found([person('Lavrov')], "Lavrov's aide and Lavrov\u2019s plane")).toEqual(['Lavrov', 'Lavrov']);
  });

  it('does not match after a letter and an apostrophe', () => {
    expect(found([person('Brien')], "O'Brien and Brien")).toEqual(['Brien']);
  });

  it('keeps hyphens inside names and treats them as word breaks outside', () => {
    expect(found([person('al-Sham'), person('Sham')], 'al-Sham, Sham-led, Shamir')).toEqual(['al-Sham', 'Sham']);
  });

  it('prefers the longest match at the leftmost position', () => {
    const m = compileMatcher([person('Sergey', 'a'), person('Sergey Lavrov', 'b'), person('Lavrov', 'c')]);
    expect(m.findAll('Sergey Lavrov and Lavrov').map((x) => [x.text, x.entityId])).toEqual([
      ['Sergey Lavrov', 'b'],
      ['Lavrov', 'c'],
    ]);
  });

  it('matches acronyms and short names with their exact case only', () => {
    expect(found([place('US'), place('U.S.'), person('Kim')], 'us, US, U.S., u.s., kim, KIM, Kim')).toEqual([
      'US',
      'U.S.',
      'Kim',
    ]);
  });

  it('matches other names in exact, ALL-CAPS and capitalised forms but not lower case', () => {
    expect(found([place('Jordan'), place('al-Sham')], 'Jordan, JORDAN, jordan, Al-Sham, AL-SHAM')).toEqual([
      'Jordan',
      'JORDAN',
      'Al-Sham',
      'AL-SHAM',
    ]);
  });

  it('ignores composed versus decomposed diacritics in both directions', () => {
    expect(found([person('Erdo\u011fan')], 'Erdog\u0306an and Erdogan')).toEqual(['Erdog\u0306an', 'Erdogan']);
    expect(found([person('Jose\u0301')], 'Jos\u00e9 said')).toEqual(['Jos\u00e9']);
  });

  it('matches across soft hyphens, no-break spaces and line breaks', () => {
    expect(found([person('Sergey Lavrov')], 'Ser\u00adgey\u00a0Lavrov; Sergey\n   Lavrov')).toEqual([
      'Ser\u00adgey\u00a0Lavrov',
      'Sergey\n   Lavrov',
    ]);
  });

  it('never matches across the block separator', () => {
    expect(found([person('Sergey Lavrov')], 'Sergey\u2029Lavrov')).toEqual([]);
  });

  it('uses the first listed entity for an identical surface form', () => {
    const m = compileMatcher([person('Jordan', 'michael-jordan'), place('Jordan', 'jordan')]);
    expect(m.findAll('Jordan').map((x) => x.entityId)).toEqual(['michael-jordan']);
  });

  it('does not mark a name inside a longer capitalised name', () => {
    const names = [
      place('Washington'),
      place('Jordan'),
      person('Obama'),
      { text: 'West', entityId: 'west', type: 'other' as const },
    ];
    expect(found(names, 'The Washington Post said; Jaden Jordan scored; the West Coast; West Papua.')).toEqual([]);
  });

  it('marks a name after a grammar word, a title, a possessive or an abbreviation, and before a date', () => {
    const names = [place('Washington'), person('Obama'), person('Lavrov'), place('Jordan')];
    expect(
      found(names, 'In Washington Tuesday, President Obama met Russia\u2019s Lavrov. Mr. Obama and Jordan agreed.'),
    ).toEqual(['Washington', 'Obama', 'Lavrov', 'Obama', 'Jordan']);
  });

  it('marks the longer name when the corpus knows it', () => {
    const m = compileMatcher([
      place('Washington', 'dc'),
      { text: 'Washington Post', entityId: 'wapo', type: 'organization' },
    ]);
    expect(m.findAll('The Washington Post and Washington').map((x) => [x.text, x.entityId])).toEqual([
      ['Washington Post', 'wapo'],
      ['Washington', 'dc'],
    ]);
  });

  it('ignores names without letters or digits', () => {
    expect(compileMatcher([person(' - '), person('')]).patternCount).toBe(0);
  });
});

/** The neighbour rule on folded text: a capitalised word one space before or after, not a free word. */
function naiveInsideLonger(t: string, s: number, e: number): boolean {
  const cap = (w: string | undefined): boolean => w !== undefined && w.length <= 64 && w[0] !== w[0]!.toLowerCase();
  const after = t[e] === ' ' ? /^[\p{L}\p{N}]+/u.exec(t.slice(e + 1))?.[0] : undefined;
  if (cap(after) && !FREE_AFTER.has(after!.toLowerCase())) return true;
  if (t[s - 1] !== ' ') return false;
  const m = /([\p{L}\p{N}]+)$/u.exec(t.slice(0, s - 1));
  if (!m || /['-]$/.test(t.slice(0, s - 1 - m[1]!.length))) return false;
  return cap(m[1]) && !FREE_BEFORE.has(m[1]!.toLowerCase());
}

/** The model: try every name at every folded position, then pick leftmost-longest. */
function naiveFindAll(names: NameEntry[], text: string): [number, number, string][] {
  const f = foldText(text);
  const t = foldedString(text);
  const word = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}\p{M}]/u.test(c);
  const folded = names.map((n) => foldedString(n.text).trim());
  const hits: [number, number, string][] = [];
  for (let s = 0; s < t.length; s++) {
    let best: [number, number, string] | null = null;
    folded.forEach((name, i) => {
      if (!/[\p{L}\p{N}]/u.test(name)) return;
      const e = s + name.length;
      const sub = t.slice(s, e);
      if (e > t.length || sub.toLowerCase() !== name.toLowerCase()) return;
      if (word(name[0]) && (word(t[s - 1]) || (t[s - 1] === "'" && word(t[s - 2])))) return;
      if (word(name[name.length - 1]) && word(t[e])) return;
      const letters = [...name].filter(word).length;
      const strict = letters <= 3 || name === name.toUpperCase();
      const caseOk = strict ? sub === name : [...name].every((c, k) => c === c.toLowerCase() || sub[k] === c);
      if (caseOk && !naiveInsideLonger(t, s, e) && (best === null || e > best[1])) best = [s, e, names[i]!.entityId];
    });
    if (best) hits.push(best);
  }
  const out: [number, number, string][] = [];
  let lastEnd = 0;
  for (const [s, e, id] of hits) {
    if (s < lastEnd) continue;
    lastEnd = e;
    out.push([f.starts[s]!, f.ends[e - 1]!, id]);
  }
  return out;
}

describe('compileMatcher against the naive model', () => {
  const words = [
    'Lavrov',
    'Sergey',
    'US',
    'al-Sham',
    'Jordan',
    'Ab',
    'ISIS',
    'U.S.',
    'Erdo\u011fan',
    'O\u2019Neil',
    'x',
    'The',
    'Post',
    'Mr',
  ];
  const variant = fc
    .constantFrom(...words)
    .chain((w) =>
      fc.constantFrom(w, w.toUpperCase(), w.toLowerCase(), w.normalize('NFD'), w[0]!.toUpperCase() + w.slice(1)),
    );
  const sep = fc.constantFrom(' ', '  ', '\u00a0', "'s ", '\u2019s ', '-', '.', '\u00ad', '', 'z', '\u2029', ', ');
  const name = fc
    .array(fc.constantFrom(...words), { minLength: 1, maxLength: 3 })
    .chain((ws) => fc.constantFrom(ws.join(' '), ws.join('-'), ws.join('').toUpperCase()));

  it('finds exactly what trying every name at every position finds', () => {
    fc.assert(
      fc.property(
        fc.array(name, { minLength: 1, maxLength: 8 }),
        fc.array(fc.tuple(variant, sep), { maxLength: 25 }),
        (texts, parts) => {
          const names = texts.map((t, i) => person(t, `e${i}`));
          const text = parts.map(([w, s]) => w + s).join('');
          const got = compileMatcher(names)
            .findAll(text)
            .map((m): [number, number, string] => [m.start, m.end, m.entityId]);
          expect(got).toEqual(naiveFindAll(names, text));
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('compileMatcher with the case-sensitive setting', () => {
  const names: NameEntry[] = [{ text: 'Jordan', entityId: 'jordan', type: 'place' }];

  it('matches only the exact case', () => {
    const m = compileMatcher(names, { caseSensitive: true });
    expect(m.findAll('JORDAN and Jordan').map((x) => x.start)).toEqual([11]);
  });

  it('tolerates an all-caps headline by default', () => {
    expect(
      compileMatcher(names)
        .findAll('JORDAN and Jordan')
        .map((x) => x.start),
    ).toEqual([0, 11]);
  });
});
