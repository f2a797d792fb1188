/**
 * One writer at a time: imports and edits hold the `dossier-corpus-write` lock
 * while they write a generation, and start-up clean-up only deletes half-written
 * generations when nobody holds it. Web Locks are shared by every page, worker
 * and the service worker of the extension's origin, and are released when their
 * holder dies (closed tab, terminated worker), which is what makes a crashed
 * import collectable.
 */

/** The lock's name in the extension's origin. */
export const WRITE_LOCK = 'dossier-corpus-write';

/** Runs `fn` holding the lock; with `ifAvailable`, `fn` gets `false` instead of waiting. */
export type LockRunner = <T>(fn: (held: boolean) => Promise<T>, options?: { ifAvailable?: boolean }) => Promise<T>;

interface LockManagerLike {
  request<T>(name: string, options: { ifAvailable?: boolean }, fn: (lock: unknown) => Promise<T>): Promise<T>;
}

/** The Web Locks runner; falls back to {@link localLock} where `navigator.locks` is missing (Node). */
export function webLock(): LockRunner {
  const locks = (globalThis as { navigator?: { locks?: LockManagerLike } }).navigator?.locks;
  if (!locks) return localLock();
  return (fn, options = {}) => locks.request(WRITE_LOCK, options, (lock) => fn(lock !== null));
}

/** An in-process lock with the same contract, for tests and Node tools. */
export function localLock(): LockRunner {
  let tail: Promise<unknown> = Promise.resolve();
  let held = false;
  return <T>(fn: (held: boolean) => Promise<T>, options: { ifAvailable?: boolean } = {}): Promise<T> => {
    if (options.ifAvailable && held) return fn(false);
    const run = tail.then(async () => {
      held = true;
      try {
        return await fn(true);
      } finally {
        held = false;
      }
    });
    tail = run.catch(() => undefined);
    return run;
  };
}
