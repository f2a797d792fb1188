import type { JSX } from 'preact';
import { useSignal } from '@preact/signals';
import type { HighlightStyle, Settings } from '../../settings/settings';

export interface SettingsFormViewProps {
  settings: Settings;
  onChange: (change: Partial<Settings>) => void;
  /** Resolves false when the input is not a site name. */
  onAddSite: (input: string) => Promise<boolean>;
  onRemoveSite: (host: string) => void;
}

const STYLES: [HighlightStyle, string][] = [
  ['underline', 'Underline'],
  ['background', 'Background tint'],
  ['none', 'None (hover still works)'],
];

/** Every setting as a form control; each change is saved at once. */
export function SettingsFormView({ settings, onChange, onAddSite, onRemoveSite }: SettingsFormViewProps): JSX.Element {
  const siteError = useSignal<string | null>(null);
  return (
    <div class="settings-form">
      <div class="setting">
        <label class="check">
          <input
            type="checkbox"
            checked={settings.enabled}
            onChange={(e) => onChange({ enabled: e.currentTarget.checked })}
          />
          Mark names on pages
        </label>
        <p class="hint">Underline the names your corpus knows on every site you visit (except those below).</p>
      </div>
      <div class="setting">
        <label class="check">
          <input
            type="checkbox"
            checked={settings.caseSensitive}
            onChange={(e) => onChange({ caseSensitive: e.currentTarget.checked })}
          />
          Match names with their exact case
        </label>
        <p class="hint">By default only acronyms and short names must match their case; this makes every name do so.</p>
      </div>
      <div class="setting setting-inline">
        <label for="setting-hover-delay">Hover delay (ms)</label>
        <input
          id="setting-hover-delay"
          type="number"
          min={100}
          max={2000}
          step={50}
          value={settings.hoverDelayMs}
          onChange={(e) => onChange({ hoverDelayMs: Number(e.currentTarget.value) })}
        />
        <p class="hint">How long the pointer rests on a name before its card opens.</p>
      </div>
      <div class="setting setting-inline">
        <label for="setting-highlight">Highlight style</label>
        <select
          id="setting-highlight"
          value={settings.highlightStyle}
          onChange={(e) => onChange({ highlightStyle: e.currentTarget.value as HighlightStyle })}
        >
          {STYLES.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <fieldset class="setting">
        <legend>Sites to skip</legend>
        <p class="hint">Dossier marks nothing on these sites (the popup can add the site you are on).</p>
        <ul class="site-list" aria-label="Sites to skip">
          {settings.disabledSites.map((host) => (
            <li key={host}>
              <span>{host}</span>
              <button
                type="button"
                class="ghost small"
                aria-label={`Mark names on ${host} again`}
                onClick={() => onRemoveSite(host)}
              >
                Remove
              </button>
            </li>
          ))}
          {settings.disabledSites.length === 0 ? <li class="muted">No sites skipped.</li> : null}
        </ul>
        <form
          class="input-row"
          onSubmit={(e) => {
            e.preventDefault();
            const form = e.currentTarget;
            const site = new FormData(form).get('site');
            const input = typeof site === 'string' ? site : '';
            void onAddSite(input).then((ok) => {
              siteError.value = ok ? null : `“${input}” is not a site name; type e.g. news.example.com`;
              if (ok) form.reset();
            });
          }}
        >
          <input name="site" aria-label="Site to skip" placeholder="news.example.com" />
          <button type="submit">Skip this site</button>
        </form>
        {siteError.value ? (
          <p class="field-error" role="alert">
            {siteError.value}
          </p>
        ) : null}
      </fieldset>
    </div>
  );
}
