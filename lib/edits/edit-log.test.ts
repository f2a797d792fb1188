// The edit log is durable: edits survive imports, a restart and an export
// imported again, and an edit cut short leaves no trace in the log.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { defaultLexicon } from '../corpus/lexicon';
import { runImport } from '../import/run-import';
import { validatePack } from '../import/validate';
import type { Pack } from '../pack/types';
import { makeTestPack } from '../query/test-pack';
import { CorpusStore } from '../store/corpus-store';
import { localLock } from '../store/lock';
import { withEdits } from '../ui/documents/corpus-file';
import { applyEdits } from './apply-edits';
import { CorpusEditor } from './corpus-editor';
import { storeEditorDeps } from './store-deps';
import { readEditLog } from './types';

let n = 0;
const open = (name: string) => CorpusStore.open({ name, lock: localLock() });
const bundled = () => Promise.resolve(makeTestPack());
const importDeps = (store: CorpusStore) => ({
  store,
  loadBundled: bundled,
  lexicon: defaultLexicon,
  generator: 'test',
});
const editorOf = (store: CorpusStore) =>
  new CorpusEditor(
    storeEditorDeps(
      () => Promise.resolve(store),
      bundled,
      () => Promise.resolve(),
    ),
  );

const articles = [
  {
    id: 'a1',
    title: 'Berg in Quito',
    text: 'Tom Berg arrived in Quito on Monday with Ana Ruiz.\n\n"The talks went well," Berg said. Ruiz agreed.',
  },
  {
    id: 'a2',
    title: 'Ruiz in Lima',
    text: 'Ana Ruiz flew to Lima on Tuesday.\n\n"We are close," Ruiz said. Tom Berg stayed in Quito.',
  },
];
const later = {
  id: 'a3',
  title: 'Talks resume',
  text: 'Talks resumed in Quito on Friday. Tom Berg and Ana Ruiz met again.\n\n"It is done," Berg said.',
};

function entity(pack: Pack, id: string) {
  return pack.entities.find((e) => e.id === id);
}

describe('readEditLog', () => {
  it('keeps stored entries with their id and time', () => {
    const stored = [
      { op: 'rename', entityId: 'tom-berg', name: 'Thomas Berg', id: 'x-1', at: '2026-01-01T00:00:00.000Z' },
      { op: 'merge', from: 'ruiz', into: 'ana-ruiz', id: 'x-2', at: '2026-01-01T00:00:01.000Z' },
      { op: 'future-op', entityId: 'tom-berg', id: 'x-3', at: '2026-01-01T00:00:02.000Z' },
      { op: 'hide', entityId: 'lima' }, // no bookkeeping: not a log entry
    ];
    expect(readEditLog(stored).map((e) => e.id)).toEqual(['x-1', 'x-2']);
  });
});

describe('applyEdits after a re-extraction renamed an entity', () => {
  it('finds the entity again by its old name among the aliases', () => {
    const pack = makeTestPack();
    // New articles made "Thomas Berg" the extracted name: the id changed, the old name is an alias.
    const berg = pack.entities.find((e) => e.id === 'tom-berg')!;
    Object.assign(berg, { id: 'thomas-berg', name: 'Thomas Berg', aliases: ['Thomas Berg', 'Tom Berg', 'Berg'] });
    for (const m of pack.mentions) if (m.entityId === 'tom-berg') m.entityId = 'thomas-berg';
    for (const q of pack.quotes) if (q.speakerId === 'tom-berg') q.speakerId = 'thomas-berg';
    const edited = applyEdits(pack, [
      { op: 'type', entityId: 'tom-berg', type: 'organization' },
      { op: 'alias+', entityId: 'tom-berg', alias: 'T. Berg' },
      { op: 'rename', entityId: 'tom-berg', name: 'Tomás Berg' },
    ]);
    const thomas = edited.entities.find((e) => e.id === 'thomas-berg');
    expect(thomas).toMatchObject({ type: 'organization', name: 'Tomás Berg' });
    expect(thomas?.aliases).toContain('T. Berg');
    // Applying again changes nothing.
    expect(applyEdits(edited, [{ op: 'rename', entityId: 'tom-berg', name: 'Tomás Berg' }])).toEqual(edited);
  });
});

describe('the edit log', () => {
  it('keeps every edit through an import, a restart, an export and its import elsewhere', async () => {
    const name = `edit-log-${n++}`;
    let store = await open(name);
    await runImport({ docs: articles, packs: [] }, importDeps(store));
    const extracted = (await store.readActive())!.pack;
    expect(entity(extracted, 'tom-berg')).toBeDefined();
    expect(entity(extracted, 'ana-ruiz')).toBeDefined();

    const editor = editorOf(store);
    await editor.apply([{ op: 'rename', entityId: 'tom-berg', name: 'Thomas Berg' }]);
    await editor.apply([{ op: 'type', entityId: 'ana-ruiz', type: 'organization' }]);
    await editor.apply([{ op: 'alias+', entityId: 'ana-ruiz', alias: 'A. Ruiz' }]);
    await editor.apply([{ op: 'merge', from: 'quito', into: 'lima' }]);
    expect((await store.readEdits()).map((e) => e.op)).toEqual(['rename', 'type', 'alias+', 'merge']);

    // An import extracts everything again; the log is applied to the result.
    await runImport({ docs: [later], packs: [] }, importDeps(store));
    const check = (pack: Pack) => {
      expect(entity(pack, 'tom-berg')?.name).toBe('Thomas Berg');
      expect(entity(pack, 'ana-ruiz')?.type).toBe('organization');
      expect(entity(pack, 'ana-ruiz')?.aliases).toContain('A. Ruiz');
      expect(entity(pack, 'quito')).toBeUndefined();
      expect(entity(pack, 'lima')?.aliases).toContain('Quito');
    };
    check((await store.readActive())!.pack);

    // A restart: a new connection reads the same log.
    store.close();
    store = await open(name);
    expect((await store.readEdits()).map((e) => e.op)).toEqual(['rename', 'type', 'alias+', 'merge']);
    check((await store.readActive())!.pack);

    // Export "with your edits", then import the file into an empty store (another browser, or after a restore).
    const file = withEdits((await store.readActiveFile())!, await store.readEdits());
    const parsed = validatePack(JSON.parse(JSON.stringify(file)), 'export.json');
    if (!parsed.ok) throw new Error(parsed.error);
    const elsewhere = await open(`edit-log-${n++}`);
    await runImport({ docs: [], packs: [parsed.pack] }, importDeps(elsewhere));
    check((await elsewhere.readActive())!.pack);
    expect((await elsewhere.readEdits()).map((e) => e.op)).toEqual(['rename', 'type', 'alias+', 'merge']);
    // And a later import there keeps them too.
    await runImport({ docs: [{ ...later, id: 'a4', text: `${later.text} Again.` }], packs: [] }, importDeps(elsewhere));
    check((await elsewhere.readActive())!.pack);
  });

  it('an edit whose write never finishes (the worker stopped) is in neither the log nor the corpus', async () => {
    const name = `edit-log-${n++}`;
    const store = await open(name);
    await runImport({ docs: articles, packs: [] }, importDeps(store));
    const deps = storeEditorDeps(
      () => Promise.resolve(store),
      bundled,
      () => Promise.resolve(),
    );
    // The worker is stopped while the new generation is being written: the write never returns.
    const never = () => new Promise<never>(() => undefined);
    const stopped = new CorpusEditor({ ...deps, write: never, amend: never });
    void stopped.apply([{ op: 'rename', entityId: 'tom-berg', name: 'Thomas Berg' }]);
    await new Promise((resolve) => setTimeout(resolve, 50));

    const restarted = await open(name);
    expect(await restarted.readEdits()).toEqual([]);
    expect(entity((await restarted.readActive())!.pack, 'tom-berg')?.name).toBe('Tom Berg');
    // The next import does not apply it either.
    await runImport({ docs: [later], packs: [] }, importDeps(restarted));
    expect(entity((await restarted.readActive())!.pack, 'tom-berg')?.name).toBe('Tom Berg');
  });

  it('undoing a deletion removes it from the log in the same write', async () => {
    const store = await open(`edit-log-${n++}`);
    await runImport({ docs: articles, packs: [] }, importDeps(store));
    const editor = editorOf(store);
    const token = await editor.deleteDocuments(['a1']);
    expect((await store.readEdits()).map((e) => e.op)).toEqual(['docDelete']);
    await editor.undoDelete(token);
    expect(await store.readEdits()).toEqual([]);
    expect((await store.readActive())!.pack.documents.map((d) => d.id)).toContain('a1');
  });
});
