import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultLexicon } from '../corpus/lexicon';
import { makeTestPack } from '../query/test-pack';
import { CorpusStore } from '../store/corpus-store';
import { localLock } from '../store/lock';
import type { ImportBatch } from './merge';
import { parseFile } from './parse-file';
import { runImport } from './run-import';

let n = 0;
async function setup() {
  const store = await CorpusStore.open({ name: `import-test-${n++}`, lock: localLock() });
  const deps = {
    store,
    loadBundled: () => Promise.resolve(makeTestPack()),
    lexicon: defaultLexicon,
    generator: 'test',
  };
  return { store, deps };
}

const article = {
  id: 'n1',
  title: 'Berg in Quito',
  text: 'Tom Berg arrived in Quito on Monday.\n"The talks went well," Berg said.',
};

/** Parses any files and imports what passed, the way the options page does. */
async function importFiles(files: [string, Uint8Array][], deps: Awaited<ReturnType<typeof setup>>['deps']) {
  const batch: ImportBatch = { docs: [], packs: [] };
  for (const [name, bytes] of files) {
    const out = parseFile(name, bytes);
    batch.docs.push(...out.docs);
    batch.packs.push(...out.packs);
  }
  return runImport(batch, deps).catch((error: unknown) => error as Error);
}

describe('runImport', () => {
  it('adds new articles to the bundled corpus and records the import', async () => {
    const { store, deps } = await setup();
    const result = await runImport({ docs: [article], packs: [] }, deps);
    expect(result).toMatchObject({ added: 1, total: 3, skipped: [] });
    const active = await store.readActive();
    expect(active?.pack.documents.map((d) => d.id)).toEqual(['d1', 'd2', 'n1']);
    expect(active?.pack.entities.some((e) => e.name === 'Tom Berg')).toBe(true);
    expect(await store.lastImport()).toMatchObject({ state: 'finished', offered: 1, added: 1, total: 3 });
  });

  it('leaves out duplicates by id and by text', async () => {
    const { deps } = await setup();
    const sameText = { ...article, id: 'n2', text: article.text.toUpperCase() };
    const sameId = { ...article, id: 'd1', text: 'Different.' };
    const result = await runImport({ docs: [article, sameText, sameId], packs: [] }, deps);
    expect(result.added).toBe(1);
    expect(result.skipped).toEqual([
      '"Berg in Quito": same text as "Berg in Quito", already in the corpus',
      '"Berg in Quito": the id "d1" is already in the corpus ("Talks in Lima")',
    ]);
  });

  it('fails with nothing new, records why, and leaves the store empty', async () => {
    const { store, deps } = await setup();
    const copy = makeTestPack().documents[0]!;
    await expect(runImport({ docs: [copy], packs: [] }, deps)).rejects.toThrow(/Nothing new to import/);
    expect(await store.readActive()).toBeNull();
    const last = await store.lastImport();
    expect(last?.state).toBe('failed');
    expect(last?.error).toMatch(/Nothing new to import/);
  });

  it('keeps the user hiding an entity across a re-extraction', async () => {
    const { store, deps } = await setup();
    const pack = makeTestPack();
    pack.entities.find((e) => e.id === 'tom-berg')!.hidden = true;
    await store.commit(pack);
    await runImport({ docs: [article], packs: [] }, deps);
    const berg = (await store.readActive())?.pack.entities.find((e) => e.name === 'Tom Berg');
    expect(berg?.hidden).toBe(true);
  });

  it('property: random bytes never crash the importer and never change the stored corpus', async () => {
    const { store, deps } = await setup();
    await runImport({ docs: [article], packs: [] }, deps);
    const before = await store.readActive();
    const name = fc.constantFrom('x.json', 'x.jsonl', 'x.html', 'x.pdf', 'x.bin');
    const junkJson = fc.oneof(
      fc.uint8Array({ maxLength: 300 }),
      fc.jsonValue().map((v) => new TextEncoder().encode(JSON.stringify(v))),
      fc
        .record({ format: fc.constant('dossier-pack'), version: fc.constant(1), documents: fc.array(fc.anything()) })
        .map((v) => new TextEncoder().encode(JSON.stringify(v))),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(name, junkJson), { minLength: 1, maxLength: 3 }), async (files) => {
        await importFiles(files, deps); // resolves or fails with an Error; never throws past it
        const after = await store.readActive();
        expect(after?.generation).toBe(before?.generation);
      }),
      { numRuns: 60 },
    );
    expect((await store.readActive())?.pack).toEqual(before?.pack);
  });

  it('property: no byte string makes parseFile throw', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('a.txt', 'a.md', 'a.jsonl', 'a.json'),
        fc.uint8Array({ maxLength: 2000 }),
        (name, bytes) => {
          const out = parseFile(name, bytes);
          expect(out.docs.length + out.packs.length + out.errors.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 300 },
    );
  });
});
