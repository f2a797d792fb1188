// What the options page says about an import comes from the store, and is true:
// a swapped corpus is never reported as a failure, a dead import never as running.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { defaultLexicon } from '../corpus/lexicon';
import { makeTestPack } from '../query/test-pack';
import { CorpusStore } from '../store/corpus-store';
import { localLock } from '../store/lock';
import { runImport, type ImportDeps } from './run-import';
import { resultOfStatus, settleRun } from './run-status';

let n = 0;
async function setup() {
  const store = await CorpusStore.open({ name: `run-status-${n++}`, lock: localLock() });
  const deps: ImportDeps = {
    store,
    loadBundled: () => Promise.resolve(makeTestPack()),
    lexicon: defaultLexicon,
    generator: 'test',
  };
  return { store, deps };
}
const article = { id: 'n1', title: 'Berg in Quito', text: 'Tom Berg arrived in Quito on Monday.' };

/** Makes the store's clean-up of old generations fail from the moment `arm` is called. */
function failCleanUp(store: CorpusStore): () => void {
  let armed = false;
  const target = store as unknown as { deleteGenerations: (which: (id: string) => boolean) => Promise<string[]> };
  const original = target.deleteGenerations.bind(store);
  target.deleteGenerations = (which) => (armed ? Promise.reject(new Error('the worker stopped')) : original(which));
  return () => (armed = true);
}

function quota(): Error {
  return Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' });
}

describe('the recorded import status', () => {
  it('is finished, not failed, when something breaks after the new corpus became active', async () => {
    const { store, deps } = await setup();
    const arm = failCleanUp(store);
    const outcome = await runImport(
      { docs: [article], packs: [] },
      { ...deps, onProgress: (p) => p.phase === 'verifying' && arm() },
    ).then(
      () => 'reported done',
      (error: unknown) => `reported failed: ${String(error)}`,
    );
    const status = await store.status();
    expect(status.counts?.documents).toBe(3); // the new corpus answers…
    expect(status.lastImport?.state).toBe('finished'); // …and the record says so
    expect(outcome).toBe('reported done');
  });

  it('is written in the transaction that activates the corpus', async () => {
    const { store, deps } = await setup();
    const result = await runImport({ docs: [article], packs: [] }, { ...deps, runId: 'r-1' });
    const status = await store.status();
    expect(status.lastImport).toMatchObject({ state: 'finished', runId: 'r-1', generation: status.generation });
    expect(resultOfStatus(status.lastImport!)).toMatchObject({ generation: result.generation, added: 1, total: 3 });
  });

  it('never stays "started" after a quota error, even when the failure cannot be written', async () => {
    const { store, deps } = await setup();
    store.write = () => Promise.reject(quota());
    store.setLastImport = ((original) => (s) => (s.state === 'started' ? original(s) : Promise.reject(quota())))(
      store.setLastImport.bind(store),
    );
    await expect(runImport({ docs: [article], packs: [] }, deps)).rejects.toThrow(/storage space/);
    const status = await store.status();
    expect(status.lastImport?.state).not.toBe('started');
    expect(status.generation).toBeNull();
  });

  it('says the disk is full in words a user can act on', async () => {
    const { store, deps } = await setup();
    store.write = () => Promise.reject(quota());
    await expect(runImport({ docs: [article], packs: [] }, deps)).rejects.toThrow(/Free some disk space/);
    const last = await store.lastImport();
    expect(last?.state).toBe('failed');
    expect(last?.error).toMatch(/storage space/);
  });

  it('is not "running" once the import\'s tab is gone (nobody holds the write lock)', async () => {
    const { store } = await setup();
    await store.setLastImport({ state: 'started', startedAt: '2026-01-01T00:00:00.000Z', offered: 5 });
    expect((await store.status()).lastImport).toMatchObject({ state: 'interrupted', offered: 5 });
  });

  it('is "running" while the import holds the write lock', async () => {
    const { store } = await setup();
    await store.withWriteLock(async () => {
      await store.setLastImport({ state: 'started', startedAt: '2026-01-01T00:00:00.000Z', offered: 5 });
      expect((await store.status()).lastImport?.state).toBe('started');
    });
  });
});

describe('settleRun (the page, when its worker did not say done)', () => {
  it('reports a run whose corpus is active as done, with its result', async () => {
    const { store, deps } = await setup();
    await runImport({ docs: [article], packs: [] }, { ...deps, runId: 'r-2' });
    const status = await settleRun(store, 'r-2', { how: 'failed', message: 'the import worker stopped' });
    expect(status?.state).toBe('finished');
    expect(resultOfStatus(status!)).toMatchObject({ added: 1, total: 3 });
  });

  it('records a run stopped before its swap as cancelled or failed, and drops what it wrote', async () => {
    const { store } = await setup();
    const old = await store.commit(makeTestPack());
    await store.setLastImport({
      state: 'started',
      runId: 'r-3',
      startedAt: '2026-01-01T00:00:00.000Z',
      offered: 1,
      generation: 'g-half',
    });
    expect(await settleRun(store, 'r-3', { how: 'cancelled' })).toMatchObject({ state: 'cancelled' });
    expect((await store.status()).generation).toBe(old);
    await store.setLastImport({ state: 'started', runId: 'r-4', startedAt: '2026-01-01T00:00:00.000Z', offered: 1 });
    expect(await settleRun(store, 'r-4', { how: 'failed', message: 'stopped' })).toMatchObject({
      state: 'failed',
      error: 'stopped',
    });
  });

  it("leaves another run's record alone", async () => {
    const { store, deps } = await setup();
    await runImport({ docs: [article], packs: [] }, { ...deps, runId: 'r-5' });
    expect(await settleRun(store, 'r-6', { how: 'cancelled' })).toBeNull();
    expect(await store.lastImport()).toMatchObject({ runId: 'r-5', state: 'finished' });
  });
});
