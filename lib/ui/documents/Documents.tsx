import type { JSX } from 'preact';
import type { DocumentsModel } from './documents-model';
import { DocumentsTableView } from './DocumentsTableView';

export interface DocumentsProps {
  model: DocumentsModel;
}

/** The corpus section of the options page. */
export function Documents({ model }: DocumentsProps): JSX.Element {
  const state = model.state.value;
  return (
    <section class="panel" aria-labelledby="documents-title">
      <h2 id="documents-title">Corpus</h2>
      {state.status === 'loading' ? (
        <p class="hint">Loading the corpus…</p>
      ) : state.status === 'error' ? (
        <p class="hint error" role="alert">
          The corpus could not be read: {state.message}{' '}
          <button type="button" onClick={() => void model.load()}>
            Try again
          </button>
        </p>
      ) : (
        <>
          <p class="hint">
            {state.documents.length} {state.documents.length === 1 ? 'article' : 'articles'}. Import comes in a later
            version.
          </p>
          <DocumentsTableView documents={state.documents} />
        </>
      )}
    </section>
  );
}
