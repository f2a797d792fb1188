import { describe, expect, it } from 'vitest';
import { parseFile } from '../../import/parse-file';
import type { ImportBatch } from '../../import/merge';
import { createImportModel, type ImportApi } from './import-model';

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
