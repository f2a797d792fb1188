import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { extractIncrement, extractWithState } from '../corpus/increment';
import { defaultLexicon } from '../corpus/lexicon';
import type { SourceDocument } from '../corpus/types';
import { ExtractPool, poolSize, type WorkerLike } from './extract-pool';
import { fakeWorker } from './test-extract-worker';

const fixture = JSON.parse(
  fs.readFileSync(path.join(__dirname, '../corpus/fixtures/wikinews-sample.json'), 'utf8'),
) as { documents: { title?: string; text: string }[] };
const docs: SourceDocument[] = fixture.documents.map((d, i) => ({ id: `fx-${i}`, title: d.title ?? '', text: d.text }));
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_k, v: unknown) =>
    ArrayBuffer.isView(v) ? { [v.constructor.name]: Array.from(v as unknown as ArrayLike<number>) } : v,
  );

const asWorker = (w: ReturnType<typeof fakeWorker>) => w as unknown as WorkerLike;

describe('the extraction pool', () => {
  const first = docs.slice(0, 2);
  const batch = docs.slice(2);
  const base = extractWithState(first, defaultLexicon);
  const expected = canonical(extractIncrement(batch, defaultLexicon, base.knowledge.entities, base.state));
  const run = (pool: ExtractPool) => pool.extract(batch, defaultLexicon, base.knowledge.entities, base.state);

  it('runs the passes on its workers, with the single-thread result', async () => {
    const workers: ReturnType<typeof fakeWorker>[] = [];
    const pool = new ExtractPool({
      size: 2,
      minChars: 0,
      create: () => asWorker(workers[workers.push(fakeWorker()) - 1]!),
    });
    expect(canonical(await run(pool))).toBe(expected);
    expect(pool.fallback).toBeUndefined();
    expect(workers.map((w) => w.requests)).toEqual([
      ['analyse', 'names', 'link'],
      ['analyse', 'names', 'link'],
    ]);
    // The workers stay for the next batch; terminate ends them.
    expect(canonical(await run(pool))).toBe(expected);
    expect(workers).toHaveLength(2);
    // Where its time went: the serial steps here, and the wait on each pass.
    expect(Object.keys(pool.phases()).sort()).toEqual([
      'extract.analyse',
      'extract.link',
      'extract.names',
      'extract.serial',
    ]);
    pool.terminate();
    expect(workers.every((w) => w.terminated)).toBe(true);
  });

  it('says which batches it would give its workers', () => {
    const pool = new ExtractPool({ size: 2, minChars: 1000, create: () => asWorker(fakeWorker()) });
    const long = [docs[0]!, { ...docs[1]!, text: 'x'.repeat(1000) }];
    expect(pool.usesWorkers(long, defaultLexicon)).toBe(true);
    expect(pool.usesWorkers(long.slice(0, 1), defaultLexicon)).toBe(false); // one article
    expect(
      pool.usesWorkers(
        [docs[0]!, docs[1]!].map((d) => ({ ...d, text: 'short' })),
        defaultLexicon,
      ),
    ).toBe(false);
    expect(pool.usesWorkers(long, { ...defaultLexicon })).toBe(false); // the workers know only the bundled lexicon
    expect(new ExtractPool({ size: 1 }).usesWorkers(long, defaultLexicon)).toBe(false);
  });

  it('extracts in this thread when workers cannot start, and stops trying', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const create = vi.fn(() => {
      throw new Error('Worker is not defined');
    });
    const pool = new ExtractPool({ size: 2, minChars: 0, create });
    expect(canonical(await run(pool))).toBe(expected);
    expect(canonical(await run(pool))).toBe(expected);
    expect(create).toHaveBeenCalledTimes(1);
    expect(pool.fallback).toBe('Worker is not defined');
    warn.mockRestore();
  });

  it('falls back when a worker never starts or fails in the middle of a batch', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const silent = new ExtractPool({
      size: 2,
      minChars: 0,
      readyMs: 50,
      create: () => asWorker(fakeWorker({ silent: true })),
    });
    expect(canonical(await run(silent))).toBe(expected);
    expect(silent.fallback).toMatch(/did not start/);
    const dying: ReturnType<typeof fakeWorker>[] = [];
    const failing = new ExtractPool({
      size: 2,
      minChars: 0,
      create: () => asWorker(dying[dying.push(fakeWorker(dying.length === 1 ? { fail: 'names' } : {})) - 1]!),
    });
    expect(canonical(await run(failing))).toBe(expected);
    expect(failing.fallback).toMatch(/out of memory/);
    expect(dying.every((w) => w.terminated)).toBe(true);
    warn.mockRestore();
  });

  it('starts no worker for a small batch, one hardware thread, or where Worker does not exist', async () => {
    const create = vi.fn(() => asWorker(fakeWorker()));
    expect(canonical(await run(new ExtractPool({ size: 2, create })))).toBe(expected); // under POOL_MIN_CHARS
    expect(canonical(await run(new ExtractPool({ size: 1, minChars: 0, create })))).toBe(expected);
    expect(create).not.toHaveBeenCalled();
    expect(new ExtractPool({ size: 1 }).fallback).toBe('one hardware thread');
    // Node has no global Worker: the stream import's tests and tools extract in their own thread.
    expect(new ExtractPool({ size: 2 }).fallback).toBe('no Worker in this scope');
  });

  it('sizes itself by the hardware threads, 1 to 4', () => {
    expect(poolSize(undefined)).toBe(1);
    expect(poolSize(0)).toBe(1);
    expect(poolSize(2)).toBe(2);
    expect(poolSize(16)).toBe(4);
  });
});
