import type { JSX } from 'preact';
import { formatBytes } from '../../import/limits';
import type { CorpusStatus } from '../../messages/protocol';
import type { ImportStatus, StreamRunInfo } from '../../store/types';
import { shortMoment } from '../options/format';
import type { PersistAnswer, StorageModel } from './storage-model';

export interface StoragePanelProps {
  model: StorageModel;
}

function when(iso: string | undefined): string {
  return shortMoment(iso);
}

/** The last import in one sentence. */
export function lastImportText(s: ImportStatus): string {
  const n = (k: number | undefined, word: string) => `${k ?? 0} ${word}${k === 1 ? '' : 's'}`;
  if (s.stream) return streamImportText(s, s.stream);
  switch (s.state) {
    case 'started':
      return `An import of ${n(s.offered, 'article')} is running (started ${when(s.startedAt)}).`;
    case 'finished':
      return `Last import ${when(s.endedAt)}: ${n(s.added, 'article')} added, ${s.skipped ?? 0} left out; ${s.total ?? 0} in the corpus.`;
    case 'failed':
      return `Last import ${when(s.endedAt)} failed: ${s.error ?? 'unknown error'} The corpus was not changed.`;
    case 'cancelled':
      return `Last import ${when(s.endedAt)} was cancelled; the corpus was not changed.`;
    case 'interrupted':
      return `Last import (started ${when(s.startedAt)}) was interrupted — ${s.error ?? ''} The corpus was not changed; import again.`;
  }
}

/** What the browser answered to "Keep it", in words. */
function persistAnswerText(answer: PersistAnswer, persisted: boolean): string {
  switch (answer.state) {
    case 'asking':
      return 'Asking the browser…';
    case 'granted':
      return 'The browser agreed: it will not clear the corpus to make room.';
    case 'refused':
      return persisted
        ? 'The browser answered no, yet reports the storage as kept.'
        : 'The browser refused. Chromium decides by itself (it grants this to sites and extensions you use a lot); Firefox asks you. Export the corpus now and then to keep a copy.';
    case 'unsupported':
      return 'This browser cannot keep storage on request. Export the corpus now and then to keep a copy.';
    case 'failed':
      return `The browser could not be asked: ${answer.message}`;
  }
}

/** Storage use, the corpus that answers and the last import. */
export function StorageView({
  corpus,
  onPersist,
  persistAnswer = null,
}: {
  corpus: CorpusStatus;
  onPersist: () => void;
  /** The answer to the user's own "Keep it", once asked. */
  persistAnswer?: PersistAnswer | null;
}): JSX.Element {
  const { counts, storage } = corpus;
  const last = corpus.lastImport;
  return (
    <dl class="storage">
      <dt>Corpus</dt>
      <dd data-testid="corpus-source">
        {corpus.source === 'bundled' ? 'The bundled articles' : 'Your imported corpus'}:{' '}
        {counts.documents.toLocaleString()} articles, {counts.entities.toLocaleString()} names,{' '}
        {counts.quotes.toLocaleString()} quotes and statements
      </dd>
      {corpus.loadError ? (
        <dd class="alert alert-error" role="alert">
          The stored corpus could not be read ({corpus.loadError}); the bundled articles answer instead.
        </dd>
      ) : null}
      {storage ? (
        <>
          <dt>Storage</dt>
          <dd>
            <span class="usage">
              {formatBytes(storage.usage)} used of {formatBytes(storage.quota)} available
            </span>
            <meter
              class="usage-meter"
              aria-label="Storage used"
              min={0}
              max={1}
              value={storage.quota ? storage.usage / storage.quota : 0}
            />
            <span data-testid="persisted" class={storage.persisted ? 'state-ok' : 'state-warn'}>
              {storage.persisted
                ? 'Kept: the browser will not clear it when space runs low.'
                : 'Not kept: the browser may clear it when space runs low.'}
            </span>
            {!storage.persisted ? (
              <button type="button" class="small" disabled={persistAnswer?.state === 'asking'} onClick={onPersist}>
                Keep it
              </button>
            ) : null}
            {persistAnswer ? (
              <span class="persist-answer" role="status" data-testid="persist-answer">
                {persistAnswerText(persistAnswer, storage.persisted)}
              </span>
            ) : null}
          </dd>
        </>
      ) : null}
      {last ? (
        <>
          <dt>Last import</dt>
          <dd
            data-testid="last-import"
            class={last.state === 'finished' ? '' : last.state === 'started' ? 'state-busy' : 'state-warn'}
          >
            {last.state === 'started' ? <span class="spinner" aria-hidden="true" /> : null}
            {lastImportText(last)}
          </dd>
        </>
      ) : null}
    </dl>
  );
}

/** The options page's storage section. */
export function StoragePanel({ model }: StoragePanelProps): JSX.Element {
  const state = model.state.value;
  return (
    <section class="panel" aria-labelledby="storage-title">
      <h2 id="storage-title">Storage</h2>
      <p class="hint">What answers your lookups, the space it takes in this browser, and how the last import went.</p>
      {state.status === 'loading' ? (
        <p class="hint">Reading…</p>
      ) : state.status === 'error' ? (
        <p class="alert alert-error" role="alert">
          The corpus status could not be read: {state.message}
        </p>
      ) : (
        <StorageView
          corpus={state.corpus}
          onPersist={() => void model.persist()}
          persistAnswer={model.persistAnswer.value}
        />
      )}
    </section>
  );
}

/** A streamed import (committed batch by batch): what its batches added is in the corpus, whatever stopped it. */
function streamImportText(s: ImportStatus, stream: StreamRunInfo): string {
  const files = stream.files.length === 1 ? stream.files[0] : `${stream.files.length} files`;
  const added = stream.addedBefore + (s.state === 'finished' ? (s.added ?? 0) : 0);
  const count = (k: number) => `${k.toLocaleString('en')} article${k === 1 ? '' : 's'}`;
  const part = added
    ? `${added.toLocaleString('en')} of its articles ${added === 1 ? 'was' : 'were'} added; the rest were not.`
    : 'the corpus was not changed.';
  const read = `${formatBytes(stream.bytesRead)} of ${formatBytes(stream.bytesTotal)} read`;
  if (s.state === 'started')
    return `An import of ${files} is running (started ${when(s.startedAt)}): ${count(added)} added so far, ${read}.`;
  if (s.state === 'finished' && !stream.more)
    return `Last import ${when(s.endedAt)}, of ${files}: ${count(added)} added, ${(s.skipped ?? 0).toLocaleString('en')} left out; ${(s.total ?? 0).toLocaleString('en')} in the corpus.`;
  if (s.state === 'failed')
    return `Last import ${when(s.endedAt)}, of ${files}, failed (${read}): ${s.error ?? 'unknown error'} — ${part}`;
  if (s.state === 'cancelled') return `Last import ${when(s.endedAt)}, of ${files}, was cancelled (${read}): ${part}`;
  // Interrupted, or stopped between two batches (its last record is a batch's `finished`).
  return `Last import, of ${files} (started ${when(s.startedAt)}), stopped before it finished (${read}): ${part} Import the file again to add the rest: articles already in the corpus are left out.`;
}
