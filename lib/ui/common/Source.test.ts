import { describe, expect, it, vi } from 'vitest';
import { formatDate } from './Source';

describe('the date under a quote or passage', () => {
  it('reads as before: day, month and year; month and year; year', () => {
    const day = { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' } as const;
    expect(formatDate('2016-09-12')).toBe(new Date(Date.UTC(2016, 8, 12)).toLocaleDateString(undefined, day));
    expect(formatDate('2016-09')).toBe(
      new Date(Date.UTC(2016, 8, 1)).toLocaleDateString(undefined, {
        year: 'numeric',
        month: 'short',
        timeZone: 'UTC',
      }),
    );
    expect(formatDate('2016')).toBe('2016');
    expect(formatDate(undefined)).toBe('');
  });

  // The popup paints 12 results a keystroke, each with a date: one ICU formatter each was 30–45 ms a render.
  it('builds no formatter per date', () => {
    const spy = vi.spyOn(Date.prototype, 'toLocaleDateString');
    try {
      for (let day = 1; day <= 12; day++) formatDate(`2016-09-${String(day).padStart(2, '0')}`);
      expect(spy).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });
});
