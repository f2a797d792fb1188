import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultLexicon } from '../corpus/lexicon';
import { applyEdits } from '../edits/apply-edits';
import type { Edit, LoggedEdit } from '../edits/types';
import { makeTestPack } from '../query/test-pack';
import { CorpusStore } from '../store/corpus-store';
import { localLock } from '../store/lock';
import type { ImportBatch } from './merge';
import wikinews from '../corpus/fixtures/wikinews-sample.json';
import { parseFile } from './parse-file';
import { mergeWhenIdle, runImport, type ImportProgress } from './run-import';

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

  it('says where its time went: every phase, in the result and in the recorded status', async () => {
    const { store, deps } = await setup();
    await runImport({ docs: [article], packs: [] }, deps); // the bundled pack stored in segments first
    const result = await runImport(
      { docs: [{ ...article, id: 'n2', text: `${article.text} Again.` }], packs: [] },
      deps,
    );
    const phases = [
      'lock',
      'sweep',
      'status',
      'read.layers',
      'read.segments',
      'dedupe',
      'edits',
      'extract',
      'applyEdits',
      'append.base',
      'append.segment',
      'append.layers',
      'write',
      'verify',
    ];
    expect(Object.keys(result.phases!)).toEqual([...phases, 'activate', 'cleanup']);
    for (const ms of Object.values(result.phases!)) expect(ms).toBeGreaterThanOrEqual(0);
    // The status is written in the swap itself: every phase before it.
    expect(Object.keys((await store.lastImport())!.phases!)).toEqual(phases);
  });

  it('with an empty edit log, stores what applying no edit would give (the pass it skips)', async () => {
    const { store, deps } = await setup();
    const docs = wikinews.documents.map((d) => ({ ...d, text: d.text }));
    await runImport({ docs: docs.slice(0, 2), packs: [] }, deps);
    await runImport({ docs: docs.slice(2, 4), packs: [] }, deps);
    await runImport({ docs: docs.slice(4), packs: [] }, deps);
    const pack = (await store.readActive())!.pack;
    expect(pack.documents).toHaveLength(2 + docs.length);
    const normalised = applyEdits(pack, []);
    expect(normalised.entities).toEqual(pack.entities);
    expect(normalised.mentions).toEqual(pack.mentions);
    expect(normalised.quotes).toEqual(pack.quotes);
    expect(normalised.passages).toEqual(pack.passages);
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

describe('runImport appends a segment (issue #14)', () => {
  const logged = <E extends Edit>(edit: E, id: string): E & { id: string; at: string } => ({
    ...edit,
    id,
    at: '2026-01-01T00:00:00.000Z',
  });

  /** Stores the test pack with `log` applied and in the log, as the options page's edits do. */
  async function edited(store: CorpusStore, log: LoggedEdit[]) {
    await store.commit(applyEdits(makeTestPack(), log), { log: { append: log } });
  }

  it('writes one new segment per import and never rewrites the ones before', async () => {
    const { store, deps } = await setup();
    await runImport({ docs: [article], packs: [] }, deps);
    const first = (await store.readManifest())!.manifest.segments;
    const more = { id: 'n2', title: 'Ruiz in Lima', text: 'Ana Ruiz flew back to Lima on Friday.' };
    const result = await runImport({ docs: [more], packs: [] }, deps);
    const second = (await store.readManifest())!.manifest.segments;
    expect(second).toHaveLength(first.length + 1);
    expect(second.slice(0, first.length)).toEqual(first);
    expect(result).toMatchObject({ added: 1, total: 4 });
    expect((await store.readActive())?.pack.documents.map((d) => d.id)).toEqual(['d1', 'd2', 'n1', 'n2']);
  });

  it("attaches a renamed entity's new mentions to it, under the user's name", async () => {
    const { store, deps } = await setup();
    await edited(store, [logged({ op: 'rename', entityId: 'tom-berg', name: 'Thomas Berg' }, 'e1')]);
    await runImport({ docs: [article], packs: [] }, deps);
    const pack = (await store.readActive())!.pack;
    const berg = pack.entities.filter((e) => e.aliases.includes('Tom Berg'));
    expect(berg.map((e) => [e.id, e.name])).toEqual([['tom-berg', 'Thomas Berg']]);
    const bergs = pack.mentions.filter((m) => m.docId === 'n1' && article.text.slice(m.start, m.end).includes('Berg'));
    expect(bergs.map((m) => m.entityId)).toEqual(['tom-berg', 'tom-berg']);
  });

  it("gives a merged entity's new mentions to the entity it was merged into", async () => {
    const { store, deps } = await setup();
    await edited(store, [logged({ op: 'merge', from: 'ana-ruiz', into: 'tom-berg' }, 'e1')]);
    const doc = { id: 'n2', title: 'Ruiz in Quito', text: 'Ana Ruiz arrived in Quito on Monday.' };
    await runImport({ docs: [doc], packs: [] }, deps);
    const pack = (await store.readActive())!.pack;
    expect(pack.entities.some((e) => e.id === 'ana-ruiz')).toBe(false);
    const ruiz = pack.mentions.filter((m) => m.docId === 'n2' && doc.text.slice(m.start, m.end) === 'Ana Ruiz');
    expect(ruiz.map((m) => m.entityId)).toEqual(['tom-berg']);
  });

  it('keeps a hidden entity hidden when new articles mention it', async () => {
    const { store, deps } = await setup();
    await edited(store, [logged({ op: 'hide', entityId: 'tom-berg' }, 'e1')]);
    await runImport({ docs: [article], packs: [] }, deps);
    const pack = (await store.readActive())!.pack;
    expect(pack.entities.filter((e) => e.aliases.includes('Tom Berg')).map((e) => e.hidden)).toEqual([true]);
  });

  it('brings back a deleted document imported again, and forgets its deletion', async () => {
    const { store, deps } = await setup();
    await edited(store, [logged({ op: 'docDelete', docId: 'd2' }, 'e1')]);
    expect((await store.readActive())!.pack.documents.map((d) => d.id)).toEqual(['d1']);
    await runImport({ docs: [makeTestPack().documents[1]!], packs: [] }, deps);
    expect((await store.readActive())!.pack.documents.map((d) => d.id)).toEqual(['d1', 'd2']);
    expect(await store.readEdits()).toEqual([]);
  });

  it('reports phases in order and counts that never go back', async () => {
    const { deps } = await setup();
    const seen: ImportProgress[] = [];
    await runImport({ docs: [article], packs: [] }, { ...deps, onProgress: (p) => seen.push(p) });
    const order = ['waiting', 'reading', 'building', 'saving', 'verifying'];
    for (let i = 1; i < seen.length; i++) {
      const [a, b] = [seen[i - 1]!, seen[i]!];
      expect(order.indexOf(b.phase)).toBeGreaterThanOrEqual(order.indexOf(a.phase));
      if (a.phase === b.phase) expect(b.done).toBeGreaterThanOrEqual(a.done);
      expect(b.done).toBeLessThanOrEqual(b.total);
    }
    expect(seen.at(-1)).toMatchObject({ phase: 'verifying' });
  });

  it('merges small segments when idle, and the corpus answers the same', async () => {
    const { store, deps } = await setup();
    for (let i = 0; i < 10; i++)
      await runImport(
        { docs: [{ id: `a${i}`, title: `A ${i}`, text: `Tom Berg spoke on day ${i} in Quito.` }], packs: [] },
        deps,
      );
    expect((await store.readManifest())!.manifest.segments).toHaveLength(11);
    const before = (await store.readActive())!.pack;
    expect(await mergeWhenIdle(store)).not.toBeNull();
    expect((await store.readManifest())!.manifest.segments).toHaveLength(1);
    expect((await store.readActive())!.pack).toEqual(before);
  });
});
