import type { JSX } from 'preact';
import { Alert } from '../options/Alert';
import { PromptWait } from '../options/PromptWait';
import type { SubscriptionsModel } from './subscriptions-model';
import { SubscriptionsView } from './SubscriptionsView';

export interface SubscriptionsProps {
  model: SubscriptionsModel;
}

/** The subscriptions panel of the options page. */
export function Subscriptions({ model }: SubscriptionsProps): JSX.Element {
  return (
    <section class="panel" aria-labelledby="subscriptions-title">
      <h2 id="subscriptions-title">Subscriptions</h2>
      <p class="hint">
        Follow a corpus a newsroom publishes as a pack. Dossier checks it once a day; its articles join yours, and
        unsubscribing takes them out again.
      </p>
      {model.problem.value ? (
        <Alert kind="error" onDismiss={() => (model.problem.value = null)}>
          {model.problem.value}
        </Alert>
      ) : null}
      <PromptWait prompt={model.pendingPrompt.value} />
      <SubscriptionsView
        items={model.items.value}
        working={model.working.value}
        onAdd={(url) => void model.add(url)}
        onCheck={(id) => void model.check(id)}
        onRemove={(id) => void model.remove(id)}
      />
    </section>
  );
}
