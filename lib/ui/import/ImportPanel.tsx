import type { JSX } from 'preact';
import { formatBytes } from '../../import/limits';
import { PromptWait } from '../options/PromptWait';
import type { ImportModel } from './import-model';
import { ImportProgressView } from './ImportProgressView';
import { ImportSourcesView } from './ImportSourcesView';
import { ReviewListView } from './ReviewListView';

export interface ImportPanelProps {
  model: ImportModel;
}

/** The options page's import section: sources, problems, review list, progress. */
export function ImportPanel({ model }: ImportPanelProps): JSX.Element {
  const running = model.run.value.status === 'running';
  const offered = model.offered.value;
  const streams = model.streams.value;
  const errors = model.errors.value;
  const what = [
    ...(offered ? [`${offered} ${offered === 1 ? 'article' : 'articles'}`] : []),
    ...(streams.length === 1 ? [streams[0]!.name] : streams.length ? [`${streams.length} .jsonl files`] : []),
  ].join(' and ');
  return (
    <section class="panel" aria-labelledby="import-title">
      <h2 id="import-title">Import</h2>
      <p class="hint">Add articles to your corpus. They are read here, in this browser; nothing is uploaded.</p>
      <ImportSourcesView
        busy={running}
        fetching={model.reading.value}
        onFiles={(files) => void model.addFiles(files)}
        onPaste={model.addPasted}
        onUrl={(url) => void model.addUrl(url)}
      />
      <PromptWait prompt={model.pendingPrompt.value} />
      {model.reading.value && !model.pendingPrompt.value ? (
        <p class="hint" role="status">
          <span class="spinner" aria-hidden="true" /> Reading…
        </p>
      ) : null}
      {errors.length ? (
        // Stays until dismissed: an import that went well does not wipe what went wrong before it.
        <div class="alert alert-error problems" role="alert">
          <div class="alert-body">
            <strong class="alert-title">
              {errors.length === 1 ? 'One problem' : `${errors.length} problems`} with what you added
            </strong>
            <ul class="import-errors" aria-label="Import problems">
              {errors.map((e, i) => (
                <li key={i}>{e}</li>
              ))}
            </ul>
          </div>
          <button type="button" class="ghost small" onClick={model.dismissErrors}>
            Dismiss
          </button>
        </div>
      ) : null}
      <ReviewListView
        items={model.items.value}
        packs={model.packs.value.map((p) => ({ name: p.name, documents: p.pack.documents.length }))}
        onUpdate={model.update}
        onRemove={model.remove}
      />
      {streams.length ? (
        <ul class="stream-files" aria-label="Files imported as a stream">
          {streams.map((f) => (
            <li key={f.name}>
              <strong>{f.name}</strong> ({formatBytes(f.size)}): read as it is imported, in batches; each batch is added
              as soon as it is read.
              <button
                type="button"
                class="ghost small"
                aria-label={`Remove ${f.name}`}
                disabled={running}
                onClick={() => model.removeStream(f)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {offered || streams.length || errors.length ? (
        <div class="import-actions">
          <button
            type="button"
            class="primary"
            disabled={running || model.reading.value || !what}
            onClick={() => void model.start()}
          >
            {what ? `Import ${what}` : 'Import 0 articles'}
          </button>
          {offered || streams.length ? (
            <button type="button" disabled={running} onClick={model.clear}>
              Clear the list
            </button>
          ) : null}
        </div>
      ) : null}
      <ImportProgressView run={model.run.value} now={model.now.value} onCancel={() => void model.cancel()} />
    </section>
  );
}
