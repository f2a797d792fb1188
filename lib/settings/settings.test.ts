import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, isActiveOn, normalizeSettings, withSite } from './settings';

describe('normalizeSettings', () => {
  it('gives the defaults for nothing stored', () => {
    expect(normalizeSettings(undefined)).toEqual(DEFAULT_SETTINGS);
  });

  it('replaces malformed fields by their defaults and keeps good ones', () => {
    expect(
      normalizeSettings({
        enabled: 'yes',
        hoverDelayMs: 5000,
        highlightStyle: 'blink',
        disabledSites: ['a.com', 3, 'a.com'],
      }),
    ).toEqual({ ...DEFAULT_SETTINGS, hoverDelayMs: 2000, disabledSites: ['a.com'] });
  });
});

describe('site switches', () => {
  it('turns a site off and on again', () => {
    const off = withSite(DEFAULT_SETTINGS, 'News.Example.com', false);
    expect(isActiveOn(off, 'news.example.com')).toBe(false);
    expect(isActiveOn(off, 'other.com')).toBe(true);
    expect(isActiveOn(withSite(off, 'news.example.com', true), 'news.example.com')).toBe(true);
  });

  it('is off everywhere when the global switch is off', () => {
    expect(isActiveOn({ ...DEFAULT_SETTINGS, enabled: false }, 'a.com')).toBe(false);
  });
});
