/**
 * How long each record the service worker reads at a restart takes to come back from
 * IndexedDB, read alone from an extension page of a profile (get → result, which includes
 * the structured clone): the manifest, the entity table base, the names index, and each
 * segment's record, model and text index, three rounds. Says which record a restart waits for.
 *
 *   npx tsx tests/tools/restart-records.ts --profile DIR --extension DIR
 *
 * The profile is copied first (left as it was) and must have been made with that extension
 * (tests/support/profile-worker.ts). Prints ms per round and the load average.
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { launchWithExtension } from '../support/browser';
import { checkProfileWorker } from '../support/profile-worker';

const { values } = parseArgs({ options: { profile: { type: 'string' }, extension: { type: 'string' } } });
if (!values.profile || !values.extension)
  throw new Error('restart-records: --profile DIR and --extension DIR are required');
const worker = checkProfileWorker(values.profile, values.extension);
if (!worker.ok) throw new Error(`restart-records: ${worker.why}`);
const copy = await mkdtemp(path.join(tmpdir(), 'dossier-records-'));
await cp(values.profile, copy, { recursive: true, filter: (s) => !path.basename(s).startsWith('Singleton') });
const session = await launchWithExtension({
  userDataDir: copy,
  extensionPath: values.extension,
  workerTimeoutMs: 60_000,
});
try {
  const page = await session.context.newPage();
  await page.goto(`chrome-extension://${session.extensionId}/popup.html`);
  const out = await page.evaluate(`(async () => {
    const db = await new Promise((res, rej) => { const r = indexedDB.open('dossier-corpus'); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
    const get = (store, key) => new Promise((res, rej) => { const t0 = performance.now(); const r = db.transaction(store).objectStore(store).get(key); r.onsuccess = () => { const v = r.result; res([performance.now() - t0, v]); }; r.onerror = () => rej(r.error); });
    const [, active] = await get('meta', 'active');
    const [, gen] = await get('generations', active.generation);
    const [, man] = await get('chunks', [gen.id, 0]);
    const m = man.data;
    const keys = { manifest: ['chunks', [gen.id, 0]], 'table base': ['chunks', [m.table.base, 0]], 'names json': ['chunks', [m.table.base, 1]] };
    for (const sid of m.segments) { keys['segment record ' + sid] = ['segments', sid]; keys['segment model ' + sid] = ['chunks', [sid, 0]]; keys['segment text index ' + sid] = ['chunks', [sid, 1]]; }
    const res = {};
    for (let round = 0; round < 3; round++) for (const [k, [st, key]] of Object.entries(keys)) { const [ms] = await get(st, key); (res[k] ??= []).push(Math.round(ms)); }
    return res;
  })()`);
  console.log(`load ${loadavg()[0]!.toFixed(1)}`);
  for (const [k, v] of Object.entries(out as Record<string, number[]>)) console.log(k.padEnd(50), v.join(' '));
} finally {
  await session.close();
  await rm(copy, { recursive: true, force: true });
}
