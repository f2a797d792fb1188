// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { RouteWatcher, routeKey } from './route-watch';

describe('routeKey', () => {
  it('ignores plain fragments but keeps hash routes', () => {
    expect(routeKey('https://a.org/p?q=1#section-2')).toBe('https://a.org/p?q=1');
    expect(routeKey('https://a.org/#/inbox')).toBe('https://a.org/#/inbox');
    expect(routeKey('https://a.org/#!/inbox')).toBe('https://a.org/#!/inbox');
    expect(routeKey('https://a.org/p')).toBe('https://a.org/p');
  });
});

describe('RouteWatcher', () => {
  it('reports a pushState once, on the next check', () => {
    let changes = 0;
    const watcher = new RouteWatcher(window, () => changes++);
    history.pushState({}, '', '/story-1');
    watcher.check();
    watcher.check();
    expect(changes).toBe(1);
    history.pushState({}, '', '/story-1#comments');
    watcher.check();
    expect(changes).toBe(1);
    watcher.dispose();
  });

  it('reports back and forward (popstate)', () => {
    let changes = 0;
    const watcher = new RouteWatcher(window, () => changes++);
    history.pushState({}, '', '/story-2');
    window.dispatchEvent(new PopStateEvent('popstate'));
    expect(changes).toBe(1);
    watcher.dispose();
  });
});
