import type { JSX } from 'preact';
import { Alert } from '../options/Alert';
import type { DocumentsModel } from './documents-model';
import { DocumentsTableView } from './DocumentsTableView';

export interface DocumentsProps {
  model: DocumentsModel;
}

/** The corpus section of the options page: search, sort, edit and delete documents. */
export function Documents({ model }: DocumentsProps): JSX.Element {
  const state = model.state.value;
  const undoable = model.undoable.value;
  return (
    <section class="panel" aria-labelledby="documents-title">
      <h2 id="documents-title">Corpus</h2>
      {state.status === 'loading' ? (
        <p class="hint">Loading the corpus…</p>
      ) : state.status === 'error' ? (
        <Alert kind="error">
          The corpus could not be read: {state.message}{' '}
          <button type="button" class="small" onClick={() => void model.load()}>
            Try again
          </button>
        </Alert>
      ) : (
        <>
          <div class="toolbar">
            <p class="hint">
              {state.documents.length.toLocaleString()} {state.documents.length === 1 ? 'article' : 'articles'}
              {model.filter.value ? `, ${model.visible.value.length.toLocaleString()} shown` : ''}. Click a column to
              sort.
            </p>
            <input
              type="search"
              aria-label="Filter documents"
              placeholder="Filter by title or source"
              value={model.filter.value}
              onInput={(e) => (model.filter.value = e.currentTarget.value)}
            />
          </div>
          {model.problem.value ? (
            <Alert kind="error" onDismiss={() => (model.problem.value = null)}>
              {model.problem.value}
            </Alert>
          ) : null}
          <DocumentsTableView
            documents={model.visible.value}
            sort={model.sort.value}
            onSort={model.sortBy}
            editing={model.editing.value}
            onEdit={(id) => (model.editing.value = id)}
            onSave={(id, change) => void model.save(id, change)}
            onDelete={(doc) => void model.remove(doc)}
          />
        </>
      )}
      {undoable ? (
        <div class="toast" role="status">
          Deleted “{undoable.title}”.{' '}
          <button type="button" class="small" onClick={() => void model.undo()}>
            Undo
          </button>
          <button type="button" class="ghost small" aria-label="Dismiss" onClick={model.dismissUndo}>
            ×
          </button>
        </div>
      ) : null}
    </section>
  );
}
