// A subscription's version as one segment swap (swap-layer.ts) reads exactly as
// the full rewrite it replaces (layer.ts through CorpusEditor.rewrite): same
// documents, entities, mentions, quotes, counts, search hits and cards, after a
// first version, a new one, the user's edits and unsubscribing; the other
// segments are never rewritten; a failed swap leaves the last good version.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { defaultLexicon } from '../corpus/lexicon';
import { CorpusEditor } from '../edits/corpus-editor';
import { storeEditorDeps } from '../edits/store-deps';
import type { Edit } from '../edits/types';
import { packGenerator } from '../import/pack-segment';
import { runImport } from '../import/run-import';
import { buildPack } from '../pack/build';
import { toPackFile } from '../pack/file';
import type { Pack } from '../pack/types';
import { CorpusQuery } from '../query/corpus-query';
import { makeTestPack } from '../query/test-pack';
import { CorpusStore } from '../store/corpus-store';
import { localLock } from '../store/lock';
import { SubscriptionManager } from './subscription-manager';
import { swapLayer } from './swap-layer';
import type { Subscription } from './types';

const URL_ = 'https://news.example/pack.json';
const bundled = () => Promise.resolve(makeTestPack());
const noop = () => Promise.resolve();
let n = 0;

const ARTICLES = {
  n1: {
    id: 'n1',
    title: 'Talks in Geneva',
    text: 'Sergey Lavrov met Ana Ruiz in Geneva on Friday.\n\n"We agreed on a ceasefire," Sergey Lavrov said. Geneva was quiet.',
  },
  n2: {
    id: 'n2',
    title: 'Harbour reopens',
    text: 'Maria Lindqvist opened the harbour in Rotterdam on Monday.\n\n"Ships return in May," Maria Lindqvist said. Tom Berg agreed.',
  },
  n3: {
    id: 'n3',
    title: 'Talks in Vienna',
    text: 'Sergey Lavrov flew to Vienna on Sunday with Maria Lindqvist.\n\n"The ceasefire holds," Sergey Lavrov said.',
  },
};

/** A pack as the command-line tool builds it (its generator names this build's extraction). */
function publish(ids: (keyof typeof ARTICLES)[], createdAt: string): Pack {
  return buildPack(
    ids.map((id) => ARTICLES[id]),
    { lexicon: defaultLexicon, generator: packGenerator('dossier-cli 0.1.0'), now: new Date(createdAt) },
  );
}

/** A user corpus of two segments (the test pack, then two pasted articles). */
async function userStore(verify?: () => void): Promise<CorpusStore> {
  const store = await CorpusStore.open({ name: `swap-${n++}`, lock: localLock(), ...(verify ? { verify } : {}) });
  await store.commit(makeTestPack());
  await runImport(
    {
      docs: [
        {
          id: 'u1',
          title: 'Ruiz in Quito',
          text: 'Ana Ruiz arrived in Quito on Monday.\n\n"The talks went well," Ruiz said. Geneva was mentioned.',
        },
      ],
      packs: [],
    },
    { store, loadBundled: bundled, lexicon: defaultLexicon, generator: 'test' },
  );
  return store;
}

/** Two stores with the same user corpus and one served pack: `a` swaps segments, `b` rewrites the corpus. */
async function pair(options: { verify?: () => void } = {}) {
  const served = { body: '' };
  const fakeFetch = (): Promise<Response> => Promise.resolve(new Response(served.body, { status: 200 }));
  const [a, b] = await Promise.all([userStore(options.verify), userStore()]);
  const subs = { a: [] as Subscription[], b: [] as Subscription[] };
  const managerOf = (which: 'a' | 'b', deps: Partial<ConstructorParameters<typeof SubscriptionManager>[0]>) =>
    new SubscriptionManager({
      load: () => Promise.resolve(subs[which].map((s) => ({ ...s }))),
      save: (list) => {
        subs[which] = [...list];
        return Promise.resolve();
      },
      rewrite: () => Promise.reject(new Error('no rewrite expected')),
      fetch: fakeFetch,
      ...deps,
    });
  const rewriting = new CorpusEditor(storeEditorDeps(() => Promise.resolve(b), bundled, noop));
  const swapped = managerOf('a', {
    swap: async (id, pack) => void (await swapLayer(a, id, pack, { lexicon: defaultLexicon, loadBundled: bundled })),
  });
  const rewritten = managerOf('b', { rewrite: (fn) => rewriting.rewrite(fn) });
  const editors = {
    a: new CorpusEditor(storeEditorDeps(() => Promise.resolve(a), bundled, noop)),
    b: rewriting,
  };
  const serve = (pack: Pack) => (served.body = JSON.stringify(toPackFile(pack)));
  return { a, b, swapped, rewritten, editors, serve, subs };
}

/** A pack in a form that does not depend on the order rows were stored in. */
function normal(pack: Pack) {
  const byId = <T extends { id: string }>(xs: readonly T[]) => [...xs].sort((x, y) => (x.id < y.id ? -1 : 1));
  return {
    documents: byId(pack.documents),
    passages: byId(pack.passages),
    entities: byId(pack.entities).map((e) => ({ ...e, aliases: [...e.aliases].sort() })),
    mentions: pack.mentions.map((m) => `${m.docId} ${m.start}-${m.end} ${m.entityId}`).sort(),
    quotes: byId(pack.quotes),
  };
}

const QUERIES = ['Lavrov', 'Ruiz', 'ceasefire', 'Geneva', 'harbour', 'Vienna', 'Berg', 'Lindqvist'];

async function answers(store: CorpusStore) {
  const corpus = new CorpusQuery((await store.openActive())!.parts);
  const pack = (await store.readActive())!.pack;
  const search: Record<string, string[]> = {};
  for (const q of QUERIES) search[q] = (await corpus.search(q)).hits.map((h) => h.id).sort();
  const cards: Record<string, unknown> = {};
  for (const e of pack.entities) {
    const card = await corpus.card(e.id);
    cards[e.id] = { quotes: card.quotes.map((q) => q.text).sort(), totals: card.totals };
  }
  return { search, cards };
}

/** The swapped store reads as the rewritten one, and its recorded counts are the true ones. */
async function expectSame(a: CorpusStore, b: CorpusStore): Promise<Pack> {
  const [pa, pb] = [(await a.readActive())!.pack, (await b.readActive())!.pack];
  expect(normal(pa)).toEqual(normal(pb));
  expect(await answers(a)).toEqual(await answers(b));
  expect((await a.status()).counts).toEqual({
    documents: pa.documents.length,
    passages: pa.passages.length,
    entities: pa.entities.length,
    mentions: pa.mentions.length,
    quotes: pa.quotes.length,
  });
  return pa;
}

/** The active manifest's segments with their source tags. */
async function segments(store: CorpusStore) {
  return (await store.readManifest())!.segments.map((s) => ({ id: s.id, source: s.source, docs: s.docIds }));
}

describe('a subscription as one segment', () => {
  it('adds, replaces and removes the layer as the full rewrite does, never rewriting the user segments', async () => {
    const { a, b, swapped, rewritten, serve } = await pair();
    const user = await segments(a);
    expect(user.every((s) => s.source === undefined)).toBe(true);

    serve(publish(['n1', 'n2'], '2026-01-01T00:00:00.000Z'));
    const sub = await swapped.add(URL_);
    await rewritten.add(URL_);
    expect(sub.lastError).toBeUndefined();
    let pack = await expectSame(a, b);
    expect(pack.documents.map((d) => d.id)).toContain(`${sub.id}/n1`);
    const v1 = await segments(a);
    expect(v1.slice(0, user.length)).toEqual(user);
    expect(v1).toHaveLength(user.length + 1);
    expect(v1.at(-1)).toMatchObject({ source: sub.id, docs: [`${sub.id}/n1`, `${sub.id}/n2`] });

    // v2: n1 leaves (and "Sergey Lavrov"'s Geneva talks with it), n3 comes.
    serve(publish(['n2', 'n3'], '2026-02-01T00:00:00.000Z'));
    expect((await swapped.check(sub.id)).documentCount).toBe(2);
    await rewritten.check(sub.id);
    pack = await expectSame(a, b);
    expect(pack.documents.map((d) => d.id)).not.toContain(`${sub.id}/n1`);
    const v2 = await segments(a);
    expect(v2.slice(0, user.length)).toEqual(user);
    expect(v2).toHaveLength(user.length + 1);
    expect(v2.at(-1)).toMatchObject({ source: sub.id, docs: [`${sub.id}/n2`, `${sub.id}/n3`] });
    expect(v2.at(-1)!.id).not.toBe(v1.at(-1)!.id);

    await swapped.remove(sub.id);
    await rewritten.remove(sub.id);
    pack = await expectSame(a, b);
    expect(pack.documents.some((d) => d.id.startsWith(`${sub.id}/`))).toBe(false);
    expect(pack.entities.map((e) => e.id)).not.toContain('maria-lindqvist');
    expect(await segments(a)).toEqual(user);
  });

  it("keeps the user's edits of subscribed entities and deleted documents across versions", async () => {
    const { a, b, swapped, rewritten, serve, editors } = await pair();
    serve(publish(['n1', 'n2'], '2026-01-01T00:00:00.000Z'));
    const sub = await swapped.add(URL_);
    await rewritten.add(URL_);
    const edits: Edit[] = [
      { op: 'rename', entityId: 'sergey-lavrov', name: 'S. V. Lavrov' },
      { op: 'hide', entityId: 'maria-lindqvist' },
      { op: 'merge', from: 'rotterdam', into: 'lima' },
    ];
    for (const edits_ of [editors.a, editors.b]) await edits_.apply(edits);
    await editors.a.deleteDocuments([`${sub.id}/n2`]);
    await editors.b.deleteDocuments([`${sub.id}/n2`]);
    await expectSame(a, b);

    serve(publish(['n1', 'n2', 'n3'], '2026-02-01T00:00:00.000Z'));
    await swapped.check(sub.id);
    await rewritten.check(sub.id);
    const pack = await expectSame(a, b);
    const byId = new Map(pack.entities.map((e) => [e.id, e]));
    expect(byId.get('sergey-lavrov')?.name).toBe('S. V. Lavrov');
    expect(byId.get('maria-lindqvist')?.hidden).toBe(true);
    expect(byId.has('rotterdam')).toBe(false);
    expect(pack.documents.map((d) => d.id)).not.toContain(`${sub.id}/n2`);
    expect(pack.documents.map((d) => d.id)).toContain(`${sub.id}/n3`);
  });

  it('leaves the last good version active when the swap fails to verify', async () => {
    let fail = false;
    const verify = () => {
      if (fail) throw new Error('re-read check failed');
    };
    const { a, swapped, serve } = await pair({ verify });
    serve(publish(['n1', 'n2'], '2026-01-01T00:00:00.000Z'));
    const sub = await swapped.add(URL_);
    const before = (await a.status()).generation;
    const pack = (await a.readActive())!.pack;
    fail = true;
    serve(publish(['n2', 'n3'], '2026-02-01T00:00:00.000Z'));
    const after = await swapped.check(sub.id);
    expect(after.lastError).toMatch(/re-read check failed/);
    expect(after.version?.createdAt).toBe('2026-01-01T00:00:00.000Z');
    expect((await a.status()).generation).toBe(before);
    expect(normal((await a.readActive())!.pack)).toEqual(normal(pack));
    fail = false;
    await a.collectGarbage();
    expect((await swapped.check(sub.id)).lastError).toBeUndefined();
    expect((await a.readActive())!.pack.documents.map((d) => d.id)).toContain(`${sub.id}/n3`);
  });

  it("never merges a subscription's segment with the user's, so a swap removes exactly its documents", async () => {
    const { a, swapped, serve } = await pair();
    serve(publish(['n1'], '2026-01-01T00:00:00.000Z'));
    const sub = await swapped.add(URL_);
    // Ten one-article segments after it: a run the merge policy takes, with the layer's in the middle.
    for (let i = 0; i < 10; i++)
      await runImport(
        {
          docs: [{ id: `x${i}`, title: `Note ${i}`, text: `Ana Ruiz wrote note number ${i} about Quito.` }],
          packs: [],
        },
        { store: a, loadBundled: bundled, lexicon: defaultLexicon, generator: 'test' },
      );
    expect(await a.mergeWhenIdle()).not.toBeNull();
    const merged = await segments(a);
    const own = merged.filter((s) => s.source === sub.id);
    expect(own).toEqual([expect.objectContaining({ docs: [`${sub.id}/n1`] })]);
    expect(merged.filter((s) => s.docs.some((d) => d.startsWith(`${sub.id}/`)))).toHaveLength(1);
    await swapped.remove(sub.id);
    const ids = (await a.readActive())!.pack.documents.map((d) => d.id);
    expect(ids.filter((d) => d.startsWith('x'))).toHaveLength(10);
    expect(ids.some((d) => d.startsWith(`${sub.id}/`))).toBe(false);
  });

  it('removes a layer a full rewrite put inside a user segment (tombstones), and shadows documents the new version brings again', async () => {
    const { a, b, swapped, rewritten, serve, editors } = await pair();
    serve(publish(['n1', 'n2'], '2026-01-01T00:00:00.000Z'));
    const sub = await swapped.add(URL_);
    await rewritten.add(URL_);
    // A metadata edit is a full rewrite: every document, the layer's too, in one untagged segment.
    const edit: Edit = { op: 'docMeta', docId: 'd1', change: { title: 'Talks in Lima, again' } };
    await editors.a.apply([edit]);
    await editors.b.apply([edit]);
    expect((await segments(a)).every((s) => s.source === undefined)).toBe(true);
    serve(publish(['n2', 'n3'], '2026-02-01T00:00:00.000Z'));
    await swapped.check(sub.id);
    await rewritten.check(sub.id);
    await expectSame(a, b);
    await swapped.remove(sub.id);
    await rewritten.remove(sub.id);
    await expectSame(a, b);
  });

  it('learns the pack without extracting it: later articles link to its entities', async () => {
    const { a, swapped, serve } = await pair();
    const before = (await a.readManifest())!.manifest.extraction;
    serve(publish(['n1', 'n3'], '2026-01-01T00:00:00.000Z'));
    await swapped.add(URL_);
    const state = (await a.readManifest())!.manifest.extraction;
    // No extraction ran: the capitalisation counts (every extraction adds its documents' words) are untouched.
    expect(state.capitalization).toEqual(before.capitalization);
    expect(state.documents).toBe(before.documents + 2);
    expect(state.entities.ids).toContain('sergey-lavrov');
    // A bare "Lavrov" in a pasted article joins the pack's "Sergey Lavrov".
    await runImport(
      {
        docs: [{ id: 'p1', title: 'Lavrov again', text: 'On Tuesday Lavrov spoke to reporters in Moscow.' }],
        packs: [],
      },
      { store: a, loadBundled: bundled, lexicon: defaultLexicon, generator: 'test' },
    );
    const pack = (await a.readActive())!.pack;
    const text = pack.documents.find((d) => d.id === 'p1')!.text;
    const mention = pack.mentions.find((m) => m.docId === 'p1' && text.slice(m.start, m.end) === 'Lavrov');
    expect(mention?.entityId).toBe('sergey-lavrov');
  });
});
