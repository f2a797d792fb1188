/** The settings model wired to the settings store, for the options page. */
import { loadSettings, updateSettings, watchSettings } from '../../settings/settings-store';
import { createSettingsModel } from './use-settings';

/** The settings panel's model on `browser.storage` (through settings-store.ts). */
export function connectSettings() {
  return createSettingsModel({ load: loadSettings, update: updateSettings, watch: watchSettings });
}
