import { describe, expect, it } from 'vitest';
import { POPOVER_TAG, isConnect, parseFromFrame, parseToFrame } from './frame-messages';

const nonce = 'ab'.repeat(16);

describe('frame messages', () => {
  it('accepts a connect only with the frame’s own, long enough nonce', () => {
    expect(isConnect({ tag: POPOVER_TAG, type: 'connect', nonce }, nonce)).toBe(true);
    expect(isConnect({ tag: POPOVER_TAG, type: 'connect', nonce: 'cd'.repeat(16) }, nonce)).toBe(false);
    expect(isConnect({ tag: POPOVER_TAG, type: 'connect', nonce: '' }, '')).toBe(false);
    expect(isConnect({ tag: POPOVER_TAG, type: 'connect', nonce: 'short' }, 'short')).toBe(false);
    expect(isConnect('connect', nonce)).toBe(false);
  });

  it('parses commands and drops anything malformed', () => {
    expect(parseToFrame({ type: 'show', token: 't', entityId: 'e', surface: 's', extra: 1 })).toEqual({
      type: 'show',
      token: 't',
      entityId: 'e',
      surface: 's',
    });
    expect(parseToFrame({ type: 'show', entityId: 'e', surface: 's' })).toBeNull();
    expect(parseToFrame({ type: 'show', token: 't'.repeat(65), entityId: 'e', surface: 's' })).toBeNull();
    expect(parseToFrame({ type: 'preload', token: 't', entityId: 'e' })).toEqual({ type: 'preload', token: 't' });
    expect(parseToFrame({ type: 'preload', token: 7 })).toBeNull();
    expect(parseToFrame({ type: 'hide' })).toEqual({ type: 'hide' });
    expect(parseToFrame({ type: 'shown', text: 'x' })).toEqual({ type: 'shown' });
    expect(parseToFrame({ type: 'navigate', url: 'https://evil.example' })).toBeNull();
  });

  it('parses what the frame reports', () => {
    expect(parseFromFrame({ type: 'size', height: 120 })).toEqual({ type: 'size', height: 120 });
    expect(parseFromFrame({ type: 'size', height: Infinity })).toBeNull();
    expect(parseFromFrame({ type: 'close', reason: 'escape' })).toEqual({ type: 'close', reason: 'escape' });
    expect(parseFromFrame({ type: 'close', reason: 'whatever' })).toBeNull();
    expect(parseFromFrame({ type: 'ready', token: 't', height: 80 })).toEqual({
      type: 'ready',
      token: 't',
      height: 80,
    });
    expect(parseFromFrame({ type: 'ready', token: 't', height: NaN })).toBeNull();
    expect(parseFromFrame({ type: 'ready', height: 80 })).toBeNull();
    expect(parseFromFrame({ type: 'hello' })).toEqual({ type: 'hello' });
    expect(parseFromFrame({ type: 'pointer', inside: true })).toEqual({ type: 'pointer', inside: true });
    expect(parseFromFrame({ type: 'pointer', inside: 'yes' })).toBeNull();
  });
});
