import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { damerauWithin } from './damerau';

/** Full optimal-string-alignment distance, the textbook table, no bound. */
function naiveOsa(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

describe('damerauWithin', () => {
  it('counts a swap of neighbouring letters as one edit', () => {
    expect(damerauWithin('lavorv', 'lavrov', 2)).toBe(1);
    expect(damerauWithin('kerry', 'kerry', 2)).toBe(0);
    expect(damerauWithin('kery', 'kerry', 1)).toBe(1);
    expect(damerauWithin('asad', 'assad', 1)).toBe(1);
    expect(damerauWithin('jon', 'john', 1)).toBe(1);
  });

  it('answers max + 1 past the bound', () => {
    expect(damerauWithin('lavrov', 'kerry', 2)).toBe(3);
    expect(damerauWithin('ab', 'abcdef', 2)).toBe(3);
  });

  it('agrees with the full table whenever the distance is within the bound', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd'), maxLength: 8 });
    fc.assert(
      fc.property(word, word, fc.integer({ min: 0, max: 3 }), (a, b, max) => {
        const exact = naiveOsa(a, b);
        expect(damerauWithin(a, b, max)).toBe(exact <= max ? exact : max + 1);
      }),
      { numRuns: 2000 },
    );
  });
});
