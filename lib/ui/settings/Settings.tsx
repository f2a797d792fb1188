import type { JSX } from 'preact';
import { Alert } from '../options/Alert';
import type { SettingsModel } from './use-settings';
import { SettingsFormView } from './SettingsFormView';

export interface SettingsProps {
  model: SettingsModel;
}

/** The settings panel of the options page. */
export function Settings({ model }: SettingsProps): JSX.Element {
  const settings = model.settings.value;
  return (
    <section class="panel" aria-labelledby="settings-title">
      <h2 id="settings-title">Settings</h2>
      <p class="hint">Each change is saved at once and reaches open tabs without a reload.</p>
      {settings ? (
        <SettingsFormView
          settings={settings}
          onChange={(change) => void model.update(change)}
          onAddSite={model.addSite}
          onRemoveSite={(host) => void model.removeSite(host)}
        />
      ) : (
        <p class="hint">Loading…</p>
      )}
      {model.problem.value ? <Alert kind="error">{model.problem.value}</Alert> : null}
    </section>
  );
}
