import type { JSX } from 'preact';
import type { Subscription } from '../../subscriptions/types';

export interface SubscriptionsViewProps {
  items: Subscription[];
  working: ReadonlySet<string>;
  onAdd: (url: string) => void;
  onCheck: (id: string) => void;
  onRemove: (id: string) => void;
}

const when = (iso?: string) => (iso ? new Date(iso).toLocaleString() : 'never');

/** The subscribed packs with their state, and the form to add one. */
export function SubscriptionsView({ items, working, onAdd, onCheck, onRemove }: SubscriptionsViewProps): JSX.Element {
  return (
    <>
      <form
        class="toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          const form = e.currentTarget;
          const url = new FormData(form).get('url');
          onAdd(typeof url === 'string' ? url : '');
          form.reset();
        }}
      >
        <input
          name="url"
          type="url"
          required
          aria-label="Pack address"
          placeholder="https://newsroom.example/dossier-pack.json"
        />
        <button type="submit" disabled={working.has('add')}>
          {working.has('add') ? 'Subscribing…' : 'Subscribe'}
        </button>
      </form>
      <ul class="subscriptions" aria-label="Subscriptions">
        {items.map((s) => (
          <li key={s.id} data-subscription-id={s.id}>
            <strong class="sub-url">{s.url}</strong>
            <span class="doc-source">
              {s.version
                ? `Version of ${new Date(s.version.createdAt).toLocaleString()} · ${s.documentCount ?? 0} articles`
                : 'Not loaded yet'}{' '}
              · last check {when(s.lastCheck)}
            </span>
            {s.lastError ? (
              <p class="hint error" role="alert">
                {s.lastError}
                {s.version ? ' The previous version is still in use.' : ''}
              </p>
            ) : null}
            <button type="button" disabled={working.has(s.id)} onClick={() => onCheck(s.id)}>
              {working.has(s.id) ? 'Checking…' : 'Check now'}
            </button>
            <button type="button" disabled={working.has(s.id)} onClick={() => onRemove(s.id)}>
              Unsubscribe
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}
