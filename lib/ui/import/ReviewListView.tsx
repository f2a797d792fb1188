import type { JSX } from 'preact';
import type { SourceDocument } from '../../corpus/types';
import type { ReviewItem } from './import-model';

export interface ReviewListViewProps {
  items: ReviewItem[];
  packs: { name: string; documents: number }[];
  onUpdate: (key: number, patch: Partial<Pick<SourceDocument, 'title' | 'source' | 'date' | 'url'>>) => void;
  onRemove: (key: number) => void;
}

/** The articles about to be imported, with their title, source, date and URL editable. */
export function ReviewListView({ items, packs, onUpdate, onRemove }: ReviewListViewProps): JSX.Element {
  const cell = (item: ReviewItem, key: 'title' | 'source' | 'date' | 'url', label: string) => (
    <td>
      <input
        aria-label={`${label} of ${item.doc.title}`}
        value={item.doc[key] ?? ''}
        onChange={(e) => onUpdate(item.key, { [key]: e.currentTarget.value })}
      />
    </td>
  );
  // Long lists are shown in part: editing 10,000 rows by hand is not a thing; the count says all.
  const shown = items.slice(0, 200);
  return (
    <div class="review">
      {packs.map((p) => (
        <p class="hint" key={p.name}>
          Pack {p.name}: {p.documents} articles
        </p>
      ))}
      {items.length ? (
        <div class="table-wrap">
          <table class="review-list" aria-label="Articles to import">
            <thead>
              <tr>
                <th scope="col">Title</th>
                <th scope="col">Source</th>
                <th scope="col">Date</th>
                <th scope="col">URL</th>
                <th scope="col">From</th>
                <th scope="col" />
              </tr>
            </thead>
            <tbody>
              {shown.map((item) => (
                <tr key={item.key}>
                  {cell(item, 'title', 'Title')}
                  {cell(item, 'source', 'Source')}
                  {cell(item, 'date', 'Date')}
                  {cell(item, 'url', 'URL')}
                  <td class="origin">{item.origin}</td>
                  <td>
                    <button
                      type="button"
                      class="ghost small"
                      aria-label={`Remove ${item.doc.title}`}
                      onClick={() => onRemove(item.key)}
                    >
                      ×
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {items.length > shown.length ? <p class="hint">…and {items.length - shown.length} more.</p> : null}
    </div>
  );
}
