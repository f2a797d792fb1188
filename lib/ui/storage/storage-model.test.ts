import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CorpusStatus } from '../../messages/protocol';
import type { ImportStatus } from '../../store/types';
import { createStorageModel } from './storage-model';

const status = (lastImport: ImportStatus | null, persisted = false): CorpusStatus => ({
  source: 'store',
  generation: 'g1',
  counts: { documents: 3, entities: 4, quotes: 5, passages: 6, mentions: 7 },
  lastImport,
  storage: { usage: 1, quota: 10, persisted },
});
const running: ImportStatus = { runId: 'r', state: 'started', startedAt: '2026-01-01T00:00:00Z', offered: 2 };
const finished: ImportStatus = { ...running, state: 'finished', endedAt: '2026-01-01T00:01:00Z', added: 2, total: 5 };

describe('the storage model', () => {
  afterEach(() => void vi.useRealTimers());

  it('reads the store again while it says an import is running, and stops once it has ended', async () => {
    vi.useFakeTimers();
    const answers = [status(running), status(running), status(finished)];
    let reads = 0;
    const model = createStorageModel({
      status: () => Promise.resolve(answers[Math.min(reads++, answers.length - 1)]!),
      persist: () => Promise.resolve(false),
      recheckMs: 1_000,
    });
    await model.load();
    expect(model.state.value).toMatchObject({ status: 'ready', corpus: { lastImport: { state: 'started' } } });
    await vi.advanceTimersByTimeAsync(2_000);
    expect(model.state.value).toMatchObject({ corpus: { lastImport: { state: 'finished' } } });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(reads).toBe(3);
  });

  it('shows what the browser answered to “Keep it”, and nothing before it is pressed', async () => {
    let granted = false;
    const model = createStorageModel({
      status: () => Promise.resolve(status(null, granted)),
      persist: () => Promise.resolve(granted),
    });
    await model.persistQuietly();
    expect(model.persistAnswer.value).toBeNull();
    await model.persist();
    expect(model.persistAnswer.value).toEqual({ state: 'refused' });
    granted = true;
    await model.persist();
    expect(model.persistAnswer.value).toEqual({ state: 'granted' });
    expect(model.state.value).toMatchObject({ corpus: { storage: { persisted: true } } });
  });

  it('says so when the browser has no such request', async () => {
    const model = createStorageModel({
      status: () => Promise.resolve(status(null)),
      persist: () => Promise.resolve(null),
    });
    await model.persist();
    expect(model.persistAnswer.value).toEqual({ state: 'unsupported' });
  });
});
