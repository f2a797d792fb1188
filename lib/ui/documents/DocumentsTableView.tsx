import type { JSX } from 'preact';
import type { DocMetaChange } from '../../edits/types';
import type { DocumentSummary } from '../../messages/protocol';
import { shortDate } from '../options/format';
import type { DocumentSort } from './documents-model';
import { DocumentMetaForm } from './DocumentMetaForm';

export interface DocumentsTableViewProps {
  documents: DocumentSummary[];
  /** Current sort; omit for a table without sorting or actions (screenshots). */
  sort?: { by: DocumentSort; descending: boolean };
  onSort?: (by: DocumentSort) => void;
  /** Id of the document whose metadata form is open. */
  editing?: string | null;
  onEdit?: (docId: string | null) => void;
  onSave?: (docId: string, change: DocMetaChange) => void;
  onDelete?: (doc: DocumentSummary) => void;
}

/** The corpus documents with what was found in each; sortable, each row editable. */
export function DocumentsTableView(props: DocumentsTableViewProps): JSX.Element {
  const { documents, sort, onSort, editing, onEdit, onSave, onDelete } = props;
  const header = (label: string, by: DocumentSort, className?: string) => (
    <th
      scope="col"
      class={className}
      aria-sort={sort?.by === by ? (sort.descending ? 'descending' : 'ascending') : undefined}
    >
      {onSort ? (
        <button type="button" class="sort" onClick={() => onSort(by)}>
          {label}
        </button>
      ) : (
        label
      )}
    </th>
  );
  return (
    <div class="table-wrap">
      <table class="documents" aria-label="Documents">
        <thead>
          <tr>
            {header('Article', 'title')}
            {header('Date', 'date', 'date')}
            {header('Entities', 'entities', 'num')}
            {header('Quotes', 'quotes', 'num')}
            <th scope="col" class="num">
              Statements
            </th>
            {onDelete ? (
              <th scope="col" class="num">
                <span class="visually-hidden">Actions</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {documents.map((d) => [
            <tr key={d.id} data-doc-id={d.id}>
              <th scope="row">
                {d.url ? (
                  <a href={d.url} target="_blank" rel="noreferrer noopener">
                    {d.title}
                  </a>
                ) : (
                  d.title
                )}
                {d.source ? <span class="doc-source">{d.source}</span> : null}
              </th>
              <td class="date">
                {d.date ? <time dateTime={d.date}>{shortDate(d.date)}</time> : <span class="muted">—</span>}
              </td>
              <td class="num">{d.entityCount}</td>
              <td class="num">{d.quoteCount}</td>
              <td class="num">{d.statementCount}</td>
              {onDelete ? (
                <td class="row-actions">
                  <button type="button" class="small" aria-label={`Edit “${d.title}”`} onClick={() => onEdit?.(d.id)}>
                    Edit
                  </button>
                  <button
                    type="button"
                    class="small danger"
                    aria-label={`Delete “${d.title}”`}
                    onClick={() => onDelete(d)}
                  >
                    Delete
                  </button>
                </td>
              ) : null}
            </tr>,
            editing === d.id && onSave ? (
              <tr key={`${d.id}-edit`} class="edit-row">
                <td colSpan={6}>
                  <DocumentMetaForm doc={d} onSave={(change) => onSave(d.id, change)} onCancel={() => onEdit?.(null)} />
                </td>
              </tr>
            ) : null,
          ])}
        </tbody>
      </table>
    </div>
  );
}
