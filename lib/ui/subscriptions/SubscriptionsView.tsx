import type { JSX } from 'preact';
import type { Subscription } from '../../subscriptions/types';
import { shortMoment } from '../options/format';

export interface SubscriptionsViewProps {
  items: Subscription[];
  working: ReadonlySet<string>;
  onAdd: (url: string) => void;
  onCheck: (id: string) => void;
  onRemove: (id: string) => void;
}

/** The subscribed packs with their state, and the form to add one. */
export function SubscriptionsView({ items, working, onAdd, onCheck, onRemove }: SubscriptionsViewProps): JSX.Element {
  return (
    <>
      <form
        class="input-row"
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
        <button type="submit" class="primary" disabled={working.has('add')}>
          {working.has('add') ? 'Subscribing…' : 'Subscribe'}
        </button>
      </form>
      {items.length === 0 ? <p class="empty">No subscriptions yet.</p> : null}
      <ul class="subscriptions" aria-label="Subscriptions">
        {items.map((s) => (
          <li key={s.id} data-subscription-id={s.id}>
            <div class="sub-main">
              <strong class="sub-url">{s.url}</strong>
              <span class="doc-source">
                {s.version
                  ? `Version of ${shortMoment(s.version.createdAt)} · ${s.documentCount ?? 0} articles`
                  : 'Not loaded yet'}{' '}
                · last check {s.lastCheck ? shortMoment(s.lastCheck) : 'never'}
              </span>
              {s.lastError ? (
                <p class="alert alert-error" role="alert">
                  {s.lastError}
                  {s.version ? ' The previous version is still in use.' : ''}
                </p>
              ) : null}
            </div>
            <div class="row-actions">
              <button type="button" class="small" disabled={working.has(s.id)} onClick={() => onCheck(s.id)}>
                {working.has(s.id) ? 'Checking…' : 'Check now'}
              </button>
              <button type="button" class="small danger" disabled={working.has(s.id)} onClick={() => onRemove(s.id)}>
                Unsubscribe
              </button>
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
