/**
 * The settings as a model for the options page: a signal that follows
 * `browser.storage` (through lib/settings/settings-store.ts) and actions that
 * change one setting. The store is injected so tests need no browser.
 */
import { signal } from '@preact/signals';
import { withSite, type Settings } from '../../settings/settings';

/** The settings store's functions (lib/settings/settings-store.ts). */
export interface SettingsApi {
  load(): Promise<Settings>;
  update(change: Partial<Settings>): Promise<Settings>;
  watch(listener: (settings: Settings) => void): () => void;
}

/** A hostname from what a user types: "https://www.Example.com/x" → "www.example.com". */
export function hostnameOf(input: string): string | null {
  const text = input.trim();
  if (!text) return null;
  try {
    return new URL(text.includes('://') ? text : `https://${text}`).hostname.toLowerCase() || null;
  } catch {
    return null;
  }
}

/** Creates the model; call `start()` once to load and follow changes. */
export function createSettingsModel(api: SettingsApi) {
  const settings = signal<Settings | null>(null);
  const problem = signal<string | null>(null);
  async function update(change: Partial<Settings>): Promise<void> {
    problem.value = null;
    try {
      settings.value = await api.update(change);
    } catch (error) {
      problem.value = `The setting was not saved: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
  return {
    settings,
    problem,
    /** Loads the settings and follows changes made elsewhere; returns the unsubscribe function. */
    start: (): (() => void) => {
      const stop = api.watch((next) => (settings.value = next));
      void api.load().then((s) => (settings.value = s));
      return stop;
    },
    update,
    /** Turns Dossier off on a site the user typed; false when it is not a hostname. */
    addSite: async (input: string): Promise<boolean> => {
      const host = hostnameOf(input);
      if (!host || !settings.value) return false;
      await update({ disabledSites: withSite(settings.value, host, false).disabledSites });
      return true;
    },
    removeSite: (host: string): Promise<void> => {
      if (!settings.value) return Promise.resolve();
      return update({ disabledSites: withSite(settings.value, host, true).disabledSites });
    },
  };
}

export type SettingsModel = ReturnType<typeof createSettingsModel>;
