import type { JSX } from 'preact';
import type { ImportProgress } from '../../import/run-import';
import type { ClipState } from './clip-model';

export interface ClipViewProps {
  state: ClipState;
  /** Shown in the popup: the button that starts it all. The clip window starts reading at once. */
  showStart: boolean;
  onRead: () => void;
  onImport: () => void;
  onCancel: () => void;
  openInReader: (docId: string) => void;
}

/** The first paragraphs of the article, cut to about `chars` characters. */
/** A clip that could not go on: what went wrong, and a way to try again. */
function Problem({ message, onRetry }: { message: string; onRetry: () => void }): JSX.Element {
  return (
    <div class="clip-problem">
      <p role="alert">{message}</p>
      <button type="button" onClick={onRetry}>
        Try again
      </button>
    </div>
  );
}

export function firstLines(text: string, chars = 320): string[] {
  const out: string[] = [];
  let left = chars;
  for (const p of text.split('\n')) {
    if (left <= 0 || out.length === 3) break;
    out.push(p.length > left ? `${p.slice(0, left).replace(/\s+\S*$/, '')}…` : p);
    left -= p.length;
  }
  return out;
}

function formatDate(date: string | undefined): string | null {
  if (!date) return null;
  const d = new Date(`${date.length === 4 ? `${date}-01-01` : date.length === 7 ? `${date}-01` : date}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return date;
  const options: Intl.DateTimeFormatOptions =
    date.length === 4
      ? { year: 'numeric', timeZone: 'UTC' }
      : date.length === 7
        ? { year: 'numeric', month: 'long', timeZone: 'UTC' }
        : { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' };
  return d.toLocaleDateString(undefined, options);
}

/** What the importer is doing, in words, and how far (0–1) when it can tell. */
export function progressLabel(p: ImportProgress): { label: string; fraction: number | null } {
  switch (p.phase) {
    case 'waiting':
    case 'reading':
      return { label: 'Preparing the import…', fraction: null };
    case 'building':
      return { label: 'Finding names, quotes and statements in the corpus…', fraction: null };
    case 'saving':
      return { label: 'Saving the corpus…', fraction: p.done / Math.max(1, p.total) };
    case 'verifying':
      return { label: 'Checking what was saved…', fraction: 1 };
  }
}

/** "Add this page to Dossier": start button, preview, progress, result (pure). */
export function ClipView({ state, showStart, onRead, onImport, onCancel, openInReader }: ClipViewProps): JSX.Element {
  switch (state.status) {
    case 'idle':
      return showStart ? (
        <button type="button" class="clip-start" onClick={onRead}>
          Add this page to Dossier
        </button>
      ) : (
        <p class="clip-note">Reading the page…</p>
      );
    case 'reading':
      return (
        <p class="clip-note" role="status">
          Reading the page…
        </p>
      );
    case 'problem':
      return <Problem message={state.message} onRetry={onRead} />;
    default:
      break;
  }
  const { article } = state;
  const date = formatDate(article.date);
  const meta = [article.source, date, article.byline].filter(Boolean).join(' · ');
  return (
    <article class="clip-preview" aria-label="Article to add">
      <h2 class="clip-title">{article.title}</h2>
      {meta ? <p class="clip-meta">{meta}</p> : null}
      <div class="clip-text">
        {firstLines(article.text).map((line, i) => (
          <p key={i}>{line}</p>
        ))}
      </div>
      <p class="clip-meta">{article.wordCount.toLocaleString()} words</p>
      <ClipActions state={state} onImport={onImport} onCancel={onCancel} onRead={onRead} openInReader={openInReader} />
    </article>
  );
}

function ClipActions({
  state,
  onImport,
  onCancel,
  onRead,
  openInReader,
}: Omit<ClipViewProps, 'showStart'>): JSX.Element | null {
  switch (state.status) {
    case 'preview':
      return state.duplicate ? (
        <div class="clip-duplicate" role="status">
          <p>
            Already in your corpus
            {state.duplicate.reason === 'url' ? ' (same address)' : ' (same title and text)'}: “{state.duplicate.title}
            ”.
          </p>
          <button type="button" onClick={() => openInReader(state.duplicate!.docId)}>
            Open in reader
          </button>
        </div>
      ) : (
        <button type="button" class="clip-import" onClick={onImport}>
          Import
        </button>
      );
    case 'importing': {
      const { label, fraction } = progressLabel(state.progress);
      return (
        <div class="clip-progress">
          <label>
            {label}
            {fraction === null ? <progress /> : <progress value={fraction} max={1} />}
          </label>
          <p class="clip-meta">Keep this open until it is done.</p>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      );
    }
    case 'done':
      return (
        <div class="clip-done" role="status">
          <p>
            Added to your corpus, now {state.result.total.toLocaleString()} articles. Its names are marked on the page.
          </p>
          <button type="button" onClick={() => openInReader(state.docId)}>
            Open in reader
          </button>
        </div>
      );
    case 'failed':
      return <Problem message={state.message} onRetry={onRead} />;
    default:
      return null;
  }
}
