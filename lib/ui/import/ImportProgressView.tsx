import type { JSX } from 'preact';
import { progressOf, type RunState } from './import-model';

export interface ImportProgressViewProps {
  run: RunState;
  now: number;
  onCancel: () => void;
}

const PHASE: Record<string, string> = {
  waiting: 'Waiting for another change to the corpus to finish…',
  reading: 'Reading the current corpus…',
  building: 'Finding names, quotes and statements',
  saving: 'Saving',
  verifying: 'Checking what was saved',
};

/** Progress of a running import, or how the last one here ended. */
export function ImportProgressView({ run, now, onCancel }: ImportProgressViewProps): JSX.Element | null {
  switch (run.status) {
    case 'idle':
      return null;
    case 'running': {
      const { fraction, leftMs, articles } = progressOf(run, now);
      const p = run.progress;
      return (
        <div class="import-progress" aria-live="polite">
          <div class="progress-head">
            <strong>
              Importing {p.total.toLocaleString()} {p.total === 1 ? 'article' : 'articles'}
            </strong>
            <span class="progress-pct">{Math.round(fraction * 100)}%</span>
          </div>
          <progress aria-label="Import progress" max={1} value={fraction} />
          <p class="hint">
            {PHASE[p.phase]}
            {p.phase === 'building' ? ` — about ${articles} of ${p.total} articles` : ''}
            {p.phase === 'saving' ? ` — ${p.done} of ${p.total} parts` : ''}
            {leftMs !== undefined ? `, about ${Math.ceil(leftMs / 1000)} s left` : ''}. Your current corpus answers
            until the new one is ready.
          </p>
          <p class="hint">Keep this tab open until it is done: closing it stops the import.</p>
          <button type="button" class="danger" onClick={onCancel}>
            Cancel import
          </button>
        </div>
      );
    }
    case 'done': {
      const r = run.result;
      return (
        <div role="status" class="import-result alert alert-success">
          Imported {r.added} {r.added === 1 ? 'article' : 'articles'} in {(r.ms / 1000).toFixed(1)} s; the corpus has{' '}
          {r.total} now.
          {r.skipped.length ? (
            <details>
              <summary>{r.skipped.length} left out</summary>
              <ul>
                {r.skipped.slice(0, 100).map((s) => (
                  <li key={s}>{s}</li>
                ))}
              </ul>
            </details>
          ) : null}
        </div>
      );
    }
    case 'failed':
      return (
        <p role="alert" class="alert alert-error">
          The import failed: {run.message} Your corpus is unchanged.
        </p>
      );
    case 'cancelled':
      return (
        <p role="status" class="alert alert-info">
          {run.swapped
            ? 'The import had already finished when you cancelled; the new corpus is active.'
            : 'Import cancelled. Your corpus is unchanged.'}
        </p>
      );
  }
}
