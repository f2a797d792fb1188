import { describe, expect, it } from 'vitest';
import { dateFormat, formatCount } from './intl';

describe('reused formatters', () => {
  it('gives the same formatter for the same locale and options', () => {
    const a = dateFormat('en-GB', { year: 'numeric', month: 'short', timeZone: 'UTC' });
    expect(dateFormat('en-GB', { year: 'numeric', month: 'short', timeZone: 'UTC' })).toBe(a);
    expect(dateFormat('en-GB', { year: 'numeric', month: 'long', timeZone: 'UTC' })).not.toBe(a);
    expect(dateFormat('en-US', { year: 'numeric', month: 'short', timeZone: 'UTC' })).not.toBe(a);
  });

  it('writes dates as toLocaleDateString does', () => {
    const options: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' };
    for (const at of [Date.UTC(2016, 8, 12), Date.UTC(1999, 11, 31), Date.UTC(2026, 0, 1)])
      for (const locale of [undefined, 'en-GB', 'de-DE', 'ja-JP'])
        expect(dateFormat(locale, options).format(new Date(at))).toBe(new Date(at).toLocaleDateString(locale, options));
  });

  it('writes counts as toLocaleString does', () => {
    for (const n of [0, 1, 999, 1000, 9898, 64_147, 1_234_567]) expect(formatCount(n)).toBe(n.toLocaleString('en-US'));
    expect(formatCount(1234, 'de-DE')).toBe((1234).toLocaleString('de-DE'));
  });
});
