import type { JSX } from 'preact';
import type { DocMetaChange } from '../../edits/types';
import type { DocumentMeta } from '../../messages/protocol';

export interface DocumentMetaFormProps {
  doc: DocumentMeta;
  onSave: (change: DocMetaChange) => void;
  onCancel: () => void;
}

const FIELDS = [
  ['title', 'Title'],
  ['source', 'Source'],
  ['date', 'Date (YYYY-MM-DD)'],
  ['url', 'URL'],
] as const;

/** A document's title, source, date and URL as a form; only changed fields are sent. */
export function DocumentMetaForm({ doc, onSave, onCancel }: DocumentMetaFormProps): JSX.Element {
  const submit = (event: JSX.TargetedSubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const change: DocMetaChange = {};
    for (const [key] of FIELDS) {
      const raw = data.get(key);
      const value = typeof raw === 'string' ? raw.trim() : '';
      if (value === (doc[key] ?? '')) continue;
      if (key === 'title') {
        if (value) change.title = value;
      } else change[key] = value || null;
    }
    onSave(change);
  };
  return (
    <form class="meta-form" aria-label={`Details of “${doc.title}”`} onSubmit={submit}>
      {FIELDS.map(([key, label]) => (
        <label key={key} class="field">
          {label}
          <input
            name={key}
            defaultValue={doc[key] ?? ''}
            required={key === 'title'}
            pattern={key === 'date' ? '\\d{4}(-\\d{2}(-\\d{2})?)?' : undefined}
            type={key === 'url' ? 'url' : 'text'}
          />
        </label>
      ))}
      <div class="form-actions">
        <button type="submit" class="primary">
          Save
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
