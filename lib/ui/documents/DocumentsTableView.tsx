import type { JSX } from 'preact';
import type { DocMetaChange } from '../../edits/types';
import { readerPath } from '../../messages/pages';
import type { DocumentSummary } from '../../messages/protocol';
import { DEFAULT_DOCUMENT_SORT } from '../../query/corpus-tables';
import { shortDate } from '../options/format';
import { SortHeader } from '../options/TablePager';
import type { DocumentSort } from './documents-model';
import { DocumentMetaForm } from './DocumentMetaForm';

export interface DocumentsTableViewProps {
  /** The page shown. */
  documents: DocumentSummary[];
  /** Position of the first row among all the (filtered) documents, for `aria-rowindex`. */
  offset?: number;
  /** Documents matching the filter, for `aria-rowcount`. */
  total?: number;
  /** A new page is on its way (`aria-busy`). */
  busy?: boolean;
  /** The filter the rows answer (`data-filter`: tests and benches wait for it). */
  filter?: string;
  /** Current sort; omit for a table without sorting or actions (screenshots). */
  sort?: { by: DocumentSort; descending: boolean };
  onSort?: (by: DocumentSort) => void;
  /** Id of the document whose metadata form is open. */
  editing?: string | null;
  onEdit?: (docId: string | null) => void;
  onSave?: (docId: string, change: DocMetaChange) => void;
  onDelete?: (doc: DocumentSummary) => void;
  /** A change is being written: edit and delete wait. */
  locked?: boolean;
}

/**
 * One page of the corpus documents with what was found in each; sortable, each row editable. A real
 * table: `aria-rowcount` and `aria-rowindex` tell a screen reader where the page sits among all rows.
 */
export function DocumentsTableView(props: DocumentsTableViewProps): JSX.Element {
  const { documents, sort, onSort, editing, onEdit, onSave, onDelete, locked } = props;
  const offset = props.offset ?? 0;
  const header = (label: string, by: DocumentSort, className?: string) =>
    onSort ? (
      <SortHeader label={label} by={by} sort={sort ?? DEFAULT_DOCUMENT_SORT} onSort={onSort} class={className} />
    ) : (
      <th scope="col" class={className}>
        {label}
      </th>
    );
  return (
    <div class="table-wrap">
      <table
        class="documents"
        aria-label="Documents"
        aria-rowcount={(props.total ?? documents.length) + 1}
        aria-busy={props.busy ? 'true' : 'false'}
        data-filter={props.filter ?? ''}
      >
        <thead>
          <tr aria-rowindex={1}>
            {header('Article', 'title')}
            {header('Date', 'date', 'date')}
            {header('Entities', 'entities', 'num')}
            {header('Quotes', 'quotes', 'num')}
            {header('Statements', 'statements', 'num')}
            {onDelete ? (
              <th scope="col" class="num">
                <span class="visually-hidden">Actions</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {/* Keyed by position: a new page or filter patches the rows' text in place instead of building new
              nodes (the garbage of 50 rows a keystroke made long GC tasks); the edit row is keyed by its document. */}
          {documents.map((d, i) => [
            <tr key={i} data-doc-id={d.id} aria-rowindex={offset + i + 2}>
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
                  <a
                    class="button-like small"
                    href={readerPath(d.id)}
                    target="_blank"
                    rel="noopener"
                    aria-label={`Read “${d.title}”`}
                  >
                    Read
                  </a>
                  <button
                    type="button"
                    class="small"
                    aria-label={`Edit “${d.title}”`}
                    disabled={locked}
                    onClick={() => onEdit?.(d.id)}
                  >
                    Edit
                  </button>
                  <button
                    type="button"
                    class="small danger"
                    aria-label={`Delete “${d.title}”`}
                    disabled={locked}
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
