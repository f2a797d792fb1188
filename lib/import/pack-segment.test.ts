// A pack file imported on the options page: one whose generator names this
// build's extraction joins as a segment exactly as the pack has it (no
// extraction: a row extraction would never give is kept), one from another
// version is extracted again, and the result says which happened.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { EXTRACTION_PIPELINE } from '../corpus/extraction-state';
import { extractKnowledge } from '../corpus/extract';
import { defaultLexicon } from '../corpus/lexicon';
import type { Edit, LoggedEdit } from '../edits/types';
import { buildPack } from '../pack/build';
import type { Pack } from '../pack/types';
import { makeTestPack } from '../query/test-pack';
import { CorpusStore } from '../store/corpus-store';
import { localLock } from '../store/lock';
import { extractedAsToday, packGenerator } from './pack-segment';
import { runImport } from './run-import';

let n = 0;
async function setup() {
  const store = await CorpusStore.open({ name: `pack-segment-${n++}`, lock: localLock() });
  const deps = {
    store,
    loadBundled: () => Promise.resolve(makeTestPack()),
    lexicon: defaultLexicon,
    generator: 'test',
  };
  // A user corpus in segments: the bundled pack and one pasted article.
  await runImport(
    {
      docs: [{ id: 'u1', title: 'Ruiz in Quito', text: 'Ana Ruiz arrived in Quito.\n\n"It went well," Ruiz said.' }],
      packs: [],
    },
    deps,
  );
  return { store, deps };
}

const DOCS = [
  {
    id: 'p1',
    title: 'Talks in Geneva',
    text: 'Sergey Lavrov met Tom Berg in Geneva on Friday.\n\n"We agreed on a ceasefire," Sergey Lavrov said.',
  },
  {
    id: 'p2',
    title: 'Harbour reopens',
    text: 'Maria Lindqvist opened the harbour in Rotterdam.\n\n"Ships return in May," Maria Lindqvist said.',
  },
];

/** The CLI's pack of DOCS, with one mention no extraction gives ("harbour" as Rotterdam): only a pack taken as it is keeps it. */
function cliPack(generator = packGenerator('dossier-cli 0.1.0')): Pack {
  const pack = buildPack(DOCS, { lexicon: defaultLexicon, generator });
  const text = DOCS[1]!.text;
  const at = text.indexOf('harbour');
  pack.mentions.push({ entityId: 'rotterdam', docId: 'p2', start: at, end: at + 'harbour'.length });
  pack.mentions.sort((a, b) => (a.docId === b.docId ? a.start - b.start : a.docId < b.docId ? -1 : 1));
  return pack;
}

const rows = (pack: Pack, docs: ReadonlySet<string>) =>
  pack.mentions
    .filter((m) => docs.has(m.docId))
    .map((m) => `${m.docId} ${m.start}-${m.end} ${m.entityId}`)
    .sort();

describe('packs as they are', () => {
  it("matches a generator naming this build's extraction pipeline, and only that", () => {
    expect(extractedAsToday(packGenerator('dossier-cli 0.1.0'))).toBe(true);
    expect(extractedAsToday(`dossier-build 0.1.0 ${EXTRACTION_PIPELINE}`)).toBe(true);
    expect(extractedAsToday('dossier-cli 0.1.0')).toBe(false);
    expect(extractedAsToday('dossier-import 0.1.0')).toBe(false);
    expect(extractedAsToday(`dossier-cli 0.1.0 ${EXTRACTION_PIPELINE}0`)).toBe(false);
  });

  it("joins a pack of this build's extraction as one segment, exactly as the pack has it, without extraction", async () => {
    const { store, deps } = await setup();
    const before = await store.readManifest();
    const pack = cliPack();
    const result = await runImport({ docs: [], packs: [pack] }, deps);
    expect(result.packs).toEqual([{ generator: pack.generator, added: 2, asIs: true }]);
    expect((await store.lastImport())?.packs).toEqual(result.packs);
    const after = await store.readManifest();
    expect(after!.manifest.segments.slice(0, -1)).toEqual(before!.manifest.segments);
    expect(after!.segments.at(-1)!.docIds).toEqual(['p1', 'p2']);
    const stored = (await store.readActive())!.pack;
    const docs = new Set(['p1', 'p2']);
    // The made-up mention is there: the pack's rows were kept, not extracted again.
    expect(rows(stored, docs)).toEqual(rows(pack, docs));
    expect(stored.quotes.filter((q) => docs.has(q.docId))).toEqual(pack.quotes);
    // The state learnt the pack's names, and no extraction counted its words.
    const state = after!.manifest.extraction;
    expect(state.capitalization).toEqual(before!.manifest.extraction.capitalization);
    expect(state.entities.ids).toEqual(expect.arrayContaining(['sergey-lavrov', 'maria-lindqvist']));
  });

  it('extracts again a pack another version made, and says so', async () => {
    const { store, deps } = await setup();
    const pack = cliPack('dossier-cli 0.1.0');
    const result = await runImport({ docs: [], packs: [pack] }, deps);
    expect(result.packs).toEqual([{ generator: 'dossier-cli 0.1.0', added: 2, asIs: false }]);
    const stored = (await store.readActive())!.pack;
    const text = DOCS[1]!.text;
    const made = stored.mentions.find((m) => m.docId === 'p2' && text.slice(m.start, m.end) === 'harbour');
    expect(made).toBeUndefined();
    expect(stored.mentions.filter((m) => m.docId === 'p1').length).toBeGreaterThan(0);
  });

  it("joins the pack's entities to the corpus's: same id keeps the corpus's name, type and user fields, gains aliases", async () => {
    const { store, deps } = await setup();
    const pack = cliPack();
    const berg = pack.entities.find((e) => e.id === 'tom-berg')!;
    berg.name = 'Thomas Berg';
    berg.type = 'organization';
    berg.aliases.push('T. Berg');
    await runImport({ docs: [], packs: [pack] }, deps);
    const stored = (await store.readActive())!.pack;
    const mine = stored.entities.filter((e) => e.id === 'tom-berg');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ name: 'Tom Berg', type: 'person' });
    expect(mine[0]!.aliases).toEqual(expect.arrayContaining(['Tom Berg', 'Berg', 'T. Berg']));
    // New entities are appended; the user's keep their places.
    const before = makeTestPack().entities.map((e) => e.id);
    expect(stored.entities.slice(0, before.length).map((e) => e.id)).toEqual(before);
    expect(stored.entities.map((e) => e.id)).toContain('sergey-lavrov');
  });

  it("applies the user's edit log to what the pack brings, and leaves out what is already in the corpus", async () => {
    const { store, deps } = await setup();
    const edits: Edit[] = [
      { op: 'hide', entityId: 'tom-berg' },
      { op: 'rename', entityId: 'tom-berg', name: 'Tommy Berg' },
    ];
    const logged: LoggedEdit[] = edits.map((e, i) => ({ ...e, id: `x-${i}`, at: '2026-01-01T00:00:00.000Z' }));
    await store.withWriteLock(async () => {
      const active = (await store.readActive())!.pack;
      await store.write(active, { log: { append: logged } });
    });
    const pack = cliPack();
    const first = await runImport({ docs: [], packs: [{ ...pack, documents: pack.documents.slice(0, 1) }] }, deps);
    expect(first.added).toBe(1);
    const result = await runImport({ docs: [], packs: [pack] }, deps);
    expect(result).toMatchObject({ added: 1, packs: [{ added: 1, asIs: true }] });
    expect(result.skipped[0]).toMatch(/p1/);
    const stored = (await store.readActive())!.pack;
    expect(stored.documents.filter((d) => d.id === 'p1')).toHaveLength(1);
    const berg = stored.entities.find((e) => e.id === 'tom-berg')!;
    expect(berg).toMatchObject({ name: 'Tommy Berg', hidden: true });
  });

  it('links articles pasted later to the pack\'s entities ("Lavrov" joins "Sergey Lavrov")', async () => {
    const { store, deps } = await setup();
    await runImport({ docs: [], packs: [cliPack()] }, deps);
    await runImport(
      {
        docs: [{ id: 'a9', title: 'Lavrov again', text: 'On Tuesday Lavrov spoke to reporters in Moscow.' }],
        packs: [],
      },
      deps,
    );
    const stored = (await store.readActive())!.pack;
    const text = stored.documents.find((d) => d.id === 'a9')!.text;
    const lavrov = stored.mentions.find((m) => m.docId === 'a9' && text.slice(m.start, m.end) === 'Lavrov');
    expect(lavrov?.entityId).toBe('sergey-lavrov');
    // What a full extraction of the same article alone would not know.
    const alone = extractKnowledge([stored.documents.find((d) => d.id === 'a9')!], defaultLexicon);
    expect(alone.entities.find((e) => e.aliases.includes('Lavrov'))?.id).not.toBe('sergey-lavrov');
  });
});
