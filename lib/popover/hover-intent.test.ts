import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HoverIntent } from './hover-intent';

describe('HoverIntent', () => {
  let shown: string[];
  let hides: number;
  let intent: HoverIntent<string>;

  beforeEach(() => {
    vi.useFakeTimers();
    shown = [];
    hides = 0;
    intent = new HoverIntent<string>({
      showDelay: 300,
      hideDelay: 200,
      same: (a, b) => a === b,
      onShow: (t) => shown.push(t),
      onHide: () => hides++,
    });
  });
  afterEach(() => vi.useRealTimers());

  it('shows a name only after the pointer rests on it for the delay', () => {
    intent.over('lavrov');
    vi.advanceTimersByTime(299);
    expect(shown).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(shown).toEqual(['lavrov']);
  });

  it('does not open anything when the pointer sweeps across names', () => {
    for (const name of ['a', 'b', 'c', 'd']) {
      intent.over(name);
      vi.advanceTimersByTime(100);
    }
    intent.over(null);
    vi.advanceTimersByTime(1000);
    expect(shown).toEqual([]);
  });

  it('keeps the open card while sweeping and switches only on a rest', () => {
    intent.over('a');
    vi.advanceTimersByTime(300);
    intent.over('b');
    vi.advanceTimersByTime(100);
    intent.over('c');
    vi.advanceTimersByTime(100);
    expect(shown).toEqual(['a']);
    expect(hides).toBe(0);
    vi.advanceTimersByTime(200);
    expect(shown).toEqual(['a', 'c']);
  });

  it('hides after the hide delay when the pointer leaves the name', () => {
    intent.over('a');
    vi.advanceTimersByTime(300);
    intent.over(null);
    vi.advanceTimersByTime(199);
    expect(hides).toBe(0);
    vi.advanceTimersByTime(1);
    expect(hides).toBe(1);
    expect(intent.current).toBeNull();
  });

  it('stays open while the pointer is inside the popover', () => {
    intent.over('a');
    vi.advanceTimersByTime(300);
    intent.over(null);
    vi.advanceTimersByTime(100);
    intent.popover(true);
    vi.advanceTimersByTime(5000);
    expect(hides).toBe(0);
    intent.popover(false);
    vi.advanceTimersByTime(200);
    expect(hides).toBe(1);
  });

  it('hideNow closes at once and cancels a pending show', () => {
    intent.over('a');
    vi.advanceTimersByTime(300);
    intent.over('b');
    intent.hideNow();
    vi.advanceTimersByTime(1000);
    expect(shown).toEqual(['a']);
    expect(hides).toBe(1);
  });

  describe('rest', () => {
    let rested: string[];
    beforeEach(() => {
      rested = [];
      intent = new HoverIntent<string>({
        showDelay: 300,
        hideDelay: 200,
        restDelay: 100,
        same: (a, b) => a === b,
        onShow: (t) => shown.push(t),
        onHide: () => hides++,
        onRest: (t) => rested.push(t),
      });
    });

    it('says the pointer rests on a name before the name opens', () => {
      intent.over('lavrov');
      vi.advanceTimersByTime(99);
      expect(rested).toEqual([]);
      vi.advanceTimersByTime(1);
      expect(rested).toEqual(['lavrov']);
      expect(shown).toEqual([]);
      vi.advanceTimersByTime(200);
      expect(shown).toEqual(['lavrov']);
    });

    it('says nothing for a sweep across names, nor for a name left early', () => {
      for (const name of ['a', 'b', 'c']) {
        intent.over(name);
        vi.advanceTimersByTime(60);
      }
      intent.over(null);
      vi.advanceTimersByTime(1000);
      expect(rested).toEqual([]);
    });

    it('says nothing for the name already shown', () => {
      intent.over('lavrov');
      vi.advanceTimersByTime(300);
      rested.length = 0;
      intent.over('lavrov');
      vi.advanceTimersByTime(1000);
      expect(rested).toEqual([]);
    });
  });
});
