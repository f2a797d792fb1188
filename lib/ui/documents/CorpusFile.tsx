import type { JSX } from 'preact';
import { Alert } from '../options/Alert';
import type { CorpusFileModel } from './corpus-file';

export interface CorpusFileProps {
  model: CorpusFileModel;
}

/** Export the corpus as a pack file, or go back to the bundled corpus (with a confirm step). */
export function CorpusFile({ model }: CorpusFileProps): JSX.Element {
  const status = model.status.value;
  const busy = status.state === 'busy';
  return (
    <section class="panel" aria-labelledby="corpus-file-title">
      <h2 id="corpus-file-title">Export and restore</h2>
      <p class="hint">Save the whole corpus, your edits included, as a pack file you can import again.</p>
      <div class="form-actions">
        <button type="button" class="primary" disabled={busy} onClick={() => void model.exportPack()}>
          Export corpus
        </button>
        <button type="button" class="danger" disabled={busy} onClick={model.askRestore}>
          Restore bundled corpus…
        </button>
      </div>
      {status.state === 'confirm-restore' ? (
        <div class="confirm alert alert-warning" role="alertdialog" aria-label="Restore the bundled corpus">
          <div class="alert-body">
            <p>
              This replaces your documents and edits with the corpus Dossier ships with. Export first to keep a copy.
              Subscriptions are fetched again.
            </p>
            <div class="form-actions">
              <button type="button" class="danger solid" onClick={() => void model.restore()}>
                Restore
              </button>
              <button type="button" onClick={model.cancel}>
                Cancel
              </button>
            </div>
          </div>
        </div>
      ) : null}
      {status.state === 'busy' ? (
        <p class="hint" role="status">
          <span class="spinner" aria-hidden="true" /> {status.what}
        </p>
      ) : null}
      {status.state === 'done' ? (
        <Alert kind="success" onDismiss={model.cancel}>
          {status.message}
        </Alert>
      ) : null}
      {status.state === 'error' ? (
        <Alert kind="error" onDismiss={model.cancel}>
          {status.message}
        </Alert>
      ) : null}
    </section>
  );
}
