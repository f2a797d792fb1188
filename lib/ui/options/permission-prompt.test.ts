import { afterEach, describe, expect, it, vi } from 'vitest';
import { awaitPrompt, createPromptTracker, promptMessage } from './permission-prompt';

const never = () => new Promise<boolean>(() => undefined);

describe('a permission prompt', () => {
  afterEach(() => void vi.useRealTimers());

  it('reports the browser’s answer', async () => {
    await expect(awaitPrompt(Promise.resolve(true))).resolves.toEqual({ answer: 'granted' });
    await expect(awaitPrompt(Promise.resolve(false))).resolves.toEqual({ answer: 'refused' });
    await expect(awaitPrompt(Promise.reject(new Error('no gesture')))).resolves.toEqual({
      answer: 'failed',
      message: 'no gesture',
    });
  });

  it('gives up after the timeout when the browser never answers', async () => {
    vi.useFakeTimers();
    const outcome = awaitPrompt(never(), { timeoutMs: 5_000 });
    await vi.advanceTimersByTimeAsync(5_000);
    await expect(outcome).resolves.toEqual({ answer: 'timeout', afterMs: 5_000 });
    expect(promptMessage({ answer: 'timeout', afterMs: 5_000 }, 'a.example')).toContain('no answer in 5 s');
  });

  it('ends at once when the user cancels, and the tracker forgets the prompt', async () => {
    const tracker = createPromptTracker(60_000);
    const outcome = tracker.track('a.example', never());
    expect(tracker.pending.value?.host).toBe('a.example');
    tracker.pending.value!.cancel();
    await expect(outcome).resolves.toEqual({ answer: 'cancelled' });
    expect(tracker.pending.value).toBeNull();
  });

  it('says what happened in words the user can act on', () => {
    expect(promptMessage({ answer: 'refused' }, 'a.example')).toMatch(/^a\.example: the browser refused access/);
    expect(promptMessage({ answer: 'cancelled' }, 'a.example')).toContain('nothing was fetched');
  });
});
