import type { JSX } from 'preact';
import { formatBytes } from '../../import/limits';
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

const count = (n: number, word: string) => `${n.toLocaleString('en')} ${word}${n === 1 ? '' : 's'}`;

/** "about 3 min left" from milliseconds. */
export function timeLeftText(ms: number): string {
  const s = Math.ceil(ms / 1000);
  if (s < 90) return `about ${s} s left`;
  const min = Math.round(s / 60);
  return min < 90 ? `about ${min} min left` : `about ${(s / 3600).toFixed(1)} h left`;
}

/** What a stopped streamed import left in the corpus, in one sentence. */
export function streamAddedText(added: number): string {
  return added
    ? `${added.toLocaleString('en')} of the file's articles ${added === 1 ? 'was' : 'were'} added; the rest were not.`
    : 'None of its articles were added; your corpus is unchanged.';
}

/** Progress of a running import, or how the last one here ended. */
export function ImportProgressView({ run, now, onCancel }: ImportProgressViewProps): JSX.Element | null {
  switch (run.status) {
    case 'idle':
      return null;
    case 'running': {
      const { fraction, leftMs, articles } = progressOf(run, now);
      const p = run.progress;
      const s = run.stream;
      if (s)
        return (
          <div class="import-progress" aria-live="polite">
            <div class="progress-head">
              <strong>Importing {s.files.length === 1 ? s.files[0] : `${s.files.length} files`}</strong>
              <span class="progress-pct">{Math.round(fraction * 100)}%</span>
            </div>
            <progress aria-label="Import progress" max={1} value={fraction} />
            <p class="hint" data-testid="stream-progress">
              {p.phase === 'waiting' ? `${PHASE.waiting} ` : ''}
              {formatBytes(s.bytesRead)} of {formatBytes(s.bytesTotal)} read; {count(articles, 'article')} added
              {s.skipped ? `, ${s.skipped.toLocaleString('en')} left out` : ''}
              {s.batchDocs
                ? `; adding ${count(s.batchDocs, 'more article')} (${PHASE[p.phase]?.replace(/…$/, '')})`
                : ''}
              {leftMs !== undefined ? `; ${timeLeftText(leftMs)}` : ''}. Each batch is in your corpus as soon as it is
              added.
            </p>
            <p class="hint">
              Keep this tab open until it is done: closing it stops the import (the batches already added stay).
            </p>
            <button type="button" class="danger" onClick={onCancel}>
              Cancel import
            </button>
          </div>
        );
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
        // data-phases: where the time went (lib/store/phase-times.ts), for tests/tools/paste-time.ts.
        <div
          role="status"
          class="import-result alert alert-success"
          {...(r.phases ? { 'data-phases': JSON.stringify(r.phases) } : {})}
        >
          Imported {r.added} {r.added === 1 ? 'article' : 'articles'} in {(r.ms / 1000).toFixed(1)} s; the corpus has{' '}
          {r.total} now.
          {r.packs?.map((p, i) => (
            <p key={i} class="hint" data-pack={p.asIs ? 'as-is' : 'extracted'}>
              {p.asIs
                ? `From a pack (${p.generator}): ${countOf(p.added)} added as the pack has them, with no extraction (the pack was made with this version's extraction).`
                : `From a pack made by ${p.generator}: ${countOf(p.added)} extracted again (the pack was not made with this version's extraction).`}
            </p>
          ))}
          {r.skipped.length ? (
            <details>
              <summary>
                {r.skippedCount ?? r.skipped.length} left out
                {r.skippedCount && r.skippedCount > r.skipped.length ? ` (the first ${r.skipped.length} listed)` : ''}
              </summary>
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
          The import failed: {run.message}{' '}
          {run.added !== undefined ? streamAddedText(run.added) : 'Your corpus is unchanged.'}
        </p>
      );
    case 'cancelled':
      return (
        <p role="status" class="alert alert-info">
          {run.swapped
            ? 'The import had already finished when you cancelled; the new corpus is active.'
            : run.added
              ? `Cancelled: ${streamAddedText(run.added)}`
              : 'Import cancelled. Your corpus is unchanged.'}
        </p>
      );
  }
}

/** "1 article", "12 articles". */
function countOf(n: number): string {
  return `${n} ${n === 1 ? 'article' : 'articles'}`;
}
