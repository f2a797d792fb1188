import { describe, expect, it, vi } from 'vitest';
import type { DocumentSummary } from '../../messages/protocol';
import { createDocumentsModel, UNDO_TOAST_MS } from './documents-model';

const doc = (id: string, title: string, date: string, entityCount: number, source?: string): DocumentSummary => ({
  id,
  title,
  date,
  entityCount,
  quoteCount: 0,
  statementCount: 0,
  passageCount: 1,
  ...(source ? { source } : {}),
});

function setup() {
  let docs = [doc('a', 'Alpha talks', '2020-01-01', 5), doc('b', 'Beta deal', '2021-01-01', 2, 'Wire')];
  const removed: DocumentSummary[] = [];
  const model = createDocumentsModel({
    list: () => Promise.resolve(docs),
    edit: () => Promise.resolve(),
    remove: (ids) => {
      removed.push(...docs.filter((d) => ids.includes(d.id)));
      docs = docs.filter((d) => !ids.includes(d.id));
      return Promise.resolve({ undoToken: 't1' });
    },
    undo: () => {
      docs = [...docs, ...removed.splice(0)];
      return Promise.resolve();
    },
  });
  return { model };
}

describe('documents model', () => {
  it('filters by title or source and sorts by the chosen column', async () => {
    const { model } = setup();
    await model.load();
    expect(model.visible.value.map((d) => d.id)).toEqual(['b', 'a']);
    model.sortBy('entities');
    expect(model.visible.value.map((d) => d.id)).toEqual(['a', 'b']);
    model.sortBy('entities');
    expect(model.visible.value.map((d) => d.id)).toEqual(['b', 'a']);
    model.filter.value = 'wire';
    expect(model.visible.value.map((d) => d.id)).toEqual(['b']);
  });

  it('offers undo after a delete until the toast expires', async () => {
    vi.useFakeTimers();
    try {
      const { model } = setup();
      await model.load();
      await model.remove(model.visible.value[0]!);
      expect(model.undoable.value).toEqual({ token: 't1', title: 'Beta deal' });
      await model.undo();
      expect(model.visible.value).toHaveLength(2);
      await model.remove(model.visible.value[0]!);
      vi.advanceTimersByTime(UNDO_TOAST_MS);
      expect(model.undoable.value).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });
});
