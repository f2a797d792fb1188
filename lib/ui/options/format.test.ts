import { describe, expect, it } from 'vitest';
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
