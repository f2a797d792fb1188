/**
 * The "leave this page?" warning while work would be lost: closing or
 * reloading the options page mid-import stops the import (its worker lives in
 * the page), so the browser asks first.
 */

/** What {@link guardUnload} needs of the window. */
export interface UnloadTarget {
  addEventListener(type: 'beforeunload', listener: (event: BeforeUnloadEvent) => void): void;
  removeEventListener(type: 'beforeunload', listener: (event: BeforeUnloadEvent) => void): void;
}

/**
 * Asks before the page unloads whenever `busy()` is true at that moment.
 * @returns a function that removes the guard.
 */
export function guardUnload(target: UnloadTarget, busy: () => boolean): () => void {
  const listener = (event: BeforeUnloadEvent) => {
    if (!busy()) return;
    event.preventDefault();
    // Older Chromium shows the prompt only when returnValue is set.
    event.returnValue = '';
  };
  target.addEventListener('beforeunload', listener);
  return () => target.removeEventListener('beforeunload', listener);
}
