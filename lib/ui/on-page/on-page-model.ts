/**
 * The popup's view of the current tab: its host, whether Dossier is on there,
 * and the names marked on it, with their display names from the corpus.
 */
import { signal } from '@preact/signals';
import type { EntityOnPageView, EntityRef, PageStatus } from '../../messages/protocol';
import { isActiveOn, withSite, type Settings } from '../../settings/settings';

export type OnPageState =
  | { status: 'loading' }
  /** The tab runs no Dossier content script (browser page, store, not yet reloaded). */
  | { status: 'unavailable' }
  | { status: 'ready'; host: string; active: boolean; entities: (EntityOnPageView & { name: string })[] };

export interface OnPageDeps {
  pageStatus: () => Promise<PageStatus | null>;
  entityRefs: (ids: string[]) => Promise<EntityRef[]>;
  reveal: (entityId: string) => Promise<unknown>;
  loadSettings: () => Promise<Settings>;
  saveSettings: (change: Partial<Settings>) => Promise<Settings>;
}

/** Time for the page to rescan after a switch before the popup asks again, ms. */
const RELOAD_AFTER_SWITCH_MS = 600;

/** Creates the model; browser access is injected so tests need no browser. */
export function createOnPageModel(deps: OnPageDeps) {
  const state = signal<OnPageState>({ status: 'loading' });
  const settings = signal<Settings | null>(null);

  async function load(): Promise<void> {
    settings.value = await deps.loadSettings();
    const page = await deps.pageStatus();
    if (!page) {
      state.value = { status: 'unavailable' };
      return;
    }
    const refs = new Map((await deps.entityRefs(page.entities.map((e) => e.entityId))).map((r) => [r.id, r]));
    state.value = {
      status: 'ready',
      host: page.host,
      active: page.active,
      entities: page.entities.map((e) => ({ ...e, name: refs.get(e.entityId)?.name ?? e.entityId })),
    };
  }

  /** The page restarts Dossier when settings change; look again once it has. */
  const reloadSoon = () => setTimeout(() => void load(), RELOAD_AFTER_SWITCH_MS);

  /** Turns Dossier on or off everywhere. */
  async function setEnabled(on: boolean): Promise<void> {
    settings.value = await deps.saveSettings({ enabled: on });
    reloadSoon();
  }

  /** Turns Dossier on or off for the current site. */
  async function setSiteEnabled(on: boolean): Promise<void> {
    const current = state.value;
    if (current.status !== 'ready' || !settings.value) return;
    settings.value = await deps.saveSettings({
      disabledSites: withSite(settings.value, current.host, on).disabledSites,
    });
    reloadSoon();
  }

  /** Whether the current site is on, as the settings now say. */
  function siteOn(): boolean {
    const current = state.value;
    return (
      current.status === 'ready' &&
      settings.value !== null &&
      isActiveOn({ ...settings.value, enabled: true }, current.host)
    );
  }

  return { state, settings, load, setEnabled, setSiteEnabled, siteOn, reveal: deps.reveal };
}

export type OnPageModel = ReturnType<typeof createOnPageModel>;
