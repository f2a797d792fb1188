/**
 * The import worker keeps the entity table and extraction state its last import wrote
 * (lib/store/held-parts.ts), so the next import reads neither: it must give exactly what a
 * fresh read gives, and a part another writer changed in between (an import in another
 * tab, an edit) must be read again, never used stale.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { defaultLexicon } from '../corpus/lexicon';
import { CorpusEditor } from '../edits/corpus-editor';
import { storeEditorDeps } from '../edits/store-deps';
import { makeTestPack } from '../query/test-pack';
import { CorpusStore } from '../store/corpus-store';
import { HeldParts } from '../store/held-parts';
import { storedManifest } from '../store/test-articles';
import { localLock } from '../store/lock';
import { runImport, warmImport } from './run-import';

const articles = [
  { id: 'n1', title: 'Berg in Quito', text: 'Tom Berg arrived in Quito on Monday.\n"The talks went well," Berg said.' },
  {
    id: 'n2',
    title: 'Lopez in Lima',
    text: 'Ana Lopez met Tom Berg in Lima.\n"We agreed on the timetable," Lopez said.',
  },
  { id: 'n3', title: 'Okafor in Accra', text: 'Chidi Okafor spoke in Accra on Friday about the harvest.' },
  { id: 'n4', title: 'Berg again', text: 'Berg and Okafor flew to Nairobi.\n"It is a start," Okafor told reporters.' },
];

let n = 0;
const lock = localLock();
async function open(name: string, held?: HeldParts): Promise<CorpusStore> {
  return CorpusStore.open({ name, lock, ...(held ? { held } : {}) });
}
const importInto = (store: CorpusStore, i: number) =>
  runImport(
    { docs: [articles[i]!], packs: [] },
    { store, loadBundled: () => Promise.resolve(makeTestPack()), lexicon: defaultLexicon, generator: 't' },
  );

/** The active manifest as a fresh store (nothing held) reads it. */
async function freshRead(name: string) {
  const store = await open(name);
  try {
    return (await store.readManifest())!.manifest;
  } finally {
    store.close();
  }
}

/** Owners of the chunk records read while `fn` runs. */
async function chunkReads(fn: () => Promise<unknown>): Promise<Set<string>> {
  const proto = globalThis.IDBObjectStore.prototype;
  // eslint-disable-next-line @typescript-eslint/unbound-method -- restored as it was
  const get = proto.get;
  const owners = new Set<string>();
  proto.get = function (this: IDBObjectStore, query: IDBValidKey | IDBKeyRange) {
    if (this.name === 'chunks' && Array.isArray(query) && typeof query[0] === 'string') owners.add(query[0]);
    return get.call(this, query);
  };
  try {
    await fn();
  } finally {
    proto.get = get;
  }
  return owners;
}

describe('the parts the import worker holds between imports', () => {
  it('the next import reads no layer of the state it wrote, and stores what a fresh read would give', async () => {
    const heldName = `held-${n++}`;
    const plainName = `held-${n++}`;
    const held = new HeldParts();
    const withHeld = await open(heldName, held);
    const plain = await open(plainName);
    await importInto(withHeld, 0);
    await importInto(plain, 0);
    const stateLayer = (await storedManifest(heldName)).state.base;
    const plainStateLayer = (await storedManifest(plainName)).state.base;
    const readHeld = await chunkReads(() => importInto(withHeld, 1));
    const readPlain = await chunkReads(() => importInto(plain, 1));
    expect(readPlain.has(plainStateLayer)).toBe(true); // what the spy sees without held parts
    expect(readHeld.has(stateLayer)).toBe(false);
    const a = await freshRead(heldName);
    const b = await freshRead(plainName);
    expect(a.entities).toEqual(b.entities);
    expect(a.extraction).toEqual(b.extraction);
    expect(a.extraction.documents).toBe(4); // the two bundled articles, then n1 and n2
    withHeld.close();
    plain.close();
  });

  it('reads the corpus again when another writer appended in between (another tab)', async () => {
    const name = `held-${n++}`;
    const held = new HeldParts();
    const worker = await open(name, held);
    const otherTab = await open(name);
    await importInto(worker, 0);
    await importInto(otherTab, 1); // Ana Lopez joins the table and the state
    await importInto(worker, 2);
    const now = await freshRead(name);
    expect(now.extraction.documents).toBe(5);
    expect(now.entities.map((e) => e.name)).toEqual(expect.arrayContaining(['Ana Lopez', 'Chidi Okafor']));
    expect(held.layers.state?.extraction).toEqual(now.extraction);
    worker.close();
    otherTab.close();
  });

  it('reads the table again after an edit, so the edit is not undone by the next import', async () => {
    const name = `held-${n++}`;
    const held = new HeldParts();
    const worker = await open(name, held);
    const background = await open(name);
    await importInto(worker, 0);
    await importInto(worker, 2);
    const editor = new CorpusEditor(
      storeEditorDeps(
        () => Promise.resolve(background),
        () => Promise.resolve(makeTestPack()),
        () => Promise.resolve(),
      ),
    );
    const okafor = (await freshRead(name)).entities.find((e) => e.name === 'Chidi Okafor')!;
    await editor.apply([{ op: 'hide', entityId: okafor.id }]);
    const edited = await storedManifest(name);
    const reads = await chunkReads(() => importInto(worker, 3));
    // The table the edit wrote is read (its newest layer); the state, which the edit kept, is not.
    expect(reads.has(edited.table.deltas.at(-1) ?? edited.table.base)).toBe(true);
    expect(reads.has(edited.state.base)).toBe(false);
    const now = await freshRead(name);
    expect(now.entities.find((e) => e.id === okafor.id)?.hidden).toBe(true);
    expect(now.extraction.documents).toBe(5);
    worker.close();
    background.close();
  });

  it('a warm-up read (no lock, nothing written) holds the parts, so the first import reads neither', async () => {
    const name = `held-${n++}`;
    const setup = await open(name);
    await importInto(setup, 0); // the corpus as an earlier page session left it
    setup.close();
    const stored = await storedManifest(name);
    const held = new HeldParts();
    const worker = await open(name, held);
    // What the options page asks of its import worker when it opens (lib/import/worker.ts `warm`).
    const warmReads = await chunkReads(() => warmImport(worker, defaultLexicon));
    // The throw-away extraction changed neither held part.
    const fresh = await freshRead(name);
    expect(held.layers.table?.entities).toEqual(fresh.entities);
    expect(held.layers.state?.extraction).toEqual(fresh.extraction);
    expect(warmReads.has(stored.state.base)).toBe(true);
    expect(held.layers.state?.refs).toEqual(stored.state);
    expect(held.layers.table?.refs).toEqual(stored.table);
    const reads = await chunkReads(() => importInto(worker, 1));
    expect(reads.has(stored.state.base)).toBe(false);
    // (The table's base may be read here: an append to a corpus this small compacts the table, and a
    // new base's names index is made from the old one's.)
    // Same outcome as an import that read everything itself.
    const plainName = `held-${n++}`;
    const plain = await open(plainName);
    await importInto(plain, 0);
    await importInto(plain, 1);
    const a = await freshRead(name);
    const b = await freshRead(plainName);
    expect(a.entities).toEqual(b.entities);
    expect(a.extraction).toEqual(b.extraction);
    worker.close();
    plain.close();
  });

  it('a warm-up read made before another writer appended is not used by the import (it reads again)', async () => {
    const name = `held-${n++}`;
    const setup = await open(name);
    await importInto(setup, 0);
    const held = new HeldParts();
    const worker = await open(name, held);
    await worker.readManifest(); // warm
    await importInto(setup, 1); // another tab imports meanwhile
    const changed = await storedManifest(name);
    const reads = await chunkReads(() => importInto(worker, 2));
    expect(reads.has(changed.state.deltas.at(-1) ?? changed.state.base)).toBe(true);
    const now = await freshRead(name);
    expect(now.extraction.documents).toBe(5);
    expect(now.entities.map((e) => e.name)).toEqual(expect.arrayContaining(['Ana Lopez', 'Chidi Okafor']));
    setup.close();
    worker.close();
  });

  it('is dropped when an import fails after its extraction began', async () => {
    const name = `held-${n++}`;
    const held = new HeldParts();
    const worker = await open(name, held);
    await importInto(worker, 0);
    expect(held.layers.state).toBeDefined();
    const aborted = new AbortController();
    await expect(
      runImport(
        { docs: [articles[1]!], packs: [] },
        {
          store: worker,
          loadBundled: () => Promise.resolve(makeTestPack()),
          lexicon: defaultLexicon,
          generator: 't',
          signal: aborted.signal,
          onProgress: (p) => {
            if (p.phase === 'building' && p.done > 0) aborted.abort();
          },
        },
      ),
    ).rejects.toThrow();
    expect(held.layers).toEqual({});
    await importInto(worker, 1);
    expect((await freshRead(name)).extraction.documents).toBe(4);
    worker.close();
  });
});
