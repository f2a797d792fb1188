import { describe, expect, it } from 'vitest';
import { PhaseTimes } from './phase-times';

describe('PhaseTimes', () => {
  it('gives each mark the time since the previous one, adds up a name marked again, and skips on request', () => {
    let now = 100;
    const times = new PhaseTimes(() => now);
    now = 130;
    times.mark('lock');
    now = 131.26;
    times.mark('read');
    now = 200;
    times.skip(); // idle time belongs to no phase
    now = 210;
    times.mark('read');
    expect(times.snapshot()).toEqual({ lock: 30, read: 11.3 });
    expect(Object.keys(times.snapshot())).toEqual(['lock', 'read']);
  });
});
