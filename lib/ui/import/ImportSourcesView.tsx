import type { JSX } from 'preact';
import { useSignal } from '@preact/signals';
import { PICKER_EXTENSIONS, limitsText } from '../../import/limits';

export interface ImportSourcesViewProps {
  busy: boolean;
  /** Files or a URL are being read (the Fetch button waits). */
  fetching?: boolean;
  onFiles: (files: File[]) => void;
  /** @returns a message when the pasted article is not usable. */
  onPaste: (fields: { title: string; source: string; date: string; url: string; text: string }) => string | null;
  onUrl: (url: string) => void;
}

/** Where articles come from: files (picked or dropped), pasted text, a URL. */
export function ImportSourcesView({ busy, fetching, onFiles, onPaste, onUrl }: ImportSourcesViewProps): JSX.Element {
  const dragging = useSignal(false);
  const pasteError = useSignal<string | null>(null);
  const url = useSignal('');
  const paste = useSignal({ title: '', source: '', date: '', url: '', text: '' });
  const field = (key: keyof typeof paste.value, label: string, type = 'text') => (
    <label class="field">
      {label}
      <input
        type={type}
        value={paste.value[key]}
        onInput={(e) => (paste.value = { ...paste.value, [key]: e.currentTarget.value })}
      />
    </label>
  );
  return (
    <div class="import-sources">
      <div
        class={`drop-zone${dragging.value ? ' dragging' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          dragging.value = true;
        }}
        onDragLeave={() => (dragging.value = false)}
        onDrop={(e) => {
          e.preventDefault();
          dragging.value = false;
          onFiles(Array.from(e.dataTransfer?.files ?? []));
        }}
      >
        <span class="drop-icon" aria-hidden="true">
          ⇪
        </span>
        <label class="file-pick button-like primary">
          Choose files
          <input
            class="visually-hidden"
            type="file"
            multiple
            accept={PICKER_EXTENSIONS.join(',')}
            disabled={busy}
            onChange={(e) => {
              onFiles(Array.from(e.currentTarget.files ?? []));
              e.currentTarget.value = '';
            }}
          />
        </label>
        <p class="drop-text">
          or drop them here: <strong>.txt</strong>, <strong>.md</strong>, <strong>.html</strong>,{' '}
          <strong>.jsonl</strong> or <strong>.jsonl.gz</strong> (one article a line: id, title, date, url, text) and
          Dossier packs (<strong>.json</strong>).
        </p>
        <p class="drop-limits">{limitsText()}</p>
      </div>
      <form
        class="import-url"
        onSubmit={(e) => {
          e.preventDefault();
          onUrl(url.value.trim()); // within the click: the permission prompt needs the user's gesture
          url.value = '';
        }}
      >
        <label class="field" for="import-url-input">
          Import from a URL
        </label>
        <div class="input-row">
          <input
            id="import-url-input"
            type="url"
            placeholder="https://news.example.com/2024/article.html"
            value={url.value}
            onInput={(e) => (url.value = e.currentTarget.value)}
          />
          <button type="submit" disabled={busy || fetching || !url.value.trim()}>
            Fetch
          </button>
        </div>
      </form>
      <details class="import-paste">
        <summary>Paste an article</summary>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            pasteError.value = onPaste(paste.value);
            if (!pasteError.value) paste.value = { title: '', source: '', date: '', url: '', text: '' };
          }}
        >
          {field('title', 'Title')}
          {field('source', 'Source')}
          {field('date', 'Date (YYYY-MM-DD)')}
          {field('url', 'URL', 'url')}
          <label class="field">
            Text
            <textarea
              rows={8}
              value={paste.value.text}
              onInput={(e) => (paste.value = { ...paste.value, text: e.currentTarget.value })}
            />
          </label>
          {pasteError.value ? (
            <p class="hint error" role="alert">
              {pasteError.value}
            </p>
          ) : null}
          <div class="form-actions">
            <button type="submit">Add to the list</button>
          </div>
        </form>
      </details>
    </div>
  );
}
