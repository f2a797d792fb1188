import { describe, expect, it, vi } from 'vitest';
import { shortDate, shortMoment } from './format';

describe('compact dates', () => {
  it('shows an article date as a short day, month and year', () => {
    expect(shortDate('2016-09-12', 'en-GB')).toBe(`12 ${shortMonth(8)} 2016`);
    expect(shortDate('2016-09', 'en-GB')).toBe(`${shortMonth(8)} 2016`);
    expect(shortDate('2016', 'en-GB')).toBe('2016');
    expect(shortDate(undefined)).toBe('');
    expect(shortDate('last week')).toBe('last week');
  });

  it('shows a moment relative to now', () => {
    const now = new Date(2026, 11, 5, 14, 30);
    expect(shortMoment(new Date(2026, 11, 5, 9, 5).toISOString(), now, 'en-GB')).toBe('today 09:05');
    expect(shortMoment(new Date(2026, 11, 4, 23, 59).toISOString(), now, 'en-GB')).toBe('yesterday 23:59');
    expect(shortMoment(new Date(2026, 2, 3, 8, 0).toISOString(), now, 'en-GB')).toBe('3 Mar, 08:00');
    expect(shortMoment(new Date(2025, 2, 3, 8, 0).toISOString(), now, 'en-GB')).toBe('3 Mar 2025');
    expect(shortMoment('not a date', now)).toBe('');
  });
});

/** The short month name this ICU gives (Node's ICU writes "Sept" or "Sep" by version). */
function shortMonth(month: number): string {
  return new Date(Date.UTC(2016, month, 1)).toLocaleDateString('en-GB', { month: 'short', timeZone: 'UTC' });
}

describe('compact dates, many at once', () => {
  // A table page formats 50 dates a render: toLocaleDateString(locale, options) builds a new ICU formatter
  // each call (tens of ms a page, and their clean-up in long GC tasks), so these reuse one (../common/intl.ts).
  it('builds no formatter per date', () => {
    const spy = vi.spyOn(Date.prototype, 'toLocaleDateString');
    const time = vi.spyOn(Date.prototype, 'toLocaleTimeString');
    try {
      for (let day = 1; day <= 28; day++) shortDate(`2016-09-${String(day).padStart(2, '0')}`, 'en-GB');
      shortDate('2016-09', 'en-GB');
      shortMoment(new Date(2025, 2, 3, 8, 0).toISOString(), new Date(2026, 11, 5), 'en-GB');
      expect(spy).not.toHaveBeenCalled();
      expect(time).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
      time.mockRestore();
    }
  });
});
