import type { JSX } from 'preact';
import { formatBytes } from '../../import/limits';
import type { CorpusStatus } from '../../messages/protocol';
import type { ImportStatus } from '../../store/types';
import type { StorageModel } from './storage-model';

export interface StoragePanelProps {
  model: StorageModel;
}

function when(iso: string | undefined): string {
  return iso ? new Date(iso).toLocaleString() : '';
}

/** The last import in one sentence. */
export function lastImportText(s: ImportStatus): string {
  const n = (k: number | undefined, word: string) => `${k ?? 0} ${word}${k === 1 ? '' : 's'}`;
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

/** Storage use, the corpus that answers and the last import. */
export function StorageView({ corpus, onPersist }: { corpus: CorpusStatus; onPersist: () => void }): JSX.Element {
  const { counts, storage } = corpus;
  return (
    <dl class="storage">
      <dt>Corpus</dt>
      <dd data-testid="corpus-source">
        {corpus.source === 'bundled' ? 'The bundled articles' : 'Your imported corpus'}: {counts.documents} articles,{' '}
        {counts.entities} names, {counts.quotes} quotes and statements
      </dd>
      {corpus.loadError ? (
        <dd class="hint error" role="alert">
          The stored corpus could not be read ({corpus.loadError}); the bundled articles answer instead.
        </dd>
      ) : null}
      {storage ? (
        <>
          <dt>Storage</dt>
          <dd>
            {formatBytes(storage.usage)} used of {formatBytes(storage.quota)} available.{' '}
            {storage.persisted ? (
              'Kept when space runs low.'
            ) : (
              <>
                The browser may clear it when space runs low.{' '}
                <button type="button" onClick={onPersist}>
                  Keep it
                </button>
              </>
            )}
          </dd>
        </>
      ) : null}
      {corpus.lastImport ? (
        <>
          <dt>Last import</dt>
          <dd data-testid="last-import" class={corpus.lastImport.state === 'finished' ? '' : 'hint error'}>
            {lastImportText(corpus.lastImport)}
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
      {state.status === 'loading' ? (
        <p class="hint">Reading…</p>
      ) : state.status === 'error' ? (
        <p class="hint error" role="alert">
          The corpus status could not be read: {state.message}
        </p>
      ) : (
        <StorageView corpus={state.corpus} onPersist={() => void model.persist()} />
      )}
    </section>
  );
}
