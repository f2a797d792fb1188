/**
 * The options page's document table: a page at a time from the background
 * (`corpus.documents`: filter, sort and paging are answered there, over the
 * loaded corpus), with delete-and-undo and metadata edits sent back.
 */
import { signal } from '@preact/signals';
import type { DocMetaChange } from '../../edits/types';
import type { DocumentSummary } from '../../messages/protocol';
import {
  DEFAULT_DOCUMENT_SORT,
  type DocumentSortKey,
  type TablePage,
  type TableQuery,
} from '../../query/corpus-tables';
import { createPagedTable } from '../options/paged-table';

/** Columns the table sorts by. */
export type DocumentSort = DocumentSortKey;

/** What the model asks of the background; injected so tests need no browser. */
export interface DocumentsApi {
  page(query: Required<TableQuery<DocumentSortKey>>): Promise<TablePage<DocumentSummary>>;
  edit(docId: string, change: DocMetaChange): Promise<unknown>;
  remove(docIds: string[]): Promise<{ undoToken: string }>;
  undo(undoToken: string): Promise<unknown>;
}

/** How long the undo toast stays, ms. */
export const UNDO_TOAST_MS = 10_000;

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** A change being written: what, and since when (ms, `Date.now()`). */
export interface PendingChange {
  what: string;
  since: number;
}

/** Creates the model. */
export function createDocumentsModel(api: DocumentsApi, options: { pageSize?: number } = {}) {
  const table = createPagedTable<DocumentSummary, DocumentSortKey>((query) => api.page(query), {
    sort: DEFAULT_DOCUMENT_SORT,
    descendingFirst: ['date', 'entities', 'quotes', 'statements'],
    ...options,
  });
  /** The last deletion, while it can be undone. */
  const undoable = signal<{ token: string; title: string } | null>(null);
  /** The last action's failure, for the user. */
  const problem = signal<string | null>(null);
  const editing = signal<string | null>(null);
  const pending = signal<PendingChange | null>(null);
  let undoTimer: ReturnType<typeof setTimeout> | undefined;

  async function act(what: string, action: () => Promise<void>): Promise<void> {
    problem.value = null;
    pending.value = { what, since: Date.now() };
    try {
      await action();
    } catch (error) {
      problem.value = message(error);
    } finally {
      pending.value = null;
    }
    await table.reload();
  }

  return {
    table,
    undoable,
    problem,
    editing,
    pending,
    /** Loads (or reloads, after a corpus change) the page shown. */
    load: (): Promise<void> => table.reload(),
    /** Deletes a document at once; {@link undo} puts it back while the toast shows. */
    remove: (doc: DocumentSummary): Promise<void> => {
      return act(`Deleting “${doc.title}”`, async () => {
        const { undoToken } = await api.remove([doc.id]);
        clearTimeout(undoTimer);
        undoable.value = { token: undoToken, title: doc.title };
        undoTimer = setTimeout(() => (undoable.value = null), UNDO_TOAST_MS);
      });
    },
    undo: (): Promise<void> => {
      const pendingUndo = undoable.value;
      if (!pendingUndo) return Promise.resolve();
      clearTimeout(undoTimer);
      undoable.value = null;
      return act(`Putting back “${pendingUndo.title}”`, async () => void (await api.undo(pendingUndo.token)));
    },
    dismissUndo: (): void => {
      clearTimeout(undoTimer);
      undoable.value = null;
    },
    save: (docId: string, change: DocMetaChange): Promise<void> => {
      return act('Saving the article’s details', async () => {
        await api.edit(docId, change);
        editing.value = null;
      });
    },
  };
}

export type DocumentsModel = ReturnType<typeof createDocumentsModel>;
