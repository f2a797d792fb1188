// Edits written as manifest changes (CorpusStore.amend) read exactly as the
// full rewrite of the same edits: same documents, entities, mentions, quotes,
// speakers and search hits, on a corpus of a few segments.
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultLexicon } from '../corpus/lexicon';
import { runImport } from '../import/run-import';
import type { Pack } from '../pack/types';
import type { Edit } from './types';
import { CorpusQuery } from '../query/corpus-query';
import { makeTestPack } from '../query/test-pack';
import { CorpusStore } from '../store/corpus-store';
import { localLock } from '../store/lock';
import { CorpusEditor } from './corpus-editor';
import { storeEditorDeps } from './store-deps';

let n = 0;
const bundled = () => Promise.resolve(makeTestPack());

const batches = [
  [
    {
      id: 'a1',
      title: 'Rubio in Quito',
      text: 'Marco Rubio arrived in Quito on Monday with Ana Ruiz.\n\n"The talks went well," Rubio said. Ruiz agreed. Secretary Rubio left at noon.',
    },
    {
      id: 'a2',
      title: 'Ruiz in Lima',
      text: 'Ana Ruiz flew to Lima on Tuesday.\n\n"We are close," Ruiz said. Tom Berg stayed in Quito with SecRubio.',
    },
  ],
  [
    {
      id: 'a3',
      title: 'Talks resume',
      text: 'Talks resumed in Quito on Friday. Tom Berg and Ana Ruiz met again.\n\n"It is done," Berg said. SecRubio agreed.',
    },
  ],
  [
    {
      id: 'a4',
      title: 'Jane Hollis in Bogota',
      text: 'Jane Hollis met Marco Rubio in Bogota.\n\n"We will sign on Monday," Hollis said.',
    },
  ],
];

async function segmentedStore(): Promise<CorpusStore> {
  const store = await CorpusStore.open({ name: `amend-${n++}`, lock: localLock() });
  await store.commit(makeTestPack());
  for (const docs of batches)
    await runImport({ docs, packs: [] }, { store, loadBundled: bundled, lexicon: defaultLexicon, generator: 'test' });
  return store;
}

const noop = () => Promise.resolve();

/** Two stores with the same corpus of four segments: one edited by manifest changes, one by full rewrites. */
async function pair() {
  const [a, b] = await Promise.all([segmentedStore(), segmentedStore()]);
  const amended = new CorpusEditor(storeEditorDeps(() => Promise.resolve(a), bundled, noop));
  const rewrite = storeEditorDeps(() => Promise.resolve(b), bundled, noop);
  delete rewrite.amend; // always the full rewrite
  const rewritten = new CorpusEditor(rewrite);
  return { a, b, amended, rewritten };
}

/** A pack in a form that does not depend on the order rows were stored in. */
function normal(pack: Pack) {
  const byId = <T extends { id: string }>(xs: readonly T[]) => [...xs].sort((x, y) => (x.id < y.id ? -1 : 1));
  return {
    documents: byId(pack.documents),
    passages: byId(pack.passages),
    entities: byId(pack.entities),
    mentions: pack.mentions.map((m) => `${m.docId} ${m.start}-${m.end} ${m.entityId}`).sort(),
    quotes: byId(pack.quotes),
  };
}

const QUERIES = ['Rubio', 'SecRubio', 'Ruiz', 'talks', 'Quito', 'Monday', 'Hollis', 'sign', 'Berg', 'Lima'];

/** What a reader sees: search hits per query (ids, in any order) and every entity's card lists. */
async function answers(store: CorpusStore) {
  const corpus = new CorpusQuery((await store.openActive())!.parts);
  const pack = (await store.readActive())!.pack;
  const search: Record<string, string[]> = {};
  for (const q of QUERIES) search[q] = (await corpus.search(q)).hits.map((h) => h.id).sort();
  const cards: Record<string, unknown> = {};
  for (const e of pack.entities) {
    const card = await corpus.card(e.id);
    cards[e.id] = {
      quotes: card.quotes.map((q) => q.text).sort(),
      statements: card.statements.map((q) => q.text).sort(),
      totals: card.totals,
    };
  }
  return { search, cards };
}

/** The amended store reads as the rewritten one, and its recorded counts are the true ones. */
async function expectSame(a: CorpusStore, b: CorpusStore): Promise<Pack> {
  const [pa, pb] = [(await a.readActive())!.pack, (await b.readActive())!.pack];
  expect(normal(pa)).toEqual(normal(pb));
  expect(await answers(a)).toEqual(await answers(b));
  const counts = (p: Pack) => ({
    documents: p.documents.length,
    passages: p.passages.length,
    entities: p.entities.length,
    mentions: p.mentions.length,
    quotes: p.quotes.length,
  });
  expect((await a.status()).counts).toEqual(counts(pa));
  expect((await b.status()).counts).toEqual(counts(pb));
  expect((await a.readEdits()).map((e) => e.op)).toEqual((await b.readEdits()).map((e) => e.op));
  return pa;
}

const segmentsOf = async (store: CorpusStore) => (await store.readManifest())!.manifest.segments;

describe('edits as manifest changes (CorpusStore.amend)', () => {
  it('reads as the full rewrite after each entity edit, and leaves every segment as it was', async () => {
    const { a, b, amended, rewritten } = await pair();
    const segments = await segmentsOf(a);
    const edits: Edit[] = [
      { op: 'rename', entityId: 'tom-berg', name: 'Thomas Berg' },
      { op: 'type', entityId: 'quito', type: 'organization' },
      { op: 'hide', entityId: 'ana-ruiz' },
      { op: 'unhide', entityId: 'lima' },
      { op: 'alias+', entityId: 'jane-hollis', alias: 'J. Hollis' },
      { op: 'merge', from: 'secrubio', into: 'marco-rubio' },
    ];
    for (const edit of edits) {
      await amended.apply([edit]);
      await rewritten.apply([edit]);
      const pack = await expectSame(a, b);
      expect(await segmentsOf(a)).toEqual(segments);
      if (edit.op === 'merge') {
        expect(pack.entities.map((e) => e.id)).not.toContain('secrubio');
        expect(pack.mentions.filter((m) => m.entityId === 'marco-rubio').map((m) => m.docId)).toContain('a3');
      }
    }
    expect((await a.readManifest())!.manifest.redirects).toEqual({ secrubio: 'marco-rubio' });
  });

  it('follows merge chains, merge-then-rename and rename-then-merge, and a merge back (no cycle)', async () => {
    const { a, b, amended, rewritten } = await pair();
    const steps: Edit[][] = [
      [{ op: 'rename', entityId: 'secrubio', name: 'Sec. Rubio' }],
      [{ op: 'merge', from: 'secrubio', into: 'marco-rubio' }],
      [{ op: 'merge', from: 'marco-rubio', into: 'jane-hollis' }],
      [{ op: 'rename', entityId: 'secrubio', name: 'Jane H.' }],
      [{ op: 'merge', from: 'jane-hollis', into: 'secrubio' }],
      [
        { op: 'type', entityId: 'marco-rubio', type: 'organization' },
        { op: 'merge', from: 'quito', into: 'bogota' },
        { op: 'hide', entityId: 'quito' },
      ],
    ];
    for (const step of steps) {
      await amended.apply(step);
      await rewritten.apply(step);
      await expectSame(a, b);
    }
    const manifest = (await a.readManifest())!.manifest;
    expect(manifest.redirects).toEqual({ secrubio: 'jane-hollis', 'marco-rubio': 'jane-hollis', quito: 'bogota' });
  });

  it('deletes documents as tombstones, drops the entities only they named, and undoes it, also after a restart', async () => {
    const { a, b, amended, rewritten } = await pair();
    const segments = await segmentsOf(a);
    await amended.apply([{ op: 'merge', from: 'secrubio', into: 'marco-rubio' }]);
    await rewritten.apply([{ op: 'merge', from: 'secrubio', into: 'marco-rubio' }]);
    // a4 alone names Jane Hollis and Bogota; Marco Rubio stays (a1).
    const tokenA = await amended.deleteDocuments(['a4']);
    const tokenB = await rewritten.deleteDocuments(['a4']);
    const pack = await expectSame(a, b);
    expect(pack.entities.map((e) => e.id)).not.toContain('jane-hollis');
    expect((await a.readManifest())!.manifest.deleted).toEqual(['a4']);
    expect(await segmentsOf(a)).toEqual(segments);
    await amended.deleteDocuments(['a2', 'a3']);
    await rewritten.deleteDocuments(['a2', 'a3']);
    await expectSame(a, b);
    // A worker restart: a new editor knows nothing of the deletion but the manifest does.
    const restarted = new CorpusEditor(storeEditorDeps(() => Promise.resolve(a), bundled, noop));
    await restarted.undoDelete(tokenA);
    await rewritten.undoDelete(tokenB);
    const back = await expectSame(a, b);
    expect(back.entities.find((e) => e.id === 'jane-hollis')?.name).toBe('Jane Hollis');
    expect((await a.readManifest())!.manifest.deleted.sort()).toEqual(['a2', 'a3']);
    await expect(restarted.undoDelete(tokenA)).rejects.toThrow(/import the article again/);
  });

  it('says undo is no longer possible once a merge of segments dropped the deleted document for good', async () => {
    const { a, amended } = await pair();
    const token = await amended.deleteDocuments(['a1']);
    await a.withWriteLock(() => a.mergeSmallSegments({ factor: 2 }));
    expect(await segmentsOf(a)).toHaveLength(1);
    const restarted = new CorpusEditor(storeEditorDeps(() => Promise.resolve(a), bundled, noop));
    await expect(restarted.undoDelete(token)).rejects.toThrow(/import the article again/);
    expect((await a.readActive())!.pack.documents.map((d) => d.id)).not.toContain('a1');
    expect((await a.readEdits()).map((e) => e.op)).toEqual(['docDelete']);
  });

  it('rewrites the corpus to remove an alias (its mentions go), and after that reads as the rewrite still', async () => {
    const { a, b, amended, rewritten } = await pair();
    const segments = await segmentsOf(a);
    const edit: Edit = { op: 'alias-', entityId: 'tom-berg', alias: 'Berg' };
    await amended.apply([edit]);
    await rewritten.apply([edit]);
    await expectSame(a, b);
    expect(await segmentsOf(a)).not.toEqual(segments);
    // A merge after an alias removal is rewritten too (the rule drops the merged entity's mentions of it).
    await amended.apply([{ op: 'merge', from: 'secrubio', into: 'tom-berg' }]);
    await rewritten.apply([{ op: 'merge', from: 'secrubio', into: 'tom-berg' }]);
    await expectSame(a, b);
  });

  it('links a later import to the merged entity, keeps the redirects through it and through a merge of segments', async () => {
    const { a, b, amended, rewritten } = await pair();
    await amended.apply([{ op: 'merge', from: 'secrubio', into: 'marco-rubio' }]);
    await rewritten.apply([{ op: 'merge', from: 'secrubio', into: 'marco-rubio' }]);
    const later = {
      id: 'a5',
      title: 'Rubio again',
      text: 'SecRubio met Ana Ruiz in Lima.\n\n"We are ready," Rubio said.',
    };
    for (const store of [a, b])
      await runImport(
        { docs: [later], packs: [] },
        { store, loadBundled: bundled, lexicon: defaultLexicon, generator: 'test' },
      );
    const pack = await expectSame(a, b);
    expect(new Set(pack.mentions.filter((m) => m.docId === 'a5').map((m) => m.entityId))).toContain('marco-rubio');
    expect(pack.mentions.filter((m) => m.docId === 'a5').map((m) => m.entityId)).not.toContain('secrubio');
    expect((await a.readManifest())!.manifest.redirects).toEqual({ secrubio: 'marco-rubio' });
    await a.withWriteLock(() => a.mergeSmallSegments({ factor: 2 }));
    await expectSame(a, b);
  });

  it('exports the edited corpus', async () => {
    const { a, b, amended, rewritten } = await pair();
    for (const [editor, store] of [
      [amended, a],
      [rewritten, b],
    ] as const) {
      await editor.apply([{ op: 'merge', from: 'secrubio', into: 'marco-rubio' }]);
      await editor.deleteDocuments(['a4']);
      const file = (await store.readActiveFile())!;
      expect(file.documents.map((d) => d.id)).not.toContain('a4');
    }
    const [fa, fb] = [(await a.readActiveFile())!, (await b.readActiveFile())!];
    expect(fa.entities.map((e) => e.id).sort()).toEqual(fb.entities.map((e) => e.id).sort());
    expect(fa.documents.map((d) => d.id).sort()).toEqual(fb.documents.map((d) => d.id).sort());
  });
});

const ENTITY_IDS = ['ana-ruiz', 'tom-berg', 'lima', 'marco-rubio', 'quito', 'secrubio', 'jane-hollis', 'bogota'];
const DOC_IDS = ['d1', 'd2', 'a1', 'a2', 'a3', 'a4'];
const entityId = fc.constantFrom(...ENTITY_IDS);

/** One user action: an edit, deleting documents, or undoing the last deletion. */
const actionArb = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({ op: fc.constant('rename' as const), entityId, name: fc.constantFrom('X', 'Rubio', 'Berg') }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('type' as const),
      entityId,
      type: fc.constantFrom('person' as const, 'organization' as const),
    }),
  },
  { weight: 3, arbitrary: fc.record({ op: fc.constantFrom('hide' as const, 'unhide' as const), entityId }) },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('alias+' as const),
      entityId,
      alias: fc.constantFrom('Rubio', 'Sec', 'Hollis'),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant('alias-' as const), entityId, alias: fc.constantFrom('Rubio', 'Ruiz') }),
  },
  { weight: 8, arbitrary: fc.record({ op: fc.constant('merge' as const), from: entityId, into: entityId }) },
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant('delete' as const),
      docs: fc.subarray(DOC_IDS, { minLength: 1, maxLength: 2 }),
    }),
  },
  { weight: 2, arbitrary: fc.constant({ op: 'undo' as const }) },
);

describe('amended and rewritten corpora (property)', () => {
  it('read the same after any sequence of edits, deletions and undos', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(actionArb, { minLength: 1, maxLength: 6 }), async (actions) => {
        const { a, b, amended, rewritten } = await pair();
        const tokens: [string, string][] = [];
        for (const action of actions) {
          if (action.op === 'delete') {
            tokens.push([await amended.deleteDocuments(action.docs), await rewritten.deleteDocuments(action.docs)]);
          } else if (action.op === 'undo') {
            const last = tokens.pop();
            if (!last) continue;
            const [ra, rb] = await Promise.allSettled([amended.undoDelete(last[0]), rewritten.undoDelete(last[1])]);
            expect(ra.status).toBe(rb.status);
          } else {
            await amended.apply([action]);
            await rewritten.apply([action]);
          }
        }
        await expectSame(a, b);
        a.close();
        b.close();
      }),
      { numRuns: 15 },
    );
  }, 120_000);
});
