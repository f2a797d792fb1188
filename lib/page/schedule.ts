/**
 * When scan slices run. Idle time first, so scanning never competes with the
 * page's own work; a timeout makes sure it still progresses on busy pages.
 */

/** Runs `task` soon; `timeLeft()` is how many ms the task may use (estimate). */
export type Scheduler = (task: (timeLeft: () => number) => void) => void;

/**
 * `requestIdleCallback` (timeout 1 s) where present, else `setTimeout(…, 0)`
 * with a nominal 8 ms budget (Safari has no idle callbacks).
 */
export function idleScheduler(
  win: Pick<typeof globalThis, 'setTimeout'> & { requestIdleCallback?: typeof requestIdleCallback },
): Scheduler {
  if (typeof win.requestIdleCallback === 'function') {
    const ric = win.requestIdleCallback.bind(win);
    return (task) =>
      ric((deadline) => task(() => (deadline.didTimeout ? 8 : deadline.timeRemaining())), { timeout: 1000 });
  }
  const st = win.setTimeout.bind(win);
  return (task) => {
    st(() => task(() => 8), 0);
  };
}

/**
 * Runs `then` once the next frame has rendered (a task queued from a
 * `requestAnimationFrame` callback runs after that frame's style and layout),
 * or after `fallbackMs` in a hidden tab, which renders no frames.
 */
export function afterNextFrame(win: Window | null, then: () => void, fallbackMs = 250): void {
  if (!win) return then();
  let done = false;
  const go = () => {
    if (done) return;
    done = true;
    then();
  };
  win.requestAnimationFrame(() => win.setTimeout(go, 0));
  win.setTimeout(go, fallbackMs);
}
