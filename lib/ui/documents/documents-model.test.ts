import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DocumentSummary } from '../../messages/protocol';
import { CorpusQuery } from '../../query/corpus-query';
import { queryDocuments } from '../../query/corpus-tables';
import { makeTestPack } from '../../query/test-pack';
import { createDocumentsModel, UNDO_TOAST_MS } from './documents-model';

/** A model over the test pack, answered by the real table code; deletes drop documents from it. */
function setup() {
  const data = CorpusQuery.fromPack(makeTestPack()).data;
  const gone = new Set<string>();
  const asked: unknown[] = [];
  const model = createDocumentsModel({
    page: (query) => {
      asked.push(query);
      const page = queryDocuments(data, { ...query, limit: 500 });
      const rows = page.rows.filter((d) => !gone.has(d.id));
      return Promise.resolve({ ...page, total: rows.length, all: page.all - gone.size, rows });
    },
    edit: () => Promise.resolve(),
    remove: (ids) => {
      ids.forEach((id) => gone.add(id));
      return Promise.resolve({ undoToken: 't1' });
    },
    undo: () => {
      gone.clear();
      return Promise.resolve();
    },
  });
  const ids = () => model.table.shown.value?.page.rows.map((d: DocumentSummary) => d.id);
  return { model, ids, asked };
}

afterEach(() => void vi.useRealTimers());

describe('documents model', () => {
  it('asks the background for the filtered, sorted page', async () => {
    vi.useFakeTimers();
    const { model, ids, asked } = setup();
    await model.load();
    expect(ids()).toEqual(['d2', 'd1']);
    await model.table.sortBy('title');
    expect(model.table.sort.value).toEqual({ by: 'title', descending: false });
    expect(ids()).toEqual(['d2', 'd1']);
    await model.table.sortBy('title');
    expect(ids()).toEqual(['d1', 'd2']);
    model.table.setFilter('wi');
    model.table.setFilter('wir');
    model.table.setFilter('wire');
    expect(model.table.busy.value).toBe(true);
    await vi.advanceTimersByTimeAsync(10);
    expect(ids()).toEqual(['d2']);
    expect(model.table.shown.value?.filter).toBe('wire');
    // Typing fast: the first key is asked at once, the keys typed while it ran are asked once, as typed last.
    expect(asked.map((q) => (q as { filter: string }).filter).filter((f) => f.startsWith('wi'))).toEqual([
      'wi',
      'wire',
    ]);
  });

  it('offers undo after a delete until the toast expires', async () => {
    vi.useFakeTimers();
    const { model, ids } = setup();
    await model.load();
    await model.remove(model.table.shown.value!.page.rows[0]!);
    expect(ids()).toEqual(['d1']);
    expect(model.undoable.value).toEqual({ token: 't1', title: 'Ceasefire holds' });
    await model.undo();
    expect(ids()).toHaveLength(2);
    await model.remove(model.table.shown.value!.page.rows[0]!);
    vi.advanceTimersByTime(UNDO_TOAST_MS);
    expect(model.undoable.value).toBeNull();
  });
});
