import { describe, expect, it } from 'vitest';
import { problemOfScriptError, problemWithUrl } from './page-access';

describe('problemWithUrl', () => {
  it('lets web pages through, and unknown addresses (the attempt tells)', () => {
    expect(problemWithUrl('https://news.example/2024/story')).toBeNull();
    expect(problemWithUrl(undefined)).toBeNull();
  });

  it.each([
    ['chrome://settings', 'browser-page'],
    ['about:blank', 'browser-page'],
    ['moz-extension://abc/options.html', 'browser-page'],
    ['https://chromewebstore.google.com/detail/x', 'store'],
    ['https://chrome.google.com/webstore/detail/x', 'store'],
    ['https://addons.mozilla.org/en-US/firefox/', 'store'],
    ['file:///home/me/article.html', 'file'],
    ['https://example.org/report.PDF', 'pdf'],
  ])('%s cannot be clipped: %s', (url, problem) => {
    expect(problemWithUrl(url)).toBe(problem);
  });
});

describe('problemOfScriptError', () => {
  it('reads the browsers’ refusals', () => {
    expect(problemOfScriptError('Cannot access a chrome:// URL')).toBe('browser-page');
    expect(problemOfScriptError('The extensions gallery cannot be scripted.')).toBe('store');
    expect(
      problemOfScriptError(
        'Cannot access contents of the page. Extension manifest must request permission to access the respective host.',
      ),
    ).toBe('no-access');
    expect(problemOfScriptError('Missing host permission for the tab')).toBe('no-access');
    expect(problemOfScriptError('No tab with id: 12')).toBe('unreachable');
  });
});
