import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Edit } from '../../edits/types';
import { CorpusQuery } from '../../query/corpus-query';
import { entitySummary, findEntities, queryEntities } from '../../query/corpus-tables';
import { makeTestPack } from '../../query/test-pack';
import { createEntitiesModel } from './entities-model';

afterEach(() => void vi.useRealTimers());

/** A model over the test pack (pages of one entity), answered by the real table code. */
function setup() {
  const data = CorpusQuery.fromPack(makeTestPack()).data;
  const edits: Edit[][] = [];
  const model = createEntitiesModel(
    {
      page: (query) => Promise.resolve(queryEntities(data, query)),
      get: (id) => {
        const row = entitySummary(data, id);
        return row ? Promise.resolve(row) : Promise.reject(new Error(`no entity "${id}"`));
      },
      find: (query, exclude) => Promise.resolve(findEntities(data, query, 10, exclude)),
      edit: (e) => {
        edits.push(e);
        return Promise.resolve();
      },
    },
    { pageSize: 1 },
  );
  return { model, edits };
}

describe('entities model', () => {
  it('edits an entity that is not on the page shown, and merges it into one found by typing', async () => {
    vi.useFakeTimers();
    const { model, edits } = setup();
    await model.load();
    expect(model.table.shown.value?.page.rows.map((e) => e.id)).toEqual(['ana-ruiz']);
    await model.select('lima'); // the last page
    expect(model.selected.value).toMatchObject({ id: 'lima', hidden: true });
    model.findTarget('be');
    model.findTarget('berg');
    await vi.advanceTimersByTimeAsync(5);
    expect(model.mergeOptions.value?.map((e) => e.id)).toEqual(['tom-berg']);
    model.chooseTarget(model.mergeOptions.value![0]!);
    expect(model.mergeQuery.value).toBe('Tom Berg');
    await model.merge();
    expect(edits).toEqual([[{ op: 'merge', from: 'lima', into: 'tom-berg' }]]);
    expect(model.selected.value?.id).toBe('tom-berg');
    expect(model.mergeTarget.value).toBeNull();
    expect(model.pending.value).toBeNull();
  });

  it('never offers the entity being edited as its own merge target', async () => {
    vi.useFakeTimers();
    const { model } = setup();
    await model.select('tom-berg');
    model.findTarget('tom');
    await vi.advanceTimersByTimeAsync(5);
    expect(model.mergeOptions.value).toEqual([]);
  });

  it('says so when the entity is no longer in the corpus', async () => {
    const { model } = setup();
    await model.select('gone');
    expect(model.selected.value).toBeNull();
    expect(model.problem.value).toContain('no entity "gone"');
  });
});
