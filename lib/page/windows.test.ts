import { describe, expect, it } from 'vitest';
import { compileMatcher } from './matcher';
import { LONG_TOKEN, WINDOW, matchWindow, shortTokenSpans } from './windows';

const matcher = compileMatcher([
  { text: 'Lavrov', entityId: 'lavrov', type: 'person' },
  { text: 'Aleppo', entityId: 'aleppo', type: 'place' },
]);

describe('shortTokenSpans', () => {
  it('leaves out runs without whitespace longer than a line', () => {
    const long = 'x'.repeat(LONG_TOKEN + 1);
    const text = `Lavrov ${long} Aleppo`;
    expect(shortTokenSpans(text, 0, text.length)).toEqual([
      [0, 7],
      [7 + long.length, text.length],
    ]);
    const short = `Lavrov ${'x'.repeat(LONG_TOKEN)} Aleppo`;
    expect(shortTokenSpans(short, 0, short.length)).toEqual([[0, short.length]]);
  });

  it('sees a long run that crosses the edges of the window', () => {
    const text = `${'a'.repeat(300)}Lavrov rest`;
    // The window starts inside the run: its tail is not a short word of its own.
    expect(shortTokenSpans(text, 290, text.length)).toEqual([[306, text.length]]);
  });
});

describe('matchWindow', () => {
  it('does not mark names inside comma-separated runs', () => {
    const csv = Array.from({ length: 500 }, () => 'Lavrov,Aleppo').join(',');
    const { matches, next } = matchWindow(matcher, `Aleppo ${csv} Lavrov`, 0);
    expect(matches.map((m) => m.text)).toEqual(['Aleppo', 'Lavrov']);
    expect(next).toBe(csv.length + 14);
  });

  it('cuts a window without whitespace at its length, so no window grows with the run', () => {
    const text = 'Lavrov,'.repeat(Math.ceil((WINDOW * 2) / 7));
    const first = matchWindow(matcher, text, 0);
    expect(first.matches).toEqual([]);
    expect(first.next).toBe(WINDOW);
  });
});
