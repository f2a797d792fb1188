/**
 * The popup's view of the current tab: its host, whether Dossier is on there,
 * and the names marked on it — in the top frame and in same-origin child
 * frames — with their display names from the corpus.
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
  /** The top frame's status. */
  pageStatus: () => Promise<PageStatus | null>;
  /** Starts collecting child frames' marks (see `collectFrameReports`); resolves with a stop function. */
  frameReports?: (onReport: (frameId: number, entities: EntityOnPageView[]) => void) => Promise<() => void>;
  entityRefs: (ids: string[]) => Promise<EntityRef[]>;
  /** Shows the entity in the given frame (0: the top frame). */
  reveal: (entityId: string, frameId: number) => Promise<unknown>;
  loadSettings: () => Promise<Settings>;
  saveSettings: (change: Partial<Settings>) => Promise<Settings>;
}

/** Time for the page to rescan after a switch before the popup asks again, ms. */
const RELOAD_AFTER_SWITCH_MS = 600;

/** Sums the counts of the frames' marks, most marked first; each entity is shown in the first frame that has it. */
function merge(frames: ReadonlyMap<number, EntityOnPageView[]>): {
  entities: EntityOnPageView[];
  frameOf: Map<string, number>;
} {
  const byId = new Map<string, EntityOnPageView>();
  const frameOf = new Map<string, number>();
  for (const [frameId, entities] of [...frames].sort((a, b) => a[0] - b[0])) {
    for (const e of entities) {
      const seen = byId.get(e.entityId);
      byId.set(e.entityId, seen ? { ...seen, count: seen.count + e.count } : { ...e });
      if (!frameOf.has(e.entityId)) frameOf.set(e.entityId, frameId);
    }
  }
  const entities = [...byId.values()].sort((a, b) => b.count - a.count || a.entityId.localeCompare(b.entityId));
  return { entities, frameOf };
}

/** Creates the model; browser access is injected so tests need no browser. */
export function createOnPageModel(deps: OnPageDeps) {
  const state = signal<OnPageState>({ status: 'loading' });
  const settings = signal<Settings | null>(null);
  const names = new Map<string, string>();
  let frameOf = new Map<string, number>();
  let stopReports: (() => void) | undefined;

  /** Puts the frames' marks together and names them (asking the corpus for names not seen yet). */
  async function show(page: PageStatus, frames: ReadonlyMap<number, EntityOnPageView[]>): Promise<void> {
    const merged = merge(frames);
    const unknown = merged.entities.map((e) => e.entityId).filter((id) => !names.has(id));
    for (const r of unknown.length ? await deps.entityRefs(unknown) : []) names.set(r.id, r.name);
    frameOf = merged.frameOf;
    state.value = {
      status: 'ready',
      host: page.host,
      active: page.active,
      entities: merged.entities.map((e) => ({ ...e, name: names.get(e.entityId) ?? e.entityId })),
    };
  }

  async function load(): Promise<void> {
    stopReports?.();
    settings.value = await deps.loadSettings();
    const page = await deps.pageStatus();
    if (!page) {
      state.value = { status: 'unavailable' };
      return;
    }
    const frames = new Map([[0, page.entities]]);
    // Reports of child frames arrive one by one; each updates the list.
    let shown = show(page, frames);
    stopReports = await deps.frameReports?.((frameId, entities) => {
      frames.set(frameId, entities);
      shown = shown.then(() => show(page, frames));
    });
    await shown;
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

  /** Shows an entity's first mark, in the frame where it is. */
  const reveal = (entityId: string) => deps.reveal(entityId, frameOf.get(entityId) ?? 0);

  return { state, settings, load, setEnabled, setSiteEnabled, siteOn, reveal };
}

export type OnPageModel = ReturnType<typeof createOnPageModel>;
