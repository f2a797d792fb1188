/**
 * The entity editor's state: the entity table a page at a time from the
 * background (`corpus.entities`), the entity being edited (fetched by id, so
 * any entity can be edited whatever page it is on), and the merge target's
 * search-as-you-type over every entity (`corpus.findEntity`). Every change is
 * an edit-log entry sent as `entity.edit`.
 */
import { signal } from '@preact/signals';
import type { Edit } from '../../edits/types';
import {
  DEFAULT_ENTITY_SORT,
  type EntitySortKey,
  type EntitySummary,
  type TablePage,
  type TableQuery,
} from '../../query/corpus-tables';
import type { PendingChange } from '../documents/documents-model';
import { createLatestRequest } from '../common/latest-request';
import { createPagedTable } from '../options/paged-table';

/** What the model asks of the background; injected so tests need no browser. */
export interface EntitiesApi {
  page(query: Required<TableQuery<EntitySortKey>>): Promise<TablePage<EntitySummary>>;
  /** One entity's row; rejects when it is not in the corpus. */
  get(entityId: string): Promise<EntitySummary>;
  /** Search-as-you-type over every entity, best first, `exclude` left out. */
  find(query: string, exclude: string): Promise<EntitySummary[]>;
  edit(edits: Edit[]): Promise<unknown>;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Creates the model. */
export function createEntitiesModel(api: EntitiesApi, options: { pageSize?: number } = {}) {
  const table = createPagedTable<EntitySummary, EntitySortKey>((query) => api.page(query), {
    sort: DEFAULT_ENTITY_SORT,
    descendingFirst: ['mentions', 'documents', 'quotes'],
    ...options,
  });
  const problem = signal<string | null>(null);
  /** The entity being edited. */
  const selected = signal<EntitySummary | null>(null);
  /** A change being written. */
  const pending = signal<PendingChange | null>(null);
  /** What was typed in the merge box, the entities it found, and the one chosen. */
  const mergeQuery = signal('');
  const mergeOptions = signal<EntitySummary[] | null>(null);
  const mergeTarget = signal<EntitySummary | null>(null);
  /** The merge box's search as you type: no fixed pause, only the latest query's answer shown. */
  const finder = createLatestRequest<{ text: string; from: string }, EntitySummary[]>((q) => api.find(q.text, q.from), {
    answer: (_q, found) => void (mergeOptions.value = found),
    error: (_q, error) => void (problem.value = message(error)),
  });
  let selectTicket = 0;

  function resetMerge(): void {
    finder.cancel();
    mergeQuery.value = '';
    mergeOptions.value = null;
    mergeTarget.value = null;
  }

  /** Shows `entityId` in the editor, as the corpus has it now; null closes the editor. */
  async function select(entityId: string | null): Promise<void> {
    const ticket = ++selectTicket;
    if (entityId !== selected.value?.id) resetMerge();
    if (entityId === null) {
      selected.value = null;
      return;
    }
    try {
      const entity = await api.get(entityId);
      if (ticket === selectTicket) selected.value = entity;
    } catch (error) {
      if (ticket === selectTicket) {
        selected.value = null;
        problem.value = message(error);
      }
    }
  }

  async function edit(what: string, edits: Edit[], then?: string): Promise<void> {
    problem.value = null;
    pending.value = { what, since: Date.now() };
    let failed = false;
    try {
      await api.edit(edits);
    } catch (error) {
      failed = true;
      problem.value = message(error);
    } finally {
      pending.value = null;
    }
    const id = failed ? selected.value?.id : (then ?? selected.value?.id);
    await Promise.all([table.reload(), id ? select(id) : Promise.resolve()]);
  }

  return {
    table,
    problem,
    selected,
    pending,
    mergeQuery,
    mergeOptions,
    mergeTarget,
    /** Loads (or reloads, after a corpus change) the page shown and the entity being edited. */
    load: async (): Promise<void> => {
      const id = selected.value?.id;
      await Promise.all([table.reload(), id ? select(id) : Promise.resolve()]);
    },
    select,
    /** Types in the merge box: the entities matching are asked for at once, or when the search running ends. */
    findTarget: (text: string): void => {
      mergeQuery.value = text;
      mergeTarget.value = null;
      if (!text.trim()) {
        finder.cancel();
        mergeOptions.value = null;
        return;
      }
      finder.ask({ text, from: selected.value?.id ?? '' });
    },
    /** Chooses the merge target among the options. */
    chooseTarget: (entity: EntitySummary): void => {
      finder.cancel();
      mergeTarget.value = entity;
      mergeQuery.value = entity.name;
      mergeOptions.value = null;
    },
    rename: (entityId: string, name: string) => edit(`Renaming to “${name}”`, [{ op: 'rename', entityId, name }]),
    setType: (entityId: string, type: EntitySummary['type']) =>
      edit(`Changing the type to ${type}`, [{ op: 'type', entityId, type }]),
    addAlias: (entityId: string, alias: string) =>
      edit(`Adding the alias “${alias}”`, [{ op: 'alias+', entityId, alias }]),
    removeAlias: (entityId: string, alias: string) =>
      edit(`Removing the alias “${alias}”`, [{ op: 'alias-', entityId, alias }]),
    setHidden: (entityId: string, hidden: boolean) =>
      edit(hidden ? 'Stopping its marking on pages' : 'Marking it on pages again', [
        { op: hidden ? 'hide' : 'unhide', entityId },
      ]),
    /** Merges the entity being edited into the chosen target; the editor then shows the target. */
    merge: async (): Promise<void> => {
      const from = selected.value;
      const into = mergeTarget.value;
      if (!from || !into) return;
      await edit(
        `Merging “${from.name}” into “${into.name}”`,
        [{ op: 'merge', from: from.id, into: into.id }],
        into.id,
      );
    },
  };
}

export type EntitiesModel = ReturnType<typeof createEntitiesModel>;
