import type { JSX } from 'preact';
import { Alert } from '../options/Alert';
import { PendingChange } from '../options/PendingChange';
import { TablePager } from '../options/TablePager';
import type { DocumentsModel } from './documents-model';
import { DocumentsTableView } from './DocumentsTableView';
import { formatCount } from '../common/intl';

export interface DocumentsProps {
  model: DocumentsModel;
}

/** The corpus section of the options page: filter, sort, page through, edit and delete documents. */
export function Documents({ model }: DocumentsProps): JSX.Element {
  const { table } = model;
  const shown = table.shown.value;
  const undoable = model.undoable.value;
  const pending = model.pending.value;
  return (
    <section class="panel" aria-labelledby="documents-title">
      <h2 id="documents-title">Corpus</h2>
      {!shown && table.error.value ? (
        <Alert kind="error">
          The corpus could not be read: {table.error.value}{' '}
          <button type="button" class="small" onClick={() => void model.load()}>
            Try again
          </button>
        </Alert>
      ) : (
        <>
          <div class="toolbar">
            <p class="hint">
              {shown
                ? `${formatCount(shown.page.all)} ${shown.page.all === 1 ? 'article' : 'articles'}. Click a column to sort.`
                : 'Loading the corpus…'}
            </p>
            <input
              type="search"
              aria-label="Filter documents"
              placeholder="Filter by title or source"
              value={table.filter.value}
              onInput={(e) => table.setFilter(e.currentTarget.value)}
            />
          </div>
          {shown && table.error.value ? (
            <Alert kind="error" onDismiss={() => (table.error.value = null)}>
              The list could not be updated: {table.error.value}
            </Alert>
          ) : null}
          {model.problem.value ? (
            <Alert kind="error" onDismiss={() => (model.problem.value = null)}>
              {model.problem.value}
            </Alert>
          ) : null}
          {pending ? <PendingChange what={pending.what} since={pending.since} /> : null}
          <TablePager table={table} noun="articles" label="Documents" />
          <DocumentsTableView
            documents={shown?.page.rows ?? []}
            offset={shown?.page.offset ?? 0}
            total={shown?.page.total ?? 0}
            busy={table.busy.value}
            filter={shown?.filter ?? ''}
            sort={table.sort.value}
            onSort={(by) => void table.sortBy(by)}
            editing={model.editing.value}
            onEdit={(id) => (model.editing.value = id)}
            onSave={(id, change) => void model.save(id, change)}
            onDelete={(doc) => void model.remove(doc)}
            locked={pending !== null}
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
