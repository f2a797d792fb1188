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
      <label>
        <input
          type="checkbox"
          checked={settings.enabled}
          onChange={(e) => onChange({ enabled: e.currentTarget.checked })}
        />{' '}
        Mark names on pages
      </label>
      <label>
        Hover delay (ms){' '}
        <input
          type="number"
          min={100}
          max={2000}
          step={50}
          value={settings.hoverDelayMs}
          onChange={(e) => onChange({ hoverDelayMs: Number(e.currentTarget.value) })}
        />
      </label>
      <label>
        Highlight style{' '}
        <select
          value={settings.highlightStyle}
          onChange={(e) => onChange({ highlightStyle: e.currentTarget.value as HighlightStyle })}
        >
          {STYLES.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label>
        <input
          type="checkbox"
          checked={settings.caseSensitive}
          onChange={(e) => onChange({ caseSensitive: e.currentTarget.checked })}
        />{' '}
        Match names with their exact case
      </label>
      <fieldset>
        <legend>Sites to skip</legend>
        <ul aria-label="Sites to skip">
          {settings.disabledSites.map((host) => (
            <li key={host}>
              {host}{' '}
              <button type="button" aria-label={`Mark names on ${host} again`} onClick={() => onRemoveSite(host)}>
                Remove
              </button>
            </li>
          ))}
        </ul>
        <form
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
          <p class="hint error" role="alert">
            {siteError.value}
          </p>
        ) : null}
      </fieldset>
    </div>
  );
}
