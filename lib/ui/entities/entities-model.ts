/**
 * The entity editor's state: a searchable list from the background and the
 * entity being edited; every change is an edit-log entry sent as `entity.edit`.
 */
import { computed, signal } from '@preact/signals';
import type { EntityListPage, EntitySummary } from '../../edits/entity-list';
import type { Edit } from '../../edits/types';

/** What the model asks of the background; injected so tests need no browser. */
export interface EntitiesApi {
  list(query: string): Promise<EntityListPage>;
  edit(edits: Edit[]): Promise<unknown>;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Creates the model. */
export function createEntitiesModel(api: EntitiesApi) {
  const query = signal('');
  const page = signal<EntityListPage | null>(null);
  const problem = signal<string | null>(null);
  const selectedId = signal<string | null>(null);
  const busy = signal(false);
  /** Merge targets: the most mentioned entities, whatever the search. */
  const targets = signal<EntitySummary[]>([]);
  const selected = computed<EntitySummary | null>(
    () => page.value?.entities.find((e) => e.id === selectedId.value) ?? null,
  );
  let asked = 0;

  async function load(): Promise<void> {
    const ticket = ++asked;
    try {
      const [result, all] = await Promise.all([api.list(query.value), query.value ? api.list('') : null]);
      // A slower answer to an older query must not overwrite a newer one.
      if (ticket !== asked) return;
      page.value = result;
      targets.value = (all ?? result).entities;
    } catch (error) {
      if (ticket === asked) problem.value = message(error);
    }
  }

  async function edit(...edits: Edit[]): Promise<void> {
    busy.value = true;
    problem.value = null;
    try {
      await api.edit(edits);
    } catch (error) {
      problem.value = message(error);
    } finally {
      busy.value = false;
    }
    await load();
  }

  return {
    query,
    page,
    problem,
    selectedId,
    selected,
    busy,
    targets,
    load,
    search: (text: string): Promise<void> => {
      query.value = text;
      return load();
    },
    select: (id: string | null): void => {
      selectedId.value = id;
    },
    rename: (entityId: string, name: string) => edit({ op: 'rename', entityId, name }),
    setType: (entityId: string, type: EntitySummary['type']) => edit({ op: 'type', entityId, type }),
    addAlias: (entityId: string, alias: string) => edit({ op: 'alias+', entityId, alias }),
    removeAlias: (entityId: string, alias: string) => edit({ op: 'alias-', entityId, alias }),
    setHidden: (entityId: string, hidden: boolean) => edit({ op: hidden ? 'hide' : 'unhide', entityId }),
    /** Merges `from` into `into`; the editor then shows `into`. */
    merge: async (from: string, into: string): Promise<void> => {
      await edit({ op: 'merge', from, into });
      selectedId.value = into;
    },
  };
}

export type EntitiesModel = ReturnType<typeof createEntitiesModel>;
