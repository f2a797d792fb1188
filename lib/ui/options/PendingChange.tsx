import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';

export interface PendingChangeProps {
  /** What is being written, e.g. "Merging “SecRubio” into “Marco Rubio”". */
  what: string;
  /** When it started, ms (`Date.now()`). */
  since: number;
}

/**
 * A change on its way into the store, with the seconds it has taken so far.
 * Every edit rewrites the whole stored corpus (lib/edits/corpus-editor.ts), which takes seconds for
 * thousands of articles; the time shown is measured, not guessed, and the tables stay usable meanwhile.
 */
export function PendingChange({ what, since }: PendingChangeProps): JSX.Element {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const seconds = Math.max(0, Math.floor((now - since) / 1000));
  return (
    <p class="hint pending-change" role="status" data-testid="pending-change">
      <span class="spinner" aria-hidden="true" /> {what}…
      {seconds >= 1 ? ` ${seconds} s so far: the whole corpus is being saved again; you can keep browsing.` : ''}
    </p>
  );
}
