import { describe, expect, it, vi } from 'vitest';
import { parseFile } from '../../import/parse-file';
import type { ImportBatch } from '../../import/merge';
import { createImportModel, type ImportApi } from './import-model';

/** For tests of small files: nothing may be streamed. */
const noStream: ImportApi['startStream'] = () => {
  throw new Error('no file here is imported as a stream');
};

const line = (id: string) =>
  JSON.stringify({ id, title: `Article ${id}`, text: `Ana Ruiz met Tom Berg in Lima (${id}).` });

describe('the import model', () => {
  it('does not start while picked files are still being read, then imports them all', async () => {
    const reads: (() => void)[] = [];
    const batches: ImportBatch[] = [];
    const api: ImportApi = {
      read: (file) =>
        new Promise((resolve) => reads.push(() => void file.arrayBuffer().then((b) => resolve(new Uint8Array(b))))),
      parse: (name, bytes) => parseFile(name, bytes),
      start: (batch) => {
        batches.push(batch);
        return { done: new Promise(() => undefined), cancel: () => Promise.resolve(false) };
      },
      requestOrigin: () => Promise.resolve(true),
      fetchUrl: () => Promise.reject(new Error('offline')),
      startStream: noStream,
      changed: () => Promise.resolve(),
    };
    const model = createImportModel(api);
    const files = [new File([line('a')], 'a.jsonl'), new File([line('b')], 'b.jsonl')];
    const adding = model.addFiles(files);
    reads.shift()!();
    await expect.poll(() => model.offered.value).toBe(1);
    expect(model.reading.value).toBe(true);
    void model.start(); // the user clicks too early: nothing happens
    expect(batches).toEqual([]);
    reads.shift()!();
    await adding;
    expect(model.reading.value).toBe(false);
    void model.start();
    expect(batches.map((b) => b.docs.map((d) => d.id))).toEqual([['a', 'b']]);
  });

  it('refreshes the panels after a cancel is recorded, not before', async () => {
    const events: string[] = [];
    let recordCancel: (swapped: boolean) => void = () => undefined;
    let failRun: (error: Error) => void = () => undefined;
    const api: ImportApi = {
      read: async (file) => new Uint8Array(await file.arrayBuffer()),
      parse: (name, bytes) => parseFile(name, bytes),
      start: () => ({
        done: new Promise((_resolve, reject) => (failRun = reject)),
        cancel: () => {
          // The worker stops at once; the store records the cancellation a moment later.
          failRun(new Error('cancelled'));
          return new Promise((resolve) => (recordCancel = (swapped) => (events.push('recorded'), resolve(swapped))));
        },
      }),
      requestOrigin: () => Promise.resolve(true),
      fetchUrl: () => Promise.reject(new Error('offline')),
      startStream: noStream,
      changed: () => (events.push('refreshed'), Promise.resolve()),
    };
    const model = createImportModel(api);
    await model.addFiles([new File([line('a')], 'a.jsonl')]);
    const running = model.start();
    const cancelling = model.cancel();
    await running;
    recordCancel(false);
    await cancelling;
    // The storage panel reads the store when refreshed: only after the record does it say "cancelled".
    expect(events).toEqual(['recorded', 'refreshed']);
    expect(model.run.value).toEqual({ status: 'cancelled', swapped: false });
  });
});

describe('the import model’s problems and prompts', () => {
  const base = (over: Partial<ImportApi> = {}): ImportApi => ({
    read: async (file) => new Uint8Array(await file.arrayBuffer()),
    parse: (name, bytes) => parseFile(name, bytes),
    start: () => ({
      done: Promise.resolve({ generation: 'g', added: 1, skipped: [], total: 4, ms: 1 }),
      cancel: () => Promise.resolve(false),
    }),
    requestOrigin: () => Promise.resolve(true),
    fetchUrl: () => Promise.reject(new Error('offline')),
    startStream: noStream,
    changed: () => Promise.resolve(),
    ...over,
  });

  it('keeps the problem list after a good import, until it is dismissed', async () => {
    const model = createImportModel(base());
    await model.addFiles([new File(['{"not":"a pack"'], 'broken.json'), new File([line('a')], 'a.jsonl')]);
    expect(model.errors.value).toHaveLength(1);
    await model.start();
    expect(model.run.value.status).toBe('done');
    expect(model.items.value).toEqual([]);
    expect(model.errors.value).toHaveLength(1);
    model.dismissErrors();
    expect(model.errors.value).toEqual([]);
  });

  it('gives up on a permission prompt that is never answered, and fetches nothing', async () => {
    vi.useFakeTimers();
    try {
      const fetched: string[] = [];
      const model = createImportModel(
        base({
          requestOrigin: () => new Promise(() => undefined),
          fetchUrl: (url) => (fetched.push(url), Promise.reject(new Error('no'))),
          promptTimeoutMs: 1_000,
        }),
      );
      const adding = model.addUrl('https://news.example.com/a.html');
      expect(model.pendingPrompt.value?.host).toBe('news.example.com');
      await vi.advanceTimersByTimeAsync(1_000);
      await adding;
      expect(model.pendingPrompt.value).toBeNull();
      expect(model.reading.value).toBe(false);
      expect(model.errors.value).toEqual([expect.stringContaining('got no answer in 1 s')]);
      expect(fetched).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('says the browser refused when it did', async () => {
    const model = createImportModel(base({ requestOrigin: () => Promise.resolve(false) }));
    await model.addUrl('https://news.example.com/a.html');
    expect(model.errors.value).toEqual([expect.stringContaining('news.example.com: the browser refused access')]);
  });
});

describe('streamed files in the import model', () => {
  const api = (over: Partial<ImportApi> = {}): ImportApi => ({
    read: async (file) => new Uint8Array(await file.arrayBuffer()),
    parse: (name, bytes) => parseFile(name, bytes),
    start: () => {
      throw new Error('streamed files go to startStream');
    },
    startStream: noStream,
    requestOrigin: () => Promise.resolve(true),
    fetchUrl: () => Promise.reject(new Error('offline')),
    changed: () => Promise.resolve(),
    ...over,
  });

  it('takes a .jsonl.gz as a file to stream instead of refusing it, and reads nothing of it', async () => {
    const reads: string[] = [];
    const model = createImportModel(api({ read: (f) => (reads.push(f.name), Promise.resolve(new Uint8Array())) }));
    await model.addFiles([new File([new Uint8Array([0x1f, 0x8b, 8])], 'feed.jsonl.gz')]);
    expect(model.errors.value).toEqual([]);
    expect(model.streams.value.map((f) => f.name)).toEqual(['feed.jsonl.gz']);
    expect(reads).toEqual([]);
  });

  it('streams a .jsonl too big for the review list, whatever its size', async () => {
    const model = createImportModel(api());
    const big = { name: 'big.jsonl', size: 114 * 1024 * 1024 } as File;
    await model.addFiles([big]);
    expect(model.errors.value).toEqual([]);
    expect(model.streams.value).toEqual([big]);
  });

  it('reloads the background after each committed batch and says truthfully what a cancel left', async () => {
    let progress: Parameters<ImportApi['startStream']>[2] = () => undefined;
    const reloads: number[] = [];
    const model = createImportModel(
      api({
        batchCommitted: () => (reloads.push(1), Promise.resolve()),
        startStream: (_files, _batch, onProgress) => {
          progress = onProgress;
          return {
            done: new Promise(() => undefined),
            cancel: () => Promise.resolve({ swapped: false, added: 3000 }),
          };
        },
      }),
    );
    await model.addFiles([new File(['x'], 'feed.jsonl.gz')]);
    void model.start();
    const s = {
      files: ['feed.jsonl.gz'],
      bytesRead: 100,
      bytesTotal: 400,
      bytesCommitted: 100,
      added: 3000,
      skipped: 0,
      batches: 1,
      batchDocs: 0,
    };
    progress({ phase: 'reading', done: 0, total: 0 }, s);
    // A late message with smaller counts does not move them backwards.
    progress({ phase: 'reading', done: 0, total: 0 }, { ...s, bytesRead: 50, added: 10 });
    const run = model.run.value;
    expect(run.status === 'running' && run.stream).toMatchObject({ bytesRead: 100, added: 3000 });
    expect(run.status === 'running' ? (run.estimate?.leftMs ?? 0) : -1).toBeGreaterThanOrEqual(0);
    expect(reloads).toEqual([1]);
    await model.cancel();
    expect(model.run.value).toEqual({ status: 'cancelled', swapped: false, added: 3000 });
  });
});
