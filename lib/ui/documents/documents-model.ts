/**
 * The options page's document list: loaded from the background, filtered and
 * sorted here, with delete-and-undo and metadata edits sent back.
 */
import { computed, signal } from '@preact/signals';
import type { DocMetaChange } from '../../edits/types';
import type { DocumentSummary } from '../../messages/protocol';

export type DocumentsState =
  { status: 'loading' } | { status: 'ready'; documents: DocumentSummary[] } | { status: 'error'; message: string };

/** Columns the list sorts by. */
export type DocumentSort = 'date' | 'title' | 'entities' | 'quotes';

/** What the model asks of the background; injected so tests need no browser. */
export interface DocumentsApi {
  list(): Promise<DocumentSummary[]>;
  edit(docId: string, change: DocMetaChange): Promise<unknown>;
  remove(docIds: string[]): Promise<{ undoToken: string }>;
  undo(undoToken: string): Promise<unknown>;
}

/** How long the undo toast stays, ms. */
export const UNDO_TOAST_MS = 10_000;

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

const COMPARE: Record<DocumentSort, (a: DocumentSummary, b: DocumentSummary) => number> = {
  date: (a, b) => (a.date ?? '').localeCompare(b.date ?? ''),
  title: (a, b) => a.title.localeCompare(b.title),
  entities: (a, b) => a.entityCount - b.entityCount,
  quotes: (a, b) => a.quoteCount - b.quoteCount,
};

/** Creates the model. */
export function createDocumentsModel(api: DocumentsApi) {
  const state = signal<DocumentsState>({ status: 'loading' });
  const filter = signal('');
  const sort = signal<{ by: DocumentSort; descending: boolean }>({ by: 'date', descending: true });
  /** The last deletion, while it can be undone. */
  const undoable = signal<{ token: string; title: string } | null>(null);
  /** The last action's failure, for the user. */
  const problem = signal<string | null>(null);
  const editing = signal<string | null>(null);
  let undoTimer: ReturnType<typeof setTimeout> | undefined;

  const visible = computed(() => {
    const s = state.value;
    if (s.status !== 'ready') return [];
    const q = filter.value.trim().toLowerCase();
    const rows = q
      ? s.documents.filter((d) => d.title.toLowerCase().includes(q) || (d.source ?? '').toLowerCase().includes(q))
      : [...s.documents];
    const { by, descending } = sort.value;
    const compare = COMPARE[by];
    return rows.sort((a, b) => (descending ? -compare(a, b) : compare(a, b)) || a.title.localeCompare(b.title));
  });

  async function load(): Promise<void> {
    if (state.value.status !== 'ready') state.value = { status: 'loading' };
    try {
      state.value = { status: 'ready', documents: await api.list() };
    } catch (error) {
      state.value = { status: 'error', message: message(error) };
    }
  }

  async function act(action: () => Promise<void>): Promise<void> {
    problem.value = null;
    try {
      await action();
    } catch (error) {
      problem.value = message(error);
    }
    await load();
  }

  return {
    state,
    filter,
    sort,
    visible,
    undoable,
    problem,
    editing,
    load,
    /** Sorts by `by`; sorting by the same column again flips the order. */
    sortBy: (by: DocumentSort): void => {
      const now = sort.value;
      sort.value = { by, descending: now.by === by ? !now.descending : by !== 'title' };
    },
    /** Deletes a document at once; {@link undo} puts it back while the toast shows. */
    remove: (doc: DocumentSummary): Promise<void> => {
      return act(async () => {
        const { undoToken } = await api.remove([doc.id]);
        clearTimeout(undoTimer);
        undoable.value = { token: undoToken, title: doc.title };
        undoTimer = setTimeout(() => (undoable.value = null), UNDO_TOAST_MS);
      });
    },
    undo: (): Promise<void> => {
      const pending = undoable.value;
      if (!pending) return Promise.resolve();
      clearTimeout(undoTimer);
      undoable.value = null;
      return act(async () => void (await api.undo(pending.token)));
    },
    dismissUndo: (): void => {
      clearTimeout(undoTimer);
      undoable.value = null;
    },
    save: (docId: string, change: DocMetaChange): Promise<void> => {
      return act(async () => {
        await api.edit(docId, change);
        editing.value = null;
      });
    },
  };
}

export type DocumentsModel = ReturnType<typeof createDocumentsModel>;
