import type { JSX } from 'preact';
import type { DocumentSummary } from '../../messages/protocol';
import { formatDate } from '../common/Source';

export interface DocumentsTableViewProps {
  documents: DocumentSummary[];
}

/** The corpus documents with what was found in each. */
export function DocumentsTableView({ documents }: DocumentsTableViewProps): JSX.Element {
  return (
    <table class="documents" aria-label="Documents">
      <thead>
        <tr>
          <th scope="col">Article</th>
          <th scope="col">Date</th>
          <th scope="col" class="num">
            Entities
          </th>
          <th scope="col" class="num">
            Quotes
          </th>
          <th scope="col" class="num">
            Statements
          </th>
        </tr>
      </thead>
      <tbody>
        {documents.map((d) => (
          <tr key={d.id}>
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
            <td>{formatDate(d.date)}</td>
            <td class="num">{d.entityCount}</td>
            <td class="num">{d.quoteCount}</td>
            <td class="num">{d.statementCount}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
