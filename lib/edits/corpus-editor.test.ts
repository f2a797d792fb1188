import { describe, expect, it } from 'vitest';
import type { Pack } from '../pack/types';
import { makeTestPack } from '../query/test-pack';
import { CorpusEditor, type EditorDeps } from './corpus-editor';
import type { LoggedEdit } from './types';

function memory(failWrites = false) {
  const state = { pack: makeTestPack(), log: [] as LoggedEdit[], writes: 0, changed: 0 };
  const deps: EditorDeps = {
    withWriteLock: (fn) => fn(),
    current: () => Promise.resolve(state.pack),
    write: (pack: Pack, change) => {
      if (failWrites) return Promise.reject(new Error('disk full'));
      state.pack = pack;
      const removed = new Set(change.remove ?? []);
      state.log = [...state.log.filter((e) => !removed.has(e.id)), ...(change.append ?? [])];
      state.writes++;
      return Promise.resolve();
    },
    loadLog: () => Promise.resolve(state.log),
    changed: () => {
      state.changed++;
      return Promise.resolve();
    },
  };
  return { state, editor: new CorpusEditor(deps) };
}

describe('CorpusEditor', () => {
  it('writes the edited corpus and keeps the edit in the log', async () => {
    const { state, editor } = memory();
    await editor.apply([{ op: 'rename', entityId: 'tom-berg', name: 'Thomas Berg' }]);
    expect(state.pack.entities.find((e) => e.id === 'tom-berg')?.name).toBe('Thomas Berg');
    expect(state.log.map((e) => e.op)).toEqual(['rename']);
    expect(state.changed).toBe(1);
  });

  it('leaves the log as it was when the write fails', async () => {
    const { state, editor } = memory(true);
    await expect(editor.apply([{ op: 'hide', entityId: 'tom-berg' }])).rejects.toThrow('disk full');
    expect(state.log).toEqual([]);
    expect(state.changed).toBe(0);
  });

  it('deletes a document and puts it back on undo, in its old place', async () => {
    const { state, editor } = memory();
    const original = makeTestPack();
    const token = await editor.deleteDocuments(['d1']);
    expect(state.pack.documents.map((d) => d.id)).toEqual(['d2']);
    await editor.undoDelete(token);
    expect(state.pack.documents).toEqual(original.documents);
    expect(state.pack.entities).toEqual(original.entities);
    expect(state.pack.mentions).toHaveLength(original.mentions.length);
    expect(state.log).toEqual([]);
  });

  it('refuses an unknown undo token with a message a user can act on', async () => {
    const { editor } = memory();
    await expect(editor.undoDelete('nope')).rejects.toThrow(/import the article again/);
  });
});
