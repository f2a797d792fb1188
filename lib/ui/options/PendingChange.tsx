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
 * An entity edit or a deletion writes a new manifest (lib/edits/corpus-editor.ts); removing an alias
 * or editing a document's details rewrites the whole stored corpus, which takes seconds for thousands
 * of articles. The time shown is measured, not guessed, and the tables stay usable meanwhile.
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
      {seconds >= 1 ? ` ${seconds} s so far; you can keep browsing.` : ''}
    </p>
  );
}
