// A streamed import commits batch by batch; whatever stops it, the corpus holds exactly the
// committed batches and the recorded status says how many of the file's articles that is.
import 'fake-indexeddb/auto';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { defaultLexicon } from '../corpus/lexicon';
import { makeTestPack } from '../query/test-pack';
import { CorpusStore } from '../store/corpus-store';
import { HeldParts } from '../store/held-parts';
import { localLock } from '../store/lock';
import type { ImportStatus } from '../store/types';
import { lastImportText } from '../ui/storage/StoragePanel';
import { ExtractPool, type WorkerLike } from './extract-pool';
import { settleStreamRun } from './run-status';
import { runStreamImport, StreamImportError, type StreamDeps, type StreamProgress } from './stream-run';
import { fakeWorker } from './test-extract-worker';

let n = 0;
/** `parts`: the worker's held parts (lib/store/held-parts.ts), shared by both connections as there. */
async function setup(parts?: HeldParts) {
  const name = `stream-run-${n++}`;
  const store = await CorpusStore.open({ name, lock: localLock(), ...(parts ? { held: parts } : {}) });
  const held = await CorpusStore.open({ name, lock: (fn) => fn(true), ...(parts ? { held: parts } : {}) });
  const progress: StreamProgress[] = [];
  const deps: StreamDeps = {
    store,
    held,
    loadBundled: () => Promise.resolve(makeTestPack()),
    lexicon: defaultLexicon,
    generator: 'test',
    runId: 'run-1',
    reader: { batchDocuments: 4 },
    onProgress: (_p, s) => progress.push(s),
  };
  return { store, deps, progress };
}

const names = ['Ana Ruiz', 'Tom Berg', 'Lena Fischer', 'Omar Haddad', 'Mei Tanaka'];
const article = (i: number) =>
  JSON.stringify({
    id: `s${i}`,
    title: `Report ${i}`,
    text: `${names[i % 5]} met ${names[(i + 2) % 5]} in Lima on day ${i}.\n"We agreed on point ${i}," ${names[i % 5]} said.`,
  });
/** JSON with typed arrays written as their type and values (the extraction state holds some). */
const typedArrays = (_k: string, v: unknown) =>
  ArrayBuffer.isView(v) ? { [v.constructor.name]: Array.from(v as unknown as ArrayLike<number>) } : v;
const jsonl = (count: number, extra: string[] = []) =>
  new TextEncoder().encode([...Array.from({ length: count }, (_, i) => article(i)), ...extra].join('\n'));

async function ids(store: CorpusStore): Promise<string[]> {
  return (await store.readActive())!.pack.documents.map((d) => d.id).filter((id) => id.startsWith('s'));
}

describe('runStreamImport', () => {
  it('commits a .jsonl.gz batch by batch and records the whole run', async () => {
    const { store, deps, progress } = await setup();
    const gz = gzipSync(jsonl(10, ['not json']));
    const result = await runStreamImport({ files: [{ name: 'feed.jsonl.gz', blob: new Blob([gz]) }] }, deps);
    expect(result).toMatchObject({ added: 10, skippedCount: 1, total: 12 });
    expect(result.skipped).toEqual([expect.stringMatching(/^feed\.jsonl\.gz line 11: not JSON/)]);
    expect(await ids(store)).toEqual(Array.from({ length: 10 }, (_, i) => `s${i}`));
    expect(progress.at(-1)).toMatchObject({ bytesRead: gz.length, bytesTotal: gz.length, added: 10, batches: 3 });
    // Counts never go backwards.
    for (const k of ['bytesRead', 'bytesCommitted', 'added', 'batches'] as const)
      expect(progress.map((p) => p[k])).toEqual(progress.map((p) => p[k]).sort((a, b) => a - b));
    const last = (await store.lastImport())!;
    expect(last).toMatchObject({ state: 'finished', runId: 'run-1', added: 10, skipped: 1, total: 12 });
    expect(lastImportText(last)).toMatch(/of feed\.jsonl\.gz: 10 articles added, 1 left out; 12 in the corpus\.$/);
  });

  it('keeps the batches read before a cut-short gzip, and says how many', async () => {
    const { store, deps } = await setup();
    const gz = gzipSync(jsonl(40));
    const cut = gz.subarray(0, Math.floor(gz.length * 0.8));
    const error = await runStreamImport({ files: [{ name: 'feed.jsonl.gz', blob: new Blob([cut]) }] }, deps).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StreamImportError);
    const added = (error as StreamImportError).added;
    expect((error as Error).message).toMatch(/^feed\.jsonl\.gz: the gzip data is damaged or cut short/);
    expect(added).toBeGreaterThan(0);
    expect(added % 4).toBe(0); // whole batches only
    expect(await ids(store)).toHaveLength(added);
    const last = (await store.lastImport())!;
    expect(last).toMatchObject({ state: 'failed', stream: { addedBefore: added, more: true } });
    expect(lastImportText(last)).toContain(`${added} of its articles were added; the rest were not.`);
  });

  it('imported again, adds nothing and says so', async () => {
    const { deps } = await setup();
    const file = { name: 'feed.jsonl', blob: new Blob([jsonl(6)]) };
    await runStreamImport({ files: [file] }, deps);
    await expect(runStreamImport({ files: [file] }, deps)).rejects.toThrow(
      /^Nothing new to import: all 6 articles were left out/,
    );
  });

  it('imports the review list first, then the files', async () => {
    const { store, deps } = await setup();
    const doc = { id: 'r1', title: 'Reviewed', text: 'Ana Ruiz spoke in Quito.' };
    const result = await runStreamImport(
      { files: [{ name: 'feed.jsonl', blob: new Blob([jsonl(3)]) }], batch: { docs: [doc], packs: [] } },
      deps,
    );
    expect(result.added).toBe(4);
    expect((await store.readActive())!.pack.documents.map((d) => d.id).slice(-4)).toEqual(['r1', 's0', 's1', 's2']);
  });
});

describe('settleStreamRun, once the worker is gone', () => {
  const stream = { files: ['feed.jsonl.gz'], bytesRead: 500, bytesTotal: 2000, skippedBefore: 2, more: true };
  const started: ImportStatus = { state: 'started', runId: 'run-1', startedAt: '2026-01-01T00:00:00Z', offered: 4 };

  it('a batch cut short: the batches before it count, the record says cancelled with them', async () => {
    const { store } = await setup();
    await store.setLastImport({ ...started, generation: 'g-never-written', stream: { ...stream, addedBefore: 8 } });
    const end = await settleStreamRun(store, 'run-1', { how: 'cancelled' });
    expect(end).toMatchObject({ added: 8, complete: false, status: { state: 'cancelled' } });
    expect(lastImportText(end.status!)).toMatch(
      /was cancelled \(500 B of 2\.0 KB read\): 8 of its articles were added; the rest were not\.$/,
    );
  });

  it('stopped right after a batch was committed: that batch counts too', async () => {
    const { store } = await setup();
    await store.setLastImport({
      ...started,
      state: 'finished',
      added: 4,
      skipped: 1,
      stream: { ...stream, addedBefore: 8 },
    });
    const end = await settleStreamRun(store, 'run-1', { how: 'cancelled' });
    expect(end).toMatchObject({
      added: 12,
      complete: false,
      status: { state: 'cancelled', stream: { addedBefore: 12, skippedBefore: 3 } },
    });
  });

  it('a page reopened after its tab was closed mid-run reads the truth', async () => {
    const { store } = await setup();
    await store.setLastImport({ ...started, stream: { ...stream, addedBefore: 3000 } });
    // Nobody holds the lock: the store settles the record as the options page reads it.
    const { lastImport } = await store.status();
    expect(lastImport).toMatchObject({ state: 'interrupted' });
    expect(lastImportText(lastImport!)).toContain('3,000 of its articles were added; the rest were not.');
  });
});

describe('runStreamImport with extraction workers', () => {
  it('builds the same corpus as extraction in one thread, and ends its workers', async () => {
    const file = () => [{ name: 'feed.jsonl', blob: new Blob([jsonl(12)]) }];
    const one = await setup(new HeldParts());
    await runStreamImport({ files: file() }, one.deps);
    const workers: ReturnType<typeof fakeWorker>[] = [];
    const pool = new ExtractPool({
      size: 3,
      minChars: 0,
      create: () => workers[workers.push(fakeWorker()) - 1]! as unknown as WorkerLike,
    });
    const many = await setup(new HeldParts());
    await runStreamImport({ files: file() }, { ...many.deps, pool });
    expect(workers).toHaveLength(3);
    expect(workers[0]!.requests.filter((r) => r === 'link')).toHaveLength(3); // one per batch of 4
    expect(workers.every((w) => w.terminated)).toBe(true);
    const a = (await one.store.readActive())!.pack;
    const b = (await many.store.readActive())!.pack;
    for (const k of ['documents', 'passages', 'entities', 'mentions', 'quotes'] as const) expect(b[k]).toEqual(a[k]);
  });

  it('extracts each batch while the one before is written, and stores exactly the batch-by-batch corpus', async () => {
    // Batches of 4 articles, a name shared across them (Ana Ruiz …), one duplicate of an earlier
    // batch's article in the last batch: extracted ahead without it, as the import's dedupe leaves it out.
    const lines = [...Array.from({ length: 14 }, (_, i) => article(i)), article(3)];
    const file = () => [{ name: 'feed.jsonl', blob: new Blob([lines.join('\n')]) }];
    const one = await setup(new HeldParts());
    const sequential = await runStreamImport({ files: file() }, one.deps);
    const workers: ReturnType<typeof fakeWorker>[] = [];
    const pool = new ExtractPool({
      size: 2,
      minChars: 0,
      create: () => workers[workers.push(fakeWorker()) - 1]! as unknown as WorkerLike,
    });
    const many = await setup(new HeldParts());
    const ahead = await runStreamImport({ files: file() }, { ...many.deps, pool });
    // Batch 1 is extracted when asked; 2, 3 and 4 ahead, and used.
    expect(ahead.phases).toMatchObject({ 'ahead.used': 3, 'ahead.missed': 0 });
    expect(workers[0]!.requests.filter((r) => r === 'link')).toHaveLength(4);
    expect(sequential.phases).toMatchObject({ 'ahead.used': 0, 'ahead.missed': 0 });
    expect(ahead).toMatchObject({ added: 14, skippedCount: 1, total: sequential.total });
    expect(workers.every((w) => w.terminated)).toBe(true);
    const a = (await one.store.readActive())!.pack;
    const b = (await many.store.readActive())!.pack;
    for (const k of ['documents', 'passages', 'entities', 'mentions', 'quotes'] as const) expect(b[k]).toEqual(a[k]);
    const [sa, sb] = [(await one.store.readManifest())!, (await many.store.readManifest())!];
    expect(sb.manifest.entities).toEqual(sa.manifest.entities);
    expect(JSON.stringify(sb.manifest.extraction, typedArrays)).toEqual(
      JSON.stringify(sa.manifest.extraction, typedArrays),
    );
  });

  it('stops extracting ahead when the store hands back other objects than it was given', async () => {
    // No held parts: every batch reads its table and state from the store, new objects each time.
    const workers: ReturnType<typeof fakeWorker>[] = [];
    const pool = new ExtractPool({
      size: 2,
      minChars: 0,
      create: () => workers[workers.push(fakeWorker()) - 1]! as unknown as WorkerLike,
    });
    const { deps } = await setup();
    const result = await runStreamImport(
      { files: [{ name: 'feed.jsonl', blob: new Blob([jsonl(20)]) }] },
      { ...deps, pool },
    );
    expect(result).toMatchObject({ added: 20, phases: { 'ahead.used': 0, 'ahead.missed': 1 } });
    // Five batches, one extraction each, plus the one wasted ahead.
    expect(workers[0]!.requests.filter((r) => r === 'link')).toHaveLength(6);
  });
});
