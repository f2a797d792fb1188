import type { JSX } from 'preact';
import type { OnPageModel } from './on-page-model';

export interface OnPageProps {
  model: OnPageModel;
}

/** Switches for this site and everywhere, and the names marked on the page. */
export function OnPage({ model }: OnPageProps): JSX.Element {
  const state = model.state.value;
  const settings = model.settings.value;
  return (
    <section class="on-page" aria-labelledby="on-page-title">
      <div class="switches">
        <label class="switch">
          <input
            type="checkbox"
            checked={settings?.enabled ?? true}
            onChange={(e) => void model.setEnabled(e.currentTarget.checked)}
          />
          Mark names on pages
        </label>
        {state.status === 'ready' && state.host ? (
          <label class="switch">
            <input
              type="checkbox"
              checked={model.siteOn()}
              disabled={settings?.enabled === false}
              onChange={(e) => void model.setSiteEnabled(e.currentTarget.checked)}
            />
            On {state.host}
          </label>
        ) : null}
      </div>
      <h2 id="on-page-title">On this page</h2>
      {state.status === 'loading' ? (
        <p class="hint">Looking at this page…</p>
      ) : state.status === 'unavailable' ? (
        <p class="hint">
          Dossier does not run on this page (browser pages, or a tab opened before Dossier was installed: reload it).
        </p>
      ) : !state.active ? (
        <p class="hint">Dossier is off here.</p>
      ) : state.entities.length === 0 ? (
        <p class="hint">No names from your corpus on this page.</p>
      ) : (
        <ul class="on-page-list" aria-label="Names on this page">
          {state.entities.map((e) => (
            <li key={e.entityId}>
              <button
                type="button"
                class={`chip type-${e.type}`}
                title={`Show ${e.name} on the page`}
                onClick={() => void model.reveal(e.entityId).then(() => window.close())}
              >
                {e.name} <span class="count">{e.count}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
